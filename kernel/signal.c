/*
 * Signal generation and the choice of action, as Linux's kernel/signal.c.
 *
 * send_sig_info marks the signal pending, keeps its siginfo, and wakes the
 * task if it sleeps interruptibly (SIGKILL wakes it from any sleep that
 * checks for signals). A second instance of a pending signal is dropped:
 * Tidemark queues no signal twice (Linux queues the realtime ones).
 * When the task is about to return to user mode, do_signal
 * (kernel/signal_32.c) asks get_signal for the lowest pending unblocked
 * signal, whose action is:
 *
 *   SIG_IGN, or SIG_DFL of CHLD/CONT/URG/WINCH  -> discarded
 *   SIG_DFL of STOP/TSTP/TTIN/TTOU              -> the process stops (below)
 *   SIG_DFL of anything else                    -> the process is terminated,
 *                                                  wait status = the signal
 *   a handler                                   -> a signal frame on the user
 *                                                  stack (kernel/signal_32.c)
 *
 * Job control, as Linux's do_signal_stop: a stopped process sleeps in
 * TASK_STOPPED inside get_signal, its parent gets SIGCHLD (CLD_STOPPED,
 * unless SA_NOCLDSTOP) and wait4(WUNTRACED) reports it once. SIGCONT,
 * whatever its action, wakes it (and discards pending stop signals); the
 * parent gets CLD_CONTINUED and wait4(WCONTINUED) reports that once. A
 * stop signal discards a pending SIGCONT. SIGKILL ends a stopped process.
 * TSTP, TTIN and TTOU from the terminal or anyone do not stop a process
 * in an orphaned process group (no parent outside the group in the same
 * session could ever continue it): they are discarded, as Linux does.
 */
#include "kernel/signal.h"
#include "kernel/errno.h"
#include "kernel/ptrace.h"
#include "kernel/rseq.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"

bool sig_default_ignored(int sig)
{
	switch (sig) {
	case SIGCHLD:
	case SIGCONT:
	case SIGURG:
	case SIGWINCH:
		return true;
	default:
		return false;
	}
}

#define SIG_STOP_MASK (sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))

static bool sig_kernel_stop(int sig)
{
	return SIG_STOP_MASK & sigmask(sig);
}

/*
 * Is pgrp orphaned: does no member have a parent in another group of the
 * same session (Linux's will_become_orphaned_pgrp, without an exiting task)?
 */
bool is_pgrp_orphaned(pid_t pgrp)
{
	struct task_struct *p;

	for_each_process(p) {
		struct task_struct *q = p->parent;

		if (p->pgrp != pgrp || p->exit_state || (p->flags & PF_EXITING) || !q)
			continue;
		if (q->pgrp != pgrp && q->session == p->session)
			return false;
	}
	return true;
}

static bool handler_ignores(unsigned long handler, int sig)
{
	return handler == SIG_IGN || (handler == SIG_DFL && sig_default_ignored(sig));
}

/*
 * An ignored, unblocked signal is dropped at once, as Linux's sig_ignored.
 * Init takes from other processes only the signals it has a handler for,
 * SIGKILL included (Linux's SIGNAL_UNKILLABLE in sig_task_ignored): a
 * stray kill(1, ...) must not end the system. The kernel's own signals
 * (a fault in init) still reach it.
 */
static bool sig_ignored(struct task_struct *p, int sig, const struct kernel_siginfo *info)
{
	if (p->pid == 1 && info &&
	    info->si_code <= 0 && /* SI_USER, SI_QUEUE, SI_TKILL: from a process */
	    p->sighand[sig - 1].handler == SIG_DFL)
		return true;
	if (sig == SIGKILL || (p->sig_blocked & sigmask(sig)))
		return false;
	return handler_ignores(p->sighand[sig - 1].handler, sig);
}

/*
 * kill(pid, sig): to one process (pid > 0), to the caller's process group
 * (0), to group -pid (< -1), or to everyone but init and the caller (-1).
 * sig 0 only checks that the target exists. 0, -EINVAL, -ESRCH.
 */
