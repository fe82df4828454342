/*
 * ktest suite "vmscan": the second chance, page by page, on a private mm
 * from a kernel thread. A "use" of the page is its PTE's accessed bit,
 * set here as the MMU would on a load.
 */
#include "kernel/ktest.h"
#include "kernel/time.h"
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/mmzone.h"
#include "mm/pagemap.h"
#include "mm/swap.h"
#include "mm/vmscan.h"

static void use(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = pte_offset_map(mm, addr);

	*pte = __pte(pte_val(*pte) | _PAGE_ACCESSED);
}

/*
 * Linux's verdicts: a fresh page (accessed by its fault) is kept once
 * with PG_referenced; used again, it is activated and keeps PG_referenced;
 * deactivated and used again, it is activated at its first look; not
 * used since its last look, it is reclaimed, PG_referenced or not.
 */
static void second_chance_verdicts(struct ktest *t)
{
	struct scan_control sc = { .reclaim_idx = ZONE_NORMAL };
	struct list_head *active = &node_lruvec(NODE_DATA(0))->lists[LRU_ACTIVE_ANON];
	struct mm_struct *mm = mm_alloc();
	struct page *page;
	unsigned long a;

	KTEST_ASSERT_TRUE(t, mm != NULL);
	a = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	KTEST_ASSERT_EQ(t, handle_mm_fault(find_vma(mm, a), a, FAULT_FLAG_WRITE), 0);
	page = follow_page(mm, a);
	KTEST_ASSERT_TRUE(t, page != NULL);
	use(mm, a); /* the faulting access, retried */

	KTEST_EXPECT_EQ(t, page_check_references(page), PAGEREF_KEEP);
	KTEST_EXPECT_TRUE(t, PageReferenced(page));
	use(mm, a);
	KTEST_EXPECT_EQ(t, page_check_references(page), PAGEREF_ACTIVATE);
	KTEST_EXPECT_TRUE(t, PageReferenced(page));

	/* Onto the active list's tail, as reclaim would put it; then aged. */
	del_page_from_lru_list(page);
	add_page_to_lru_list(page, LRU_ACTIVE_ANON);
	list_move_tail(&page->lru, active);
	use(mm, a);
	shrink_active_list(1, &sc, LRU_ACTIVE_ANON);
	KTEST_EXPECT_EQ(t, page_lru(page), LRU_INACTIVE_ANON);
	KTEST_EXPECT_TRUE(t, PageReferenced(page)); /* deactivation leaves it */

	use(mm, a);
	KTEST_EXPECT_EQ(t, page_check_references(page), PAGEREF_ACTIVATE);
	KTEST_EXPECT_EQ(t, page_check_references(page), PAGEREF_RECLAIM);
	KTEST_EXPECT_FALSE(t, PageReferenced(page));
	mmput(mm);
}

/*
 * A private mm with n fresh pages on the inactive list, the first
 * n_inactive of them used (their first look keeps them: nothing is
 * reclaimed, nothing written) and the others moved to the active list.
 * The lists must hold nothing else. Returns the mm, or NULL on failure.
 */
