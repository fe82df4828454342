/*
 * The out-of-memory killer (Linux's mm/oom_kill.c).
 *
 * The allocator calls out_of_memory() when reclaim has made no progress
 * (mm/page_alloc.c, __alloc_pages_may_oom). It scores every user process
 * with oom_badness:
 *
 *   points = RSS + swap entries + page-table pages
 *            + oom_score_adj * (totalpages / 1000)       totalpages = RAM + swap
 *
 * never choosing pid 1, kernel threads or oom_score_adj -1000; the highest
 * score dies (on a tie the later task in the list, as Linux). It prints
 * Linux's report (the trigger line, show_mem, the task table, the
 * "Killed process" line), sends SIGKILL and returns true, so the allocation
 * retries. While a victim has not exited yet, no second one is chosen: the
 * allocating task waits a tick for it instead.
 *
 * Not done: Linux's oom_reaper (unmapping a victim's memory when the victim
 * cannot run). Here a victim always gets to run: SIGKILL wakes it from any
 * interruptible sleep, and the kernel never blocks forever in an
 * uninterruptible one.
 */
#include "mm/oom.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/sysctl.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"
#include "mm/swap.h"
#include "mm/vmstat.h"
#include "mm/vmtrace.h"

#define OOM_SCORE_ADJ_MIN (-1000)

int sysctl_oom_dump_tasks = 1; /* vm.panic_on_oom and friends: kernel/sysctl.c */

unsigned long oom_totalpages(void)
{
	return totalram_pages() + (unsigned long)total_swap_pages;
}

/*
 * The badness of p, or LONG_MIN if it must never be chosen (Linux's
 * oom_badness, 6.x: signed, integer division of totalpages first).
 */
long oom_badness(struct task_struct *p, unsigned long totalpages)
{
	long points, adj;

	if (p->pid == 1 || (p->flags & PF_KTHREAD) || !p->mm || p->exit_state)
		return LONG_MIN;
	adj = p->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN)
		return LONG_MIN;
	points = (long)(get_mm_rss(p->mm) + p->mm->rss_stat[MM_SWAPENTS] +
			p->mm->pgtables_bytes / PAGE_SIZE);
	return points + adj * (long)(totalpages / 1000);
}

static bool is_oom_victim_alive(void)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->oom_victim && !p->exit_state)
			return true;
	return false;
}

/* Linux's select_bad_process: the highest badness; a later task wins a tie. */
static struct task_struct *select_bad_process(unsigned long totalpages, long *points)
{
	struct task_struct *p, *chosen = NULL;

	*points = LONG_MIN;
	for_each_process(p) {
		long score = oom_badness(p, totalpages);

		if (score == LONG_MIN || score < *points)
			continue;
		chosen = p;
		*points = score;
	}
	return chosen;
}

static void dump_tasks(void)
{
	struct task_struct *p;

	pr_info("Tasks state (memory values in pages):\n");
	pr_info(
	    "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	for_each_process(p) {
		if ((p->flags & PF_KTHREAD) || !p->mm || p->exit_state)
			continue;
		pr_info("[%7d] %5d %5d %8lu %8lu %8lu %8lu         %5d %s\n", p->pid, 0, p->pid,
			p->mm->total_vm, get_mm_rss(p->mm), p->mm->pgtables_bytes,
			(unsigned long)p->mm->rss_stat[MM_SWAPENTS], p->oom_score_adj, p->comm);
	}
}

static void dump_header(struct oom_control *oc)
{
	char gfp[96];

	format_gfp_flags(gfp, sizeof(gfp), oc->gfp_mask);
	pr_warn("%s invoked oom-killer: gfp_mask=%s, order=%d, oom_score_adj=%d\n", current->comm,
		gfp, oc->order, current->oom_score_adj);
	dump_stack();
	show_mem();
	if (sysctl_oom_dump_tasks)
		dump_tasks();
}

static void oom_kill_process(struct task_struct *victim, const char *message)
{
	struct mm_struct *mm = victim->mm;

	pr_info("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
		"global_oom,task_memcg=/,task=%s,pid=%d,uid=0\n",
		victim->comm, victim->pid);
	count_vm_event(OOM_KILL);
	vmtrace_event(VMTRACE_OOM_KILL);
	victim->oom_victim = true;
	send_sig(SIGKILL, victim);
	pr_err("%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, "
	       "shmem-rss:%lukB, UID:0 pgtables:%lukB oom_score_adj:%d\n",
	       message, victim->pid, victim->comm, mm->total_vm * 4,
	       (unsigned long)mm->rss_stat[MM_ANONPAGES] * 4,
	       (unsigned long)mm->rss_stat[MM_FILEPAGES] * 4,
	       (unsigned long)mm->rss_stat[MM_SHMEMPAGES] * 4, mm->pgtables_bytes / 1024,
	       victim->oom_score_adj);
}

/*
 * Free memory by killing a process. Returns true if memory was or will
 * soon be freed (a victim was killed or is still exiting), false if there
 * is nothing to kill for this request.
 */
bool out_of_memory(struct oom_control *oc)
{
	unsigned long totalpages = oom_totalpages();
	struct task_struct *victim;
	long points;

	if (!(oc->gfp_mask & __GFP_FS))
		return true; /* as Linux: such callers retry or fail on their own */
	if (current->mm && (current->sig_pending & sigmask(SIGKILL)))
		return false; /* we are dying: let this allocation fail and exit */
	if (is_oom_victim_alive()) {
		schedule_timeout_interruptible(1); /* let the victim run and exit */
		return true;
	}
	if (sysctl_panic_on_oom) {
		dump_header(oc);
		panic("Out of memory: %s panic_on_oom is enabled",
		      sysctl_panic_on_oom == 2 ? "compulsory" : "system-wide");
	}
	if (sysctl_oom_kill_allocating_task && current->mm &&
	    oom_badness(current, totalpages) != LONG_MIN) {
		dump_header(oc);
		oom_kill_process(current, "Out of memory (oom_kill_allocating_task)");
		return true;
	}
	victim = select_bad_process(totalpages, &points);
	dump_header(oc);
	if (!victim) {
		pr_emerg("Out of memory and no killable processes...\n");
		panic("System is deadlocked on memory");
	}
	oom_kill_process(victim, "Out of memory");
	if (victim != current)
		schedule_timeout_interruptible(1);
	return true;
}