long sys_kill(pid_t pid, int sig)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = SI_USER, .pid = current->pid };
	struct task_struct *p;
	pid_t pgrp = pid == 0 ? current->pgrp : -pid;
	int found = 0, err = 0;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid > 0) {
		p = find_task_by_pid(pid);
		if (!p || (p->flags & PF_KTHREAD))
			return -ESRCH;
		return sig ? send_sig_info(sig, &info, p) : 0;
	}
	for_each_process(p) {
		if (p->pid == 0 || (p->flags & PF_KTHREAD) || p->exit_state)
			continue;
		if (pid == -1 ? p->pid == 1 || p == current : p->pgrp != pgrp)
			continue;
		found++;
		if (sig)
			err = send_sig_info(sig, &info, p);
	}
	return found ? err : -ESRCH;
}

/* sig from the kernel to every process of group pgrp (Linux's kill_pgrp). */
void kill_pgrp(pid_t pgrp, int sig)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pgrp == pgrp && p->pid && !(p->flags & PF_KTHREAD) && !p->exit_state)
			send_sig(sig, p);
}

/* tgkill(tgid, tid, sig): to one thread, which here is one process (tid == tgid). */
long sys_tgkill(pid_t tgid, pid_t tid, int sig)
{
	struct task_struct *p;
	struct kernel_siginfo info = { .si_signo = sig, .si_code = SI_TKILL, .pid = current->pid };

	if (tid <= 0 || tgid <= 0 || sig < 0 || sig > _NSIG)
		return -EINVAL;
	p = find_task_by_pid(tid);
	if (!p || tgid != tid || (p->flags & PF_KTHREAD) || p->exit_state)
		return -ESRCH;
	return sig ? send_sig_info(sig, &info, p) : 0;
}

/*
 * A process is exiting: if that leaves pgrp orphaned with a stopped member,
 * the group gets SIGHUP then SIGCONT (Linux's kill_orphaned_pgrp, POSIX's rule).
 */
void kill_orphaned_pgrp(pid_t pgrp)
{
	struct task_struct *p;
	bool stopped = false;

	if (!pgrp || !is_pgrp_orphaned(pgrp))
		return;
	for_each_process(p)
		stopped |= p->pgrp == pgrp && p->state == TASK_STOPPED;
	if (!stopped)
		return;
	for_each_process(p) {
		if (p->pgrp == pgrp && !p->exit_state && !(p->flags & PF_KTHREAD)) {
			send_sig(SIGHUP, p);
			send_sig(SIGCONT, p);
		}
	}
}

/*
 * Would sig kill p (Linux's sig_fatal with complete_signal's wake-up): its
 * default action terminates, it is not caught or blocked. Such a signal
 * ends a stopped process too.
 */
static bool sig_fatal(struct task_struct *p, int sig)
{
	unsigned long handler = p->sighand[sig - 1].handler;

	if (sig == SIGKILL)
		return true;
	return handler == SIG_DFL && !sig_default_ignored(sig) && !sig_kernel_stop(sig) &&
	       !(p->sig_blocked & sigmask(sig));
}

/* SIGCHLD to p's parent for a stop (CLD_STOPPED) or a continue, unless it asked not to. */
static void do_notify_parent_cldstop(struct task_struct *p, int why, int status)
{
	struct task_struct *parent = p->parent;
	struct kernel_siginfo info = {
		.si_signo = SIGCHLD, .si_code = why, .pid = p->pid, .status = status
	};

	if (!parent)
		return;
	wake_up(&parent->wait_chldexit);
	if (!(parent->sighand[SIGCHLD - 1].flags & SA_NOCLDSTOP))
		send_sig_info(SIGCHLD, &info, parent);
}

/*
 * What sending sig does before it is queued (Linux's prepare_signal): a
 * stop signal drops a pending SIGCONT; SIGCONT drops pending stops and
 * wakes p if it is stopped. Interrupts off.
 */
static void prepare_signal(int sig, struct task_struct *p)
{
	if (sig_kernel_stop(sig)) {
		p->sig_pending &= ~sigmask(SIGCONT);
	} else if (sig == SIGCONT) {
		p->sig_pending &= ~SIG_STOP_MASK;
		if (p->state == TASK_STOPPED) {
			p->jobctl_stopped = false;
			p->jobctl_continued = true;
			wake_up_state(p, TASK_STOPPED);
			do_notify_parent_cldstop(p, CLD_CONTINUED, SIGCONT);
		}
	}
}

