/*
 * Refault detection (Linux 6.1's mm/workingset.c): was an evicted page
 * pushed out of a working set that would have fit, had the active list
 * made room for it?
 *
 * The node keeps a clock, nonresident_age, that ticks once per eviction
 * and once per activation (a second access, a refault taken back in,
 * reclaim putting a page back active). When reclaim evicts a file page,
 * the page cache keeps, in the page's radix-tree slot, a shadow entry:
 *
 *   bit 0        1 (a value entry, not a pointer: xa_mk_value)
 *   bit 1        PG_workingset: the page had been active
 *   bits 2..31   the clock at eviction >> bucket_order (30 bits)
 *
 * When the page is read back (workingset_refault), the clock has moved
 * by the refault distance: how many pages were evicted or activated
 * since. Had the active list been that much smaller, the page would have
 * stayed. So if the distance is at most the pages that compete with it
 * (the active file list; the anon lists too while there is swap), the
 * page is activated at once, and if it had been active before eviction
 * the refault is thrashing: it counts workingset_restore_* and adds to
 * the type's reclaim cost, which get_scan_count weighs
 * (mm/vmscan_balance.c).
 *
 * An anonymous page evicted from the swap cache leaves its shadow for its
 * swap slot (mm/swap_shadow.c), taken back when the slot is read in; one
 * word per slot, allocated with the swap area, so nothing a shrinker
 * could free.
 * File shadows go when the file is truncated, its clean pages dropped
 * (drop_caches) or the page refaults, and under memory pressure: the leaf
 * nodes of the page caches' radix trees that hold only shadows are kept
 * on a list (workingset_update_node, called by the tree whenever a leaf's
 * counts change), and a shrinker (mm/shrinker.c) frees the oldest of them
 * once there are more than one per 8 pages of RAM (count_shadow_nodes,
 * shadow_lru_isolate), counting workingset_nodereclaim.
 */
#include "mm/workingset.h"
#include "kernel/kernel.h"
#include "kernel/lib/radix-tree.h"
#include "mm/lru.h"
#include "mm/shrinker.h"
#include "mm/swap.h"

#define BITS_PER_LONG ((int)sizeof(unsigned long) * 8)
#define WORKINGSET_SHIFT 1
/* Bits the clock loses: the value tag and the workingset bit (no nodes or memcgs to name). */
#define EVICTION_SHIFT (1 + WORKINGSET_SHIFT)
#define EVICTION_MASK (~0UL >> EVICTION_SHIFT)

unsigned long workingset_stat[NR_WORKINGSET_STATS];
const char *const workingset_stat_names[NR_WORKINGSET_STATS] = {
	"workingset_nodes",	    "workingset_refault_anon",	"workingset_refault_file",
	"workingset_activate_anon", "workingset_activate_file", "workingset_restore_anon",
	"workingset_restore_file",  "workingset_nodereclaim",
};

/* How many low clock bits a shadow drops, so the clock spans all of RAM (workingset_init). */
static unsigned int bucket_order;

static void *pack_shadow(unsigned long eviction, bool workingset)
{
	eviction &= EVICTION_MASK;
	return xa_mk_value((eviction << WORKINGSET_SHIFT) | workingset);
}

static void unpack_shadow(const void *shadow, unsigned long *evictionp, bool *workingsetp)
{
	unsigned long entry = xa_to_value(shadow);

	*workingsetp = entry & 1;
	*evictionp = entry >> WORKINGSET_SHIFT;
}

void workingset_age_nonresident(struct lruvec *lruvec, unsigned long nr_pages)
{
	lruvec->nonresident_age += nr_pages;
}

void *workingset_eviction(struct page *page)
{
	struct lruvec *lruvec = node_lruvec(page_pgdat(page));
	unsigned long eviction = lruvec->nonresident_age >> bucket_order;

	workingset_age_nonresident(lruvec, 1);
	return pack_shadow(eviction, PageWorkingset(page));
}

/*
 * Linux's test: the distance from eviction to refault, on a clock that
 * may have wrapped (the unsigned subtraction, masked to the bits a shadow
 * keeps), is within workingset_size.
 */
bool workingset_distance_ok(unsigned long refault, unsigned long eviction,
			    unsigned long workingset_size)
{
	unsigned long refault_distance = (refault - eviction) & EVICTION_MASK;

	return refault_distance <= workingset_size;
}

/*
 * The pages a refaulting page competes with for memory: the active file
 * list (and, for an anon page, the inactive file list too), plus the anon
 * lists while there is swap to move anon pages to.
 */
static unsigned long workingset_size(const struct lruvec *lruvec, bool file)
{
	unsigned long size = lruvec->nr_pages[LRU_ACTIVE_FILE];

	if (!file)
		size += lruvec->nr_pages[LRU_INACTIVE_FILE];
	if (get_nr_swap_pages() > 0) {
		size += lruvec->nr_pages[LRU_ACTIVE_ANON];
		if (file)
			size += lruvec->nr_pages[LRU_INACTIVE_ANON];
	}
	return size;
}

