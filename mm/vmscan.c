/*
 * Page reclaim (Linux's mm/vmscan.c): kswapd and direct reclaim.
 *
 *   free pages
 *      ^
 *      |  -------------- HIGH   kswapd stops here
 *      |  -------------- LOW    an allocation below LOW wakes kswapd
 *      |  -------------- MIN    below MIN the allocating task reclaims
 *      |                        itself (direct reclaim, allocstall)
 *
 * Both reclaim the same way, shrink_node: walk the anon lists in batches
 * of SWAP_CLUSTER_MAX (32), size >> priority pages of each, the active list
 * aged only while the inactive list is too small (inactive_is_low); each
 * page scanned at the tail of the inactive list is judged:
 *
 *   referenced through two PTEs, or again after a first chance -> active list
 *   referenced once                                           -> PG_referenced, stays
 *   otherwise: a swap slot (add_to_swap), unmap every PTE (try_to_unmap,
 *   through the rmap chain), write it to swap if dirty (one request per
 *   run of consecutive slots: write_clusters), drop it from the swap cache
 *   and free it.
 *
 * How much is scanned grows as the priority falls from DEF_PRIORITY (12:
 * 1/4096 of the list) to 0 (all of it). Only anonymous pages exist (no
 * page cache yet), so Linux's anon/file balance (get_scan_count with
 * swappiness) is reduced to scanning both anon lists by size, and to
 * scanning nothing when there is no swap; vm_swappiness is kept and
 * validated for when file pages exist.
 */
#include "mm/vmscan.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sysctl.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/mmzone.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/vmstat.h"
#include "mm/vmtrace.h"


static DECLARE_WAIT_QUEUE_HEAD(kswapd_wait);
static struct task_struct *kswapd_task;
static bool kswapd_pending;		/* a wake-up arrived */
static int kswapd_order;
static enum zone_type kswapd_highest_zoneidx;
int kswapd_failures;			/* runs in a row that reclaimed nothing */

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
	if (referenced_ptes) {
		SetPageReferenced(page);
		if (referenced_page || referenced_ptes > 1)
			return PAGEREF_ACTIVATE;
		return PAGEREF_KEEP;
	}
	return PAGEREF_RECLAIM;
}

enum reclaim_step {
	STEP_KEEP,	/* put it back on *lru */
	STEP_FREE,	/* nobody else holds it: just drop our reference */
	STEP_FINISH,	/* clean, unmapped, in the swap cache: finish_reclaim */
	STEP_WRITE,	/* unmapped and dirty: write it to its slot first */
};

/*
 * The first half of reclaiming one isolated, locked page: the second
 * chance, a swap slot, unmapping. *lru says where a kept page goes.
 */
static enum reclaim_step prepare_reclaim(struct page *page, enum lru_list *lru)
{
	if (!page_mapped(page) && !PageSwapCache(page) && page_count(page) == 1)
		return STEP_FREE;	/* its owner let go while it was isolated */
	switch (page_check_references(page)) {
	case PAGEREF_ACTIVATE:
		*lru = LRU_ACTIVE_ANON;
		return STEP_KEEP;
	case PAGEREF_KEEP:
		*lru = LRU_INACTIVE_ANON;
		return STEP_KEEP;
	case PAGEREF_RECLAIM:
		break;
	}
	*lru = LRU_ACTIVE_ANON;		/* where a page that cannot go yet waits */
	if (PageSwapCache(page) && !page_mapped(page) && __swap_count(page_swap_entry(page)) == 0)
		return STEP_FINISH;	/* its owners are gone: nothing to write */
	if (!PageSwapCache(page) && !add_to_swap(page))
		return STEP_KEEP;	/* no swap, or swap full: reclaim moves on */
	if (page_mapped(page) && !try_to_unmap(page))
		return STEP_KEEP;
	return PageDirty(page) ? STEP_WRITE : STEP_FINISH;
}

/* The last half: free a clean, unmapped page unless a fault took it back meanwhile. */
static bool finish_reclaim(struct page *page)
{
	if (page_mapped(page) || page_count(page) != 2)	/* ours + the swap cache's */
		return false;
	delete_from_swap_cache(page);
	return true;
}

/*
 * The write failed: the data is only in this page now. It stays in the
 * swap cache (the PTEs point at its entry, a fault maps it back), on the
 * unevictable list, and its slot is retired once freed.
 */
static void write_failed(struct page *page)
{
	swp_entry_t entry = page_swap_entry(page);

	SetPageDirty(page);
	SetPageError(page);
	swap_mark_bad(entry);
	pr_err("Write-error on swap-device (%u:%lu), keeping the page in memory\n", swp_type(entry),
	       swp_offset(entry));
}

