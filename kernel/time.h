/* Kernel time: the PIT tick (jiffies) and a nanosecond clock. */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "kernel/types.h"

#define HZ 100			/* PIT interrupts per second */

extern volatile unsigned long jiffies;

u64 local_clock(void);		/* ns since boot */

#endif
