/* times(2)'s struct tms and getrusage(2)'s struct rusage, i386 layouts (32-bit longs). */
#ifndef UAPI_LINUX_RESOURCE_H
#define UAPI_LINUX_RESOURCE_H

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

struct timeval32 {
	long tv_sec;
	long tv_usec;
};

struct rusage {
	struct timeval32 ru_utime;	/* user time */
	struct timeval32 ru_stime;	/* system time */
	long ru_maxrss;			/* largest resident set, KiB */
	long ru_ixrss, ru_idrss, ru_isrss;	/* unused by Linux: 0 */
	long ru_minflt, ru_majflt;	/* page faults without / with I/O */
	long ru_nswap;			/* unused: 0 */
	long ru_inblock, ru_oublock;	/* block I/O */
	long ru_msgsnd, ru_msgrcv, ru_nsignals;	/* unused: 0 */
	long ru_nvcsw, ru_nivcsw;	/* voluntary / involuntary context switches */
};

struct tms {
	long tms_utime;			/* clock ticks (USER_HZ, 100 a second) */
	long tms_stime;
	long tms_cutime;		/* reaped children's, their children's included */
	long tms_cstime;
};

#endif
