/*
 * System calls: Linux's i386 ABI. `int $0x80` arrives in entry_INT80_32
 * (boot/entry.asm) with the number in eax (saved as orig_ax) and the
 * arguments in ebx, ecx, edx, esi, edi, ebp; the result goes back in eax,
 * errors as -errno. The table is indexed by Linux's i386 numbers
 * (arch/x86/entry/syscalls/syscall_32.tbl), so a program built for Linux
 * runs here. A number with no entry answers -ENOSYS, as Linux does for
 * calls it was built without.
 */
#include "kernel/syscall.h"
#include "kernel/errno.h"
#include "kernel/ptrace.h"
#include "kernel/reboot.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/sys.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/version.h"
#include "kernel/lib/string.h"
#include "fs/fs.h"
#include "mm/mmap.h"
#include "mm/swap.h"
#include "mm/vmtrace.h"
#include "uapi/linux/reboot.h"
#include "uapi/linux/time.h"

typedef long (*syscall_fn)(struct pt_regs *regs);

#define A1(t) ((t)regs->bx)
#define A2(t) ((t)regs->cx)
#define A3(t) ((t)regs->dx)
#define A4(t) ((t)regs->si)
#define A5(t) ((t)regs->di)
#define A6(t) ((t)regs->bp)

/* ---- process calls -------------------------------------------------------- */

static long sys_getpid(void) { return current->pid; }
static long sys_getppid(void) { return current->parent ? current->parent->pid : 0; }

static long sys_kill(pid_t pid, int sig)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = SI_USER, .pid = current->pid };
	struct task_struct *p;
	int found = 0, err = 0;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid > 0) {
		p = find_task_by_pid(pid);
		if (!p || (p->flags & PF_KTHREAD))
			return -ESRCH;
		return sig ? send_sig_info(sig, &info, p) : 0;
	}
	/* pid -1: everyone but init and the caller. No process groups: 0 and < -1 too. */
	for_each_process(p) {
		if (p->pid <= 1 || (p->flags & PF_KTHREAD) || p->exit_state ||
		    (pid == -1 && p == current))
			continue;
		found++;
		if (sig)
			err = send_sig_info(sig, &info, p);
	}
	return found ? err : -ESRCH;
}

struct timespec32 {
	long tv_sec;
	long tv_nsec;
};

/*
 * An interrupted sleep fails with EINTR and the time left, whatever the
 * handler's SA_RESTART (Linux: -ERESTART_RESTARTBLOCK, the same for a
 * handler; with no handler Linux restarts for the rest, which needs
 * restart_syscall: not here).
 */
