/*
 * Reverse mapping (mm/rmap.c): from a page to every PTE that maps it.
 *
 * Reclaim finds a page on an LRU list and must unmap it from every
 * process, so each user page keeps a chain of (mm, address) pairs, one per
 * PTE: the "pte chain" design of Linux 2.5, simpler than today's anon_vma
 * trees and enough here (docs/reclaim.md compares the two).
 *
 *   page->mapping -> [mm A, 0x0804c000] -> [mm B, 0x0804c000] -> NULL
 *                    (after fork, parent and child map the same frame)
 *
 * page->_mapcount is the chain's length minus one, as Linux counts it.
 *
 * A page-cache page has no chain: its page->mapping is its file's
 * address_space, and the VMAs on the mapping's i_mmap list lead to its
 * PTEs (Linux's rmap_walk_file). page->mapping tells the two apart by its
 * bit 0 (Linux's PAGE_MAPPING_ANON), set on a chain pointer.
 */
#ifndef MM_RMAP_H
#define MM_RMAP_H

#include "kernel/types.h"
#include "mm/gfp.h"
#include "mm/mm.h"
#include "mm/mmap.h" /* MM_FILEPAGES ... */

struct mm_struct;
struct vm_area_struct;

struct rmap_item {
	struct mm_struct *mm;
	unsigned long address; /* page aligned; bit 0 set: a MAP_SHARED area (counted as shmem) */
	struct rmap_item *next;
};

void rmap_init(void);
int page_add_rmap(struct page *page, struct vm_area_struct *vma,
		  unsigned long address); /* 0/-ENOMEM */
int page_add_rmap_gfp(struct page *page, struct vm_area_struct *vma, unsigned long address,
		      gfp_t gfp);
void page_remove_rmap(struct page *page, struct mm_struct *mm, unsigned long address);
void page_move_rmap(struct page *page, struct mm_struct *mm, unsigned long old_addr,
		    unsigned long new_addr); /* mremap moved the PTE */
int page_referenced(struct page *page);	     /* PTEs that had the accessed bit (now cleared) */
/*
 * The same, and (Linux's folio_referenced) the flags of the VMAs whose PTEs
 * had it, for a page-cache page: VM_EXEC (text), VM_LOCKED (then mlocked).
 */
int page_referenced_flags(struct page *page, unsigned long *vm_flags);
/*
 * Unmap page from every PTE: an anonymous page (in the swap cache) leaves
 * its swap entry in each; a page-cache page leaves the PTE empty, its dirty
 * bits moved to the page. True if the page is mapped nowhere now.
 */
bool try_to_unmap(struct page *page);
/* Write-protect every PTE of a page-cache page before writeback; how many were dirty. */
int page_mkclean(struct page *page);

#define PAGE_MAPPING_ANON 1UL

/* page->mapping heads an rmap chain (Linux's PageAnon; an unmapped anon page has none). */
static inline bool PageAnon(const struct page *page)
{
	return (unsigned long)page->mapping & PAGE_MAPPING_ANON;
}

/* The mm->rss_stat counter a page-cache page counts in (Linux's mm_counter_file). */
static inline int mm_counter_file(const struct page *page)
{
	return PageSwapBacked(page) ? MM_SHMEMPAGES : MM_FILEPAGES;
}
bool page_mapped_in_locked_vma(struct page *page); /* by a VM_LOCKED area of any mm */

static inline int page_mapcount(const struct page *page)
{
	return page->_mapcount + 1;
}

static inline bool page_mapped(const struct page *page)
{
	return page->_mapcount >= 0;
}

#endif
