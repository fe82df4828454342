/*
 * Page reclaim (Linux's mm/vmscan.c): how pages are reclaimed, for kswapd
 * (mm/kswapd.c) and for direct reclaim (try_to_free_pages).
 *
 * kswapd reclaims once free memory falls below a zone's LOW watermark,
 * the allocating task itself below MIN (the picture is in
 * mm/watermark.c). Both reclaim the same way, shrink_node: the anon lists
 * in batches of SWAP_CLUSTER_MAX (32), size >> priority pages of each, the
 * active list aged only while the inactive list is too small
 * (inactive_is_low). A batch of the inactive list goes through Linux's
 * central sequence:
 *
 *   isolate_lru_pages  take up to 32 pages off the tail (the oldest)
 *   shrink_page_list   one pass per page, ending in keep, activate or free:
 *       referenced through two PTEs, or again after a first chance -> activate
 *       referenced once                                -> PG_referenced, keep
 *       otherwise: a swap slot (add_to_swap), unmap every PTE (try_to_unmap),
 *       write it if dirty (pageout), out of the swap cache, free
 *   move_pages_to_lru  the pages not freed go back, each to its list
 *
 * pageout's writes wait in a plug (mm/page_io.c), so pages with
 * consecutive slots go to the disk in one request, a bio that reclaim
 * does not wait for: the page stays locked with PG_writeback and
 * PG_reclaim, and when its write ends (the disk interrupt) it is rotated
 * to the tail of the inactive list, where the next pass frees it. Reclaim
 * that frees nothing while writes are in flight waits for one to end
 * (swap_writeback_throttle) rather than give up.
 *
 * The scan deepens as the priority falls from DEF_PRIORITY (12: 1/4096 of
 * each list) to 0 (all of it). Reclaim scans the anon lists only (the
 * page cache trims its own file pages: mm/filemap.c:filemap_trim), so
 * Linux's anon/file balance (get_scan_count, swappiness) reduces to
 * scanning both anon lists by size, and nothing without swap. The lists are the node's
 * (struct pglist_data, mm/mmzone.h). kswapd, which calls shrink_node from
 * balance_pgdat, is in mm/kswapd.c.
 */
#include "mm/vmscan.h"
#include "kernel/kernel.h"
#include "kernel/lib/int_sqrt.h"
#include "kernel/sched.h"
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/mlock.h"
#include "mm/mmzone.h"
#include "mm/rmap.h"
#include "mm/shmem_fs.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/vmstat.h"
#include "mm/vmtrace.h"

/* What pageout did with a dirty page (Linux's pageout_t). */
typedef enum {
	PAGE_KEEP,    /* could not be written: keep it */
	PAGE_SUCCESS, /* its write is queued or done */
	PAGE_CLEAN,   /* it was clean after all: free it */
} pageout_t;

/* What one shrink_page_list pass did (Linux's struct reclaim_stat, in part). */
struct reclaim_stat {
	unsigned int nr_pageout;  /* writes started */
	unsigned int nr_activate; /* pages moved to the active list */
};

/* The next page to work on: the oldest, at the tail (Linux's lru_to_folio). */
#define lru_to_page(head) list_last_entry(head, struct page, lru)

static bool page_in_reclaim_zone(const struct page *page, const struct scan_control *sc)
{
	return page_zonenum(page) <= sc->reclaim_idx;
}

/* ---- the inactive list --------------------------------------------------- */

/*
 * Linux's folio_check_references for an anonymous page: the second chance.
 * A page used since the last look keeps PG_referenced, also when it is
 * activated: should it be deactivated later (PG_referenced survives that)
 * and used again, its next look activates it at once, "so that recently
 * deactivated but used folios are quickly recovered" (Linux).
 */
enum page_references page_check_references(struct page *page)
{
	int referenced_ptes = page_mapped(page) ? page_referenced(page) : 0;
	bool referenced_page = PageReferenced(page);

