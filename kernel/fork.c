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
 *
 * clone(2) is fork with Linux's flags for a new process: the exit signal
 * (CSIGNAL), a TLS segment for the child (CLONE_SETTLS), the child's pid
 * written to the parent (CLONE_PARENT_SETTID) or to the child
 * (CLONE_CHILD_SETTID, when it first runs), and the address to clear at its
 * exit (CLONE_CHILD_CLEARTID). There are no threads: sharing the address
 * space, files or handlers (CLONE_VM, CLONE_FILES, CLONE_THREAD ...) is
 * refused with EINVAL, except CLONE_VM with CLONE_VFORK (vfork,
 * posix_spawn), which gets a copy of the address space as fork does: the
 * child only runs until it execs, and what it would write to the parent's
 * memory on the way stays in its own copy.
 */
#include "kernel/fork.h"
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/ptrace.h"
#include "kernel/signal.h"
#include "kernel/tls.h"
#include "kernel/lib/string.h"
#include "fs/file.h"
#include "kernel/kernel_stat.h"
#include "kernel/time.h"
#include "mm/gfp.h"
#include "mm/mmap.h"
#include "mm/slab.h"

static pid_t last_pid;
#define RESERVED_PIDS 300 /* after a wrap, start here, as Linux does */

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

/* What a new task takes from its creator: limits, capabilities, umask, process group and session.
 */
static void inherit_process_attrs(struct task_struct *p, const struct task_struct *parent)
{
	memcpy(p->rlim, parent->rlim, sizeof(p->rlim));
	p->cap_effective = parent->cap_effective;
	p->cap_permitted = parent->cap_permitted;
	p->cap_inheritable = parent->cap_inheritable;
	p->umask = parent->umask;
	p->pgrp = parent->pgrp;
	p->session = parent->session;
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
	BUG_ON((unsigned long)&p->thread.fpu & 15); /* fxsave needs 16-byte alignment */
	stack = __get_free_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!stack)
		goto fail;
	pid = alloc_pid();
	if (pid < 0)
		goto fail_stack;
	p->stack = (void *)stack;
	p->pid = pid;
	p->state = TASK_UNINTERRUPTIBLE; /* not runnable until woken */
	p->time_slice = SCHED_SLICE;
	task_fork_fair(p, nr_running());
	p->start_time = jiffies;
	total_forks++;
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->timer_list);
	init_waitqueue_head(&p->wait_chldexit);
	inherit_process_attrs(p, current);
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
	memcpy(p->thread.tls_array, current->thread.tls_array, sizeof(p->thread.tls_array));
	childregs->ax = 0;
	fork_frame_init(p, ret_from_fork, 0, 0);
	fpu_copy_live(p); /* the parent's live x87/SSE state */
}

/*
 * Would one more process pass the caller's RLIMIT_NPROC (Linux's check in
 * copy_process)? Every user process counts, zombies too, until reaped.
 * Linux counts per user and lets root (CAP_SYS_RESOURCE) pass the limit;
 * Tidemark's only user is root and applies the limit to it, so that it
 * can be seen at work.
 */
static bool nproc_over_limit(void)
{
	unsigned long limit = rlimit(RLIMIT_NPROC), n = 0;
	struct task_struct *p;

	if (limit == RLIM_INFINITY)
		return false;
	for_each_process(p)
		if (p->pid && !(p->flags & PF_KTHREAD))
			n++;
	return n >= limit;
}

/*
 * A copy of the calling process, made runnable; the child, or ERR_PTR
 * (-EAGAIN, -ENOMEM, or set_tls's error).
 */
static struct task_struct *copy_process(struct pt_regs *regs, unsigned long flags,
					struct user_desc __user *tls)
{
	struct task_struct *p;
	long err = -ENOMEM;

	if (nproc_over_limit())
		return ERR_PTR(-EAGAIN);
	p = alloc_task();
	if (!p)
		return ERR_PTR(-EAGAIN);
	p->mm = dup_mm(current->mm);
	if (!p->mm)
		goto fail;
	p->files = dup_files(current->files);
	if (!p->files)
		goto fail_mm;
	memcpy(p->sighand, current->sighand, sizeof(p->sighand));
	p->sig_blocked = current->sig_blocked;
	p->sas_ss_sp = current->sas_ss_sp; /* the alternate signal stack is inherited */
	p->sas_ss_size = current->sas_ss_size;
	p->robust_list = current->robust_list;
	p->rseq = current->rseq; /* a copy of the address space keeps the registration */
	p->rseq_len = current->rseq_len;
	p->rseq_sig = current->rseq_sig;
	p->rseq_event = p->rseq != 0;
	p->oom_score_adj = current->oom_score_adj;
	set_task_comm(p, current->comm);
	copy_thread(p, regs);
	if (flags & CLONE_SETTLS) {
		err = tls_set_for(p, tls);
		if (err)
			goto fail_files;
	}
	p->exit_signal = (int)(flags & CSIGNAL);
	p->parent = current;
	list_add_tail(&p->sibling, &current->children);
	return p;

fail_files:
	put_files_struct(p->files);
fail_mm:
	mmput(p->mm);
fail:
	free_task(p);
	return ERR_PTR(err);
}

/* Returns the child's pid, or -ENOMEM / -EAGAIN. */
long do_fork(struct pt_regs *regs)
{
	struct task_struct *p = copy_process(regs, SIGCHLD, NULL);

	if (IS_ERR(p))
		return PTR_ERR(p);
	wake_up_process(p);
	return p->pid;
}

#define CLONE_SUPPORTED                                                                            \
	(CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT_SETTID |                   \
	 CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)

long sys_clone(struct pt_regs *regs, unsigned long flags, unsigned long newsp,
	       int __user *parent_tid, unsigned long tls, int __user *child_tid)
{
	struct task_struct *p;

	if ((flags & ~CLONE_SUPPORTED) || ((flags & CLONE_VM) && !(flags & CLONE_VFORK)) ||
	    (flags & CSIGNAL) > _NSIG)
		return -EINVAL;
	p = copy_process(regs, flags, (struct user_desc __user *)tls);
	if (IS_ERR(p))
		return PTR_ERR(p);
	if (newsp)
		task_pt_regs(p)->sp = newsp;
	if (flags & CLONE_CHILD_SETTID)
		p->set_child_tid = (unsigned long)child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = (unsigned long)child_tid;
	if (flags & CLONE_PARENT_SETTID)
		(void)put_user_int(p->pid, parent_tid); /* a bad address is ignored, as Linux */
	wake_up_process(p);
	return p->pid;
}

/* set_tid_address(tidptr): cleared at exit (CLONE_CHILD_CLEARTID's address); the caller's tid. */
long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = (unsigned long)tidptr;
	return current->pid;
}
