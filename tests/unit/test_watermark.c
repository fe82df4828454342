/*
 * min_free_kbytes, the per-zone watermarks and lowmem_reserve
 * (mm/watermark.c) against the worked figures of docs/linux-formulas.md,
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

/*
 * docs/linux-formulas.md's table: managed pages of DMA, Normal and HighMem,
 * then min_free_kbytes and each zone's (min, low, high) by Linux's
 * arithmetic, for 128 MiB, 512 MiB, 1 GiB with HighMem and 4 GiB without
 * PAE. HighMem is checked where the machine has some.
 */
static const struct wmark_row {
	unsigned long dma, normal, high;
	int min_free_kbytes;
	unsigned long wmarks[3][3];
} wmark_table[] = {
	{ 4096, 28672, 0, 1448, { { 45, 56, 67 }, { 316, 395, 474 } } },
	{ 4096, 131072 - 4096, 0, 2896, { { 22, 27, 32 }, { 701, 876, 1051 } } },
	{ 4096, 221184, 36864, 3797, { { 17, 21, 25 }, { 931, 1163, 1395 }, { 36, 74, 112 } } },
	{ 4096, 221184, 823296, 3797, { { 17, 21, 25 }, { 931, 1163, 1395 }, { 128, 995, 1862 } } },
};

START_TEST(watermark_table)
{
	for (unsigned int i = 0; i < sizeof(wmark_table) / sizeof(wmark_table[0]); i++) {
		const struct wmark_row *t = &wmark_table[i];

		zones(t->dma, t->normal, t->high);
		ck_assert_int_eq(min_free_kbytes, t->min_free_kbytes);
		for (int zid = ZONE_DMA; zid <= (t->high ? ZONE_HIGHMEM : ZONE_NORMAL); zid++)
			expect_wmarks(zid, t->wmarks[zid][0], t->wmarks[zid][1], t->wmarks[zid][2]);
	}
}
END_TEST

/* lowmem_reserve at 128 MiB (ratio 256) and at 1 GiB with HighMem. */
START_TEST(protection_128m_and_1g)
{
	zones(4096, 28672, 0);
	ck_assert_int_eq(Z(ZONE_DMA)->lowmem_reserve[ZONE_NORMAL], 28672 / 256);
	zones(4096, 221184, 36864);
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

/*
 * Where low memory ends (mm/mm_init.c:find_low_pfn_range) for the RAM
 * sizes the system tests boot, and the zones that follow, against values
 * computed with Linux's formulas: MAXMEM = VMALLOC_END - PAGE_OFFSET -
 * 128 MiB = 0x377fe000, so max_low_pfn = 0x377fe (887 MB).
 */
static void split(unsigned long ram_pfn, long highmem_opt)
{
	max_pfn = ram_pfn;
	highmem_pages = highmem_opt;
	fake_log[0] = '\0';
	find_low_pfn_range();
}

START_TEST(max_low_pfn_for_1_2_3_gib)
{
	ck_assert_uint_eq(MAXMEM_PFN, 0x377fe);
	split(0x40000, -1);
	ck_assert_uint_eq(max_low_pfn, 0x377fe);
	ck_assert_uint_eq(max_pfn, 0x40000);
	ck_assert_ptr_nonnull(strstr(fake_log, "136MB HIGHMEM available."));
	ck_assert_ptr_nonnull(strstr(fake_log, "887MB LOWMEM available."));
	split(0x80000, -1);
	ck_assert_uint_eq(max_low_pfn, 0x377fe);
	ck_assert_ptr_nonnull(strstr(fake_log, "1160MB HIGHMEM available."));
	split(0xC0000, -1);
	ck_assert_uint_eq(max_low_pfn, 0x377fe);
	ck_assert_ptr_nonnull(strstr(fake_log, "2184MB HIGHMEM available."));
	split(0x30000, -1); /* 768 MiB: all low */
	ck_assert_uint_eq(max_low_pfn, 0x30000);
	ck_assert_ptr_nonnull(strstr(fake_log, "0MB HIGHMEM available."));
	split(0x120000, -1); /* 4.5 GiB: no PAE, only 4 GiB */
	ck_assert_uint_eq(max_pfn, 0x100000);
	ck_assert_ptr_nonnull(strstr(fake_log, "Warning: only 4GB will be used."));
}
END_TEST

START_TEST(highmem_option)
{
	split(0x8000, 0x2000); /* 128 MiB, highmem=32M */
	ck_assert_uint_eq(max_low_pfn, 0x6000);
	ck_assert_uint_eq(max_pfn, 0x8000);
	split(0x8000, 0x5000); /* would leave 48 MiB low: ignored */
	ck_assert_uint_eq(max_low_pfn, 0x8000);
	ck_assert_ptr_nonnull(strstr(fake_log, "highmem size (80MB) results in <64MB lowmem"));
	split(0x40000, 0x1000); /* 1 GiB, highmem=16M: HighMem capped, the rest unused */
	ck_assert_uint_eq(max_low_pfn, 0x377fe);
	ck_assert_uint_eq(max_pfn, 0x377fe + 0x1000);
	split(0x8000, 0x8000); /* all of it */
	ck_assert_ptr_nonnull(
	    strstr(fake_log, "highmem size (128MB) is bigger than pages available"));
	ck_assert_uint_eq(max_low_pfn, 0x8000);
}
END_TEST

/* Watermarks and protection with managed = present for 1, 2, 3 GiB (Linux's arithmetic). */
START_TEST(zones_for_1_2_3_gib)
{
	static const struct {
		unsigned long high, hmin, hlow, hhigh;
		long dma_h, normal_h;
	} t[] = {
		{ 34818, 34, 70, 106, 1008, 1088 },
		{ 296962, 128, 439, 750, 2032, 9280 },
		{ 559106, 128, 713, 1298, 3056, 17472 },
	};

	for (unsigned int i = 0; i < 3; i++) {
		zones(4096, 0x377fe - 4096, t[i].high);
		ck_assert_int_eq(min_free_kbytes, 3814);
		expect_wmarks(ZONE_DMA, 17, 21, 25);
		expect_wmarks(ZONE_NORMAL, 935, 1168, 1401);
		expect_wmarks(ZONE_HIGHMEM, t[i].hmin, t[i].hlow, t[i].hhigh);
		ck_assert_int_eq(Z(ZONE_DMA)->lowmem_reserve[ZONE_NORMAL], 871);
		ck_assert_int_eq(Z(ZONE_DMA)->lowmem_reserve[ZONE_HIGHMEM], t[i].dma_h);
		ck_assert_int_eq(Z(ZONE_NORMAL)->lowmem_reserve[ZONE_HIGHMEM], t[i].normal_h);
		ck_assert_int_eq(Z(ZONE_NORMAL)->lowmem_reserve[ZONE_MOVABLE], t[i].normal_h);
	}
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
	const TTest *tests[] = { watermark_table,
				 protection_128m_and_1g,
				 max_low_pfn_for_1_2_3_gib,
				 highmem_option,
				 zones_for_1_2_3_gib,
				 min_free_kbytes_source_table_and_clamp,
				 setters_validate_and_recompute,
				 totalreserve_pages_sum,
				 watermark_ok_reserve_rules,
				 NULL };

	return run_tests("watermark", tests, 0, CK_FORK_GETENV);
}
