/*
 * Internal to user/lib: Linux's i386 system-call numbers
 * (include/uapi/asm/unistd_32.h) and the raw trap (syscall.asm).
 * Programs use the wrappers declared in unistd.h and friends.
 */
#ifndef ULIB_SYSCALL_H
#define ULIB_SYSCALL_H

#include <uapi/asm/unistd_32.h>

/* Returns eax as the kernel left it: -errno on failure. */
long __syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

#define syscall0(nr) __syscall(nr, 0, 0, 0, 0, 0, 0)
#define syscall1(nr, a) __syscall(nr, (long)(a), 0, 0, 0, 0, 0)
#define syscall2(nr, a, b) __syscall(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define syscall3(nr, a, b, c) __syscall(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define syscall4(nr, a, b, c, d) __syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define syscall5(nr, a, b, c, d, e)                                                                \
	__syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define syscall6(nr, a, b, c, d, e, f)                                                             \
	__syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* A raw result in [-4095, -1] becomes errno and -1; others pass through. */
long __syscall_ret(long r);

#endif
