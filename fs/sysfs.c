/*
 * A small sysfs and debugfs, laid out as Linux's:
 *
 *   /sys/block/zram0/...                 zram's attributes (drivers/zram_drv.c)
 *   /sys/module/zswap/parameters/...     zswap's module parameters (mm/zswap_sysfs.c)
 *   /sys/kernel/debug/zswap/...          zswap's statistics (debugfs)
 *   /sys/kernel/debug/fault_around_bytes the read fault-around window (mm/filemap_fault.c)
 *
 * Linux builds sysfs on kernfs from kobjects and mounts debugfs on
 * /sys/kernel/debug by hand (or systemd does); here both are tables of
 * procfs entries (fs/proc/internal.h), each mounted once at boot as its own
 * file system: sysfs on /sys, debugfs on its empty directory
 * /sys/kernel/debug, as /proc/mounts shows. A file reads as its show renders it; a
 * write of one value goes to the entry's write, which refuses bad text
 * with -EINVAL (or what Linux returns) and then changes nothing.
 */
#include "fs/sysfs.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "mm/pagemap.h"
#include "mm/zswap.h"

static struct proc_entry sysfs_block_entries[SYSFS_MAX_BLOCK + 1];
static unsigned int nr_block_entries;

SYSFS_SHOW(fault_around_bytes, "%lu\n", fault_around_bytes)
SYSFS_STORE(fault_around_bytes, fault_around_bytes_set)

static const struct proc_entry debugfs_entries[] = {
	{ "zswap", S_IFDIR | 0500, NULL, NULL, zswap_debugfs_entries },
	{ "fault_around_bytes", S_IFREG | 0644, fault_around_bytes_show, fault_around_bytes_store,
	  NULL },
	{},
};

static const struct proc_entry no_entries[] = { {} };

static const struct proc_entry sysfs_kernel_entries[] = {
	{ "debug", S_IFDIR | 0700, NULL, NULL, no_entries }, /* debugfs is mounted here */
	{},
};

static const struct proc_entry zswap_module_entries[] = {
	{ "parameters", S_IFDIR | 0755, NULL, NULL, zswap_parameters_entries },
	{},
};

static const struct proc_entry sysfs_module_entries[] = {
	{ "zswap", S_IFDIR | 0755, NULL, NULL, zswap_module_entries },
	{},
};

static const struct proc_entry sysfs_root_entries[] = {
	{ "block", S_IFDIR | 0755, NULL, NULL, sysfs_block_entries },
	{ "kernel", S_IFDIR | 0755, NULL, NULL, sysfs_kernel_entries },
	{ "module", S_IFDIR | 0755, NULL, NULL, sysfs_module_entries },
	{},
};

static const struct proc_entry sysfs_root = { "/", S_IFDIR | 0555, NULL, NULL, sysfs_root_entries };
static const struct proc_entry debugfs_root = { "/", S_IFDIR | 0700, NULL, NULL, debugfs_entries };

int sysfs_add_block(const char *name, const struct proc_entry *children)
{
	if (nr_block_entries == SYSFS_MAX_BLOCK)
		return -ENOSPC;
	sysfs_block_entries[nr_block_entries++] =
	    (struct proc_entry){ name, S_IFDIR | 0755, NULL, NULL, children };
	return 0;
}

void sysfs_init(void)
{
	int err = proc_mount_tree("sysfs", "/sys", &sysfs_root);

	if (err)
		pr_err("sysfs: cannot mount /sys (error %d)\n", err);
	else if ((err = proc_mount_tree("debugfs", "/sys/kernel/debug", &debugfs_root)))
		pr_err("debugfs: cannot mount /sys/kernel/debug (error %d)\n", err);
}
