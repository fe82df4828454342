/*
 * Process and system information (kernel/sys.c), with Linux's i386 layouts:
 * pids, uname, reboot, umask, ids, resource limits, sysinfo, and resource
 * usage (times(2), getrusage(2) and wait4's rusage).
 */
#ifndef KERNEL_SYS_H
#define KERNEL_SYS_H

#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "uapi/linux/resource.h"

/* times(2): the caller's and its reaped children's CPU ticks; returns ticks since boot or -EFAULT.
 */
long sys_times(struct tms __user *tbuf);

/* getrusage(2): RUSAGE_SELF, RUSAGE_THREAD or RUSAGE_CHILDREN; -EINVAL for another who, -EFAULT. */
long sys_getrusage(int who, struct rusage __user *ru);

/* wait4: the reaped child's usage, its own reaped children's included, into ru (if not NULL); 0 or
 * -EFAULT. */
int wait_child_rusage(const struct task_struct *child, struct rusage __user *ru);

/* wait4, at the reap: add the child's totals to the parent's children's totals. */
void account_reaped_child(struct task_struct *parent, const struct task_struct *child);

struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

/* sysinfo(2)'s structure on i386: 64 bytes. */
struct sysinfo {
	long uptime;
	unsigned long loads[3]; /* 1, 5, 15 minutes, fixed point << SI_LOAD_SHIFT */
	unsigned long totalram, freeram, sharedram, bufferram;
	unsigned long totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[8];
};
#define SI_LOAD_SHIFT 16

void rlimits_init(struct task_struct *p); /* Linux's defaults, for init */

long sys_getpid(void);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_getpgid(pid_t pid);
long sys_getsid(pid_t pid);
long sys_setsid(void);
long sys_getppid(void);
long sys_newuname(struct new_utsname __user *name);
long sys_sethostname(const char __user *name, int len);
long sys_reboot(unsigned long magic1, unsigned long magic2, unsigned long cmd);
long sys_umask(int mask);
long sys_setid(long id);
long sys_getresid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s);
long sys_getgroups(int size, unsigned int __user *list);
long sys_getrlimit(unsigned int resource, struct rlimit32 __user *rlim, bool old_infinity);
long sys_setrlimit(unsigned int resource, const struct rlimit32 __user *rlim);
long sys_prlimit64(pid_t pid, unsigned int resource, const struct rlimit64 __user *new_rlim,
		   struct rlimit64 __user *old_rlim);
long sys_sched_getaffinity(pid_t pid, unsigned int len, unsigned long __user *mask);
long sys_sched_setaffinity(pid_t pid, unsigned int len, const unsigned long __user *mask);
long sys_prctl(int option, unsigned long arg2);
long sys_sysinfo(struct sysinfo __user *info);

#endif
