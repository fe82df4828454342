/*
 * The signal calls that wait for a signal or look at the signal state
 * (Linux's kernel/signal.c): rt_sigsuspend, rt_sigpending,
 * rt_sigtimedwait, and sigaltstack, the alternate stack handlers run on.
 *
 * rt_sigsuspend (and ppoll/pselect6, fs/select.c) replace the blocked
 * mask only for as long as they wait: set_restore_sigmask keeps the old
 * mask in saved_sigmask, a handler's frame saves that one (so sigreturn
 * brings it back), and if no handler runs the return to user mode puts it
 * back (restore_saved_sigmask), as Linux's TIF_RESTORE_SIGMASK.
 */
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/sys_time.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "uapi/asm/signal.h"

void set_restore_sigmask(u64 newmask)
{
	if (!current->restore_sigmask)
		current->saved_sigmask = current->sig_blocked;
	current->restore_sigmask = true;
	set_current_blocked(newmask);
}

u64 sigmask_to_save(void)
{
	return current->restore_sigmask ? current->saved_sigmask : current->sig_blocked;
}

void restore_saved_sigmask(void)
{
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		set_current_blocked(current->saved_sigmask);
	}
}

/* rt_sigsuspend(mask, size): wait with mask blocked until a handler runs; -EINTR then. */
long sys_rt_sigsuspend(const u64 __user *umask, size_t sigsetsize)
{
	u64 mask;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	set_restore_sigmask(mask);
	return sys_pause(); /* the same wait; the mask goes back after the handler */
}

/* rt_sigpending(set, size): the blocked signals that are pending. */
long sys_rt_sigpending(u64 __user *uset, size_t sigsetsize)
{
	u64 set = current->sig_pending & current->sig_blocked;

	if (sigsetsize > sizeof(u64))
		return -EINVAL;
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

/* Take the lowest pending signal of set off the queue; its number, or 0. */
static int dequeue_signal(u64 set, struct kernel_siginfo *info)
{
	u64 ready = current->sig_pending & set;
	int sig;

	if (!ready)
		return 0;
	sig = __builtin_ctzll(ready) + 1;
	current->sig_pending &= ~sigmask(sig);
	*info = current->sig_info[sig - 1];
	return sig;
}

/*
 * rt_sigtimedwait(set, info, timeout, size): take a signal of set (which
 * the caller normally blocks) without running its handler, waiting at most
 * timeout (NULL: forever). The signal number; -EAGAIN after the timeout,
 * -EINTR if another signal's handler is to run. old32 picks the timespec.
 */
long sys_rt_sigtimedwait(const u64 __user *uthese, siginfo_t __user *uinfo, const void __user *uts,
			 size_t sigsetsize, bool old32)
{
	struct kernel_siginfo info;
	struct timespec64 ts = { 0, 0 };
	long ticks = -1;
	u64 these, blocked = current->sig_blocked;
	int sig;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	these &= ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	if (uts) {
		if (get_timespec(&ts, uts, old32))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
			return -EINVAL;
		ticks = (long)((ts.tv_sec * (s64)NSEC_PER_SEC + ts.tv_nsec + (s64)TICK_NSEC - 1) /
			       (s64)TICK_NSEC);
	}
	sig = dequeue_signal(these, &info);
	if (!sig && ticks) {
		set_current_blocked(blocked & ~these); /* let them wake us (Linux's real_blocked) */
		schedule_timeout_interruptible(ticks < 0 ? 0x7fffffff : ticks);
		set_current_blocked(blocked);
		sig = dequeue_signal(these, &info);
	}
	if (!sig)
		return signal_pending_current() || !uts ? -EINTR : -EAGAIN;
	if (uinfo && copy_siginfo_to_user(uinfo, &info))
		return -EFAULT;
	return sig;
}

/* ---- sigaltstack ------------------------------------------------------------ */

bool on_sig_stack(unsigned long sp)
{
	return current->sas_ss_size && sp - current->sas_ss_sp < current->sas_ss_size;
}

/*
 * sigaltstack(ss, oss): report (oss) and set (ss) the alternate signal
 * stack. -EPERM while running on it, -EINVAL for bad flags, -ENOMEM for a
 * stack below MINSIGSTKSZ.
 */
long sys_sigaltstack(const stack_t __user *uss, stack_t __user *uoss, unsigned long sp)
{
	stack_t old = { (void *)current->sas_ss_sp, 0, current->sas_ss_size }, ss;

	old.ss_flags = !current->sas_ss_size ? SS_DISABLE : on_sig_stack(sp) ? SS_ONSTACK : 0;
	if (uss) {
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if (on_sig_stack(sp))
			return -EPERM;
		ss.ss_flags &= ~SS_AUTODISARM;
		if (ss.ss_flags != SS_DISABLE && ss.ss_flags != SS_ONSTACK && ss.ss_flags != 0)
			return -EINVAL;
		if (ss.ss_flags == SS_DISABLE) {
			ss.ss_size = 0;
			ss.ss_sp = NULL;
		} else if (ss.ss_size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		current->sas_ss_sp = (unsigned long)ss.ss_sp;
		current->sas_ss_size = ss.ss_size;
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
