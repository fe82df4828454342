/*
 * Locked memory (Linux's mm/mlock.c): see mm/mlock.h for the two levels,
 * areas (VM_LOCKED) and pages (PG_mlocked on the unevictable list).
 *
 * How a page becomes mlocked: every new mapping of a page in a VM_LOCKED
 * area (a fault, swap-in, copy-on-write) goes through page_add_rmap,
 * which calls mlock_page; mlock on an area already mapped walks its
 * present pages. A page leaves when its last locked mapping does: munlock
 * walks the area's pages after clearing VM_LOCKED, and munmap, exit and
 * exec remove mappings through page_remove_rmap; both ask the reverse map
 * whether another VM_LOCKED area still maps the page. Linux 6.1 keeps an
 * approximate mlock_count in the page instead of asking ("may undercount:
 * reclaim will fix it"); before 5.18 it asked, with try_to_munlock's rmap
 * walk, as here. Reclaim that still finds a page in a VM_LOCKED area (its
 * rmap walk, page_referenced) mlocks it and culls it to the unevictable
 * list, as Linux's folio_referenced_one; try_to_unmap refuses such a
 * page, so a locked page never gets a swap entry in its PTEs.
 *
 * Limits, as Linux: RLIMIT_MEMLOCK (8 MiB by default) bounds
 * mm->locked_vm unless the caller holds CAP_IPC_LOCK; with the limit at 0
 * and no capability every lock is -EPERM. Tidemark's one user, root,
 * holds CAP_IPC_LOCK until it drops it with capset (kernel/capability.h).
 */
#include "mm/mlock.h"
#include "fs/fs.h"
#include "kernel/capability.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "mm/lru.h"
#include "mm/mmap.h"
#include "mm/rmap.h"
#include "mm/shmem_fs.h"
#include "mm/vmstat.h"

/* ---- pages ------------------------------------------------------------------ */

/*
 * The page's address_space if it is a page-cache page (a file's, or
 * shmem's), else NULL: an anonymous page's mapping heads its rmap chain
 * (mm/rmap.h).
 */
static const struct address_space *page_cache_mapping(const struct page *page)
{
	return !PageSwapBacked(page) || page_is_shmem(page) ? page->mapping : NULL;
}

bool page_evictable(const struct page *page)
{
	const struct address_space *mapping = page_cache_mapping(page);

	return !PageMlocked(page) && !(mapping && mapping_unevictable(mapping));
}

/* Move an evictable page off the unevictable list it is on (Linux: unevictable_pgs_rescued). */
static void rescue_page(struct page *page)
{
	del_page_from_lru_list(page);
	ClearPageUnevictable(page);
	add_page_to_lru_list(page, page_lru(page));
	count_vm_event(UNEVICTABLE_PGRESCUED);
}

/*
 * Linux's mlock_folio and __mlock_page. A page off the LRU (new, not yet
 * added; or isolated by reclaim) is culled when it is put on a list
 * (lru_cache_add, putback_lru_page).
 */
void mlock_page(struct page *page)
{
	if (!PageMlocked(page)) {
		SetPageMlocked(page);
		__mod_zone_page_state(page_zone(page), NR_MLOCK, 1);
		count_vm_event(UNEVICTABLE_PGMLOCKED);
	}
	if (!PageLRU(page) || PageUnevictable(page))
		return;
	del_page_from_lru_list(page);
	ClearPageActive(page);
	add_page_to_lru_list(page, LRU_UNEVICTABLE);
	count_vm_event(UNEVICTABLE_PGCULLED);
}

/*
 * Linux's __munlock_page: PG_mlocked cleared (unevictable_pgs_munlocked;
 * _stranded if reclaim holds the page isolated with PG_unevictable: its
 * putback rescues it), and a page on the unevictable list that is now
 * evictable goes back to the inactive list.
 */
void munlock_page(struct page *page)
{
	bool on_lru = PageLRU(page);

	if (PageMlocked(page)) {
		ClearPageMlocked(page);
		__mod_zone_page_state(page_zone(page), NR_MLOCK, -1);
		if (on_lru || !PageUnevictable(page))
			count_vm_event(UNEVICTABLE_PGMUNLOCKED);
		else
			count_vm_event(UNEVICTABLE_PGSTRANDED);
	}
	if (on_lru && PageUnevictable(page) && page_evictable(page))
		rescue_page(page);
}

void munlock_vma_page(struct page *page)
{
	if (PageMlocked(page) && !page_mapped_in_locked_vma(page))
		munlock_page(page);
}

void mlock_page_freed(struct page *page)
{
	if (!PageMlocked(page))
		return;
	ClearPageMlocked(page);
	__mod_zone_page_state(page_zone(page), NR_MLOCK, -1);
	count_vm_event(UNEVICTABLE_PGCLEARED);
}

/* ---- whole mappings --------------------------------------------------------- */

