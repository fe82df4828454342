/*
 * /proc/PID: the per-process files (Linux's fs/proc/base.c), and the OOM
 * files with Linux 6.x's arithmetic (docs/linux-formulas.md, OOM badness):
 *
 *   badness   = rss + swap entries + page-table bytes / PAGE_SIZE
 *               + oom_score_adj * (totalpages / 1000)
 *               (not eligible: pid 1, kernel threads, no mm, adj -1000)
 *   oom_score = 0 if not eligible, else (1000 + badness * 1000 / totalpages) * 2 / 3
 *   totalpages = totalram_pages + total_swap_pages
 *
 * oom_adj is the legacy view of oom_score_adj: a write of 15 sets 1000,
 * any other v in -17..15 sets v * 1000 / 17; a read shows 15 for 1000,
 * else adj * 17 / 1000 capped at 15. Its first use logs Linux's
 * deprecation line.
 *
 * The scores come from the OOM killer's own oom_badness (mm/oom_kill.c).
 */
#include <limits.h>

#include "fs/proc/internal.h"
#include "mm/gup.h"
#include "kernel/lib/string.h"
#include "kernel/sysctl.h"
#include "mm/highmem.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/oom.h"

#define OOM_SCORE_ADJ_MIN (-1000)
#define OOM_SCORE_ADJ_MAX 1000
#define OOM_DISABLE (-17)
#define OOM_ADJUST_MIN (-16)
#define OOM_ADJUST_MAX 15

/* The OOM killer's own scoring (mm/oom_kill.c), shown on Linux's 0..2000 scale. */
unsigned long proc_oom_score(struct task_struct *p)
{
	unsigned long totalpages = oom_totalpages();
	long badness = oom_badness(p, totalpages);

	if (badness == LONG_MIN)
		return 0;
	return (unsigned long)((1000 + badness * 1000 / (long)totalpages) * 2 / 3);
}

static int proc_oom_score_show(struct seq_file *m, struct task_struct *p)
{
	seq_printf(m, "%lu\n", proc_oom_score(p));
	return 0;
}

static int oom_score_adj_show(struct seq_file *m, struct task_struct *p)
{
	seq_printf(m, "%d\n", p->oom_score_adj);
	return 0;
}

/* The one int written to a /proc file: 0 and *v if it lies in [min, max], else -EINVAL. */
static int proc_parse_int(const char *buf, int min, int max, int *v)
{
	const char *s = buf;

	if (sysctl_parse_int(&s, v) || *v < min || *v > max)
		return -EINVAL;
	return 0;
}

static int oom_score_adj_write(struct task_struct *p, char *buf, size_t len)
{
	int v, err = proc_parse_int(buf, OOM_SCORE_ADJ_MIN, OOM_SCORE_ADJ_MAX, &v);

	(void)len;
	if (!err)
		p->oom_score_adj = (short)v;
	return err;
}

static void oom_adj_warn_once(struct task_struct *p)
{
	static bool warned;

	if (warned)
		return;
	warned = true;
	printk(KERN_WARNING "%s (%d): /proc/%d/oom_adj is deprecated, please use "
			    "/proc/%d/oom_score_adj instead.\n",
	       current->comm, current->pid, p->pid, p->pid);
}

static int oom_adj_show(struct seq_file *m, struct task_struct *p)
{
	int adj = p->oom_score_adj, oom_adj;

	if (adj == OOM_SCORE_ADJ_MAX)
		oom_adj = OOM_ADJUST_MAX;
	else
		oom_adj = min(adj * -OOM_DISABLE / OOM_SCORE_ADJ_MAX, OOM_ADJUST_MAX);
	seq_printf(m, "%d\n", oom_adj);
	return 0;
}

static int oom_adj_write(struct task_struct *p, char *buf, size_t len)
{
	int v, err = proc_parse_int(buf, OOM_DISABLE, OOM_ADJUST_MAX, &v);

	(void)len;
	if (err)
		return err;
	oom_adj_warn_once(p);
	if (v == OOM_ADJUST_MAX)
		p->oom_score_adj = OOM_SCORE_ADJ_MAX;
	else
		p->oom_score_adj = (short)(v * OOM_SCORE_ADJ_MAX / -OOM_DISABLE);
	return 0;
}

/*
 * The bytes [start, end) of p's memory, as the process laid them out,
 * read through access_remote_vm: a page swapped out is faulted back in
 * (Linux's get_mm_cmdline and environ_read). A text longer than the buffer
 * marks it full, so proc_render tries again with a bigger one; at
 * PROC_BUF_MAX (more than exec's argument space) the text is cut instead.
 */
static int proc_pid_mem_range(struct seq_file *m, struct mm_struct *mm, unsigned long start,
			      unsigned long end)
{
	size_t room = m->size - m->count - 2; /* seq_has_overflowed keeps one byte spare */
	size_t len = min((size_t)(end - start), room);

	if (end <= start)
		return 0;
	if (end - start > room && m->size < PROC_BUF_MAX) {
		m->count = m->size; /* too small: seq_has_overflowed */
		return 0;
	}
	m->count += (size_t)access_remote_vm(mm, start, m->buf + m->count, (int)len);
	return 0;
}

/* The argument strings, NUL-separated (arg_start..arg_end). */
static int proc_pid_cmdline(struct seq_file *m, struct task_struct *p)
{
	return p->mm ? proc_pid_mem_range(m, p->mm, p->mm->arg_start, p->mm->arg_end) : 0;
}

/* The environment strings, NUL-separated (env_start..env_end); Linux's mode is 0400. */
static int proc_pid_environ(struct seq_file *m, struct task_struct *p)
{
	return p->mm ? proc_pid_mem_range(m, p->mm, p->mm->env_start, p->mm->env_end) : 0;
}

const struct proc_entry proc_pid_entries[] = {
	{ "status", S_IFREG | 0444, proc_pid_status, NULL, NULL },
	{ "stat", S_IFREG | 0444, proc_pid_stat, NULL, NULL },
	{ "statm", S_IFREG | 0444, proc_pid_statm, NULL, NULL },
	{ "maps", S_IFREG | 0444, show_maps, NULL, NULL },
	{ "smaps", S_IFREG | 0444, show_smaps, NULL, NULL },
	{ "cmdline", S_IFREG | 0444, proc_pid_cmdline, NULL, NULL },
	{ "environ", S_IFREG | 0400, proc_pid_environ, NULL, NULL },
	{ "oom_score", S_IFREG | 0444, proc_oom_score_show, NULL, NULL },
	{ "oom_adj", S_IFREG | 0644, oom_adj_show, oom_adj_write, NULL },
	{ "oom_score_adj", S_IFREG | 0644, oom_score_adj_show, oom_score_adj_write, NULL },
	{},
};
