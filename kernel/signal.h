/*
 * Signals (kernel/signal.c): Linux's numbers, default actions, and the
 * wait-status encoding. A signal is made pending on the target task and
 * acted on when that task next returns to user mode (do_signal).
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/sched.h"
#include "uapi/asm/signal.h"

#define SIG_DFL 0UL
#define SIG_IGN 1UL

#define sigmask(sig) (1ULL << ((sig) - 1))

/* Wait status, as Linux encodes it for wait4. */
#define W_EXITCODE(ret, sig) (((ret) & 0xff) << 8 | ((sig) & 0x7f))

int send_sig(int sig, struct task_struct *p);	/* 0, or -EINVAL for a bad number */
void force_sig(int sig);			/* to current, even if blocked or ignored */
void do_signal(struct pt_regs *regs);		/* on the way back to user mode */
bool sig_default_ignored(int sig);

#endif