void mapping_set_unevictable(struct address_space *mapping)
{
	mapping->flags |= 1UL << AS_UNEVICTABLE;
}

void mapping_clear_unevictable(struct address_space *mapping)
{
	mapping->flags &= ~(1UL << AS_UNEVICTABLE);
}

bool mapping_unevictable(const struct address_space *mapping)
{
	return mapping->flags & (1UL << AS_UNEVICTABLE);
}

/*
 * After mapping_clear_unevictable (SHM_UNLOCK): each of pages that sits
 * on the unevictable list and may be evicted now goes back to its normal
 * list. Counts unevictable_pgs_scanned for every page looked at.
 */
void check_move_unevictable_pages(struct page **pages, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		struct page *page = pages[i];

		count_vm_event(UNEVICTABLE_PGSCANNED);
		if (PageLRU(page) && PageUnevictable(page) && page_evictable(page))
			rescue_page(page);
	}
}

/* ---- areas ------------------------------------------------------------------- */

/* RLIMIT_MEMLOCK's soft limit in pages (Linux's rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT). */
static unsigned long memlock_limit(void)
{
	return rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
}

bool can_do_mlock(void)
{
	return rlimit(RLIMIT_MEMLOCK) != 0 || capable(CAP_IPC_LOCK);
}

int mlock_future_check(struct mm_struct *mm, unsigned long vm_flags, unsigned long len)
{
	if (!(vm_flags & VM_LOCKED))
		return 0;
	if (mm->locked_vm + (len >> PAGE_SHIFT) > memlock_limit() && !capable(CAP_IPC_LOCK))
		return -EAGAIN;
	return 0;
}

/*
 * The present pages of [start, end) in vma, whose flags just changed:
 * mlock each if vma is now VM_LOCKED, else munlock each that no other
 * locked area maps (Linux's mlock_vma_pages_range).
 */
static void mlock_vma_pages_range(struct vm_area_struct *vma, unsigned long start,
				  unsigned long end)
{
	unsigned long a;

	for (a = start; a < end; a += PAGE_SIZE) {
		pte_t *pte = pte_offset_map(vma->vm_mm, a);

		if (!pte) {
			a = pgd_addr_end(a, end) - PAGE_SIZE;
			continue;
		}
		if (!pte_present(*pte))
			continue;
		if (vma->vm_flags & VM_LOCKED)
			mlock_page(pfn_to_page(pte_pfn(*pte)));
		else
			munlock_vma_page(pfn_to_page(pte_pfn(*pte)));
	}
}

/*
 * Give [start, end) of vma (inside it) the flags newflags: split it at
 * the ends, account mm->locked_vm, (un)lock the present pages and merge
 * the result with like neighbours (Linux's mlock_fixup). *prev becomes
 * the area that covers the range afterwards. 0 or -ENOMEM (a split).
 */
static int mlock_fixup(struct vm_area_struct *vma, struct vm_area_struct **prev,
		       unsigned long start, unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;
	long nr_pages = (long)((end - start) >> PAGE_SHIFT);

	if (newflags == oldflags)
		goto out;
	if (start != vma->vm_start && !(vma = split_vma(vma, start)))
		return -ENOMEM;
	if (end != vma->vm_end && !split_vma(vma, end))
		return -ENOMEM;
	if (!(newflags & VM_LOCKED))
		mm->locked_vm -= (oldflags & VM_LOCKED) ? nr_pages : 0;
	else if (!(oldflags & VM_LOCKED))
		mm->locked_vm += nr_pages;
	vma->vm_flags = newflags;
	/* "No work to do, and mlocking twice would be wrong" (only ONFAULT changed) */
	if (!((newflags & VM_LOCKED) && (oldflags & VM_LOCKED)))
		mlock_vma_pages_range(vma, start, end);
	vma = vma_merge_neighbours(vma);
out:
	*prev = vma;
	return 0;
}

int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start, unsigned long len,
			 unsigned long flags)
{
	unsigned long end = start + len, nstart = start, tmp;
	struct vm_area_struct *vma, *prev;
	int err;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	for (;;) {
		tmp = min(vma->vm_end, end);
		err =
		    mlock_fixup(vma, &prev, nstart, tmp, (vma->vm_flags & ~VM_LOCKED_MASK) | flags);
		if (err)
			return err;
		nstart = max(tmp, prev->vm_end);
		if (nstart >= end)
			return 0;
		vma = find_vma(mm, nstart);
		if (!vma || vma->vm_start != nstart)
			return -ENOMEM; /* a hole: as Linux, what came before stays done */
	}
}

/*
 * Linux's populate_vma_page_range without the page pinning: fault in
 * every page of [start, end) that is not present, with a write fault
 * where a private writable page would otherwise be copied later (COW
 * broken now, so the locked page is the final one). A VM_LOCKONFAULT
 * area is left to its faults; a PROT_NONE one cannot be touched (-EFAULT,
 * as Linux's gup without FOLL_FORCE). 0, -ENOMEM, -EFAULT or -EINTR.
 */
