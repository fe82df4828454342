/*
 * User page tables: walking and filling them, the anonymous page fault,
 * copying them at fork and tearing them down at munmap and exit.
 *
 * i386 without PAE has two levels (see mm/pgtable.h for the bit layout):
 *
 *   virtual address: | pgd index (10) | pte index (10) | offset (12) |
 *   mm->pgd[pgd index] -> a page table; page table[pte index] -> the frame
 *
 * The kernel half of every pgd (entries for PAGE_OFFSET and up) is a copy
 * of swapper_pg_dir's, made when the pgd is allocated: all of low memory is
 * mapped at boot and never changes, so the copies never go stale. A user
 * page table is allocated on first use and freed when the mm goes away.
 *
 * Frames are allocated on first touch (demand zero). fork copies no frame:
 * copy_page_range maps every page in the child too and, in a private
 * writable area, makes both PTEs read-only; the first write from either
 * side faults into do_wp_page, which copies the page for the writer, or
 * just makes the PTE writable again when no one else maps the page any
 * more (Linux's copy-on-write). Shared mappings are shared writable.
 * A non-present PTE that is not empty holds a swap entry (mm/swapops.h):
 * do_swap_page brings the page back through the swap cache; a file
 * mapping's empty PTE goes to do_fault (mm/filemap_fault.c). Reclaim finds
 * every mapped page by rmap (mm/rmap.c: chains, or the file's i_mmap).
 */
#include "mm/mmap.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/pagemap.h"
#include "mm/pgtable.h"
#include "mm/lru.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/swapops.h"
#include "mm/vmstat.h"

#define GFP_PGTABLE (GFP_KERNEL | __GFP_ZERO)

static void flush_tlb_page(struct mm_struct *mm, unsigned long addr)
{
	if (current->mm == mm)
		invlpg(addr);
}

pgd_t *pgd_alloc(struct mm_struct *mm)
{
	struct page *page = alloc_page(GFP_PGTABLE);
	pgd_t *pgd;

	if (!page)
		return NULL;
	pgd = page_address(page);
	memcpy(pgd + KERNEL_PGD_BOUNDARY, swapper_pg_dir + KERNEL_PGD_BOUNDARY,
	       (PTRS_PER_PGD - KERNEL_PGD_BOUNDARY) * sizeof(pgd_t));
	mm->pgd = pgd;
	mm->pgtables_bytes += PAGE_SIZE;
	return pgd;
}

void pgd_free(struct mm_struct *mm)
{
	free_page((unsigned long)mm->pgd);
	mm->pgtables_bytes -= PAGE_SIZE;
	mm->pgd = NULL;
}

/* The PTE for addr, allocating its page table if alloc; NULL if absent or out of memory. */
static pte_t *pte_offset(struct mm_struct *mm, unsigned long addr, bool alloc)
{
	pgd_t *pgd = mm->pgd + pgd_index(addr);

	if (!pgd_present(*pgd)) {
		struct page *pt;

		if (!alloc)
			return NULL;
		pt = alloc_page(GFP_PGTABLE);
		if (!pt)
			return NULL;
		*pgd = __pgd((u32)page_to_phys(pt) | _PAGE_TABLE);
		mm->pgtables_bytes += PAGE_SIZE;
	}
	return (pte_t *)phys_to_virt(pgd_val(*pgd) & PAGE_MASK) + pte_index(addr);
}

/*
 * The PTE rights for a VMA. i386 without PAE cannot forbid reads or
 * execution of a user page, only writes; a PROT_NONE area keeps its frames
 * mapped for the kernel but without _PAGE_USER, so any user access faults
 * (Linux uses a PROTNONE bit in a non-present PTE instead).
 */
unsigned long vma_pte_prot(unsigned long vm_flags)
{
	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return _PAGE_PRESENT;
	return _PAGE_PRESENT | _PAGE_USER | (vm_flags & VM_WRITE ? _PAGE_RW : 0);
}

/* The page mapped at addr in mm, or NULL. */
struct page *follow_page(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = pte_offset(mm, addr, false);

	if (!pte || !pte_present(*pte))
		return NULL;
	return pfn_to_page(pte_pfn(*pte));
}

/* The PTE at addr without allocating (rmap, reclaim); NULL if no page table. */
pte_t *pte_offset_map(struct mm_struct *mm, unsigned long addr)
{
	return pte_offset(mm, addr, false);
}

/*
 * The mm->rss_stat counter of page mapped in vma (Linux's mm_counter): a
 * page-cache page's file or shmem count; an anonymous page counts as shmem
 * in a shared area (shared anonymous memory), else anon.
 */
