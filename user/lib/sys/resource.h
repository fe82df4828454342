/* getrusage(2) (syscall 77) and struct rusage, i386's layout; getrlimit (ugetrlimit 191),
 * setrlimit. */
#ifndef ULIB_SYS_RESOURCE_H
#define ULIB_SYS_RESOURCE_H

#include <uapi/linux/resource.h> /* struct rusage, RUSAGE_* */

int getrusage(int who, struct rusage *usage);

struct rlimit {
	unsigned long rlim_cur, rlim_max; /* RLIM_INFINITY: ~0UL */
};

int getrlimit(int resource, struct rlimit *rlim);
int setrlimit(int resource, const struct rlimit *rlim);

#endif
