/* errno: Linux's numbers, shared with the kernel (they are the ABI). */
#ifndef ULIB_ERRNO_H
#define ULIB_ERRNO_H

#include <uapi/asm-generic/errno.h>

/* Set by a failing call; never cleared by a successful one (as POSIX says). */
extern int errno;

#endif
