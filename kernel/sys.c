/*
 * What a process used: times(2), getrusage(2) and the totals wait4 passes
 * from a reaped child to its parent (Linux's kernel/sys.c and
 * wait_task_zombie in kernel/exit.c).
 *
 * CPU times come from the tick accounting (kernel/cputime.c), in ticks;
 * HZ is Linux's USER_HZ (100), so times(2) returns them unscaled and
 * getrusage turns them into seconds and microseconds. One thread per
 * process: RUSAGE_THREAD is RUSAGE_SELF. Tidemark does not count block
 * I/O per task, so ru_inblock/ru_oublock are 0; Linux leaves ru_ixrss,
 * ru_idrss, ru_isrss, ru_nswap and the message/signal counts at 0 too.
 */
#include "kernel/sys.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "mm/mmap.h"

#define RUSAGE_BOTH (-2) /* Linux's internal who: self and reaped children (wait4) */

static struct timeval32 ticks_to_timeval(unsigned long ticks)
{
	struct timeval32 tv = {
	    .tv_sec = (long)(ticks / HZ),
	    .tv_usec = (long)(ticks % HZ) * (1000000L / HZ),
	};

	return tv;
}

/* The largest resident set p has had, in pages: its mm's high-water mark, or the one kept at exit.
 */
static unsigned long task_maxrss(const struct task_struct *p)
{
	unsigned long rss = p->maxrss;

	if (p->mm)
		rss = max(rss, max(p->mm->hiwater_rss, get_mm_rss(p->mm)));
	return rss;
}

/* Linux's getrusage(): who is RUSAGE_SELF, RUSAGE_CHILDREN or RUSAGE_BOTH. */
static void task_rusage(const struct task_struct *p, int who, struct rusage *r)
{
	unsigned long utime = 0, stime = 0, maxrss = 0;

	memset(r, 0, sizeof(*r));
	if (who != RUSAGE_SELF) {
		utime = p->cutime;
		stime = p->cstime;
		r->ru_minflt = (long)p->cmin_flt;
		r->ru_majflt = (long)p->cmaj_flt;
		r->ru_nvcsw = (long)p->cnvcsw;
		r->ru_nivcsw = (long)p->cnivcsw;
		maxrss = p->cmaxrss;
	}
	if (who != RUSAGE_CHILDREN) {
		utime += p->utime;
		stime += p->stime;
		r->ru_minflt += (long)p->min_flt;
		r->ru_majflt += (long)p->maj_flt;
		r->ru_nvcsw += (long)p->nvcsw;
		r->ru_nivcsw += (long)p->nivcsw;
		maxrss = max(maxrss, task_maxrss(p));
	}
	r->ru_utime = ticks_to_timeval(utime);
	r->ru_stime = ticks_to_timeval(stime);
	r->ru_maxrss = (long)(maxrss << (PAGE_SHIFT - 10));
}

long sys_getrusage(int who, struct rusage __user *ru)
{
	struct rusage r;

	if (who == RUSAGE_THREAD)
		who = RUSAGE_SELF;
	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN)
		return -EINVAL;
	task_rusage(current, who, &r);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

long sys_times(struct tms __user *tbuf)
{
	struct tms t = {
	    .tms_utime = (long)current->utime,
	    .tms_stime = (long)current->stime,
	    .tms_cutime = (long)current->cutime,
	    .tms_cstime = (long)current->cstime,
	};

	if (tbuf && copy_to_user(tbuf, &t, sizeof(t)))
		return -EFAULT;
	return (long)jiffies; /* clock ticks since boot */
}

int wait_child_rusage(const struct task_struct *child, struct rusage __user *ru)
{
	struct rusage r;

	if (!ru)
		return 0;
	task_rusage(child, RUSAGE_BOTH, &r);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

void account_reaped_child(struct task_struct *parent, const struct task_struct *child)
{
	parent->cutime += child->utime + child->cutime;
	parent->cstime += child->stime + child->cstime;
	parent->cmin_flt += child->min_flt + child->cmin_flt;
	parent->cmaj_flt += child->maj_flt + child->cmaj_flt;
	parent->cnvcsw += child->nvcsw + child->cnvcsw;
	parent->cnivcsw += child->nivcsw + child->cnivcsw;
	parent->cmaxrss = max(parent->cmaxrss, max(child->maxrss, child->cmaxrss));
}
