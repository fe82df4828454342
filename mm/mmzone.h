/*
 * Zones and their buddy free lists (Linux's include/linux/mmzone.h).
 *
 * Physical memory is one node (Linux's contig_page_data) cut into zones by
 * address: DMA below 16 MiB (ISA DMA reach), Normal up to the end of low
 * memory (what the kernel's direct map covers), HighMem above
 * (mm/highmem.c maps its pages when the kernel touches them) and Movable
 * (always empty here, as in Linux without kernelcore=). Each zone owns a buddy allocator: for
 * every order 0..MAX_PAGE_ORDER a list of free blocks of 2^order pages.
 *
 * The watermarks say how far a zone may be drained: MIN < LOW < HIGH,
 * computed in mm/watermark.c, where their picture is.
 *
 * A zone also keeps lowmem_reserve[j]: pages an allocation that could
 * have used the higher zone j must leave here, so that DMA and Normal are
 * not eaten by requests that had somewhere else to go.
 */
#ifndef MM_MMZONE_H
#define MM_MMZONE_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/wait.h"

#define MAX_PAGE_ORDER 10 /* largest block: 2^10 pages = 4 MiB */
#define NR_PAGE_ORDERS (MAX_PAGE_ORDER + 1)
#define MAX_ORDER_NR_PAGES (1UL << MAX_PAGE_ORDER)
#define PAGE_ALLOC_COSTLY_ORDER 3

enum zone_type {
	ZONE_DMA,     /* pfn 0 .. MAX_DMA_PFN */
	ZONE_NORMAL,  /* .. max_low_pfn, in the kernel's direct map */
	ZONE_HIGHMEM, /* above low memory: mapped on demand (kmap) */
	ZONE_MOVABLE, /* only with kernelcore=/movablecore= in Linux: empty */
	MAX_NR_ZONES
};

#define MAX_DMA_PFN ((16UL << 20) >> 12) /* 4096 pfns: 16 MiB */

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	WMARK_PROMO, /* NUMA memory tiering only; computed, never used */
	NR_WMARK
};

/*
 * Per-zone counters (Linux's enum zone_stat_item), read by /proc/zoneinfo
 * and show_mem; mm/lru.c keeps the LRU ones. The names and order are
 * Linux's.
 */
enum zone_stat_item {
	NR_FREE_PAGES,
	NR_ZONE_INACTIVE_ANON,
	NR_ZONE_ACTIVE_ANON,
	NR_ZONE_INACTIVE_FILE,
	NR_ZONE_ACTIVE_FILE,
	NR_ZONE_UNEVICTABLE,
	NR_ZONE_WRITE_PENDING,
	NR_MLOCK,
	NR_BOUNCE,
	NR_FREE_CMA_PAGES,
	NR_VM_ZONE_STAT_ITEMS
};

/*
 * Linux keeps one free list per migratetype (unmovable, movable,
 * reclaimable...) to fight fragmentation for compaction; Tidemark has no
 * compaction, so one list per order is enough. Every free block counts as
 * MIGRATE_UNMOVABLE ("U" in show_mem).
 */
struct free_area {
	struct list_head free_list;
	unsigned long nr_free; /* blocks of this order, not pages */
};

struct zone {
	unsigned long _watermark[NR_WMARK];
	unsigned long watermark_boost;	   /* 0: no fragmentation boosting */
	long lowmem_reserve[MAX_NR_ZONES]; /* "protection" in /proc/zoneinfo */
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages; /* end - start, holes included */
	unsigned long present_pages; /* spanned - holes */
	unsigned long managed_pages; /* present - reserved at boot: the buddy's */
	struct free_area free_area[NR_PAGE_ORDERS];
	long vm_stat[NR_VM_ZONE_STAT_ITEMS];
};

/*
 * The LRU lists (mm/lru.c). One node and no memory cgroups, so one set of
 * lists, the node's (Linux: pgdat->__lruvec). A user page is on exactly
 * one list while PG_lru is set; reclaim takes pages off the tails
 * ("isolates" them) while it works on them.
 *
 *   inactive anon  <-  new anonymous pages (Linux >= 5.9), deactivated pages
 *   active anon    <-  pages referenced twice (second chance)
 *   inactive file  <-  new page-cache pages (mm/filemap.c), deactivated ones
 *   active file    <-  cache pages read or written twice (mark_page_accessed),
 *                      mapped ones referenced twice, refaults within the
 *                      working set (mm/workingset.c)
 *   unevictable    <-  mlocked pages (mm/mlock.c), pages of a mapping marked
 *                      unevictable (SHM_LOCK), pages whose swap-out failed
 *
 * Besides the lists a lruvec keeps what balances them (mm/vmscan_balance.c):
 * the recent cost of reclaiming each type (anon_cost, file_cost: pages
 * written to swap and refaulting pages that had been active), the clock of
 * evictions and activations that shadow entries record (nonresident_age),
 * and workingset_activate_{anon,file} as the last reclaim left them
 * (refaults, for prepare_scan_count).
 */
enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

#define LRU_ACTIVE 1 /* an active list is its inactive list + LRU_ACTIVE */
#define for_each_evictable_lru(lru) for (lru = 0; lru <= LRU_ACTIVE_FILE; lru++)

static inline bool is_file_lru(enum lru_list lru)
{
	return lru == LRU_INACTIVE_FILE || lru == LRU_ACTIVE_FILE;
}

