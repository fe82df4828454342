/*
 * Process exit and wait4.
 *
 * do_exit releases the address space and the open files at once (so an
 * exiting memory hog gives its memory back before its parent waits), hands
 * its children to init, becomes a zombie holding only its task_struct,
 * kernel stack and exit status, and tells the parent (SIGCHLD, a wake-up
 * on its wait queue). wait4 in the parent reaps the zombie. When init
 * (pid 1) itself exits, the machine stops by the exit protocol
 * (kernel/reboot.h); when init is killed by a signal, the kernel panics as
 * Linux does.
 */
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/reboot.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "fs/file.h"
#include "kernel/sys.h"
#include "mm/mmap.h"
#include "mm/pgtable.h"
#include "uapi/linux/wait.h"

/* Give the address space back now: the zombie keeps only its task_struct. */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	tsk->maxrss = max(mm->hiwater_rss, get_mm_rss(mm)); /* for getrusage's ru_maxrss */
	tsk->mm = NULL;
	write_cr3(__pa(swapper_pg_dir));
	mmput(mm);
}

static struct task_struct *init_process(void)
{
	return find_task_by_pid(1);
}

static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *reaper = init_process(), *p, *n;

	list_for_each_entry_safe(p, n, &father->children, sibling) {
		p->parent = reaper;
		p->exit_signal =
		    SIGCHLD; /* Linux's reparent_leader: "We don't want people slaying init." */
		list_move_tail(&p->sibling, &reaper->children);
		if (p->pgrp != father->pgrp && p->session == father->session)
			kill_orphaned_pgrp(p->pgrp); /* father may have kept it attached */
		if (p->exit_state == EXIT_ZOMBIE)
			wake_up(&reaper->wait_chldexit);
	}
}

/* SIGCHLD to the parent, saying who died and how (Linux's do_notify_parent). */
static void do_notify_parent(struct task_struct *tsk, int code)
{
	struct kernel_siginfo info = {
		.si_signo = tsk->exit_signal,
		.si_code = (code & 0x7f) ? CLD_KILLED : CLD_EXITED,
		.pid = tsk->pid,
		.status = (code & 0x7f) ? (code & 0x7f) : (code >> 8) & 0xff,
	};

	if (tsk->exit_signal)
		send_sig_info(tsk->exit_signal, &info, tsk->parent);
}

void do_exit(int code)
{
	struct task_struct *tsk = current;

	if (tsk->flags & PF_KTHREAD)
		kthread_exit_dead();
	if (tsk->pid == 1) {
		if (code & 0x7f)
			panic("Attempted to kill init! exitcode=0x%08x", code);
		kernel_exit_status((code >> 8) & 0xff);
	}
	tsk->flags |= PF_EXITING;
	exit_mm(tsk);
	put_files_struct(tsk->files);
	tsk->files = NULL;
	forget_original_parent(tsk);
	kill_orphaned_pgrp(tsk->pgrp);
	if (tsk->session == tsk->pid)
		disassociate_ctty(tsk->session); /* a session leader's end hangs up its terminal */

	cli();
	tsk->exit_code = code;
	tsk->exit_state = EXIT_ZOMBIE;
	tsk->state = EXIT_ZOMBIE;
	do_notify_parent(tsk, code);
	wake_up(&tsk->parent->wait_chldexit);
	schedule();
	panic("do_exit: zombie %d ran again", tsk->pid);
}

/* Does child p match wait4's pid: that child, any (-1), my group (0), group -pid? */
static bool wait_matches(struct task_struct *p, pid_t pid)
{
	if (pid > 0)
		return p->pid == pid;
	if (pid == -1)
		return true;
	return p->pgrp == (pid == 0 ? current->pgrp : -pid);
}

/*
 * What wait4 can report about child p with these options: its exit, a stop
 * (WUNTRACED) or a continue (WCONTINUED), each once. The wait status goes
 * in *status; true if there is something.
 */
static bool wait_ready(struct task_struct *p, int options, int *status)
{
	if (p->exit_state == EXIT_ZOMBIE) {
		*status = p->exit_code;
		return true;
	}
	if ((options & WUNTRACED) && p->jobctl_stopped) {
		*status = (p->jobctl_stop_sig << 8) | 0x7f;
		return true;
	}
	if ((options & WCONTINUED) && p->jobctl_continued) {
		*status = 0xffff;
		return true;
	}
	return false;
}

/*
 * wait4(pid, status, options, rusage): reap a zombie child, or with
 * WUNTRACED / WCONTINUED report a child that stopped or continued (once
 * each). Returns its pid, 0 with WNOHANG if none is ready, -ECHILD if
 * there is no such child, -ERESTARTSYS if a signal arrives while waiting
 * (EINTR, or restarted under SA_RESTART), -EFAULT for a bad status or
 * rusage pointer. rusage, if not NULL, gets a reaped child's usage (its
 * reaped children's included), and the parent's children's totals grow by
 * the same (kernel/sys.c).
 */
long sys_wait4(pid_t pid, int __user *status, int options, struct rusage __user *rusage)
{
	struct task_struct *p;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	for (;;) {
		bool have_child = false;
		struct task_struct *ready = NULL;
		int st = 0, err;
		pid_t ret;

		list_for_each_entry(p, &current->children, sibling) {
			if (!wait_matches(p, pid))
				continue;
			have_child = true;
			if (wait_ready(p, options, &st)) {
				ready = p;
				break;
			}
		}
		if (!have_child)
			return -ECHILD;
		if (ready) {
			if (status && put_user_int(st, status))
				return -EFAULT;
			ret = ready->pid;
			if (ready->exit_state !=
			    EXIT_ZOMBIE) {		 /* a stop or continue, reported once */
				if ((st & 0xff) == 0x7f) /* WIFSTOPPED */
					ready->jobctl_stopped = false;
				else
					ready->jobctl_continued = false;
				return ret;
			}
			if (wait_child_rusage(ready, rusage))
				return -EFAULT;
			account_reaped_child(current, ready);
			list_del(&ready->sibling);
			ready->exit_state = EXIT_DEAD;
			free_task(ready);
			return ret;
		}
		if (options & WNOHANG)
			return 0;
		err = wait_event_interruptible(
		    current->wait_chldexit, ({
			    bool any = false;
			    list_for_each_entry(p, &current->children, sibling)
				    if (wait_matches(p, pid) && wait_ready(p, options, &st))
					    any = true;
			    any;
		    }));
		if (err)
			return err;
	}
}

long sys_exit(int code)
{
	do_exit(W_EXITCODE(code, 0));
}

/* exit_group: every thread of the process ends; with one thread per process, exit. */
long sys_exit_group(int code)
{
	do_exit(W_EXITCODE(code, 0));
}
