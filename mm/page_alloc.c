/*
 * The buddy allocator and the allocation path (Linux's mm/page_alloc.c).
 *
 * Each zone keeps free blocks of 2^order pages (order 0..MAX_PAGE_ORDER)
 * on free_area[order]. A block of order o at pfn p has its buddy at
 * p ^ 2^o. Allocation takes the smallest order that has a block and
 * splits it, putting the unused halves back one order lower each
 * ("expand"). Freeing merges a block with its buddy for as long as the
 * buddy is free and of the same order.
 *
 *   order 2 block at pfn 8:   [ 8  9 10 11 ]
 *   alloc order 0 ->  [8] given, [9] back on order 0, [10 11] on order 1
 *   free [8]      ->  buddy 9 free: [8 9]; buddy [10 11] free: [8 .. 11]
 *
 * alloc_pages() follows Linux's escalation (docs/linux-formulas.md, Allocation): a fast
 * attempt against the LOW watermark, highest allowed zone first; then the
 * slow path: wake kswapd, retry against MIN, reserves for __GFP_MEMALLOC,
 * direct reclaim, the OOM killer, and finally a clean failure with
 * Linux's "page allocation failure" report. Linux keeps per-CPU page
 * lists in front of the buddy; one CPU needs none. Built for the host too.
 */
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/oom.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"

static void add_to_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	struct free_area *area = &zone->free_area[order];

	SetPageBuddy(page);
	page->private = order;
	list_add(&page->lru, &area->free_list);
	area->nr_free++;
}

static void del_page_from_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	list_del_init(&page->lru);
	ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

/* Is the page at buddy_pfn the free head of a block of this order in zone? */
static bool page_is_buddy(struct zone *zone, unsigned long buddy_pfn, unsigned int order)
{
	struct page *buddy;

	if (!zone_spans_pfn(zone, buddy_pfn))
		return false;
	buddy = pfn_to_page(buddy_pfn);
	return PageBuddy(buddy) && buddy_order(buddy) == order;
}

/*
 * Put the block of 2^order pages at page on its zone's free lists, merged
 * with its buddies as far as they go. Interrupts must be off.
 */
static void __free_one_page(struct page *page, struct zone *zone, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	__mod_zone_page_state(zone, NR_FREE_PAGES, 1L << order);
	while (order < MAX_PAGE_ORDER) {
		unsigned long buddy_pfn = __find_buddy_pfn(pfn, order);

		if (!page_is_buddy(zone, buddy_pfn, order))
			break;
		del_page_from_free_list(pfn_to_page(buddy_pfn), zone, order);
		pfn &= buddy_pfn;
		order++;
	}
	add_to_free_list(pfn_to_page(pfn), zone, order);
}

void __free_one_page_block(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long flags = mm_irq_save();

	__free_one_page(page, zone, order);
	mm_irq_restore(flags);
}

/* Split a block of order high down to order low; return the halves. */
static void expand(struct zone *zone, struct page *page, unsigned int low, unsigned int high)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high);
	}
}

/* Take a block of exactly 2^order pages off zone's lists, or NULL. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order)
{
	unsigned int current_order;

	for (current_order = order; current_order < NR_PAGE_ORDERS; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order);
		__mod_zone_page_state(zone, NR_FREE_PAGES, -(1L << order));
		return page;
	}
	return NULL;
}

static struct page *rmqueue(struct zone *zone, unsigned int order)
{
	unsigned long flags = mm_irq_save();
	struct page *page = __rmqueue_smallest(zone, order);

	mm_irq_restore(flags);
	return page;
}

/* A page coming off (or going onto) a free list must be in a clean state. */
static void check_page_state(struct page *page, const char *what)
{
	if (PageReserved(page) || PageSlab(page) || PageLRU(page) || PageLargeKmalloc(page) ||
	    page->_mapcount != -1 || page->_refcount != 0)
		panic("%s: bad page state: pfn %#lx flags %#lx count %d mapcount %d", what,
		      page_to_pfn(page), page->flags, page->_refcount, page->_mapcount);
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++)
		check_page_state(page + i, "alloc_pages");
	page->_refcount = 1;
	if (gfp & __GFP_ZERO)
		for (i = 0; i < (1UL << order); i++)
			clear_highpage(page + i);
}

/*
 * Walk the zones from the highest the request allows down to DMA and take
 * a block from the first one that passes the watermark alloc_flags names
 * (plus its lowmem_reserve for this request).
 */
static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					   const struct alloc_context *ac)
{
	struct zone *zone;
	int zid;

	for_each_managed_zone_fallback(zone, NODE_DATA(0), zid, ac->highest_zoneidx) {
		struct page *page;

		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_ok(zone, order,
				       wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK),
				       ac->highest_zoneidx, alloc_flags))
			continue;
		page = rmqueue(zone, order);
		if (page) {
			prep_new_page(page, order, gfp);
			__count_zid_vm_events(PGALLOC_DMA, zid, 1UL << order);
			return page;
		}
	}
	return NULL;
}

