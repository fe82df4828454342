/*
 * The vm.* sysctl table (Linux's kernel/sysctl.c vm_table, with the knobs
 * that live in mm/ gathered here). /proc/sys/vm/NAME reads and writes go
 * through each entry's handler (fs/proc/proc_sysctl.c).
 *
 * proc_dointvec_minmax handles plain ints and int vectors: a read prints
 * the values separated by tabs and ends with a newline, as Linux does; a
 * write parses every value first and stores only if all parse and lie in
 * [extra1, extra2] (Linux stores the values before a bad one; the brief
 * here is that a refused write changes nothing). As in Linux, blank text
 * is accepted and changes nothing, and a vector may be given a prefix. Knobs with side effects
 * (min_free_kbytes and watermark_scale_factor recompute the watermarks; lowmem_reserve_ratio
 * recomputes the protection) call the physical-memory code's setters
 * after the check, so a refused write changes nothing.
 *
 * drop_caches 1 (and 3) drops the clean, unused page-cache pages of every
 * file and disk, and their shadow entries (fs/super.c:drop_pagecache); 2
 * (and 3) frees the file systems' unused inodes (mm/shrinker.c:drop_slab).
 * The command line also takes `swappiness=` and `overcommit_memory=`
 * (docs/design.md), with the same ranges.
 */
#include <limits.h>

#include "kernel/sysctl.h"
#include "kernel/params.h"
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/mmzone.h"
#include "mm/pagemap.h"
#include "mm/vmstat.h"
#include "fs/fs.h"
#include "ipc/shm.h"

int vm_swappiness = 60;
int sysctl_overcommit_memory = OVERCOMMIT_GUESS;
int sysctl_overcommit_ratio = 50;
int page_cluster = 3;
int sysctl_panic_on_oom;
int sysctl_oom_kill_allocating_task;
int sysctl_drop_caches;

static const int zero = 0;
static const int one = 1;
static const int two = 2;
static const int four = 4;
static const int thirty_one = 31;
static const int one_hundred = 100;
static const int two_hundred = 200;
static const int three_thousand = 3000;

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Linux's proc_dointvec parse: the digits are read as an unsigned long
 * with overflow checked at every step (kstrtoul), and a value past int
 * (INT_MAX, or INT_MIN for a negative one) is -EINVAL, never wrapped.
 */
/* The digits at s as an unsigned long no greater than limit; the end, or NULL (none, or past it).
 */
static const char *parse_digits(const char *s, unsigned long limit, unsigned long *val)
{
	unsigned long v = 0;
	const char *start = s;

	while (*s >= '0' && *s <= '9') {
		unsigned long d = (unsigned long)(*s++ - '0');

		if (v > (limit - d) / 10)
			return NULL;
		v = v * 10 + d;
	}
	*val = v;
	return s == start ? NULL : s;
}

int sysctl_parse_int(const char **sp, int *val)
{
	const char *s = *sp;
	unsigned long v;
	bool neg = false;

	while (is_blank(*s))
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	s = parse_digits(s, neg ? (unsigned long)INT_MAX + 1 : (unsigned long)INT_MAX, &v);
	if (!s || (*s && !is_blank(*s)))
		return -EINVAL;
	while (is_blank(*s))
		s++;
	*val = neg ? (int)(0 - v) : (int)v;
	*sp = s;
	return 0;
}

/*
 * Parse up to table->maxlen / sizeof(int) values into vals; the number
 * parsed (0 for blank text, as Linux accepts), or -EINVAL if any value
 * does not parse or lies outside [extra1, extra2], or text is left over.
 */
static int parse_vector(const struct ctl_table *table, const char *buf, int *vals)
{
	int i, n = table->maxlen / (int)sizeof(int);

	for (i = 0; i < n; i++) {
		while (is_blank(*buf))
			buf++;
		if (!*buf)
			break;
		if (sysctl_parse_int(&buf, &vals[i]))
			return -EINVAL;
		if ((table->extra1 && vals[i] < *table->extra1) ||
		    (table->extra2 && vals[i] > *table->extra2))
			return -EINVAL;
	}
	return *buf ? -EINVAL : i;
}

int proc_dointvec_minmax(const struct ctl_table *table, int write, char *buf, size_t *lenp)
{
	int vals[MAX_NR_ZONES], i, n = table->maxlen / (int)sizeof(int);
	size_t len = 0;

	if (n > MAX_NR_ZONES)
		panic("sysctl: %s has %d values, at most %d", table->procname, n, MAX_NR_ZONES);
	if (write) {
		int got = parse_vector(table, buf, vals);

		if (got < 0)
			return got;
		memcpy(table->data, vals,
		       (size_t)got * sizeof(int)); /* Linux: a prefix of a vector */
		return 0;
	}
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, *lenp - len, "%s%d", i ? "\t" : "",
					((int *)table->data)[i]);
	len += (size_t)snprintf(buf + len, *lenp - len, "\n");
	*lenp = len;
	return 0;
}