static struct mm_struct *lru_setup(struct ktest *t, unsigned long n, unsigned long n_inactive)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long a, i;

	if (!KTEST_EXPECT_TRUE(t, mm != NULL) ||
	    !KTEST_EXPECT_EQ(t,
			     node_lruvec(NODE_DATA(0))->nr_pages[LRU_INACTIVE_ANON] +
				 node_lruvec(NODE_DATA(0))->nr_pages[LRU_ACTIVE_ANON],
			     0UL))
		return NULL;
	a = do_mmap(mm, 0, n * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	for (i = 0; i < n && !IS_ERR_VALUE(a); i++) {
		struct page *page;

		if (handle_mm_fault(find_vma(mm, a + i * PAGE_SIZE), a + i * PAGE_SIZE,
				    FAULT_FLAG_WRITE))
			break;
		page = follow_page(mm, a + i * PAGE_SIZE);
		if (i < n_inactive) {
			use(mm, a + i * PAGE_SIZE);
		} else {
			del_page_from_lru_list(page);
			add_page_to_lru_list(page, LRU_ACTIVE_ANON);
		}
	}
	if (!KTEST_EXPECT_EQ(t, i, n)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

/*
 * Linux's shrink_lruvec ages the active list in step with the inactive
 * one (get_scan_count: size >> priority of each, walked in batches of 32)
 * while the inactive list is low, then once more if it still is. At
 * priority 0 with 64 inactive and 448 active pages: two batches of each,
 * then one more of the active list, 96 pages deactivated, none reclaimed.
 */
static void active_list_aged_in_proportion(struct ktest *t)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.priority = 0,
		.reclaim_idx = ZONE_NORMAL,
	};
	struct mm_struct *mm;

	if (!total_swap_pages)
		KTEST_SKIP(t, "no swap area: reclaim scans nothing");
	mm = lru_setup(t, 512, 64);
	if (!mm)
		return;
	shrink_node(&sc);
	KTEST_EXPECT_EQ(t, sc.nr_reclaimed, 0UL);
	KTEST_EXPECT_EQ(t, node_lruvec(NODE_DATA(0))->nr_pages[LRU_ACTIVE_ANON], 448UL - 96);
	KTEST_EXPECT_EQ(t, node_lruvec(NODE_DATA(0))->nr_pages[LRU_INACTIVE_ANON], 64UL + 96);
	mmput(mm);
}

/*
 * Linux's kswapd_shrink_node aims at sum(max(HIGH, 32)) over the zones the
 * request may use and reports whether it scanned that much: a pass over 64
 * pages did not (balance_pgdat raises the priority), one over 1024 pages
 * did, though the pages were all kept.
 */
static void kswapd_pass_target_is_the_high_watermarks(struct ktest *t)
{
	unsigned long target = 0, n;
	struct zone *zone;
	int z;

	if (!total_swap_pages)
		KTEST_SKIP(t, "no swap area: reclaim scans nothing");
	for_each_managed_zone_pgdat(zone, NODE_DATA(0), z, ZONE_NORMAL)
		target += max(high_wmark_pages(zone), SWAP_CLUSTER_MAX);
	KTEST_ASSERT_TRUE(t, target > 64 && target <= 1024);
	for (n = 64; n <= 1024; n *= 16) {
		struct scan_control sc = { .priority = 0,
					   .reclaim_idx = ZONE_NORMAL,
					   .is_kswapd = true };
		struct mm_struct *mm = lru_setup(t, n, n);

		if (!mm)
			return;
		KTEST_EXPECT_EQ(t, kswapd_shrink_node(&sc), n >= target);
		KTEST_EXPECT_EQ(t, sc.nr_to_reclaim, target);
		KTEST_EXPECT_EQ(t, sc.nr_scanned, n);
		KTEST_EXPECT_EQ(t, sc.nr_reclaimed, 0UL);
		mmput(mm);
	}
}

/*
 * Reclaim that freed nothing waits for a file write only if one will end
 * (Linux's reclaim_throttle): a dirty page no write is under, with the
 * flusher not asked to write it, ends none, so writeback_throttle returns
 * at once instead of sleeping HZ/10 (it did, at every priority).
 */
static void throttle_waits_only_for_a_write_that_will_end(struct ktest *t)
{
	unsigned long start;

	KTEST_ASSERT_EQ(t, nr_writeback, 0UL);
	nr_file_dirty++; /* a page dirtied and not yet due for writeback */
	start = jiffies;
	writeback_throttle();
	nr_file_dirty--;
	KTEST_EXPECT_TRUE(t, jiffies - start < HZ / 20);
}

static struct ktest_case vmscan_cases[] = {
	KTEST_CASE(second_chance_verdicts),
	KTEST_CASE(active_list_aged_in_proportion),
	KTEST_CASE(kswapd_pass_target_is_the_high_watermarks),
	KTEST_CASE(throttle_waits_only_for_a_write_that_will_end),
	{},
};
KTEST_SUITE(vmscan, vmscan_cases);
