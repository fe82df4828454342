/*
 * Signal generation and delivery with Linux's default actions.
 *
 * send_sig marks the signal pending and wakes the task if it sleeps
 * interruptibly (SIGKILL wakes it from any sleep that checks for signals).
 * When the task is about to return to user mode, do_signal takes the
 * lowest pending unblocked signal and applies its action:
 *
 *   SIG_IGN, or SIG_DFL of CHLD/CONT/URG/WINCH  -> discarded
 *   SIG_DFL of anything else                    -> the process is terminated,
 *                                                  wait status = the signal
 *
 * Stop signals (STOP/TSTP/TTIN/TTOU) need job control, which Tidemark
 * does not have: their default is treated as "ignore" and said so here.
 * User signal handlers (a signal frame on the user stack and sigreturn)
 * are not implemented: rt_sigaction refuses a handler address with EINVAL
 * rather than pretend to install it.
 */
#include "kernel/signal.h"
#include "kernel/errno.h"
#include "kernel/ptrace.h"
#include "kernel/x86.h"

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

/* An ignored, unblocked signal is dropped at once, as Linux's sig_ignored. */
static bool sig_ignored(struct task_struct *p, int sig)
{
	unsigned long handler = p->sighand[sig - 1].handler;

	if (sig == SIGKILL || (p->sig_blocked & sigmask(sig)))
		return false;
	return handler == SIG_IGN || (handler == SIG_DFL && sig_default_ignored(sig));
}

int send_sig(int sig, struct task_struct *p)
{
	unsigned long flags;

	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (p->exit_state)
		return 0;		/* a zombie takes no more signals */
	if (sig_ignored(p, sig))
		return 0;
	flags = local_irq_save();
	p->sig_pending |= sigmask(sig);
	if (p->state == TASK_INTERRUPTIBLE && (sig == SIGKILL || !(p->sig_blocked & sigmask(sig))))
		wake_up_process(p);
	local_irq_restore(flags);
	return 0;
}

void force_sig(int sig)
{
	current->sig_blocked &= ~sigmask(sig);
	if (current->sighand[sig - 1].handler == SIG_IGN)
		current->sighand[sig - 1].handler = SIG_DFL;
	send_sig(sig, current);
}

void do_signal(struct pt_regs *regs)
{
	int sig;

	(void)regs;
	while (current->sig_pending & ~current->sig_blocked) {
		u64 ready = current->sig_pending & ~current->sig_blocked;
		unsigned long handler;

		sig = __builtin_ctzll(ready) + 1;
		current->sig_pending &= ~sigmask(sig);
		handler = current->sighand[sig - 1].handler;
		if (sig == SIGKILL || sig == SIGSTOP)
			handler = SIG_DFL;	/* cannot be caught or ignored */
		if (handler == SIG_IGN || (handler == SIG_DFL && sig_default_ignored(sig)))
			continue;
		do_exit(W_EXITCODE(0, sig));
	}
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
