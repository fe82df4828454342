/*
 * The allocation slow path (mm/page_alloc.c) in Linux's order, with
 * recording stand-ins for kswapd, direct reclaim and the OOM killer: which
 * of them a request reaches, in what order, and that progress they report
 * (pages they free) lets the allocation succeed.
 */
#include <check.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "tests/unit/mm_fake.h"
#include "mm/internal.h"
#include "mm/oom.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"

static char calls[256]; /* "K" wakeup_kswapd, "R" reclaim, "O" OOM killer */
static LIST_HEAD(held); /* pages the test holds; the stand-ins free them */
static unsigned long reclaim_frees, oom_frees;
static enum zone_type kswapd_zoneidx;

static unsigned long give_back(unsigned long n)
{
	unsigned long done = 0;

	while (done < n && !list_empty(&held)) {
		struct page *page = list_first_entry(&held, struct page, lru);

		list_del_init(&page->lru);
		__free_page(page);
		done++;
	}
	return done;
}

void wakeup_kswapd(struct zone *zone, gfp_t gfp, int order, enum zone_type highest_zoneidx)
{
	(void)zone, (void)gfp, (void)order;
	kswapd_zoneidx = highest_zoneidx;
	strcat(calls, "K");
}

unsigned long try_to_free_pages(gfp_t gfp, int order, enum zone_type highest_zoneidx)
{
	(void)gfp, (void)order, (void)highest_zoneidx;
	strcat(calls, "R");
	return give_back(reclaim_frees);
}

unsigned long zone_reclaimable_pages(struct zone *zone)
{
	(void)zone;
	return 0;
}

bool out_of_memory(struct oom_control *oc)
{
	(void)oc;
	strcat(calls, "O");
	return give_back(oom_frees) > 0;
}

/* Fill memory with GFP_KERNEL until only MIN is left in each zone. */
static void setup_at_min(void)
{
	struct page *page;

	fake_machine(8192, 256);
	INIT_LIST_HEAD(&held);
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN)))
		list_add(&page->lru, &held);
	calls[0] = '\0';
	reclaim_frees = oom_frees = 0;
}

START_TEST(fast_path_needs_nobody)
{
	fake_machine(8192, 256);
	calls[0] = '\0';
	ck_assert_ptr_nonnull(alloc_page(GFP_KERNEL));
	ck_assert_str_eq(calls, "");
}
END_TEST

/* Below LOW but above MIN: kswapd is woken, the retry at MIN succeeds. */
START_TEST(below_low_wakes_kswapd)
{
	struct zone *normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	struct zone *dma = &NODE_DATA(0)->node_zones[ZONE_DMA];

	fake_machine(8192, 256);
	while (zone_free(ZONE_NORMAL) > low_wmark_pages(normal) ||
	       zone_free(ZONE_DMA) >
		   low_wmark_pages(dma) + (unsigned long)dma->lowmem_reserve[ZONE_NORMAL])
		ck_assert_ptr_nonnull(alloc_page(GFP_KERNEL));
	calls[0] = '\0';
	ck_assert_ptr_nonnull(alloc_page(GFP_KERNEL));
	ck_assert_str_eq(calls, "K");
	ck_assert_int_eq(kswapd_zoneidx, ZONE_NORMAL);
}
END_TEST

/*
 * From MIN in every zone, one request each: which of kswapd ("K"), direct
 * reclaim ("R") and the OOM killer ("O") it reaches, in Linux's order, and
 * whether the pages they free (reclaim_frees, oom_frees) let it succeed.
 */
static const struct slowpath_case {
	const char *what;
	gfp_t gfp;
	unsigned int order;
	unsigned long reclaim_frees, oom_frees;
	bool succeeds;
	const char *calls;
} slowpath_cases[] = {
	{ "nothing reclaimable, nobody to kill: wake, wake, reclaim once, OOM, fail",
	  GFP_KERNEL | __GFP_NOWARN, 0, 0, 0, false, "KKRO" },
	{ "reclaim's progress satisfies the request", GFP_KERNEL, 0, 32, 0, true, "KKR" },
	{ "after the OOM kill, back at retry the freelists suffice", GFP_KERNEL, 0, 0, 64, true,
	  "KKROK" },
	{ "a costly order gives up after reclaim", GFP_KERNEL | __GFP_NOWARN,
	  PAGE_ALLOC_COSTLY_ORDER + 1, 0, 0, false, "KKR" },
	{ "__GFP_NORETRY gives up after reclaim", GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0, 0,
	  0, false, "KKR" },
	{ "__GFP_RETRY_MAYFAIL gives up after reclaim, no OOM kill",
	  GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN, 0, 0, 0, false, "KKR" },
	{ "__GFP_MEMALLOC ignores the watermarks", GFP_KERNEL | __GFP_MEMALLOC, 0, 0, 0, true,
	  "KK" },
};

