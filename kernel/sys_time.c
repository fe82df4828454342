/*
 * The time calls (Linux's kernel/time/time.c, posix-timers.c and
 * hrtimer.c's nanosleep): reading the clocks, and sleeping on them.
 *
 * Every clock is local_clock() (ns since boot, from the TSC) plus an
 * offset: MONOTONIC and BOOTTIME have none (no suspend, so they are one
 * clock), REALTIME adds the wall time the CMOS RTC gave at boot
 * (time_init_realtime) and whatever settimeofday/clock_settime changed.
 * The CPU-time clocks read the task's utime + stime ticks.
 *
 * i386 has two layouts of each time structure: the old one with a 32-bit
 * tv_sec (clock_gettime 265 ...), and the 64-bit one of the *_time64 calls
 * (403 ...), which glibc uses first. Both are served by one function taking
 * a kernel timespec64.
 *
 * Sleeps are counted in ticks (10 ms at HZ=100) and rounded up, so a sleep
 * is never shorter than asked. A sleep a signal interrupts fails with
 * EINTR and the time left (Linux restarts it for a signal with no handler:
 * no restart_syscall here).
 */
#include "kernel/sys_time.h"
#include "drivers/rtc.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "uapi/linux/time.h"

static s64 realtime_offset_ns; /* REALTIME = local_clock() + this */

void time_init_realtime(void)
{
	s64 secs = rtc_read_seconds();

	realtime_offset_ns = secs * (s64)NSEC_PER_SEC - (s64)local_clock();
	pr_info("rtc_cmos: setting system clock to %lld seconds since the epoch\n", secs);
}

static struct timespec64 ns_to_timespec64(s64 ns)
{
	struct timespec64 ts = { ns / (s64)NSEC_PER_SEC, ns % (s64)NSEC_PER_SEC };

	return ts;
}

s64 ktime_get_real_ns(void)
{
	return (s64)local_clock() + realtime_offset_ns;
}

int kclock_gettime(int which, struct timespec64 *ts)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ts = ns_to_timespec64(ktime_get_real_ns());
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ts = ns_to_timespec64((s64)local_clock());
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		*ts = ns_to_timespec64((s64)(current->utime + current->stime) * (s64)TICK_NSEC);
		return 0;
	default:
		return -EINVAL;
	}
}

/* ---- copying the two layouts -------------------------------------------------- */

int get_timespec(struct timespec64 *ts, const void __user *uts, bool old32)
{
	if (old32) {
		struct old_timespec32 t;

		if (copy_from_user(&t, uts, sizeof(t)))
			return -EFAULT;
		ts->tv_sec = t.tv_sec;
		ts->tv_nsec = t.tv_nsec;
		return 0;
	}
	if (copy_from_user(ts, uts, sizeof(*ts)))
		return -EFAULT;
	ts->tv_nsec = (long)ts->tv_nsec; /* Linux ignores the upper half from 32-bit tasks */
	return 0;
}

static int put_timespec64(const struct timespec64 *ts, void __user *uts, bool old32)
{
	if (old32) {
		struct old_timespec32 t = { (s32)ts->tv_sec, (s32)ts->tv_nsec };

		return copy_to_user(uts, &t, sizeof(t)) ? -EFAULT : 0;
	}
	return copy_to_user(uts, ts, sizeof(*ts)) ? -EFAULT : 0;
}

static bool timespec64_valid(const struct timespec64 *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < (s64)NSEC_PER_SEC;
}

/* ---- reading and setting the clocks -------------------------------------------- */

long sys_clock_gettime(int which, void __user *tp, bool old32)
{
	struct timespec64 ts;
	int err = kclock_gettime(which, &ts);

	return err ? err : put_timespec64(&ts, tp, old32);
}

/* Every clock ticks in nanoseconds; the coarse ones and sleeps in jiffies. */
long sys_clock_getres(int which, void __user *tp, bool old32)
{
	struct timespec64 ts = { 0, 1 };

	if (kclock_gettime(which, &ts))
		return -EINVAL;
	ts.tv_sec = 0;
	ts.tv_nsec = (which == CLOCK_REALTIME_COARSE || which == CLOCK_MONOTONIC_COARSE)
			 ? (s64)TICK_NSEC
			 : 1;
	return tp ? put_timespec64(&ts, tp, old32) : 0;
}

