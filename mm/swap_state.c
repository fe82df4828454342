/*
 * The swap cache and swap-in readahead (see mm/swap_state.h).
 *
 * Reading a slot back: read_swap_cache_async allocates a page, puts it in
 * the cache (so a second fault on the same entry waits for this read
 * instead of starting another), locks it and reads it. Around the faulting
 * slot swapin_readahead reads more, as Linux 6.1 does, in a window that
 * adapts (__swapin_nr_pages):
 *
 *   a page read ahead gets PG_readahead (and counts swap_ra); a lookup that
 *   finds it clears the flag and counts a hit (swap_ra_hit)
 *   window = hits + 2, rounded up to a power of two, at least 4 ...
 *            ... or 1 if there were no hits and the fault is not next to the
 *            last one; never more than 2^page_cluster, never less than half
 *            the previous window (it halves at most per fault)
 *
 * so readahead that is used doubles, readahead that is wasted falls to 1.
 * Which pages: if any swap area is on a rotational disk (Linux's
 * nr_rotate_swap), the aligned block of slots around the faulting one
 * (swap_cluster_readahead; hits counted globally); if all are solid state,
 * the swapped-out PTEs around the faulting address (swap_vma_readahead;
 * hits counted per VMA in vma->swap_readahead_info, window capped at 8).
 */
#include "mm/swap_state.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sysctl.h"
#include "mm/gfp.h"
#include "mm/lru.h"
#include "mm/mmap.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/shmem_fs.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/vmstat.h"
#include "mm/workingset.h"

#define SWAP_CACHE_HASH_BITS 10
#define SWAP_CACHE_HASH_SIZE (1U << SWAP_CACHE_HASH_BITS)

struct swap_cache_node {
	swp_entry_t entry;
	struct page *page;
	struct swap_cache_node *next;
};

static struct swap_cache_node *swap_cache_hash[SWAP_CACHE_HASH_SIZE];
static struct kmem_cache *swap_cache_nodes;
unsigned long nr_swapcache_pages;

void swap_cache_init(void)
{
	swap_cache_nodes =
	    kmem_cache_create("swap_cache", sizeof(struct swap_cache_node), 0, 0, NULL);
	if (!swap_cache_nodes)
		panic("swap_cache_init: cannot create the swap cache");
}

static struct swap_cache_node **hash_slot(swp_entry_t entry)
{
	unsigned long h = entry.val * 2654435761u;

	return &swap_cache_hash[(h >> (32 - SWAP_CACHE_HASH_BITS)) & (SWAP_CACHE_HASH_SIZE - 1)];
}

static struct page *__lookup_swap_cache(swp_entry_t entry)
{
	struct swap_cache_node *n;

	for (n = *hash_slot(entry); n; n = n->next)
		if (n->entry.val == entry.val)
			return n->page;
	return NULL;
}

/* ---- the readahead window ------------------------------------------------ */

/*
 * vma->swap_readahead_info packs, as Linux on 32-bit: the last fault's
 * page address | window << 6 | hits (bits 0-5).
 */
#define SWAP_RA_WIN_SHIFT (PAGE_SHIFT / 2)
#define SWAP_RA_HITS_MASK ((1UL << SWAP_RA_WIN_SHIFT) - 1)
#define SWAP_RA_HITS_MAX SWAP_RA_HITS_MASK
#define SWAP_RA_WIN_MASK (~PAGE_MASK & ~SWAP_RA_HITS_MASK)
#define SWAP_RA_HITS(v) ((v)&SWAP_RA_HITS_MASK)
#define SWAP_RA_WIN(v) (((v)&SWAP_RA_WIN_MASK) >> SWAP_RA_WIN_SHIFT)
#define SWAP_RA_ADDR(v) ((v)&PAGE_MASK)
#define SWAP_RA_VAL(addr, win, hits) (((addr)&PAGE_MASK) | ((win) << SWAP_RA_WIN_SHIFT) | (hits))
#define SWAP_RA_ORDER_CEILING 3 /* 32-bit: the VMA window is at most 8 pages */