static inline bool is_active_lru(enum lru_list lru)
{
	return lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE;
}

struct lruvec {
	struct list_head lists[NR_LRU_LISTS];
	unsigned long nr_pages[NR_LRU_LISTS];
	unsigned long anon_cost; /* Linux: under lru_lock; one CPU, no lock */
	unsigned long file_cost;
	unsigned long nonresident_age; /* atomic_long_t in Linux */
	unsigned long refaults[2];     /* [0] anon, [1] file: snapshot_refaults */
};

struct task_struct;

/*
 * The one memory node: its zones, its LRU lists and its kswapd (Linux's
 * struct pglist_data, mm/vmscan.c keeps the kswapd fields).
 */
struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	unsigned long node_present_pages;

	wait_queue_head_t kswapd_wait;	       /* kswapd sleeps here */
	struct task_struct *kswapd;	       /* kswapd0 */
	bool kswapd_pending;		       /* a wake-up arrived (Linux: waitqueue_active) */
	int kswapd_order;		       /* largest order asked of the next run */
	enum zone_type kswapd_highest_zoneidx; /* highest zone asked of the next run */
	int kswapd_failures;		       /* runs in a row that reclaimed nothing */

	struct lruvec lruvec; /* Linux: __lruvec, the node's when no memcg */
};

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid) (&contig_page_data)

extern const char *const zone_names[MAX_NR_ZONES];

static inline int zone_idx(const struct zone *zone)
{
	return (int)(zone - contig_page_data.node_zones);
}

static inline bool is_highmem_idx(int idx)
{
	return idx == ZONE_HIGHMEM || idx == ZONE_MOVABLE;
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline bool managed_zone(const struct zone *zone)
{
	return zone->managed_pages != 0;
}

static inline unsigned long zone_managed_pages(const struct zone *zone)
{
	return zone->managed_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn >= zone->zone_start_pfn && pfn < zone->zone_start_pfn + zone->spanned_pages;
}

static inline unsigned long wmark_pages(const struct zone *z, enum zone_watermarks w)
{
	return z->_watermark[w] + z->watermark_boost;
}
static inline unsigned long min_wmark_pages(const struct zone *z)
{
	return wmark_pages(z, WMARK_MIN);
}
static inline unsigned long low_wmark_pages(const struct zone *z)
{
	return wmark_pages(z, WMARK_LOW);
}
static inline unsigned long high_wmark_pages(const struct zone *z)
{
	return wmark_pages(z, WMARK_HIGH);
}

static inline unsigned long zone_page_state(const struct zone *zone, enum zone_stat_item item)
{
	long x = zone->vm_stat[item];
	return x < 0 ? 0 : (unsigned long)x;
}

#define for_each_zone(zone)                                                                        \
	for (zone = contig_page_data.node_zones;                                                   \
	     zone < contig_page_data.node_zones + MAX_NR_ZONES; zone++)
#define for_each_populated_zone(zone)                                                              \
	for_each_zone(zone)                                                                        \
		if (!populated_zone(zone))                                                         \
			;                                                                          \
		else
/* Every zone with pages in the buddy allocator. */
#define for_each_managed_zone(zone)                                                                \
	for_each_zone(zone)                                                                        \
		if (!managed_zone(zone))                                                           \
			;                                                                          \
		else
/* The managed zones of pgdat with index zid up to highidx (Linux 6.13's). */
#define for_each_managed_zone_pgdat(zone, pgdat, zid, highidx)                                     \
	for (zid = 0; zid <= (int)(highidx); zid++)                                                \
		if ((zone = &(pgdat)->node_zones[zid]), !managed_zone(zone))                       \
			;                                                                          \
		else
/*
 * The same, highest first: the order an allocation falls back in (Linux
 * walks the node's zonelist, for_each_zone_zonelist; one node needs none).
 */
#define for_each_managed_zone_fallback(zone, pgdat, zid, highidx)                                  \
	for (zid = (int)(highidx); zid >= 0; zid--)                                                \
		if ((zone = &(pgdat)->node_zones[zid]), !managed_zone(zone))                       \
			;                                                                          \
		else

/* The node's LRU lists (Linux 4.8's node_lruvec; now mem_cgroup_lruvec(NULL, pgdat)). */
static inline struct lruvec *node_lruvec(struct pglist_data *pgdat)
{
	return &pgdat->lruvec;
}

/* Watermarks and tunables (mm/watermark.c). */
extern int min_free_kbytes;
extern int user_min_free_kbytes;
extern int watermark_scale_factor;
extern int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES];
extern unsigned long totalreserve_pages;

void init_per_zone_wmark_min(void);
void calculate_min_free_kbytes(void);
void setup_per_zone_wmarks(void);
void setup_per_zone_lowmem_reserve(void);
int set_min_free_kbytes(long kbytes);
int min_free_kbytes_max(void); /* a quarter of low memory, at most 262144 */
int set_watermark_scale_factor(long factor);
unsigned long nr_free_buffer_pages(void);
bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags, long free_pages);
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags);

/* Boot-time zone setup (mm/mm_init.c). */
void free_area_init(const unsigned long max_zone_pfn[MAX_NR_ZONES]);
void __free_pages_memory(unsigned long start_pfn, unsigned long end_pfn);

/* Reports (mm/show_mem.c). */
void show_mem(void);
void __show_mem(bool debug);
void show_free_areas(bool debug);

#endif
