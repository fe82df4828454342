/*
 * The anon/file balance of reclaim (mm/vmscan_balance.c) and refault
 * detection (mm/workingset.c), built for the host: Linux 6.1's
 * get_scan_count rules one by one, its SCAN_FRACT arithmetic against the
 * formula, inactive_is_low's ratios, shrink_lruvec's proportional cut
 * (scan_adjust), and the refault distance test across a clock wrap.
 * Stand-ins: one node with two zones whose LRU counters the tests set,
 * swap counters, vm_swappiness, printk.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "fs/fs.h"
#include "kernel/sysctl.h"
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/workingset.h"

/* ---- stand-ins -------------------------------------------------------------- */

struct pglist_data contig_page_data;
struct page *mem_map;
unsigned long _totalram_pages;
int vm_swappiness = 60;
long nr_swap_pages, total_swap_pages;
unsigned long nr_swapcache_pages;
static char log_buf[512];
static unsigned long noted[2]; /* lru_note_cost by type */

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (fmt[0] == '\001' && fmt[1])
		fmt += 2;
	va_start(ap, fmt);
	n = vsnprintf(log_buf, sizeof(log_buf), fmt, ap);
	va_end(ap);
	return n;
}

void lru_note_cost(struct lruvec *lruvec, bool file, unsigned long nr_pages)
{
	(void)lruvec;
	noted[file] += nr_pages;
}

/* The shadow shrinker's calls (mm/workingset.c): not exercised here. */
void register_shrinker(struct shrinker *shrinker, const char *name)
{
	(void)shrinker, (void)name;
}

void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	(void)root, (void)index;
	return NULL;
}

void panic(const char *fmt, ...)
{
	(void)fmt;
	abort();
}

static struct lruvec *lruvec(void)
{
	return node_lruvec(NODE_DATA(0));
}

/*
 * The node: DMA (zone 0) empty of LRU pages, Normal (zone 1) with the
 * given list sizes, `free` free pages and a high watermark of `high`.
 */
static void node(unsigned long ia, unsigned long aa, unsigned long ifl, unsigned long af,
		 unsigned long free, unsigned long high)
{
	struct zone *z = &contig_page_data.node_zones[ZONE_NORMAL];
	const unsigned long sizes[4] = { ia, aa, ifl, af };
	int i;

	memset(&contig_page_data, 0, sizeof(contig_page_data));
	memset(workingset_stat, 0, sizeof(workingset_stat));
	memset(noted, 0, sizeof(noted));
	z->managed_pages = 1UL << 20;
	z->vm_stat[NR_FREE_PAGES] = (long)free;
	z->_watermark[WMARK_HIGH] = high;
	for (i = 0; i < 4; i++) {
		z->vm_stat[NR_ZONE_INACTIVE_ANON + i] = (long)sizes[i];
		lruvec()->nr_pages[i] = sizes[i];
	}
	vm_swappiness = 60;
	total_swap_pages = nr_swap_pages = 1 << 16;
	nr_swapcache_pages = 0;
}

static void scan(struct scan_control *sc, unsigned long *nr)
{
	sc->reclaim_idx = ZONE_NORMAL;
	prepare_scan_count(NODE_DATA(0), sc);
	get_scan_count(lruvec(), sc, nr);
}

/* ---- get_scan_count --------------------------------------------------------- */

/* Linux 6.1's SCAN_FRACT, written out: the expected scan of one list. */
static unsigned long fract(unsigned long size, int prio, int s, unsigned long A, unsigned long F,
			   bool file)
{
	unsigned long T = A + F, a = T + A, f = T + F, T2 = a + f;
	unsigned long long ap = (unsigned long long)s * (T2 + 1) / (a + 1);
	unsigned long long fp = (unsigned long long)(200 - s) * (T2 + 1) / (f + 1);

	return (unsigned long)((size >> prio) * (file ? fp : ap) / (ap + fp));
}

START_TEST(fract_weighs_swappiness_and_costs)
{
	static const int swappiness[] = { 1, 60, 100, 133, 199 };
	static const unsigned long costs[][2] = { { 0, 0 }, { 100, 0 }, { 0, 100 }, { 37, 5000 } };
	unsigned int i, j;

	for (i = 0; i < sizeof(swappiness) / sizeof(swappiness[0]); i++) {
		for (j = 0; j < sizeof(costs) / sizeof(costs[0]); j++) {
			struct scan_control sc = { .priority = 4 };
			unsigned long nr[NR_LRU_LISTS];

			/* both inactive lists low and refaulting: no shortcut applies */
			node(3000, 9000, 2000, 8000, 100000, 10);
			lruvec()->anon_cost = costs[j][0];
			lruvec()->file_cost = costs[j][1];
			vm_swappiness = swappiness[i];
			scan(&sc, nr);
			ck_assert(!sc.cache_trim_mode && !sc.file_is_tiny);
			ck_assert_uint_eq(
			    nr[LRU_INACTIVE_ANON],
			    fract(3000, 4, swappiness[i], costs[j][0], costs[j][1], 0));
			ck_assert_uint_eq(nr[LRU_ACTIVE_ANON], fract(9000, 4, swappiness[i],
								     costs[j][0], costs[j][1], 0));
			ck_assert_uint_eq(
			    nr[LRU_INACTIVE_FILE],
			    fract(2000, 4, swappiness[i], costs[j][0], costs[j][1], 1));
			ck_assert_uint_eq(nr[LRU_ACTIVE_FILE], fract(8000, 4, swappiness[i],
								     costs[j][0], costs[j][1], 1));
		}
	}
}
END_TEST

