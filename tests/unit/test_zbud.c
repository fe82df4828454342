/*
 * zbud (mm/zbud.c) on a fake machine: two buddies per page, best fit
 * from the smallest hole, -ENOSPC above the largest object, data kept
 * intact, every page back to the buddy allocator on free, and eviction
 * of the least recently used page through the owner's evict.
 */
#include <check.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "tests/unit/mm_fake.h"
#include "kernel/errno.h"
#include "mm/internal.h"
#include "mm/zbud.h"

static struct zbud_pool pool;
static int evicted;

/* The owner's evict: "write the object elsewhere" = check and free it. */
static int test_evict(struct zbud_pool *p, unsigned long handle)
{
	evicted++;
	zbud_free(p, handle);
	return 0;
}

static const struct zbud_ops test_ops = { .evict = test_evict };

static void setup(void)
{
	fake_machine(4096, 256);
	zbud_create_pool(&pool, &test_ops);
	evicted = 0;
}

START_TEST(two_objects_share_a_page)
{
	unsigned long free0, a, b, c;

	setup();
	free0 = nr_free_pages();
	ck_assert_int_eq(zbud_alloc(&pool, 1000, GFP_KERNEL, &a), 0);
	ck_assert_int_eq(zbud_alloc(&pool, 2000, GFP_KERNEL, &b), 0);
	ck_assert_uint_eq(zbud_get_pool_size(&pool), 1);
	ck_assert_uint_eq(a & ~4095ul, b & ~4095ul);
	ck_assert_uint_eq(a & 4095, ZBUD_ZHDR_SIZE_ALIGNED);
	ck_assert_uint_eq(b & 4095, 4096 - 2048); /* 2000 bytes = 32 chunks from the end */
	ck_assert_int_eq(zbud_alloc(&pool, 100, GFP_KERNEL, &c), 0); /* a third needs a new page */
	ck_assert_uint_eq(zbud_get_pool_size(&pool), 2);
	ck_assert_uint_eq(nr_free_pages(), free0 - 2);
	zbud_free(&pool, a);
	zbud_free(&pool, b);
	zbud_free(&pool, c);
	ck_assert_uint_eq(zbud_get_pool_size(&pool), 0);
	ck_assert_uint_eq(nr_free_pages(), free0);
	zbud_destroy_pool(&pool);
}
END_TEST

START_TEST(size_limits)
{
	unsigned long h;

	setup();
	ck_assert_int_eq(zbud_alloc(&pool, 0, GFP_KERNEL, &h), -EINVAL);
	ck_assert_int_eq(zbud_alloc(&pool, 100, GFP_KERNEL | __GFP_HIGHMEM, &h), -EINVAL);
	ck_assert_int_eq(zbud_alloc(&pool, ZBUD_MAX_SIZE + 1, GFP_KERNEL, &h), -ENOSPC);
	ck_assert_int_eq(zbud_alloc(&pool, ZBUD_MAX_SIZE, GFP_KERNEL, &h), 0);
	zbud_free(&pool, h);
	ck_assert_uint_eq(zbud_get_pool_size(&pool), 0);
}
END_TEST

/* Many objects of mixed sizes, filled with a pattern, freed in a scrambled order. */
START_TEST(data_intact_and_pages_returned)
{
	enum { N = 600 };
	static unsigned long h[N];
	static size_t sz[N];
	unsigned long free0;
	int i, k;

	setup();
	free0 = nr_free_pages();
	for (i = 0; i < N; i++) {
		sz[i] = 1 + (size_t)(i * 997) % ZBUD_MAX_SIZE;
		ck_assert_int_eq(zbud_alloc(&pool, sz[i], GFP_KERNEL, &h[i]), 0);
		memset(zbud_map(&pool, h[i]), i & 0xff, sz[i]);
		zbud_unmap(&pool, h[i]);
	}
	/* never more pages than objects, never fewer than half */
	ck_assert_uint_le(zbud_get_pool_size(&pool), N);
	ck_assert_uint_ge(zbud_get_pool_size(&pool), N / 2);
	for (k = 0; k < N; k++) {
		static unsigned char want[ZBUD_MAX_SIZE];

		i = (k * 7) % N;
		memset(want, i & 0xff, sz[i]);
		ck_assert(!memcmp(zbud_map(&pool, h[i]), want, sz[i]));
		zbud_free(&pool, h[i]);
	}
	ck_assert_uint_eq(zbud_get_pool_size(&pool), 0);
	ck_assert_uint_eq(nr_free_pages(), free0);
}
END_TEST

START_TEST(hole_is_reused_best_fit)
{
	unsigned long a, b, c, d;

	setup();
	ck_assert_int_eq(zbud_alloc(&pool, 3000, GFP_KERNEL, &a), 0); /* page 1: 15 chunks free */
	ck_assert_int_eq(zbud_alloc(&pool, 1100, GFP_KERNEL, &b), 0); /* 18 chunks: page 2 */
	ck_assert_uint_ne(b & ~4095ul, a & ~4095ul);
	ck_assert_int_eq(zbud_alloc(&pool, 900, GFP_KERNEL, &c), 0); /* fits page 1's hole */
	ck_assert_uint_eq(c & ~4095ul, a & ~4095ul);
	zbud_free(&pool, a); /* page 1 keeps c as its last buddy; a's first slot is free */
	ck_assert_int_eq(zbud_alloc(&pool, 2900, GFP_KERNEL, &d), 0); /* only a's old room fits */
	ck_assert_uint_eq(d, a); /* the first buddy's room again */
	ck_assert_uint_eq(zbud_get_pool_size(&pool), 2);
	zbud_free(&pool, b), zbud_free(&pool, c), zbud_free(&pool, d);
}
END_TEST

START_TEST(reclaim_evicts_least_recently_used_page)
{
	unsigned long a, b, c;

	setup();
	ck_assert_int_eq(zbud_reclaim_page(&pool, 8), -EINVAL); /* empty */
	ck_assert_int_eq(zbud_alloc(&pool, 3000, GFP_KERNEL, &a), 0);
	ck_assert_int_eq(zbud_alloc(&pool, 2500, GFP_KERNEL, &b), 0); /* too big for a's hole */
	ck_assert_int_eq(zbud_alloc(&pool, 1000, GFP_KERNEL, &c), 0); /* a's hole: now recent */
	ck_assert_uint_eq(c & ~4095ul, a & ~4095ul);
	ck_assert_int_eq(zbud_reclaim_page(&pool, 8), 0); /* b's page is the oldest */
	ck_assert_int_eq(evicted, 1);
	ck_assert_uint_eq(zbud_get_pool_size(&pool), 1);
	ck_assert_int_eq(zbud_reclaim_page(&pool, 8), 0);
	ck_assert_int_eq(evicted, 3);
	ck_assert_uint_eq(zbud_get_pool_size(&pool), 0);
	ck_assert_int_eq(zbud_alloc(&pool, 100, GFP_KERNEL, &a), 0);
	ck_assert_int_eq(zbud_alloc(&pool, 100, GFP_KERNEL, &b), 0);
	zbud_free(&pool, a);
	ck_assert(PANICS(zbud_free(&pool, a))); /* double free while the page lives */
	zbud_free(&pool, b);
}
END_TEST

int main(void)
{
	const TTest *tests[] = { two_objects_share_a_page,
				 size_limits,
				 data_intact_and_pages_returned,
				 hole_is_reused_best_fit,
				 reclaim_evicts_least_recently_used_page,
				 NULL };

	return run_tests("zbud", tests, 0, CK_FORK_GETENV);
}
