/* fork, clone and vfork (kernel/fork.c), with Linux's clone flags (uapi/linux/sched.h). */
#ifndef KERNEL_FORK_H
#define KERNEL_FORK_H

#include "kernel/kernel.h"

#ifndef __user
#define __user
#endif

#define CSIGNAL 0x000000ff /* the signal the parent gets at the child's exit */
#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_VFORK 0x00004000
#define CLONE_THREAD 0x00010000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000

struct pt_regs;

long sys_clone(struct pt_regs *regs, unsigned long flags, unsigned long newsp,
	       int __user *parent_tid, unsigned long tls, int __user *child_tid);
long sys_set_tid_address(int __user *tidptr);

#endif