void workingset_refault(struct page *page, void *shadow)
{
	bool file = page_is_file_lru(page), workingset;
	struct lruvec *lruvec = node_lruvec(page_pgdat(page));
	unsigned long eviction;

	unpack_shadow(shadow, &eviction, &workingset);
	eviction <<= bucket_order;
	workingset_stat[WORKINGSET_REFAULT_BASE + file]++;
	if (!workingset_distance_ok(lruvec->nonresident_age, eviction,
				    workingset_size(lruvec, file)))
		return;
	SetPageActive(page);
	workingset_age_nonresident(lruvec, 1);
	workingset_stat[WORKINGSET_ACTIVATE_BASE + file]++;
	if (workingset) { /* it was active before eviction: thrashing */
		SetPageWorkingset(page);
		lru_note_cost(lruvec, file, 1);
		workingset_stat[WORKINGSET_RESTORE_BASE + file]++;
	}
}

void workingset_activation(struct page *page)
{
	workingset_age_nonresident(node_lruvec(page_pgdat(page)), 1);
}

/* ---- the shadow nodes' shrinker ---------------------------------------------------------- */

/*
 * The page caches' leaf nodes that hold shadow entries and no page
 * (Linux's shadow_nodes list_lru), oldest first; workingset_nodes counts
 * them.
 */
static LIST_HEAD(shadow_nodes);

void workingset_update_node(struct radix_tree_node *node)
{
	bool shadows_only = node->count && node->count == node->nr_values;

	if (shadows_only && list_empty(&node->private_list)) {
		list_add_tail(&node->private_list, &shadow_nodes);
		workingset_stat[WORKINGSET_NODES]++;
	} else if (!shadows_only && !list_empty(&node->private_list)) {
		list_del_init(&node->private_list);
		workingset_stat[WORKINGSET_NODES]--;
	}
}

/*
 * Shadow nodes beyond Linux's limit: one node per 8 pages of RAM (a
 * worst-case density of 1/8 of a node's 64 slots, enough to remember
 * an eviction for each page the active list could hold). Linux:
 * pages >> (XA_CHUNK_SHIFT - 3), pages the node's present pages when
 * there are no memory cgroups.
 */
static unsigned long count_shadow_nodes(struct shrinker *shrinker, struct shrink_control *sc)
{
	unsigned long nodes = workingset_stat[WORKINGSET_NODES];
	unsigned long max_nodes = NODE_DATA(0)->node_present_pages >> (RADIX_TREE_MAP_SHIFT - 3);

	(void)shrinker, (void)sc; /* one node: sc->nid is 0 */
	if (!nodes)
		return SHRINK_EMPTY;
	return nodes > max_nodes ? nodes - max_nodes : 0;
}

/*
 * Free a shadow node (Linux's shadow_lru_isolate): delete each of its
 * shadows from the mapping; the last delete frees the node, and any
 * parent it empties. Nothing sleeps here, and no page-cache change is
 * half done when reclaim runs (inserts allocate first), so the node and
 * its mapping (whose tree is emptied before it is freed) are valid.
 */
static void shadow_lru_isolate(struct radix_tree_node *node)
{
	struct radix_tree_root *root = node->root;
	unsigned long index = node->index;
	unsigned int left = node->count, i;

	if (!node->nr_values || node->count != node->nr_values)
		panic("shadow_lru_isolate: node of %u slots holds %u shadows", node->count,
		      node->nr_values);
	for (i = 0; left; i++) {
		if (!node->slots[i])
			continue;
		left--; /* the last delete frees node */
		radix_tree_delete(root, index + i);
	}
	workingset_stat[WORKINGSET_NODERECLAIM]++;
}

/* Free up to sc->nr_to_scan shadow nodes, the oldest first; how many went. */
static unsigned long scan_shadow_nodes(struct shrinker *shrinker, struct shrink_control *sc)
{
	unsigned long nr_to_walk = sc->nr_to_scan, freed = 0;

	(void)shrinker;
	while (nr_to_walk-- && !list_empty(&shadow_nodes)) {
		shadow_lru_isolate(
		    list_first_entry(&shadow_nodes, struct radix_tree_node, private_list));
		freed++;
	}
	return freed;
}

static struct shrinker workingset_shadow_shrinker = {
	.count_objects = count_shadow_nodes,
	.scan_objects = scan_shadow_nodes,
	.seeks = 0, /* count_objects reports only fully expendable nodes (Linux's comment) */
};

/* Linux's fls_long: the position of the highest bit set, 1-based; 0 for 0. */
static int fls_long(unsigned long x)
{
	return x ? BITS_PER_LONG - __builtin_clzl(x) : 0;
}

void workingset_init(void)
{
	int timestamp_bits = BITS_PER_LONG - EVICTION_SHIFT;
	int max_order = fls_long(totalram_pages() - 1);

	bucket_order = max_order > timestamp_bits ? (unsigned int)(max_order - timestamp_bits) : 0;
	pr_info("workingset: timestamp_bits=%d max_order=%d bucket_order=%u\n", timestamp_bits,
		max_order, bucket_order);
	register_shrinker(&workingset_shadow_shrinker, "mm-shadow");
}