/*
 * Write the dirty pages on list (locked, unmapped, in the swap cache) in
 * clusters: pages whose slots follow each other, as the cluster allocator
 * hands them out to one batch, go to the disk in one request of up to
 * SWAP_CLUSTER_MAX pages. If a cluster fails, its pages are written one by
 * one to find which (the failed ones get PG_error).
 */
static void write_run(struct page **run, unsigned int n)
{
	unsigned int i;

	if (!n || !swap_writepages(run, page_swap_entry(run[0]), n))
		return;
	for (i = 0; i < n; i++)
		if (swap_writepage(run[i], page_swap_entry(run[i])))
			write_failed(run[i]);
}

/* Does page's slot follow the last one of the run (and is there room)? */
static bool continues_run(struct page **run, unsigned int n, struct page *page)
{
	swp_entry_t e = page_swap_entry(page), last;

	if (!n)
		return true;
	last = page_swap_entry(run[n - 1]);
	return n < SWAP_CLUSTER_MAX && swp_type(e) == swp_type(last) &&
	       swp_offset(e) == swp_offset(last) + 1;
}

static void write_clusters(struct list_head *list)
{
	struct page *run[SWAP_CLUSTER_MAX], *page;
	unsigned int n = 0;

	list_for_each_entry(page, list, lru) {
		if (!continues_run(run, n, page)) {
			write_run(run, n);
			n = 0;
		}
		ClearPageDirty(page);
		run[n++] = page;
	}
	write_run(run, n);
}

/* Put an isolated page back on the right list and drop the isolation reference. */
static void putback_page(struct page *page, enum lru_list lru)
{
	if (lru == LRU_ACTIVE_ANON)
		count_vm_event(PGACTIVATE);
	add_page_to_lru_list(page, lru);
	put_page(page);
}

/* Unlock an isolated page and free it or put it back. Returns 1 if freed. */
static unsigned long release_page(struct page *page, bool freed, enum lru_list lru)
{
	unlock_page(page);
	if (freed) {
		put_page(page);	/* the isolation reference: the page is free now */
		return 1;
	}
	putback_page(page, lru);
	return 0;
}