	ClearPageReferenced(page);
	if (PageMlocked(page))
		return PAGEREF_ACTIVATE; /* found in a VM_LOCKED area: to the unevictable list */
	if (referenced_ptes) {
		SetPageReferenced(page);
		if (referenced_page || referenced_ptes > 1)
			return PAGEREF_ACTIVATE;
		return PAGEREF_KEEP;
	}
	return PAGEREF_RECLAIM;
}

/*
 * Take up to nr_to_scan pages off the tail of lru onto dst (the oldest at
 * dst's tail, for lru_to_page), each off its list (PG_lru clear) and with
 * a reference of ours: nobody else can take it, and its owner's last
 * put_page will not free it under us. Pages of zones above
 * sc->reclaim_idx, no help to this request, stay where they are. Returns
 * how many were taken: they count as scanned.
 */
static unsigned long isolate_lru_pages(unsigned long nr_to_scan, struct lruvec *lruvec,
				       struct list_head *dst, struct scan_control *sc,
				       enum lru_list lru)
{
	struct list_head *src = &lruvec->lists[lru];
	struct page *page, *prev;
	unsigned long nr_taken = 0;

	for (page = list_last_entry(src, struct page, lru);
	     &page->lru != src && nr_taken < nr_to_scan; page = prev) {
		prev = list_entry(page->lru.prev, struct page, lru);
		if (!page_in_reclaim_zone(page, sc)) {
			/* A HighMem page cannot help a GFP_KERNEL shortage (classzone). */
			__count_zid_vm_events(PGSCAN_SKIP_DMA, (int)page_zonenum(page), 1);
			continue;
		}
		get_page(page);
		del_page_from_lru_list(page);
		list_add(&page->lru, dst);
		nr_taken++;
	}
	return nr_taken;
}

/*
 * Nobody but the swap cache and us holds the page (locked, unmapped):
 * take it out of the swap cache. Returns false, leaving it, if a fault
 * took it back meanwhile (Linux's __remove_mapping for the swap cache).
 */
static bool remove_mapping(struct page *page)
{
	if (page_mapped(page) || page_count(page) != 2)
		return false;
	delete_from_swap_cache(page);
	return true;
}

/*
 * Write a dirty, unmapped page of the swap cache to its slot (Linux's
 * pageout): PG_reclaim says reclaim wants it freed once written. The
 * write waits in plug, with the page locked, until the plug is sent.
 */
static pageout_t pageout(struct page *page, struct swap_iocb *plug)
{
	if (!PageSwapCache(page))
		return PAGE_KEEP;
	if (!PageDirty(page))
		return PAGE_CLEAN;
	if (PageError(page)) { /* its batch failed: alone, synchronously, a bad slot retired */
		if (swap_writepage(page, page_swap_entry(page)))
			return PAGE_KEEP;
		ClearPageError(page);
		ClearPageDirty(page);
		return PAGE_CLEAN;
	}
	ClearPageDirty(page);
	SetPageReclaim(page);
	__swap_writepage(page, plug);
	return PAGE_SUCCESS;
}

/*
 * Reclaim the isolated pages on page_list (Linux's shrink_folio_list):
 * each page goes through one pass from top to bottom, which ends in
 * free_it (freed), activate_locked (PG_active set, kept) or keep_locked /
 * keep (kept). A page whose write is queued is kept, and its write
 * unlocks it: the plug is sent before this returns. The kept pages are
 * left on page_list for move_pages_to_lru. Returns how many were freed.
 */