START_TEST(slow_path_in_linux_order)
{
	const struct slowpath_case *c = &slowpath_cases[_i];
	struct page *page;

	setup_at_min();
	reclaim_frees = c->reclaim_frees;
	oom_frees = c->oom_frees;
	page = alloc_pages(c->gfp, c->order);
	ck_assert_msg((page != NULL) == c->succeeds, "%s: allocation %s", c->what,
		      page ? "succeeded" : "failed");
	ck_assert_msg(!strcmp(calls, c->calls), "%s: calls \"%s\", expected \"%s\"", c->what, calls,
		      c->calls);
	ck_assert_uint_eq(vm_event_count(ALLOCSTALL_NORMAL), 0); /* the stand-in does not count */
}
END_TEST

START_TEST(atomic_never_reclaims)
{
	setup_at_min();
	while (alloc_page(GFP_ATOMIC | __GFP_NOWARN))
		;
	calls[0] = '\0';
	ck_assert_ptr_null(alloc_page(GFP_ATOMIC | __GFP_NOWARN));
	ck_assert_str_eq(calls, "KK");
	calls[0] = '\0';
	ck_assert_ptr_null(alloc_page(GFP_NOWAIT));
	ck_assert_str_eq(calls, "KK");
}
END_TEST

START_TEST(dma_requests_never_oom_kill)
{
	struct page *page;

	setup_at_min();
	while ((page = alloc_page(GFP_KERNEL | __GFP_DMA | __GFP_NOWARN)))
		list_add(&page->lru, &held);
	calls[0] = '\0';
	ck_assert_ptr_null(alloc_page(GFP_KERNEL | __GFP_DMA | __GFP_NOWARN));
	ck_assert_str_eq(calls, "KKR");
}
END_TEST

/*
 * Before the scheduler runs (Linux's GFP_BOOT_MASK in gfp_allowed_mask) an
 * allocation neither reclaims nor calls the OOM killer: there is no task
 * list to choose from. It fails, and its caller names the failure.
 */
START_TEST(early_boot_never_reclaims_or_oom_kills)
{
	setup_at_min();
	oom_frees = 64;
	gfp_allowed_mask = GFP_BOOT_MASK;
	ck_assert_ptr_null(alloc_page(GFP_KERNEL | __GFP_NOWARN));
	ck_assert_str_eq(calls, "");
	gfp_allowed_mask = __GFP_BITS_MASK; /* the scheduler is up: kernel_init */
	ck_assert_ptr_nonnull(alloc_page(GFP_KERNEL));
	ck_assert_str_eq(calls, "KKROK");
}
END_TEST

START_TEST(nofail_panics_by_name_when_nothing_can_be_freed)
{
	setup_at_min();
	while (alloc_page(GFP_ATOMIC | __GFP_NOWARN))
		;
	ck_assert(PANICS(alloc_page(GFP_KERNEL | __GFP_NOFAIL)));
	ck_assert_str_eq(panic_msg, "__alloc_pages: __GFP_NOFAIL allocation of order 0 failed and "
				    "nothing can be reclaimed");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("slowpath");
	TCase *tc = tcase_create("slowpath");

	tcase_add_test(tc, fast_path_needs_nobody);
	tcase_add_test(tc, below_low_wakes_kswapd);
	tcase_add_loop_test(tc, slow_path_in_linux_order, 0,
			    sizeof(slowpath_cases) / sizeof(slowpath_cases[0]));
	tcase_add_test(tc, atomic_never_reclaims);
	tcase_add_test(tc, dma_requests_never_oom_kill);
	tcase_add_test(tc, nofail_panics_by_name_when_nothing_can_be_freed);
	tcase_add_test(tc, early_boot_never_reclaims_or_oom_kills);
	suite_add_tcase(s, tc);
	return run_suite(s, CK_FORK_GETENV);
}
