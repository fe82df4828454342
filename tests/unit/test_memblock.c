/*
 * The boot-time allocator (mm/memblock.c): regions merge, allocations come
 * from the top below the current limit and avoid reservations, and
 * memblock_free_all gives the buddy allocator exactly the usable pages
 * nobody reserved.
 */
#include <check.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "tests/unit/mm_fake.h"
#include "mm/internal.h"

#define MiB (1ULL << 20)
#define NR_PAGES 8192UL /* 32 MiB */

static phys_addr_t phys_of(const void *v)
{
	return (phys_addr_t)((uintptr_t)v - (uintptr_t)host_ram);
}

/* A 32 MiB machine with a BIOS hole, and nothing given to the buddy yet. */
static void setup(void)
{
	fake_machine(NR_PAGES, NR_PAGES);
	memblock_add(0, 0x9fc00); /* below the BIOS hole, partial page */
	memblock_add(MiB, 31 * MiB);
	memblock_set_current_limit(32 * MiB);
}

START_TEST(allocations_come_from_the_top_and_avoid_reservations)
{
	char *a, *b, *c;

	setup();
	a = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	ck_assert_uint_eq(phys_of(a), 32 * MiB - PAGE_SIZE);
	memblock_reserve(30 * MiB, 2 * MiB - PAGE_SIZE);  /* just below a */
	b = memblock_alloc(3 * PAGE_SIZE, 4 * PAGE_SIZE); /* rounded, aligned */
	ck_assert_uint_eq(phys_of(b), 30 * MiB - 4 * PAGE_SIZE);
	memblock_set_current_limit(16 * MiB);
	c = memblock_alloc(100, PAGE_SIZE); /* whole pages, below the limit */
	ck_assert_uint_eq(phys_of(c), 16 * MiB - PAGE_SIZE);
	ck_assert_uint_eq((unsigned char)c[99], 0);
	ck_assert_ptr_null(memblock_alloc(64 * MiB, PAGE_SIZE));
}
END_TEST

START_TEST(present_pages_count_whole_usable_pages)
{
	setup();
	/* 0x9fc00 holds 159 whole pages; 1..32 MiB holds 7936. */
	ck_assert_uint_eq(memblock_present_pages(0, 4096), 159 + 3840);
	ck_assert_uint_eq(memblock_present_pages(4096, NR_PAGES), 4096);
	memblock_add(MiB, MiB); /* overlapping: merged, not counted twice */
	ck_assert_uint_eq(memblock_present_pages(0, NR_PAGES), 159 + 7936);
}
END_TEST

START_TEST(free_all_releases_exactly_the_unreserved_pages)
{
	struct zone *dma = &NODE_DATA(0)->node_zones[ZONE_DMA];
	struct zone *normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	unsigned long pfn, free = 0;

	setup();
	memblock_reserve(0, MiB);      /* the first MiB */
	memblock_reserve(MiB, 0x2345); /* a "kernel" ending mid-page */
	memblock_reserve(20 * MiB, 10 * PAGE_SIZE);
	memblock_alloc(PAGE_SIZE, PAGE_SIZE); /* the top page */
	memblock_free_all();
	ck_assert_uint_eq(dma->managed_pages, 3840 - 3);
	ck_assert_uint_eq(normal->managed_pages, 4096 - 10 - 1);
	for (pfn = 0; pfn < NR_PAGES; pfn++)
		free += !PageReserved(pfn_to_page(pfn));
	ck_assert_uint_eq(free, totalram_pages());
	ck_assert(PageReserved(pfn_to_page(256 + 2))); /* partly reserved page stays */
	ck_assert(!PageReserved(pfn_to_page(256 + 3)));
	ck_assert(PageReserved(pfn_to_page(NR_PAGES - 1)));
	ck_assert_uint_eq(nr_free_pages(), totalram_pages());
}
END_TEST

int main(void)
{
	const TTest *tests[] = { allocations_come_from_the_top_and_avoid_reservations,
				 present_pages_count_whole_usable_pages,
				 free_all_releases_exactly_the_unreserved_pages, NULL };

	return run_tests("memblock", tests, 0, CK_FORK_GETENV);
}
