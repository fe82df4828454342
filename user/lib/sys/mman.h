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
int mlock(const void *addr, size_t len);
int mlock2(const void *addr, size_t len, unsigned int flags); /* MLOCK_ONFAULT */
int munlock(const void *addr, size_t len);
int mlockall(int flags); /* MCL_CURRENT, MCL_FUTURE, MCL_ONFAULT */
int munlockall(void);
int madvise(void *addr, size_t length, int advice);
void *mremap(void *old_address, size_t old_size, size_t new_size, int flags, void *new_address);
/* MS_ASYNC, MS_SYNC, MS_INVALIDATE */
int msync(void *addr, size_t length, int flags);

#endif
