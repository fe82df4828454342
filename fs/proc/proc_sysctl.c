/*
 * /proc/sys (Linux's fs/proc/proc_sysctl.c): the directory vm holds one
 * file per entry of kernel/sysctl.c's vm_table, kernel one per entry of
 * its kern_table, each with the entry's mode.
 * A read formats the value with the entry's handler; a write hands the
 * written text to it, which checks it and changes nothing on -EINVAL.
 */
#include "fs/proc/internal.h"
#include "kernel/lib/string.h"
#include "kernel/sysctl.h"

static const struct ctl_table *entry_table(const char *name)
{
	const struct ctl_table *t = find_vm_sysctl(name, strlen(name));

	if (!t)
		t = find_sysctl(kern_table, name, strlen(name));
	if (!t)
		panic("proc_sysctl: no vm.%s or kernel.%s", name, name);
	return t;
}

static int proc_sys_show(struct seq_file *m, const char *name)
{
	const struct ctl_table *t = entry_table(name);
	size_t len = m->size - m->count;
	int err = t->proc_handler(t, 0, m->buf + m->count, &len);

	if (!err)
		m->count = min(m->count + len, m->size);
	return err;
}

static int proc_sys_write(const char *name, char *buf, size_t len)
{
	const struct ctl_table *t = entry_table(name);

	return t->proc_handler(t, 1, buf, &len);
}

/*
 * One show/write pair per knob: proc_entry callbacks get no entry pointer,
 * so each knob gets a pair of two-line functions naming it.
 */
#define SYSCTL_FILE(fn, name)                                                                      \
	static int fn##_show(struct seq_file *m, struct task_struct *task)                         \
	{                                                                                          \
		(void)task;                                                                        \
		return proc_sys_show(m, name);                                                     \
	}                                                                                          \
	static int fn##_write(struct task_struct *task, char *buf, size_t len)                     \
	{                                                                                          \
		(void)task;                                                                        \
		return proc_sys_write(name, buf, len);                                             \
	}

SYSCTL_FILE(overcommit_memory, "overcommit_memory")
SYSCTL_FILE(panic_on_oom, "panic_on_oom")
SYSCTL_FILE(oom_kill_allocating_task, "oom_kill_allocating_task")
SYSCTL_FILE(overcommit_ratio, "overcommit_ratio")
SYSCTL_FILE(page_cluster, "page-cluster")
SYSCTL_FILE(swappiness, "swappiness")
SYSCTL_FILE(drop_caches, "drop_caches")
SYSCTL_FILE(min_free_kbytes, "min_free_kbytes")
SYSCTL_FILE(watermark_scale_factor, "watermark_scale_factor")
SYSCTL_FILE(lowmem_reserve_ratio, "lowmem_reserve_ratio")
SYSCTL_FILE(dirty_background_ratio, "dirty_background_ratio")
SYSCTL_FILE(dirty_background_bytes, "dirty_background_bytes")
SYSCTL_FILE(dirty_ratio, "dirty_ratio")
SYSCTL_FILE(dirty_bytes, "dirty_bytes")
SYSCTL_FILE(dirty_writeback_centisecs, "dirty_writeback_centisecs")
SYSCTL_FILE(dirty_expire_centisecs, "dirty_expire_centisecs")
SYSCTL_FILE(shmmax, "shmmax")
SYSCTL_FILE(shmall, "shmall")
SYSCTL_FILE(shmmni, "shmmni")

#define SYSCTL_ENTRY(fn, name, mode)                                                               \
	{                                                                                          \
		name, S_IFREG | (mode), fn##_show, fn##_write, NULL                                \
	}

static const struct proc_entry proc_sys_vm_entries[] = {
	SYSCTL_ENTRY(overcommit_memory, "overcommit_memory", 0644),
	SYSCTL_ENTRY(panic_on_oom, "panic_on_oom", 0644),
	SYSCTL_ENTRY(oom_kill_allocating_task, "oom_kill_allocating_task", 0644),
	SYSCTL_ENTRY(overcommit_ratio, "overcommit_ratio", 0644),
	SYSCTL_ENTRY(page_cluster, "page-cluster", 0644),
	SYSCTL_ENTRY(swappiness, "swappiness", 0644),
	SYSCTL_ENTRY(drop_caches, "drop_caches", 0200),
	SYSCTL_ENTRY(min_free_kbytes, "min_free_kbytes", 0644),
	SYSCTL_ENTRY(watermark_scale_factor, "watermark_scale_factor", 0644),
	SYSCTL_ENTRY(lowmem_reserve_ratio, "lowmem_reserve_ratio", 0644),
	SYSCTL_ENTRY(dirty_background_ratio, "dirty_background_ratio", 0644),
	SYSCTL_ENTRY(dirty_background_bytes, "dirty_background_bytes", 0644),
	SYSCTL_ENTRY(dirty_ratio, "dirty_ratio", 0644),
	SYSCTL_ENTRY(dirty_bytes, "dirty_bytes", 0644),
	SYSCTL_ENTRY(dirty_writeback_centisecs, "dirty_writeback_centisecs", 0644),
	SYSCTL_ENTRY(dirty_expire_centisecs, "dirty_expire_centisecs", 0644),
	{},
};

static const struct proc_entry proc_sys_kernel_entries[] = {
	SYSCTL_ENTRY(shmall, "shmall", 0644),
	SYSCTL_ENTRY(shmmax, "shmmax", 0644),
	SYSCTL_ENTRY(shmmni, "shmmni", 0644),
	{},
};

const struct proc_entry proc_sys_entries[] = {
	{ "kernel", S_IFDIR | 0555, NULL, NULL, proc_sys_kernel_entries },
	{ "vm", S_IFDIR | 0555, NULL, NULL, proc_sys_vm_entries },
	{},
};
