/*
 * Watermarks and lowmem_reserve (Linux 6.12 mm/page_alloc.c; the formulas
 * are in docs/linux-formulas.md), with Linux's exact integer arithmetic.
 *
 *   min_free_kbytes = int_sqrt(16 * lowmem_kB), clamped to 128..262144
 *   pages_min = min_free_kbytes / 4
 *   per zone:  tmp  = pages_min * managed / lowmem_managed
 *              MIN  = tmp         (HighMem/Movable: managed/1024 in 32..128)
 *              d    = max(tmp / 4, managed * watermark_scale_factor / 10000)
 *              LOW  = MIN + d,  HIGH = MIN + 2d,  PROMO = MIN + 3d
 *   lowmem_reserve[j] of zone i < j = (managed of zones i+1..j) / ratio[i]
 *
 * The picture (the only one: mmzone.h, vmscan.c and kswapd.c point here):
 *
 *   free pages
 *     ^
 *     |       allocations go ahead; kswapd sleeps
 *   HIGH ------------------------------ kswapd reclaims until a zone is above it
 *     |       kswapd reclaims in the background (mm/kswapd.c)
 *   LOW  ------------------------------ below: the fast path fails, kswapd is woken
 *     |       allocations retry against MIN
 *   MIN  ------------------------------ below: direct reclaim (mm/vmscan.c), then OOM
 *     |       only __GFP_HIGH (half of MIN), GFP_ATOMIC (5/8 of it) and
 *     |       PF_MEMALLOC callers (reclaim itself)
 *     0
 *
 * Built for the host too: tests/unit check the worked table.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/params.h"
#include "kernel/lib/int_sqrt.h"
#include "kernel/lib/string.h"
#include "mm/internal.h"
#include "mm/vmstat.h"

int min_free_kbytes = 1024;
int user_min_free_kbytes = -1; /* last value the user set, -1: none */
int watermark_scale_factor = 10;
int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = { 256, 32, 0, 0 };
unsigned long totalreserve_pages;

/*
 * Pages a GFP_USER allocation could get above the zones' HIGH marks
 * (DMA and Normal, never HighMem). At boot the marks are 0: all managed
 * low memory.
 */
unsigned long nr_free_buffer_pages(void)
{
	unsigned long sum = 0;
	struct zone *zone;
	int zid;

	for_each_managed_zone_pgdat(zone, NODE_DATA(0), zid, ZONE_NORMAL) {
		unsigned long size = zone_managed_pages(zone), high = high_wmark_pages(zone);

		if (size > high)
			sum += size - high;
	}
	return sum;
}

void calculate_min_free_kbytes(void)
{
	unsigned long lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);
	int new_min_free_kbytes = (int)int_sqrt(lowmem_kbytes * 16);

	if (new_min_free_kbytes > user_min_free_kbytes)
		min_free_kbytes = clamp(new_min_free_kbytes, 128, 262144);
	else
		printk(KERN_WARNING "min_free_kbytes is not updated to %d because user defined "
				    "value %d is preferred\n",
		       new_min_free_kbytes, user_min_free_kbytes);
}

/* Σ over zones of min(managed, HIGH + the largest lowmem_reserve). */
static void calculate_totalreserve_pages(void)
{
	struct zone *zone;
	unsigned long total = 0;

	for_each_zone(zone) {
		long max = 0;
		unsigned long managed = zone_managed_pages(zone);
		int j;

		for (j = zone_idx(zone); j < MAX_NR_ZONES; j++)
			if (zone->lowmem_reserve[j] > max)
				max = zone->lowmem_reserve[j];
		max += (long)high_wmark_pages(zone);
		if ((unsigned long)max > managed)
			max = (long)managed;
		total += (unsigned long)max;
	}
	totalreserve_pages = total;
}

void setup_per_zone_lowmem_reserve(void)
{
	struct zone *zones = NODE_DATA(0)->node_zones;
	int i, j;

	for (i = 0; i < MAX_NR_ZONES - 1; i++) {
		int ratio = sysctl_lowmem_reserve_ratio[i];
		bool clear = !ratio || !zone_managed_pages(&zones[i]);
		unsigned long managed_pages = 0;

		for (j = i + 1; j < MAX_NR_ZONES; j++) {
			managed_pages += zone_managed_pages(&zones[j]);
			zones[i].lowmem_reserve[j] =
			    clear ? 0 : (long)(managed_pages / (unsigned long)ratio);
		}
	}
	calculate_totalreserve_pages();
}

/* Managed pages of the zones that are not HighMem. */
static unsigned long lowmem_managed_pages(void)
{
	unsigned long pages = 0;
	struct zone *zone;

	for_each_zone(zone)
		if (!is_highmem_idx(zone_idx(zone)))
			pages += zone_managed_pages(zone);
	return pages;
}

