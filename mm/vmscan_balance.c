/*
 * How hard reclaim presses on each LRU list: the anon/file balance of
 * Linux 6.1's mm/vmscan.c (prepare_scan_count, get_scan_count,
 * inactive_is_low, snapshot_refaults) and the cost bookkeeping of its
 * mm/swap.c (lru_note_cost is in mm/lru.c). Kept apart from mm/vmscan.c
 * so the arithmetic can be read, and host-tested
 * (tests/unit/test_vmscan_balance.c), on its own.
 *
 * Once per pass, prepare_scan_count decides which active lists may be
 * aged (DEACTIVATE_ANON / DEACTIVATE_FILE: the inactive list is low, or
 * that type's refaults were activated since the last reclaim run) and
 * two modes. get_scan_count then picks one balance, first match wins:
 *
 *   no swap to write anon pages to         SCAN_FILE
 *   priority 0 and swappiness != 0          SCAN_EQUAL  every list by its size
 *   file_is_tiny: file + free <= the high   SCAN_ANON
 *     watermarks, anon not being aged, and
 *     inactive anon >> priority > 0
 *   cache_trim_mode: inactive file >>       SCAN_FILE
 *     priority > 0 and file not to be aged
 *   otherwise                               SCAN_FRACT
 *
 * SCAN_FRACT weighs the two types by swappiness s (0..200: the cost of
 * swap I/O against file I/O, 100 = equal) and by their recent reclaim
 * costs A and F (pages written to swap; refaulting pages that had been
 * active, either type):
 *
 *   T = A + F,  a = T + A,  f = T + F,  T2 = a + f
 *   ap = s * (T2 + 1) / (a + 1)       fp = (200 - s) * (T2 + 1) / (f + 1)
 *   scan[list] = (size >> priority) * (ap or fp) / (ap + fp)
 *
 * The "+ T" terms give each type at least about a third of the pressure
 * before swappiness weighs in. swappiness 0 makes ap
 * 0: anon pages are then reclaimed only through file_is_tiny, when the
 * cache is nearly gone.
 */
#include "kernel/kernel.h"
#include "kernel/lib/int_sqrt.h"
#include "kernel/sysctl.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/mmzone.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/vmscan.h"
#include "mm/workingset.h"

enum scan_balance { SCAN_EQUAL, SCAN_FRACT, SCAN_ANON, SCAN_FILE };

/*
 * Linux's inactive_is_low, for either type (inactive_lru names it):
 * inactive * sqrt(10 * GiB of that type) < active, the ratio 1 below
 * 1 GiB: on this kernel's memory sizes the target is 1:1.
 */
bool inactive_is_low(struct lruvec *lruvec, enum lru_list inactive_lru)
{
	unsigned long inactive = lruvec->nr_pages[inactive_lru];
	unsigned long active = lruvec->nr_pages[inactive_lru + LRU_ACTIVE];
	unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT);
	unsigned long ratio = gb ? int_sqrt(10 * gb) : 1;

	return inactive * ratio < active;
}

/* Linux's can_age_anon_pages: aging anon pages is worth it only with swap to put them in. */
bool can_age_anon_pages(void)
{
	return total_swap_pages > 0;
}

/*
 * Linux's can_reclaim_anon_pages: a free swap slot. Tidemark also counts
 * a full swap area whose swap cache holds pages: those are written and
 * need no new slot to be freed (Linux frees them through other paths).
 */
bool can_reclaim_anon_pages(void)
{
	return nr_swap_pages > 0 || (total_swap_pages > 0 && nr_swapcache_pages > 0);
}

/* Pages on lru in the zones up to zone_idx (Linux's lruvec_lru_size). */
static unsigned long lruvec_lru_size(struct pglist_data *pgdat, enum lru_list lru, int zone_idx)
{
	unsigned long size = 0;
	struct zone *zone;
	int z;

	for_each_managed_zone_pgdat(zone, pgdat, z, zone_idx)
		size += zone_page_state(zone, (enum zone_stat_item)(NR_ZONE_INACTIVE_ANON + lru));
	return size;
}

/*
 * Linux's prepare_scan_count (global reclaim, no cgroups): the costs to
 * weigh, which active lists may age, cache_trim_mode and file_is_tiny.
 */
void prepare_scan_count(struct pglist_data *pgdat, struct scan_control *sc)
{
	struct lruvec *lruvec = node_lruvec(pgdat);
	unsigned long file, free = 0, total_high_wmark = 0;
	struct zone *zone;
	int z;

	sc->anon_cost = lruvec->anon_cost;
	sc->file_cost = lruvec->file_cost;
	if (sc->force_deactivate) {
		sc->may_deactivate = DEACTIVATE_ANON | DEACTIVATE_FILE;
	} else {
		sc->may_deactivate = 0;
		if (workingset_stat[WORKINGSET_ACTIVATE_ANON] != lruvec->refaults[0] ||
		    inactive_is_low(lruvec, LRU_INACTIVE_ANON))
			sc->may_deactivate |= DEACTIVATE_ANON;
		if (workingset_stat[WORKINGSET_ACTIVATE_FILE] != lruvec->refaults[1] ||
		    inactive_is_low(lruvec, LRU_INACTIVE_FILE))
			sc->may_deactivate |= DEACTIVATE_FILE;
	}

	/* "plenty of inactive file pages that aren't thrashing": reclaim those first */
	file = lruvec->nr_pages[LRU_INACTIVE_FILE];
	sc->cache_trim_mode = (file >> sc->priority) && !(sc->may_deactivate & DEACTIVATE_FILE);

	/* "Prevent the reclaimer from falling into the cache trap" */
	for_each_managed_zone_pgdat(zone, pgdat, z, MAX_NR_ZONES - 1) {
		free += zone_page_state(zone, NR_FREE_PAGES);
		total_high_wmark += high_wmark_pages(zone);
	}
	file = lruvec->nr_pages[LRU_ACTIVE_FILE] + lruvec->nr_pages[LRU_INACTIVE_FILE];
	sc->file_is_tiny = file + free <= total_high_wmark &&
			   !(sc->may_deactivate & DEACTIVATE_ANON) &&
			   (lruvec->nr_pages[LRU_INACTIVE_ANON] >> sc->priority);
}

