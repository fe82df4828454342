/*
 * Event counters with /proc/vmstat's names (Linux's enum vm_event_item,
 * include/linux/vm_event_item.h). Per-zone events (pgalloc, allocstall)
 * have one counter per zone in zone order, named with the zone suffix
 * _dma, _normal, _high, _movable. Every counter (pgfault, pswpin,
 * pgscan_kswapd ...) is at Linux's place in the list.
 */
#ifndef MM_VMSTAT_H
#define MM_VMSTAT_H

#include "mm/mmzone.h"

#define FOR_ALL_ZONES(x) x##_DMA, x##_NORMAL, x##_HIGH, x##_MOVABLE

enum vm_event_item {
	PGPGIN,	 /* sectors read from disks (shown in KiB, as Linux) */
	PGPGOUT, /* sectors written */
	PSWPIN,	 /* pages read from swap (Linux: after PGPGIN, PGPGOUT) */
	PSWPOUT, /* pages written to swap */
	FOR_ALL_ZONES(PGALLOC),
	FOR_ALL_ZONES(ALLOCSTALL),
	FOR_ALL_ZONES(PGSCAN_SKIP), /* LRU pages passed over: zone above reclaim_idx */
	PGFREE,
	PGACTIVATE,
	PGDEACTIVATE,
	PGFAULT,
	PGMAJFAULT,
	PGREFILL,
	PGREUSE,
	PGSTEAL_KSWAPD,
	PGSTEAL_DIRECT,
	PGSCAN_KSWAPD,
	PGSCAN_DIRECT,
	PGSCAN_ANON,
	PGSCAN_FILE,
	PGSTEAL_ANON,
	PGSTEAL_FILE,
	PGINODESTEAL,  /* page-cache pages freed with their inode (the superblock shrinker) */
	SLABS_SCANNED, /* objects shrinkers looked at (mm/shrinker.c) */
	PAGEOUTRUN,
	PGROTATED,
	DROP_PAGECACHE, /* drop_caches writes with bit 1 */
	DROP_SLAB,	/* ... with bit 2 */
	OOM_KILL,
	KSWAPD_LOW_WMARK_HIT_QUICKLY,
	KSWAPD_HIGH_WMARK_HIT_QUICKLY,
	UNEVICTABLE_PGCULLED,	 /* put on the unevictable list */
	UNEVICTABLE_PGSCANNED,	 /* looked at by check_move_unevictable_pages */
	UNEVICTABLE_PGRESCUED,	 /* moved from the unevictable list to an evictable one */
	UNEVICTABLE_PGMLOCKED,	 /* PG_mlocked set */
	UNEVICTABLE_PGMUNLOCKED, /* PG_mlocked cleared */
	UNEVICTABLE_PGCLEARED,	 /* freed with PG_mlocked still set */
	UNEVICTABLE_PGSTRANDED,	 /* PG_mlocked cleared while reclaim held it isolated */
	SWAP_RA,
	SWAP_RA_HIT,
	ZSWPIN,	 /* pages zswap gave back at swap-in */
	ZSWPOUT, /* pages zswap took at swap-out */
	NR_VM_EVENT_ITEMS
};

extern unsigned long vm_event_states[NR_VM_EVENT_ITEMS];
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];

static inline void count_vm_event(enum vm_event_item item)
{
	vm_event_states[item]++;
}

static inline void count_vm_events(enum vm_event_item item, unsigned long delta)
{
	vm_event_states[item] += delta;
}

/* item is the zone's first counter (PGALLOC_DMA ...); zid picks the zone. */
static inline void __count_zid_vm_events(enum vm_event_item item, int zid, unsigned long delta)
{
	vm_event_states[item + zid] += delta;
}

static inline unsigned long vm_event_count(enum vm_event_item item)
{
	return vm_event_states[item];
}

/* Zone counters: zone->vm_stat plus the node-wide sum (vm_zone_stat). */
extern long vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];

static inline void __mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	zone->vm_stat[item] += delta;
	vm_zone_stat[item] += delta;
}

static inline unsigned long global_zone_page_state(enum zone_stat_item item)
{
	long x = vm_zone_stat[item];
	return x < 0 ? 0 : (unsigned long)x;
}

#endif
