/*
 * The scheduler: the run queue, context switches, sleeping and waking,
 * timed sleeps and kernel threads. See kernel/sched.h for the picture of a
 * task's kernel stack and the preemption rules; kernel/sched_fair.c
 * chooses which task runs (CFS: the least virtual runtime) and when a
 * woken task preempts the running one.
 *
 * The run queue holds every TASK_RUNNING task except the idle task
 * (init_task, pid 0), including the one running now; schedule() moves the
 * current task to the tail (so equals take turns) and runs the pick. A
 * task is on the queue exactly when its run_list is linked (list_del_init
 * keeps that test true).
 */
#include "kernel/sched.h"
#include "kernel/capability.h"
#include "kernel/sys.h"
#include "kernel/gdt.h"
#include "kernel/kernel_stat.h"
#include "kernel/ptrace.h"
#include "kernel/time.h"
#include "kernel/tls.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/pgtable.h"
#include "mm/slab.h"

extern char boot_stack[];

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.flags = PF_KTHREAD,
	.pid = 0,
	.comm = "swapper/0",
	.stack = boot_stack,
	.tasks = LIST_HEAD_INIT(init_task.tasks), /* walked from the first tick on */
};
struct task_struct *current = &init_task;
bool need_resched;

static LIST_HEAD(runqueue);
static LIST_HEAD(sleepers);	     /* tasks in schedule_timeout */
static unsigned int nr_iowait_tasks; /* in io_schedule() now */
static unsigned long long nr_switches;
static struct task_struct *dead_task; /* exited kernel thread to free after the switch */

void sched_init(void)
{
	INIT_LIST_HEAD(&init_task.tasks);
	INIT_LIST_HEAD(&init_task.children);
	INIT_LIST_HEAD(&init_task.sibling);
	INIT_LIST_HEAD(&init_task.run_list);
	INIT_LIST_HEAD(&init_task.timer_list);
	init_waitqueue_head(&init_task.wait_chldexit);
	init_task.time_slice = SCHED_SLICE;
	init_task.umask = 0022;
	rlimits_init(&init_task);
	cap_set_root(&init_task); /* root: every capability */
	fpu_init();		  /* SSE on, and the clean x87/SSE state new programs start with */
}

struct pt_regs *task_pt_regs(struct task_struct *p)
{
	return (struct pt_regs *)((char *)p->stack + THREAD_SIZE) - 1;
}

static inline bool on_runqueue(struct task_struct *p)
{
	return !list_empty(&p->run_list);
}

void wake_up_process(struct task_struct *p)
{
	wake_up_state(p, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
}

void wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned long flags = local_irq_save();

	if (p->state & state) {
		p->state = TASK_RUNNING;
		if (!on_runqueue(p)) {
			place_entity(p);
			list_add_tail(&p->run_list, &runqueue);
		}
		if (check_preempt_wakeup(p))
			need_resched = true;
	}
	local_irq_restore(flags);
}

/* Free what a dead kernel thread left: it could not free its own stack. */
static void finish_task_switch(void)
{
	struct task_struct *p = dead_task;

	if (!p)
		return;
	dead_task = NULL;
	free_pages((unsigned long)p->stack, THREAD_SIZE_ORDER);
	kfree(p);
}

/* The first C code a new task runs (from ret_from_fork/ret_from_kernel_thread). */
void schedule_tail(void)
{
	finish_task_switch();
	if (current->set_child_tid) { /* clone(CLONE_CHILD_SETTID) */
		(void)put_user_int(current->pid, (int __user *)current->set_child_tid);
		current->set_child_tid = 0;
	}
}

static void context_switch(struct task_struct *prev, struct task_struct *next)
{
	unsigned long cr3 = __pa(next->mm ? next->mm->pgd : swapper_pg_dir);

	if (read_cr3() != cr3)
		write_cr3(cr3);
	tss_set_kernel_stack((unsigned long)next->stack + THREAD_SIZE);
	fpu_switch(prev, next);
	prev->rseq_event = prev->rseq != 0;
	load_TLS(next);
	if (prev->state == TASK_RUNNING)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	nr_switches++;
	__kmap_local_sched_out(prev);
	__kmap_local_sched_in(next);
	current = next;
	__switch_to_asm(&prev->thread.sp, next->thread.sp);
	/* Back in prev, switched to again by someone. */
	finish_task_switch();
}

/*
 * Give up the CPU. The caller has set current->state (or left it
 * TASK_RUNNING to yield). Interrupts may be on or off; they come back as
 * they were.
 */
void schedule(void)
{
	unsigned long flags = local_irq_save();
	struct task_struct *prev = current, *next;

	if (prev->preempt_count)
		panic("BUG: scheduling while atomic: %s/%d/0x%08x", prev->comm, prev->pid,
		      prev->preempt_count);

	if (prev == &init_task && prev->state != TASK_RUNNING)
		panic("schedule: the idle task cannot sleep (state %ld)", prev->state);
	update_curr();
	if (prev != &init_task) {
		if (prev->state == TASK_RUNNING)
			list_move_tail(&prev->run_list, &runqueue);
		else if (on_runqueue(prev))
			list_del_init(&prev->run_list);
	}
	update_min_vruntime(&runqueue);
	next = pick_next_task_fair(&runqueue);
	if (!next)
		next = &init_task;
	else if (next->state != TASK_RUNNING)
		panic("schedule: %s/%d on the run queue in state %ld", next->comm, next->pid,
		      next->state);
	need_resched = false;
	next->time_slice = SCHED_SLICE;
	if (next != prev)
		context_switch(prev, next);
	local_irq_restore(flags);
}