int mm_counter(const struct page *page, const struct vm_area_struct *vma)
{
	if (page->mapping && !PageAnon(page))
		return mm_counter_file(page);
	return (vma->vm_flags & VM_SHARED) ? MM_SHMEMPAGES : MM_ANONPAGES;
}

static void update_hiwater_rss(struct mm_struct *mm)
{
	if (get_mm_rss(mm) > mm->hiwater_rss)
		mm->hiwater_rss = get_mm_rss(mm);
}

/*
 * Map page at address with prot: the PTE, the rmap chain and the RSS
 * counter. pte must not map a page already (xv6's "remap" panic): the
 * callers look at it first. Returns 0 or VM_FAULT_OOM.
 */
static int map_user_page_gfp(struct vm_area_struct *vma, unsigned long address, pte_t *pte,
			     struct page *page, unsigned long prot, gfp_t gfp)
{
	if (pte_present(*pte))
		panic("map_user_page: remap of a present PTE at %#lx", address);
	if (page_add_rmap_gfp(page, vma, address, gfp))
		return VM_FAULT_OOM;
	*pte = pfn_pte(page_to_pfn(page), prot);
	vma->vm_mm->rss_stat[mm_counter(page, vma)]++;
	update_hiwater_rss(vma->vm_mm);
	flush_tlb_page(vma->vm_mm, address & PAGE_MASK);
	return 0;
}

int map_user_page(struct vm_area_struct *vma, unsigned long address, pte_t *pte, struct page *page,
		  unsigned long prot)
{
	return map_user_page_gfp(vma, address, pte, page, prot, GFP_KERNEL);
}

/* First touch of an anonymous page: a zeroed frame, mapped with the VMA's rights. */
static int do_anonymous_page(struct vm_area_struct *vma, unsigned long address, pte_t *pte)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);

	if (!page)
		return VM_FAULT_OOM;
	if (map_user_page(vma, address, pte, page, vma_pte_prot(vma->vm_flags))) {
		put_page(page);
		return VM_FAULT_OOM;
	}
	lru_cache_add(page);
	return 0;
}

static int do_wp_page(struct vm_area_struct *vma, unsigned long address, pte_t *pte);

/*
 * Linux's should_try_to_free_swap, before the page is mapped: a page
 * swapped in keeps its slot (while it stays clean, reclaim drops it without
 * writing it again) unless swap is more than half full, the area is
 * mlocked, or a write fault is about to dirty it and only the swap cache
 * and the caller hold it.
 */
static bool should_try_to_free_swap(struct page *page, struct vm_area_struct *vma,
				    unsigned int flags)
{
	if (!PageSwapCache(page))
		return false;
	if (vm_swap_full() || (vma->vm_flags & VM_LOCKED) || PageMlocked(page))
		return true;
	return (flags & FAULT_FLAG_WRITE) && page_count(page) == 2;
}

/*
 * Map the locked swap-cache page for entry at the swap PTE: its slot loses
 * this PTE's reference, and the page leaves the cache (its slot freed) if
 * should_try_to_free_swap says so. Writable only if nobody else can still
 * see the page. Sleeps only if gfp allows. Returns 0 or VM_FAULT_OOM.
 */
static int swap_pte_install(struct vm_area_struct *vma, unsigned long address, pte_t *pte,
			    struct page *page, swp_entry_t entry, unsigned int flags, gfp_t gfp)
{
	unsigned long prot = vma_pte_prot(vma->vm_flags);
	bool free_swap = should_try_to_free_swap(page, vma, flags);

	if (map_user_page_gfp(vma, address, pte, page, prot & ~_PAGE_RW, gfp))
		return VM_FAULT_OOM;
	get_page(page); /* the PTE's reference */
	vma->vm_mm->rss_stat[MM_SWAPENTS]--;
	/* On an LRU list already (swap-in adds it), or isolated by reclaim, which puts it back. */
	swap_free(entry);
	if (free_swap)
		try_to_free_swap(page); /* only if that was the slot's last PTE */
	if (vma->vm_flags & VM_WRITE) {
		bool exclusive = !PageSwapCache(page) && page_mapcount(page) == 1 &&
				 page_count(page) == 2; /* the PTE's and the caller's */

		if (exclusive || (vma->vm_flags & VM_SHARED))
			*pte = __pte(pte_val(*pte) | _PAGE_RW);
	}
	return 0;
}