/* The balance of this pass, the first rule that matches (see the table above). */
static enum scan_balance scan_balance(const struct scan_control *sc)
{
	if (!can_reclaim_anon_pages())
		return SCAN_FILE;
	if (!sc->priority && vm_swappiness)
		return SCAN_EQUAL;
	if (sc->file_is_tiny)
		return SCAN_ANON;
	if (sc->cache_trim_mode)
		return SCAN_FILE;
	return SCAN_FRACT;
}

/*
 * Linux's get_scan_count: how many pages of each evictable list this
 * pass scans, into nr[]. Sizes count only the zones that help this
 * request (sc->reclaim_idx).
 */
void get_scan_count(struct lruvec *lruvec, struct scan_control *sc, unsigned long *nr)
{
	enum scan_balance balance = scan_balance(sc);
	u64 fraction[2] = { 0, 0 }, denominator = 0;
	enum lru_list lru;

	(void)lruvec; /* one node: its sizes come per zone, from NODE_DATA(0) */
	if (balance == SCAN_FRACT) {
		unsigned long swappiness = (unsigned long)vm_swappiness;
		unsigned long total_cost = sc->anon_cost + sc->file_cost;
		unsigned long anon_cost = total_cost + sc->anon_cost;
		unsigned long file_cost = total_cost + sc->file_cost;

		total_cost = anon_cost + file_cost;
		fraction[0] = (u64)swappiness * (total_cost + 1) / (anon_cost + 1);
		fraction[1] = (u64)(200 - swappiness) * (total_cost + 1) / (file_cost + 1);
		denominator = fraction[0] + fraction[1];
	}
	for_each_evictable_lru(lru)
	{
		bool file = is_file_lru(lru);
		u64 scan = lruvec_lru_size(NODE_DATA(0), lru, (int)sc->reclaim_idx) >> sc->priority;

		switch (balance) {
		case SCAN_EQUAL:
			break;
		case SCAN_FRACT:
			scan = denominator ? scan * fraction[file] / denominator : 0;
			break;
		case SCAN_FILE:
		case SCAN_ANON:
			if ((balance == SCAN_FILE) != file)
				scan = 0;
			break;
		}
		nr[lru] = (unsigned long)scan;
	}
}

/*
 * Once enough is reclaimed, Linux's shrink_lruvec stops scanning the type
 * with less left to scan and cuts the other's remaining scan so both end
 * at the same fraction of their targets (targets: get_scan_count's nr[]).
 */
void scan_adjust(unsigned long *nr, const unsigned long *targets)
{
	unsigned long nr_file = nr[LRU_INACTIVE_FILE] + nr[LRU_ACTIVE_FILE];
	unsigned long nr_anon = nr[LRU_INACTIVE_ANON] + nr[LRU_ACTIVE_ANON];
	unsigned long percentage, nr_scanned;
	enum lru_list lru;

	if (nr_file > nr_anon) {
		percentage =
		    nr_anon * 100 / (targets[LRU_INACTIVE_ANON] + targets[LRU_ACTIVE_ANON] + 1);
		lru = LRU_INACTIVE_ANON;
	} else {
		percentage =
		    nr_file * 100 / (targets[LRU_INACTIVE_FILE] + targets[LRU_ACTIVE_FILE] + 1);
		lru = LRU_INACTIVE_FILE;
	}
	nr[lru] = 0; /* "Stop scanning the smaller of the LRU" */
	nr[lru + LRU_ACTIVE] = 0;
	lru = lru == LRU_INACTIVE_FILE ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE;
	nr_scanned = targets[lru] - nr[lru];
	nr[lru] = targets[lru] * (100 - percentage) / 100;
	nr[lru] -= min(nr[lru], nr_scanned);
	lru += LRU_ACTIVE;
	nr_scanned = targets[lru] - nr[lru];
	nr[lru] = targets[lru] * (100 - percentage) / 100;
	nr[lru] -= min(nr[lru], nr_scanned);
}

/* Remember the activated refaults as a reclaim run ends (Linux's snapshot_refaults). */
void snapshot_refaults(struct lruvec *lruvec)
{
	lruvec->refaults[0] = workingset_stat[WORKINGSET_ACTIVATE_ANON];
	lruvec->refaults[1] = workingset_stat[WORKINGSET_ACTIVATE_FILE];
}

/*
 * Pages reclaim could still free in zone (what should_reclaim_retry adds
 * to free): its file pages, and its anonymous ones while there is swap.
 */
unsigned long zone_reclaimable_pages(struct zone *zone)
{
	unsigned long nr = zone_page_state(zone, NR_ZONE_INACTIVE_FILE) +
			   zone_page_state(zone, NR_ZONE_ACTIVE_FILE);

	if (can_reclaim_anon_pages())
		nr += zone_page_state(zone, NR_ZONE_INACTIVE_ANON) +
		      zone_page_state(zone, NR_ZONE_ACTIVE_ANON);
	return nr;
}
