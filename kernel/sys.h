/* Resource usage: times(2), getrusage(2) and wait4's rusage (kernel/sys.c). */
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

#endif
