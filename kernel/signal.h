/*
 * Signals (kernel/signal.c): Linux's numbers, default actions, and the
 * wait-status encoding. A signal is made pending on the target task and
 * acted on when that task next returns to user mode (do_signal).
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/sched.h"

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31

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
