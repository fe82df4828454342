/*
 * LRU lists and page references (mm/lru.c; Linux keeps this in mm/swap.c
 * and include/linux/mm_inline.h). The lists themselves, enum lru_list and
 * struct lruvec, are the node's (mm/mmzone.h).
 */
#ifndef MM_LRU_H
#define MM_LRU_H

#include "kernel/list.h"
#include "mm/mm.h"

extern const char *const lru_list_names[NR_LRU_LISTS];

void lru_init(void);
void lru_cache_add(struct page *page);	  /* a new user page: inactive anon (or unevictable) */
void putback_lru_page(struct page *page); /* back from isolation: its list, or unevictable */
void add_page_to_lru_list(struct page *page, enum lru_list lru);
void del_page_from_lru_list(struct page *page);
void rotate_reclaimable_page(struct page *page); /* any context: to the inactive tail, later */
void lru_rotate_drain(void);			 /* ... now */
enum lru_list page_lru(const struct page *page);
void mark_page_accessed(struct page *page); /* read or written: the second time, activate */
void lru_note_cost(struct lruvec *lruvec, bool file, unsigned long nr_pages);

/* Linux's folio_is_file_lru: a page-cache page, not swap-backed. */
static inline bool page_is_file_lru(const struct page *page)
{
	return !(page->flags & (1UL << PG_swapbacked));
}
void put_page(struct page *page); /* drop a reference; the last one frees */

bool trylock_page(struct page *page); /* false if already locked */
void lock_page(struct page *page);    /* may sleep */
void unlock_page(struct page *page);
void wait_on_page_locked(struct page *page);

#endif