static unsigned int swapin_readahead_hits = 4; /* cluster path: hits since the last fault */
static unsigned long ra_prev_offset;	       /* cluster path: the last fault without hits */
static unsigned int last_readahead_pages;      /* cluster path: the last window */

/*
 * The next window (Linux's __swapin_nr_pages): prev and cur are the last
 * and this fault's slot (or page number), hits the readahead pages used
 * since, max the cap, prev_win the last window. Exported for the host
 * unit test.
 */
unsigned int __swapin_nr_pages(unsigned long prev, unsigned long cur, unsigned int hits,
			       unsigned int max, unsigned int prev_win)
{
	unsigned int pages = hits + 2;

	if (pages == 2) {
		if (cur != prev + 1 && cur != prev - 1)
			pages = 1;
	} else {
		unsigned int roundup = 4;

		while (roundup < pages)
			roundup <<= 1;
		pages = roundup;
	}
	if (pages > max)
		pages = max;
	if (pages < prev_win / 2) /* do not shrink faster than by half */
		pages = prev_win / 2;
	return pages;
}

/* Linux's swap_use_vma_readahead: only when no swap area is rotational. */
static bool swap_use_vma_readahead(void)
{
	return nr_rotate_swap == 0;
}

/*
 * The page cached for entry, with a reference, or NULL. Finding a page
 * that readahead brought in is a hit: it counts swap_ra_hit and widens the
 * next window (of vma, for VMA readahead; the global one otherwise).
 */
struct page *lookup_swap_cache(swp_entry_t entry, struct vm_area_struct *vma, unsigned long addr)
{
	struct page *page = __lookup_swap_cache(entry);
	bool readahead, vma_ra = swap_use_vma_readahead();

	if (!page)
		return NULL;
	get_page(page);
	readahead = PageReadahead(page);
	ClearPageReadahead(page);
	if (vma && vma_ra) {
		unsigned long ra = vma->swap_readahead_info, hits = SWAP_RA_HITS(ra);

		if (readahead && hits < SWAP_RA_HITS_MAX)
			hits++;
		vma->swap_readahead_info = SWAP_RA_VAL(addr, SWAP_RA_WIN(ra), hits);
	}
	if (readahead) {
		count_vm_event(SWAP_RA_HIT);
		if (!vma || !vma_ra)
			swapin_readahead_hits++;
	}
	return page;
}

/*
 * The slot already carries SWAP_HAS_CACHE (swapcache_prepare). The page
 * takes the place of the slot's shadow, as in Linux's xarray: *shadowp
 * (if shadowp) gets it, or NULL. Returns 0 or -ENOMEM (the shadow stays).
 */
static int add_to_swap_cache(struct page *page, swp_entry_t entry, void **shadowp)
{
	struct swap_cache_node *n;

	n = kmem_cache_alloc(swap_cache_nodes, GFP_NOIO);
	if (!n)
		return -ENOMEM;
	if (shadowp)
		*shadowp = get_shadow_from_swap_cache(entry);
	store_shadow_in_swap_cache(entry, NULL);
	n->entry = entry;
	n->page = page;
	n->next = *hash_slot(entry);
	*hash_slot(entry) = n;
	get_page(page); /* the cache's reference */
	SetPageSwapCache(page);
	SetPageSwapBacked(page);
	page->private = entry.val;
	nr_swapcache_pages++;
	return 0;
}

/*
 * Remove a page from the cache, leaving shadow (NULL: none) in its place;
 * the slot then loses SWAP_HAS_CACHE, and if no PTE holds it, it is freed
 * and forgets the shadow (Linux's __delete_from_swap_cache and
 * put_swap_page).
 */
void __delete_from_swap_cache(struct page *page, void *shadow)
{
	swp_entry_t entry = page_swap_entry(page);
	struct swap_cache_node **pp, *n;

	for (pp = hash_slot(entry); (n = *pp) != NULL; pp = &n->next) {
		if (n->page == page) {
			*pp = n->next;
			kmem_cache_free(swap_cache_nodes, n);
			ClearPageSwapCache(page);
			page->private = 0;
			nr_swapcache_pages--;
			store_shadow_in_swap_cache(entry, shadow);
			swapcache_clear(entry);
			put_page(page); /* the cache's reference */
			return;
		}
	}
	panic("delete_from_swap_cache: pfn %#lx not in the swap cache", page_to_pfn(page));
}

