/*
 * The swap cache (mm/swap_state.c): the pages that have a swap slot and
 * are in memory at the same time, found by their swap entry.
 *
 * A page enters it when reclaim gives it a slot (add_to_swap) or when a
 * fault reads it back (swapin_readahead); while it is there, PG_swapcache
 * is set, page->private holds the entry, the slot carries SWAP_HAS_CACHE,
 * and the cache holds one page reference. Several processes whose PTEs hold
 * the same entry (after fork) all find this one page, so the data is read
 * once and stays shared. Linux keeps it in an xarray per 64 MiB of swap;
 * a hash table serves here. When reclaim frees such a page, the slot keeps
 * a shadow entry for refault detection (mm/swap_shadow.c).
 */
#ifndef MM_SWAP_STATE_H
#define MM_SWAP_STATE_H

#include "mm/mm.h"
#include "mm/swapops.h"

static inline swp_entry_t page_swap_entry(const struct page *page)
{
	swp_entry_t e = { page->private };
	return e;
}

extern unsigned long nr_swapcache_pages; /* SwapCached in /proc/meminfo */

void swap_cache_init(void);
struct vm_area_struct;
extern int nr_rotate_swap; /* active swap areas on rotational disks: cluster readahead */

/* With a reference, or NULL; a page read ahead counts a hit (vma: the fault's, or NULL). */
struct page *lookup_swap_cache(swp_entry_t entry, struct vm_area_struct *vma, unsigned long addr);
bool add_to_swap(struct page *page);		/* give an anon page a slot */
void delete_from_swap_cache(struct page *page); /* the page must be locked */
/* Reclaim's: as delete_from_swap_cache, leaving shadow (mm/workingset.c) for the slot. */
void __delete_from_swap_cache(struct page *page, void *shadow);
void free_swap_and_cache(swp_entry_t entry); /* a PTE holding entry goes away */
bool try_to_free_swap(struct page *page);    /* locked page: drop an unused slot */
void free_swap_cache(struct page *page);     /* a PTE mapping page went away */
/* Unlocked; PG_error on a failed read. vma NULL (swapoff): cluster readahead. */
struct page *swapin_readahead(swp_entry_t entry, struct vm_area_struct *vma, unsigned long addr,
			      bool *major);
unsigned int __swapin_nr_pages(unsigned long prev, unsigned long cur, unsigned int hits,
			       unsigned int max, unsigned int prev_win);
int try_to_unuse(unsigned int type); /* swapoff */

/*
 * Shadow entries of swapped-out anonymous pages, one per slot
 * (mm/swap_shadow.c). swapon allocates an area's (0, or -ENOMEM: the area
 * is used without shadows, its refaults undetected), swapoff frees them.
 * get_shadow_from_swap_cache: entry's shadow or NULL. store_shadow_in_swap_cache: shadow (a value
 * entry, or NULL) for entry's slot. clear_shadow_from_swap_cache: forget the shadows of slots
 * begin..end (inclusive) of area type, which are free. Entries of an area that is not active have
 * none: get returns NULL, store does nothing.
 */
int init_swap_address_space(unsigned int type, unsigned long nr_pages);
void exit_swap_address_space(unsigned int type);
void *get_shadow_from_swap_cache(swp_entry_t entry);
void store_shadow_in_swap_cache(swp_entry_t entry, void *shadow);
void clear_shadow_from_swap_cache(int type, unsigned long begin, unsigned long end);

#endif
