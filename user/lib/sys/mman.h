/* mmap and friends, Linux's i386 values. mmap goes through mmap2 (offset in pages). */
#ifndef ULIB_SYS_MMAN_H
#define ULIB_SYS_MMAN_H

#include <sys/types.h>
#include <uapi/linux/mman.h>

#define MAP_ANON MAP_ANONYMOUS

#define MAP_FAILED ((void *)-1)

/* offset must be a multiple of the page size (EINVAL otherwise). */
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t length, int prot);

#endif