/* Linux's gfp_to_alloc_flags(): the rights of a slow-path attempt. */
static unsigned int gfp_to_alloc_flags(gfp_t gfp, unsigned int order)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_MIN_RESERVE;
	if (gfp & __GFP_KSWAPD_RECLAIM)
		alloc_flags |= ALLOC_KSWAPD;
	if (!(gfp & __GFP_DIRECT_RECLAIM) && !(gfp & __GFP_NOMEMALLOC)) {
		alloc_flags |= ALLOC_NON_BLOCK;
		if (order > 0 && (alloc_flags & ALLOC_MIN_RESERVE))
			alloc_flags |= ALLOC_HIGHATOMIC;
	}
	return alloc_flags;
}

/* Wake kswapd for the node (Linux's wake_all_kswapds: once per node). */
static void wake_all_kswapds(gfp_t gfp, unsigned int order, const struct alloc_context *ac)
{
	struct zone *zone;
	int zid;

	for_each_managed_zone_fallback(zone, NODE_DATA(0), zid, ac->highest_zoneidx) {
		wakeup_kswapd(zone, gfp, (int)order, ac->highest_zoneidx);
		return;
	}
}

/*
 * Linux's should_reclaim_retry(): retry while reclaim makes progress, or
 * while some zone could pass MIN if everything reclaimable there were
 * reclaimed, but at most MAX_RECLAIM_RETRIES times without progress.
 */
static bool should_reclaim_retry(unsigned int order, const struct alloc_context *ac,
				 unsigned int alloc_flags, bool did_some_progress,
				 int *no_progress_loops)
{
	struct zone *zone;
	int zid;

	if (did_some_progress && order <= PAGE_ALLOC_COSTLY_ORDER)
		*no_progress_loops = 0;
	else
		(*no_progress_loops)++;
	if (*no_progress_loops > MAX_RECLAIM_RETRIES)
		return false;
	for_each_managed_zone_fallback(zone, NODE_DATA(0), zid, ac->highest_zoneidx) {
		long available;

		available =
		    (long)(zone_reclaimable_pages(zone) + zone_page_state(zone, NR_FREE_PAGES));
		if (__zone_watermark_ok(zone, order, min_wmark_pages(zone), ac->highest_zoneidx,
					alloc_flags, available))
			return true;
	}
	return false;
}

/*
 * Linux's __alloc_pages_may_oom(): one last try against HIGH (someone may
 * have freed memory meanwhile), then the OOM killer unless the request is
 * one Linux never kills for. Sets *did_some_progress if it killed.
 */
static struct page *__alloc_pages_may_oom(gfp_t gfp, unsigned int order,
					  const struct alloc_context *ac, bool *did_some_progress)
{
	struct oom_control oc = { .gfp_mask = gfp, .order = (int)order };
	struct page *page;

	*did_some_progress = false;
	page = get_page_from_freelist(gfp & ~__GFP_DIRECT_RECLAIM, order,
				      ALLOC_WMARK_HIGH | ALLOC_CPUSET, ac);
	if (page)
		return page;
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return NULL;
	if (gfp & (__GFP_RETRY_MAYFAIL | __GFP_THISNODE))
		return NULL;
	if (ac->highest_zoneidx < ZONE_NORMAL) /* pure DMA requests never OOM-kill */
		return NULL;
	*did_some_progress = out_of_memory(&oc);
	return NULL;
}

/* The slow path, in Linux's order (docs/linux-formulas.md, Allocation; no compaction here). */
static struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order,
					   const struct alloc_context *ac)
{
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp, order);
	int no_progress_loops = 0;
	struct page *page;
	bool progress;

	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(gfp, order, ac);
	page = get_page_from_freelist(gfp, order, alloc_flags, ac);
	if (page)
		return page;
