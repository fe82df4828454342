/*
 * The system-wide and per-process information calls (Linux's kernel/sys.c):
 * pids, uname and the host name, reboot, umask, user and group ids,
 * resource limits, sysinfo, and what a process used (times, getrusage and
 * the totals wait4 passes from a reaped child to its parent, as Linux's
 * wait_task_zombie in kernel/exit.c).
 *
 * There is one user, root: every id reads 0, and setting an id to 0 works
 * (setting another is -EPERM: there is no one else to become). Resource
 * limits are kept per process with Linux's defaults, inherited at fork and
 * checked as Linux checks a change (soft <= hard, the hard limit no higher
 * than the kernel can give, and raised only with CAP_SYS_RESOURCE). Each
 * is enforced where Linux enforces it: NOFILE (fs/file.c), CPU
 * (kernel/posix-cpu-timers.c), FSIZE (fs/read_write.c, fs/open.c), NPROC
 * (kernel/fork.c), AS, DATA and STACK (mm/util.c, mm/mmap.c), MEMLOCK
 * (mm/mlock.c); docs/userland.md has the table.
 *
 * CPU times come from the tick accounting (kernel/cputime.c), in ticks;
 * HZ is Linux's USER_HZ (100), so times(2) returns them unscaled and
 * getrusage turns them into seconds and microseconds. One thread per
 * process: RUSAGE_THREAD is RUSAGE_SELF. Tidemark does not count block
 * I/O per task, so ru_inblock/ru_oublock are 0; Linux leaves ru_ixrss,
 * ru_idrss, ru_isrss, ru_nswap and the message/signal counts at 0 too.
 */
#include "kernel/sys.h"
#include "kernel/capability.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/loadavg.h"
#include "kernel/reboot.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/version.h"
#include "fs/file.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/swap.h"
#include "mm/vmtrace.h"
#include "uapi/linux/reboot.h"

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

/* ---- pids ------------------------------------------------------------------ */

long sys_getpid(void)
{
	return current->pid;
}

long sys_getppid(void)
{
	return current->parent ? current->parent->pid : 0;
}

/* ---- process groups and sessions (job control) ------------------------------------ */

/* Does a process group pgrp exist in session sid (any session for 0)? */
static bool pgrp_exists(pid_t pgrp, pid_t sid)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pgrp == pgrp && !p->exit_state && (!sid || p->session == sid))
			return true;
	return false;
}

/*
 * setpgid(pid, pgid): put pid (0: the caller) in group pgid (0: its own
 * pid), as Linux: only the caller or a child of it that has not exec'd
 * (not checked: Tidemark does not record it), in the same session, never a
 * session leader, into an existing group of that session or a new one
 * named after pid. 0, -ESRCH, -EPERM, -EINVAL.
 */
long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	if (pgid < 0)
		return -EINVAL;
	if (!p || (p != current && p->parent != current) || (p->flags & PF_KTHREAD))
		return -ESRCH;
	if (!pgid)
		pgid = p->pid;
	if (p->session != current->session || p->pid == p->session)
		return -EPERM;
	if (pgid != p->pid && !pgrp_exists(pgid, current->session))
		return -EPERM;
	p->pgrp = pgid;
	return 0;
}

long sys_getpgid(pid_t pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	return p && !(p->flags & PF_KTHREAD) ? p->pgrp : -ESRCH;
}

long sys_getsid(pid_t pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	return p && !(p->flags & PF_KTHREAD) ? p->session : -ESRCH;
}

/*
 * setsid(): a new session and group named after the caller, without a
 * terminal; -EPERM for a group leader.
 */
long sys_setsid(void)
{
	if (pgrp_exists(current->pid, 0))
		return -EPERM;
	current->session = current->pgrp = current->pid;
	return current->pid;
}

/* ---- uname, the host name, reboot -------------------------------------------- */

static char utsname_nodename[65] = "tidemark";

long sys_newuname(struct new_utsname __user *name)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, UTS_SYSNAME, sizeof(u.sysname));
	strlcpy(u.nodename, utsname_nodename, sizeof(u.nodename));
	strlcpy(u.release, UTS_RELEASE, sizeof(u.release));
	strlcpy(u.version, UTS_VERSION, sizeof(u.version));
	strlcpy(u.machine, UTS_MACHINE, sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

/* sethostname(name, len): 0, -EINVAL for len > 64, -EFAULT. */
long sys_sethostname(const char __user *name, int len)
{
	char buf[sizeof(utsname_nodename)];

	if (len < 0 || len >= (int)sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, name, (unsigned long)len))
		return -EFAULT;
	buf[len] = '\0';
	memcpy(utsname_nodename, buf, sizeof(buf));
	return 0;
}

