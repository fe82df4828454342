/*
 * kswapd, the node's reclaim thread (Linux keeps it in mm/vmscan.c; here
 * that file holds how pages are reclaimed, this one who reclaims when).
 *
 * An allocation that finds a zone below LOW (the watermarks' picture is
 * in mm/watermark.c) calls wakeup_kswapd, which raises the node's
 * kswapd_order and kswapd_highest_zoneidx to the request's and wakes the
 * thread. kswapd then runs balance_pgdat: passes of shrink_node at
 * falling priority until some zone the request may use is above HIGH
 * (pgdat_balanced). It sleeps again in two steps (kswapd_try_to_sleep).
 * Its state is the node's: struct pglist_data's kswapd_wait, kswapd,
 * kswapd_order, kswapd_highest_zoneidx and kswapd_failures (mm/mmzone.h).
 */
#include "mm/vmscan.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "mm/internal.h"
#include "mm/mmzone.h"
#include "mm/swap.h"
#include "mm/vmstat.h"
#include "mm/vmtrace.h"

/* Linux's pgdat_balanced: some zone up to highest_zoneidx is above HIGH. */
static bool pgdat_balanced(struct pglist_data *pgdat, int order, enum zone_type highest_zoneidx)
{
	struct zone *zone;
	bool any = false;
	int i;

	for_each_managed_zone_pgdat(zone, pgdat, i, highest_zoneidx) {
		any = true;
		if (zone_watermark_ok(zone, (unsigned int)order, high_wmark_pages(zone),
				      highest_zoneidx, 0))
			return true;
	}
	return !any;
}

/*
 * Linux's kswapd_age_node (classic LRU): some background aging of the
 * anon lists before each pass, "to give pages a chance to be referenced
 * before reclaiming".
 */
static void kswapd_age_node(struct pglist_data *pgdat, struct scan_control *sc)
{
	if (can_age_anon_pages() && inactive_is_low(node_lruvec(pgdat), LRU_INACTIVE_ANON))
		shrink_active_list(SWAP_CLUSTER_MAX, sc, LRU_ACTIVE_ANON);
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
	struct zone *zone;
	int z;

	sc->nr_to_reclaim = 0;
	for_each_managed_zone_pgdat(zone, NODE_DATA(0), z, sc->reclaim_idx)
		sc->nr_to_reclaim += max(high_wmark_pages(zone), SWAP_CLUSTER_MAX);
	shrink_node(sc);
	return max(sc->nr_scanned, sc->nr_reclaimed - nr_reclaimed) >= sc->nr_to_reclaim;
}

/*
 * Linux's balance_pgdat: passes from DEF_PRIORITY down to 1 until the node
 * is balanced; a pass lowers the priority (scans deeper next time) if it
 * scanned less than its target or reclaimed nothing. A run that reclaimed
 * nothing at all counts as a kswapd failure.
 */
static void balance_pgdat(struct pglist_data *pgdat, int order, enum zone_type highest_zoneidx)
{
	struct scan_control sc = {
		.priority = DEF_PRIORITY,
		.gfp_mask = GFP_KERNEL,
		.reclaim_idx = highest_zoneidx,
		.is_kswapd = true,
	};

	count_vm_event(PAGEOUTRUN);
	vmtrace_event(VMTRACE_KSWAPD_WAKE);
	do {
		unsigned long nr_reclaimed = sc.nr_reclaimed;
		bool raise_priority = true;

		if (pgdat_balanced(pgdat, order, highest_zoneidx))
			goto out;
		kswapd_age_node(pgdat, &sc);
		sc.nr_scanned = 0;
		if (kswapd_shrink_node(&sc))
			raise_priority = false;
		if (sc.nr_reclaimed == nr_reclaimed)
			reclaim_throttle(); /* its writes will free pages */
		if (raise_priority || sc.nr_reclaimed == nr_reclaimed)
			sc.priority--;
	} while (sc.priority >= 1);
	if (!sc.nr_reclaimed)
		pgdat->kswapd_failures++;
out:
	snapshot_refaults(node_lruvec(pgdat));
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
static bool prepare_kswapd_sleep(struct pglist_data *pgdat)
{
	return pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES ||
	       pgdat_balanced(pgdat, pgdat->kswapd_order, pgdat->kswapd_highest_zoneidx);
}

static void kswapd_try_to_sleep(struct pglist_data *pgdat)
{
	if (!pgdat->kswapd_pending && prepare_kswapd_sleep(pgdat)) {
		DEFINE_WAIT(w);

		prepare_to_wait(&pgdat->kswapd_wait, &w, TASK_INTERRUPTIBLE);
		schedule_timeout(HZ / 10);
		finish_wait(&pgdat->kswapd_wait, &w);
		if (pgdat->kswapd_pending) {
			count_vm_event(KSWAPD_LOW_WMARK_HIT_QUICKLY);
		} else if (!prepare_kswapd_sleep(pgdat)) {
			count_vm_event(KSWAPD_HIGH_WMARK_HIT_QUICKLY);
		} else {
			wait_event_interruptible(pgdat->kswapd_wait, pgdat->kswapd_pending);
		}
	}
	pgdat->kswapd_pending = false;
}

/* kswapd0: sleep, balance the node, again (Linux's kswapd). p is the node. */
static int kswapd(void *p)
{
	struct pglist_data *pgdat = p;

	current->flags |= PF_MEMALLOC | PF_KSWAPD;
	for (;;) {
		kswapd_try_to_sleep(pgdat);
		balance_pgdat(pgdat, pgdat->kswapd_order, pgdat->kswapd_highest_zoneidx);
		pgdat->kswapd_order = 0;
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
	struct pglist_data *pgdat = NODE_DATA(0);

	(void)zone;
	(void)gfp;
	if (!pgdat->kswapd)
		return;
	if (order > pgdat->kswapd_order)
		pgdat->kswapd_order = order;
	if (highest_zoneidx > pgdat->kswapd_highest_zoneidx)
		pgdat->kswapd_highest_zoneidx = highest_zoneidx;
	if (pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES ||
	    pgdat_balanced(pgdat, order, highest_zoneidx))
		return;
	pgdat->kswapd_pending = true;
	wake_up(&pgdat->kswapd_wait);
}

/* Is kswapd0 runnable (working, or about to), rather than asleep? */
bool kswapd_is_running(void)
{
	struct task_struct *kswapd = NODE_DATA(0)->kswapd;

	return kswapd && kswapd->state == TASK_RUNNING;
}

/* Start kswapd0 for the node (Linux's kswapd_run). Panics if it cannot. */
void kswapd_run(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);

	init_waitqueue_head(&pgdat->kswapd_wait);
	pgdat->kswapd_highest_zoneidx = ZONE_NORMAL;
	pgdat->kswapd = kthread_run(kswapd, pgdat, "kswapd0");
	if (!pgdat->kswapd)
		panic("kswapd_run: cannot start kswapd0");
}
