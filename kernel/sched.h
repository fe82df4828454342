/* The scheduler (kernel/sched.c): arrives with issue 4. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

/*
 * Called from the timer interrupt (tick_periodic) HZ times a second,
 * interrupts off, after jiffies has advanced: the scheduler's tick.
 */
void scheduler_tick(void);

#endif