static unsigned long shrink_page_list(struct list_head *page_list, struct reclaim_stat *stat)
{
	LIST_HEAD(ret_pages);
	struct swap_iocb plug = { .nr = 0 };
	unsigned long nr_reclaimed = 0, pgactivate = 0;

	while (!list_empty(page_list)) {
		struct page *page = lru_to_page(page_list);

		list_del_init(&page->lru);
		if (!trylock_page(page))
			goto keep;
		if (!page_mapped(page) && !PageSwapCache(page) && page_count(page) == 1)
			goto free_it; /* its owner let go while it was isolated */
		if (!page_evictable(page))
			goto activate_locked; /* mlocked meanwhile: putback culls it */

		switch (page_check_references(page)) {
		case PAGEREF_ACTIVATE:
			goto activate_locked;
		case PAGEREF_KEEP:
			goto keep_locked;
		case PAGEREF_RECLAIM:
			break;
		}

		/* tmpfs, shared memory: to the swap cache, the entry left in its file (Linux's
		 * shmem_writepage) */
		if (page_is_shmem(page) && !shmem_writepage(page))
			goto activate_locked;
		if (!PageSwapCache(page) && !add_to_swap(page))
			goto activate_locked; /* no swap, or swap full: wait on the active list */
		if (page_mapped(page) && !try_to_unmap(page))
			goto activate_locked;
		if (!page_mapped(page) && __swap_count(page_swap_entry(page)) == 0)
			goto free_it; /* its owners are gone: nobody will read the slot */

		if (PageDirty(page)) {
			switch (pageout(page, &plug)) {
			case PAGE_KEEP:
				goto keep_locked;
			case PAGE_SUCCESS:
				stat->nr_pageout++;
				if (PageWriteback(page) || PageDirty(page))
					goto keep; /* queued (the write unlocks it), or failed */
				if (!trylock_page(page))
					goto keep;
				break; /* written at once: free it now */
			case PAGE_CLEAN:
				break;
			}
		}

free_it:
		if (PageSwapCache(page) && !remove_mapping(page))
			goto keep_locked;
		unlock_page(page);
		put_page(page); /* our reference, the last: the page is free */
		nr_reclaimed++;
		continue;

activate_locked:
		/* Not to be swapped soon: give the slot back (Linux: also when mlocked). */
		if (PageSwapCache(page) && (vm_swap_full() || PageMlocked(page)))
			try_to_free_swap(page);
		if (!PageMlocked(page)) { /* Linux does not count an mlocked page as activated */
			SetPageActive(page);
			pgactivate++;
		}
keep_locked:
		unlock_page(page);
keep:
		list_add(&page->lru, &ret_pages);
	}
	swap_write_unplug(&plug);
	list_splice(&ret_pages, page_list);
	count_vm_events(PGACTIVATE, pgactivate);
	stat->nr_activate += pgactivate;
	return nr_reclaimed;
}

/*
 * Put the isolated pages on list back, each on the list its flags name
 * (mlocked ones on the unevictable list: putback_lru_page), and drop our
 * reference (Linux's move_folios_to_lru). A page whose swap write failed
 * (PG_error, dirty) holds the only copy of its data: it goes to the
 * unevictable list too (Tidemark's choice; Linux keeps retrying it).
 */
static void move_pages_to_lru(struct list_head *list)
{
	while (!list_empty(list)) {
		struct page *page = lru_to_page(list);

		list_del_init(&page->lru);
		if (PageError(page) && PageDirty(page))
			add_page_to_lru_list(page, LRU_UNEVICTABLE);
		else
			putback_lru_page(page);
		put_page(page);
	}
}

/*
 * The pages of list whose write ended well (clean, PG_reclaim) move to
 * retry: their one more pass frees them. Linux's evict_folios retries
 * them the same way ("folios that may have missed
 * folio_rotate_reclaimable"); classic Linux rotates them to the tail of
 * the inactive list when the write ends.
 */
static void pages_to_retry(struct list_head *list, struct list_head *retry)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		if (PageReclaim(page) && !PageDirty(page) && !PageWriteback(page)) {
			ClearPageReclaim(page);
			list_move(&page->lru, retry);
		}
	}
}

/*
 * Reclaim from the tail of the inactive list: isolate a batch, shrink it,
 * put back what was not freed (Linux's shrink_inactive_list). Counts
 * pgscan_* and pgsteal_*; returns how many pages were freed.
 */
