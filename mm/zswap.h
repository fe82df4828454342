/*
 * zswap (mm/zswap.c, mm/zswap_sysfs.c): a compressed cache in front of
 * the swap devices, as Linux 6.1's frontswap backend.
 */
#ifndef MM_ZSWAP_H
#define MM_ZSWAP_H

#include "kernel/types.h"
#include "mm/swapops.h"
#include "mm/zcomp.h"

struct page;

/* Parameters (/sys/module/zswap/parameters/, boot zswap.NAME=). */
extern bool zswap_enabled;
extern char zswap_compressor[ZCOMP_NAME_MAX];
extern unsigned int zswap_max_pool_percent;
extern unsigned int zswap_accept_thr_percent;
extern bool zswap_same_filled_pages_enabled;
extern bool zswap_non_same_filled_pages_enabled;

/* Statistics (/sys/kernel/debug/zswap/). */
struct zswap_stats {
	unsigned long pool_limit_hit;
	unsigned long reject_reclaim_fail;
	unsigned long reject_alloc_fail;
	unsigned long reject_kmemcache_fail;
	unsigned long reject_compress_poor;
	unsigned long written_back_pages;
	unsigned long duplicate_entry;
	unsigned long pool_total_size; /* bytes of zbud pages */
	unsigned long stored_pages;    /* entries, same-filled included */
	unsigned long same_filled_pages;
};
extern struct zswap_stats zswap_stats;

/* Boot: make the pool and log "zswap: loaded using pool lz4/zbud". */
void zswap_init(void);

/*
 * frontswap_store: keep page for the slot entry in the pool. 0 if stored
 * (no disk write is needed), else -errno and the caller writes the page
 * to the device. Any older copy of the slot is dropped first.
 */
int zswap_store(struct page *page, swp_entry_t entry);
/* frontswap_load: fill page from the pool. 0, or -ENOENT (not here: read the disk). */
int zswap_load(struct page *page, swp_entry_t entry);
/* frontswap_invalidate_page: the slot is free; drop its copy if any. */
void zswap_invalidate(swp_entry_t entry);

/* Parameter setters shared by the command line and sysfs: 0, -EINVAL or -ENOENT. */
int zswap_enabled_set(const char *val);
int zswap_compressor_set(const char *val);
int zswap_zpool_set(const char *val);
int zswap_max_pool_set(const char *val);
int zswap_accept_thr_set(const char *val);
int zswap_same_filled_set(const char *val);
int zswap_non_same_filled_set(const char *val);

#endif