/* Only CLOCK_REALTIME can be set (Linux: the others are -EINVAL). */
long sys_clock_settime(int which, const void __user *tp, bool old32)
{
	struct timespec64 ts;
	int err;

	if (which != CLOCK_REALTIME)
		return -EINVAL;
	err = get_timespec(&ts, tp, old32);
	if (err)
		return err;
	if (!timespec64_valid(&ts))
		return -EINVAL;
	realtime_offset_ns = ts.tv_sec * (s64)NSEC_PER_SEC + ts.tv_nsec - (s64)local_clock();
	return 0;
}

long sys_time(long __user *tloc)
{
	long t = (long)(ktime_get_real_ns() / (s64)NSEC_PER_SEC);

	if (tloc && put_user_ulong((unsigned long)t, (unsigned long __user *)tloc))
		return -EFAULT;
	return t;
}

/* gettimeofday(tv, tz): the time zone is always UTC (tz_minuteswest 0). */
long sys_gettimeofday(struct old_timeval32 __user *tv, struct timezone __user *tz)
{
	static const struct timezone utc;

	if (tv) {
		s64 ns = ktime_get_real_ns();
		struct old_timeval32 t = { (s32)(ns / (s64)NSEC_PER_SEC),
					   (s32)(ns % (s64)NSEC_PER_SEC / 1000) };

		if (copy_to_user(tv, &t, sizeof(t)))
			return -EFAULT;
	}
	if (tz && copy_to_user(tz, &utc, sizeof(utc)))
		return -EFAULT;
	return 0;
}

long sys_settimeofday(const struct old_timeval32 __user *tv, const struct timezone __user *tz)
{
	struct old_timeval32 t;

	(void)tz; /* the kernel's time zone only matters to FAT: none here */
	if (!tv)
		return 0;
	if (copy_from_user(&t, tv, sizeof(t)))
		return -EFAULT;
	if (t.tv_sec < 0 || t.tv_usec < 0 || t.tv_usec >= 1000000)
		return -EINVAL;
	realtime_offset_ns =
	    (s64)t.tv_sec * (s64)NSEC_PER_SEC + (s64)t.tv_usec * 1000 - (s64)local_clock();
	return 0;
}

/* ---- sleeping ----------------------------------------------------------------- */

/* ns as ticks to sleep, rounded up. */
static long ns_to_ticks(s64 ns)
{
	s64 ticks = (ns + (s64)TICK_NSEC - 1) / (s64)TICK_NSEC;

	return ticks > 0x7fffffff ? 0x7fffffff : (long)ticks;
}

/*
 * Sleep ns nanoseconds of local_clock(); 0, or -EINTR with the time left
 * in *rem (if rem) when a signal cut it short. QEMU may deliver timer
 * ticks in bursts, so jiffies can run ahead of the clock: the sleep goes
 * on, tick by tick, until the clock itself has passed the end.
 */
static long do_nanosleep(s64 ns, void __user *rem, bool old32)
{
	s64 end = (s64)local_clock() + ns;

	for (;;) {
		s64 left = end - (s64)local_clock();

		if (left <= 0)
			return 0;
		schedule_timeout_interruptible(ns_to_ticks(left));
		if (signal_pending_current())
			break;
	}
	if (rem) {
		s64 left = end - (s64)local_clock();
		struct timespec64 ts = ns_to_timespec64(left > 0 ? left : 0);

		if (put_timespec64(&ts, rem, old32))
			return -EFAULT;
	}
	return -EINTR;
}

long sys_nanosleep(const void __user *req, void __user *rem, bool old32)
{
	return sys_clock_nanosleep(CLOCK_MONOTONIC, 0, req, rem, old32);
}

/*
 * clock_nanosleep(which, flags, req, rem): a relative sleep, or until the
 * clock reads req with TIMER_ABSTIME (then rem is not written). An
 * interrupted absolute sleep returns EINTR; the error is returned, not
 * set in errno, by the C library.
 */
long sys_clock_nanosleep(int which, int flags, const void __user *req, void __user *rem, bool old32)
{
	struct timespec64 ts, now;
	s64 ns;
	int err;

	if (which == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (which == CLOCK_PROCESS_CPUTIME_ID)
		return -EOPNOTSUPP; /* a CPU-time timer: not kept */
	err = get_timespec(&ts, req, old32);
	if (err)
		return err;
	if (!timespec64_valid(&ts))
		return -EINVAL;
	err = kclock_gettime(which, &now);
	if (err)
		return err;
	ns = ts.tv_sec * (s64)NSEC_PER_SEC + ts.tv_nsec;
	if (flags & TIMER_ABSTIME) {
		ns -= now.tv_sec * (s64)NSEC_PER_SEC + now.tv_nsec;
		return ns <= 0 ? 0 : do_nanosleep(ns, NULL, old32);
	}
	return do_nanosleep(ns, rem, old32);
}
