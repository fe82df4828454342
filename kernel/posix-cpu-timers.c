/*
 * Timers on a process's own CPU time (Linux's kernel/time/posix-cpu-timers.c,
 * the part behind setitimer and RLIMIT_CPU).
 *
 *   ITIMER_VIRTUAL  counts user time (utime)          -> SIGVTALRM
 *   ITIMER_PROF     counts user + system time          -> SIGPROF
 *   RLIMIT_CPU      user + system time, in seconds:
 *                   soft limit reached -> SIGXCPU, and the soft limit moves
 *                   up one second (so SIGXCPU comes again each second);
 *                   hard limit reached -> SIGKILL
 *
 * Expiry times are absolute, in ticks of the clock they count (Linux's
 * struct cpu_itimer, in ns): a timer is due when the task's sample reaches
 * it, and an interval timer is re-armed at expires + incr, so it does not
 * drift. CPU time only grows when the tick charges it (kernel/cputime.c), so
 * the check runs right after that charge, for the task charged: Linux's
 * run_posix_cpu_timers from update_process_times. Linux keeps these per
 * thread group (signal_struct); a process here is one task.
 */
#include "kernel/kernel_stat.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/sys_time.h"
#include "kernel/time.h"
#include "kernel/x86.h"

/* The task's CPU time on clock: CPUCLOCK_PROF (utime + stime) or CPUCLOCK_VIRT (utime). */
static unsigned long cpu_clock_sample(const struct task_struct *p, int clock)
{
	return clock == CPUCLOCK_VIRT ? p->utime : p->utime + p->stime;
}

/*
 * The time left on p's timer clock and its interval, in ticks (Linux's
 * get_cpu_itimer): 0 when disarmed, one tick when due but not yet sent.
 */
void get_cpu_itimer(struct task_struct *p, int clock, unsigned long *value, unsigned long *incr)
{
	unsigned long flags = local_irq_save();
	const struct cpu_itimer *it = &p->cpu_itimer[clock];
	unsigned long now = cpu_clock_sample(p, clock);

	*incr = it->incr;
	*value = !it->expires ? 0 : it->expires <= now ? 1 : it->expires - now;
	local_irq_restore(flags);
}

/*
 * Arm p's timer on clock to fire after value ticks of that clock, then
 * every incr ticks (0: once); value 0 disarms (Linux's set_cpu_itimer).
 * One tick is added, as Linux adds TICK_NSEC: the tick in progress is
 * only partly used. The old setting is returned in *ovalue, *oincr.
 */
void set_cpu_itimer(struct task_struct *p, int clock, unsigned long value, unsigned long incr,
		    unsigned long *ovalue, unsigned long *oincr)
{
	unsigned long flags;

	get_cpu_itimer(p, clock, ovalue, oincr);
	flags = local_irq_save();
	p->cpu_itimer[clock].expires = value ? cpu_clock_sample(p, clock) + value + 1 : 0;
	p->cpu_itimer[clock].incr = incr;
	local_irq_restore(flags);
}

/* Linux's check_cpu_itimer: send signo if the timer on clock is due, and re-arm it. */
static void check_cpu_itimer(struct task_struct *p, int clock, int signo)
{
	struct cpu_itimer *it = &p->cpu_itimer[clock];

	if (!it->expires || cpu_clock_sample(p, clock) < it->expires)
		return;
	it->expires = it->incr ? it->expires + it->incr : 0;
	send_sig(signo, p);
}

/* Linux's RLIMIT_CPU part of check_process_timers: SIGKILL at the hard limit, else SIGXCPU. */
static void check_rlimit_cpu(struct task_struct *p)
{
	u64 soft = p->rlim[RLIMIT_CPU].rlim_cur, hard = p->rlim[RLIMIT_CPU].rlim_max;
	u64 ptime = cpu_clock_sample(p, CPUCLOCK_PROF);

	if (soft == RLIM64_INFINITY)
		return;
	if (hard != RLIM64_INFINITY && ptime / HZ >= hard) {
		send_sig(SIGKILL, p);
		return;
	}
	if (ptime / HZ >= soft) {
		send_sig(SIGXCPU, p);
		p->rlim[RLIMIT_CPU].rlim_cur = soft + 1; /* the next SIGXCPU one second later */
	}
}

void run_posix_cpu_timers(struct task_struct *p)
{
	if (!p->mm || p->exit_state || (p->flags & PF_EXITING))
		return;
	check_cpu_itimer(p, CPUCLOCK_PROF, SIGPROF);
	check_cpu_itimer(p, CPUCLOCK_VIRT, SIGVTALRM);
	check_rlimit_cpu(p);
}