/*
 * get_scan_count at priority on the node as the test set it up: each of
 * the four lists (inactive anon, active anon, inactive file, active file)
 * is scanned as expected. Returns the scan_control, for its modes.
 */
static struct scan_control expect_scan(int priority, unsigned long ia, unsigned long aa,
				       unsigned long ifl, unsigned long af)
{
	struct scan_control sc = { .priority = priority };
	unsigned long nr[NR_LRU_LISTS];

	scan(&sc, nr);
	ck_assert_uint_eq(nr[LRU_INACTIVE_ANON], ia);
	ck_assert_uint_eq(nr[LRU_ACTIVE_ANON], aa);
	ck_assert_uint_eq(nr[LRU_INACTIVE_FILE], ifl);
	ck_assert_uint_eq(nr[LRU_ACTIVE_FILE], af);
	return sc;
}

START_TEST(equal_costs_at_swappiness_100_split_by_size)
{
	node(4000, 8000, 4000, 8000, 100000, 10);
	vm_swappiness = 100;
	/* ap == fp: each list gets half of its size >> priority */
	expect_scan(2, 500, 1000, 500, 1000);
}
END_TEST

START_TEST(swappiness_0_scans_no_anon_and_200_no_file)
{
	node(3000, 9000, 2000, 8000, 100000, 10);
	vm_swappiness = 0;
	expect_scan(3, 0, 0, 2000 >> 3, 8000 >> 3);
	vm_swappiness = 200;
	expect_scan(3, 3000 >> 3, 9000 >> 3, 0, 0);
}
END_TEST

START_TEST(no_swap_scans_file_only)
{
	node(3000, 9000, 2000, 8000, 100000, 10);
	nr_swap_pages = 0; /* full, and nothing in the swap cache */
	expect_scan(0, 0, 0, 2000, 8000);
}
END_TEST

/* SCAN_EQUAL at priority 0, but only with swappiness: at 0 anon is still left alone. */
START_TEST(priority_0_scans_everything_unless_swappiness_0)
{
	node(3000, 9000, 2000, 8000, 100000, 10);
	expect_scan(0, 3000, 9000, 2000, 8000);
	vm_swappiness = 0;
	expect_scan(0, 0, 0, 2000, 8000);
}
END_TEST

START_TEST(tiny_file_scans_anon_only)
{
	/* file 30 + free 50 <= high 100; anon not low (inactive >= active), no refaults */
	node(4000, 1000, 10, 20, 50, 100);
	vm_swappiness = 0;
	ck_assert(expect_scan(2, 4000 >> 2, 1000 >> 2, 0, 0).file_is_tiny);
	/* one page more of file and free than the watermarks: not tiny, and no anon at 0 */
	node(4000, 1000, 10, 20, 71, 100);
	vm_swappiness = 0;
	ck_assert(!expect_scan(2, 0, 0, 10 >> 2, 20 >> 2).file_is_tiny);
}
END_TEST

START_TEST(plenty_of_cold_cache_is_trimmed_first)
{
	struct scan_control sc = { .priority = 12 };
	unsigned long nr[NR_LRU_LISTS];

	/* inactive file not low (8192 >= 100) and no file refaults: cache_trim_mode */
	node(30000, 90000, 8192, 100, 100000, 10);
	scan(&sc, nr);
	ck_assert(sc.cache_trim_mode);
	ck_assert_uint_eq(nr[LRU_INACTIVE_FILE], 2);
	ck_assert_uint_eq(nr[LRU_INACTIVE_ANON] + nr[LRU_ACTIVE_ANON], 0);
	/* a file refault activated since the last run: the file lists may age, no trim */
	workingset_stat[WORKINGSET_ACTIVATE_FILE] = 1;
	scan(&sc, nr);
	ck_assert(!sc.cache_trim_mode && (sc.may_deactivate & DEACTIVATE_FILE));
	snapshot_refaults(lruvec());
	scan(&sc, nr);
	ck_assert(sc.cache_trim_mode);
}
END_TEST