/*
 * The default action of a stop signal (Linux's do_signal_stop): stop here
 * until SIGCONT or SIGKILL. False if the signal is discarded instead
 * (TSTP/TTIN/TTOU in an orphaned process group).
 */
static bool do_signal_stop(int sig)
{
	unsigned long flags;

	if (sig != SIGSTOP && is_pgrp_orphaned(current->pgrp))
		return false;
	flags = local_irq_save();
	current->jobctl_stop_sig = sig;
	current->jobctl_stopped = true;
	current->jobctl_continued = false;
	current->state = TASK_STOPPED;
	do_notify_parent_cldstop(current, CLD_STOPPED, sig);
	schedule(); /* until SIGCONT or SIGKILL wakes us */
	local_irq_restore(flags);
	return true;
}

/*
 * Make sig pending on p with info (NULL: sent by the kernel, SI_KERNEL,
 * as Linux's SEND_SIG_PRIV). Returns 0, or -EINVAL for a bad number.
 */
int send_sig_info(int sig, const struct kernel_siginfo *info, struct task_struct *p)
{
	unsigned long flags;

	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (p->exit_state)
		return 0; /* a zombie takes no more signals */
	if (sig != SIGCONT && sig_ignored(p, sig, info))
		return 0; /* SIGCONT continues the process even when ignored */
	flags = local_irq_save();
	prepare_signal(sig, p);
	if (sig == SIGCONT && sig_ignored(p, sig, info)) {
		local_irq_restore(flags);
		return 0;
	}
	if (!(p->sig_pending & sigmask(sig))) { /* one instance: Linux's legacy_queue */
		if (info) {
			p->sig_info[sig - 1] = *info;
		} else {
			memset(&p->sig_info[sig - 1], 0, sizeof(p->sig_info[0]));
			p->sig_info[sig - 1].si_code = SI_KERNEL;
		}
		p->sig_info[sig - 1].si_signo = sig;
		p->sig_pending |= sigmask(sig);
	}
	if (p->state == TASK_INTERRUPTIBLE && (sig == SIGKILL || !(p->sig_blocked & sigmask(sig))))
		wake_up_process(p);
	else if (p->state == TASK_STOPPED && sig_fatal(p, sig))
		wake_up_state(p, TASK_STOPPED); /* SIGKILL, or a signal that kills it */
	local_irq_restore(flags);
	return 0;
}

int send_sig(int sig, struct task_struct *p)
{
	return send_sig_info(sig, NULL, p);
}

/* A signal current cannot block or ignore: it is unblocked and, if ignored, reset to default. */
static void force_sig_info(int sig, const struct kernel_siginfo *info)
{
	current->sig_blocked &= ~sigmask(sig);
	if (current->sighand[sig - 1].handler == SIG_IGN)
		current->sighand[sig - 1].handler = SIG_DFL;
	send_sig_info(sig, info, current);
}

void force_sig(int sig)
{
	force_sig_info(sig, NULL);
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = code, .addr = addr };

	force_sig_info(sig, &info);
}

/*
 * The frame for sig could not be written (a bad stack): Linux's
 * force_sigsegv. A SIGSEGV handler that cannot run is reset first, or the
 * process would loop trying.
 */
void force_sigsegv(int sig)
{
	if (sig == SIGSEGV)
		current->sighand[SIGSEGV - 1].handler = SIG_DFL;
	force_sig(SIGSEGV);
}

void set_current_blocked(u64 blocked)
{
	current->sig_blocked = blocked & ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
}

/*
 * Take the lowest pending unblocked signal and act on it: ignore it, kill
 * the process (does not return), or, for a handler, fill ksig and return
 * true. SA_RESETHAND resets the action to SIG_DFL here, as Linux's
 * get_signal does. False when nothing is left to deliver.
 */
