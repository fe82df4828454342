/* open(2) and its flags, with Linux's i386 (asm-generic) values. */
#ifndef ULIB_FCNTL_H
#define ULIB_FCNTL_H

#include <sys/types.h>
#include <uapi/asm-generic/fcntl.h>

/* The third argument (mode_t) is read only with O_CREAT. */
int open(const char *path, int flags, ...);

#endif
