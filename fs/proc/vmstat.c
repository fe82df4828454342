/*
 * /proc/vmstat, /proc/zoneinfo and /proc/buddyinfo in Linux 6.12's layouts
 * (Linux's mm/vmstat.c; docs/linux-formulas.md, /proc layouts).
 *
 * vmstat: the zone counters (enum zone_stat_item, summed over zones), the
 * node counters this kernel keeps (the LRU sums and slab pages), then
 * every event counter of mm/vmstat.h in its order, then Linux's
 * deprecated "nr_unstable 0". Counters the kernel does not have (NUMA,
 * writeback thresholds, THP, compaction ...) are left out, not faked.
 *
 * zoneinfo: one block per zone, empty ones included. Tidemark has no
 * per-CPU page lists: every free goes straight to the buddy, so the
 * pageset shows count 0, high 0, batch 1, and a stat threshold of 0 (no
 * per-CPU counter deltas). node_unreclaimable stays 0 until reclaim
 * keeps that state.
 */
#include "fs/proc/internal.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/vmstat.h"
#include "mm/pagemap.h"
#include "mm/shmem_fs.h"
#include "mm/workingset.h"

/* Linux's zone_stat_name()s, in enum zone_stat_item order. */
static const char *const zone_stat_names[NR_VM_ZONE_STAT_ITEMS] = {
	"nr_free_pages",
	"nr_zone_inactive_anon",
	"nr_zone_active_anon",
	"nr_zone_inactive_file",
	"nr_zone_active_file",
	"nr_zone_unevictable",
	"nr_zone_write_pending",
	"nr_mlock",
	"nr_bounce",
	"nr_free_cma",
};

/*
 * Node counters (enum node_stat_item's, those this kernel keeps, in its
 * order): one node, so sums of the zones.
 */
#define NR_NODE_STATS (12 + NR_WORKINGSET_STATS)
struct node_stat {
	const char *name;
	unsigned long value;
};

static int node_stats(struct node_stat *ns)
{
	int n = 0, i;

	ns[n++] =
	    (struct node_stat){ "nr_inactive_anon", global_zone_page_state(NR_ZONE_INACTIVE_ANON) };
	ns[n++] =
	    (struct node_stat){ "nr_active_anon", global_zone_page_state(NR_ZONE_ACTIVE_ANON) };
	ns[n++] =
	    (struct node_stat){ "nr_inactive_file", global_zone_page_state(NR_ZONE_INACTIVE_FILE) };
	ns[n++] =
	    (struct node_stat){ "nr_active_file", global_zone_page_state(NR_ZONE_ACTIVE_FILE) };
	ns[n++] =
	    (struct node_stat){ "nr_unevictable", global_zone_page_state(NR_ZONE_UNEVICTABLE) };
	ns[n++] = (struct node_stat){ "nr_slab_reclaimable", 0 };
	ns[n++] = (struct node_stat){ "nr_slab_unreclaimable", nr_slab_pages };
	for (i = 0; i < NR_WORKINGSET_STATS; i++) /* mm/workingset.c */
		ns[n++] = (struct node_stat){ workingset_stat_names[i], workingset_stat[i] };
	ns[n++] = (struct node_stat){ "nr_mapped", nr_file_mapped };
	ns[n++] = (struct node_stat){ "nr_file_pages", nr_file_pages };
	ns[n++] = (struct node_stat){ "nr_dirty", nr_file_dirty };
	ns[n++] = (struct node_stat){ "nr_writeback", nr_writeback };
	ns[n++] = (struct node_stat){ "nr_shmem", nr_shmem };
	return n;
}

int vmstat_show(struct seq_file *m, struct task_struct *task)
{
	struct node_stat ns[NR_NODE_STATS];
	int i, n = node_stats(ns);

	(void)task;
	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", zone_stat_names[i],
			   global_zone_page_state((enum zone_stat_item)i));
	for (i = 0; i < n; i++)
		seq_printf(m, "%s %lu\n", ns[i].name, ns[i].value);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++) /* pgpgin/pgpgout: sectors -> KiB, as Linux */
		seq_printf(m, "%s %lu\n", vm_event_names[i],
			   vm_event_states[i] / (i == PGPGIN || i == PGPGOUT ? 2 : 1));
	seq_puts(m, "nr_unstable 0\n");
	return 0;
}

static void zoneinfo_show_print(struct seq_file *m, struct zone *zone, bool first_populated)
{
	int i;

	seq_printf(m, "Node 0, zone %8s", zone->name);
	if (first_populated) {
		struct node_stat ns[NR_NODE_STATS];
		int n = node_stats(ns);

		seq_puts(m, "\n  per-node stats");
		for (i = 0; i < n; i++)
			seq_printf(m, "\n      %-12s %lu", ns[i].name, ns[i].value);
	}
	seq_printf(m,
		   "\n  pages free     %lu"
		   "\n        boost    %lu"
		   "\n        min      %lu"
		   "\n        low      %lu"
		   "\n        high     %lu"
		   "\n        promo    %lu"
		   "\n        spanned  %lu"
		   "\n        present  %lu"
		   "\n        managed  %lu"
		   "\n        cma      %lu",
		   zone_page_state(zone, NR_FREE_PAGES), zone->watermark_boost,
		   min_wmark_pages(zone), low_wmark_pages(zone), high_wmark_pages(zone),
		   wmark_pages(zone, WMARK_PROMO), zone->spanned_pages, zone->present_pages,
		   zone_managed_pages(zone), 0UL);
	seq_printf(m, "\n        protection: (%ld", zone->lowmem_reserve[0]);
	for (i = 1; i < MAX_NR_ZONES; i++)
		seq_printf(m, ", %ld", zone->lowmem_reserve[i]);
	seq_putc(m, ')');
	if (!populated_zone(zone)) {
		seq_putc(m, '\n');
		return;
	}
	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_printf(m, "\n      %-12s %lu", zone_stat_names[i],
			   zone_page_state(zone, (enum zone_stat_item)i));
	seq_printf(m,
		   "\n  pagesets"
		   "\n    cpu: %i"
		   "\n              count: %i"
		   "\n              high:  %i"
		   "\n              batch: %i"
		   "\n  vm stats threshold: %d",
		   0, 0, 0, 1, 0);
	seq_printf(m,
		   "\n  node_unreclaimable:  %u"
		   "\n  start_pfn:           %lu\n",
		   0U, zone->zone_start_pfn);
}

int zoneinfo_show(struct seq_file *m, struct task_struct *task)
{
	struct zone *zone;
	bool first = true;

	(void)task;
	for_each_zone(zone) {
		zoneinfo_show_print(m, zone, first && populated_zone(zone));
		if (populated_zone(zone))
			first = false;
	}
	return 0;
}

/* /proc/buddyinfo: free blocks per order, populated zones only (Linux's frag_show_print). */
int frag_show(struct seq_file *m, struct task_struct *task)
{
	struct zone *zone;
	unsigned int order;

	(void)task;
	for_each_populated_zone(zone) {
		seq_printf(m, "Node %d, zone %8s ", 0, zone->name);
		for (order = 0; order < NR_PAGE_ORDERS; order++)
			seq_printf(m, "%6lu ", zone->free_area[order].nr_free);
		seq_putc(m, '\n');
	}
	return 0;
}