/* Remove a locked page from the cache with no shadow (it is not being evicted). */
void delete_from_swap_cache(struct page *page)
{
	__delete_from_swap_cache(page, NULL);
}

/*
 * Reclaim: give an anonymous page a swap slot and put it in the cache.
 * False if swap is full (or absent) or memory for the cache ran out.
 */
bool add_to_swap(struct page *page)
{
	swp_entry_t entry = get_swap_page();

	if (!entry.val)
		return false;
	if (add_to_swap_cache(page, entry, NULL)) {
		swapcache_clear(entry);
		return false;
	}
	SetPageDirty(page); /* its contents are not in the slot yet */
	return true;
}

/*
 * Linux's folio_free_swap: the locked page leaves the swap cache and its
 * slot is freed, if no PTE holds the slot any more and no write to it is
 * in flight. It is dirty from now on: its only copy is in memory (a failed
 * write to the old slot no longer matters: PG_error goes; a slot that
 * failed alone was marked bad and is retired as it is freed). Returns
 * whether the slot was freed.
 */
bool try_to_free_swap(struct page *page)
{
	if (!PageSwapCache(page) || PageWriteback(page))
		return false;
	if (__swap_count(page_swap_entry(page)) > 0)
		return false;
	delete_from_swap_cache(page);
	ClearPageError(page);
	SetPageDirty(page);
	return true;
}

/*
 * A PTE mapping page went away (munmap, exit): if no PTE maps it now, its
 * slot is of no more use, so free it with the cache entry, unless the page
 * is busy (Linux's free_swap_cache). Reclaim frees a busy one later.
 */
void free_swap_cache(struct page *page)
{
	if (PageSwapCache(page) && !page_mapped(page) && trylock_page(page)) {
		try_to_free_swap(page);
		unlock_page(page);
	}
}

/*
 * A PTE holding entry is going away (munmap, exit): drop its slot
 * reference; if that was the last one and the page sits idle in the cache,
 * free the page too (Linux's free_swap_and_cache). A page still being read
 * (readahead in flight) is waited for first, so that its slot comes back
 * now: this may sleep.
 */
void free_swap_and_cache(swp_entry_t entry)
{
	struct page *page;

	swap_free(entry);
	if (__swap_count(entry) > 0)
		return;
	page = __lookup_swap_cache(entry);
	if (page && PageLocked(page) && page->_mapcount < 0) {
		get_page(page);
		wait_on_page_locked(page); /* a read ahead still in flight */
		put_page(page);
		page = __swap_count(entry) > 0 ? NULL : __lookup_swap_cache(entry);
	}
	if (page && page->_mapcount < 0 && trylock_page(page)) {
		get_page(page);
		delete_from_swap_cache(page);
		unlock_page(page);
		put_page(page); /* frees it unless reclaim holds it isolated */
	}
}

/*
 * The page for entry, from the cache or a read started now into *plug
 * (mm/page_io.c: submitted by swap_read_unplug). *new_read tells whether
 * this call started a read. Returns NULL if no memory; the page comes
 * back with a reference, locked while its read is in flight: lock_page or
 * wait_on_page_locked waits for it (PG_error set if it failed). A page
 * found in the cache is no readahead hit here: only the fault's own lookup
 * counts those.
 */
static struct page *read_swap_cache_async(swp_entry_t entry, bool *new_read, bool readahead,
					  struct bio **plug)
{
	struct page *page, *new_page = NULL;
	void *shadow;
	int err;

