/*
 * Temporary kernel mappings of HighMem pages (Linux's mm/highmem.c).
 *
 * The pkmap area (kmap/kunmap) is one page table of LAST_PKMAP slots at
 * PKMAP_BASE, shared by every task. pkmap_count[] says what each slot is:
 *
 *   0      free: no mapping, usable at once
 *   1      mapped but unused: the PTE is still there (a TLB may hold it)
 *   n >= 2 mapped, n - 1 users
 *
 * kunmap only lowers the count; slots at 1 are cleared all together, with
 * one TLB flush, when the search for a free slot wraps around
 * (flush_all_zero_pkmaps). A page mapped twice shares its slot: the
 * page_address hash finds it. When all slots are in use, kmap sleeps on
 * pkmap_map_wait until a kunmap brings one down to 1.
 *
 * The kmap_local slots are fixmap pages, KM_MAX_IDX per CPU; a task
 * pushes and pops them in stack order (current->kmap_ctrl). The task may
 * sleep while it holds them: the context switch takes its PTEs down and
 * puts the next task's back (__kmap_local_sched_out/in), so each task sees
 * its own mappings at the same addresses.
 *
 * Linux guards the pkmap state with kmap_lock; one CPU and a kernel that
 * is not preempted need nothing, since kmap is never called from
 * interrupts (kmap_local is, and only touches the current task's stack).
 */
#include "mm/highmem.h"
#include "kernel/kernel.h"
#include "kernel/preempt.h"
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "kernel/x86.h"
#include "mm/internal.h"
#include "mm/pgtable.h"

#define PKMAP_ADDR(nr) (PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))
#define PKMAP_NR(virt) (((unsigned long)(virt)-PKMAP_BASE) >> PAGE_SHIFT)

_Static_assert((FIXADDR_START >> 22) == ((FIXADDR_TOP - 1) >> 22), "fixmap in one page table");
_Static_assert(PKMAP_BASE + LAST_PKMAP * PAGE_SIZE <= FIXADDR_START, "pkmap below the fixmap");

static pte_t *pkmap_page_table; /* the PTEs of the pkmap area */
static pte_t *kmap_pte;		/* the PTE of FIX_KMAP_BEGIN; slot i is kmap_pte - i */
static int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);
static unsigned long pkmap_waits; /* times kmap slept for a slot */

/*
 * page -> pkmap address, for the pages mapped with kmap (Linux's
 * page_address_htable): 128 buckets, one entry per pkmap slot.
 */
#define PA_HASH_ORDER 7
struct page_address_map {
	const struct page *page;
	void *virtual;
	struct list_head list;
};
static struct page_address_map page_address_maps[LAST_PKMAP];
static struct list_head page_address_htable[1 << PA_HASH_ORDER];

static struct list_head *page_slot(const struct page *page)
{
	return &page_address_htable[(page_to_pfn(page) * 2654435761u) >> (32 - PA_HASH_ORDER)];
}

/* The pkmap address of a HighMem page mapped with kmap(), or NULL. */
static void *pkmap_page_address(const struct page *page)
{
	struct page_address_map *pam;

	list_for_each_entry(pam, page_slot(page), list) {
		if (pam->page == page)
			return pam->virtual;
	}
	return NULL;
}

/*
 * The kernel address of page: its direct-map address in low memory; for
 * a HighMem page the pkmap address while someone holds it with kmap(),
 * else NULL (Linux's page_address with HASHED_PAGE_VIRTUAL, also here).
 */
void *page_address(const struct page *page)
{
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	return pkmap_page_address(page);
}

/* Record (virtual != NULL) or forget the pkmap address of page. */
static void set_page_address(struct page *page, void *virtual)
{
	struct page_address_map *pam;

	if (virtual) {
		pam = &page_address_maps[PKMAP_NR(virtual)];
		pam->page = page;
		pam->virtual = virtual;
		list_add_tail(&pam->list, page_slot(page));
		return;
	}
	list_for_each_entry(pam, page_slot(page), list) {
		if (pam->page == page) {
			list_del(&pam->list);
			return;
		}
	}
	panic("set_page_address: page not mapped");
}

