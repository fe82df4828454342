/*
 * Capabilities (Linux's include/linux/capability.h, kernel/capability.c):
 * the privileges root holds, one bit each, in three sets per task.
 *
 *   effective    what capable() tests now
 *   permitted    what effective may be raised back to
 *   inheritable  what an exec may pass on (kept, not used: no file caps)
 *
 * Tidemark has one user, root, so every task starts with every capability
 * and an exec gives them all back (Linux's "legacy root": uid 0 gets the
 * bounding set at exec). A process gives one up with capset(2) (libcap's
 * cap_set_proc); fork copies the sets. This is what makes RLIMIT_MEMLOCK
 * observable: root has CAP_IPC_LOCK and is not limited until it drops it.
 * Linux 6.1 keeps the sets as two u32 words (kernel_cap_t); one u64 here.
 */
#ifndef KERNEL_CAPABILITY_H
#define KERNEL_CAPABILITY_H

#include "kernel/types.h"

#define CAP_SETPCAP 8
#define CAP_IPC_LOCK 14
#define CAP_SYS_RESOURCE 24
#define CAP_LAST_CAP 40 /* CAP_CHECKPOINT_RESTORE, Linux 6.1's last */
#define CAP_FULL_SET ((2ULL << CAP_LAST_CAP) - 1)

#define _LINUX_CAPABILITY_VERSION_1 0x19980330 /* one u32 word of each set */
#define _LINUX_CAPABILITY_VERSION_2 0x20071026 /* two words (deprecated) */
#define _LINUX_CAPABILITY_VERSION_3 0x20080522 /* two words */

typedef u64 kernel_cap_t;

struct __user_cap_header_struct {
	u32 version;
	int pid;
};

struct __user_cap_data_struct {
	u32 effective, permitted, inheritable;
};

struct task_struct;

/* Does the current task hold cap in its effective set? (Linux's capable) */
bool capable(int cap);
/* At boot (init_task) and at every exec: root's full sets. */
void cap_set_root(struct task_struct *p);
long sys_capget(struct __user_cap_header_struct *header, struct __user_cap_data_struct *dataptr);
long sys_capset(struct __user_cap_header_struct *header, const struct __user_cap_data_struct *data);

#endif
