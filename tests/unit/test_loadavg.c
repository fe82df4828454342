/*
 * The load average's fixed-point arithmetic (kernel/loadavg.c) against
 * what Linux's calc_load gives: the figures are those a Linux box shows
 * for one busy task (0.08 after 5 s, 0.63 after a minute, 1.00 for good).
 */
#include <check.h>

#include "tests/unit/check_main.h"
#include "kernel/loadavg.h"

volatile unsigned long jiffies;
static unsigned int fake_running, fake_blocked;

unsigned int nr_running(void)
{
	return fake_running;
}
unsigned int nr_uninterruptible(void)
{
	return fake_blocked;
}

/* avenrun as /proc/loadavg prints it, in hundredths. */
static unsigned long shown(int i)
{
	unsigned long loads[3];

	get_avenrun(loads, FIXED_1 / 200);
	return LOAD_INT(loads[i]) * 100 + LOAD_FRAC(loads[i]);
}

/* Advance the tick through n load periods. */
static void run_periods(int n)
{
	for (int k = 0; k < n; k++)
		for (int t = 0; t < LOAD_FREQ; t++) {
			jiffies++;
			calc_global_load_tick();
		}
}

START_TEST(one_step_matches_linux)
{
	/* From 0 with one task: 2048 * (2048 - 1884) / 2048 rounded up while rising. */
	ck_assert_uint_eq(calc_load(0, EXP_1, FIXED_1), 164);
	ck_assert_uint_eq(calc_load(0, EXP_5, FIXED_1), 34);
	ck_assert_uint_eq(calc_load(0, EXP_15, FIXED_1), 11);
	/* Falling from 1.0 with nothing active: no rounding up. */
	ck_assert_uint_eq(calc_load(FIXED_1, EXP_1, 0), 1884);
}
END_TEST

START_TEST(one_busy_task_over_time)
{
	avenrun[0] = avenrun[1] = avenrun[2] = 0;
	fake_running = 1;
	fake_blocked = 0;
	run_periods(1);
	ck_assert_uint_eq(shown(0), 8); /* 0.08 after 5 s */
	run_periods(11);
	ck_assert_uint_eq(shown(0), 63); /* 1 - 1/e after a minute */
	run_periods(12 * 180);
	ck_assert_uint_eq(shown(0), 100); /* and it reaches 1.00, thanks to the rounding */
	ck_assert_uint_eq(shown(1), 100);
	ck_assert_uint_eq(shown(2), 100);
}
END_TEST

START_TEST(blocked_tasks_count_and_load_decays)
{
	avenrun[0] = avenrun[1] = avenrun[2] = 0;
	fake_running = 0;
	fake_blocked = 2; /* two tasks in D state weigh as two runnable ones */
	run_periods(12 * 30);
	ck_assert_uint_eq(shown(0), 200);
	fake_blocked = 0;
	run_periods(12);
	ck_assert_uint_eq(shown(0), 73); /* 2/e = 0.74, less the rounding: a minute of idling */
	ck_assert_uint_gt(shown(2), shown(1));
	ck_assert_uint_gt(shown(1), shown(0));
}
END_TEST

int main(void)
{
	const TTest *tests[] = { one_step_matches_linux, one_busy_task_over_time,
				 blocked_tasks_count_and_load_decays, NULL };

	return run_tests("loadavg", tests, 0, CK_NOFORK);
}
