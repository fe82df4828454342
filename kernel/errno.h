/* errno numbers (the ABI, in include/uapi) and the kernel's ERR_PTR helpers. */
#ifndef KERNEL_ERRNO_H
#define KERNEL_ERRNO_H

#include "uapi/asm-generic/errno.h"

/*
 * Linux's kernel-only codes (include/linux/errno.h): a system call that
 * slept and was woken by a signal returns one of these, and the signal
 * code turns it into EINTR or restarts the call (kernel/signal_32.c:
 * handle_signal). They never reach user mode.
 */
#define ERESTARTSYS 512	   /* restart if the handler has SA_RESTART, or no handler ran */
#define ERESTARTNOINTR 513 /* always restart */
#define ERESTARTNOHAND 514 /* restart only if no handler ran (pause) */

/* Linux's include/linux/err.h: an error number carried in a pointer. */
#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)
static inline void *ERR_PTR(long error)
{
	return (void *)error;
}
static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}
static inline int IS_ERR(const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}

#endif