int populate_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	bool write = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;
	unsigned long a;

	if (vma->vm_flags & VM_LOCKONFAULT)
		return 0;
	if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return -EFAULT;
	for (a = start; a < end; a += PAGE_SIZE) {
		pte_t *pte = pte_offset_map(vma->vm_mm, a);
		int ret;

		if (current->sig_pending & sigmask(SIGKILL))
			return -EINTR; /* killed (the OOM killer): stop filling memory */
		if (pte && pte_present(*pte) && (!write || pte_write(*pte)))
			continue;
		ret = handle_mm_fault(vma, a, write ? FAULT_FLAG_WRITE : 0);
		if (ret & VM_FAULT_OOM)
			return -ENOMEM;
		if (ret & (VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV))
			return -EFAULT;
	}
	return 0;
}

int __mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len, bool ignore_errors)
{
	unsigned long end = start + len, nstart, nend;
	int ret = 0;

	for (nstart = start; nstart < end; nstart = nend) {
		struct vm_area_struct *vma = find_vma(mm, nstart);

		if (!vma || vma->vm_start >= end)
			break;
		nend = min(end, vma->vm_end);
		nstart = max(nstart, vma->vm_start);
		ret = populate_vma_page_range(vma, nstart, nend);
		if (ret == -EINTR)
			break;
		if (ret < 0 && !ignore_errors)
			break;
		ret = 0;
	}
	return ret;
}

/* Locked pages of mm's VM_LOCKED areas within [start, start+len) (Linux's
 * count_mm_mlocked_page_nr). */
static unsigned long count_mm_mlocked_page_nr(struct mm_struct *mm, unsigned long start,
					      unsigned long len)
{
	unsigned long end = start + len, count = 0;
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_end <= start || !(vma->vm_flags & VM_LOCKED))
			continue;
		if (vma->vm_start >= end)
			break;
		count += min(end, vma->vm_end) - max(start, vma->vm_start);
	}
	return count >> PAGE_SHIFT;
}

/* Linux's __mlock_posix_error_return: what gup's errors mean to mlock's caller. */
static long mlock_posix_error(long err)
{
	if (err == -EFAULT)
		return -ENOMEM;
	if (err == -ENOMEM)
		return -EAGAIN;
	return err;
}

/* Linux's do_mlock: the limit, then the flags, then the pages. */
static long do_mlock(unsigned long start, unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long locked;
	long err;

	if (!can_do_mlock())
		return -EPERM;
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	if (locked > memlock_limit() && !capable(CAP_IPC_LOCK))
		locked -= count_mm_mlocked_page_nr(mm, start, len);
	if (locked > memlock_limit() && !capable(CAP_IPC_LOCK))
		return -ENOMEM;
	err = apply_vma_lock_flags(mm, start, len, flags);
	if (err)
		return err;
	return mlock_posix_error(__mm_populate(mm, start, len, false));
}

long sys_mlock(unsigned long start, unsigned long len)
{
	return do_mlock(start, len, VM_LOCKED);
}

long sys_mlock2(unsigned long start, unsigned long len, int flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, VM_LOCKED | (flags & MLOCK_ONFAULT ? VM_LOCKONFAULT : 0));
}

long sys_munlock(unsigned long start, unsigned long len)
{
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	return apply_vma_lock_flags(current->mm, start, len, 0);
}

/*
 * mlockall's and munlockall's flags on every area (MCL_CURRENT) and on
 * the areas to come (MCL_FUTURE: mm->def_flags). Errors are ignored, as
 * Linux ignores them (a split that cannot allocate leaves that area).
 */
static void apply_mlockall_flags(struct mm_struct *mm, int flags)
{
	unsigned long to_add = 0;
	struct vm_area_struct *vma, *next, *prev;

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
		if (!(flags & MCL_CURRENT))
			return;
	}
	if (flags & MCL_CURRENT)
		to_add = VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list) {
		unsigned long end = vma->vm_end;

		mlock_fixup(vma, &prev, vma->vm_start, end,
			    (vma->vm_flags & ~VM_LOCKED_MASK) | to_add);
		if (prev->vm_end > end) /* merged with the next area */
			next = list_entry(prev->vm_list.next, struct vm_area_struct, vm_list);
	}
}

long sys_mlockall(int flags)
{
	struct mm_struct *mm = current->mm;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	if ((flags & MCL_CURRENT) && mm->total_vm > memlock_limit() && !capable(CAP_IPC_LOCK))
		return -ENOMEM;
	apply_mlockall_flags(mm, flags);
	if (flags & MCL_CURRENT)
		__mm_populate(mm, 0, TASK_SIZE, true);
	return 0;
}

long sys_munlockall(void)
{
	apply_mlockall_flags(current->mm, 0);
	return 0;
}