/*
 * A PTE holds a swap entry: find the page in the swap cache or read it
 * (with readahead), then map it. The page stays in the swap cache, with
 * its slot, and a private mapping gets it read-only: a write either copies
 * it (do_wp_page: other PTEs still hold the entry and keep the old
 * contents) or, if this is the only user, frees the slot and reuses the
 * page. A read error kills only this process, with SIGBUS.
 */
static int do_swap_page(struct vm_area_struct *vma, unsigned long address, pte_t *pte,
			unsigned int flags)
{
	swp_entry_t entry = pte_to_swp_entry(*pte);
	struct page *page;
	bool major = false, need_copy = false;
	int ret = 0;

	page = lookup_swap_cache(entry, vma, address);
	if (!page) {
		page = swapin_readahead(entry, vma, address, &major);
		if (!page)
			return pte_same(*pte, swp_entry_to_pte(entry)) ? VM_FAULT_OOM : 0;
	}
	lock_page(page);
	if (!pte_same(*pte, swp_entry_to_pte(entry)))
		goto out; /* someone else mapped it while we slept */
	if (PageError(page) && !PageDirty(page)) {
		pr_err("%s[%d]: read error on swap-device (%d:%lu), killed with SIGBUS\n",
		       current->comm, current->pid, swp_type(entry), swp_offset(entry));
		ret = VM_FAULT_SIGBUS;
		goto out;
	}
	if (major) {
		count_vm_event(PGMAJFAULT);
		ret = VM_FAULT_MAJOR;
	}
	if (swap_pte_install(vma, address, pte, page, entry, flags, GFP_KERNEL)) {
		ret = VM_FAULT_OOM;
		goto out;
	}
	need_copy = (flags & FAULT_FLAG_WRITE) && (vma->vm_flags & VM_WRITE) && !pte_write(*pte);
out:
	unlock_page(page);
	put_page(page); /* the lookup's reference */
	if (need_copy)	/* others still hold the slot: copy-on-write now */
		ret |= do_wp_page(vma, address, pte);
	return ret;
}

/*
 * A write to a present, write-protected page of a writable private area:
 * copy-on-write after fork. If the page has no other user, it is simply
 * made writable again (no copy); otherwise the writer gets its own copy.
 * Allocating may sleep in reclaim, and reclaim may unmap the old page
 * (its PTE becomes a swap entry): so the old page is held, everything is
 * allocated first, and the PTE must still be what we saw (pte_same)
 * before anything changes; if not, the fault is retried. Returns 0 or
 * VM_FAULT_OOM.
 */
static int do_wp_page(struct vm_area_struct *vma, unsigned long address, pte_t *pte)
{
	struct page *old = pfn_to_page(pte_pfn(*pte)), *new;
	pte_t orig = *pte;
	int ret = VM_FAULT_OOM;

	/* Only we map it: the swap copy is about to go stale (Linux's reuse path frees it). */
	if (PageSwapCache(old) && page_mapcount(old) == 1 && trylock_page(old)) {
		try_to_free_swap(old);
		unlock_page(old);
	}
	if (page_count(old) == 1) {
		count_vm_event(PGREUSE);
		*pte = __pte(pte_val(*pte) | _PAGE_RW);
		flush_tlb_page(vma->vm_mm, address & PAGE_MASK);
		return 0;
	}
	get_page(old);
	new = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (!new)
		goto out;
	if (page_add_rmap(new, vma, address))
		goto out_put_new;
	if (!pte_same(*pte, orig)) {
		page_remove_rmap(new, vma->vm_mm, address);
		ret = 0; /* the fault is retried */
		goto out_put_new;
	}
	copy_highpage(new, old);
	*pte = pfn_pte(page_to_pfn(new), vma_pte_prot(vma->vm_flags));
	flush_tlb_page(vma->vm_mm, address & PAGE_MASK);
	lru_cache_add(new);
	if (mm_counter(old, vma) != MM_ANONPAGES) { /* a private file page's copy: anon now */
		vma->vm_mm->rss_stat[mm_counter(old, vma)]--;
		vma->vm_mm->rss_stat[MM_ANONPAGES]++;
	}
	page_remove_rmap(old, vma->vm_mm, address);
	put_page(old); /* the PTE's reference */
	ret = 0;
	goto out;
out_put_new:
	put_page(new);
out:
	put_page(old); /* ours */
	return ret;
}