static long sys_nanosleep(const struct timespec32 __user *req, struct timespec32 __user *rem)
{
	struct timespec32 ts;
	long ticks, left;

	if (copy_from_user(&ts, req, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
		return -EINVAL;
	ticks = ts.tv_sec * HZ + (ts.tv_nsec + (1000000000L / HZ) - 1) / (1000000000L / HZ);
	left = schedule_timeout_interruptible(ticks);
	if (left && signal_pending_current()) {
		if (rem) {
			ts.tv_sec = left / HZ;
			ts.tv_nsec = (left % HZ) * (1000000000L / HZ);
			if (copy_to_user(rem, &ts, sizeof(ts)))
				return -EFAULT;
		}
		return -EINTR;
	}
	return 0;
}

/* There is no RTC driver: every clock counts from boot (REALTIME too). */
static long sys_clock_gettime(int which, struct timespec32 __user *tp)
{
	struct timespec32 ts;
	u64 ns = local_clock();

	if (which != CLOCK_REALTIME && which != CLOCK_MONOTONIC && which != CLOCK_BOOTTIME)
		return -EINVAL;
	ts.tv_sec = (long)(ns / 1000000000ULL);
	ts.tv_nsec = (long)(ns % 1000000000ULL);
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

static long sys_newuname(struct new_utsname __user *name)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, UTS_SYSNAME, sizeof(u.sysname));
	strlcpy(u.nodename, "tidemark", sizeof(u.nodename));
	strlcpy(u.release, UTS_RELEASE, sizeof(u.release));
	strlcpy(u.version, "#1 Tidemark " TIDEMARK_VERSION, sizeof(u.version));
	strlcpy(u.machine, UTS_MACHINE, sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

static long sys_reboot(unsigned long magic1, unsigned long magic2, unsigned long cmd)
{
	if (magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	if (cmd != LINUX_REBOOT_CMD_POWER_OFF && cmd != LINUX_REBOOT_CMD_HALT)
		return -EINVAL;	/* restart needs a reset path Tidemark does not have */
	vmtrace_flush();	/* the trace's last lines, before the machine stops */
	pr_emerg("reboot: Power down\n");
	machine_halt_with(DEBUG_EXIT_STATUS_BASE);	/* as init exiting with 0: QEMU exits 33 */
}

/* ---- the table ------------------------------------------------------------ */

static long w_exit(struct pt_regs *regs) { return sys_exit(A1(int)); }
static long w_fork(struct pt_regs *regs) { return do_fork(regs); }
static long w_read(struct pt_regs *regs) { return sys_read(A1(int), A2(char __user *), A3(size_t)); }
static long w_write(struct pt_regs *regs) { return sys_write(A1(int), A2(const char __user *), A3(size_t)); }
static long w_open(struct pt_regs *regs) { return sys_open(A1(const char __user *), A2(int), A3(int)); }
static long w_close(struct pt_regs *regs) { return sys_close(A1(int)); }
static long w_waitpid(struct pt_regs *regs) { return sys_wait4(A1(pid_t), A2(int __user *), A3(int), NULL); }
static long w_execve(struct pt_regs *regs) { return sys_execve(regs); }
static long w_unlink(struct pt_regs *regs) { return sys_unlink(A1(const char __user *)); }
static long w_chdir(struct pt_regs *regs) { return sys_chdir(A1(const char __user *)); }
static long w_lseek(struct pt_regs *regs) { return sys_lseek(A1(int), A2(long), A3(int)); }
static long w_getpid(struct pt_regs *regs) { (void)regs; return sys_getpid(); }
static long w_kill(struct pt_regs *regs) { return sys_kill(A1(pid_t), A2(int)); }
static long w_rename(struct pt_regs *regs) { return sys_rename(A1(const char __user *), A2(const char __user *)); }
static long w_mkdir(struct pt_regs *regs) { return sys_mkdir(A1(const char __user *), A2(int)); }
static long w_rmdir(struct pt_regs *regs) { return sys_rmdir(A1(const char __user *)); }
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
static long w_swapoff(struct pt_regs *regs) { return sys_swapoff(A1(const char __user *)); }
static long w_uname(struct pt_regs *regs) { return sys_newuname(A1(struct new_utsname __user *)); }
static long w_mprotect(struct pt_regs *regs) { return sys_mprotect(A1(unsigned long), A2(unsigned long), A3(unsigned long)); }
static long w_sched_yield(struct pt_regs *regs) { (void)regs; yield(); return 0; }
static long w_nanosleep(struct pt_regs *regs) { return sys_nanosleep(A1(const struct timespec32 __user *), A2(struct timespec32 __user *)); }
static long w_rt_sigaction(struct pt_regs *regs) { return sys_rt_sigaction(A1(int), A2(const struct sigaction32 __user *), A3(struct sigaction32 __user *), A4(size_t)); }
static long w_rt_sigprocmask(struct pt_regs *regs) { return sys_rt_sigprocmask(A1(int), A2(const u64 __user *), A3(u64 __user *), A4(size_t)); }
static long w_pause(struct pt_regs *regs) { (void)regs; return sys_pause(); }
static long w_sigreturn(struct pt_regs *regs) { return sys_sigreturn(regs); }
static long w_rt_sigreturn(struct pt_regs *regs) { return sys_rt_sigreturn(regs); }
static long w_stat64(struct pt_regs *regs) { return sys_stat64(A1(const char __user *), A2(struct stat64 __user *)); }
static long w_lstat64(struct pt_regs *regs) { return sys_lstat64(A1(const char __user *), A2(struct stat64 __user *)); }
static long w_fstat64(struct pt_regs *regs) { return sys_fstat64(A1(int), A2(struct stat64 __user *)); }
static long w_getcwd(struct pt_regs *regs) { return sys_getcwd(A1(char __user *), A2(unsigned long)); }
static long w_mmap2(struct pt_regs *regs) { return sys_mmap_pgoff(A1(unsigned long), A2(unsigned long), A3(unsigned long), A4(unsigned long), A5(unsigned long), A6(unsigned long)); }
static long w_getdents64(struct pt_regs *regs) { return sys_getdents64(A1(int), A2(void __user *), A3(unsigned int)); }
static long w_clock_gettime(struct pt_regs *regs) { return sys_clock_gettime(A1(int), A2(struct timespec32 __user *)); }

static const syscall_fn sys_call_table[] = {
	[__NR_exit] = w_exit,
	[__NR_fork] = w_fork,
	[__NR_read] = w_read,
	[__NR_write] = w_write,
	[__NR_open] = w_open,
	[__NR_close] = w_close,
	[__NR_waitpid] = w_waitpid,
	[__NR_execve] = w_execve,
	[__NR_unlink] = w_unlink,
	[__NR_chdir] = w_chdir,
	[__NR_lseek] = w_lseek,
	[__NR_getpid] = w_getpid,
	[__NR_pause] = w_pause,
	[__NR_kill] = w_kill,
	[__NR_rename] = w_rename,
	[__NR_mkdir] = w_mkdir,
	[__NR_rmdir] = w_rmdir,
	[__NR_dup] = w_dup,
	[__NR_pipe] = w_pipe,
	[__NR_times] = w_times,
	[__NR_brk] = w_brk,
	[__NR_dup2] = w_dup2,
	[__NR_getppid] = w_getppid,
	[__NR_getrusage] = w_getrusage,
	[__NR_swapon] = w_swapon,
	[__NR_reboot] = w_reboot,
	[__NR_munmap] = w_munmap,
	[__NR_wait4] = w_wait4,
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
	[__NR_stat64] = w_stat64,
	[__NR_lstat64] = w_lstat64,
	[__NR_fstat64] = w_fstat64,
	[__NR_mmap2] = w_mmap2,
	[__NR_getdents64] = w_getdents64,
	[__NR_gettid] = w_getpid,	/* one thread per process */
	[__NR_exit_group] = w_exit,
	[__NR_clock_gettime] = w_clock_gettime,
};

/*
 * Called from entry_INT80_32 with interrupts on. Signals and rescheduling
 * are handled on the way out (exit_to_user_mode).
 */
void do_int80_syscall(struct pt_regs *regs)
{
	unsigned long nr = regs->orig_ax;

	if (nr < ARRAY_SIZE(sys_call_table) && sys_call_table[nr])
		regs->ax = (unsigned long)sys_call_table[nr](regs);
	else
		regs->ax = (unsigned long)-ENOSYS;
}
