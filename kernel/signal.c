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
 *   SIG_DFL of anything else                    -> the process is terminated,
 *                                                  wait status = the signal
 *   a handler                                   -> a signal frame on the user
 *                                                  stack (kernel/signal_32.c)
 *
 * Stop signals (STOP/TSTP/TTIN/TTOU) need job control, which Tidemark
 * does not have: their default is treated as "ignore" and said so here.
 */
#include "kernel/signal.h"
#include "kernel/errno.h"
#include "kernel/ptrace.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"

bool sig_default_ignored(int sig)
{
	switch (sig) {
	case SIGCHLD:
	case SIGCONT:
	case SIGURG:
	case SIGWINCH:
	case SIGSTOP:	/* no job control: see the file comment */
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return true;
	default:
		return false;
	}
}

static bool handler_ignores(unsigned long handler, int sig)
{
	return handler == SIG_IGN || (handler == SIG_DFL && sig_default_ignored(sig));
}

/* An ignored, unblocked signal is dropped at once, as Linux's sig_ignored. */
static bool sig_ignored(struct task_struct *p, int sig)
{
	if (sig == SIGKILL || (p->sig_blocked & sigmask(sig)))
		return false;
	return handler_ignores(p->sighand[sig - 1].handler, sig);
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
		return 0;		/* a zombie takes no more signals */
	if (sig_ignored(p, sig))
		return 0;
	flags = local_irq_save();
	if (!(p->sig_pending & sigmask(sig))) {	/* one instance: Linux's legacy_queue */
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
			handler = SIG_DFL;	/* cannot be caught or ignored */
		if (handler_ignores(handler, sig))
			continue;
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
		if (signal_pending_current()) {
			sti();
			do_signal(regs);
			continue;
		}
		return;
	}
}
