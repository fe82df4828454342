/*
 * CPU time, per CPU and per task (Linux's include/linux/kernel_stat.h and
 * kernel/sched/cputime.c; the code is kernel/cputime.c).
 *
 * Each timer tick is charged, whole, to what it interrupted:
 *
 *   tick from user mode ................ task->utime, CPUTIME_USER
 *   tick from the kernel, a real task .. task->stime, CPUTIME_SYSTEM
 *   tick while the idle task runs ...... CPUTIME_IOWAIT if some task sleeps
 *                                        in io_schedule(), else CPUTIME_IDLE
 *
 * Counters are in ticks. HZ is 100, Linux's USER_HZ, so /proc/stat,
 * /proc/PID/stat and times(2) print them as they are.
 */
#ifndef KERNEL_KERNEL_STAT_H
#define KERNEL_KERNEL_STAT_H

#include "kernel/types.h"

struct pt_regs;
struct task_struct;

/* Linux's enum cpu_usage_stat (its order, not /proc/stat's: see fs/proc/stat.c). */
enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_NICE,
	CPUTIME_SYSTEM,
	CPUTIME_SOFTIRQ,
	CPUTIME_IRQ,
	CPUTIME_IDLE,
	CPUTIME_IOWAIT,
	CPUTIME_STEAL,
	CPUTIME_GUEST,
	CPUTIME_GUEST_NICE,
	NR_STATS,
};

struct kernel_cpustat {
	u64 cpustat[NR_STATS];
};

/* One CPU: Linux's per-CPU kernel_cpustat is this one structure. */
extern struct kernel_cpustat kcpustat_cpu0;
extern unsigned long total_forks; /* /proc/stat "processes": every fork since boot */

/* From the timer tick, interrupts off: charge one tick (regs: what it interrupted). */
void account_process_tick(struct task_struct *p, const struct pt_regs *regs);
/*
 * Right after: p's CPU-time timers (kernel/posix-cpu-timers.c): SIGPROF,
 * SIGVTALRM, RLIMIT_CPU's SIGXCPU and SIGKILL.
 */
void run_posix_cpu_timers(struct task_struct *p);

#endif
