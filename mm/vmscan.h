/*
 * Page reclaim entry points the allocator calls (mm/vmscan.c). Linux
 * declares them in include/linux/swap.h and mmzone.h.
 */
#ifndef MM_VMSCAN_H
#define MM_VMSCAN_H

#include "mm/gfp.h"

#define SWAP_CLUSTER_MAX 32UL
#define DEF_PRIORITY 12

void wakeup_kswapd(struct zone *zone, gfp_t gfp, int order, enum zone_type highest_zoneidx);
unsigned long try_to_free_pages(gfp_t gfp, int order, enum zone_type highest_zoneidx);
unsigned long zone_reclaimable_pages(struct zone *zone);
void kswapd_run(void); /* start kswapd0 (kernel/main.c) */
bool kswapd_is_running(void);

#endif
