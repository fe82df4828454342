/*
 * /proc/PID/status, stat and statm in Linux 6.12's layouts (Linux's
 * fs/proc/array.c and task_mem/task_statm in fs/proc/task_mmu.c).
 *
 * Lines for things Tidemark does not have are left out rather than
 * invented: capabilities, seccomp, cpusets, NUMA, the signal queue limit
 * (SigQ), hugetlb and THP. Everything runs as root (uid/gid 0), with one
 * thread per process; stat's tty_nr is the console's (5:1) for the session
 * it is the controlling terminal of. CPU times are ticks of USER_HZ (kernel/cputime.c).
 */
#include "fs/proc/internal.h"
#include "drivers/tty.h"
#include "fs/file.h"
#include "kernel/capability.h"
#include "kernel/signal.h"
#include "mm/mmap.h"

/* Linux's task_state_array, by our state and exit_state. */
static const char *task_state(const struct task_struct *p)
{
	if (p->exit_state == EXIT_ZOMBIE)
		return "Z (zombie)";
	if (p->exit_state == EXIT_DEAD)
		return "X (dead)";
	if (p->state == TASK_RUNNING)
		return "R (running)";
	if (p->state == TASK_UNINTERRUPTIBLE)
		return "D (disk sleep)";
	if (p->state == TASK_STOPPED)
		return "T (stopped)";
	return "S (sleeping)";
}

static u64 sig_mask_of(const struct task_struct *p, bool ignored)
{
	u64 mask = 0;
	int i;

	for (i = 0; i < _NSIG; i++) {
		unsigned long h = p->sighand[i].handler;

		if (ignored ? h == SIG_IGN : h > SIG_IGN)
			mask |= 1ULL << i;
	}
	return mask;
}

static pid_t task_ppid(const struct task_struct *p)
{
	return p->parent ? p->parent->pid : 0;
}

static void seq_kb(struct seq_file *m, const char *label, unsigned long pages)
{
	seq_printf(m, "%s\t%8lu kB\n", label, pages << (PAGE_SHIFT - 10));
}

/* Linux's task_mem. */
static void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	struct mm_sizes s;

	task_mm_sizes(mm, &s);
	seq_kb(m, "VmPeak:", max(mm->hiwater_vm, s.total_vm));
	seq_kb(m, "VmSize:", s.total_vm);
	seq_kb(m, "VmLck:", mm->locked_vm);
	seq_kb(m, "VmPin:", 0);
	seq_kb(m, "VmHWM:", max(mm->hiwater_rss, s.rss));
	seq_kb(m, "VmRSS:", s.rss);
	seq_kb(m, "RssAnon:", s.anon);
	seq_kb(m, "RssFile:", s.file);
	seq_kb(m, "RssShmem:", s.shmem);
	seq_kb(m, "VmData:", s.data_vm);
	seq_kb(m, "VmStk:", s.stack_vm);
	seq_printf(m, "VmExe:\t%8lu kB\n", s.text >> 10);
	seq_printf(m, "VmLib:\t%8lu kB\n", s.lib >> 10);
	seq_printf(m, "VmPTE:\t%8lu kB\n", mm->pgtables_bytes >> 10);
	seq_kb(m, "VmSwap:", s.swap);
}

int proc_pid_status(struct seq_file *m, struct task_struct *p)
{
	seq_printf(m, "Name:\t%s\n", p->comm);
	seq_printf(m, "Umask:\t%#04o\n", p->umask);
	seq_printf(m, "State:\t%s\n", task_state(p));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", p->pid, p->pid,
		   task_ppid(p));
	seq_puts(m, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
	seq_printf(m, "FDSize:\t%d\nGroups:\t \n", p->files ? NR_OPEN_DEFAULT : 0);
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t0\nNSsid:\t0\n", p->pid, p->pid);
	seq_printf(m, "Kthread:\t%d\n", !!(p->flags & PF_KTHREAD));
	if (p->mm)
		task_mem(m, p->mm);
	seq_printf(m, "CoreDumping:\t0\nThreads:\t1\n");
	seq_printf(m, "SigPnd:\t%016llx\nShdPnd:\t%016llx\n", p->sig_pending, 0ULL);
	seq_printf(m, "SigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n", p->sig_blocked,
		   sig_mask_of(p, true), sig_mask_of(p, false));
	seq_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n", p->cap_inheritable,
		   p->cap_permitted, p->cap_effective);
	seq_printf(m, "CapBnd:\t%016llx\nCapAmb:\t%016llx\n", CAP_FULL_SET, 0ULL);
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n", p->nvcsw,
		   p->nivcsw);
	return 0;
}

/* Linux's do_task_stat: 52 fields. */
int proc_pid_stat(struct seq_file *m, struct task_struct *p)
{
	struct mm_struct *mm = p->mm;
	unsigned long vsize = 0, rss = 0;
	struct mm_sizes s;

	if (mm) {
		task_mm_sizes(mm, &s);
		vsize = s.total_vm << PAGE_SHIFT;
		rss = s.rss;
	}
	pid_t tpgid = -1;
	int tty_nr = tty_of_session(p->session, &tpgid);

	seq_printf(m, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu", p->pid, p->comm,
		   task_state(p)[0], task_ppid(p), p->pgrp, p->session, tty_nr, tpgid, p->flags,
		   p->min_flt, p->cmin_flt, p->maj_flt, p->cmaj_flt);
	seq_printf(m, " %lu %lu %ld %ld %ld %ld %d %d %lu %lu %lu %lu", p->utime, p->stime,
		   (long)p->cutime, (long)p->cstime, 20L, 0L, 1, 0, p->start_time, vsize, rss,
		   ~0UL);
	seq_printf(m, " %lu %lu %lu %lu %lu", mm ? mm->start_code : 0, mm ? mm->end_code : 0,
		   mm ? mm->start_stack : 0, 0UL, 0UL);
	seq_printf(m, " %lu %lu %lu %lu %lu %lu %lu %d %d %u %u %llu %lu %ld",
		   (unsigned long)p->sig_pending, (unsigned long)p->sig_blocked,
		   (unsigned long)sig_mask_of(p, true), (unsigned long)sig_mask_of(p, false),
		   p->state != TASK_RUNNING ? 1UL : 0UL, 0UL, 0UL, 17, 0, 0U, 0U, 0ULL, 0UL, 0L);
	if (mm)
		seq_printf(m, " %lu %lu %lu %lu %lu %lu %lu", mm->start_data, mm->end_data,
			   mm->start_brk, mm->arg_start, mm->arg_end, mm->env_start, mm->env_end);
	else
		seq_puts(m, " 0 0 0 0 0 0 0");
	seq_printf(m, " %d\n", p->exit_state ? p->exit_code : 0);
	return 0;
}

/* size resident shared text lib data dt, in pages (Linux's task_statm). */
int proc_pid_statm(struct seq_file *m, struct task_struct *p)
{
	struct mm_sizes s;

	if (!p->mm) {
		seq_puts(m, "0 0 0 0 0 0 0\n");
		return 0;
	}
	task_mm_sizes(p->mm, &s);
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", s.total_vm, s.rss, s.file + s.shmem,
		   s.text >> PAGE_SHIFT, s.data_vm + s.stack_vm);
	return 0;
}
