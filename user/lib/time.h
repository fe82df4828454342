/* nanosleep and clock_gettime with i386's 32-bit struct timespec (syscalls 162, 265). */
#ifndef ULIB_TIME_H
#define ULIB_TIME_H

#include <sys/types.h>
#include <uapi/linux/time.h> /* CLOCK_* */

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

/* On EINTR, *rem (if not NULL) holds the time left. */
int nanosleep(const struct timespec *req, struct timespec *rem);

typedef int clockid_t;

int clock_gettime(clockid_t clock, struct timespec *tp);

#endif
