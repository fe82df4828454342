/*
 * zswap: a compressed cache for swap pages (Linux 6.1's mm/zswap.c with
 * its frontswap hooks in mm/page_io.c and mm/swapfile.c).
 *
 *   __swap_writepage(page, plug) --zswap_store--> pool (zbud)   no disk write
 *                                \--rejected---> the plug, disk
 *   swap_readpage(page, slot)  --zswap_load---> decompress        no disk read
 *   slot freed (swap_entry_free) --zswap_invalidate--> entry dropped
 *
 * A stored page is an entry keyed by its swap slot: either one machine
 * word (a same-filled page) or a zbud object holding a zswap_header (the
 * slot) and the LZ4 bytes. A page whose compressed form is too big for
 * zbud (over 3968 bytes) is "compress_poor" and goes to disk.
 *
 * The pool is capped at max_pool_percent of RAM. A store that finds it
 * full counts pool_limit_hit, writes the oldest zbud pages back to their
 * swap slots (written_back_pages) and goes to disk itself; until the pool
 * is under accept_threshold_percent of the cap again, stores keep going to
 * disk (the hysteresis). Linux shrinks in a worker thread; here the
 * storing task does it, one writeback at a time.
 *
 * As in 6.1, a load does not free the entry: the copy stays until the
 * slot is freed, so a clean page can be dropped again without a store.
 *
 * Linux keeps entries in an rbtree per swap type; a hash of the slot
 * finds them here. Linux's tree lock is not needed: one CPU, no
 * preemption, and nothing below sleeps except the writeback's disk write,
 * which holds a reference on its entry.
 */
#include "mm/zswap.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "mm/gfp.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/vmstat.h"
#include "mm/zbud.h"

#define ZSWAP_COMPRESSOR_DEFAULT "lzo" /* CONFIG_ZSWAP_COMPRESSOR_DEFAULT */
#define ZSWAP_HASH_BITS 10
#define MAX_RECLAIM_RETRIES 16
/* zbud pages come from reserves when reclaim needs them, never by reclaiming again. */
#define ZSWAP_GFP (__GFP_NORETRY | __GFP_NOWARN | __GFP_KSWAPD_RECLAIM)

bool zswap_enabled;
char zswap_compressor[ZCOMP_NAME_MAX] = ZSWAP_COMPRESSOR_DEFAULT;
unsigned int zswap_max_pool_percent = 20;
unsigned int zswap_accept_thr_percent = 90;
bool zswap_same_filled_pages_enabled = true;
bool zswap_non_same_filled_pages_enabled = true;
struct zswap_stats zswap_stats;

struct zswap_entry {
	struct list_head hash; /* on zswap_hash[] */
	swp_entry_t swpentry;
	int refcount;	     /* the hash's, plus a writeback's */
	unsigned int length; /* compressed bytes; 0: a same-filled page */
	const char
	    *compressor; /* what compressed it (Linux: its pool's); the current one may differ */
	unsigned long handle; /* the zbud object, or the fill word when length is 0 */
};

/* What the zbud object starts with: lets eviction find the entry. */
struct zswap_header {
	swp_entry_t swpentry;
};

static struct list_head zswap_hash[1u << ZSWAP_HASH_BITS];
static struct zbud_pool zswap_pool;
static bool zswap_pool_ready;
static bool zswap_pool_reached_full;
static bool zswap_writeback_busy;  /* one writeback at a time uses the buffers */
static struct page *zswap_wb_page; /* writeback decompresses here */
static u8 zswap_dstmem[ZCOMP_DST_SIZE];

/* ---- the entry table ------------------------------------------------------ */

static struct list_head *zswap_bucket(swp_entry_t e)
{
	return &zswap_hash[(u32)(e.val * 2654435761u) >> (32 - ZSWAP_HASH_BITS)];
}

static struct zswap_entry *zswap_search(swp_entry_t e)
{
	struct zswap_entry *entry;

	list_for_each_entry(entry, zswap_bucket(e), hash) {
		if (entry->swpentry.val == e.val)
			return entry;
	}
	return NULL;
}

static void zswap_update_total_size(void)
{
	zswap_stats.pool_total_size = (unsigned long)zbud_get_pool_size(&zswap_pool) * PAGE_SIZE;
}