long sys_reboot(unsigned long magic1, unsigned long magic2, unsigned long cmd)
{
	if (magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	if (cmd != LINUX_REBOOT_CMD_POWER_OFF && cmd != LINUX_REBOOT_CMD_HALT)
		return -EINVAL; /* restart needs a reset path Tidemark does not have */
	vmtrace_flush();	/* the trace's last lines, before the machine stops */
	emergency_remount();	/* poweroff(8) syncs first on Linux; init here may not have */
	pr_emerg("reboot: Power down\n");
	machine_halt_with(DEBUG_EXIT_STATUS_BASE); /* as init exiting with 0: QEMU exits 33 */
}

/* ---- CPUs and the process's name ----------------------------------------------------- */

/* sched_getaffinity(pid, len, mask): one CPU, CPU 0; the bytes of Linux's cpumask written. */
long sys_sched_getaffinity(pid_t pid, unsigned int len, unsigned long __user *mask)
{
	if (pid && !find_task_by_pid(pid))
		return -ESRCH;
	if (len < sizeof(unsigned long) || (len & (sizeof(unsigned long) - 1)))
		return -EINVAL;
	if (put_user_ulong(1, mask))
		return -EFAULT;
	return sizeof(unsigned long); /* cpumask_size(): one word */
}

/* sched_setaffinity: the mask must hold CPU 0, the only one. */
long sys_sched_setaffinity(pid_t pid, unsigned int len, const unsigned long __user *mask)
{
	unsigned long m;

	if (pid && !find_task_by_pid(pid))
		return -ESRCH;
	if (len < sizeof(unsigned long) || get_user_ulong(&m, mask))
		return len < sizeof(unsigned long) ? -EINVAL : -EFAULT;
	return m & 1 ? 0 : -EINVAL;
}

#define PR_SET_NAME 15
#define PR_GET_NAME 16

/* prctl: PR_SET_NAME and PR_GET_NAME (the comm of /proc/PID/stat); other options -EINVAL. */
long sys_prctl(int option, unsigned long arg2)
{
	char name[TASK_COMM_LEN];
	long n;

	switch (option) {
	case PR_SET_NAME:
		n = strncpy_from_user(name, (const char __user *)arg2, sizeof(name) - 1);
		if (n < 0)
			return n;
		name[n] = '\0';
		set_task_comm(current, name);
		return 0;
	case PR_GET_NAME:
		return copy_to_user((char __user *)arg2, current->comm, sizeof(current->comm))
			   ? -EFAULT
			   : 0;
	default:
		return -EINVAL;
	}
}

/* ---- umask and ids ----------------------------------------------------------- */

long sys_umask(int mask)
{
	int old = current->umask;

	current->umask = (unsigned short)(mask & 0777);
	return old;
}

/* setuid/setgid and friends: becoming root (the only user) works. */
long sys_setid(long id)
{
	return id == 0 || id == -1 ? 0 : -EPERM;
}

/* getresuid/getresgid: real, effective and saved ids, all 0. */
long sys_getresid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s)
{
	if (put_user_int(0, (int __user *)r) || put_user_int(0, (int __user *)e) ||
	    put_user_int(0, (int __user *)s))
		return -EFAULT;
	return 0;
}

/* getgroups: root is in no supplementary groups. */
long sys_getgroups(int size, unsigned int __user *list)
{
	(void)list;
	return size < 0 ? -EINVAL : 0;
}

/* ---- resource limits ------------------------------------------------------------- */

/* Linux's INIT_RLIMITS (asm-generic/resource.h), with Tidemark's fd table size for NOFILE. */
static const struct rlimit64 init_rlimits[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { RLIM64_INFINITY, RLIM64_INFINITY },
	[RLIMIT_FSIZE] = { RLIM64_INFINITY, RLIM64_INFINITY },
	[RLIMIT_DATA] = { RLIM64_INFINITY, RLIM64_INFINITY },
	[RLIMIT_STACK] = { 8 * 1024 * 1024, RLIM64_INFINITY },
	[RLIMIT_CORE] = { 0, RLIM64_INFINITY },
	[RLIMIT_RSS] = { RLIM64_INFINITY, RLIM64_INFINITY },
	[RLIMIT_NPROC] = { PID_MAX / 2, PID_MAX / 2 },
	[RLIMIT_NOFILE] = { NR_OPEN_DEFAULT, NR_OPEN_DEFAULT },
	[RLIMIT_MEMLOCK] = { 8 * 1024 * 1024, 8 * 1024 * 1024 },
	[RLIMIT_AS] = { RLIM64_INFINITY, RLIM64_INFINITY },
	[RLIMIT_LOCKS] = { RLIM64_INFINITY, RLIM64_INFINITY },
	[RLIMIT_SIGPENDING] = { PID_MAX / 2, PID_MAX / 2 },
	[RLIMIT_MSGQUEUE] = { 819200, 819200 },
	[RLIMIT_NICE] = { 0, 0 },
	[RLIMIT_RTPRIO] = { 0, 0 },
	[RLIMIT_RTTIME] = { RLIM64_INFINITY, RLIM64_INFINITY },
};

void rlimits_init(struct task_struct *p)
{
	memcpy(p->rlim, init_rlimits, sizeof(p->rlim));
}

