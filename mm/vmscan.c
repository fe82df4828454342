/*
 * Page reclaim (Linux's mm/vmscan.c): kswapd and direct reclaim.
 *
 * NOT DONE YET: reclaim arrives with issue 6 (LRU lists, kswapd, direct
 * reclaim, swap-out). Until then there is nothing to reclaim from: no
 * page is on an LRU list. The allocator already calls these entry points
 * at Linux's places; they count what Linux counts and report that no
 * progress was made, so an allocation that needs reclaim fails cleanly.
 */
#include "mm/vmscan.h"
#include "mm/vmstat.h"

/*
 * Wake the node's kswapd for a request of this order that may use zones
 * up to highest_zoneidx. Issue 6: kswapd does not exist yet, so there is
 * no one to wake.
 */
void wakeup_kswapd(struct zone *zone, gfp_t gfp, int order, enum zone_type highest_zoneidx)
{
	(void)zone;
	(void)gfp;
	(void)order;
	(void)highest_zoneidx;
}

/*
 * Direct reclaim in the allocating task: returns the pages reclaimed.
 * Counts allocstall_<zone> for the request's highest zone, as Linux's
 * do_try_to_free_pages. Issue 6 adds the reclaim; now it frees nothing.
 */
unsigned long try_to_free_pages(gfp_t gfp, int order, enum zone_type highest_zoneidx)
{
	(void)gfp;
	(void)order;
	__count_zid_vm_events(ALLOCSTALL_DMA, (int)highest_zoneidx, 1);
	return 0;
}

/* Pages reclaim could free in zone (LRU pages): none until issue 6. */
unsigned long zone_reclaimable_pages(struct zone *zone)
{
	(void)zone;
	return 0;
}