static unsigned long shrink_inactive_list(unsigned long nr_to_scan, struct scan_control *sc)
{
	struct lruvec *lruvec = node_lruvec(NODE_DATA(0));
	struct reclaim_stat stat = { 0 };
	LIST_HEAD(page_list);
	LIST_HEAD(retry);
	unsigned long nr_taken, nr_reclaimed;

	lru_rotate_drain(); /* pages whose writes ended: to the tail, taken first */
	nr_taken = isolate_lru_pages(nr_to_scan, lruvec, &page_list, sc, LRU_INACTIVE_ANON);
	count_vm_events(sc->is_kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, nr_taken);
	count_vm_events(PGSCAN_ANON, nr_taken);
	sc->nr_scanned += nr_taken;

	nr_reclaimed = shrink_page_list(&page_list, &stat);
	if (stat.nr_pageout)
		pages_to_retry(&page_list, &retry);
	if (!list_empty(&retry)) {
		nr_reclaimed += shrink_page_list(&retry, &stat);
		list_splice(&retry, &page_list);
	}
	move_pages_to_lru(&page_list);

	count_vm_events(sc->is_kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, nr_reclaimed);
	count_vm_events(PGSTEAL_ANON, nr_reclaimed);
	return nr_reclaimed;
}

/* ---- the active list ----------------------------------------------------- */

/*
 * Move nr_to_scan pages from the tail of the active list to the inactive
 * list, clearing their accessed bits: Linux deactivates anonymous pages
 * whether or not they were referenced, the inactive list's second chance
 * is what protects a page in use. PG_referenced stays as it is (Linux's
 * shrink_active_list leaves it too): see page_check_references.
 */
void shrink_active_list(unsigned long nr_to_scan, struct scan_control *sc)
{
	struct list_head *list = &node_lruvec(NODE_DATA(0))->lists[LRU_ACTIVE_ANON];
	unsigned long n = 0;

	while (n < nr_to_scan && !list_empty(list)) {
		struct page *page = list_last_entry(list, struct page, lru);

		del_page_from_lru_list(page);
		if (page_in_reclaim_zone(page, sc) && page_mapped(page))
			page_referenced(page); /* may find it locked: then putback culls it */
		ClearPageActive(page);
		putback_lru_page(page);
		n++;
	}
	count_vm_events(PGREFILL, n);
	count_vm_events(PGDEACTIVATE, n);
}

/* Linux's inactive_is_low: inactive * sqrt(10 * GiB) < active (ratio 1 below 1 GiB). */
bool inactive_is_low(struct lruvec *lruvec)
{
	unsigned long inactive = lruvec->nr_pages[LRU_INACTIVE_ANON];
	unsigned long active = lruvec->nr_pages[LRU_ACTIVE_ANON];
	unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT);
	unsigned long ratio = gb ? int_sqrt(10 * gb) : 1;

	return inactive * ratio < active;
}

/* ---- a reclaim pass ------------------------------------------------------ */

/*
 * Linux's prepare_scan_control, anon part: the active list may be aged in
 * this pass only if the inactive list is too small (Linux also ages when
 * workingset refaults are seen; there is no refault detection here).
 */
static void prepare_scan_control(struct pglist_data *pgdat, struct scan_control *sc)
{
	sc->may_deactivate = inactive_is_low(node_lruvec(pgdat));
}

/*
 * Linux's get_scan_count for the anon lists: size >> priority of each,
 * counting only pages of zones that help (lruvec_lru_size). Linux scales
 * anon by swappiness and reclaim cost against the file lists (SCAN_FRACT)
 * when the inactive list is low; with no file lists to scan that would
 * only slow the scan, so both lists get their whole share (SCAN_EQUAL's
 * rule).
 */
static void get_scan_count(struct pglist_data *pgdat, const struct scan_control *sc,
			   unsigned long *nr)
{
	unsigned long inactive = 0, active = 0;
	struct zone *zone;
	int z;

	for_each_managed_zone_pgdat(zone, pgdat, z, sc->reclaim_idx) {
		inactive += zone_page_state(zone, NR_ZONE_INACTIVE_ANON);
		active += zone_page_state(zone, NR_ZONE_ACTIVE_ANON);
	}
	nr[LRU_INACTIVE_ANON] = inactive >> sc->priority;
	nr[LRU_ACTIVE_ANON] = active >> sc->priority;
}

/* Linux's shrink_list: the active list is aged only if sc->may_deactivate allows. */
static unsigned long shrink_list(enum lru_list lru, unsigned long nr_to_scan,
				 struct scan_control *sc)
{
	if (lru == LRU_ACTIVE_ANON) {
		if (sc->may_deactivate)
			shrink_active_list(nr_to_scan, sc);
		return 0;
	}
	return shrink_inactive_list(nr_to_scan, sc);
}

