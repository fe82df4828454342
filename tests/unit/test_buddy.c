/*
 * The buddy allocator (mm/page_alloc.c) on a fake machine: split and
 * merge against a simple model under a long random run, zone fallback and
 * lowmem_reserve, the reserve rights of GFP_ATOMIC, zeroing and poisoning,
 * counters, the allocation failure report and named panics.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "tests/unit/mm_fake.h"
#include "mm/internal.h"
#include "mm/vmstat.h"

#define NR_PAGES 8192UL /* 32 MiB: DMA 4096 pages, Normal 4096 */

static struct zone *Z(int zid)
{
	return &NODE_DATA(0)->node_zones[zid];
}

static void snapshot(unsigned long nr[MAX_NR_ZONES][NR_PAGE_ORDERS])
{
	int z, o;

	for (z = 0; z < MAX_NR_ZONES; z++)
		for (o = 0; o < NR_PAGE_ORDERS; o++)
			nr[z][o] = Z(z)->free_area[o].nr_free;
}

/*
 * Every block on every free list is a free, aligned buddy head of that
 * order, in its zone, whose buddy is not also free at that order (fully
 * merged); the lists add up to NR_FREE_PAGES. model[pfn] is 1 for pages
 * the test holds; those must not be on any list.
 */
static void check_free_lists(const unsigned char *model)
{
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = Z(z);
		unsigned long total = 0;
		unsigned int o;

		for (o = 0; o < NR_PAGE_ORDERS; o++) {
			unsigned long n = 0, i;
			struct page *page;

			list_for_each_entry(page, &zone->free_area[o].free_list, lru) {
				unsigned long pfn = page_to_pfn(page);

				ck_assert(PageBuddy(page));
				ck_assert_uint_eq(buddy_order(page), o);
				ck_assert_uint_eq(pfn & ((1UL << o) - 1), 0);
				ck_assert(zone_spans_pfn(zone, pfn + (1UL << o) - 1));
				for (i = 0; model && i < (1UL << o); i++)
					ck_assert_msg(!model[pfn + i],
						      "held pfn %lu is on a free list", pfn + i);
				if (o < MAX_PAGE_ORDER) {
					unsigned long b = __find_buddy_pfn(pfn, o);
					ck_assert(!(zone_spans_pfn(zone, b) &&
						    PageBuddy(pfn_to_page(b)) &&
						    buddy_order(pfn_to_page(b)) == o));
				}
				n++;
			}
			ck_assert_uint_eq(n, zone->free_area[o].nr_free);
			total += n << o;
		}
		ck_assert_uint_eq(total, zone_page_state(zone, NR_FREE_PAGES));
	}
}

START_TEST(boot_release_is_fully_merged)
{
	fake_machine(NR_PAGES, 256);
	check_free_lists(NULL);
	/* pfn 256..4095 in DMA: 256 and 512 (orders 8, 9), then 3 blocks of 1024. */
	ck_assert_uint_eq(Z(ZONE_DMA)->free_area[10].nr_free, 3);
	ck_assert_uint_eq(Z(ZONE_DMA)->free_area[9].nr_free, 1);
	ck_assert_uint_eq(Z(ZONE_DMA)->free_area[8].nr_free, 1);
	ck_assert_uint_eq(Z(ZONE_NORMAL)->free_area[10].nr_free, 4);
	ck_assert_uint_eq(Z(ZONE_DMA)->managed_pages, 4096 - 256);
	ck_assert_uint_eq(totalram_pages(), NR_PAGES - 256);
}
END_TEST