void yield(void)
{
	unsigned long flags = local_irq_save();

	yield_task_fair();
	schedule();
	local_irq_restore(flags);
}

/* Timer interrupt, interrupts off: time slices and timed sleeps. */
void scheduler_tick(void)
{
	struct task_struct *p, *n;

	update_curr();
	list_for_each_entry_safe(p, n, &sleepers, timer_list)
		if ((long)(jiffies - p->sleep_until) >= 0)
			wake_up_process(p);
	if (current == &init_task) {
		if (!list_empty(&runqueue))
			need_resched = true;
	} else if (--current->time_slice <= 0) {
		need_resched = true;
	}
}

/*
 * Sleep until woken or until ticks have passed, in the state the caller
 * set (Linux's contract): after prepare_to_wait() and a failed check, a
 * wake_up() that comes before this call has already made the task
 * TASK_RUNNING, and then this returns at once instead of losing it. Called
 * in TASK_RUNNING it only yields. Returns the ticks left (0 if they ran out).
 */
long schedule_timeout(long ticks)
{
	unsigned long flags = local_irq_save();
	long left;

	current->sleep_until = jiffies + ticks;
	list_add_tail(&current->timer_list, &sleepers);
	schedule();
	list_del_init(&current->timer_list);
	current->state = TASK_RUNNING;
	left = (long)(current->sleep_until - jiffies);
	local_irq_restore(flags);
	return left > 0 ? left : 0;
}

/* Linux's io_schedule_prepare/finish: while between them, the CPU's idle time is iowait. */
static bool io_schedule_prepare(void)
{
	bool old = current->in_iowait;

	current->in_iowait = true;
	nr_iowait_tasks++;
	return old;
}

static void io_schedule_finish(bool old)
{
	nr_iowait_tasks--;
	current->in_iowait = old;
}

long io_schedule_timeout(long ticks)
{
	bool old = io_schedule_prepare();
	long left = schedule_timeout(ticks);

	io_schedule_finish(old);
	return left;
}

void io_schedule(void)
{
	bool old = io_schedule_prepare();

	schedule();
	io_schedule_finish(old);
}

unsigned int nr_iowait(void)
{
	return nr_iowait_tasks;
}

unsigned int nr_running(void)
{
	unsigned long flags = local_irq_save();
	struct task_struct *p;
	unsigned int n = 0;

	list_for_each_entry(p, &runqueue, run_list)
		n++;
	local_irq_restore(flags);
	return n;
}

unsigned int nr_uninterruptible(void)
{
	unsigned long flags = local_irq_save();
	struct task_struct *p;
	unsigned int n = 0;

	for_each_process(p)
		if (p->state == TASK_UNINTERRUPTIBLE && !p->exit_state)
			n++;
	local_irq_restore(flags);
	return n;
}

unsigned long long nr_context_switches(void)
{
	return nr_switches;
}

/* The idle task: run whatever is runnable, otherwise wait for an interrupt. */
void cpu_idle_loop(void)
{
	for (;;) {
		cli();
		if (!list_empty(&runqueue)) {
			schedule();
			continue;
		}
		__asm__ volatile("sti; hlt" ::: "memory"); /* sti takes effect after hlt starts */
	}
}

/* ---- waiting ----------------------------------------------------------- */

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *w, long state)
{
	unsigned long flags = local_irq_save();

	w->task = current;
	if (list_empty(&w->entry))
		list_add_tail(&w->entry, &wq->head);
	current->state = state;
	local_irq_restore(flags);
}

void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *w)
{
	unsigned long flags = local_irq_save();

	(void)wq;
	current->state = TASK_RUNNING;
	if (!list_empty(&w->entry))
		list_del_init(&w->entry);
	local_irq_restore(flags);
}

void wake_up(wait_queue_head_t *wq)
{
	unsigned long flags = local_irq_save();
	struct wait_queue_entry *w;

	list_for_each_entry(w, &wq->head, entry)
		wake_up_process(w->task);
	local_irq_restore(flags);
}

bool signal_pending_current(void)
{
	return (current->sig_pending & ~current->sig_blocked) != 0;
}

/* ---- tasks --------------------------------------------------------------- */

struct task_struct *find_task_by_pid(pid_t pid)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pid == pid && p->exit_state != EXIT_DEAD)
			return p;
	return NULL;
}

/* For mm/ (mm/internal.h): the allocating task's name and reclaim rights. */
const char *current_comm(void)
{
	return current->comm;
}

bool current_is_reclaiming(void)
{
	return current->flags & PF_MEMALLOC;
}

bool current_is_oom_victim(void)
{
	return current->oom_victim;
}

void set_task_comm(struct task_struct *p, const char *name)
{
	strlcpy(p->comm, name, sizeof(p->comm));
}

/*
 * Start a kernel thread running fn(arg); when fn returns, the thread exits
 * with its result. The first switch to it "returns" into
 * ret_from_kernel_thread, which finds fn in ebx and arg in esi. Returns
 * NULL if memory or pids ran out.
 */
struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = alloc_task();

	if (!p)
		return NULL;
	p->flags = PF_KTHREAD;
	p->parent = &init_task;
	set_task_comm(p, name);
	/* Below an unused pt_regs: room for kernel_execve's user registers. */
	fork_frame_init(p, ret_from_kernel_thread, (unsigned long)fn, (unsigned long)arg);
	wake_up_process(p);
	return p;
}

/* A kernel thread's end: it cannot free its own stack, the next task does. */
void kthread_exit_dead(void)
{
	cli();
	list_del(&current->tasks);
	current->exit_state = EXIT_DEAD;
	current->state = EXIT_DEAD;
	dead_task = current;
	schedule();
	panic("kthread_exit_dead: dead task ran again");
}