/* Boot: one page table for the pkmap area, one for the fixmap, in swapper_pg_dir. */
void kmap_init(void)
{
	pte_t *tables = memblock_alloc(2 * PAGE_SIZE, PAGE_SIZE);
	unsigned int i;

	if (!tables)
		panic("kmap_init: no memory for the pkmap and fixmap page tables");
	pkmap_page_table = tables;
	swapper_pg_dir[pgd_index(PKMAP_BASE)] = __pgd((u32)__pa(tables) | _KERNPG_TABLE);
	swapper_pg_dir[pgd_index(FIXADDR_START)] =
	    __pgd((u32)__pa(tables + PTRS_PER_PTE) | _KERNPG_TABLE);
	kmap_pte = tables + PTRS_PER_PTE + pte_index(__fix_to_virt(FIX_KMAP_BEGIN));
	for (i = 0; i < ARRAY_SIZE(page_address_htable); i++)
		INIT_LIST_HEAD(&page_address_htable[i]);
}

/*
 * Unmap every pkmap slot nobody uses (count 1) and flush the TLB once
 * (Linux flushes the pkmap range on every CPU).
 */
static void flush_all_zero_pkmaps(void)
{
	bool need_flush = false;
	unsigned int i;

	for (i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		set_page_address(pfn_to_page(pte_pfn(pkmap_page_table[i])), NULL);
		pkmap_page_table[i] = __pte(0);
		need_flush = true;
	}
	if (need_flush)
		write_cr3(read_cr3()); /* the pkmap PTEs are not global */
}

static bool pkmap_slot_unused(void)
{
	unsigned int i;

	for (i = 0; i < LAST_PKMAP; i++)
		if (pkmap_count[i] <= 1)
			return true;
	return false;
}

/* Find a free pkmap slot for page (sleeping while there is none) and map it there. */
static void *map_new_virtual(struct page *page)
{
	unsigned int count;
	void *vaddr;

start:
	count = LAST_PKMAP;
	for (;;) {
		last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK;
		if (!last_pkmap_nr) {
			flush_all_zero_pkmaps();
			count = LAST_PKMAP;
		}
		if (!pkmap_count[last_pkmap_nr])
			break;
		if (--count)
			continue;
		/* Every slot is in use: sleep until a kunmap leaves one unused. */
		pkmap_waits++;
		wait_event(pkmap_map_wait, pkmap_slot_unused());
		vaddr = pkmap_page_address(page); /* mapped by someone else meanwhile? */
		if (vaddr)
			return vaddr;
		goto start;
	}
	vaddr = (void *)PKMAP_ADDR(last_pkmap_nr);
	pkmap_page_table[last_pkmap_nr] = pfn_pte(page_to_pfn(page), PAGE_KERNEL);
	pkmap_count[last_pkmap_nr] = 1;
	set_page_address(page, vaddr);
	return vaddr;
}

/*
 * Map page for the kernel for as long as the caller needs (across sleeps
 * too) and return its address: the direct map for a low page, a pkmap
 * slot for a HighMem one. May sleep: process context only.
 */
void *kmap(struct page *page)
{
	void *vaddr;

	if (!PageHighMem(page))
		return lowmem_page_address(page);
	if (in_atomic())
		panic("kmap: called in an atomic section (use kmap_local_page)");
	vaddr = pkmap_page_address(page);
	if (!vaddr)
		vaddr = map_new_virtual(page);
	pkmap_count[PKMAP_NR(vaddr)]++;
	return vaddr;
}