START_TEST(split_then_merge_restores_lists)
{
	unsigned long before[MAX_NR_ZONES][NR_PAGE_ORDERS], after[MAX_NR_ZONES][NR_PAGE_ORDERS];
	struct page *p;

	fake_machine(NR_PAGES, 256);
	snapshot(before);
	p = alloc_pages(GFP_KERNEL, 0);
	ck_assert_ptr_nonnull(p);
	/* One order-10 Normal block split: one free block of each order 0..9. */
	ck_assert_uint_eq(Z(ZONE_NORMAL)->free_area[10].nr_free, 3);
	for (int o = 0; o < 10; o++)
		ck_assert_uint_eq(Z(ZONE_NORMAL)->free_area[o].nr_free, 1);
	ck_assert_int_eq(page_zonenum(p), ZONE_NORMAL);
	ck_assert_int_eq(page_count(p), 1);
	__free_pages(p, 0);
	snapshot(after);
	ck_assert_mem_eq(before, after, sizeof(before));
}
END_TEST

struct held {
	struct page *page;
	unsigned int order;
};

START_TEST(random_allocs_and_frees_match_model)
{
	static unsigned char model[NR_PAGES];
	static struct held held[4096];
	unsigned long before[MAX_NR_ZONES][NR_PAGE_ORDERS], after[MAX_NR_ZONES][NR_PAGE_ORDERS];
	unsigned long start_free, i;
	int nheld = 0, step;

	fake_machine(NR_PAGES, 256);
	snapshot(before);
	start_free = nr_free_pages();
	srandom(12345);
	for (step = 0; step < 40000; step++) {
		bool do_alloc = nheld == 0 || (nheld < 4096 && random() % 100 < 55);

		if (do_alloc) {
			unsigned int order =
			    (unsigned int)(random() % 100 < 70 ? random() % 3 : random() % 11);
			gfp_t gfp =
			    __GFP_MEMALLOC | __GFP_NOWARN | (random() % 4 ? GFP_KERNEL : GFP_DMA);
			struct page *p = alloc_pages(gfp, order);
			unsigned long pfn;

			if (!p)
				continue;
			pfn = page_to_pfn(p);
			ck_assert_uint_eq(pfn & ((1UL << order) - 1), 0);
			if (gfp & __GFP_DMA)
				ck_assert_int_eq(page_zonenum(p), ZONE_DMA);
			for (i = 0; i < (1UL << order); i++) {
				ck_assert_msg(!model[pfn + i], "pfn %lu handed out twice", pfn + i);
				model[pfn + i] = 1;
			}
			held[nheld++] = (struct held){ p, order };
		} else {
			int k = (int)(random() % nheld);
			unsigned long pfn = page_to_pfn(held[k].page);

			for (i = 0; i < (1UL << held[k].order); i++)
				model[pfn + i] = 0;
			__free_pages(held[k].page, held[k].order);
			held[k] = held[--nheld];
		}
		if (step % 997 == 0)
			check_free_lists(model);
	}
	while (nheld) {
		nheld--;
		__free_pages(held[nheld].page, held[nheld].order);
	}
	check_free_lists(NULL);
	snapshot(after);
	ck_assert_mem_eq(before, after, sizeof(before));
	ck_assert_uint_eq(nr_free_pages(), start_free);
	ck_assert_uint_eq(vm_event_count(PGFREE),
			  vm_event_count(PGALLOC_DMA) + vm_event_count(PGALLOC_NORMAL));
}
END_TEST

START_TEST(zero_and_poison)
{
	unsigned char *v;
	struct page *p;
	int i;

	fake_machine(NR_PAGES, 256);
	p = alloc_pages(GFP_KERNEL, 1);
	v = page_address(p);
	memset(v, 0x11, 2 * PAGE_SIZE);
	__free_pages(p, 1);
	for (i = 0; i < 2 * (int)PAGE_SIZE; i++)
		ck_assert_uint_eq(v[i], PAGE_POISON);
	v = (unsigned char *)get_zeroed_page(GFP_KERNEL);
	ck_assert_ptr_eq(v, page_address(p)); /* the same page came back, zeroed */
	for (i = 0; i < (int)PAGE_SIZE; i++)
		ck_assert_uint_eq(v[i], 0);
	free_page((unsigned long)v);
}
END_TEST

