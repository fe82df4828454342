/*
 * min_free_kbytes, the per-zone watermarks and lowmem_reserve
 * (mm/watermark.c) against the worked table of linux-mm.md 1.3/1.4,
 * computed with Linux's integer arithmetic; the setters' validation; and
 * the reserve rules of __zone_watermark_ok.
 */
#include <check.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "tests/unit/mm_fake.h"
#include "kernel/errno.h"
#include "mm/internal.h"
#include "mm/vmstat.h"

static struct zone *Z(int zid)
{
	return &NODE_DATA(0)->node_zones[zid];
}

/* Zones with these managed page counts (managed = present, as in the table). */
static void zones(unsigned long dma, unsigned long normal, unsigned long high)
{
	memset(&contig_page_data, 0, sizeof(contig_page_data));
	Z(ZONE_DMA)->managed_pages = Z(ZONE_DMA)->present_pages = dma;
	Z(ZONE_NORMAL)->managed_pages = Z(ZONE_NORMAL)->present_pages = normal;
	Z(ZONE_HIGHMEM)->managed_pages = Z(ZONE_HIGHMEM)->present_pages = high;
	user_min_free_kbytes = -1;
	watermark_scale_factor = 10;
	init_per_zone_wmark_min();
}

static void expect_wmarks(int zid, unsigned long min, unsigned long low, unsigned long high)
{
	ck_assert_uint_eq(Z(zid)->_watermark[WMARK_MIN], min);
	ck_assert_uint_eq(Z(zid)->_watermark[WMARK_LOW], low);
	ck_assert_uint_eq(Z(zid)->_watermark[WMARK_HIGH], high);
}

START_TEST(table_128m)
{
	zones(4096, 28672, 0);
	ck_assert_int_eq(min_free_kbytes, 1448);
	expect_wmarks(ZONE_DMA, 45, 56, 67);
	expect_wmarks(ZONE_NORMAL, 316, 395, 474);
	ck_assert_int_eq(Z(ZONE_DMA)->lowmem_reserve[ZONE_NORMAL], 28672 / 256);
}
END_TEST

START_TEST(table_512m)
{
	zones(4096, 131072 - 4096, 0);
	ck_assert_int_eq(min_free_kbytes, 2896);
	expect_wmarks(ZONE_DMA, 22, 27, 32);
	expect_wmarks(ZONE_NORMAL, 701, 876, 1051);
}
END_TEST

START_TEST(table_1g_with_highmem)
{
	zones(4096, 221184, 36864);
	ck_assert_int_eq(min_free_kbytes, 3797);
	expect_wmarks(ZONE_DMA, 17, 21, 25);
	expect_wmarks(ZONE_NORMAL, 931, 1163, 1395);
	expect_wmarks(ZONE_HIGHMEM, 36, 74, 112);
	/* protection: DMA (0, 864, 1008, 1008), Normal (0, 0, 1152, 1152). */
	ck_assert_int_eq(Z(ZONE_DMA)->lowmem_reserve[ZONE_DMA], 0);
	ck_assert_int_eq(Z(ZONE_DMA)->lowmem_reserve[ZONE_NORMAL], 864);
	ck_assert_int_eq(Z(ZONE_DMA)->lowmem_reserve[ZONE_HIGHMEM], 1008);
	ck_assert_int_eq(Z(ZONE_DMA)->lowmem_reserve[ZONE_MOVABLE], 1008);
	ck_assert_int_eq(Z(ZONE_NORMAL)->lowmem_reserve[ZONE_NORMAL], 0);
	ck_assert_int_eq(Z(ZONE_NORMAL)->lowmem_reserve[ZONE_HIGHMEM], 1152);
	ck_assert_int_eq(Z(ZONE_NORMAL)->lowmem_reserve[ZONE_MOVABLE], 1152);
	ck_assert_int_eq(Z(ZONE_HIGHMEM)->lowmem_reserve[ZONE_MOVABLE], 0);
}
END_TEST

START_TEST(table_4g_nonpae)
{
	zones(4096, 221184, 823296);
	ck_assert_int_eq(min_free_kbytes, 3797);
	expect_wmarks(ZONE_NORMAL, 931, 1163, 1395);
	expect_wmarks(ZONE_HIGHMEM, 128, 995, 1862);
}
END_TEST

START_TEST(min_free_kbytes_source_table_and_clamp)
{
	/* The source comment's table: 16MB -> 512k, 64MB -> 1024k, 256MB -> 2048k. */
	zones(4096, 0, 0);
	ck_assert_int_eq(min_free_kbytes, 512);
	zones(4096, 16384 - 4096, 0);
	ck_assert_int_eq(min_free_kbytes, 1024);
	zones(4096, 65536 - 4096, 0);
	ck_assert_int_eq(min_free_kbytes, 2048);
	zones(200, 0, 0); /* isqrt(16 * 800) = 113 -> clamped up to 128 */
	ck_assert_int_eq(min_free_kbytes, 128);
}
END_TEST

