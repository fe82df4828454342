/*
 * procfs internals (fs/proc/). Every file is generated when it is opened:
 * its show function renders the whole text into a seq_file buffer, and
 * reads copy from that buffer at the file position (Linux's single_open
 * seq_file). A buffer too small for the text is doubled and the text
 * rendered again, as seq_read does, up to PROC_BUF_MAX.
 *
 * The tree is static tables of struct proc_entry: the root's files, the
 * per-process directory's files (their show gets the task) and /proc/sys/vm
 * (one entry per kernel/sysctl.c knob). The numbered directories and
 * "self" are generated from the task list at lookup.
 */
#ifndef FS_PROC_INTERNAL_H
#define FS_PROC_INTERNAL_H

#include "fs/fs.h"
#include "kernel/sched.h"
#include "fs/proc/proc_fs.h"

#define PROC_BUF_MAX (256 * 1024)

struct seq_file {
	char *buf;
	size_t size;
	size_t count; /* bytes rendered; > size-1 means it overflowed */
};

void seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_pad_to(struct seq_file *m, size_t col, size_t line_start);
bool seq_has_overflowed(const struct seq_file *m);

struct proc_entry {
	const char *name;
	umode_t mode; /* S_IFREG | 0444, S_IFDIR | 0555 ... */
	/* Regular files: render the text; task is NULL outside /proc/PID. 0 or -errno. */
	int (*show)(struct seq_file *m, struct task_struct *task);
	/* Writable files: buf holds the written bytes, NUL-terminated; 0 or -errno. */
	int (*write)(struct task_struct *task, char *buf, size_t len);
	const struct proc_entry *children; /* directories: {}-terminated */
};

/*
 * Mount a tree of entries on path (made if missing) as a file system of
 * type ("sysfs"): how /sys and /sys/kernel/debug are built (fs/sysfs.c).
 * The tree's files behave as /proc's.
 */
int proc_mount_tree(const char *type, const char *path, const struct proc_entry *root);
/* One /proc/mounts line per tree mounted so ("sysfs /sys sysfs rw,relatime 0 0"). */
void proc_mounts_show(struct seq_file *m);

/* One procfs inode: what it shows, and for /proc/PID/... which process. */
struct proc_inode {
	struct inode vfs_inode;
	const struct proc_entry *pde;
	pid_t pid; /* 0 outside /proc/PID */
};

static inline struct proc_inode *PROC_I(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

extern const struct proc_entry proc_pid_entries[]; /* base.c */
extern const struct proc_entry proc_sys_entries[]; /* proc_sysctl.c */

/* The swap code's totals (weak zeros in meminfo.c until it is linked). */
extern long total_swap_pages, nr_swap_pages;
unsigned long si_mem_available(void);

/* The shows, by file. */
int meminfo_proc_show(struct seq_file *m, struct task_struct *task);
int vmstat_show(struct seq_file *m, struct task_struct *task);
int zoneinfo_show(struct seq_file *m, struct task_struct *task);
int frag_show(struct seq_file *m, struct task_struct *task);
int version_proc_show(struct seq_file *m, struct task_struct *task); /* version.c */
int cpuinfo_proc_show(struct seq_file *m, struct task_struct *task);
int filesystems_proc_show(struct seq_file *m, struct task_struct *task);
int uptime_proc_show(struct seq_file *m, struct task_struct *task);
int loadavg_proc_show(struct seq_file *m, struct task_struct *task);
int interrupts_proc_show(struct seq_file *m, struct task_struct *task);
int show_stat(struct seq_file *m, struct task_struct *task);
int swaps_proc_show(struct seq_file *m, struct task_struct *task);  /* fs/proc/swaps.c */
int mounts_proc_show(struct seq_file *m, struct task_struct *task); /* fs/super.c */
int diskstats_show(struct seq_file *m, struct task_struct *task);   /* drivers/blkdev.c */
int proc_pid_status(struct seq_file *m, struct task_struct *task);
int proc_pid_stat(struct seq_file *m, struct task_struct *task);
int proc_pid_statm(struct seq_file *m, struct task_struct *task);
int show_maps(struct seq_file *m, struct task_struct *task);
int show_smaps(struct seq_file *m, struct task_struct *task);

/* task_mmu.c: the sizes /proc/PID/status and statm show, in pages. */
struct mm_sizes {
	unsigned long total_vm, data_vm, stack_vm, exec_vm, text, lib;
	unsigned long anon, file, shmem, swap, rss;
};
void task_mm_sizes(struct mm_struct *mm, struct mm_sizes *s);

/* base.c: the oom_score /proc/PID/oom_score shows (docs/linux-formulas.md). */
unsigned long proc_oom_score(struct task_struct *p);

#endif
