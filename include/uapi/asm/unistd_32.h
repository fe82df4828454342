/*
 * Linux's i386 system-call numbers (arch/x86/entry/syscalls/syscall_32.tbl,
 * generated into asm/unistd_32.h): those this kernel implements. Shared by
 * the kernel's dispatcher and user/lib's wrappers.
 */
#ifndef UAPI_ASM_UNISTD_32_H
#define UAPI_ASM_UNISTD_32_H

#define __NR_exit 1
#define __NR_fork 2
#define __NR_read 3
#define __NR_write 4
#define __NR_open 5
#define __NR_close 6
#define __NR_waitpid 7
#define __NR_unlink 10
#define __NR_execve 11
#define __NR_chdir 12
#define __NR_lseek 19
#define __NR_getpid 20
#define __NR_pause 29
#define __NR_kill 37
#define __NR_rename 38
#define __NR_mkdir 39
#define __NR_rmdir 40
#define __NR_dup 41
#define __NR_pipe 42
#define __NR_times 43
#define __NR_brk 45
#define __NR_dup2 63
#define __NR_getppid 64
#define __NR_getrusage 77
#define __NR_swapon 87
#define __NR_reboot 88
#define __NR_munmap 91
#define __NR_wait4 114
#define __NR_swapoff 115
#define __NR_sigreturn 119
#define __NR_uname 122
#define __NR_mprotect 125
#define __NR_sched_yield 158
#define __NR_nanosleep 162
#define __NR_rt_sigreturn 173
#define __NR_rt_sigaction 174
#define __NR_rt_sigprocmask 175
#define __NR_getcwd 183
#define __NR_mmap2 192
#define __NR_stat64 195
#define __NR_lstat64 196
#define __NR_fstat64 197
#define __NR_getdents64 220
#define __NR_gettid 224
#define __NR_exit_group 252
#define __NR_clock_gettime 265

/*
 * Calls of Tidemark's own, which Linux does not have, take numbers from
 * here up: far past Linux's table (462 in 6.12), so Linux never reuses
 * them and answers ENOSYS there (docs/extending.md). None exists yet.
 */
#define __NR_tidemark_base 1024

#endif