/* Drop a kmap() of page; the slot is reused after the next flush. */
void kunmap(struct page *page)
{
	void *vaddr;
	unsigned long nr;

	if (!PageHighMem(page))
		return;
	vaddr = pkmap_page_address(page);
	if (!vaddr)
		panic("kunmap: page was not mapped with kmap");
	nr = PKMAP_NR(vaddr);
	if (pkmap_count[nr] < 2)
		panic("kunmap: pkmap slot %lu has no user", nr);
	if (--pkmap_count[nr] == 1)
		wake_up(&pkmap_map_wait);
}

unsigned long nr_pkmap_waits(void)
{
	return pkmap_waits;
}

unsigned int nr_pkmaps_in_use(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < LAST_PKMAP; i++)
		n += pkmap_count[i] >= 2;
	return n;
}

/*
 * Map pfn in the calling task's next kmap_local slot and return its
 * address. Slots nest up to KM_MAX_IDX deep and must be unmapped in
 * reverse order. Never sleeps.
 */
void *kmap_local_pfn(unsigned long pfn)
{
	struct kmap_ctrl *kctrl = &current->kmap_ctrl;
	int idx = kctrl->idx++;
	pte_t *pte = kmap_pte - idx;
	unsigned long vaddr = __fix_to_virt(FIX_KMAP_BEGIN + idx);

	if (idx >= KM_MAX_IDX)
		panic("kmap_local: more than %d nested mappings", KM_MAX_IDX);
	if (!pte_none(*pte))
		panic("kmap_local: slot %d already in use", idx);
	*pte = pfn_pte(pfn, PAGE_KERNEL);
	kctrl->pteval[idx] = pte_val(*pte);
	return (void *)vaddr;
}

/* kmap_local for a page: a low page needs no mapping. */
void *kmap_local_page(struct page *page)
{
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	return kmap_local_pfn(page_to_pfn(page));
}

/*
 * Undo the last kmap_local_page (addr may point anywhere in the page).
 * A direct-map address needs nothing; any other must be the top slot.
 */
void kunmap_local(const void *addr)
{
	unsigned long vaddr = (uintptr_t)addr & PAGE_MASK;
	struct kmap_ctrl *kctrl = &current->kmap_ctrl;
	int idx;

	if (vaddr < __fix_to_virt(FIX_KMAP_END) || vaddr > __fix_to_virt(FIX_KMAP_BEGIN)) {
		if (vaddr < PAGE_OFFSET || vaddr >= PAGE_OFFSET + (max_low_pfn << PAGE_SHIFT))
			panic("kunmap_local: %#lx is not a kmap_local address", vaddr);
		return;
	}
	idx = kctrl->idx - 1;
	if (idx < 0 || vaddr != __fix_to_virt(FIX_KMAP_BEGIN + idx))
		panic("kunmap_local: %#lx is not the last mapping (stack depth %d)", vaddr,
		      kctrl->idx);
	kmap_pte[-idx] = __pte(0);
	kctrl->pteval[idx] = 0;
	invlpg(vaddr);
	kctrl->idx = idx;
}

void *kmap_atomic(struct page *page)
{
	preempt_disable();
	pagefault_disable();
	return kmap_local_page(page);
}

void kunmap_atomic(const void *addr)
{
	kunmap_local(addr);
	pagefault_enable();
	preempt_enable();
}

/* prev is switched out: its kmap_local slots leave the fixmap. */
void __kmap_local_sched_out(struct task_struct *prev)
{
	int i;

	for (i = 0; i < prev->kmap_ctrl.idx; i++) {
		kmap_pte[-i] = __pte(0);
		invlpg(__fix_to_virt(FIX_KMAP_BEGIN + i));
	}
}

/* next is switched in: its kmap_local slots come back. */
void __kmap_local_sched_in(struct task_struct *next)
{
	int i;

	for (i = 0; i < next->kmap_ctrl.idx; i++) {
		kmap_pte[-i] = __pte(next->kmap_ctrl.pteval[i]);
		invlpg(__fix_to_virt(FIX_KMAP_BEGIN + i));
	}
}
