/* nanosleep with i386's 32-bit struct timespec (syscall 162). */
#ifndef ULIB_TIME_H
#define ULIB_TIME_H

#include <sys/types.h>

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

/* On EINTR, *rem (if not NULL) holds the time left. */
int nanosleep(const struct timespec *req, struct timespec *rem);

#endif
