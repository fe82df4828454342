/*
 * Linux's i386 signals for user programs: numbers, kill(2), and handlers
 * through rt_sigaction (user/lib/signal.c). A handler returns through
 * sa_restorer, which sigaction sets to __restore (sigreturn, 119) or, for
 * SA_SIGINFO handlers, __restore_rt (rt_sigreturn, 173), as glibc does:
 * the kernel's frame (include/uapi/asm/sigcontext.h) differs for the two.
 */
#ifndef ULIB_SIGNAL_H
#define ULIB_SIGNAL_H

#include <sys/types.h>
#include <uapi/asm/signal.h>
#include <uapi/asm/sigcontext.h>

#define NSIG 65

typedef void (*sighandler_t)(int);
typedef unsigned long long sigset_t; /* the kernel's: bit (sig - 1) */

#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

struct sigaction {
	union {
		sighandler_t sa_handler;
		void (*sa_sigaction)(int, siginfo_t *, void *); /* with SA_SIGINFO */
	};
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void); /* set by sigaction() */
};

int kill(pid_t pid, int sig);
int raise(int sig);
int sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
sighandler_t signal(int sig, sighandler_t handler); /* BSD semantics: SA_RESTART */
int sigprocmask(int how, const sigset_t *set, sigset_t *oset);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

/* The signal's name without "SIG" ("KILL"), or NULL; and the reverse (0 if unknown). */
const char *signame(int sig);
int signum(const char *name);

#endif