/*
 * GFP_KERNEL fills Normal down to LOW, falls back to DMA down to DMA's LOW
 * plus lowmem_reserve, then takes Normal down to MIN and DMA down to
 * MIN + lowmem_reserve, and fails. __GFP_DMA may still go below that.
 */
START_TEST(zone_fallback_and_lowmem_reserve)
{
	struct zone *dma = Z(ZONE_DMA), *normal = Z(ZONE_NORMAL);
	unsigned long from[MAX_NR_ZONES] = { 0 };
	struct page *p;
	long reserve;

	fake_machine(NR_PAGES, 256);
	reserve = dma->lowmem_reserve[ZONE_NORMAL];
	ck_assert_int_eq(reserve, (long)(normal->managed_pages / 256));
	ck_assert_int_gt(reserve, 0);
	while ((p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))) {
		from[page_zonenum(p)]++;
		if (page_zonenum(p) == ZONE_DMA && from[ZONE_DMA] == 1) /* fell back at LOW */
			ck_assert_uint_eq(zone_free(ZONE_NORMAL), low_wmark_pages(normal));
	}
	ck_assert_uint_gt(from[ZONE_DMA], 0);
	ck_assert_uint_eq(zone_free(ZONE_NORMAL), min_wmark_pages(normal));
	ck_assert_uint_eq(zone_free(ZONE_DMA), min_wmark_pages(dma) + (unsigned long)reserve);
	/* One direct-reclaim attempt for the failure, counted for Normal. */
	ck_assert_uint_eq(vm_event_count(ALLOCSTALL_NORMAL), 1);

	/* A DMA-only request does not need to leave Normal's reserve. */
	while ((p = alloc_pages(GFP_KERNEL | __GFP_DMA | __GFP_NOWARN, 0)))
		ck_assert_int_eq(page_zonenum(p), ZONE_DMA);
	ck_assert_uint_eq(zone_free(ZONE_DMA), min_wmark_pages(dma));
	ck_assert_uint_eq(vm_event_count(ALLOCSTALL_DMA), 1);
}
END_TEST

/* GFP_ATOMIC may use MIN - MIN/2, minus a quarter of that again (docs/linux-formulas.md). */
START_TEST(atomic_dips_into_min_reserve)
{
	struct zone *normal = Z(ZONE_NORMAL);
	long min = (long)min_wmark_pages(normal), atomic_min;
	struct page *p;

	fake_machine(NR_PAGES, 256);
	min = (long)min_wmark_pages(normal);
	while (alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))
		;
	atomic_min = min - min / 2;
	atomic_min -= atomic_min / 4;
	p = alloc_pages(GFP_ATOMIC, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(page_zonenum(p), ZONE_NORMAL);
	while ((p = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0)) && page_zonenum(p) == ZONE_NORMAL)
		;
	ck_assert_int_eq((long)zone_free(ZONE_NORMAL), atomic_min);
	/* Atomic requests never enter direct reclaim. */
	ck_assert_uint_eq(vm_event_count(ALLOCSTALL_NORMAL), 1);
}
END_TEST

START_TEST(failure_is_reported_like_linux)
{
	fake_machine(NR_PAGES, 256);
	while (alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))
		;
	ck_assert_ptr_null(strstr(fake_log, "page allocation failure"));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, 0));
	ck_assert_ptr_nonnull(strstr(fake_log, "swapper/0: page allocation failure: order:0, "
					       "mode:0xcc0(GFP_KERNEL), nodemask=(null)\n"));
	ck_assert_ptr_nonnull(strstr(fake_log, "Node 0 Normal free:"));
	ck_assert_ptr_nonnull(strstr(fake_log, "lowmem_reserve[]: 0 16 16 16\n"));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, MAX_PAGE_ORDER + 1));
}
END_TEST