/* The most the kernel can give: the fd table's size for NOFILE, else anything. */
static u64 rlimit_ceiling(unsigned int resource)
{
	return resource == RLIMIT_NOFILE ? NR_OPEN_DEFAULT : RLIM64_INFINITY;
}

/*
 * do_prlimit(resource, new_rlim, old_rlim): store the old limit in
 * *old_rlim and set *new_rlim (either may be NULL). 0, -EINVAL (bad
 * resource, soft > hard), -EPERM (above what the kernel can do).
 */
static long do_prlimit(unsigned int resource, const struct rlimit64 *new_rlim,
		       struct rlimit64 *old_rlim)
{
	struct rlimit64 *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	rlim = &current->rlim[resource];
	if (new_rlim && new_rlim->rlim_cur > new_rlim->rlim_max)
		return -EINVAL;
	if (new_rlim && new_rlim->rlim_max > rlimit_ceiling(resource) &&
	    new_rlim->rlim_max != rlim->rlim_max)
		return -EPERM;
	if (new_rlim && new_rlim->rlim_max > rlim->rlim_max && !capable(CAP_SYS_RESOURCE))
		return -EPERM; /* raising a hard limit takes the capability, as Linux */
	if (old_rlim)
		*old_rlim = *rlim;
	if (new_rlim)
		*rlim = *new_rlim;
	return 0;
}

/* A 32-bit limit: RLIM_INFINITY (~0UL) and anything above 32 bits mean infinity. */
static u64 rlim32_to_64(unsigned long v)
{
	return v == RLIM_INFINITY ? RLIM64_INFINITY : v;
}

static unsigned long rlim64_to_32(u64 v, unsigned long infinity)
{
	return v >= infinity ? infinity : (unsigned long)v;
}

/*
 * getrlimit (76) is the old call: it reports infinity as 0x7fffffff
 * (Linux's COMPAT_RLIM_OLD_INFINITY); ugetrlimit (191) as ~0UL.
 */
long sys_getrlimit(unsigned int resource, struct rlimit32 __user *rlim, bool old_infinity)
{
	unsigned long inf = old_infinity ? 0x7fffffffUL : RLIM_INFINITY;
	struct rlimit64 r;
	struct rlimit32 r32;
	long err = do_prlimit(resource, NULL, &r);

	if (err)
		return err;
	r32.rlim_cur = rlim64_to_32(r.rlim_cur, inf);
	r32.rlim_max = rlim64_to_32(r.rlim_max, inf);
	return copy_to_user(rlim, &r32, sizeof(r32)) ? -EFAULT : 0;
}

long sys_setrlimit(unsigned int resource, const struct rlimit32 __user *rlim)
{
	struct rlimit32 r32;
	struct rlimit64 r;

	if (copy_from_user(&r32, rlim, sizeof(r32)))
		return -EFAULT;
	r.rlim_cur = rlim32_to_64(r32.rlim_cur);
	r.rlim_max = rlim32_to_64(r32.rlim_max);
	return do_prlimit(resource, &r, NULL);
}

/* prlimit64(pid, resource, new, old): pid 0 or the caller's own (no other process's). */
long sys_prlimit64(pid_t pid, unsigned int resource, const struct rlimit64 __user *new_rlim,
		   struct rlimit64 __user *old_rlim)
{
	struct rlimit64 new, old;
	long err;

	if (pid != 0 && pid != current->pid)
		return find_task_by_pid(pid) ? -EPERM : -ESRCH;
	if (new_rlim && copy_from_user(&new, new_rlim, sizeof(new)))
		return -EFAULT;
	err = do_prlimit(resource, new_rlim ? &new : NULL, &old);
	if (err)
		return err;
	if (old_rlim && copy_to_user(old_rlim, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* ---- sysinfo ----------------------------------------------------------------- */

/*
 * sysinfo(info): uptime, load averages, memory and swap in pages
 * (mem_unit = PAGE_SIZE, as Linux when the totals would overflow bytes),
 * the number of processes. Linux's si_meminfo/si_swapinfo figures.
 */
long sys_sysinfo(struct sysinfo __user *info)
{
	struct sysinfo s;
	struct task_struct *p;

	memset(&s, 0, sizeof(s));
	s.uptime = (long)(jiffies / HZ);
	get_avenrun(s.loads, 0); /* Linux's sysinfo: FSHIFT fraction bits become SI_LOAD_SHIFT */
	for (int i = 0; i < 3; i++)
		s.loads[i] <<= SI_LOAD_SHIFT - FSHIFT;
	s.totalram = totalram_pages();
	s.freeram = nr_free_pages();
	s.totalswap = (unsigned long)total_swap_pages;
	s.freeswap = (unsigned long)get_nr_swap_pages();
	for_each_process(p)
		if (p->pid && !p->exit_state)
			s.procs++;
	s.mem_unit = PAGE_SIZE;
	return copy_to_user(info, &s, sizeof(s)) ? -EFAULT : 0;
}