/* A write of one value that set applies (and checks): 0 for an empty write, else set's answer. */
static int write_one(const struct ctl_table *table, char *buf, int (*set)(long val))
{
	int val;

	switch (parse_vector(table, buf, &val)) {
	case 0:
		return 0;
	case 1:
		return set(val);
	default:
		return -EINVAL;
	}
}

/* min_free_kbytes: >= 0; set_min_free_kbytes recomputes the watermarks. */
static int min_free_kbytes_sysctl_handler(const struct ctl_table *table, int write, char *buf,
					  size_t *lenp)
{
	if (!write)
		return proc_dointvec_minmax(table, write, buf, lenp);
	return write_one(table, buf, set_min_free_kbytes);
}

static int watermark_scale_factor_sysctl_handler(const struct ctl_table *table, int write,
						 char *buf, size_t *lenp)
{
	if (!write)
		return proc_dointvec_minmax(table, write, buf, lenp);
	return write_one(table, buf, set_watermark_scale_factor);
}

/* Values < 1 disable the protection (Linux's lowmem_reserve_ratio_sysctl_handler). */
static int lowmem_reserve_ratio_sysctl_handler(const struct ctl_table *table, int write, char *buf,
					       size_t *lenp)
{
	int err = proc_dointvec_minmax(table, write, buf, lenp), i;

	if (!write || err)
		return err;
	for (i = 0; i < MAX_NR_ZONES; i++)
		if (sysctl_lowmem_reserve_ratio[i] < 1)
			sysctl_lowmem_reserve_ratio[i] = 0;
	setup_per_zone_lowmem_reserve();
	return 0;
}

/*
 * drop_caches: 1 page cache, 2 slab, 3 both, bit 4 silences the log line
 * (Linux's fs/drop_caches.c). The page cache's clean pages go (dirty ones
 * stay: sync first, as on Linux); unused inodes go with their clean pages.
 * Counts drop_pagecache and drop_slab; the line is logged as Linux does,
 * also for the write that sets 4.
 */
static int drop_caches_sysctl_handler(const struct ctl_table *table, int write, char *buf,
				      size_t *lenp)
{
	static bool stfu;
	int err = proc_dointvec_minmax(table, write, buf, lenp);

	if (!write || err)
		return err;
	if (sysctl_drop_caches & 1) {
		drop_pagecache();
		count_vm_event(DROP_PAGECACHE);
	}
	if (sysctl_drop_caches & 2) {
		drop_slab();
		count_vm_event(DROP_SLAB);
	}
	if (!stfu)
		printk(KERN_INFO "%s (%d): drop_caches: %d\n", current->comm, current->pid,
		       sysctl_drop_caches);
	stfu |= sysctl_drop_caches & 4;
	return 0;
}

/*
 * The dirty limits (mm/page-writeback.c): a ratio and its _bytes form
 * exclude each other, as in Linux: writing one zeroes the other.
 */
static int dirty_ratio_handler(const struct ctl_table *table, int write, char *buf, size_t *lenp)
{
	int old = *(int *)table->data, err = proc_dointvec_minmax(table, write, buf, lenp);

	if (write && !err && table->data == &vm_dirty_ratio && vm_dirty_ratio != old)
		vm_dirty_bytes = 0;
	if (write && !err && table->data == &dirty_background_ratio)
		dirty_background_bytes = 0;
	return err;
}

/* One unsigned long, any value (Linux's proc_doulongvec_minmax without bounds). */
int proc_doulongvec_minmax(const struct ctl_table *table, int write, char *buf, size_t *lenp)
{
	unsigned long *val = table->data, v;
	const char *end;

	if (!write) {
		*lenp = (size_t)snprintf(buf, *lenp, "%lu\n", *val);
		return 0;
	}
	while (is_blank(*buf))
		buf++;
	end = parse_digits(buf, ULONG_MAX, &v);
	if (!end)
		return -EINVAL;
	while (is_blank(*end))
		end++;
	if (*end)
		return -EINVAL;
	*val = v;
	return 0;
}

/* dirty_bytes (>= 2 pages) and dirty_background_bytes (>= 1): unsigned long values. */
static int dirty_bytes_handler(const struct ctl_table *table, int write, char *buf, size_t *lenp)
{
	unsigned long *val = table->data, v;
	bool fg = val == &vm_dirty_bytes;
	const char *end;

	if (!write) {
		*lenp = (size_t)snprintf(buf, *lenp, "%lu\n", *val);
		return 0;
	}
	while (is_blank(*buf))
		buf++;
	end = parse_digits(buf, ULONG_MAX, &v); /* past unsigned long: EINVAL, never wrapped */
	if (!end)
		return -EINVAL;
	while (is_blank(*end))
		end++;
	if (*end || v < (fg ? 2 * 4096UL : 1UL))
		return -EINVAL;
	if (fg && v != *val)
		vm_dirty_ratio = 0;
	if (!fg)
		dirty_background_ratio = 0;
	*val = v;
	return 0;
}

