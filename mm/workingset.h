/*
 * Refault detection (mm/workingset.c; Linux declares it in
 * include/linux/swap.h and keeps the counters in enum node_stat_item).
 */
#ifndef MM_WORKINGSET_H
#define MM_WORKINGSET_H

#include "mm/mm.h"

/* The counters /proc/vmstat prints, in Linux's order and with its names. */
enum workingset_stat_item {
	WORKINGSET_NODES,	 /* radix-tree leaf nodes that hold only shadows */
	WORKINGSET_REFAULT_ANON, /* evicted pages read back, by type ... */
	WORKINGSET_REFAULT_FILE,
	WORKINGSET_ACTIVATE_ANON, /* ... of which activated at once (within the working set) */
	WORKINGSET_ACTIVATE_FILE,
	WORKINGSET_RESTORE_ANON, /* ... of which had been active: thrashing */
	WORKINGSET_RESTORE_FILE,
	WORKINGSET_NODERECLAIM, /* shadow-only nodes freed by the shadow shrinker */
	NR_WORKINGSET_STATS
};
#define WORKINGSET_REFAULT_BASE WORKINGSET_REFAULT_ANON /* + 1 for file, as Linux */
#define WORKINGSET_ACTIVATE_BASE WORKINGSET_ACTIVATE_ANON
#define WORKINGSET_RESTORE_BASE WORKINGSET_RESTORE_ANON

extern unsigned long workingset_stat[NR_WORKINGSET_STATS];
extern const char *const workingset_stat_names[NR_WORKINGSET_STATS];

struct lruvec;

/* Advance lruvec's clock by nr_pages (an eviction or an activation). */
void workingset_age_nonresident(struct lruvec *lruvec, unsigned long nr_pages);
/* page is being evicted: the shadow entry to leave in its place (never NULL). */
void *workingset_eviction(struct page *page);
/*
 * page, not yet on an LRU list, is being read back where shadow was left:
 * count the refault, and if the distance fits the working set, set
 * PG_active (the caller then adds it to the active list).
 */
void workingset_refault(struct page *page, void *shadow);
/* page was promoted by a second access (mark_page_accessed): the clock moves. */
void workingset_activation(struct page *page);
/* The refault distance test alone (for workingset_refault and the host tests). */
bool workingset_distance_ok(unsigned long refault, unsigned long eviction,
			    unsigned long workingset_size);
/*
 * A page cache's tree changed leaf node's counts (or is about to free it):
 * keep it on the shadow shrinker's list exactly while it holds shadows
 * and no page (the root's update_node, set by address_space_init).
 */
struct radix_tree_node;
void workingset_update_node(struct radix_tree_node *node);
/* Boot: the shadow's timestamp granularity for this much RAM (logs Linux's line); the shrinker. */
void workingset_init(void);

#endif
