/*
 * The i386 system-call table (Linux's arch/x86/entry/syscall_32.c), indexed
 * by Linux's numbers (include/uapi/asm/unistd_32.h). Each w_ function takes
 * the saved registers and passes the arguments, typed, to the sys_ function
 * that does the work: ebx, ecx, edx, esi, edi, ebp are arguments 1 to 6.
 * A number with no entry goes to sys_ni_syscall (kernel/syscall.c).
 *
 * Where i386 has an old and a new form of a call (32- and 64-bit times,
 * the 16- and 32-bit ids, getrlimit and ugetrlimit), both entries are here
 * and share one implementation.
 */
#include "kernel/syscall.h"
#include "kernel/errno.h"
#include "kernel/capability.h"
#include "kernel/fork.h"
#include "kernel/futex.h"
#include "kernel/printk.h"
#include "kernel/rseq.h"
#include "kernel/signal.h"
#include "kernel/sys.h"
#include "kernel/sys_time.h"
#include "kernel/tls.h"
#include "drivers/random.h"
#include "fs/fs.h"
#include "mm/mlock.h"
#include "mm/mmap.h"
#include "mm/shmem_fs.h"
#include "ipc/shm.h"
#include "mm/swap.h"

typedef long (*syscall_fn)(struct pt_regs *regs);

#define A1(t) ((t)regs->bx)
#define A2(t) ((t)regs->cx)
#define A3(t) ((t)regs->dx)
#define A4(t) ((t)regs->si)
#define A5(t) ((t)regs->di)
#define A6(t) ((t)regs->bp)

/* One line a wrapper and a table entry: the table reads as the ABI's list. */
// clang-format off
static long w_exit(struct pt_regs *regs) { return sys_exit(A1(int)); }
static long w_fork(struct pt_regs *regs) { return do_fork(regs); }
static long w_read(struct pt_regs *regs) { return sys_read(A1(int), A2(char __user *), A3(size_t)); }
static long w_write(struct pt_regs *regs) { return sys_write(A1(int), A2(const char __user *), A3(size_t)); }
static long w_open(struct pt_regs *regs) { return sys_open(A1(const char __user *), A2(int), A3(int)); }
static long w_close(struct pt_regs *regs) { return sys_close(A1(int)); }
static long w_waitpid(struct pt_regs *regs) { return sys_wait4(A1(pid_t), A2(int __user *), A3(int), NULL); }
static long w_execve(struct pt_regs *regs) { return sys_execve(regs); }
static long w_chdir(struct pt_regs *regs) { return sys_chdir(A1(const char __user *)); }
static long w_lseek(struct pt_regs *regs) { return sys_lseek(A1(int), A2(long), A3(int)); }
static long w_getpid(struct pt_regs *regs) { (void)regs; return sys_getpid(); }
static long w_kill(struct pt_regs *regs) { return sys_kill(A1(pid_t), A2(int)); }
static long w_dup(struct pt_regs *regs) { return sys_dup(A1(int)); }
static long w_pipe(struct pt_regs *regs) { return sys_pipe(A1(int __user *)); }
static long w_brk(struct pt_regs *regs) { return sys_brk(A1(unsigned long)); }
static long w_dup2(struct pt_regs *regs) { return sys_dup2(A1(int), A2(int)); }
static long w_getppid(struct pt_regs *regs) { (void)regs; return sys_getppid(); }
static long w_swapon(struct pt_regs *regs) { return sys_swapon(A1(const char __user *), A2(int)); }
static long w_reboot(struct pt_regs *regs) { return sys_reboot(A1(unsigned long), A2(unsigned long), A3(unsigned long)); }
static long w_munmap(struct pt_regs *regs) { return sys_munmap(A1(unsigned long), A2(unsigned long)); }
static long w_wait4(struct pt_regs *regs) { return sys_wait4(A1(pid_t), A2(int __user *), A3(int), A4(struct rusage __user *)); }
static long w_times(struct pt_regs *regs) { return sys_times(A1(struct tms __user *)); }
static long w_getrusage(struct pt_regs *regs) { return sys_getrusage(A1(int), A2(struct rusage __user *)); }
static long w_unlink(struct pt_regs *regs) { return sys_unlink(A1(const char __user *)); }
static long w_rename(struct pt_regs *regs) { return sys_rename(A1(const char __user *), A2(const char __user *)); }
static long w_rmdir(struct pt_regs *regs) { return sys_rmdir(A1(const char __user *)); }
static long w_unlinkat(struct pt_regs *regs) { return sys_unlinkat(A1(int), A2(const char __user *), A3(int)); }
static long w_renameat(struct pt_regs *regs) { return sys_renameat2(A1(int), A2(const char __user *), A3(int), A4(const char __user *), 0); }
static long w_renameat2(struct pt_regs *regs) { return sys_renameat2(A1(int), A2(const char __user *), A3(int), A4(const char __user *), A5(unsigned int)); }
static long w_swapoff(struct pt_regs *regs) { return sys_swapoff(A1(const char __user *)); }
static long w_uname(struct pt_regs *regs) { return sys_newuname(A1(struct new_utsname __user *)); }
static long w_mprotect(struct pt_regs *regs) { return sys_mprotect(A1(unsigned long), A2(unsigned long), A3(unsigned long)); }
static long w_sched_yield(struct pt_regs *regs) { (void)regs; yield(); return 0; }
static long w_rt_sigaction(struct pt_regs *regs) { return sys_rt_sigaction(A1(int), A2(const struct sigaction32 __user *), A3(struct sigaction32 __user *), A4(size_t)); }
static long w_rt_sigprocmask(struct pt_regs *regs) { return sys_rt_sigprocmask(A1(int), A2(const u64 __user *), A3(u64 __user *), A4(size_t)); }
static long w_pause(struct pt_regs *regs) { (void)regs; return sys_pause(); }
static long w_sigreturn(struct pt_regs *regs) { return sys_sigreturn(regs); }
static long w_rt_sigreturn(struct pt_regs *regs) { return sys_rt_sigreturn(regs); }
static long w_mkdir(struct pt_regs *regs) { return sys_mkdir(A1(const char __user *), A2(int)); }
static long w_stat64(struct pt_regs *regs) { return sys_stat64(A1(const char __user *), A2(struct stat64 __user *)); }
static long w_lstat64(struct pt_regs *regs) { return sys_lstat64(A1(const char __user *), A2(struct stat64 __user *)); }
static long w_fstat64(struct pt_regs *regs) { return sys_fstat64(A1(int), A2(struct stat64 __user *)); }
static long w_getcwd(struct pt_regs *regs) { return sys_getcwd(A1(char __user *), A2(unsigned long)); }
static long w_mmap2(struct pt_regs *regs) { return sys_mmap_pgoff(A1(unsigned long), A2(unsigned long), A3(unsigned long), A4(unsigned long), A5(unsigned long), A6(unsigned long)); }
static long w_getdents64(struct pt_regs *regs) { return sys_getdents64(A1(int), A2(void __user *), A3(unsigned int)); }

