/* Signal names (for kill(1) and the shell's messages), sigaction and signal sets. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include "syscall.h"

static const char *const names[] = {
	[SIGHUP] = "HUP",   [SIGINT] = "INT",	    [SIGQUIT] = "QUIT", [SIGILL] = "ILL",
	[SIGTRAP] = "TRAP", [SIGABRT] = "ABRT",	    [SIGBUS] = "BUS",	[SIGFPE] = "FPE",
	[SIGKILL] = "KILL", [SIGUSR1] = "USR1",	    [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
	[SIGPIPE] = "PIPE", [SIGALRM] = "ALRM",	    [SIGTERM] = "TERM", [SIGSTKFLT] = "STKFLT",
	[SIGCHLD] = "CHLD", [SIGCONT] = "CONT",	    [SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
	[SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU",	    [SIGURG] = "URG",	[SIGXCPU] = "XCPU",
	[SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH",
	[SIGIO] = "IO",	    [SIGPWR] = "PWR",	    [SIGSYS] = "SYS",
};

#define NNAMES (int)(sizeof(names) / sizeof(names[0]))

const char *signame(int sig)
{
	return sig > 0 && sig < NNAMES ? names[sig] : NULL;
}

int signum(const char *name)
{
	if (!strncmp(name, "SIG", 3))
		name += 3;
	for (int i = 1; i < NNAMES; i++)
		if (names[i] && !strcmp(names[i], name))
			return i;
	return 0;
}

/* ---- handlers ------------------------------------------------------------ */

/* user/lib/sigreturn.asm: the trampolines a handler returns through. */
void __restore(void);
void __restore_rt(void);

/* rt_sigaction's struct, the kernel's layout (not struct sigaction's). */
struct k_sigaction {
	sighandler_t handler;
	unsigned long flags;
	void (*restorer)(void);
	sigset_t mask;
};

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
	struct k_sigaction kact, kold;
	long r;

	if (act) {
		kact.handler = act->sa_handler;
		kact.flags = (unsigned long)act->sa_flags | SA_RESTORER;
		kact.restorer = (act->sa_flags & SA_SIGINFO) ? __restore_rt : __restore;
		kact.mask = act->sa_mask;
	}
	r = syscall4(__NR_rt_sigaction, sig, act ? &kact : NULL, oact ? &kold : NULL,
		     sizeof(sigset_t));
	if (r < 0)
		return (int)__syscall_ret(r);
	if (oact) {
		oact->sa_handler = kold.handler;
		oact->sa_flags = (int)kold.flags;
		oact->sa_restorer = kold.restorer;
		oact->sa_mask = kold.mask;
	}
	return 0;
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESTART }, old = { 0 };

	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
	return (int)__syscall_ret(syscall4(__NR_rt_sigprocmask, how, set, oset, sizeof(sigset_t)));
}

static int bad_signal(int sig)
{
	if (sig > 0 && sig < NSIG)
		return 0;
	errno = EINVAL;
	return -1;
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~0ULL;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	*set |= 1ULL << (sig - 1);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	*set &= ~(1ULL << (sig - 1));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return (*set >> (sig - 1)) & 1;
}
