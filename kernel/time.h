/* Kernel time: the PIT tick (jiffies) and a nanosecond clock (kernel/time.c). */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "kernel/types.h"

#define HZ 100 /* PIT interrupts per second */
#define NSEC_PER_SEC 1000000000ULL
#define TICK_NSEC (NSEC_PER_SEC / HZ)

extern volatile unsigned long jiffies;
extern unsigned long tsc_khz; /* measured at time_init; 0 if the TSC could not be */

u64 local_clock(void); /* ns since time_init (0 before) */

/* Start the clocks: measure the TSC, program the PIT for HZ ticks on IRQ 0. */
void time_init(void);

/* The timer interrupt's work: jiffies++, then the scheduler's tick. */
void tick_periodic(void);

#endif