static long w_exit_group(struct pt_regs *regs) { return sys_exit_group(A1(int)); }
static long w_set_thread_area(struct pt_regs *regs) { return sys_set_thread_area(regs, A1(struct user_desc __user *)); }
static long w_get_thread_area(struct pt_regs *regs) { return sys_get_thread_area(A1(struct user_desc __user *)); }
static long w_set_tid_address(struct pt_regs *regs) { return sys_set_tid_address(A1(int __user *)); }
static long w_clone(struct pt_regs *regs) { return sys_clone(regs, A1(unsigned long), A2(unsigned long), A3(int __user *), A4(unsigned long), A5(int __user *)); }
static long w_vfork(struct pt_regs *regs) { return sys_clone(regs, CLONE_VFORK | CLONE_VM | SIGCHLD, 0, NULL, 0, NULL); }
static long w_sethostname(struct pt_regs *regs) { return sys_sethostname(A1(const char __user *), A2(int)); }
static long w_umask(struct pt_regs *regs) { return sys_umask(A1(int)); }
static long w_getid(struct pt_regs *regs) { (void)regs; return 0; }	/* uid, gid, euid, egid: root */
static long w_setid(struct pt_regs *regs) { return sys_setid(A1(long)); }
static long w_setreid(struct pt_regs *regs) { long e = sys_setid(A1(long)); return e ? e : sys_setid(A2(long)); }
static long w_setresid(struct pt_regs *regs) { long e = sys_setid(A1(long)); e = e ? e : sys_setid(A2(long)); return e ? e : sys_setid(A3(long)); }
static long w_getresid(struct pt_regs *regs) { return sys_getresid(A1(unsigned int __user *), A2(unsigned int __user *), A3(unsigned int __user *)); }
static long w_getgroups(struct pt_regs *regs) { return sys_getgroups(A1(int), A2(unsigned int __user *)); }
static long w_setgroups(struct pt_regs *regs) { return A1(int) < 0 ? -EINVAL : 0; }	/* root may: nothing to keep */
static long w_getrlimit(struct pt_regs *regs) { return sys_getrlimit(A1(unsigned int), A2(struct rlimit32 __user *), true); }
static long w_ugetrlimit(struct pt_regs *regs) { return sys_getrlimit(A1(unsigned int), A2(struct rlimit32 __user *), false); }
static long w_setrlimit(struct pt_regs *regs) { return sys_setrlimit(A1(unsigned int), A2(const struct rlimit32 __user *)); }
static long w_prlimit64(struct pt_regs *regs) { return sys_prlimit64(A1(pid_t), A2(unsigned int), A3(const struct rlimit64 __user *), A4(struct rlimit64 __user *)); }
static long w_sysinfo(struct pt_regs *regs) { return sys_sysinfo(A1(struct sysinfo __user *)); }
static long w_time(struct pt_regs *regs) { return sys_time(A1(long __user *)); }
static long w_gettimeofday(struct pt_regs *regs) { return sys_gettimeofday(A1(struct old_timeval32 __user *), A2(struct timezone __user *)); }
static long w_settimeofday(struct pt_regs *regs) { return sys_settimeofday(A1(const struct old_timeval32 __user *), A2(const struct timezone __user *)); }
static long w_nanosleep(struct pt_regs *regs) { return sys_nanosleep(A1(const void __user *), A2(void __user *), true); }
static long w_clock_gettime(struct pt_regs *regs) { return sys_clock_gettime(A1(int), A2(void __user *), true); }
static long w_clock_gettime64(struct pt_regs *regs) { return sys_clock_gettime(A1(int), A2(void __user *), false); }
static long w_clock_settime(struct pt_regs *regs) { return sys_clock_settime(A1(int), A2(const void __user *), true); }
static long w_clock_settime64(struct pt_regs *regs) { return sys_clock_settime(A1(int), A2(const void __user *), false); }
static long w_clock_getres(struct pt_regs *regs) { return sys_clock_getres(A1(int), A2(void __user *), true); }
static long w_clock_getres_time64(struct pt_regs *regs) { return sys_clock_getres(A1(int), A2(void __user *), false); }
static long w_clock_nanosleep(struct pt_regs *regs) { return sys_clock_nanosleep(A1(int), A2(int), A3(const void __user *), A4(void __user *), true); }
static long w_clock_nanosleep_time64(struct pt_regs *regs) { return sys_clock_nanosleep(A1(int), A2(int), A3(const void __user *), A4(void __user *), false); }
static long w_futex(struct pt_regs *regs) { return sys_futex(A1(u32 __user *), A2(int), A3(u32), A4(const void __user *), A5(u32 __user *), A6(u32), true); }
static long w_futex_time64(struct pt_regs *regs) { return sys_futex(A1(u32 __user *), A2(int), A3(u32), A4(const void __user *), A5(u32 __user *), A6(u32), false); }
static long w_readv(struct pt_regs *regs) { return sys_readv(A1(int), A2(const void __user *), A3(unsigned long)); }
static long w_writev(struct pt_regs *regs) { return sys_writev(A1(int), A2(const void __user *), A3(unsigned long)); }
static long w_preadv(struct pt_regs *regs) { return sys_preadv(A1(int), A2(const void __user *), A3(unsigned long), (loff_t)((u64)A5(u32) << 32 | A4(u32))); }
static long w_pwritev(struct pt_regs *regs) { return sys_pwritev(A1(int), A2(const void __user *), A3(unsigned long), (loff_t)((u64)A5(u32) << 32 | A4(u32))); }
static long w_pread64(struct pt_regs *regs) { return sys_pread64(A1(int), A2(char __user *), A3(size_t), (loff_t)((u64)A5(u32) << 32 | A4(u32))); }
static long w_pwrite64(struct pt_regs *regs) { return sys_pwrite64(A1(int), A2(const char __user *), A3(size_t), (loff_t)((u64)A5(u32) << 32 | A4(u32))); }
static long w_llseek(struct pt_regs *regs) { return sys_llseek(A1(int), A2(unsigned long), A3(unsigned long), A4(loff_t __user *), A5(unsigned int)); }
static long w_fcntl64(struct pt_regs *regs) { return sys_fcntl64(A1(int), A2(unsigned int), A3(unsigned long)); }
static long w_dup3(struct pt_regs *regs) { return sys_dup3(A1(int), A2(int), A3(int)); }
static long w_pipe2(struct pt_regs *regs) { return sys_pipe2(A1(int __user *), A2(int)); }
static long w_ipc(struct pt_regs *regs) { return sys_ipc(A1(unsigned int), A2(int), A3(unsigned long), A4(unsigned long), A5(void __user *), A6(long)); }
static long w_shmget(struct pt_regs *regs) { return sys_shmget(A1(int), A2(size_t), A3(int)); }
static long w_shmctl(struct pt_regs *regs) { return sys_shmctl(A1(int), A2(int), A3(void __user *)); }
static long w_shmat(struct pt_regs *regs) { return sys_shmat(A1(int), A2(const void __user *), A3(int)); }
static long w_shmdt(struct pt_regs *regs) { return sys_shmdt(A1(const void __user *)); }
static long w_memfd_create(struct pt_regs *regs) { return sys_memfd_create(A1(const char __user *), A2(unsigned int)); }
static long w_ioctl(struct pt_regs *regs) { return sys_ioctl(A1(int), A2(unsigned int), A3(unsigned long)); }
static long w_mremap(struct pt_regs *regs) { return sys_mremap(A1(unsigned long), A2(unsigned long), A3(unsigned long), A4(unsigned long), A5(unsigned long)); }
static long w_madvise(struct pt_regs *regs) { return sys_madvise(A1(unsigned long), A2(unsigned long), A3(int)); }
static long w_mlock(struct pt_regs *regs) { return sys_mlock(A1(unsigned long), A2(unsigned long)); }
static long w_munlock(struct pt_regs *regs) { return sys_munlock(A1(unsigned long), A2(unsigned long)); }
static long w_mlockall(struct pt_regs *regs) { return sys_mlockall(A1(int)); }
static long w_munlockall(struct pt_regs *regs) { (void)regs; return sys_munlockall(); }
static long w_mlock2(struct pt_regs *regs) { return sys_mlock2(A1(unsigned long), A2(unsigned long), A3(int)); }
static long w_capget(struct pt_regs *regs) { return sys_capget(A1(struct __user_cap_header_struct *), A2(struct __user_cap_data_struct *)); }
static long w_capset(struct pt_regs *regs) { return sys_capset(A1(struct __user_cap_header_struct *), A2(const struct __user_cap_data_struct *)); }
static long w_msync(struct pt_regs *regs) { return sys_msync(A1(unsigned long), A2(unsigned long), A3(int)); }
static long w_tkill(struct pt_regs *regs) { return sys_tgkill(A1(pid_t), A1(pid_t), A2(int)); }
static long w_tgkill(struct pt_regs *regs) { return sys_tgkill(A1(pid_t), A2(pid_t), A3(int)); }
static long w_openat(struct pt_regs *regs) { return sys_openat(A1(int), A2(const char __user *), A3(int), A4(int)); }
static long w_mkdirat(struct pt_regs *regs) { return sys_mkdirat(A1(int), A2(const char __user *), A3(int)); }
static long w_fstatat64(struct pt_regs *regs) { return sys_fstatat64(A1(int), A2(const char __user *), A3(struct stat64 __user *), A4(int)); }
static long w_statx(struct pt_regs *regs) { return sys_statx(A1(int), A2(const char __user *), A3(int), A4(unsigned int), A5(struct statx __user *)); }
static long w_access(struct pt_regs *regs) { return sys_faccessat2(AT_FDCWD, A1(const char __user *), A2(int), 0); }
static long w_faccessat(struct pt_regs *regs) { return sys_faccessat2(A1(int), A2(const char __user *), A3(int), 0); }
static long w_faccessat2(struct pt_regs *regs) { return sys_faccessat2(A1(int), A2(const char __user *), A3(int), A4(int)); }
static long w_readlink(struct pt_regs *regs) { return sys_readlinkat(AT_FDCWD, A1(const char __user *), A2(char __user *), A3(int)); }
static long w_linkat(struct pt_regs *regs) { return sys_linkat(A1(int), A2(const char __user *), A3(int), A4(const char __user *), A5(int)); }
static long w_symlinkat(struct pt_regs *regs) { return sys_symlinkat(A1(const char __user *), A2(int), A3(const char __user *)); }
static long w_readlinkat(struct pt_regs *regs) { return sys_readlinkat(A1(int), A2(const char __user *), A3(char __user *), A4(int)); }
static long w_fchdir(struct pt_regs *regs) { return sys_fchdir(A1(int)); }
static long w_rt_sigsuspend(struct pt_regs *regs) { return sys_rt_sigsuspend(A1(const u64 __user *), A2(size_t)); }
static long w_rt_sigpending(struct pt_regs *regs) { return sys_rt_sigpending(A1(u64 __user *), A2(size_t)); }
static long w_rt_sigtimedwait(struct pt_regs *regs) { return sys_rt_sigtimedwait(A1(const u64 __user *), A2(siginfo_t __user *), A3(const void __user *), A4(size_t), true); }
static long w_rt_sigtimedwait_time64(struct pt_regs *regs) { return sys_rt_sigtimedwait(A1(const u64 __user *), A2(siginfo_t __user *), A3(const void __user *), A4(size_t), false); }
static long w_sigaltstack(struct pt_regs *regs) { return sys_sigaltstack(A1(const stack_t __user *), A2(stack_t __user *), regs->sp); }
static long w_set_robust_list(struct pt_regs *regs) { return sys_set_robust_list(A1(unsigned long), A2(size_t)); }
static long w_get_robust_list(struct pt_regs *regs) { return sys_get_robust_list(A1(int), A2(unsigned long __user *), A3(size_t __user *)); }
static long w_getrandom(struct pt_regs *regs) { return sys_getrandom(A1(char __user *), A2(size_t), A3(unsigned int)); }
static long w_rseq(struct pt_regs *regs) { return sys_rseq(A1(unsigned long), A2(u32), A3(int), A4(u32)); }
static long w_setpgid(struct pt_regs *regs) { return sys_setpgid(A1(pid_t), A2(pid_t)); }
static long w_getpgid(struct pt_regs *regs) { return sys_getpgid(A1(pid_t)); }
static long w_getpgrp(struct pt_regs *regs) { (void)regs; return sys_getpgid(0); }
static long w_getsid(struct pt_regs *regs) { return sys_getsid(A1(pid_t)); }
static long w_setsid(struct pt_regs *regs) { (void)regs; return sys_setsid(); }
static long w_poll(struct pt_regs *regs) { return sys_poll(A1(struct pollfd __user *), A2(unsigned int), A3(int)); }
static long w_ppoll(struct pt_regs *regs) { return sys_ppoll(A1(struct pollfd __user *), A2(unsigned int), A3(const void __user *), A4(const u64 __user *), A5(size_t), true); }
static long w_ppoll_time64(struct pt_regs *regs) { return sys_ppoll(A1(struct pollfd __user *), A2(unsigned int), A3(const void __user *), A4(const u64 __user *), A5(size_t), false); }
static long w_newselect(struct pt_regs *regs) { return sys_select(A1(int), A2(u32 __user *), A3(u32 __user *), A4(u32 __user *), A5(struct old_timeval32 __user *)); }
static long w_pselect6(struct pt_regs *regs) { return sys_pselect6(A1(int), A2(u32 __user *), A3(u32 __user *), A4(u32 __user *), A5(void __user *), A6(const u32 __user *), true); }
static long w_pselect6_time64(struct pt_regs *regs) { return sys_pselect6(A1(int), A2(u32 __user *), A3(u32 __user *), A4(u32 __user *), A5(void __user *), A6(const u32 __user *), false); }
static long w_syslog(struct pt_regs *regs) { return sys_syslog(A1(int), A2(char __user *), A3(int)); }
static long w_sched_getaffinity(struct pt_regs *regs) { return sys_sched_getaffinity(A1(pid_t), A2(unsigned int), A3(unsigned long __user *)); }
static long w_sched_setaffinity(struct pt_regs *regs) { return sys_sched_setaffinity(A1(pid_t), A2(unsigned int), A3(const unsigned long __user *)); }
static long w_getcpu(struct pt_regs *regs) { return (A1(unsigned int __user *) && put_user_int(0, A1(int __user *))) || (A2(unsigned int __user *) && put_user_int(0, A2(int __user *))) ? -EFAULT : 0; }
static long w_prctl(struct pt_regs *regs) { return sys_prctl(A1(int), A2(unsigned long)); }
static long w_alarm(struct pt_regs *regs) { return sys_alarm(A1(unsigned int)); }
static long w_setitimer(struct pt_regs *regs) { return sys_setitimer(A1(int), A2(const struct old_itimerval32 __user *), A3(struct old_itimerval32 __user *)); }
static long w_getitimer(struct pt_regs *regs) { return sys_getitimer(A1(int), A2(struct old_itimerval32 __user *)); }

