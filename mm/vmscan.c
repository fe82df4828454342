/*
 * Page reclaim (Linux's mm/vmscan.c): how pages are reclaimed, for kswapd
 * (mm/kswapd.c) and for direct reclaim (try_to_free_pages).
 *
 * kswapd reclaims once free memory falls below a zone's LOW watermark,
 * the allocating task itself below MIN (the picture is in
 * mm/watermark.c). Both reclaim the same way, shrink_node: the four
 * evictable lists in batches of SWAP_CLUSTER_MAX (32), as many pages of
 * each as get_scan_count gives it (swappiness and the recent cost of each
 * type decide between anon and file: mm/vmscan_balance.c), an active list
 * aged only while its inactive list is too small (inactive_is_low) or its
 * type refaults. A batch of an inactive list goes through Linux's central
 * sequence:
 *
 *   isolate_lru_pages  take up to 32 pages off the tail (the oldest)
 *   shrink_page_list   one pass per page, ending in keep, activate or free:
 *       referenced through two PTEs, or again after a first chance -> activate
 *       referenced once                                -> PG_referenced, keep
 *       anon: a swap slot (add_to_swap), unmap every PTE (try_to_unmap),
 *             write it if dirty (pageout), out of the swap cache, free
 *       file, dirty: not written here (Linux since 3.x writes file pages
 *             from the flusher only): PG_reclaim, activated, the flusher
 *             woken; its write's end rotates it to the inactive tail
 *       file, clean: out of the page cache, a shadow entry left in its
 *             place (__remove_mapping, mm/workingset.c), free
 *   move_pages_to_lru  the pages not freed go back, each to its list
 *
 * pageout's writes wait in a plug (mm/page_io.c), so pages with
 * consecutive slots go to the disk in one request, a bio that reclaim
 * does not wait for: the page stays locked with PG_writeback and
 * PG_reclaim, and when its write ends (the disk interrupt) it is rotated
 * to the tail of the inactive list, where the next pass frees it. Reclaim
 * that frees nothing while writes are in flight waits for one to end
 * (reclaim_throttle) rather than give up.
 *
 * The scan deepens as the priority falls from DEF_PRIORITY (12: 1/4096 of
 * each list) to 0 (all of it). The lists are the node's (struct
 * pglist_data, mm/mmzone.h). kswapd, which calls shrink_node from
 * balance_pgdat, is in mm/kswapd.c.
 */
#include "mm/vmscan.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "kernel/sched.h"
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/mlock.h"
#include "mm/mmap.h" /* VM_EXEC */
#include "mm/mmzone.h"
#include "mm/pagemap.h"
#include "mm/rmap.h"
#include "mm/shmem_fs.h"
#include "mm/shrinker.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/vmstat.h"
#include "mm/vmtrace.h"
#include "mm/workingset.h"

/* What pageout did with a dirty page (Linux's pageout_t). */
typedef enum {
	PAGE_KEEP,    /* could not be written: keep it */
	PAGE_SUCCESS, /* its write is queued or done */
	PAGE_CLEAN,   /* it was clean after all: free it */
} pageout_t;

/* What one shrink_page_list pass did (Linux's struct reclaim_stat, in part). */
struct reclaim_stat {
	unsigned int nr_pageout;	/* writes started */
	unsigned int nr_activate;	/* pages moved to the active list */
	unsigned int nr_unqueued_dirty; /* dirty file pages left to the flusher */
};

/* The next page to work on: the oldest, at the tail (Linux's lru_to_folio). */
#define lru_to_page(head) list_last_entry(head, struct page, lru)

static bool page_in_reclaim_zone(const struct page *page, const struct scan_control *sc)
{
	return page_zonenum(page) <= sc->reclaim_idx;
}

/* ---- the inactive list --------------------------------------------------- */

/*
 * Linux's folio_check_references: the second chance. A page used since
 * the last look keeps PG_referenced, also when it is activated: should it
 * be deactivated later (PG_referenced survives that) and used again, its
 * next look activates it at once, "so that recently deactivated but used
 * folios are quickly recovered" (Linux). A file page only read or written
 * (PG_referenced, no PTE) goes if it is clean: RECLAIM_CLEAN. A file
 * page an executable area referenced is activated at its first PTE
 * reference, as Linux's VM_EXEC rule (page_referenced_flags reports it).
 */
