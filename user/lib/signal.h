/*
 * Linux's i386 signal numbers and kill(2). Only default actions exist for
 * now: no sigaction or handlers (the kernel's signal work starts with
 * default actions), so SIG_DFL/SIG_IGN and signal() are not provided.
 */
#ifndef ULIB_SIGNAL_H
#define ULIB_SIGNAL_H

#include <sys/types.h>
#include <uapi/asm/signal.h>

#define NSIG 65

int kill(pid_t pid, int sig);
int raise(int sig);
/* The signal's name without "SIG" ("KILL"), or NULL; and the reverse (0 if unknown). */
const char *signame(int sig);
int signum(const char *name);

#endif