/* A new non-zero writeback interval wakes the flusher (Linux's dirty_writeback_centisecs_handler).
 */
static int dirty_writeback_handler(const struct ctl_table *table, int write, char *buf,
				   size_t *lenp)
{
	int err = proc_dointvec_minmax(table, write, buf, lenp);

	if (write && !err && dirty_writeback_interval)
		wakeup_flusher_threads();
	return err;
}

#define INT_ENTRY(name, var, mode, handler, lo, hi)                                                \
	{                                                                                          \
		name, &(var), sizeof(int), mode, handler, lo, hi                                   \
	}

const struct ctl_table vm_table[] = {
	INT_ENTRY("overcommit_memory", sysctl_overcommit_memory, 0644, proc_dointvec_minmax, &zero,
		  &two),
	INT_ENTRY("panic_on_oom", sysctl_panic_on_oom, 0644, proc_dointvec_minmax, &zero, &two),
	INT_ENTRY("oom_kill_allocating_task", sysctl_oom_kill_allocating_task, 0644,
		  proc_dointvec_minmax, NULL, NULL),
	INT_ENTRY("overcommit_ratio", sysctl_overcommit_ratio, 0644, proc_dointvec_minmax, &zero,
		  NULL),
	INT_ENTRY("page-cluster", page_cluster, 0644, proc_dointvec_minmax, &zero, &thirty_one),
	INT_ENTRY("swappiness", vm_swappiness, 0644, proc_dointvec_minmax, &zero, &two_hundred),
	INT_ENTRY("drop_caches", sysctl_drop_caches, 0200, drop_caches_sysctl_handler, &one, &four),
	INT_ENTRY("dirty_background_ratio", dirty_background_ratio, 0644, dirty_ratio_handler,
		  &zero, &one_hundred),
	{ "dirty_background_bytes", &dirty_background_bytes, sizeof(unsigned long), 0644,
	  dirty_bytes_handler, NULL, NULL },
	INT_ENTRY("dirty_ratio", vm_dirty_ratio, 0644, dirty_ratio_handler, &zero, &one_hundred),
	{ "dirty_bytes", &vm_dirty_bytes, sizeof(unsigned long), 0644, dirty_bytes_handler, NULL,
	  NULL },
	INT_ENTRY("dirty_writeback_centisecs", dirty_writeback_interval, 0644,
		  dirty_writeback_handler, NULL, NULL),
	INT_ENTRY("dirty_expire_centisecs", dirty_expire_interval, 0644, proc_dointvec_minmax,
		  &zero, NULL),
	INT_ENTRY("min_free_kbytes", min_free_kbytes, 0644, min_free_kbytes_sysctl_handler, &zero,
		  NULL),
	INT_ENTRY("watermark_scale_factor", watermark_scale_factor, 0644,
		  watermark_scale_factor_sysctl_handler, &one, &three_thousand),
	{ "lowmem_reserve_ratio", sysctl_lowmem_reserve_ratio, sizeof(sysctl_lowmem_reserve_ratio),
	  0644, lowmem_reserve_ratio_sysctl_handler, NULL, NULL },
	{},
};

static const int ipcmni = 1 << 15; /* IPCMNI */

/* kernel.*: System V shared memory's limits (Linux's ipc/ipc_sysctl.c). */
const struct ctl_table kern_table[] = {
	{ "shmmax", &shm_ctlmax, sizeof(unsigned long), 0644, proc_doulongvec_minmax, NULL, NULL },
	{ "shmall", &shm_ctlall, sizeof(unsigned long), 0644, proc_doulongvec_minmax, NULL, NULL },
	INT_ENTRY("shmmni", shm_ctlmni, 0644, proc_dointvec_minmax, &zero, &ipcmni),
	{},
};

const struct ctl_table *find_sysctl(const struct ctl_table *table, const char *name, size_t len)
{
	const struct ctl_table *t;

	for (t = table; t->procname; t++)
		if (strlen(t->procname) == len && !memcmp(t->procname, name, len))
			return t;
	return NULL;
}

const struct ctl_table *find_vm_sysctl(const char *name, size_t len)
{
	return find_sysctl(vm_table, name, len);
}

/* `swappiness=N` and `overcommit_memory=N` on the command line: the sysctl's checks. */
static int boot_sysctl(const char *name, char *val)
{
	const struct ctl_table *t = find_vm_sysctl(name, strlen(name));
	size_t len = strlen(val);

	return t->proc_handler(t, 1, val, &len) ? -1 : 0;
}

static int swappiness_setup(char *val)
{
	return boot_sysctl("swappiness", val);
}
__setup("swappiness=", swappiness_setup);

static int overcommit_memory_setup(char *val)
{
	return boot_sysctl("overcommit_memory", val);
}
__setup("overcommit_memory=", overcommit_memory_setup);