START_TEST(setters_validate_and_recompute)
{
	zones(4096, 28672, 0);
	ck_assert_int_eq(set_min_free_kbytes(-1), -EINVAL);
	ck_assert_int_eq(set_watermark_scale_factor(0), -EINVAL);
	ck_assert_int_eq(set_watermark_scale_factor(3001), -EINVAL);
	ck_assert_int_eq(min_free_kbytes, 1448);
	ck_assert_int_eq(watermark_scale_factor, 10);

	/* Scale factor 200 (2 %): the distance becomes 28672 * 200 / 10000 = 573. */
	ck_assert_int_eq(set_watermark_scale_factor(200), 0);
	expect_wmarks(ZONE_NORMAL, 316, 889, 1462);
	ck_assert_int_eq(set_watermark_scale_factor(10), 0);

	/* 4096 kB = 1024 pages: Normal gets 1024 * 28672 / 32768 = 896. */
	ck_assert_int_eq(set_min_free_kbytes(4096), 0);
	expect_wmarks(ZONE_NORMAL, 896, 1120, 1344);
	ck_assert_int_eq(user_min_free_kbytes, 4096);
	/*
	 * The recomputed default no longer overrides the user's larger value.
	 * It now counts managed minus HIGH: (4096 - 192) + (28672 - 1344)
	 * pages = 124928 kB, isqrt(16 * 124928) = 1413.
	 */
	calculate_min_free_kbytes();
	ck_assert_int_eq(min_free_kbytes, 4096);
	ck_assert_ptr_nonnull(strstr(
	    fake_log,
	    "min_free_kbytes is not updated to 1413 because user defined value 4096 is preferred"));
}
END_TEST

START_TEST(totalreserve_pages_sum)
{
	zones(4096, 221184, 36864);
	/* min(managed, high + largest lowmem_reserve) per zone. */
	ck_assert_uint_eq(totalreserve_pages, (25 + 1008) + (1395 + 1152) + 112);
}
END_TEST

START_TEST(watermark_ok_reserve_rules)
{
	struct zone *z;
	long min;

	fake_machine(8192, 256);
	z = Z(ZONE_NORMAL);
	min = 100;
	/* Strict: free must be greater than min. */
	ck_assert(!__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, 0, 100));
	ck_assert(__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, 0, 101));
	/* __GFP_HIGH: half of min; GFP_ATOMIC: a further quarter of that. */
	ck_assert(__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, ALLOC_MIN_RESERVE, 51));
	ck_assert(!__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, ALLOC_MIN_RESERVE, 50));
	ck_assert(
	    __zone_watermark_ok(z, 0, 100, ZONE_NORMAL, ALLOC_MIN_RESERVE | ALLOC_NON_BLOCK, 39));
	ck_assert(
	    !__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, ALLOC_MIN_RESERVE | ALLOC_NON_BLOCK, 38));
	/* NON_BLOCK alone (GFP_NOWAIT) gets no reserve. */
	ck_assert(!__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, ALLOC_NON_BLOCK, 100));
	/* Order 3 subtracts 2^3 - 1 pages first. */
	ck_assert(!__zone_watermark_ok(z, 3, (unsigned long)min, ZONE_NORMAL, 0, 107));
	ck_assert(__zone_watermark_ok(z, 3, (unsigned long)min, ZONE_NORMAL, 0, 108));
	/* DMA with Normal's reserve added for a request that could use Normal. */
	z = Z(ZONE_DMA);
	ck_assert(
	    !__zone_watermark_ok(z, 0, 10, ZONE_NORMAL, 0, 10 + z->lowmem_reserve[ZONE_NORMAL]));
	ck_assert(__zone_watermark_ok(z, 0, 10, ZONE_DMA, 0, 11));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("watermark");
	TCase *tc = tcase_create("watermark");

	tcase_add_test(tc, table_128m);
	tcase_add_test(tc, table_512m);
	tcase_add_test(tc, table_1g_with_highmem);
	tcase_add_test(tc, table_4g_nonpae);
	tcase_add_test(tc, min_free_kbytes_source_table_and_clamp);
	tcase_add_test(tc, setters_validate_and_recompute);
	tcase_add_test(tc, totalreserve_pages_sum);
	tcase_add_test(tc, watermark_ok_reserve_rules);
	suite_add_tcase(s, tc);
	return run_suite(s, CK_FORK_GETENV);
}