/*
 * Linux's shrink_lruvec: walk both anon lists in batches of 32 while the
 * inactive list has pages left to scan, until enough is reclaimed (direct
 * reclaim at DEF_PRIORITY finishes its batch: "proportional_reclaim"),
 * then age the active list once more if the inactive list is still low.
 */
static void shrink_lruvec(struct pglist_data *pgdat, struct scan_control *sc)
{
	unsigned long nr[NR_LRU_LISTS] = { 0 };
	unsigned long nr_reclaimed = 0;
	bool proportional_reclaim = !sc->is_kswapd && sc->priority == DEF_PRIORITY;

	get_scan_count(pgdat, sc, nr);
	while (nr[LRU_INACTIVE_ANON]) {
		enum lru_list lru;

		for (lru = LRU_INACTIVE_ANON; lru <= LRU_ACTIVE_ANON; lru++) {
			unsigned long nr_to_scan = min(nr[lru], SWAP_CLUSTER_MAX);

			nr[lru] -= nr_to_scan;
			if (nr_to_scan)
				nr_reclaimed += shrink_list(lru, nr_to_scan, sc);
		}
		/* Linux then rebalances anon against file; with no file lists scanned it stops */
		if (nr_reclaimed >= sc->nr_to_reclaim && !proportional_reclaim)
			break;
		cond_resched(); /* writes do not sleep: let a woken task run, as Linux */
	}
	sc->nr_reclaimed += nr_reclaimed;

	/* "we want to rebalance the anon lru active/inactive ratio" */
	if (inactive_is_low(node_lruvec(pgdat)))
		shrink_active_list(SWAP_CLUSTER_MAX, sc);
}

/* Linux's shrink_node for one node and no cgroups. Exported for mm/vmscan_ktest.c. */
void shrink_node(struct scan_control *sc)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long nr_reclaimed = sc->nr_reclaimed;

	if (!total_swap_pages || (!nr_swap_pages && !nr_swapcache_pages))
		return; /* anonymous pages can only go to swap (or out of its cache) */
	prepare_scan_control(pgdat, sc);
	shrink_lruvec(pgdat, sc);
	if (sc->nr_reclaimed - nr_reclaimed)
		pgdat->kswapd_failures = 0; /* reclaim works again: kswapd may be woken */
}

/*
 * Direct reclaim in the allocating task (Linux's try_to_free_pages):
 * counts allocstall_<zone>, then shrinks at falling priority until 32
 * pages are free or the whole list was scanned. Returns pages reclaimed.
 */
unsigned long try_to_free_pages(gfp_t gfp, int order, enum zone_type highest_zoneidx)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.priority = DEF_PRIORITY,
		.reclaim_idx = highest_zoneidx,
	};

	(void)gfp;
	(void)order;
	__count_zid_vm_events(ALLOCSTALL_DMA, (int)highest_zoneidx, 1);
	vmtrace_event(VMTRACE_ALLOCSTALL);
	if (current->flags & PF_MEMALLOC)
		return 0; /* reclaim's own allocations never recurse into reclaim */
	current->flags |= PF_MEMALLOC;
	for (; sc.priority >= 0 && sc.nr_reclaimed < sc.nr_to_reclaim; sc.priority--) {
		unsigned long before = sc.nr_reclaimed;

		shrink_node(&sc);
		if (sc.nr_reclaimed == before)
			swap_writeback_throttle(); /* pages being written free soon */
	}
	current->flags &= ~PF_MEMALLOC;
	return sc.nr_reclaimed;
}

/* Pages reclaim could still free in zone (what should_reclaim_retry adds to free). */
unsigned long zone_reclaimable_pages(struct zone *zone)
{
	if (!total_swap_pages)
		return 0;
	return zone_page_state(zone, NR_ZONE_INACTIVE_ANON) +
	       zone_page_state(zone, NR_ZONE_ACTIVE_ANON);
}
