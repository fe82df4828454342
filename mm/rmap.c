/*
 * Reverse mapping with pte chains (see mm/rmap.h for the picture).
 *
 * Every function here runs with interrupts on and may be interrupted, but
 * nothing else touches a page's chain from interrupt context, and the
 * kernel is not preempted: a chain only changes when the task working on
 * it sleeps, and none of these functions sleeps.
 */
#include "mm/rmap.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/x86.h"
#include "mm/lru.h"
#include "mm/mlock.h"
#include "mm/mmap.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/swapops.h"

static struct kmem_cache *rmap_cache;

/* At boot: the cache of rmap items (made once, so memory counts stay stable). */
void rmap_init(void)
{
	rmap_cache = kmem_cache_create("rmap_item", sizeof(struct rmap_item), 0, 0, NULL);
	if (!rmap_cache)
		panic("rmap_init: cannot create the rmap_item cache");
}

static struct rmap_item **chain_head(struct page *page)
{
	return (struct rmap_item **)&page->mapping;
}

#define RMAP_SHARED 1UL

/* Record that vma's mm maps page at address (a PTE now points at it). */
int page_add_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address)
{
	return page_add_rmap_gfp(page, vma, address, GFP_KERNEL);
}

/* The same with a choice of allocation: GFP_NOWAIT for a caller that must not sleep. */
int page_add_rmap_gfp(struct page *page, struct vm_area_struct *vma, unsigned long address,
		      gfp_t gfp)
{
	struct rmap_item *item;

	item = kmem_cache_alloc(rmap_cache, gfp);
	if (!item)
		return -ENOMEM;
	item->mm = vma->vm_mm;
	item->address = (address & PAGE_MASK) | (vma->vm_flags & VM_SHARED ? RMAP_SHARED : 0);
	item->next = *chain_head(page);
	*chain_head(page) = item;
	page->_mapcount++;
	if (vma->vm_flags & VM_LOCKED)
		mlock_page(page); /* Linux's mlock_vma_folio / mlock_new_folio */
	return 0;
}

void page_remove_rmap(struct page *page, struct mm_struct *mm, unsigned long address)
{
	struct rmap_item **pp, *item;

	address &= PAGE_MASK;
	for (pp = chain_head(page); (item = *pp) != NULL; pp = &item->next) {
		if (item->mm == mm && (item->address & PAGE_MASK) == address) {
			*pp = item->next;
			kmem_cache_free(rmap_cache, item);
			page->_mapcount--;
			munlock_vma_page(page); /* was it the last locked mapping? */
			return;
		}
	}
	panic("page_remove_rmap: pfn %#lx is not mapped at %08lx", page_to_pfn(page), address);
}

/* mremap moved mm's PTE for page from old_addr to new_addr: so does its chain item. */
void page_move_rmap(struct page *page, struct mm_struct *mm, unsigned long old_addr,
		    unsigned long new_addr)
{
	struct rmap_item *item;

	for (item = *chain_head(page); item; item = item->next) {
		if (item->mm == mm && (item->address & PAGE_MASK) == (old_addr & PAGE_MASK)) {
			item->address = (new_addr & PAGE_MASK) | (item->address & ~PAGE_MASK);
			return;
		}
	}
	panic("page_move_rmap: pfn %#lx is not mapped at %08lx", page_to_pfn(page), old_addr);
}

static void flush_tlb_mm_page(struct mm_struct *mm, unsigned long address)
{
	if (current->mm == mm)
		invlpg(address); /* other mms reload their TLB at the next CR3 switch */
}

/* Does item's mapping lie in a VM_LOCKED area? */
static bool item_in_locked_vma(const struct rmap_item *item)
{
	unsigned long address = item->address & PAGE_MASK;
	struct vm_area_struct *vma = find_vma(item->mm, address);

	return vma && vma->vm_start <= address && (vma->vm_flags & VM_LOCKED);
}

/*
 * Is page mapped by a VM_LOCKED area of any mm? (Linux before 5.18 asked
 * with try_to_munlock's rmap walk; see mm/mlock.c.)
 */
bool page_mapped_in_locked_vma(struct page *page)
{
	struct rmap_item *item;

	for (item = *chain_head(page); item; item = item->next)
		if (item_in_locked_vma(item))
			return true;
	return false;
}

/*
 * Test and clear the accessed bit in every PTE of page (Linux's
 * folio_referenced). Returns how many PTEs had it set. A mapping in a
 * VM_LOCKED area ends the walk and mlocks the page: the caller sees
 * PG_mlocked and keeps it off the evictable lists.
 */
int page_referenced(struct page *page)
{
	struct rmap_item *item;
	int referenced = 0;

	for (item = *chain_head(page); item; item = item->next) {
		unsigned long address = item->address & PAGE_MASK;
		pte_t *pte = pte_offset_map(item->mm, address);

		if (!pte || !pte_present(*pte) || pte_pfn(*pte) != page_to_pfn(page))
			panic("page_referenced: stale rmap item for pfn %#lx", page_to_pfn(page));
		if (item_in_locked_vma(item)) {
			mlock_page(page); /* "Restore the mlock which got missed" (Linux) */
			return referenced;
		}
		if (pte_val(*pte) & _PAGE_ACCESSED) {
			*pte = __pte(pte_val(*pte) & ~_PAGE_ACCESSED);
			flush_tlb_mm_page(item->mm, address);
			referenced++;
		}
	}
	return referenced;
}

/*
 * Replace every PTE of page (which is in the swap cache) with its swap
 * entry: each PTE's reference moves from the page to the swap slot. A
 * dirty bit found on the way marks the page dirty. Returns true if the page
 * is no longer mapped anywhere; false if a slot reference could not be
 * taken, or if a VM_LOCKED area maps the page (then it is mlocked).
 */
bool try_to_unmap(struct page *page)
{
	swp_entry_t entry = page_swap_entry(page);
	struct rmap_item *item;

	if (page_mapped_in_locked_vma(page)) {
		mlock_page(page); /* Linux's try_to_unmap_one: a locked page stays mapped */
		return false;
	}
	while ((item = *chain_head(page)) != NULL) {
		struct mm_struct *mm = item->mm;
		unsigned long address = item->address & PAGE_MASK;
		bool shared = item->address & RMAP_SHARED;
		pte_t *pte = pte_offset_map(mm, address);

		if (swap_duplicate(entry) < 0)
			return false;
		if (pte_val(*pte) & _PAGE_DIRTY)
			SetPageDirty(page);
		*pte = swp_entry_to_pte(entry);
		flush_tlb_mm_page(mm, address);
		mm->rss_stat[shared ? MM_SHMEMPAGES : MM_ANONPAGES]--;
		mm->rss_stat[MM_SWAPENTS]++;
		page_remove_rmap(page, mm, address);
		put_page(page); /* the PTE's reference */
	}
	return true;
}
