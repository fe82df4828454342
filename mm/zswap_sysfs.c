/*
 * zswap's knobs and counters where Linux puts them:
 *
 *   boot:   zswap.enabled=1 zswap.compressor=lz4 zswap.max_pool_percent=20 ...
 *   /sys/module/zswap/parameters/   enabled compressor zpool max_pool_percent
 *                                   accept_threshold_percent
 *                                   same_filled_pages_enabled
 *                                   non_same_filled_pages_enabled   (0644)
 *   /sys/kernel/debug/zswap/        pool_limit_hit reject_* written_back_pages
 *                                   duplicate_entry pool_total_size
 *                                   stored_pages same_filled_pages  (0444)
 *
 * Each parameter has one setter used by both the command line and sysfs,
 * with Linux 6.1's checks: booleans as kstrtobool, percentages as
 * unsigned decimals (accept_threshold_percent at most 100), a compressor
 * or zpool this kernel lacks -ENOENT. A refused write changes nothing.
 */
#include "fs/sysfs.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "kernel/params.h"
#include "mm/zswap.h"

static char zswap_zpool[] = "zbud";

static int set_bool(bool *knob, const char *val)
{
	bool v;

	if (kstrtobool(val, &v))
		return -EINVAL;
	*knob = v;
	return 0;
}

/* An unsigned decimal up to max (one trailing newline allowed). */
static int set_uint(unsigned int *knob, const char *val, unsigned long max)
{
	unsigned long v;

	if (kstrtoul(val, 10, &v) || v > max)
		return -EINVAL;
	*knob = (unsigned int)v;
	return 0;
}

/* Copy val without its trailing newline into buf; -EINVAL if it does not fit or is empty. */
static int copy_word(char *buf, size_t size, const char *val)
{
	size_t n = strlen(val);

	if (n && val[n - 1] == '\n')
		n--;
	if (!n || n >= size)
		return -EINVAL;
	memcpy(buf, val, n);
	buf[n] = '\0';
	return 0;
}

int zswap_enabled_set(const char *val)
{
	return set_bool(&zswap_enabled, val);
}

int zswap_compressor_set(const char *val)
{
	char name[ZCOMP_NAME_MAX];

	if (copy_word(name, sizeof(name), val))
		return -EINVAL;
	if (!zcomp_available(name)) {
		pr_err("zswap: compressor %s not available\n", name);
		return -ENOENT;
	}
	strlcpy(zswap_compressor, name, sizeof(zswap_compressor));
	return 0;
}

int zswap_zpool_set(const char *val)
{
	char name[ZCOMP_NAME_MAX];

	if (copy_word(name, sizeof(name), val))
		return -EINVAL;
	if (strcmp(name, zswap_zpool)) {
		pr_err("zswap: zpool %s not available\n", name);
		return -ENOENT;
	}
	return 0;
}

int zswap_max_pool_set(const char *val)
{
	return set_uint(&zswap_max_pool_percent, val, UINT_MAX);
}

int zswap_accept_thr_set(const char *val)
{
	return set_uint(&zswap_accept_thr_percent, val, 100);
}

int zswap_same_filled_set(const char *val)
{
	return set_bool(&zswap_same_filled_pages_enabled, val);
}

int zswap_non_same_filled_set(const char *val)
{
	return set_bool(&zswap_non_same_filled_pages_enabled, val);
}

/* ---- the command line: zswap.NAME=value (-1 logs the word as bad) ------------ */

#define ZSWAP_BOOT_PARAM(word, setter)                                                             \
	static int setter##_boot(char *val)                                                        \
	{                                                                                          \
		return setter(val) ? -1 : 0;                                                       \
	}                                                                                          \
	__setup(word, setter##_boot)

ZSWAP_BOOT_PARAM("zswap.enabled=", zswap_enabled_set);
/* At boot the name is only kept: zswap_init falls back to lz4 with Linux's message. */
static int zswap_compressor_boot(char *val)
{
	return copy_word(zswap_compressor, sizeof(zswap_compressor), val) ? -1 : 0;
}
__setup("zswap.compressor=", zswap_compressor_boot);
ZSWAP_BOOT_PARAM("zswap.zpool=", zswap_zpool_set);
ZSWAP_BOOT_PARAM("zswap.max_pool_percent=", zswap_max_pool_set);
ZSWAP_BOOT_PARAM("zswap.accept_threshold_percent=", zswap_accept_thr_set);
ZSWAP_BOOT_PARAM("zswap.same_filled_pages_enabled=", zswap_same_filled_set);
ZSWAP_BOOT_PARAM("zswap.non_same_filled_pages_enabled=", zswap_non_same_filled_set);

/* ---- sysfs ------------------------------------------------------------------- */

SYSFS_SHOW(enabled, "%s\n", SYSFS_YN(zswap_enabled))
SYSFS_SHOW(compressor, "%s\n", zswap_compressor)
SYSFS_SHOW(zpool, "%s\n", zswap_zpool)
SYSFS_SHOW(max_pool_percent, "%u\n", zswap_max_pool_percent)
SYSFS_SHOW(accept_threshold_percent, "%u\n", zswap_accept_thr_percent)
SYSFS_SHOW(same_filled_pages_enabled, "%s\n", SYSFS_YN(zswap_same_filled_pages_enabled))
SYSFS_SHOW(non_same_filled_pages_enabled, "%s\n", SYSFS_YN(zswap_non_same_filled_pages_enabled))
SYSFS_STORE(enabled, zswap_enabled_set)
SYSFS_STORE(compressor, zswap_compressor_set)
SYSFS_STORE(zpool, zswap_zpool_set)
SYSFS_STORE(max_pool_percent, zswap_max_pool_set)
SYSFS_STORE(accept_threshold_percent, zswap_accept_thr_set)
SYSFS_STORE(same_filled_pages_enabled, zswap_same_filled_set)
SYSFS_STORE(non_same_filled_pages_enabled, zswap_non_same_filled_set)

#define PARAM(name)                                                                                \
	{                                                                                          \
#name, S_IFREG | 0644, name##_show, name##_store, NULL                             \
	}

const struct proc_entry zswap_parameters_entries[] = {
	PARAM(enabled),
	PARAM(compressor),
	PARAM(zpool),
	PARAM(max_pool_percent),
	PARAM(accept_threshold_percent),
	PARAM(same_filled_pages_enabled),
	PARAM(non_same_filled_pages_enabled),
	{},
};

#define ZSWAP_STAT(name) SYSFS_SHOW(name, "%lu\n", zswap_stats.name)
ZSWAP_STAT(pool_limit_hit)
ZSWAP_STAT(reject_reclaim_fail)
ZSWAP_STAT(reject_alloc_fail)
ZSWAP_STAT(reject_kmemcache_fail)
ZSWAP_STAT(reject_compress_poor)
ZSWAP_STAT(written_back_pages)
ZSWAP_STAT(duplicate_entry)
ZSWAP_STAT(pool_total_size)
ZSWAP_STAT(stored_pages)
ZSWAP_STAT(same_filled_pages)

#define STAT(name)                                                                                 \
	{                                                                                          \
#name, S_IFREG | 0444, name##_show, NULL, NULL                                     \
	}

const struct proc_entry zswap_debugfs_entries[] = {
	STAT(pool_limit_hit),
	STAT(reject_reclaim_fail),
	STAT(reject_alloc_fail),
	STAT(reject_kmemcache_fail),
	STAT(reject_compress_poor),
	STAT(written_back_pages),
	STAT(duplicate_entry),
	STAT(pool_total_size),
	STAT(stored_pages),
	STAT(same_filled_pages),
	{},
};
