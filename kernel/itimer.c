/*
 * Interval timers and alarm (Linux's kernel/time/itimer.c).
 *
 * ITIMER_REAL counts wall time: when it expires the process gets SIGALRM,
 * and with an interval it is re-armed at once. alarm(s) is ITIMER_REAL with
 * whole seconds and no interval. Each task keeps its expiry in jiffies
 * (it_real_expires, 0 when disarmed); the tick (it_real_tick) looks at
 * every task, which for the few processes of this kernel costs less than a
 * sorted timer list (Linux arms an hrtimer per process).
 *
 * ITIMER_VIRTUAL and ITIMER_PROF count the process's CPU time instead
 * (user, and user + system) and send SIGVTALRM and SIGPROF: their expiry
 * is checked by the tick that charges the time
 * (kernel/posix-cpu-timers.c). The timers survive execve and are not
 * inherited by fork, as on Linux.
 */
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/sys_time.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "uapi/linux/time.h"

#define USEC_PER_TICK (1000000 / HZ)

/* A timeval as ticks, rounded up (a timer never fires early); -1 if invalid. */
static long timeval_to_ticks(const struct old_timeval32 *tv)
{
	if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
		return -1;
	if (tv->tv_sec >= 0x7fffffff / HZ)
		return 0x7fffffff;
	return tv->tv_sec * HZ + (tv->tv_usec + USEC_PER_TICK - 1) / USEC_PER_TICK;
}

static struct old_timeval32 ticks_to_timeval(unsigned long ticks)
{
	struct old_timeval32 tv = { (s32)(ticks / HZ), (s32)(ticks % HZ * USEC_PER_TICK) };

	return tv;
}

/* The time left of the current task's real timer, and its interval. */
static void get_it_real(struct old_itimerval32 *v)
{
	unsigned long flags = local_irq_save();
	unsigned long expires = current->it_real_expires;
	long left = expires ? (long)(expires - jiffies) : 0;

	local_irq_restore(flags);
	/* Due but not yet delivered: Linux reports 1 us so the timer still reads armed. */
	v->it_value = expires && left <= 0 ? (struct old_timeval32){ 0, 1 }
					   : ticks_to_timeval((unsigned long)left);
	v->it_interval = ticks_to_timeval(current->it_real_incr);
}

/* ITIMER_VIRTUAL or ITIMER_PROF: the clock it counts. */
static int itimer_clock(int which)
{
	return which == ITIMER_VIRTUAL ? CPUCLOCK_VIRT : CPUCLOCK_PROF;
}

/* The time left of a CPU-time timer, and its interval. */
static void get_it_cpu(int which, struct old_itimerval32 *v)
{
	unsigned long value, incr;

	get_cpu_itimer(current, itimer_clock(which), &value, &incr);
	v->it_value = ticks_to_timeval(value);
	v->it_interval = ticks_to_timeval(incr);
}

long sys_getitimer(int which, struct old_itimerval32 __user *value)
{
	struct old_itimerval32 v;

	if (which == ITIMER_REAL)
		get_it_real(&v);
	else if (which == ITIMER_VIRTUAL || which == ITIMER_PROF)
		get_it_cpu(which, &v);
	else
		return -EINVAL;
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

/* setitimer's work for ITIMER_REAL, the old setting in *old. */
static void set_it_real(long ticks, long incr, struct old_itimerval32 *old)
{
	unsigned long flags;

	get_it_real(old);
	flags = local_irq_save();
	current->it_real_expires = ticks ? jiffies + (unsigned long)ticks : 0;
	if (current->it_real_expires == 0 && ticks)
		current->it_real_expires = 1; /* 0 means disarmed */
	current->it_real_incr = ticks ? (unsigned long)incr : 0;
	local_irq_restore(flags);
}

/* setitimer's work for ITIMER_VIRTUAL and ITIMER_PROF. */
static void set_it_cpu(int which, long ticks, long incr, struct old_itimerval32 *old)
{
	unsigned long value, interval;

	set_cpu_itimer(current, itimer_clock(which), (unsigned long)ticks, (unsigned long)incr,
		       &value, &interval);
	old->it_value = ticks_to_timeval(value);
	old->it_interval = ticks_to_timeval(interval);
}

/*
 * setitimer(which, value, ovalue): arm (value.it_value nonzero) or disarm
 * the timer, returning the old setting in ovalue. 0, -EINVAL, -EFAULT.
 */
long sys_setitimer(int which, const struct old_itimerval32 __user *value,
		   struct old_itimerval32 __user *ovalue)
{
	struct old_itimerval32 v, old;
	long ticks, incr;

	if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
		return -EINVAL;
	if (value && copy_from_user(&v, value, sizeof(v)))
		return -EFAULT;
	if (!value) /* Linux: a NULL value disarms, as an all-zero one */
		v = (struct old_itimerval32){ { 0, 0 }, { 0, 0 } };
	ticks = timeval_to_ticks(&v.it_value);
	incr = timeval_to_ticks(&v.it_interval);
	if (ticks < 0 || incr < 0)
		return -EINVAL;
	if (which == ITIMER_REAL)
		set_it_real(ticks, incr, &old);
	else
		set_it_cpu(which, ticks, incr, &old);
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* alarm(seconds): the seconds the previous alarm had left (rounded), 0 if none. */
long sys_alarm(unsigned int seconds)
{
	struct old_itimerval32 v = { { 0, 0 }, { (s32)min(seconds, 0x7fffffffU), 0 } };
	struct old_itimerval32 old;
	unsigned long flags;
	long ticks = timeval_to_ticks(&v.it_value);

	get_it_real(&old);
	flags = local_irq_save();
	current->it_real_expires = ticks ? jiffies + (unsigned long)ticks : 0;
	current->it_real_incr = 0;
	local_irq_restore(flags);
	/* Linux rounds the old value to the nearest second, and never reports 0 for an armed one.
	 */
	if (!old.it_value.tv_sec && !old.it_value.tv_usec)
		return 0;
	return old.it_value.tv_sec + (old.it_value.tv_usec >= 500000) +
	       (!old.it_value.tv_sec && old.it_value.tv_usec < 500000);
}

void it_real_tick(void)
{
	struct kernel_siginfo info = { .si_signo = SIGALRM, .si_code = SI_KERNEL };
	struct task_struct *p;

	for_each_process(p) {
		if (!p->it_real_expires || p->exit_state ||
		    (long)(jiffies - p->it_real_expires) < 0)
			continue;
		p->it_real_expires = p->it_real_incr ? jiffies + p->it_real_incr : 0;
		send_sig_info(SIGALRM, &info, p);
	}
}
