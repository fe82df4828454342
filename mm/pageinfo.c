/*
 * tidemark_pageinfo(2), Tidemark's own system call 1024: one page of the
 * caller's address space as the kernel sees it (uapi/linux/tidemark.h).
 * It is the worked example of a Tidemark-only call in docs/extending.md,
 * and a lens for the memory chapters: watch a page go from no PTE, to a
 * frame on the LRU, to shared after fork, to a swap entry and back.
 *
 * Nothing is faulted in or changed: the PTE is read as it is. One CPU and
 * no preemption in the kernel, so the PTE and its page cannot change
 * between the reads here; the result is copied out after.
 */
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/rmap.h"
#include "mm/swapops.h"
#include "uapi/linux/tidemark.h"

/* struct page's flags as Linux's stable /proc/kpageflags bits (Linux's stable_page_flags). */
static unsigned long long stable_page_flags(const struct page *page)
{
	static const struct {
		int pg, kpf;
	} map[] = {
		{ PG_locked, KPF_LOCKED },	   { PG_error, KPF_ERROR },
		{ PG_referenced, KPF_REFERENCED }, { PG_uptodate, KPF_UPTODATE },
		{ PG_dirty, KPF_DIRTY },	   { PG_lru, KPF_LRU },
		{ PG_active, KPF_ACTIVE },	   { PG_slab, KPF_SLAB },
		{ PG_writeback, KPF_WRITEBACK },   { PG_reclaim, KPF_RECLAIM },
		{ PG_buddy, KPF_BUDDY },	   { PG_swapcache, KPF_SWAPCACHE },
		{ PG_swapbacked, KPF_SWAPBACKED }, { PG_unevictable, KPF_UNEVICTABLE },
		{ PG_mlocked, KPF_MLOCKED },
	};
	unsigned long long k = page_mapped(page) ? 1ULL << KPF_MMAP : 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(map); i++)
		if (page->flags & (1UL << map[i].pg))
			k |= 1ULL << map[i].kpf;
	return k;
}

/* Fill info from the PTE at addr in mm (none if there is no page table). */
static void pageinfo(struct mm_struct *mm, unsigned long addr, struct tidemark_pageinfo *info)
{
	pte_t *ptep = pte_offset_map(mm, addr);
	pte_t pte = ptep ? *ptep : __pte(0);

	info->pte = pte_val(pte);
	if (pte_present(pte)) {
		struct page *page = pfn_to_page(pte_pfn(pte));

		info->state = TIDEMARK_PAGE_PRESENT;
		info->pfn = pte_pfn(pte);
		info->mapcount = page_mapcount(page);
		info->refcount = page_count(page);
		info->kpageflags = stable_page_flags(page);
	} else if (is_swap_pte(pte)) {
		swp_entry_t entry = pte_to_swp_entry(pte);

		info->state = TIDEMARK_PAGE_SWAPPED;
		info->swap_type = swp_type(entry);
		info->swap_offset = (unsigned int)swp_offset(entry);
	}
}

/*
 * tidemark_pageinfo(addr, info): 0 and *info filled; -EINVAL for an
 * address at or above TASK_SIZE, -EFAULT if info cannot be written.
 */
long sys_tidemark_pageinfo(unsigned long addr, struct tidemark_pageinfo __user *uinfo)
{
	struct tidemark_pageinfo info = { 0 };

	if (addr >= TASK_SIZE)
		return -EINVAL;
	pageinfo(current->mm, addr, &info);
	return copy_to_user(uinfo, &info, sizeof(info)) ? -EFAULT : 0;
}