retry:
	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(gfp, order, ac);
	if ((gfp & __GFP_MEMALLOC || current_is_reclaiming()) && !(gfp & __GFP_NOMEMALLOC))
		alloc_flags = ALLOC_NO_WATERMARKS | (alloc_flags & ALLOC_KSWAPD);
	else if (current_is_oom_victim())
		alloc_flags |= ALLOC_OOM; /* let the victim finish and exit */
	page = get_page_from_freelist(gfp, order, alloc_flags, ac);
	if (page)
		return page;
	if (!(gfp & __GFP_DIRECT_RECLAIM))
		goto nopage;
	if (current_is_reclaiming())
		goto nopage; /* avoid recursing into reclaim from reclaim */

	/* Direct reclaim, then retry. */
	progress = try_to_free_pages(gfp, (int)order, ac->highest_zoneidx) != 0;
	if (progress) {
		page = get_page_from_freelist(gfp, order, alloc_flags, ac);
		if (page)
			return page;
	}
	if (gfp & __GFP_NORETRY)
		goto nopage;
	if (order > PAGE_ALLOC_COSTLY_ORDER && !(gfp & __GFP_RETRY_MAYFAIL))
		goto nopage;
	if (should_reclaim_retry(order, ac, alloc_flags, progress, &no_progress_loops))
		goto retry;

	/* Reclaim has failed us: the OOM killer. */
	page = __alloc_pages_may_oom(gfp, order, ac, &progress);
	if (page)
		return page;
	if (progress) {
		no_progress_loops = 0;
		goto retry;
	}
nopage:
	if (gfp & __GFP_NOFAIL) {
		/*
		 * Linux loops here until memory appears, sleeping between
		 * tries. Here this point comes only after reclaim and the OOM
		 * killer both gave up (or for a caller that cannot sleep):
		 * nothing is left that could free memory, so the loop would
		 * hang forever. One last try with the MIN reserve, then a
		 * named panic.
		 */
		page = get_page_from_freelist(gfp, order, ALLOC_MIN_RESERVE, ac);
		if (page)
			return page;
		panic("__alloc_pages: __GFP_NOFAIL allocation of order %u failed and nothing can "
		      "be reclaimed",
		      order);
	}
	if (!(gfp & __GFP_NOWARN))
		warn_alloc(gfp, order);
	return NULL;
}

/*
 * Allocate 2^order physically contiguous pages. Returns the first page
 * (refcount 1), or NULL: a failure is reported (unless __GFP_NOWARN) and
 * never hangs or panics, except for __GFP_NOFAIL (see above).
 */
gfp_t gfp_allowed_mask = GFP_BOOT_MASK;

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct alloc_context ac = { .highest_zoneidx = gfp_zone(gfp) };
	struct page *page;

	gfp &= gfp_allowed_mask;
	if (order > MAX_PAGE_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			printk(KERN_WARNING "alloc_pages: order %u > MAX_PAGE_ORDER %d\n", order,
			       MAX_PAGE_ORDER);
		return NULL;
	}
	page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW | ALLOC_CPUSET, &ac);
	if (!page)
		page = __alloc_pages_slowpath(gfp, order, &ac);
	return page;
}

/* Return a block to the buddy; checks it is a block we handed out. */
static void free_pages_ok(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), i;
	struct zone *zone;

	if (order > MAX_PAGE_ORDER)
		panic("__free_pages: order %u too large", order);
	if (!pfn_valid(pfn) || !pfn_valid(pfn + (1UL << order) - 1))
		panic("__free_pages: pfn %#lx outside memory", pfn);
	if (!IS_ALIGNED(pfn, 1UL << order))
		panic("__free_pages: pfn %#lx not aligned to order %u", pfn, order);
	zone = page_zone(page);
	for (i = 0; i < (1UL << order); i++) {
		if (PageBuddy(page + i))
			panic("__free_pages: page already free (pfn %#lx)", pfn + i);
		check_page_state(page + i, "__free_pages");
		if (page_zone(page + i) != zone)
			panic("__free_pages: block at pfn %#lx crosses zones", pfn);
	}
	for (i = 0; i < (1UL << order); i++)
		memset_page(page + i, 0, PAGE_POISON, PAGE_SIZE);
	count_vm_events(PGFREE, 1UL << order);
	__free_one_page_block(page, order);
}

/*
 * Drop a reference to a block from alloc_pages(gfp, order); the last
 * reference frees it (its contents are poisoned with PAGE_POISON).
 * Freeing a free page panics with "page already free".
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (PageBuddy(page) || page->_refcount <= 0)
		panic("__free_pages: page already free (pfn %#lx)", page_to_pfn(page));
	if (--page->_refcount == 0)
		free_pages_ok(page, order);
}

/* Like alloc_pages, but returns the kernel virtual address (or 0). */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);

	return page ? (unsigned long)(uintptr_t)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)(uintptr_t)addr), order);
}

unsigned long nr_free_pages(void)
{
	return global_zone_page_state(NR_FREE_PAGES);
}

/* Linux's totalhigh_pages(): the pages the HighMem zones manage. */
unsigned long totalhigh_pages(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_zone(zone)
		if (is_highmem_idx(zone_idx(zone)))
			n += zone_managed_pages(zone);
	return n;
}

unsigned long nr_free_highpages(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_zone(zone)
		if (is_highmem_idx(zone_idx(zone)))
			n += zone_page_state(zone, NR_FREE_PAGES);
	return n;
}
