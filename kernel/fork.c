/*
 * fork: a new process that is a copy of the caller. The child gets a copy
 * of the address space (mm/ decides how: see dup_mm), of the open-file
 * table and of the signal dispositions, the same oom_score_adj, and a copy
 * of the caller's user registers with eax = 0, so that it returns from the
 * same fork() call with 0 while the parent gets the child's pid.
 */
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/ptrace.h"
#include "kernel/lib/string.h"
#include "fs/file.h"
#include "mm/mmap.h"

static void copy_thread(struct task_struct *p, const struct pt_regs *regs)
{
	struct pt_regs *childregs = task_pt_regs(p);
	unsigned long *sp = (unsigned long *)childregs;

	*childregs = *regs;
	childregs->ax = 0;
	*--sp = (unsigned long)ret_from_fork;
	*--sp = 0;	/* ebp */
	*--sp = 0;	/* ebx */
	*--sp = 0;	/* esi */
	*--sp = 0;	/* edi */
	p->thread.sp = (unsigned long)sp;
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
