/*
 * fork: a new process that is a copy of the caller. The child gets a copy
 * of the address space (mm/ decides how: see dup_mm), of the open-file
 * table and of the signal dispositions, the same oom_score_adj, and a copy
 * of the caller's user registers with eax = 0, so that it returns from the
 * same fork() call with 0 while the parent gets the child's pid.
 *
 * Also where every task is born: alloc_task (a stack, a pid, the task
 * list), free_task, and the first switch frame a new task starts from
 * (fork_frame_init, for forked processes and kernel threads alike).
 */
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/ptrace.h"
#include "kernel/lib/string.h"
#include "fs/file.h"
#include "kernel/kernel_stat.h"
#include "kernel/time.h"
#include "mm/gfp.h"
#include "mm/mmap.h"
#include "mm/slab.h"

static pid_t last_pid;
#define RESERVED_PIDS 300	/* after a wrap, start here, as Linux does */

/* The next free pid after the last one given (Linux's alloc_pid); -EAGAIN if none. */
static pid_t alloc_pid(void)
{
	int tries;

	for (tries = 0; tries < PID_MAX; tries++) {
		if (++last_pid >= PID_MAX)
			last_pid = RESERVED_PIDS;
		if (!find_task_by_pid(last_pid))
			return last_pid;
	}
	return -EAGAIN;
}

/*
 * A new task with a kernel stack and a pid, linked into the task list but
 * not yet runnable (Linux's dup_task_struct and alloc_pid). Returns NULL
 * if memory or pids ran out.
 */
struct task_struct *alloc_task(void)
{
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);
	unsigned long stack;
	pid_t pid;

	if (!p)
		return NULL;
	stack = __get_free_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!stack)
		goto fail;
	pid = alloc_pid();
	if (pid < 0)
		goto fail_stack;
	p->stack = (void *)stack;
	p->pid = pid;
	p->state = TASK_UNINTERRUPTIBLE;	/* not runnable until woken */
	p->time_slice = SCHED_SLICE;
	task_fork_fair(p, nr_running());
	p->start_time = jiffies;
	total_forks++;
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->timer_list);
	init_waitqueue_head(&p->wait_chldexit);
	fpu_init_state(p);
	list_add_tail(&p->tasks, &init_task.tasks);
	return p;

fail_stack:
	free_pages(stack, THREAD_SIZE_ORDER);
fail:
	kfree(p);
	return NULL;
}

/* Undo alloc_task for a task that never ran, or a reaped zombie. */
void free_task(struct task_struct *p)
{
	list_del(&p->tasks);
	free_pages((unsigned long)p->stack, THREAD_SIZE_ORDER);
	kfree(p);
}

/*
 * The first switch frame of the new task p, right below its pt_regs (see
 * the picture in kernel/sched.h): the first switch to p pops bx and si
 * and returns into ret. Used by copy_thread and kthread_run.
 */
void fork_frame_init(struct task_struct *p, void (*ret)(void), unsigned long bx, unsigned long si)
{
	struct inactive_task_frame *frame = (struct inactive_task_frame *)task_pt_regs(p) - 1;

	*frame = (struct inactive_task_frame){
		.si = si,
		.bx = bx,
		.ret_addr = (unsigned long)ret,
	};
	p->thread.sp = (unsigned long)frame;
}

/* The child's registers: the parent's, fork returning 0; and its FPU state. */
static void copy_thread(struct task_struct *p, const struct pt_regs *regs)
{
	struct pt_regs *childregs = task_pt_regs(p);

	*childregs = *regs;
	childregs->ax = 0;
	fork_frame_init(p, ret_from_fork, 0, 0);
	/* The parent's live FPU state: fnsave resets the FPU, so reload it. */
	__asm__ volatile("fnsave %0; frstor %0" : "=m"(p->thread.fpu));
}

/* Returns the child's pid, or -ENOMEM / -EAGAIN. */
long do_fork(struct pt_regs *regs)
{
	struct task_struct *p = alloc_task();

	if (!p)
		return -EAGAIN;
	p->mm = dup_mm(current->mm);
	if (!p->mm)
		goto fail;
	p->files = dup_files(current->files);
	if (!p->files)
		goto fail_mm;
	memcpy(p->sighand, current->sighand, sizeof(p->sighand));
	p->sig_blocked = current->sig_blocked;
	p->oom_score_adj = current->oom_score_adj;
	set_task_comm(p, current->comm);
	p->parent = current;
	list_add_tail(&p->sibling, &current->children);
	copy_thread(p, regs);
	wake_up_process(p);
	return p->pid;

fail_mm:
	mmput(p->mm);
fail:
	free_task(p);
	return -ENOMEM;
}