START_TEST(high_orders_are_aligned_and_limited)
{
	struct page *p[8];
	int n = 0;

	fake_machine(NR_PAGES, 256);
	while (n < 8 && (p[n] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_PAGE_ORDER)))
		ck_assert_uint_eq(page_to_pfn(p[n++]) % 1024, 0);
	/* 4 Normal blocks; taking the 4th would leave Normal below LOW/MIN; DMA has 3. */
	ck_assert_int_lt(n, 8);
	ck_assert_int_gt(n, 0);
	while (n--)
		__free_pages(p[n], MAX_PAGE_ORDER);
	check_free_lists(NULL);
}
END_TEST

START_TEST(gfp_flags_print_as_linux)
{
	char buf[160];

	format_gfp_flags(buf, sizeof(buf), GFP_KERNEL);
	ck_assert_str_eq(buf, "0xcc0(GFP_KERNEL)");
	format_gfp_flags(buf, sizeof(buf), GFP_KERNEL | __GFP_NOWARN | __GFP_ZERO);
	ck_assert_str_eq(buf, "0x2dc0(GFP_KERNEL|__GFP_NOWARN|__GFP_ZERO)");
	format_gfp_flags(buf, sizeof(buf), GFP_ATOMIC);
	ck_assert_str_eq(buf, "0x820(GFP_ATOMIC)");
	format_gfp_flags(buf, sizeof(buf), GFP_HIGHUSER_MOVABLE);
	ck_assert_str_eq(buf, "0x100cca(GFP_HIGHUSER_MOVABLE)");
	format_gfp_flags(buf, sizeof(buf), GFP_KERNEL | __GFP_DMA);
	ck_assert_str_eq(buf, "0xcc1(GFP_KERNEL|GFP_DMA)");
	format_gfp_flags(buf, sizeof(buf), 0);
	ck_assert_str_eq(buf, "0x0()");
	format_gfp_flags(buf, sizeof(buf), __GFP_HIGH | 0x200);
	ck_assert_str_eq(buf, "0x220(__GFP_HIGH|0x200)");
}
END_TEST

START_TEST(double_free_panics)
{
	struct page *p;

	fake_machine(NR_PAGES, 256);
	p = alloc_pages(GFP_KERNEL, 2);
	__free_pages(p, 2);
	ck_assert(PANICS(__free_pages(p, 2)));
	ck_assert_str_eq(panic_msg, "__free_pages: page already free (pfn 0x1c00)");
}
END_TEST

START_TEST(freeing_reserved_page_panics)
{
	fake_machine(NR_PAGES, 256);
	ck_assert(PANICS(__free_pages(pfn_to_page(3), 0)));
	ck_assert_ptr_nonnull(strstr(panic_msg, "__free_pages: bad page state: pfn 0x3"));
}
END_TEST

START_TEST(misaligned_free_panics)
{
	struct page *p;

	fake_machine(NR_PAGES, 256);
	alloc_pages(GFP_KERNEL, 0);
	p = alloc_pages(GFP_KERNEL, 0); /* the odd buddy of the first */
	ck_assert_uint_eq(page_to_pfn(p) & 1, 1);
	ck_assert(PANICS(__free_pages(p, 3)));
	ck_assert_ptr_nonnull(strstr(panic_msg, "not aligned to order 3"));
}
END_TEST

int main(void)
{
	const TTest *tests[] = { boot_release_is_fully_merged,
				 split_then_merge_restores_lists,
				 random_allocs_and_frees_match_model,
				 zero_and_poison,
				 zone_fallback_and_lowmem_reserve,
				 atomic_dips_into_min_reserve,
				 failure_is_reported_like_linux,
				 high_orders_are_aligned_and_limited,
				 gfp_flags_print_as_linux,
				 double_free_panics,
				 freeing_reserved_page_panics,
				 misaligned_free_panics,
				 NULL };

	return run_tests("buddy", tests, 60, CK_FORK_GETENV);
}