START_TEST(inactive_is_low_ratio_grows_with_the_square_root)
{
	/* under 1 GiB of the type (262144 pages) the target is 1:1 */
	node(0, 0, 100000, 150000, 0, 0);
	ck_assert(inactive_is_low(lruvec(), LRU_INACTIVE_FILE));
	/* 1 GiB: the ratio is int_sqrt(10) = 3, so 100000 inactive protect 250000 active */
	node(0, 0, 100000, 250000, 0, 0);
	ck_assert(!inactive_is_low(lruvec(), LRU_INACTIVE_FILE));
	node(0, 0, 60000, 250000, 0, 0);
	ck_assert(inactive_is_low(lruvec(), LRU_INACTIVE_FILE));
	node(60000, 250000, 0, 0, 0, 0); /* the same rule for anon */
	ck_assert(inactive_is_low(lruvec(), LRU_INACTIVE_ANON));
}
END_TEST

START_TEST(scan_adjust_keeps_the_proportion)
{
	unsigned long targets[NR_LRU_LISTS] = { 100, 100, 1000, 1000, 0 };
	unsigned long nr[NR_LRU_LISTS] = { 50, 50, 900, 900, 0 };

	/* anon has less left, 100 of 201 (49%): stopped; file scans 51% of its target in all */
	scan_adjust(nr, targets);
	ck_assert_uint_eq(nr[LRU_INACTIVE_ANON] + nr[LRU_ACTIVE_ANON], 0);
	ck_assert_uint_eq(nr[LRU_INACTIVE_FILE], 1000 * 51 / 100 - 100);
	ck_assert_uint_eq(nr[LRU_ACTIVE_FILE], 1000 * 51 / 100 - 100);
}
END_TEST

/* ---- refault distance ------------------------------------------------------- */

START_TEST(distance_within_the_workingset_activates)
{
	ck_assert(workingset_distance_ok(1100, 1000, 100));
	ck_assert(!workingset_distance_ok(1101, 1000, 100));
	/* the clock wrapped between eviction and refault (the bits a shadow keeps) */
	ck_assert(workingset_distance_ok(5, (~0UL >> 2) - 9, 15));
	ck_assert(!workingset_distance_ok(5, (~0UL >> 2) - 9, 14));
}
END_TEST

START_TEST(refault_counts_and_activates_within_distance)
{
	struct page page = { 0 };
	void *shadow;

	node(100, 100, 100, 300, 0, 0); /* file refault competes with active file + anon: 500 */
	SetPageWorkingset(&page);
	shadow = workingset_eviction(&page);
	ck_assert_uint_eq(lruvec()->nonresident_age, 1);
	lruvec()->nonresident_age += 499; /* 500 evictions and activations since */
	page.flags = 0;
	workingset_refault(&page, shadow);
	ck_assert(PageActive(&page) && PageWorkingset(&page));
	ck_assert_uint_eq(workingset_stat[WORKINGSET_REFAULT_FILE], 1);
	ck_assert_uint_eq(workingset_stat[WORKINGSET_ACTIVATE_FILE], 1);
	ck_assert_uint_eq(workingset_stat[WORKINGSET_RESTORE_FILE], 1);
	ck_assert_uint_eq(noted[1], 1);

	/* one further and it stays inactive; without swap anon does not compete */
	node(100, 100, 100, 300, 0, 0);
	shadow = workingset_eviction(&page);
	lruvec()->nonresident_age += 500;
	page.flags = 0;
	workingset_refault(&page, shadow);
	ck_assert(!PageActive(&page));
	ck_assert_uint_eq(workingset_stat[WORKINGSET_REFAULT_FILE], 1);
	ck_assert_uint_eq(workingset_stat[WORKINGSET_ACTIVATE_FILE], 0);
	node(100, 100, 100, 300, 0, 0);
	nr_swap_pages = 0;
	shadow = workingset_eviction(&page);
	lruvec()->nonresident_age += 299;
	page.flags = 0;
	workingset_refault(&page, shadow);
	ck_assert(PageActive(&page) && !PageWorkingset(&page));
	ck_assert_uint_eq(workingset_stat[WORKINGSET_RESTORE_FILE], 0);
}
END_TEST

START_TEST(init_logs_the_timestamp_bits)
{
	_totalram_pages = 8192;
	workingset_init();
	ck_assert_str_eq(log_buf, "workingset: timestamp_bits=62 max_order=13 bucket_order=0\n");
}
END_TEST

int main(void)
{
	const TTest *tests[] = { fract_weighs_swappiness_and_costs,
				 equal_costs_at_swappiness_100_split_by_size,
				 swappiness_0_scans_no_anon_and_200_no_file,
				 no_swap_scans_file_only,
				 priority_0_scans_everything_unless_swappiness_0,
				 tiny_file_scans_anon_only,
				 plenty_of_cold_cache_is_trimmed_first,
				 inactive_is_low_ratio_grows_with_the_square_root,
				 scan_adjust_keeps_the_proportion,
				 distance_within_the_workingset_activates,
				 refault_counts_and_activates_within_distance,
				 init_logs_the_timestamp_bits,
				 NULL };

	return run_tests("vmscan_balance", tests, 0, CK_NOFORK);
}
