/*
 * zram's files in /sys/block/zramN/ (Linux's zram_drv.c attributes, same
 * names, modes and formats) and the boot parameter zram.num_devices=
 * (default 1, at most ZRAM_MAX_DEVICES):
 *
 *   disksize        rw  bytes ("%llu"); write a size (K/M/G) once: EBUSY after
 *   initstate       r   1 once a disksize is set
 *   reset           w   a non-zero number: free everything, disksize 0 (EBUSY while swapped on)
 *   comp_algorithm  rw  "lzo [lzo-rle] lz4 " (current in brackets); EBUSY after init
 *   mem_limit       w   most memory the device may use (0: none)
 *   mem_used_max    w   "0" restarts the maximum
 *   mm_stat         r   orig_data_size compr_data_size mem_used_total mem_limit
 *                       mem_used_max same_pages pages_compacted huge_pages huge_pages_since
 *   io_stat         r   failed_reads failed_writes invalid_io notify_free
 *   size            r   the block device's size in 512-byte sectors
 *
 * pages_compacted stays 0: zbud pages hold two objects and are not
 * compacted (zsmalloc's compaction is what counts there in Linux).
 */
#include "drivers/zram_drv.h"
#include "fs/sysfs.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "kernel/params.h"

unsigned int num_devices = 1;

static int num_devices_param(char *val)
{
	unsigned long n;

	if (kstrtoul(val, 10, &n) || n > ZRAM_MAX_DEVICES)
		return -1;
	num_devices = (unsigned int)n;
	return 0;
}
__setup("zram.num_devices=", num_devices_param);

static void mm_stat_show(struct zram *z, struct seq_file *m)
{
	seq_printf(m, "%8llu %8llu %8llu %8lu %8ld %8llu %8lu %8llu %8llu\n",
		   (unsigned long long)z->stats.pages_stored << PAGE_SHIFT,
		   (unsigned long long)z->stats.compr_data_size,
		   (unsigned long long)zram_used_pages(z) << PAGE_SHIFT,
		   z->limit_pages << PAGE_SHIFT, (long)(z->stats.max_used_pages << PAGE_SHIFT),
		   (unsigned long long)z->stats.same_pages, 0ul,
		   (unsigned long long)z->stats.huge_pages,
		   (unsigned long long)z->stats.huge_pages_since);
}

static void io_stat_show(struct zram *z, struct seq_file *m)
{
	seq_printf(m, "%8llu %8llu %8llu %8llu\n", (unsigned long long)z->stats.failed_reads,
		   (unsigned long long)z->stats.failed_writes,
		   (unsigned long long)z->stats.invalid_io,
		   (unsigned long long)z->stats.notify_free);
}

static void comp_algorithm_show(struct zram *z, struct seq_file *m)
{
	char buf[64];

	zcomp_available_show(z->compressor, buf, sizeof(buf));
	seq_puts(m, buf);
}

static void disksize_show(struct zram *z, struct seq_file *m)
{
	seq_printf(m, "%llu\n", (unsigned long long)z->disksize);
}

static void initstate_show(struct zram *z, struct seq_file *m)
{
	seq_printf(m, "%u\n", z->disksize != 0);
}

static void size_show(struct zram *z, struct seq_file *m)
{
	seq_printf(m, "%llu\n", (unsigned long long)z->bdev.nr_sects);
}

/*
 * procfs callbacks name no entry: each device gets its own two-line
 * functions (ZRAM_ATTRS(n)) that pass zram_devices[n] to the above.
 */
#define ZRAM_SHOW(n, attr)                                                                         \
	static int attr##_show_##n(struct seq_file *m, struct task_struct *task)                   \
	{                                                                                          \
		(void)task;                                                                        \
		attr##_show(&zram_devices[n], m);                                                  \
		return 0;                                                                          \
	}
#define ZRAM_STORE(n, attr)                                                                        \
	static int attr##_store_##n(struct task_struct *task, char *buf, size_t len)               \
	{                                                                                          \
		(void)task;                                                                        \
		(void)len;                                                                         \
		return attr##_store(&zram_devices[n], buf);                                        \
	}
#define ZRAM_ATTRS(n)                                                                              \
	ZRAM_SHOW(n, disksize)                                                                     \
	ZRAM_STORE(n, disksize)                                                                    \
	ZRAM_SHOW(n, initstate)                                                                    \
	ZRAM_STORE(n, reset)                                                                       \
	ZRAM_SHOW(n, comp_algorithm)                                                               \
	ZRAM_STORE(n, comp_algorithm)                                                              \
	ZRAM_STORE(n, mem_limit)                                                                   \
	ZRAM_STORE(n, mem_used_max)                                                                \
	ZRAM_SHOW(n, mm_stat)                                                                      \
	ZRAM_SHOW(n, io_stat)                                                                      \
	ZRAM_SHOW(n, size)                                                                         \
	static const struct proc_entry zram_attrs_##n[] = {                                        \
		{ "disksize", S_IFREG | 0644, disksize_show_##n, disksize_store_##n, NULL },       \
		{ "initstate", S_IFREG | 0444, initstate_show_##n, NULL, NULL },                   \
		{ "reset", S_IFREG | 0200, NULL, reset_store_##n, NULL },                          \
		{ "comp_algorithm", S_IFREG | 0644, comp_algorithm_show_##n,                       \
		  comp_algorithm_store_##n, NULL },                                                \
		{ "mem_limit", S_IFREG | 0200, NULL, mem_limit_store_##n, NULL },                  \
		{ "mem_used_max", S_IFREG | 0200, NULL, mem_used_max_store_##n, NULL },            \
		{ "mm_stat", S_IFREG | 0444, mm_stat_show_##n, NULL, NULL },                       \
		{ "io_stat", S_IFREG | 0444, io_stat_show_##n, NULL, NULL },                       \
		{ "size", S_IFREG | 0444, size_show_##n, NULL, NULL },                             \
		{},                                                                                \
	};

ZRAM_ATTRS(0)
ZRAM_ATTRS(1)
ZRAM_ATTRS(2)
ZRAM_ATTRS(3)

static const struct proc_entry *const zram_attrs[ZRAM_MAX_DEVICES] = { zram_attrs_0, zram_attrs_1,
								       zram_attrs_2, zram_attrs_3 };

/* Register zram0..num_devices-1 with their /sys/block directories (before sysfs_init). */
void zram_init(void)
{
	unsigned int i;

	for (i = 0; i < num_devices; i++) {
		zram_add_device(&zram_devices[i], i);
		sysfs_add_block(zram_devices[i].bdev.name, zram_attrs[i]);
	}
}
