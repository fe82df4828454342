/*
 * /sys and /sys/kernel/debug (fs/sysfs.c): Linux's layout of the files
 * this kernel has, built from procfs's entry tables (fs/proc/internal.h).
 */
#ifndef FS_SYSFS_H
#define FS_SYSFS_H

#include "fs/proc/internal.h"

#define SYSFS_MAX_BLOCK 8 /* /sys/block entries (zram devices) */

/* The zswap directories' files (mm/zswap_sysfs.c). */
extern const struct proc_entry zswap_parameters_entries[];
extern const struct proc_entry zswap_debugfs_entries[];

/* Mount /sys (debugfs inside at /sys/kernel/debug). Called once "/" exists. */
void sysfs_init(void);
/* Add /sys/block/<name> with the files children; before sysfs_init. 0 or -ENOSPC. */
int sysfs_add_block(const char *name, const struct proc_entry *children);

/*
 * procfs callbacks name no entry, so each attribute gets its own pair of
 * two-line functions (as /proc/sys's, fs/proc/proc_sysctl.c):
 * SYSFS_SHOW(name, "%lu\n", value) makes name_show, SYSFS_STORE(name,
 * setter) makes name_store calling setter(text) (0 or -errno).
 */
#define SYSFS_SHOW(name, fmt, ...)                                                                 \
	static int name##_show(struct seq_file *m, struct task_struct *task)                       \
	{                                                                                          \
		(void)task;                                                                        \
		seq_printf(m, fmt, __VA_ARGS__);                                                   \
		return 0;                                                                          \
	}
#define SYSFS_STORE(name, setter)                                                                  \
	static int name##_store(struct task_struct *task, char *buf, size_t len)                   \
	{                                                                                          \
		(void)task;                                                                        \
		(void)len;                                                                         \
		return setter(buf);                                                                \
	}
#define SYSFS_YN(b) ((b) ? "Y" : "N")

#endif
