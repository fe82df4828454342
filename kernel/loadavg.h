/*
 * The load average (Linux's include/linux/sched/loadavg.h; the code is
 * kernel/loadavg.c). avenrun[] holds the 1, 5 and 15 minute averages of
 * the number of runnable plus uninterruptible tasks, in fixed point with
 * FSHIFT fraction bits.
 */
#ifndef KERNEL_LOADAVG_H
#define KERNEL_LOADAVG_H

#include "kernel/time.h"

#define FSHIFT 11		/* bits of precision */
#define FIXED_1 (1UL << FSHIFT) /* 1.0 in fixed point */
#define LOAD_FREQ (5 * HZ + 1)	/* 5 s between samples */
#define EXP_1 1884		/* 1 / exp(5 s / 1 min) in fixed point */
#define EXP_5 2014		/* 1 / exp(5 s / 5 min) */
#define EXP_15 2037		/* 1 / exp(5 s / 15 min) */

#define LOAD_INT(x) ((x) >> FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

extern unsigned long avenrun[3];

/* One step of the exponential average: load * exp + active * (1 - exp). */
unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active);

/* The three averages, each plus offset (FIXED_1/200 rounds to two decimals). */
void get_avenrun(unsigned long *loads, unsigned long offset);

/* From the timer tick: fold the active count in every LOAD_FREQ. */
void calc_global_load_tick(void);

#endif
