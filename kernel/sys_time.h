/* The time calls (kernel/sys_time.c) and the interval timers (kernel/itimer.c). */
#ifndef KERNEL_SYS_TIME_H
#define KERNEL_SYS_TIME_H

#include "kernel/kernel.h"

#ifndef __user
#define __user
#endif

/* The *_time64 calls' layout (Linux's __kernel_timespec). */
struct timespec64 {
	s64 tv_sec;
	s64 tv_nsec;
};

/* The old calls' layouts: 32-bit seconds. */
struct old_timespec32 {
	s32 tv_sec;
	s32 tv_nsec;
};

struct old_timeval32 {
	s32 tv_sec;
	s32 tv_usec;
};

struct old_itimerval32 {
	struct old_timeval32 it_interval;
	struct old_timeval32 it_value;
};

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

struct task_struct;

/* Set the wall clock from the RTC (at boot, after time_init). */
void time_init_realtime(void);
/* A user timespec, old32 or 64-bit layout, into *ts; 0 or -EFAULT. */
int get_timespec(struct timespec64 *ts, const void __user *uts, bool old32);
/* The clock which's time now in *ts; 0 or -EINVAL for an unknown clock. */
int kclock_gettime(int which, struct timespec64 *ts);
/* CLOCK_REALTIME in ns since the epoch. */
s64 ktime_get_real_ns(void);

/* old32: the caller passes the old 32-bit layout (else the 64-bit one). */
long sys_clock_gettime(int which, void __user *tp, bool old32);
long sys_clock_getres(int which, void __user *tp, bool old32);
long sys_clock_settime(int which, const void __user *tp, bool old32);
long sys_clock_nanosleep(int which, int flags, const void __user *req, void __user *rem,
			 bool old32);
long sys_nanosleep(const void __user *req, void __user *rem, bool old32);
long sys_time(long __user *tloc);
long sys_gettimeofday(struct old_timeval32 __user *tv, struct timezone __user *tz);
long sys_settimeofday(const struct old_timeval32 __user *tv, const struct timezone __user *tz);

/* Interval timers (kernel/itimer.c). */
long sys_setitimer(int which, const struct old_itimerval32 __user *value,
		   struct old_itimerval32 __user *ovalue);
long sys_getitimer(int which, struct old_itimerval32 __user *value);
long sys_alarm(unsigned int seconds);
/* From the tick: send SIGALRM to every task whose real timer is due. */
void it_real_tick(void);
/* The CPU-time timers (clock CPUCLOCK_PROF or _VIRT), in ticks (kernel/posix-cpu-timers.c). */
void get_cpu_itimer(struct task_struct *p, int clock, unsigned long *value, unsigned long *incr);
void set_cpu_itimer(struct task_struct *p, int clock, unsigned long value, unsigned long incr,
		    unsigned long *ovalue, unsigned long *oincr);

#endif