/*
 * Resolve a fault at address inside vma (the caller checked the VMA's
 * rights against the access). Returns 0 or VM_FAULT_* bits.
 */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags)
{
	pte_t *pte = pte_offset(vma->vm_mm, address, true);

	if (!pte)
		return VM_FAULT_OOM;
	if (pte_none(*pte))
		return vma->vm_ops ? do_fault(vma, address, pte, flags)
				   : do_anonymous_page(vma, address, pte);
	if (!pte_present(*pte))
		return do_swap_page(vma, address, pte, flags);
	if ((flags & FAULT_FLAG_WRITE) && !pte_write(*pte)) {
		if (!(vma->vm_flags & VM_WRITE))
			return VM_FAULT_SIGSEGV;
		if ((vma->vm_flags & VM_SHARED) && vma->vm_ops)
			return do_shared_wp_page(vma, address, pte);
		return do_wp_page(vma, address, pte);
	}
	/* Present and allowed: another path mapped it first, or a stale TLB entry. */
	flush_tlb_page(vma->vm_mm, address & PAGE_MASK);
	return 0;
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr, next;

	for (addr = start; addr < end; addr = next) {
		pte_t *pte = pte_offset(mm, addr, false);

		next = addr + PAGE_SIZE;
		if (!pte) {
			next = pgd_addr_end(addr, end); /* no page table: skip its range */
			continue;
		}
		if (pte_none(*pte))
			continue;
		if (pte_present(*pte)) {
			struct page *page = pfn_to_page(pte_pfn(*pte));

			/* A file page's dirty bit moves to the page: the flusher writes it. */
			if (page_mapping(page) && (pte_val(*pte) & _PAGE_DIRTY))
				set_page_dirty(page);
			mm->rss_stat[mm_counter(page, vma)]--;
			page_remove_rmap(page, mm, addr);
			free_swap_cache(page); /* a slot kept at swap-in is of no more use */
			put_page(page);
			*pte = __pte(0);
			flush_tlb_page(mm, addr);
		} else {
			swp_entry_t entry = pte_to_swp_entry(*pte);

			*pte = __pte(0); /* first: free_swap_and_cache may sleep */
			mm->rss_stat[MM_SWAPENTS]--;
			free_swap_and_cache(entry);
		}
	}
}

/*
 * mremap: move the PTEs of [old_addr, old_addr + len) to new_addr, with
 * their rmap items, so the pages (and swap entries) change address without
 * being copied (Linux's move_page_tables). Each PTE moves in one step that
 * does not sleep, so reclaim never sees it half moved. 0, or -ENOMEM if a
 * page table could not be allocated (the PTEs moved so far stay moved).
 */
int move_page_tables(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr,
		     unsigned long len)
{
	unsigned long off;

	for (off = 0; off < len; off += PAGE_SIZE) {
		pte_t *old = pte_offset(mm, old_addr + off, false), *new;

		if (!old) { /* no page table: nothing mapped in this 4 MiB */
			off = ((old_addr + off) | (PGDIR_SIZE - 1)) - old_addr - PAGE_SIZE + 1;
			continue;
		}
		if (pte_none(*old))
			continue;
		new = pte_offset(mm, new_addr + off, true); /* may sleep: look again */
		if (!new)
			return -ENOMEM;
		old = pte_offset(mm, old_addr + off, false);
		if (pte_present(*old))
			page_move_rmap(pfn_to_page(pte_pfn(*old)), mm, old_addr + off,
				       new_addr + off);
		*new = *old;
		*old = __pte(0);
		flush_tlb_page(mm, old_addr + off);
	}
	return 0;
}

/* Re-derive the PTE rights of [start, end) from vma->vm_flags (mprotect). */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	unsigned long addr, prot = vma_pte_prot(vma->vm_flags);

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = pte_offset(vma->vm_mm, addr, false);

		if (pte && pte_present(*pte)) {
			/*
			 * Never add write access here: a page still shared
			 * after fork must stay write-protected, and the next
			 * write fault decides (do_wp_page: reuse or copy).
			 */
			u32 old = pte_val(*pte);
			u32 rw = (old & _PAGE_RW) & prot;

			*pte = __pte((old & (PAGE_MASK | _PAGE_ACCESSED | _PAGE_DIRTY)) |
				     (prot & ~_PAGE_RW) | rw);
			flush_tlb_page(vma->vm_mm, addr);
		}
	}
}