static unsigned long shrink_inactive_list(unsigned long nr_to_scan, struct scan_control *sc)
{
	struct list_head *list = &node_lruvec.lists[LRU_INACTIVE_ANON];
	struct page *page, *prev, *next;
	LIST_HEAD(isolated);
	LIST_HEAD(to_write);
	unsigned long nr_taken = 0, nr_reclaimed = 0;

	/* Isolate from the tail (the oldest pages); skip pages of zones that do not help. */
	for (page = list_last_entry(list, struct page, lru);
	     &page->lru != list && nr_taken < nr_to_scan; page = prev) {
		prev = list_entry(page->lru.prev, struct page, lru);
		if (!page_in_reclaim_zone(page, sc) || PageLocked(page))
			continue;
		get_page(page);
		del_page_from_lru_list(page);
		list_add_tail(&page->lru, &isolated);
		nr_taken++;
	}
	count_vm_events(sc->is_kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, nr_taken);
	count_vm_events(PGSCAN_ANON, nr_taken);
	sc->nr_scanned += nr_taken;

	list_for_each_entry_safe(page, next, &isolated, lru) {
		enum lru_list lru = LRU_INACTIVE_ANON;

		list_del_init(&page->lru);
		lock_page(page);
		switch (prepare_reclaim(page, &lru)) {
		case STEP_FREE:
			nr_reclaimed += release_page(page, true, lru);
			break;
		case STEP_KEEP:
			release_page(page, false, lru);
			break;
		case STEP_FINISH:
			nr_reclaimed += release_page(page, finish_reclaim(page), lru);
			break;
		case STEP_WRITE:
			list_add_tail(&page->lru, &to_write);	/* stays locked */
			break;
		}
	}
	write_clusters(&to_write);
	list_for_each_entry_safe(page, next, &to_write, lru) {
		list_del_init(&page->lru);
		if (PageError(page))
			release_page(page, false, LRU_UNEVICTABLE);
		else
			nr_reclaimed += release_page(page, finish_reclaim(page), LRU_ACTIVE_ANON);
	}
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
	struct list_head *list = &node_lruvec.lists[LRU_ACTIVE_ANON];
	unsigned long n = 0;

	while (n < nr_to_scan && !list_empty(list)) {
		struct page *page = list_last_entry(list, struct page, lru);

		del_page_from_lru_list(page);
		if (page_in_reclaim_zone(page, sc) && page_mapped(page))
			page_referenced(page);
		add_page_to_lru_list(page, LRU_INACTIVE_ANON);
		n++;
	}
	count_vm_events(PGREFILL, n);
	count_vm_events(PGDEACTIVATE, n);
}

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/* Linux's inactive_is_low: inactive * sqrt(10 * GiB) < active (ratio 1 below 1 GiB). */
static bool inactive_is_low(void)
{
	unsigned long inactive = node_lruvec.nr_pages[LRU_INACTIVE_ANON];
	unsigned long active = node_lruvec.nr_pages[LRU_ACTIVE_ANON];
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
static void prepare_scan_control(struct scan_control *sc)
{
	sc->may_deactivate = inactive_is_low();
}

/*
 * Linux's get_scan_count for the anon lists: size >> priority of each,
 * counting only pages of zones that help (lruvec_lru_size). Linux scales
 * anon by swappiness and reclaim cost against the file lists (SCAN_FRACT)
 * when the inactive list is low; with no file pages that would only slow
 * the scan, so both lists get their whole share (SCAN_EQUAL's rule).
 */
static void get_scan_count(const struct scan_control *sc, unsigned long *nr)
{
	unsigned long inactive = 0, active = 0;
	int z;

	for (z = 0; z <= (int)sc->reclaim_idx; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];

		if (!managed_zone(zone))
			continue;
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
static void shrink_lruvec(struct scan_control *sc)
{
	unsigned long nr[NR_LRU_LISTS] = {0};
	unsigned long nr_reclaimed = 0;
	bool proportional_reclaim = !sc->is_kswapd && sc->priority == DEF_PRIORITY;

	get_scan_count(sc, nr);
	while (nr[LRU_INACTIVE_ANON]) {
		enum lru_list lru;

		for (lru = LRU_INACTIVE_ANON; lru <= LRU_ACTIVE_ANON; lru++) {
			unsigned long nr_to_scan = min(nr[lru], SWAP_CLUSTER_MAX);

			nr[lru] -= nr_to_scan;
			if (nr_to_scan)
				nr_reclaimed += shrink_list(lru, nr_to_scan, sc);
		}
		/* Linux then rebalances anon against file; with no file pages it stops */
		if (nr_reclaimed >= sc->nr_to_reclaim && !proportional_reclaim)
			break;
	}
	sc->nr_reclaimed += nr_reclaimed;

	/* "we want to rebalance the anon lru active/inactive ratio" */
	if (inactive_is_low())
		shrink_active_list(SWAP_CLUSTER_MAX, sc);
}

/* Linux's shrink_node for one node and no cgroups. Exported for mm/vmscan_ktest.c. */
void shrink_node(struct scan_control *sc)
{
	unsigned long nr_reclaimed = sc->nr_reclaimed;

	if (!total_swap_pages || !nr_swap_pages)
		return;		/* anonymous pages can only go to swap */
	prepare_scan_control(sc);
	shrink_lruvec(sc);
	if (sc->nr_reclaimed - nr_reclaimed)
		kswapd_failures = 0;	/* reclaim works again: kswapd may be woken */
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
		return 0;	/* reclaim's own allocations never recurse into reclaim */
	current->flags |= PF_MEMALLOC;
	for (; sc.priority >= 0 && sc.nr_reclaimed < sc.nr_to_reclaim; sc.priority--)
		shrink_node(&sc);
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

/* ---- kswapd -------------------------------------------------------------- */

/* Linux's pgdat_balanced: some zone up to highest_zoneidx is above HIGH. */
static bool pgdat_balanced(int order, enum zone_type highest_zoneidx)
{
	int i;
	bool any = false;

	for (i = 0; i <= (int)highest_zoneidx; i++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[i];

		if (!managed_zone(zone))
			continue;
		any = true;
		if (zone_watermark_ok(zone, (unsigned int)order, high_wmark_pages(zone),
				      highest_zoneidx, 0))
			return true;
	}
	return !any;
}

/*
 * Linux's kswapd_age_node (classic LRU): some background aging before each
 * pass, "to give pages a chance to be referenced before reclaiming".
 */
static void kswapd_age_node(struct scan_control *sc)
{
	if (total_swap_pages && inactive_is_low())
		shrink_active_list(SWAP_CLUSTER_MAX, sc);
}

/*
 * Linux's kswapd_shrink_node: one pass that aims to reclaim, summed over
 * the zones the request may use, max(HIGH, 32) pages. Returns whether it
 * scanned (or reclaimed) at least that many: if so, the priority need not
 * be raised. Exported for mm/vmscan_ktest.c.
 */
bool kswapd_shrink_node(struct scan_control *sc)
{
	unsigned long nr_reclaimed = sc->nr_reclaimed;
	int z;

	sc->nr_to_reclaim = 0;
	for (z = 0; z <= (int)sc->reclaim_idx; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];

		if (!managed_zone(zone))
			continue;
		sc->nr_to_reclaim += max(high_wmark_pages(zone), SWAP_CLUSTER_MAX);
	}
	shrink_node(sc);
	return max(sc->nr_scanned, sc->nr_reclaimed - nr_reclaimed) >= sc->nr_to_reclaim;
}

/*
 * Linux's balance_pgdat: passes from DEF_PRIORITY down to 1 until the node
 * is balanced; a pass lowers the priority (scans deeper next time) if it
 * scanned less than its target or reclaimed nothing. A run that reclaimed
 * nothing at all counts as a kswapd failure.
 */
static void balance_pgdat(int order, enum zone_type highest_zoneidx)
{
	struct scan_control sc = {
		.priority = DEF_PRIORITY,
		.reclaim_idx = highest_zoneidx,
		.is_kswapd = true,
	};

	count_vm_event(PAGEOUTRUN);
	vmtrace_event(VMTRACE_KSWAPD_WAKE);
	do {
		unsigned long nr_reclaimed = sc.nr_reclaimed;
		bool raise_priority = true;

		if (pgdat_balanced(order, highest_zoneidx))
			goto out;
		kswapd_age_node(&sc);
		sc.nr_scanned = 0;
		if (kswapd_shrink_node(&sc))
			raise_priority = false;
		if (raise_priority || sc.nr_reclaimed == nr_reclaimed)
			sc.priority--;
	} while (sc.priority >= 1);
	if (!sc.nr_reclaimed)
		kswapd_failures++;
out:
	vmtrace_event(VMTRACE_KSWAPD_SLEEP);
}

/*
 * Sleep in two steps as Linux's kswapd_try_to_sleep: a short nap (HZ/10)
 * once balanced (or hopeless: 16 runs freed nothing), then, if still so,
 * until the next wake-up. kswapd must sleep here: kernel threads are not
 * preempted, so a kswapd that never slept would starve every task. Being
 * woken during the nap counts kswapd_low_wmark_hit_quickly; finding the
 * node unbalanced after it, kswapd_high_wmark_hit_quickly.
 */
static bool prepare_kswapd_sleep(void)
{
	return kswapd_failures >= MAX_RECLAIM_RETRIES ||
	       pgdat_balanced(kswapd_order, kswapd_highest_zoneidx);
}

static void kswapd_try_to_sleep(void)
{
	if (!kswapd_pending && prepare_kswapd_sleep()) {
		DEFINE_WAIT(w);

		prepare_to_wait(&kswapd_wait, &w, TASK_INTERRUPTIBLE);
		schedule_timeout(HZ / 10);
		finish_wait(&kswapd_wait, &w);
		if (kswapd_pending) {
			count_vm_event(KSWAPD_LOW_WMARK_HIT_QUICKLY);
		} else if (!prepare_kswapd_sleep()) {
			count_vm_event(KSWAPD_HIGH_WMARK_HIT_QUICKLY);
		} else {
			wait_event_interruptible(kswapd_wait, kswapd_pending);
		}
	}
	kswapd_pending = false;
}

static int kswapd(void *unused)
{
	(void)unused;
	current->flags |= PF_MEMALLOC | PF_KSWAPD;
	for (;;) {
		kswapd_try_to_sleep();
		balance_pgdat(kswapd_order, kswapd_highest_zoneidx);
		kswapd_order = 0;
	}
	return 0;
}

/*
 * Wake kswapd for a request of this order that may use zones up to
 * highest_zoneidx (Linux's wakeup_kswapd). Nothing to do if kswapd is
 * already awake, if the node is balanced, or if it is hopeless (16 runs
 * in a row freed nothing).
 */
void wakeup_kswapd(struct zone *zone, gfp_t gfp, int order, enum zone_type highest_zoneidx)
{
	(void)zone;
	(void)gfp;
	if (!kswapd_task)
		return;
	if (order > kswapd_order)
		kswapd_order = order;
	if (highest_zoneidx > kswapd_highest_zoneidx)
		kswapd_highest_zoneidx = highest_zoneidx;
	if (kswapd_failures >= MAX_RECLAIM_RETRIES || pgdat_balanced(order, highest_zoneidx))
		return;
	kswapd_pending = true;
	wake_up(&kswapd_wait);
}

/* Is kswapd0 runnable (working, or about to), rather than asleep? */
bool kswapd_is_running(void)
{
	return kswapd_task && kswapd_task->state == TASK_RUNNING;
}

void kswapd_run(void)
{
	kswapd_highest_zoneidx = ZONE_NORMAL;
	kswapd_task = kthread_run(kswapd, NULL, "kswapd0");
	if (!kswapd_task)
		panic("kswapd_run: cannot start kswapd0");
}
