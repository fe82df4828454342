/*
 * Time since boot. jiffies counts PIT ticks (HZ per second, driven by the
 * timer interrupt); local_clock() is jiffies in nanoseconds, so printk's
 * timestamps have 10 ms resolution and read 0 until the timer runs, as
 * early boot lines do in Linux.
 */
#include "kernel/time.h"

volatile unsigned long jiffies;

u64 local_clock(void)
{
	return (u64)jiffies * (1000000000ULL / HZ);
}
