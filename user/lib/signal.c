/* Signal names, for kill(1) and for the shell's messages. */
#include <signal.h>
#include <string.h>

static const char *const names[] = {
    [SIGHUP] = "HUP",	[SIGINT] = "INT",	[SIGQUIT] = "QUIT", [SIGILL] = "ILL",
    [SIGTRAP] = "TRAP", [SIGABRT] = "ABRT",	[SIGBUS] = "BUS",   [SIGFPE] = "FPE",
    [SIGKILL] = "KILL", [SIGUSR1] = "USR1",	[SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
    [SIGPIPE] = "PIPE", [SIGALRM] = "ALRM",	[SIGTERM] = "TERM", [SIGSTKFLT] = "STKFLT",
    [SIGCHLD] = "CHLD", [SIGCONT] = "CONT",	[SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
    [SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU",	[SIGURG] = "URG",   [SIGXCPU] = "XCPU",
    [SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH",
    [SIGIO] = "IO",	[SIGPWR] = "PWR",	[SIGSYS] = "SYS",
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