	*new_read = false;
	for (;;) {
		page = __lookup_swap_cache(entry);
		if (page) {
			get_page(page);
			if (new_page)
				__free_pages(new_page, 0);
			return page;
		}
		if (!new_page) {
			/* Allocate first: it may sleep, so look the entry up again after. */
			new_page = alloc_page(GFP_HIGHUSER_MOVABLE);
			if (!new_page)
				return NULL;
			continue;
		}
		err = swapcache_prepare(entry);
		if (!err)
			break;
		if (err != -EEXIST) { /* the slot was freed meanwhile */
			__free_pages(new_page, 0);
			return NULL;
		}
		schedule_timeout_interruptible(
		    1); /* another task is putting it in the cache: wait */
	}
	page = new_page;
	SetPageLocked(page);
	if (add_to_swap_cache(page, entry, &shadow)) {
		ClearPageLocked(page);
		__free_pages(page, 0);
		swapcache_clear(entry);
		return NULL;
	}
	*new_read = true;
	if (shadow) /* reclaim evicted it: may join the active list (PG_active) */
		workingset_refault(page, shadow);
	lru_cache_add(page);
	if (readahead)
		SetPageReadahead(page);
	if (swap_readpage(page, entry, plug)) { /* no slot: nothing was queued */
		SetPageError(page);
		unlock_page(page);
	}
	return page;
}

/* Read the slot of entry ahead of need into *plug: PG_readahead, swap_ra. */
static void swap_ra_page(swp_entry_t entry, struct bio **plug)
{
	bool started;
	struct page *page = read_swap_cache_async(entry, &started, true, plug);

	if (!page)
		return;
	if (started)
		count_vm_event(SWAP_RA);
	put_page(page);
}

/* The cluster path's window (Linux's swapin_nr_pages). */
static unsigned int swapin_nr_pages(unsigned long offset)
{
	unsigned int max = 1U << page_cluster, hits, pages;

	if (max <= 1)
		return 1;
	hits = swapin_readahead_hits;
	swapin_readahead_hits = 0;
	pages = __swapin_nr_pages(ra_prev_offset, offset, hits, max, last_readahead_pages);
	if (!hits)
		ra_prev_offset = offset;
	last_readahead_pages = pages;
	return pages;
}

/*
 * Linux's swap_cluster_readahead: the used slots of the aligned block of
 * window slots around entry's, in the same area (not the header, not past
 * the end), the faulting one first here so that its read is not queued
 * behind the others.
 */
static void swap_cluster_readahead(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	unsigned long offset = swp_offset(entry), mask = swapin_nr_pages(offset) - 1, o, end;
	struct bio *plug = NULL;

	if (!mask || !si)
		return;
	o = (offset & ~mask) ? offset & ~mask : 1;
	end = min(offset | mask, (unsigned long)si->max - 1);
	for (; o <= end; o++) {
		swp_entry_t e = swp_entry(swp_type(entry), o);

		if (o != offset && __swap_count(e) > 0)
			swap_ra_page(e, &plug);
	}
	swap_read_unplug(plug);
}

/*
 * Linux's swap_ra_info and swap_vma_readahead: the window from this VMA's
 * hits, placed after the fault when it follows the last one, before it
 * when it precedes it, else around it; clamped to the VMA and to the page
 * table (4 MiB) of the fault. The PTEs there that hold swap entries are
 * read ahead.
 */
static void swap_vma_readahead(struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long ra = vma->swap_readahead_info, fpfn = addr >> PAGE_SHIFT;
	unsigned long pfn = SWAP_RA_ADDR(ra) >> PAGE_SHIFT, lpfn, rpfn, start, end, a;
	unsigned int max = 1U << min(page_cluster, SWAP_RA_ORDER_CEILING), win;
	struct bio *plug = NULL;

	if (max == 1)
		return;
	win = __swapin_nr_pages(pfn, fpfn, (unsigned int)SWAP_RA_HITS(ra), max,
				(unsigned int)SWAP_RA_WIN(ra));
	vma->swap_readahead_info = SWAP_RA_VAL(addr, win, 0UL);
	if (win == 1)
		return;
	if (fpfn == pfn + 1)
		lpfn = fpfn, rpfn = fpfn + win;
	else if (pfn == fpfn + 1)
		lpfn = fpfn - win + 1, rpfn = fpfn + 1;
	else
		lpfn = fpfn - (win - 1) / 2, rpfn = fpfn + win - (win - 1) / 2;
	start =
	    max(max(lpfn, vma->vm_start >> PAGE_SHIFT), (addr & ~(PGDIR_SIZE - 1)) >> PAGE_SHIFT);
	end = min(min(rpfn, vma->vm_end >> PAGE_SHIFT),
		  ((addr & ~(PGDIR_SIZE - 1)) + PGDIR_SIZE) >> PAGE_SHIFT);
	for (a = start << PAGE_SHIFT; a < end << PAGE_SHIFT; a += PAGE_SIZE) {
		pte_t *pte = pte_offset_map(vma->vm_mm, a);

		if (a != (addr & PAGE_MASK) && pte && is_swap_pte(*pte))
			swap_ra_page(pte_to_swp_entry(*pte), &plug);
	}
	swap_read_unplug(plug);
}

