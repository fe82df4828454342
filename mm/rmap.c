/*
 * Reverse mapping with pte chains (see mm/rmap.h for the picture), and,
 * for page-cache pages, through the file's i_mmap (Linux's rmap_walk_file).
 *
 * An anonymous page's page->mapping points at its chain with bit 0 set
 * (Linux's PAGE_MAPPING_ANON); a page-cache page's is its address_space.
 * A file page needs no chain: every VMA that maps its file is on the
 * mapping's i_mmap list, and the page's PTE in a VMA, if any, is at
 * vm_start + (index - vm_pgoff) pages. A private mapping's PTE there may
 * hold a copy (an anonymous page) instead, so each PTE found is checked
 * against the page's pfn.
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
#include "mm/pagemap.h"
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

unsigned long nr_file_mapped;

/* The first item of an anonymous page's chain, or NULL. */
static struct rmap_item *chain_first(const struct page *page)
{
	return PageAnon(page)
		   ? (struct rmap_item *)((unsigned long)page->mapping & ~PAGE_MAPPING_ANON)
		   : NULL;
}

static void set_chain_first(struct page *page, struct rmap_item *item)
{
	page->mapping = item ? (void *)((unsigned long)item | PAGE_MAPPING_ANON) : NULL;
}

/* A page-cache page: mapped through its file's i_mmap, not a chain. */
static bool file_page(const struct page *page)
{
	return page->mapping && !PageAnon(page);
}

#define RMAP_SHARED 1UL

/* Linux's page_add_file_rmap / page_remove_file_rmap: the count and Mapped. */
static void file_rmap_add(struct page *page)
{
	if (++page->_mapcount == 0)
		nr_file_mapped++;
}

static void file_rmap_remove(struct page *page)
{
	if (page->_mapcount < 0)
		panic("page_remove_rmap: file pfn %#lx is not mapped", page_to_pfn(page));
	if (--page->_mapcount < 0)
		nr_file_mapped--;
}

/* Record that vma's mm maps page at address (a PTE now points at it). */
int page_add_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address)
{
	return page_add_rmap_gfp(page, vma, address, GFP_KERNEL);
}

static bool file_page_locked_elsewhere(struct page *page, struct mm_struct *mm,
				       unsigned long address);

/* The same with a choice of allocation: GFP_NOWAIT for a caller that must not sleep. */
int page_add_rmap_gfp(struct page *page, struct vm_area_struct *vma, unsigned long address,
		      gfp_t gfp)
{
	struct rmap_item *item;

	if (file_page(page)) {
		file_rmap_add(page);
		if (vma->vm_flags & VM_LOCKED)
			mlock_page(page); /* Linux's page_add_file_rmap: mlock_vma_folio */
		return 0;
	}
	item = kmem_cache_alloc(rmap_cache, gfp);
	if (!item)
		return -ENOMEM;
	item->mm = vma->vm_mm;
	item->address = (address & PAGE_MASK) | (vma->vm_flags & VM_SHARED ? RMAP_SHARED : 0);
	item->next = chain_first(page);
	set_chain_first(page, item);
	page->_mapcount++;
	if (vma->vm_flags & VM_LOCKED)
		mlock_page(page); /* Linux's mlock_vma_folio / mlock_new_folio */
	return 0;
}

