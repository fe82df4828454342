/*
 * ktest suite "vmscan": the second chance, page by page, on a private mm
 * from a kernel thread. A "use" of the page is its PTE's accessed bit,
 * set here as the MMU would on a load.
 */
#include "kernel/ktest.h"
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/mmap.h"

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
	struct list_head *active = &node_lruvec.lists[LRU_ACTIVE_ANON];
	struct mm_struct *mm = mm_alloc();
	struct page *page;
	unsigned long a;

	KTEST_ASSERT_TRUE(t, mm != NULL);
	a = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	KTEST_ASSERT_EQ(t, handle_mm_fault(find_vma(mm, a), a, FAULT_FLAG_WRITE), 0);
	page = follow_page(mm, a);
	KTEST_ASSERT_TRUE(t, page != NULL);
	use(mm, a);	/* the faulting access, retried */

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
	shrink_active_list(1, &sc);
	KTEST_EXPECT_EQ(t, page_lru(page), LRU_INACTIVE_ANON);
	KTEST_EXPECT_TRUE(t, PageReferenced(page));	/* deactivation leaves it */

	use(mm, a);
	KTEST_EXPECT_EQ(t, page_check_references(page), PAGEREF_ACTIVATE);
	KTEST_EXPECT_EQ(t, page_check_references(page), PAGEREF_RECLAIM);
	KTEST_EXPECT_FALSE(t, PageReferenced(page));
	mmput(mm);
}

static struct ktest_case vmscan_cases[] = {
	KTEST_CASE(second_chance_verdicts),
	{},
};
KTEST_SUITE(vmscan, vmscan_cases);