/* Drop a reference; the last one frees the object and the entry. */
static void zswap_entry_put(struct zswap_entry *entry)
{
	if (--entry->refcount > 0)
		return;
	if (entry->refcount < 0)
		panic("zswap_entry_put: entry %#lx freed twice", entry->swpentry.val);
	if (entry->length)
		zbud_free(&zswap_pool, entry->handle);
	else
		zswap_stats.same_filled_pages--;
	zswap_stats.stored_pages--;
	kfree(entry);
	zswap_update_total_size();
}

/* Take entry out of the table and drop the table's reference. */
static void zswap_erase(struct zswap_entry *entry)
{
	list_del_init(&entry->hash);
	zswap_entry_put(entry);
}

/* ---- the pool limit ------------------------------------------------------- */

static unsigned long pool_pages(void)
{
	return DIV_ROUND_UP(zswap_stats.pool_total_size, PAGE_SIZE);
}

static bool zswap_is_full(void)
{
	return totalram_pages() * zswap_max_pool_percent / 100 < pool_pages();
}

static bool zswap_can_accept(void)
{
	return totalram_pages() * zswap_accept_thr_percent / 100 * zswap_max_pool_percent / 100 >
	       pool_pages();
}

/*
 * zbud's evict: write the object at handle back to its swap slot and drop
 * the entry. 0 if written or already gone; -errno keeps the entry.
 */
static int zswap_writeback_entry(struct zbud_pool *pool, unsigned long handle)
{
	struct zswap_header *zhdr = zbud_map(pool, handle);
	swp_entry_t swpentry = zhdr->swpentry;
	struct zswap_entry *entry = zswap_search(swpentry);
	int ret;

	zbud_unmap(pool, handle);
	if (!entry || entry->handle != handle)
		return 0; /* invalidated meanwhile */
	entry->refcount++;
	zhdr = zbud_map(pool, handle);
	ret = zcomp_decompress(entry->compressor, (const u8 *)(zhdr + 1),
			       entry->length - sizeof(*zhdr), zswap_wb_page);
	zbud_unmap(pool, handle);
	if (!ret) /* sleeps; a load meanwhile still finds the entry */
		ret = swap_writepage(zswap_wb_page, swpentry);
	if (!ret) {
		zswap_stats.written_back_pages++;
		if (zswap_search(swpentry) == entry)
			zswap_erase(entry);
	}
	zswap_entry_put(entry);
	return ret;
}

static const struct zbud_ops zswap_zbud_ops = { .evict = zswap_writeback_entry };

/* shrink_worker: write the oldest pages back until the pool may accept again. */
static void zswap_shrink(void)
{
	int failures = 0, ret;

	if (zswap_writeback_busy)
		return;
	zswap_writeback_busy = true;
	do {
		ret = zbud_reclaim_page(&zswap_pool, 8);
		if (ret) {
			zswap_stats.reject_reclaim_fail++;
			if (ret != -EAGAIN || ++failures == MAX_RECLAIM_RETRIES)
				break;
		}
	} while (!zswap_can_accept());
	zswap_writeback_busy = false;
}

/* ---- store, load, invalidate -------------------------------------------- */

/* Compress page into a zbud object for entry. 0, or -errno with the reject counted. */
static int zswap_compress_to_pool(struct zswap_entry *entry, struct page *page)
{
	struct zswap_header *zhdr;
	int dlen = zcomp_compress(zswap_compressor, page, zswap_dstmem);
	int ret;

	entry->compressor = zcomp_lookup(zswap_compressor);
	if (dlen < 0) {
		zswap_stats.reject_compress_poor++;
		return dlen;
	}
	entry->length = sizeof(*zhdr) + (unsigned int)dlen;
	ret = zbud_alloc(&zswap_pool, entry->length, ZSWAP_GFP, &entry->handle);
	if (ret == -ENOSPC) {
		zswap_stats.reject_compress_poor++;
		return ret;
	}
	if (ret) {
		zswap_stats.reject_alloc_fail++;
		return ret;
	}
	zhdr = zbud_map(&zswap_pool, entry->handle);
	zhdr->swpentry = entry->swpentry;
	memcpy(zhdr + 1, zswap_dstmem, (size_t)dlen);
	zbud_unmap(&zswap_pool, entry->handle);
	return 0;
}