void page_remove_rmap(struct page *page, struct mm_struct *mm, unsigned long address)
{
	struct rmap_item *prev = NULL, *item;

	if (file_page(page)) {
		file_rmap_remove(page);
		/* Its PTE is still there: the walk passes over it. */
		if (PageMlocked(page) && !file_page_locked_elsewhere(page, mm, address & PAGE_MASK))
			munlock_page(page);
		return;
	}
	address &= PAGE_MASK;
	for (item = chain_first(page); item; prev = item, item = item->next) {
		if (item->mm == mm && (item->address & PAGE_MASK) == address) {
			if (prev)
				prev->next = item->next;
			else
				set_chain_first(page, item->next);
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

	if (file_page(page))
		return; /* found through the VMA, which moves with it */
	for (item = chain_first(page); item; item = item->next) {
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

/* ---- page-cache pages: the walk over i_mmap ------------------------------- */

/* Where vma maps file page page, or -EFAULT if its range does not cover the page. */
static unsigned long vma_address(const struct page *page, const struct vm_area_struct *vma)
{
	if (page->index < vma->vm_pgoff || page->index - vma->vm_pgoff >= vma_pages(vma))
		return -EFAULT;
	return vma->vm_start + ((page->index - vma->vm_pgoff) << PAGE_SHIFT);
}

/* What rmap_walk_file calls for each PTE mapping the page; false stops the walk. */
typedef bool (*rmap_one_t)(struct page *page, struct vm_area_struct *vma, unsigned long address,
			   pte_t *pte, void *arg);

/*
 * Call one for every PTE that maps page, a page-cache page, in any VMA of
 * its file (Linux's rmap_walk_file); one may unmap the PTE. Stops once the
 * page is mapped nowhere, or when one returns false.
 */
static void rmap_walk_file(struct page *page, rmap_one_t one, void *arg)
{
	struct address_space *mapping = page->mapping;
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		unsigned long address = vma_address(page, vma);
		pte_t *pte;

		if (!page_mapped(page))
			return;
		if (IS_ERR_VALUE(address))
			continue;
		pte = pte_offset_map(vma->vm_mm, address);
		if (!pte || !pte_present(*pte) || pte_pfn(*pte) != page_to_pfn(page))
			continue; /* not faulted in, or a private copy */
		if (!one(page, vma, address, pte, arg))
			return;
	}
}

/* What page_referenced_flags gathers over a file page's PTEs. */
struct referenced_arg {
	int referenced;
	unsigned long vm_flags;
};

/*
 * One PTE of a file page (Linux's folio_referenced_one): a VM_LOCKED area
 * mlocks the page and ends the walk; else the accessed bit is tested and
 * cleared, and a referencing VMA's flags are gathered (VM_EXEC: text).
 */
static bool referenced_one(struct page *page, struct vm_area_struct *vma, unsigned long address,
			   pte_t *pte, void *arg)
{
	struct referenced_arg *ra = arg;

	if (vma->vm_flags & VM_LOCKED) {
		mlock_page(page); /* "Restore the mlock which got missed" (Linux) */
		ra->vm_flags |= VM_LOCKED;
		return false;
	}
	if (pte_val(*pte) & _PAGE_ACCESSED) {
		*pte = __pte(pte_val(*pte) & ~_PAGE_ACCESSED);
		flush_tlb_mm_page(vma->vm_mm, address);
		ra->referenced++;
		ra->vm_flags |= vma->vm_flags;
	}
	return true;
}

/* page_referenced for a page-cache page: the accessed bits of every PTE, cleared. */
static int page_referenced_file(struct page *page, unsigned long *vm_flags)
{
	struct referenced_arg ra = { 0, 0 };

	rmap_walk_file(page, referenced_one, &ra);
	*vm_flags = ra.vm_flags;
	return ra.referenced;
}

/*
 * Remove one PTE of a page-cache page (Linux's try_to_unmap_one for a
 * file folio): the page stays in the cache, so the PTE just becomes empty
 * and the next access faults it back in (filemap_fault). A dirty bit moves
 * to the page (set_page_dirty), for writeback.
 */
static bool unmap_one(struct page *page, struct vm_area_struct *vma, unsigned long address,
		      pte_t *pte, void *arg)
{
	(void)arg;
	if (pte_val(*pte) & _PAGE_DIRTY)
		set_page_dirty(page);
	*pte = __pte(0);
	flush_tlb_mm_page(vma->vm_mm, address);
	vma->vm_mm->rss_stat[mm_counter_file(page)]--;
	file_rmap_remove(page);
	put_page(page); /* the PTE's reference */
	return true;
}

static bool try_to_unmap_file(struct page *page)
{
	rmap_walk_file(page, unmap_one, NULL);
	return !page_mapped(page);
}

/*
 * Write-protect one PTE of a page about to be written back and move its
 * dirty bit to the page (Linux's page_mkclean_one): the next write through
 * it faults, and page_mkwrite marks the page dirty again.
 */
static bool mkclean_one(struct page *page, struct vm_area_struct *vma, unsigned long address,
			pte_t *pte, void *arg)
{
	(void)page;
	if (!(pte_val(*pte) & (_PAGE_RW | _PAGE_DIRTY)))
		return true;
	if (pte_val(*pte) & _PAGE_DIRTY)
		++*(int *)arg;
	*pte = __pte(pte_val(*pte) & ~(u32)(_PAGE_RW | _PAGE_DIRTY));
	flush_tlb_mm_page(vma->vm_mm, address);
	return true;
}

/* locked_one's question: is the page in a locked area, the mapping at (mm, address) aside? */
struct locked_walk {
	struct mm_struct *mm; /* the mapping being removed, still in its PTE (or NULL) */
	unsigned long address;
	bool locked;
};

static bool locked_one(struct page *page, struct vm_area_struct *vma, unsigned long address,
		       pte_t *pte, void *arg)
{
	struct locked_walk *w = arg;

	(void)page;
	(void)pte;
	if (vma->vm_mm == w->mm && address == w->address)
		return true;
	w->locked = vma->vm_flags & VM_LOCKED;
	return !w->locked; /* stop at the first locked one */
}

/* Is the file page in a locked area through a mapping other than (mm, address)? */
static bool file_page_locked_elsewhere(struct page *page, struct mm_struct *mm,
				       unsigned long address)
{
	struct locked_walk w = { mm, address, false };

	rmap_walk_file(page, locked_one, &w);
	return w.locked;
}

int page_mkclean(struct page *page)
{
	int dirty = 0;

	if (file_page(page) && page_mapped(page))
		rmap_walk_file(page, mkclean_one, &dirty);
	return dirty;
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

	if (file_page(page))
		return file_page_locked_elsewhere(page, NULL, 0);
	for (item = chain_first(page); item; item = item->next)
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
	unsigned long vm_flags;

	return page_referenced_flags(page, &vm_flags);
}

int page_referenced_flags(struct page *page, unsigned long *vm_flags)
{
	struct rmap_item *item;
	int referenced = 0;

	*vm_flags = 0; /* gathered for page-cache pages only: VM_EXEC matters for them alone */
	if (file_page(page))
		return page_referenced_file(page, vm_flags);
	for (item = chain_first(page); item; item = item->next) {
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
	if (file_page(page))
		return try_to_unmap_file(page);
	while ((item = chain_first(page)) != NULL) {
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
