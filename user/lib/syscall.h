/*
 * Internal to user/lib: Linux's i386 system-call numbers
 * (arch/x86/entry/syscalls/syscall_32.tbl) and the raw trap (syscall.asm).
 * Programs use the wrappers declared in unistd.h and friends.
 */
#ifndef ULIB_SYSCALL_H
#define ULIB_SYSCALL_H

#define __NR_exit 1
#define __NR_fork 2
#define __NR_read 3
#define __NR_write 4
#define __NR_open 5
#define __NR_close 6
#define __NR_waitpid 7
#define __NR_execve 11
#define __NR_chdir 12
#define __NR_lseek 19
#define __NR_getpid 20
#define __NR_kill 37
#define __NR_dup 41
#define __NR_pipe 42
#define __NR_brk 45
#define __NR_dup2 63
#define __NR_getppid 64
#define __NR_swapon 87
#define __NR_reboot 88
#define __NR_munmap 91
#define __NR_wait4 114
#define __NR_swapoff 115
#define __NR_uname 122
#define __NR_mprotect 125
#define __NR_sched_yield 158
#define __NR_nanosleep 162
#define __NR_getcwd 183
#define __NR_mmap2 192
#define __NR_getdents64 220
#define __NR_exit_group 252
#define __NR_clock_gettime 265

/* Returns eax as the kernel left it: -errno on failure. */
long __syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

#define syscall0(nr) __syscall(nr, 0, 0, 0, 0, 0, 0)
#define syscall1(nr, a) __syscall(nr, (long)(a), 0, 0, 0, 0, 0)
#define syscall2(nr, a, b) __syscall(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define syscall3(nr, a, b, c) __syscall(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define syscall4(nr, a, b, c, d) __syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define syscall6(nr, a, b, c, d, e, f)                                                             \
	__syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* A raw result in [-4095, -1] becomes errno and -1; others pass through. */
long __syscall_ret(long r);

#endif
