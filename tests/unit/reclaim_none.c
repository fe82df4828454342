/*
 * The host tests of the buddy allocator, watermarks, memblock and slab run
 * on a fake machine with nothing to reclaim: these stand in for kswapd,
 * direct reclaim and the OOM killer (the real ones need tasks and swap and
 * are tested in QEMU). test_slowpath has its own, recording stand-ins.
 */
#include "mm/oom.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"

void wakeup_kswapd(struct zone *zone, gfp_t gfp, int order, enum zone_type highest_zoneidx)
{
	(void)zone;
	(void)gfp;
	(void)order;
	(void)highest_zoneidx;
}

/* Direct reclaim is entered (allocstall, as the real one counts) and finds nothing. */
unsigned long try_to_free_pages(gfp_t gfp, int order, enum zone_type highest_zoneidx)
{
	(void)gfp;
	(void)order;
	__count_zid_vm_events(ALLOCSTALL_DMA, (int)highest_zoneidx, 1);
	return 0;
}

unsigned long zone_reclaimable_pages(struct zone *zone)
{
	(void)zone;
	return 0;
}

bool out_of_memory(struct oom_control *oc)
{
	(void)oc;
	return false;
}