/*
 * fork: map src's pages of vma in dst too. Private pages become read-only
 * in both (copy-on-write, see do_wp_page); shared ones stay writable.
 * Returns 0 or -ENOMEM (a page table could not be allocated).
 */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	bool cow = !(vma->vm_flags & VM_SHARED);
	unsigned long addr, next;

	for (addr = vma->vm_start; addr < vma->vm_end; addr = next) {
		pte_t *spte = pte_offset(src, addr, false), *dpte;
		struct page *page;

		next = addr + PAGE_SIZE;
		if (!spte) {
			next = pgd_addr_end(addr, vma->vm_end);
			continue;
		}
		if (pte_none(*spte))
			continue;
		dpte = pte_offset(dst, addr, true);
		if (!dpte)
			return -ENOMEM;
		if (!pte_present(*spte)) { /* a swap entry: one more reference to the slot */
			if (swap_duplicate(pte_to_swp_entry(*spte)) < 0)
				return -ENOMEM;
			*dpte = *spte;
			dst->rss_stat[MM_SWAPENTS]++;
			continue;
		}
		if (cow && pte_write(*spte)) {
			*spte = __pte(pte_val(*spte) & ~_PAGE_RW);
			flush_tlb_page(src, addr);
		}
		page = pfn_to_page(pte_pfn(*spte));
		if (page_add_rmap(page, vma, addr))
			return -ENOMEM;
		/* The rmap item's allocation may have reclaimed this very page. */
		if (!pte_present(*spte) || pte_pfn(*spte) != page_to_pfn(page)) {
			page_remove_rmap(page, dst, addr);
			next = addr; /* look at this address again */
			continue;
		}
		get_page(page);
		*dpte = *spte;
		dst->rss_stat[mm_counter(page, vma)]++;
	}
	return 0;
}

/* Free every user page table of mm (its VMAs are already gone). */
void free_pgtables(struct mm_struct *mm)
{
	unsigned int i;

	for (i = 0; i < KERNEL_PGD_BOUNDARY; i++) {
		if (!pgd_present(mm->pgd[i]))
			continue;
		free_page((unsigned long)phys_to_virt(pgd_val(mm->pgd[i]) & PAGE_MASK));
		mm->pgd[i] = __pgd(0);
		mm->pgtables_bytes -= PAGE_SIZE;
	}
}

/*
 * swapoff: bring one page of a swap area back for mm (part of Linux's
 * unuse_mm). The read may sleep, and mm's owner may change its mappings
 * meanwhile, so the VMA and PTE are looked up again afterwards and the
 * page is mapped without sleeping (GFP_NOWAIT). Returns 0 (done, or to be
 * found again by the caller's next scan), -ENOMEM or -EIO.
 */
static int unuse_pte(struct mm_struct *mm, unsigned long addr, swp_entry_t entry)
{
	struct vm_area_struct *vma;
	struct page *page;
	bool major;
	pte_t *pte;
	int err = 0;

	page = lookup_swap_cache(entry, NULL, 0);
	if (!page)
		page = swapin_readahead(entry, NULL, 0, &major);
	if (!page)
		return -ENOMEM;
	wait_on_page_locked(page); /* its read, if one is in flight */
	vma = find_vma(mm, addr);
	pte = pte_offset_map(mm, addr);
	if (vma && vma->vm_start <= addr && pte && pte_same(*pte, swp_entry_to_pte(entry)) &&
	    trylock_page(page)) {
		if (PageError(page) && !PageDirty(page))
			err = -EIO;
		else if (swap_pte_install(vma, addr, pte, page, entry, 0, GFP_NOWAIT))
			err = -ENOMEM;
		unlock_page(page);
	}
	put_page(page);
	return err;
}

/*
 * Bring back every page of swap area type that mm's PTEs hold (Linux's
 * unuse_mm). The caller holds a reference on mm. Returns 0, -ENOMEM or -EIO.
 */
int unuse_mm(struct mm_struct *mm, unsigned int type)
{
	enum { BATCH = 64 };
	unsigned long addrs[BATCH];
	swp_entry_t entries[BATCH];

	for (;;) {
		struct vm_area_struct *vma;
		int n = 0, i, err;

		/* Collect a batch without sleeping: the VMA list is stable while we walk it. */
		list_for_each_entry(vma, &mm->mmap, vm_list) {
			unsigned long addr, next;

			for (addr = vma->vm_start; addr < vma->vm_end && n < BATCH; addr = next) {
				pte_t *pte = pte_offset_map(mm, addr);

				next = addr + PAGE_SIZE;
				if (!pte) {
					next = pgd_addr_end(addr, vma->vm_end);
					continue;
				}
				if (is_swap_pte(*pte) && swp_type(pte_to_swp_entry(*pte)) == type) {
					addrs[n] = addr;
					entries[n++] = pte_to_swp_entry(*pte);
				}
			}
		}
		if (!n)
			return 0;
		for (i = 0; i < n; i++) {
			err = unuse_pte(mm, addrs[i], entries[i]);
			if (err)
				return err;
		}
		yield(); /* let the owner run between batches */
	}
}
