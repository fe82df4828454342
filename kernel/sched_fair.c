/*
 * Which runnable task runs next: Linux's CFS (kernel/sched/fair.c) reduced
 * to one CPU and one weight. kernel/sched.c keeps the run queue and does
 * the switching; this file keeps the accounts and makes the choices.
 *
 * Every task has a virtual runtime, vruntime: the nanoseconds of CPU it
 * has used (all tasks have nice 0's weight, so Linux's scaling by
 * 1024 / weight is 1). The next task is the runnable one with the least.
 * min_vruntime follows the smallest vruntime on the run queue and never
 * goes back.
 *
 *   a task wakes after sleeping          vruntime = max(vruntime, min_vruntime - LATENCY/2)
 *   (place_entity, GENTLE_FAIR_SLEEPERS) so a long sleeper gets at most 3 ms of credit
 *   a new task (START_DEBIT)             vruntime = min_vruntime + its slice: no credit
 *   the woken task is behind current     current.vruntime - woken.vruntime > WAKEUP_GRAN
 *   (check_preempt_wakeup)               -> need_resched: it runs at the next
 *                                           preemption point (return to user mode, or
 *                                           when the running kernel code sleeps)
 *   the tick (scheduler_tick)            current's slice of SCHED_SLICE ticks is used
 *                                           -> need_resched (Linux's check_preempt_tick)
 *
 *   ---- vruntime ---->
 *   min_vruntime - 3 ms   min_vruntime        current
 *        |  woken sleeper     |                   |
 *        +--------------------+---------> > 1 ms -+  => preempt current
 *
 * So kswapd, woken by an allocation that fell below LOW after it slept,
 * runs ahead of the allocating task at once, as on Linux; and because its
 * credit is bounded, a kswapd that keeps waking without making progress
 * gets its fair share of the CPU and no more: the user tasks still run.
 * Linux's tunables on one CPU: latency 6 ms, wakeup granularity 1 ms.
 * Linux keeps the queue in a red-black tree by vruntime; one CPU and a
 * handful of tasks need only a list scan.
 */
#include "kernel/sched.h"
#include "kernel/time.h"

u64 min_vruntime;		       /* the run queue's floor; never decreases */
static struct task_struct *yield_skip; /* yield(): pass this task over once */

/* Charge current for the CPU time since it was last charged (Linux's update_curr). */
void update_curr(void)
{
	u64 now = local_clock();

	if (current != &init_task && now > current->exec_start) {
		current->sum_exec_runtime += now - current->exec_start;
		current->vruntime += now - current->exec_start;
	}
	current->exec_start = now;
}

/* Raise min_vruntime to the smallest vruntime on rq (Linux's update_min_vruntime). */
void update_min_vruntime(struct list_head *rq)
{
	struct task_struct *p;
	u64 least = (u64)-1;

	list_for_each_entry(p, rq, run_list)
		if (p->vruntime < least)
			least = p->vruntime;
	if (least != (u64)-1 && least > min_vruntime)
		min_vruntime = least;
}

/* Where a task waking from sleep starts (Linux's place_entity, initial = 0). */
void place_entity(struct task_struct *p)
{
	u64 base = min_vruntime > SCHED_LATENCY_NS / 2 ? min_vruntime - SCHED_LATENCY_NS / 2 : 0;

	if (p->vruntime < base)
		p->vruntime = base;
}

/*
 * A new task's vruntime (Linux's task_fork_fair with START_DEBIT): one
 * slice of the latency period, shared among the nr_running tasks, after
 * min_vruntime, so a fork does not preempt its parent.
 */
void task_fork_fair(struct task_struct *p, unsigned int nr_running)
{
	p->vruntime = min_vruntime + SCHED_LATENCY_NS / (nr_running + 1);
	p->exec_start = local_clock();
}

/*
 * p has just been woken and queued: should it preempt current (Linux's
 * check_preempt_wakeup and wakeup_preempt_entity)? The idle task always
 * gives way. Interrupts off.
 */
bool check_preempt_wakeup(struct task_struct *p)
{
	if (current == &init_task)
		return true;
	if (current == p)
		return false;
	update_curr();
	return (s64)(current->vruntime - p->vruntime) > (s64)WAKEUP_GRAN_NS;
}

/*
 * The runnable task with the least vruntime on rq (the first in queue
 * order among equals), or NULL if rq is empty. The task yield() named is
 * passed over once if any other can run.
 */
struct task_struct *pick_next_task_fair(struct list_head *rq)
{
	struct task_struct *p, *best = NULL;

	list_for_each_entry(p, rq, run_list) {
		if (p == yield_skip && !list_is_singular(rq))
			continue;
		if (!best || p->vruntime < best->vruntime)
			best = p;
	}
	yield_skip = NULL;
	if (best)
		best->exec_start = local_clock();
	return best;
}

/* Linux's yield_task_fair: the next pick skips current if anyone else can run. */
void yield_task_fair(void)
{
	yield_skip = current;
}