/*
 * The swap-in of a fault at addr in vma (NULL: swapoff) whose PTE holds
 * entry: start its read, in a bio of its own so that it is not queued
 * behind the others, then its neighbours' by the readahead rules above,
 * in the background. *major is set when the fault has to wait for the
 * disk. Returns the page with a reference, locked until its read ends
 * (lock_page waits for it; PG_error if it failed), or NULL if no memory.
 */
struct page *swapin_readahead(swp_entry_t entry, struct vm_area_struct *vma, unsigned long addr,
			      bool *major)
{
	struct bio *plug = NULL;
	struct page *page = read_swap_cache_async(entry, major, false, &plug);

	swap_read_unplug(plug);
	if (!page || !*major)
		return page;
	if (vma && swap_use_vma_readahead())
		swap_vma_readahead(vma, addr);
	else
		swap_cluster_readahead(entry);
	return page;
}

/*
 * Free the slots of area type that only the swap cache still holds
 * (readahead leftovers, and pages swapped in that kept their slot), as
 * Linux's try_to_unuse ends: a mapped page stays in memory, dirty.
 */
static void drop_unused_swap_cache(unsigned int type)
{
	unsigned int b;

	for (b = 0; b < SWAP_CACHE_HASH_SIZE; b++) {
		struct swap_cache_node *n;
again:
		for (n = swap_cache_hash[b]; n; n = n->next) {
			struct page *page = n->page;
			bool freed;

			if (swp_type(n->entry) != type || __swap_count(n->entry) > 0)
				continue;
			if (PageLocked(page)) { /* a read ahead or a write still in flight */
				get_page(page);
				wait_on_page_locked(page);
				put_page(page);
				goto again;
			}
			if (!trylock_page(page))
				continue;
			get_page(page);
			freed = try_to_free_swap(page);
			unlock_page(page);
			put_page(page);
			if (freed)
				goto again; /* the chain changed */
		}
	}
}

/*
 * swapoff: bring every page of swap area type back into memory (Linux's
 * try_to_unuse), walking the page tables of every process, then drop what
 * the swap cache still holds for the area. The caller has stopped new
 * slots being handed out there. Returns 0 or -errno; the caller then
 * checks that no slot is left in use.
 */
int try_to_unuse(unsigned int type)
{
	struct task_struct *p;
	pid_t *pids;
	int nr = 0, i, err = 0;

	for_each_process(p)
		nr++;
	pids = kmalloc((size_t)nr * sizeof(*pids), GFP_KERNEL);
	if (!pids)
		return -ENOMEM;
	nr = 0;
	for_each_process(p) /* pids, not pointers: tasks may exit while we sleep */
		if (p->mm && !p->exit_state)
			pids[nr++] = p->pid;
	for (i = 0; i < nr && !err; i++) {
		struct mm_struct *mm;

		p = find_task_by_pid(pids[i]);
		if (!p || !p->mm || p->exit_state)
			continue;
		mm = p->mm;
		mm->mm_users++; /* its page tables stay while we sleep, even if it exits */
		err = unuse_mm(mm, type);
		mmput(mm);
	}
	kfree(pids);
	if (!err)
		err = shmem_unuse(type); /* tmpfs and shared memory pages in the area */
	drop_unused_swap_cache(type);
	return err;
}