/* Put entry in the table; an entry already there for the slot is dropped. */
static void zswap_insert(struct zswap_entry *entry)
{
	struct zswap_entry *dup = zswap_search(entry->swpentry);

	if (dup) {
		zswap_stats.duplicate_entry++;
		zswap_erase(dup);
	}
	list_add(&entry->hash, zswap_bucket(entry->swpentry));
	zswap_stats.stored_pages++;
	zswap_update_total_size();
	count_vm_event(ZSWPOUT);
}

/* May the pool take a page? Counts the limit and starts writeback when full. */
static bool zswap_pool_accepts(void)
{
	if (zswap_is_full()) {
		zswap_stats.pool_limit_hit++;
		zswap_pool_reached_full = true;
		zswap_shrink();
		return false;
	}
	if (zswap_pool_reached_full) {
		if (!zswap_can_accept()) {
			zswap_shrink();
			return false;
		}
		zswap_pool_reached_full = false;
	}
	return true;
}

int zswap_store(struct page *page, swp_entry_t swpentry)
{
	struct zswap_entry *entry;
	unsigned long value;
	int ret;

	zswap_invalidate(swpentry); /* frontswap drops an older copy before any store */
	if (!zswap_enabled || !zswap_pool_ready)
		return -ENODEV;
	if (!zswap_pool_accepts())
		return -ENOMEM;
	entry = kmalloc(sizeof(*entry), GFP_KERNEL | __GFP_NOWARN);
	if (!entry) {
		zswap_stats.reject_kmemcache_fail++;
		return -ENOMEM;
	}
	*entry = (struct zswap_entry){ .swpentry = swpentry, .refcount = 1 };
	INIT_LIST_HEAD(&entry->hash);
	if (zswap_same_filled_pages_enabled && page_same_filled(page, &value)) {
		entry->handle = value;
		zswap_stats.same_filled_pages++;
	} else if (!zswap_non_same_filled_pages_enabled) {
		ret = -EINVAL;
		goto fail;
	} else if ((ret = zswap_compress_to_pool(entry, page))) {
		goto fail;
	}
	zswap_insert(entry);
	return 0;
fail:
	kfree(entry);
	return ret;
}

int zswap_load(struct page *page, swp_entry_t swpentry)
{
	struct zswap_entry *entry = zswap_search(swpentry);
	struct zswap_header *zhdr;
	int ret;

	if (!entry)
		return -ENOENT;
	if (!entry->length) {
		page_fill_value(page, entry->handle);
		count_vm_event(ZSWPIN);
		return 0;
	}
	zhdr = zbud_map(&zswap_pool, entry->handle);
	ret = zcomp_decompress(entry->compressor, (const u8 *)(zhdr + 1),
			       entry->length - sizeof(*zhdr), page);
	zbud_unmap(&zswap_pool, entry->handle);
	if (ret)
		panic("zswap_load: slot %#lx does not decompress", swpentry.val);
	count_vm_event(ZSWPIN);
	return 0;
}

void zswap_invalidate(swp_entry_t swpentry)
{
	struct zswap_entry *entry = zswap_search(swpentry);

	if (entry)
		zswap_erase(entry);
}

void zswap_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(zswap_hash); i++)
		INIT_LIST_HEAD(&zswap_hash[i]);
	zswap_wb_page = alloc_page(GFP_KERNEL);
	if (!zswap_wb_page) {
		pr_err("zswap: pool creation failed\n");
		return;
	}
	if (!zcomp_available(zswap_compressor)) {
		pr_err("zswap: compressor %s not available, using default %s\n", zswap_compressor,
		       ZSWAP_COMPRESSOR_DEFAULT);
		strlcpy(zswap_compressor, ZSWAP_COMPRESSOR_DEFAULT, sizeof(zswap_compressor));
	}
	zbud_create_pool(&zswap_pool, &zswap_zbud_ops);
	zswap_pool_ready = true;
	pr_info("zswap: loaded using pool %s/zbud\n", zswap_compressor);
}
