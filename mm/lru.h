/*
 * LRU lists and page references (mm/lru.c; Linux keeps this in mm/swap.c
 * and include/linux/mm_inline.h).
 *
 * One node, so one set of lists (Linux: pgdat->__lruvec). A user page is
 * on exactly one list while PG_lru is set; reclaim takes pages off the
 * tails ("isolates" them) while it works on them.
 *
 *   inactive anon  <-  new anonymous pages (Linux >= 5.9), deactivated pages
 *   active anon    <-  pages referenced twice (second chance), refaults
 *   inactive/active file  (no page cache yet: always empty)
 *   unevictable    <-  pages whose swap-out failed (kept in memory)
 */
#ifndef MM_LRU_H
#define MM_LRU_H

#include "kernel/list.h"
#include "mm/mm.h"

enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

struct lruvec {
	struct list_head lists[NR_LRU_LISTS];
	unsigned long nr_pages[NR_LRU_LISTS];
};

extern struct lruvec node_lruvec;
extern const char *const lru_list_names[NR_LRU_LISTS];

void lru_init(void);
void lru_cache_add(struct page *page);		/* a new user page: inactive anon */
void add_page_to_lru_list(struct page *page, enum lru_list lru);
void del_page_from_lru_list(struct page *page);
enum lru_list page_lru(const struct page *page);
void put_page(struct page *page);		/* drop a reference; the last one frees */

void lock_page(struct page *page);		/* may sleep */
void unlock_page(struct page *page);
void wait_on_page_locked(struct page *page);

#endif
