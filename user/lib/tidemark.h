/*
 * Tidemark's own system calls (uapi/linux/tidemark.h; docs/extending.md).
 * On another kernel (Linux) they fail with errno ENOSYS: a program can
 * tell and carry on without them.
 */
#ifndef ULIB_TIDEMARK_H
#define ULIB_TIDEMARK_H

#include <uapi/linux/tidemark.h>

/* The kernel's view of the caller's page at addr; 0, or -1 and errno (EINVAL, EFAULT, ENOSYS). */
int tidemark_pageinfo(const void *addr, struct tidemark_pageinfo *info);

#endif
