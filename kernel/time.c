/*
 * Time since boot.
 *
 * jiffies counts timer ticks: the PIT interrupts HZ times a second
 * (drivers/pit.c) and tick_periodic() advances jiffies, then gives the
 * scheduler its tick; each tick is charged as CPU time to what it
 * interrupted (kernel/cputime.c) and every fifth second feeds the load
 * average (kernel/loadavg.c). local_clock(), which stamps printk lines, reads the
 * TSC like Linux's sched_clock(): time_init() measures the TSC's frequency
 * against the PIT, and from then on the clock has nanosecond resolution
 * and counts from time_init. Before time_init it reads 0, as Linux's
 * earliest boot lines do. Without a usable TSC it falls back to jiffies
 * (10 ms steps).
 */
#include "kernel/time.h"
#include "drivers/pit.h"
#include "kernel/irq.h"
#include "drivers/random.h"
#include "kernel/kernel.h"
#include "kernel/kernel_stat.h"
#include "kernel/loadavg.h"
#include "kernel/sched.h"
#include "kernel/sys_time.h"
#include "kernel/x86.h"
#include "mm/vmtrace.h"

volatile unsigned long jiffies;
unsigned long tsc_khz;
static u64 tsc_base; /* TSC at time_init */

/* cycles -> ns without overflowing 64 bits: split at whole milliseconds. */
static u64 cycles_to_ns(u64 cycles)
{
	return (cycles / tsc_khz) * 1000000ULL + (cycles % tsc_khz) * 1000000ULL / tsc_khz;
}

u64 local_clock(void)
{
	if (tsc_khz)
		return cycles_to_ns(rdtsc() - tsc_base);
	return (u64)jiffies * TICK_NSEC;
}

void time_init(void)
{
	u64 base = rdtsc();
	unsigned long khz = pit_calibrate_tsc();

	tsc_base = base;
	tsc_khz = khz; /* from here local_clock() runs on the TSC */
	if (khz)
		pr_info("tsc: Detected %lu.%03lu MHz processor\n", khz / 1000, khz % 1000);
	else
		pr_warn("tsc: Unable to calibrate against PIT; printk times in jiffies\n");
	pit_timer_init();
}

void tick_periodic(void)
{
	jiffies++;
	account_process_tick(current, get_irq_regs()); /* utime/stime, idle (kernel/cputime.c) */
	run_posix_cpu_timers(current);		       /* itimers on CPU time, RLIMIT_CPU */
	scheduler_tick();	 /* time slices and timed sleeps (kernel/sched.c) */
	calc_global_load_tick(); /* the load average every 5 s (kernel/loadavg.c) */
	it_real_tick();		 /* SIGALRM for interval timers that are due (kernel/itimer.c) */
	add_timer_randomness();	 /* the tick's TSC into the random key (drivers/random.c) */
	vmtrace_tick();		 /* vmtrace=: a sample if one is due (mm/vmtrace.c) */
}