/* Linux's __setup_per_zone_wmarks(), see the formula at the top. */
void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = lowmem_managed_pages();
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long managed = zone_managed_pages(zone);
		u64 tmp = lowmem_pages ? (u64)pages_min * managed / lowmem_pages : 0;
		u64 scaled = (u64)managed * (unsigned long)watermark_scale_factor / 10000;

		if (is_highmem_idx(zone_idx(zone)))
			zone->_watermark[WMARK_MIN] = clamp(managed / 1024, 32UL, 128UL);
		else
			zone->_watermark[WMARK_MIN] = (unsigned long)tmp;
		tmp = max(tmp >> 2, scaled);
		zone->watermark_boost = 0;
		zone->_watermark[WMARK_LOW] = zone->_watermark[WMARK_MIN] + (unsigned long)tmp;
		zone->_watermark[WMARK_HIGH] = zone->_watermark[WMARK_LOW] + (unsigned long)tmp;
		zone->_watermark[WMARK_PROMO] = zone->_watermark[WMARK_HIGH] + (unsigned long)tmp;
	}
	calculate_totalreserve_pages();
}

/* Boot (Linux's postcore initcall): after the buddy owns its memory. */
void init_per_zone_wmark_min(void)
{
	calculate_min_free_kbytes();
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
}

/*
 * The largest min_free_kbytes a user may set: a quarter of low memory,
 * and never more than Linux's boot-time clamp (262144). Linux takes any
 * value and then reclaims and OOM-kills without end when the MIN marks
 * cover all of memory ("System is deadlocked on memory"); here a value
 * that would starve the system is refused.
 */
int min_free_kbytes_max(void)
{
	unsigned long quarter = (lowmem_managed_pages() << (PAGE_SHIFT - 10)) / 4;

	return (int)min(quarter, 262144UL);
}

/*
 * What writing /proc/sys/vm/min_free_kbytes does (the file comes with
 * procfs): 0 to min_free_kbytes_max(), else -EINVAL; the value becomes
 * the user's choice.
 */
int set_min_free_kbytes(long kbytes)
{
	if (kbytes < 0 || kbytes > min_free_kbytes_max())
		return -EINVAL;
	min_free_kbytes = (int)kbytes;
	user_min_free_kbytes = (int)kbytes;
	setup_per_zone_wmarks();
	return 0;
}

/* /proc/sys/vm/watermark_scale_factor: 1..3000 (fractions of 10000). */
int set_watermark_scale_factor(long factor)
{
	if (factor < 1 || factor > 3000)
		return -EINVAL;
	watermark_scale_factor = (int)factor;
	setup_per_zone_wmarks();
	return 0;
}

/*
 * Linux's __zone_watermark_ok() (docs/linux-formulas.md): can z give 2^order
 * pages and keep more than mark (lowered for reserve rights) plus its
 * lowmem_reserve for this request free? free_pages is what to count as
 * free (the zone's free pages, or free plus reclaimable).
 */
bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags, long free_pages)
{
	long min = (long)mark;
	unsigned int o;

	free_pages -= (1L << order) - 1;
	if (alloc_flags & ALLOC_RESERVES) {
		if (alloc_flags & ALLOC_MIN_RESERVE) {
			min -= min / 2;
			if (alloc_flags & ALLOC_NON_BLOCK)
				min -= min / 4;
		}
		if (alloc_flags & ALLOC_OOM)
			min -= min / 2;
	}
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	for (o = order; o < NR_PAGE_ORDERS; o++)
		if (!list_empty(&z->free_area[o].free_list))
			return true;
	return false;
}

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
				   (long)zone_page_state(z, NR_FREE_PAGES));
}

#ifndef HOST_TEST
/*
 * min_free_kbytes=N on the command line: applied after the boot-time
 * default, exactly as if written to /proc/sys/vm/min_free_kbytes.
 */
static long cmdline_min_free_kbytes = -1;

static int min_free_kbytes_param(char *val)
{
	long v;

	if (kstrtol(val, 10, &v) || v < 0)
		return -1;
	cmdline_min_free_kbytes = v;
	return 0;
}
__setup("min_free_kbytes=", min_free_kbytes_param);

/* A value over the maximum is clamped to it, as Linux clamps its own default. */
void apply_cmdline_min_free_kbytes(void)
{
	long kbytes = cmdline_min_free_kbytes;

	if (kbytes < 0)
		return;
	if (kbytes > min_free_kbytes_max()) {
		pr_warn("min_free_kbytes=%ld is more than a quarter of low memory: clamped to %d\n",
			kbytes, min_free_kbytes_max());
		kbytes = min_free_kbytes_max();
	}
	if (set_min_free_kbytes(kbytes) == 0)
		pr_info("min_free_kbytes set to %d by the command line\n", min_free_kbytes);
}
#endif
