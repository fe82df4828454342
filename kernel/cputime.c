/*
 * CPU time accounting by ticks (Linux's kernel/sched/cputime.c without
 * CONFIG_VIRT_CPU_ACCOUNTING): see kernel/kernel_stat.h for who is
 * charged for a tick. Sampling is statistical, as in Linux: a task that
 * always sleeps just before the tick is never charged, one that runs
 * across it is charged a whole 10 ms.
 *
 * Linux separates hard and soft interrupt time only with
 * CONFIG_IRQ_TIME_ACCOUNTING; without it, as here, a tick that finds the
 * kernel handling an interrupt charges the task it interrupted. Tidemark
 * has no nice values, softirqs or guests: those columns stay 0.
 */
#include "kernel/kernel_stat.h"
#include "kernel/ptrace.h"
#include "kernel/sched.h"

struct kernel_cpustat kcpustat_cpu0;
unsigned long total_forks;

/* Linux's account_user_time. */
static void account_user_time(struct task_struct *p)
{
	p->utime++;
	kcpustat_cpu0.cpustat[CPUTIME_USER]++;
}

/* Linux's account_system_time. */
static void account_system_time(struct task_struct *p)
{
	p->stime++;
	kcpustat_cpu0.cpustat[CPUTIME_SYSTEM]++;
}

/* Linux's account_idle_time: idle with a task waiting for the disk is iowait. */
static void account_idle_time(void)
{
	if (nr_iowait())
		kcpustat_cpu0.cpustat[CPUTIME_IOWAIT]++;
	else
		kcpustat_cpu0.cpustat[CPUTIME_IDLE]++;
}

void account_process_tick(struct task_struct *p, const struct pt_regs *regs)
{
	if (regs && user_mode(regs))
		account_user_time(p);
	else if (p != &init_task)
		account_system_time(p);
	else
		account_idle_time();
}