static long w_link(struct pt_regs *regs) { return sys_link(A1(const char __user *), A2(const char __user *)); }
static long w_mount(struct pt_regs *regs) { return sys_mount(A1(const char __user *), A2(const char __user *), A3(const char __user *), A4(unsigned long), A5(const void __user *)); }
static long w_umount(struct pt_regs *regs) { return sys_umount(A1(const char __user *), 0); }
static long w_sync(struct pt_regs *regs) { (void)regs; return sys_sync(); }
static long w_umount2(struct pt_regs *regs) { return sys_umount(A1(const char __user *), A2(int)); }
static long w_symlink(struct pt_regs *regs) { return sys_symlink(A1(const char __user *), A2(const char __user *)); }
static long w_truncate(struct pt_regs *regs) { return sys_truncate64(A1(const char __user *), A2(long)); }
static long w_ftruncate(struct pt_regs *regs) { return sys_ftruncate64(A1(int), A2(long)); }
static long w_fsync(struct pt_regs *regs) { return sys_fsync(A1(int)); }
/* i386 passes a 64-bit length in two registers, low word first */
static long w_truncate64(struct pt_regs *regs) { return sys_truncate64(A1(const char __user *), (loff_t)(A2(u32) | (u64)A3(u32) << 32)); }
static long w_ftruncate64(struct pt_regs *regs) { return sys_ftruncate64(A1(int), (loff_t)(A2(u32) | (u64)A3(u32) << 32)); }
static long w_statfs64(struct pt_regs *regs) { return sys_statfs64(A1(const char __user *), A2(size_t), A3(struct statfs64 __user *)); }
static long w_fstatfs64(struct pt_regs *regs) { return sys_fstatfs64(A1(int), A2(size_t), A3(struct statfs64 __user *)); }
static long w_syncfs(struct pt_regs *regs) { return sys_syncfs(A1(int)); }

