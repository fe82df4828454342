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
 * Swap entries and reverse mapping come with the reclaim issue.
 */
#include "mm/mmap.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"
#include "mm/gfp.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
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
static unsigned long vma_pte_prot(unsigned long vm_flags)
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

static void put_user_page(struct page *page)
{
	page->_mapcount--;
	if (--page->_refcount == 0) {
		page->_refcount = 1;	/* __free_pages wants the last reference */
		__free_pages(page, 0);
	}
}

/* First touch of an anonymous page: a zeroed frame, mapped with the VMA's rights. */
static int do_anonymous_page(struct vm_area_struct *vma, unsigned long address, pte_t *pte)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
	struct mm_struct *mm = vma->vm_mm;

	if (!page)
		return VM_FAULT_OOM;
	page->_mapcount = 0;	/* mapped once */
	*pte = pfn_pte(page_to_pfn(page), vma_pte_prot(vma->vm_flags));
	mm->rss_stat[(vma->vm_flags & VM_SHARED) ? MM_SHMEMPAGES : MM_ANONPAGES]++;
	if (get_mm_rss(mm) > mm->hiwater_rss)
		mm->hiwater_rss = get_mm_rss(mm);
	flush_tlb_page(mm, address & PAGE_MASK);
	return 0;
}

/*
 * A write to a present, write-protected page of a writable private area:
 * copy-on-write after fork. If the page has no other user, it is simply
 * made writable again (no copy); otherwise the writer gets its own copy.
 */
static int do_wp_page(struct vm_area_struct *vma, unsigned long address, pte_t *pte)
{
	struct page *old = pfn_to_page(pte_pfn(*pte)), *new;

	if (page_count(old) == 1) {
		*pte = __pte(pte_val(*pte) | _PAGE_RW);
		flush_tlb_page(vma->vm_mm, address & PAGE_MASK);
		return 0;
	}
	new = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (!new)
		return VM_FAULT_OOM;
	memcpy(page_address(new), page_address(old), PAGE_SIZE);
	new->_mapcount = 0;
	*pte = pfn_pte(page_to_pfn(new), vma_pte_prot(vma->vm_flags));
	put_user_page(old);
	flush_tlb_page(vma->vm_mm, address & PAGE_MASK);
	return 0;
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
		return do_anonymous_page(vma, address, pte);
	if (!pte_present(*pte))
		panic("handle_mm_fault: non-present PTE %08lx at %08lx without swap",
		      (unsigned long)pte_val(*pte), address);
	if ((flags & FAULT_FLAG_WRITE) && !pte_write(*pte)) {
		if (!(vma->vm_flags & VM_WRITE))
			return VM_FAULT_SIGSEGV;
		return do_wp_page(vma, address, pte);
	}
	/* Present and allowed: another path mapped it first, or a stale TLB entry. */
	flush_tlb_page(vma->vm_mm, address & PAGE_MASK);
	return 0;
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = pte_offset(mm, addr, false);

		if (!pte) {
			addr = (addr | (PGDIR_SIZE - 1)) - PAGE_SIZE + 1;	/* skip the empty table */
			continue;
		}
		if (pte_none(*pte))
			continue;
		if (pte_present(*pte)) {
			put_user_page(pfn_to_page(pte_pfn(*pte)));
			mm->rss_stat[(vma->vm_flags & VM_SHARED) ? MM_SHMEMPAGES : MM_ANONPAGES]--;
		}
		*pte = __pte(0);
		flush_tlb_page(mm, addr);
	}
}

/* Re-derive the PTE rights of [start, end) from vma->vm_flags (mprotect). */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	unsigned long addr, prot = vma_pte_prot(vma->vm_flags);

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = pte_offset(vma->vm_mm, addr, false);

		if (pte && pte_present(*pte)) {
			*pte = __pte((pte_val(*pte) & PAGE_MASK) | prot);
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
	unsigned long addr;

	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pte_t *spte = pte_offset(src, addr, false), *dpte;
		struct page *page;

		if (!spte) {
			addr = (addr | (PGDIR_SIZE - 1)) - PAGE_SIZE + 1;
			continue;
		}
		if (!pte_present(*spte))
			continue;
		dpte = pte_offset(dst, addr, true);
		if (!dpte)
			return -ENOMEM;
		if (cow && pte_write(*spte)) {
			*spte = __pte(pte_val(*spte) & ~_PAGE_RW);
			flush_tlb_page(src, addr);
		}
		page = pfn_to_page(pte_pfn(*spte));
		get_page(page);
		page->_mapcount++;
		*dpte = *spte;
		dst->rss_stat[cow ? MM_ANONPAGES : MM_SHMEMPAGES]++;
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