enum page_references page_check_references(struct page *page)
{
	unsigned long vm_flags = 0;
	int referenced_ptes = page_mapped(page) ? page_referenced_flags(page, &vm_flags) : 0;
	bool referenced_page = PageReferenced(page);

	ClearPageReferenced(page);
	if (PageMlocked(page))
		return PAGEREF_ACTIVATE; /* found in a VM_LOCKED area: to the unevictable list */
	if (referenced_ptes) {
		SetPageReferenced(page);
		if (referenced_page || referenced_ptes > 1)
			return PAGEREF_ACTIVATE;
		/* "Activate file-backed executable folios after first usage" (Linux; 16-mmap) */
		if ((vm_flags & VM_EXEC) && page_is_file_lru(page))
			return PAGEREF_ACTIVATE;
		return PAGEREF_KEEP;
	}
	if (referenced_page && page_is_file_lru(page))
		return PAGEREF_RECLAIM_CLEAN;
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
 * Take the locked, unmapped page out of its cache if nobody but the cache
 * and us holds it (Linux's __remove_mapping): the swap cache or the page
 * cache, where a shadow entry takes its place (mm/workingset.c). Returns
 * false, leaving it, if somebody took a reference meanwhile or it was
 * dirtied (a write(2) through the cache).
 */
static bool remove_mapping(struct page *page)
{
	if (page_mapped(page) || page_count(page) != 2)
		return false;
	if (PageSwapCache(page)) {
		__delete_from_swap_cache(page, workingset_eviction(page));
		return true;
	}
	if (PageDirty(page) || PageWriteback(page))
		return false;
	__delete_from_page_cache(page, workingset_eviction(page));
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
 * What to do with a file page reclaim wants (Linux's shrink_folio_list
 * after the references): a mapped one is unmapped first, through the
 * file's reverse map (try_to_unmap; a PTE's dirty bit moves to the page);
 * a dirty one is left to the flusher, which reclaim never writes for:
 * PG_reclaim, so its write's end rotates it to the inactive tail, and
 * activated meanwhile ("move dirty pages out of the way until they're
 * flushed"). Returns PAGEREF_RECLAIM for a clean, unmapped page that may
 * go.
 */
static enum page_references file_page_verdict(struct page *page, struct reclaim_stat *stat)
{
	if (!page->mapping)
		return PAGEREF_KEEP; /* truncated, and still held by someone */
	if (page_mapped(page) && !try_to_unmap(page))
		return PAGEREF_ACTIVATE; /* mapped by a VM_LOCKED area */
	if (PageDirty(page) || PageWriteback(page)) {
		if (PageDirty(page))
			stat->nr_unqueued_dirty++;
		SetPageReclaim(page);
		return PAGEREF_ACTIVATE;
	}
	return PAGEREF_RECLAIM;
}

/*
 * The anonymous half (Linux's shrink_folio_list): a swap slot, every PTE
 * unmapped, the page written if dirty. Returns PAGEREF_RECLAIM when the
 * page may be freed now, PAGEREF_KEEP when it stays locked in the list,
 * PAGEREF_ACTIVATE when swap cannot take it; -1 when its write is
 * queued or failed (the page is no longer locked by us).
 */
static int anon_page_verdict(struct page *page, struct swap_iocb *plug, struct reclaim_stat *stat)
{
	if (!PageSwapCache(page) && !page_is_shmem(page) && !add_to_swap(page))
		return PAGEREF_ACTIVATE; /* no swap, or swap full: wait on the active list */
	if (page_mapped(page) && !try_to_unmap(page))
		return PAGEREF_ACTIVATE;
	/* tmpfs, shared memory: now unmapped, to the swap cache, the swap entry left in
	 * its file (Linux's pageout calls shmem_writepage) */
	if (page_is_shmem(page) && !shmem_writepage(page))
		return PAGEREF_ACTIVATE;
	if (!page_mapped(page) && __swap_count(page_swap_entry(page)) == 0)
		return PAGEREF_RECLAIM; /* its owners are gone: nobody will read the slot */
	if (!PageDirty(page))
		return PAGEREF_RECLAIM;
	switch (pageout(page, plug)) {
	case PAGE_KEEP:
		return PAGEREF_KEEP;
	case PAGE_SUCCESS:
		stat->nr_pageout++;
		if (PageWriteback(page) || PageDirty(page))
			return -1; /* queued (the write unlocks it), or failed */
		if (!trylock_page(page))
			return -1;
		return PAGEREF_RECLAIM; /* written at once: free it now */
	case PAGE_CLEAN:
		break;
	}
	return PAGEREF_RECLAIM;
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
		enum page_references references;
		int verdict;

		list_del_init(&page->lru);
		if (!trylock_page(page))
			goto keep;
		if (!page_mapped(page) && !PageSwapCache(page) && !page->mapping &&
		    page_count(page) == 1)
			goto free_it; /* its owner let go (or truncated it) while it was isolated */
		if (!page_evictable(page))
			goto activate_locked; /* mlocked meanwhile: putback culls it */

		references = page_check_references(page);
		if (references == PAGEREF_ACTIVATE)
			goto activate_locked;
		if (references == PAGEREF_KEEP)
			goto keep_locked;
		if (references == PAGEREF_RECLAIM_CLEAN && PageDirty(page))
			goto keep_locked; /* used, and dirty: let the flusher write it first */

		if (page_is_file_lru(page))
			verdict = (int)file_page_verdict(page, stat);
		else
			verdict = anon_page_verdict(page, &plug, stat);
		if (verdict < 0)
			goto keep;
		if (verdict == PAGEREF_ACTIVATE)
			goto activate_locked;
		if (verdict == PAGEREF_KEEP)
			goto keep_locked;

free_it:
		if ((PageSwapCache(page) || (page_is_file_lru(page) && page->mapping)) &&
		    !remove_mapping(page))
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
 * reference (Linux's move_folios_to_lru). A page that ends up active
 * moves the workingset clock. An anonymous page whose swap write failed
 * (PG_error, dirty) holds the only copy of its data: it goes to the
 * unevictable list too (Tidemark's choice; Linux keeps retrying it).
 */
static void move_pages_to_lru(struct list_head *list)
{
	while (!list_empty(list)) {
		struct page *page = lru_to_page(list);

		list_del_init(&page->lru);
		if (PageError(page) && PageDirty(page) && !page_is_file_lru(page))
			add_page_to_lru_list(page, LRU_UNEVICTABLE);
		else
			putback_lru_page(page);
		if (PageActive(page))
			workingset_age_nonresident(node_lruvec(page_pgdat(page)), 1);
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
		if (PageReclaim(page) && !PageDirty(page) && !PageWriteback(page) &&
		    !page_is_file_lru(page)) {
			ClearPageReclaim(page);
			list_move(&page->lru, retry);
		}
	}
}

/*
 * Reclaim from the tail of an inactive list: isolate a batch, shrink it,
 * put back what was not freed (Linux's shrink_inactive_list). Counts
 * pgscan_* and pgsteal_*, notes the cost of the writes started
 * (lru_note_cost), and wakes the flusher if every page taken was dirty
 * and not yet queued: it is not keeping up. Returns how many pages were
 * freed.
 */
static unsigned long shrink_inactive_list(unsigned long nr_to_scan, struct scan_control *sc,
					  enum lru_list lru)
{
	struct lruvec *lruvec = node_lruvec(NODE_DATA(0));
	bool file = is_file_lru(lru);
	struct reclaim_stat stat = { 0 };
	LIST_HEAD(page_list);
	LIST_HEAD(retry);
	unsigned long nr_taken, nr_reclaimed;

	lru_rotate_drain(); /* pages whose writes ended: to the tail, taken first */
	nr_taken = isolate_lru_pages(nr_to_scan, lruvec, &page_list, sc, lru);
	count_vm_events(sc->is_kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, nr_taken);
	count_vm_events(PGSCAN_ANON + file, nr_taken);
	sc->nr_scanned += nr_taken;
	if (!nr_taken)
		return 0;

	nr_reclaimed = shrink_page_list(&page_list, &stat);
	if (stat.nr_pageout)
		pages_to_retry(&page_list, &retry);
	if (!list_empty(&retry)) {
		nr_reclaimed += shrink_page_list(&retry, &stat);
		list_splice(&retry, &page_list);
	}
	move_pages_to_lru(&page_list);

	count_vm_events(sc->is_kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, nr_reclaimed);
	count_vm_events(PGSTEAL_ANON + file, nr_reclaimed);
	lru_note_cost(lruvec, file, stat.nr_pageout);
	if (stat.nr_unqueued_dirty == nr_taken)
		wakeup_flusher_threads_vmscan();
	return nr_reclaimed;
}

/* ---- the active list ----------------------------------------------------- */

/*
 * Move nr_to_scan pages from the tail of the active list lru to its
 * inactive list, clearing their accessed bits (Linux's
 * shrink_active_list): Linux deactivates pages whether or not they were
 * referenced, the inactive list's second chance is what protects a page
 * in use, except referenced executable file pages (text), which stay for
 * another trip on the active list. A deactivated page gets PG_workingset:
 * should it be evicted and refault, that is thrashing. PG_referenced
 * stays as it is (Linux leaves it too): see page_check_references.
 */
void shrink_active_list(unsigned long nr_to_scan, struct scan_control *sc, enum lru_list lru)
{
	struct list_head *list = &node_lruvec(NODE_DATA(0))->lists[lru];
	unsigned long n = 0, kept = 0, vm_flags;
	struct page *page, *prev;
	LIST_HEAD(l_active);

	for (page = list_last_entry(list, struct page, lru); &page->lru != list && n < nr_to_scan;
	     page = prev) {
		prev = list_entry(page->lru.prev, struct page, lru);
		if (!page_in_reclaim_zone(page, sc)) {
			__count_zid_vm_events(PGSCAN_SKIP_DMA, (int)page_zonenum(page), 1);
			continue;
		}
		n++;
		/* may find it locked: then putback culls it */
		if (page_mapped(page) && page_referenced_flags(page, &vm_flags) &&
		    (vm_flags & VM_EXEC) && page_is_file_lru(page) && !PageMlocked(page)) {
			list_move(&page->lru,
				  &l_active); /* text in use: another trip (Linux; 16-mmap) */
			kept++;
			continue;
		}
		del_page_from_lru_list(page);
		ClearPageActive(page);
		SetPageWorkingset(page);
		putback_lru_page(page); /* on the inactive list of its type */
	}
	list_splice(&l_active, list);
	count_vm_events(PGREFILL, n);
	count_vm_events(PGDEACTIVATE, n - kept);
}

/* ---- a reclaim pass ------------------------------------------------------ */

/* Linux's shrink_list: an active list is aged only if sc->may_deactivate allows. */
static unsigned long shrink_list(enum lru_list lru, unsigned long nr_to_scan,
				 struct scan_control *sc)
{
	if (is_active_lru(lru)) {
		if (sc->may_deactivate & (1U << is_file_lru(lru)))
			shrink_active_list(nr_to_scan, sc, lru);
		else
			sc->skipped_deactivate = true;
		return 0;
	}
	return shrink_inactive_list(nr_to_scan, sc, lru);
}

/*
 * Linux's shrink_lruvec: walk the four lists in batches of 32 while
 * inactive anon or either file list has pages left to scan; once enough
 * is reclaimed, scale the rest back (scan_adjust; direct reclaim at
 * DEF_PRIORITY finishes its scan as it was planned). Then age the active
 * anon list once more if its inactive list is still low.
 */
static void shrink_lruvec(struct pglist_data *pgdat, struct scan_control *sc)
{
	struct lruvec *lruvec = node_lruvec(pgdat);
	unsigned long nr[NR_LRU_LISTS] = { 0 }, targets[NR_LRU_LISTS];
	unsigned long nr_reclaimed = 0;
	bool scan_adjusted = !sc->is_kswapd && sc->priority == DEF_PRIORITY;
	enum lru_list lru;

	get_scan_count(lruvec, sc, nr);
	memcpy(targets, nr, sizeof(nr));
	while (nr[LRU_INACTIVE_ANON] || nr[LRU_ACTIVE_FILE] || nr[LRU_INACTIVE_FILE]) {
		for_each_evictable_lru(lru)
		{
			unsigned long nr_to_scan = min(nr[lru], SWAP_CLUSTER_MAX);

			nr[lru] -= nr_to_scan;
			if (nr_to_scan)
				nr_reclaimed += shrink_list(lru, nr_to_scan, sc);
		}
		cond_resched(); /* writes do not sleep: let a woken task run, as Linux */
		if (nr_reclaimed < sc->nr_to_reclaim || scan_adjusted)
			continue;
		if (!(nr[LRU_INACTIVE_FILE] + nr[LRU_ACTIVE_FILE]) ||
		    !(nr[LRU_INACTIVE_ANON] + nr[LRU_ACTIVE_ANON]))
			break;
		scan_adjust(nr, targets);
		scan_adjusted = true;
	}
	sc->nr_reclaimed += nr_reclaimed;

	/* "we want to rebalance the anon lru active/inactive ratio" */
	if (can_age_anon_pages() && inactive_is_low(lruvec, LRU_INACTIVE_ANON))
		shrink_active_list(SWAP_CLUSTER_MAX, sc, LRU_ACTIVE_ANON);
}

/*
 * Linux's shrink_node for one node and no cgroups: the LRU lists, then
 * the shrinkers at the same priority (mm/shrinker.c). Exported for
 * mm/vmscan_ktest.c.
 */
void shrink_node(struct scan_control *sc)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long nr_reclaimed = sc->nr_reclaimed;

	prepare_scan_count(pgdat, sc);
	shrink_lruvec(pgdat, sc);
	shrink_slab(sc->gfp_mask, 0, sc->priority);
	if (sc->nr_reclaimed - nr_reclaimed)
		pgdat->kswapd_failures = 0; /* reclaim works again: kswapd may be woken */
}

/*
 * Nothing was reclaimed at this priority: wait (HZ/10 at most) for a
 * write that will free pages, swap or file (Linux's reclaim_throttle for
 * VMSCAN_THROTTLE_WRITEBACK).
 */
void reclaim_throttle(void)
{
	swap_writeback_throttle();
	writeback_throttle();
}

/*
 * Direct reclaim in the allocating task (Linux's try_to_free_pages and
 * do_try_to_free_pages): counts allocstall_<zone>, then shrinks at
 * falling priority until 32 pages are free or the whole list was
 * scanned; if that freed nothing while an active list was left alone, it
 * tries once more with both active lists aged (force_deactivate).
 * Returns pages reclaimed.
 */
unsigned long try_to_free_pages(gfp_t gfp, int order, enum zone_type highest_zoneidx)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = gfp,
		.reclaim_idx = highest_zoneidx,
	};

	(void)order;
	__count_zid_vm_events(ALLOCSTALL_DMA, (int)highest_zoneidx, 1);
	vmtrace_event(VMTRACE_ALLOCSTALL);
	if (current->flags & PF_MEMALLOC)
		return 0; /* reclaim's own allocations never recurse into reclaim */
	current->flags |= PF_MEMALLOC;
retry:
	for (sc.priority = DEF_PRIORITY; sc.priority >= 0 && sc.nr_reclaimed < sc.nr_to_reclaim;
	     sc.priority--) {
		unsigned long before = sc.nr_reclaimed;

		shrink_node(&sc);
		if (sc.nr_reclaimed == before)
			reclaim_throttle(); /* pages being written free soon */
	}
	if (!sc.nr_reclaimed && sc.skipped_deactivate && !sc.force_deactivate) {
		sc.force_deactivate = true;
		sc.skipped_deactivate = false;
		goto retry;
	}
	snapshot_refaults(node_lruvec(NODE_DATA(0)));
	current->flags &= ~PF_MEMALLOC;
	return sc.nr_reclaimed;
}