static long w_chmod(struct pt_regs *regs) { return sys_fchmodat(AT_FDCWD, A1(const char __user *), A2(umode_t)); }
static long w_fchmod(struct pt_regs *regs) { return sys_fchmod(A1(int), A2(umode_t)); }
static long w_fchmodat(struct pt_regs *regs) { return sys_fchmodat(A1(int), A2(const char __user *), A3(umode_t)); }
static long w_utimensat(struct pt_regs *regs) { return sys_utimensat(A1(int), A2(const char __user *), A3(const struct timespec32 __user *), A4(int)); }

/* Tidemark's own calls, from __NR_tidemark_base (1024) up: docs/extending.md */
static long w_tidemark_pageinfo(struct pt_regs *regs) { return sys_tidemark_pageinfo(A1(unsigned long), A2(struct tidemark_pageinfo __user *)); }

static const syscall_fn sys_call_table[] = {
	[__NR_chmod] = w_chmod,
	[__NR_fchmod] = w_fchmod,
	[__NR_fchmodat] = w_fchmodat,
	[__NR_utimensat] = w_utimensat,
	[__NR_link] = w_link,
	[__NR_mount] = w_mount,
	[__NR_umount] = w_umount,
	[__NR_sync] = w_sync,
	[__NR_umount2] = w_umount2,
	[__NR_symlink] = w_symlink,
	[__NR_truncate] = w_truncate,
	[__NR_ftruncate] = w_ftruncate,
	[__NR_fsync] = w_fsync,
	[__NR_fdatasync] = w_fsync,	/* the inode's times go with the data here */
	[__NR_truncate64] = w_truncate64,
	[__NR_ftruncate64] = w_ftruncate64,
	[__NR_statfs64] = w_statfs64,
	[__NR_fstatfs64] = w_fstatfs64,
	[__NR_syncfs] = w_syncfs,
	[__NR_exit] = w_exit,
	[__NR_fork] = w_fork,
	[__NR_read] = w_read,
	[__NR_write] = w_write,
	[__NR_open] = w_open,
	[__NR_close] = w_close,
	[__NR_waitpid] = w_waitpid,
	[__NR_execve] = w_execve,
	[__NR_chdir] = w_chdir,
	[__NR_lseek] = w_lseek,
	[__NR_getpid] = w_getpid,
	[__NR_pause] = w_pause,
	[__NR_kill] = w_kill,
	[__NR_dup] = w_dup,
	[__NR_pipe] = w_pipe,
	[__NR_brk] = w_brk,
	[__NR_dup2] = w_dup2,
	[__NR_getppid] = w_getppid,
	[__NR_swapon] = w_swapon,
	[__NR_reboot] = w_reboot,
	[__NR_munmap] = w_munmap,
	[__NR_wait4] = w_wait4,
	[__NR_times] = w_times,
	[__NR_getrusage] = w_getrusage,
	[__NR_unlink] = w_unlink,
	[__NR_rename] = w_rename,
	[__NR_rmdir] = w_rmdir,
	[__NR_unlinkat] = w_unlinkat,
	[__NR_renameat] = w_renameat,
	[__NR_renameat2] = w_renameat2,
	[__NR_swapoff] = w_swapoff,
	[__NR_sigreturn] = w_sigreturn,
	[__NR_uname] = w_uname,
	[__NR_mprotect] = w_mprotect,
	[__NR_sched_yield] = w_sched_yield,
	[__NR_nanosleep] = w_nanosleep,
	[__NR_rt_sigreturn] = w_rt_sigreturn,
	[__NR_rt_sigaction] = w_rt_sigaction,
	[__NR_rt_sigprocmask] = w_rt_sigprocmask,
	[__NR_getcwd] = w_getcwd,
	[__NR_mkdir] = w_mkdir,
	[__NR_stat64] = w_stat64,
	[__NR_lstat64] = w_lstat64,
	[__NR_fstat64] = w_fstat64,
	[__NR_mmap2] = w_mmap2,
	[__NR_getdents64] = w_getdents64,
	[__NR_gettid] = w_getpid,	/* one thread per process */
	[__NR_clock_gettime] = w_clock_gettime,
	[__NR_exit_group] = w_exit_group,
	[__NR_set_thread_area] = w_set_thread_area,
	[__NR_get_thread_area] = w_get_thread_area,
	[__NR_set_tid_address] = w_set_tid_address,
	[__NR_clone] = w_clone,
	[__NR_vfork] = w_vfork,
	[__NR_sethostname] = w_sethostname,
	[__NR_umask] = w_umask,
	[__NR_getuid] = w_getid,
	[__NR_getgid] = w_getid,
	[__NR_geteuid] = w_getid,
	[__NR_getegid] = w_getid,
	[__NR_getuid32] = w_getid,
	[__NR_getgid32] = w_getid,
	[__NR_geteuid32] = w_getid,
	[__NR_getegid32] = w_getid,
	[__NR_setuid] = w_setid,
	[__NR_setgid] = w_setid,
	[__NR_setuid32] = w_setid,
	[__NR_setgid32] = w_setid,
	[__NR_setfsuid32] = w_getid,	/* returns the old fsuid: 0 */
	[__NR_setfsgid32] = w_getid,
	[__NR_setreuid32] = w_setreid,
	[__NR_setregid32] = w_setreid,
	[__NR_setresuid32] = w_setresid,
	[__NR_setresgid32] = w_setresid,
	[__NR_getresuid32] = w_getresid,
	[__NR_getresgid32] = w_getresid,
	[__NR_getgroups32] = w_getgroups,
	[__NR_setgroups32] = w_setgroups,
	[__NR_getrlimit] = w_getrlimit,
	[__NR_ugetrlimit] = w_ugetrlimit,
	[__NR_setrlimit] = w_setrlimit,
	[__NR_prlimit64] = w_prlimit64,
	[__NR_sysinfo] = w_sysinfo,
	[__NR_time] = w_time,
	[__NR_gettimeofday] = w_gettimeofday,
	[__NR_settimeofday] = w_settimeofday,
	[__NR_clock_gettime64] = w_clock_gettime64,
	[__NR_clock_settime] = w_clock_settime,
	[__NR_clock_settime64] = w_clock_settime64,
	[__NR_clock_getres] = w_clock_getres,
	[__NR_clock_getres_time64] = w_clock_getres_time64,
	[__NR_clock_nanosleep] = w_clock_nanosleep,
	[__NR_clock_nanosleep_time64] = w_clock_nanosleep_time64,
	[__NR_futex] = w_futex,
	[__NR_futex_time64] = w_futex_time64,
	[__NR_readv] = w_readv,
	[__NR_writev] = w_writev,
	[__NR_pread64] = w_pread64,
	[__NR_preadv] = w_preadv,
	[__NR_pwritev] = w_pwritev,
	[__NR_pwrite64] = w_pwrite64,
	[__NR__llseek] = w_llseek,
	[__NR_fcntl] = w_fcntl64,	/* the old call: the same without record locks */
	[__NR_fcntl64] = w_fcntl64,
	[__NR_dup3] = w_dup3,
	[__NR_pipe2] = w_pipe2,
	[__NR_memfd_create] = w_memfd_create,
	[__NR_ipc] = w_ipc,
	[__NR_shmget] = w_shmget,
	[__NR_shmctl] = w_shmctl,
	[__NR_shmat] = w_shmat,
	[__NR_shmdt] = w_shmdt,
	[__NR_ioctl] = w_ioctl,
	[__NR_mremap] = w_mremap,
	[__NR_madvise] = w_madvise,
	[__NR_mlock] = w_mlock,
	[__NR_munlock] = w_munlock,
	[__NR_mlockall] = w_mlockall,
	[__NR_munlockall] = w_munlockall,
	[__NR_mlock2] = w_mlock2,
	[__NR_capget] = w_capget,
	[__NR_capset] = w_capset,
	[__NR_msync] = w_msync,
	[__NR_tkill] = w_tkill,
	[__NR_tgkill] = w_tgkill,
	[__NR_openat] = w_openat,
	[__NR_mkdirat] = w_mkdirat,
	[__NR_fstatat64] = w_fstatat64,
	[__NR_statx] = w_statx,
	[__NR_access] = w_access,
	[__NR_faccessat] = w_faccessat,
	[__NR_faccessat2] = w_faccessat2,
	[__NR_readlink] = w_readlink,
	[__NR_readlinkat] = w_readlinkat,
	[__NR_symlinkat] = w_symlinkat,
	[__NR_linkat] = w_linkat,
	[__NR_fchdir] = w_fchdir,
	[__NR_rt_sigsuspend] = w_rt_sigsuspend,
	[__NR_rt_sigpending] = w_rt_sigpending,
	[__NR_rt_sigtimedwait] = w_rt_sigtimedwait,
	[__NR_rt_sigtimedwait_time64] = w_rt_sigtimedwait_time64,
	[__NR_sigaltstack] = w_sigaltstack,
	[__NR_set_robust_list] = w_set_robust_list,
	[__NR_get_robust_list] = w_get_robust_list,
	[__NR_getrandom] = w_getrandom,
	[__NR_rseq] = w_rseq,
	[__NR_setpgid] = w_setpgid,
	[__NR_getpgid] = w_getpgid,
	[__NR_getpgrp] = w_getpgrp,
	[__NR_getsid] = w_getsid,
	[__NR_setsid] = w_setsid,
	[__NR_poll] = w_poll,
	[__NR_ppoll] = w_ppoll,
	[__NR_ppoll_time64] = w_ppoll_time64,
	[__NR__newselect] = w_newselect,
	[__NR_pselect6] = w_pselect6,
	[__NR_pselect6_time64] = w_pselect6_time64,
	[__NR_syslog] = w_syslog,
	[__NR_sched_getaffinity] = w_sched_getaffinity,
	[__NR_sched_setaffinity] = w_sched_setaffinity,
	[__NR_getcpu] = w_getcpu,	/* one CPU and one node: both 0 */
	[__NR_prctl] = w_prctl,
	[__NR_alarm] = w_alarm,
	[__NR_setitimer] = w_setitimer,
	[__NR_getitimer] = w_getitimer,
	[__NR_tidemark_pageinfo] = w_tidemark_pageinfo,
};
// clang-format on

/* The entry for nr, or NULL if this kernel does not implement it. */
long (*syscall_entry(unsigned long nr))(struct pt_regs *)
{
	return nr < ARRAY_SIZE(sys_call_table) ? sys_call_table[nr] : NULL;
}
