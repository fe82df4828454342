/*
 * The global load average (Linux's kernel/sched/loadavg.c).
 *
 * Every LOAD_FREQ (5 s) the tick counts the active tasks, those runnable
 * (the one running included, the idle task not) plus those sleeping
 * uninterruptibly (state D: waiting for the disk or a page lock), and
 * folds the count into three exponential averages:
 *
 *   avenrun[i] = avenrun[i] * e + active * (1 - e),   e = exp(-5 s / period)
 *
 * with e = EXP_1, EXP_5, EXP_15 for 1, 5 and 15 minutes, all in fixed
 * point (FSHIFT bits). Linux counts per CPU and folds the sums 10 ticks
 * after the period ends, so every CPU has reported; one CPU folds at once.
 * Linux also catches up periods missed by a tickless idle CPU
 * (calc_global_n); the tick here never stops.
 */
#include "kernel/loadavg.h"
#include "kernel/sched.h"

unsigned long avenrun[3];
static unsigned long calc_load_update = LOAD_FREQ; /* jiffies of the next sample */

unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1; /* round up while rising, so a steady load is reached */
	return newload / FIXED_1;
}

void get_avenrun(unsigned long *loads, unsigned long offset)
{
	loads[0] = avenrun[0] + offset;
	loads[1] = avenrun[1] + offset;
	loads[2] = avenrun[2] + offset;
}

/* Linux's calc_load_fold_active: runnable plus uninterruptible, now. */
static unsigned long calc_load_active(void)
{
	return nr_running() + nr_uninterruptible();
}

void calc_global_load_tick(void)
{
	unsigned long active;

	if ((long)(jiffies - calc_load_update) < 0)
		return;
	active = calc_load_active() * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
	calc_load_update += LOAD_FREQ;
}