bool get_signal(struct ksignal *ksig)
{
	while (current->sig_pending & ~current->sig_blocked) {
		u64 ready = current->sig_pending & ~current->sig_blocked;
		int sig = __builtin_ctzll(ready) + 1;
		struct k_sigaction *ka = &current->sighand[sig - 1];
		unsigned long handler = ka->handler;

		current->sig_pending &= ~sigmask(sig);
		if (sig == SIGKILL || sig == SIGSTOP)
			handler = SIG_DFL; /* cannot be caught or ignored */
		if (handler_ignores(handler, sig))
			continue;
		if (handler == SIG_DFL && sig_kernel_stop(sig)) {
			do_signal_stop(sig);
			continue;
		}
		if (handler == SIG_DFL)
			do_exit(W_EXITCODE(0, sig));
		ksig->sig = sig;
		ksig->info = current->sig_info[sig - 1];
		ksig->ka = *ka;
		if (ka->flags & SA_RESETHAND)
			ka->handler = SIG_DFL;
		return true;
	}
	return false;
}

/*
 * After a frame was written (or not): block sa_mask and, unless SA_NODEFER,
 * the signal itself while the handler runs (Linux's signal_setup_done).
 */
void signal_setup_done(bool failed, struct ksignal *ksig)
{
	u64 blocked = current->sig_blocked | ksig->ka.mask;

	if (failed) {
		force_sigsegv(ksig->sig);
		return;
	}
	current->restore_sigmask = false; /* the frame holds the mask to go back to */
	if (!(ksig->ka.flags & SA_NODEFER))
		blocked |= sigmask(ksig->sig);
	set_current_blocked(blocked);
}

/* ---- system calls --------------------------------------------------------- */

/*
 * rt_sigaction(sig, act, oact, sigsetsize): read and/or set the action.
 * handler is SIG_DFL, SIG_IGN or a user address (called with a frame built
 * by kernel/signal_32.c); SIGKILL and SIGSTOP keep their default.
 * Setting an action that ignores the signal discards it if pending (POSIX).
 */
long sys_rt_sigaction(int sig, const struct sigaction32 __user *act,
		      struct sigaction32 __user *oact, size_t sigsetsize)
{
	struct k_sigaction *k;
	struct sigaction32 sa;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (sig < 1 || sig > _NSIG || ((sig == SIGKILL || sig == SIGSTOP) && act))
		return -EINVAL;
	k = &current->sighand[sig - 1];
	if (act && copy_from_user(&sa, act, sizeof(sa)))
		return -EFAULT;
	if (oact) {
		struct sigaction32 old = { k->handler, k->flags, k->restorer, k->mask };

		if (copy_to_user(oact, &old, sizeof(old)))
			return -EFAULT;
	}
	if (act) {
		k->handler = sa.handler;
		k->flags = sa.flags;
		k->restorer = sa.restorer;
		k->mask = sa.mask & ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
		if (handler_ignores(k->handler, sig))
			current->sig_pending &= ~sigmask(sig);
	}
	return 0;
}

long sys_rt_sigprocmask(int how, const u64 __user *set, u64 __user *oset, size_t size)
{
	u64 s, old = current->sig_blocked;

	if (size != sizeof(u64))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&s, set, sizeof(s)))
			return -EFAULT;
		if (how == SIG_BLOCK)
			set_current_blocked(old | s);
		else if (how == SIG_UNBLOCK)
			set_current_blocked(old & ~s);
		else if (how == SIG_SETMASK)
			set_current_blocked(s);
		else
			return -EINVAL;
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* pause(): sleep until a signal is delivered; EINTR after a handler ran. */
long sys_pause(void)
{
	for (;;) {
		current->state = TASK_INTERRUPTIBLE;
		if (signal_pending_current())
			break;
		schedule();
	}
	current->state = TASK_RUNNING;
	return -ERESTARTNOHAND;
}

/*
 * The last stop before user mode (boot/entry.asm, ret_from_intr): give up
 * the CPU if the time slice is over, act on pending signals, repeat until
 * there is nothing left to do. Returns with interrupts off, ready for iret.
 */
void exit_to_user_mode(struct pt_regs *regs);
_Static_assert(offsetof(struct pt_regs, cs) == 56, "PT_CS in boot/entry.asm");

void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		cli();
		if (need_resched) {
			schedule();
			continue;
		}
		if (current->rseq_event) {
			sti();
			rseq_handle_notify_resume(regs);
			continue;
		}
		if (signal_pending_current()) {
			sti();
			do_signal(regs);
			continue;
		}
		return;
	}
}
