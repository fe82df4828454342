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
	tsk->maxrss = max(mm->hiwater_rss, get_mm_rss(mm));	/* for getrusage's ru_maxrss */
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
		list_move_tail(&p->sibling, &reaper->children);
		if (p->exit_state == EXIT_ZOMBIE)
			wake_up(&reaper->wait_chldexit);
	}
}

/* SIGCHLD to the parent, saying who died and how (Linux's do_notify_parent). */
static void do_notify_parent(struct task_struct *tsk, int code)
{
	struct kernel_siginfo info = {
		.si_signo = SIGCHLD,
		.si_code = (code & 0x7f) ? CLD_KILLED : CLD_EXITED,
		.pid = tsk->pid,
		.status = (code & 0x7f) ? (code & 0x7f) : (code >> 8) & 0xff,
	};

	send_sig_info(SIGCHLD, &info, tsk->parent);
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

	cli();
	tsk->exit_code = code;
	tsk->exit_state = EXIT_ZOMBIE;
	tsk->state = EXIT_ZOMBIE;
	do_notify_parent(tsk, code);
	wake_up(&tsk->parent->wait_chldexit);
	schedule();
	panic("do_exit: zombie %d ran again", tsk->pid);
}

/* Does child p match wait4's pid argument? (No process groups: 0 and < -1 mean any.) */
static bool wait_matches(struct task_struct *p, pid_t pid)
{
	return pid <= 0 || p->pid == pid;
}

/*
 * wait4(pid, status, options, rusage): reap a zombie child. Returns its pid,
 * 0 with WNOHANG if none is ready, -ECHILD if there is no such child,
 * -ERESTARTSYS if a signal arrives while waiting (EINTR, or restarted under
 * SA_RESTART), -EFAULT for a bad status or rusage pointer. rusage, if
 * not NULL, gets the child's usage (its reaped children's included), and
 * the parent's children's totals grow by the same (kernel/sys.c).
 */
long sys_wait4(pid_t pid, int __user *status, int options, struct rusage __user *rusage)
{
	struct task_struct *p;

	if (options & ~WNOHANG)
		return -EINVAL;
	for (;;) {
		bool have_child = false;
		struct task_struct *zombie = NULL;
		pid_t ret;
		int err;

		list_for_each_entry(p, &current->children, sibling) {
			if (!wait_matches(p, pid))
				continue;
			have_child = true;
			if (p->exit_state == EXIT_ZOMBIE) {
				zombie = p;
				break;
			}
		}
		if (!have_child)
			return -ECHILD;
		if (zombie) {
			if (status && put_user_int(zombie->exit_code, status))
				return -EFAULT;
			if (wait_child_rusage(zombie, rusage))
				return -EFAULT;
			account_reaped_child(current, zombie);
			ret = zombie->pid;
			list_del(&zombie->sibling);
			zombie->exit_state = EXIT_DEAD;
			free_task(zombie);
			return ret;
		}
		if (options & WNOHANG)
			return 0;
		err = wait_event_interruptible(current->wait_chldexit, ({
			bool ready = false;
			list_for_each_entry(p, &current->children, sibling)
				if (wait_matches(p, pid) && p->exit_state == EXIT_ZOMBIE)
					ready = true;
			ready;
		}));
		if (err)
			return err;
	}
}

long sys_exit(int code)
{
	do_exit(W_EXITCODE(code, 0));
}
