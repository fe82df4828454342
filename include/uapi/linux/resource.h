/*
 * times(2)'s struct tms, getrusage(2)'s struct rusage, and the resource
 * limits of getrlimit/setrlimit/prlimit64 (Linux's linux/resource.h and
 * asm-generic/resource.h), i386 layouts (32-bit longs).
 */
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
	struct timeval32 ru_utime;		/* user time */
	struct timeval32 ru_stime;		/* system time */
	long ru_maxrss;				/* largest resident set, KiB */
	long ru_ixrss, ru_idrss, ru_isrss;	/* unused by Linux: 0 */
	long ru_minflt, ru_majflt;		/* page faults without / with I/O */
	long ru_nswap;				/* unused: 0 */
	long ru_inblock, ru_oublock;		/* block I/O */
	long ru_msgsnd, ru_msgrcv, ru_nsignals; /* unused: 0 */
	long ru_nvcsw, ru_nivcsw;		/* voluntary / involuntary context switches */
};

struct tms {
	long tms_utime; /* clock ticks (USER_HZ, 100 a second) */
	long tms_stime;
	long tms_cutime; /* reaped children's, their children's included */
	long tms_cstime;
};

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0UL)
#define RLIM64_INFINITY (~0ULL)

struct rlimit32 {
	unsigned long rlim_cur, rlim_max;
};

struct rlimit64 {
	unsigned long long rlim_cur, rlim_max;
} __attribute__((packed, aligned(4))); /* i386 aligns 64-bit fields to 4 */

#endif
