/*
 * kmalloc and the slab caches (mm/slab.c) on a fake machine: size
 * classes, whole-page requests, poisoning, use-after-free and double-free
 * detection, foreign pointers, and that every page goes back to the buddy.
 */
#include <check.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "tests/unit/mm_fake.h"
#include "mm/internal.h"
#include "mm/slab.h"

static void setup(void)
{
	fake_machine(8192, 256);
	kmem_cache_init();
}

static const char *cache_of(const void *p)
{
	return virt_to_page(p)->slab_cache->name;
}

START_TEST(size_classes)
{
	static const struct {
		size_t size;
		const char *cache;
	} cases[] = {
		{ 1, "kmalloc-8" },	{ 8, "kmalloc-8" },	{ 9, "kmalloc-16" },
		{ 33, "kmalloc-64" },	{ 65, "kmalloc-96" },	{ 96, "kmalloc-96" },
		{ 97, "kmalloc-128" },	{ 129, "kmalloc-192" }, { 193, "kmalloc-256" },
		{ 300, "kmalloc-512" }, { 1000, "kmalloc-1k" }, { 2048, "kmalloc-2k" },
	};
	size_t i;

	setup();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		void *p = kmalloc(cases[i].size, GFP_KERNEL);

		ck_assert_ptr_nonnull(p);
		ck_assert(PageSlab(virt_to_page(p)));
		ck_assert_str_eq(cache_of(p), cases[i].cache);
		kfree(p);
	}
	ck_assert_ptr_eq(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
}
END_TEST

START_TEST(large_requests_take_whole_pages)
{
	unsigned long before;
	char *p;

	setup();
	before = nr_free_pages();
	p = kmalloc(2049, GFP_KERNEL);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(((uintptr_t)p - (uintptr_t)host_ram) % PAGE_SIZE, 0);
	ck_assert(PageLargeKmalloc(virt_to_page(p)));
	ck_assert_uint_eq(nr_free_pages(), before - 1);
	kfree(p);
	p = kmalloc(5 * PAGE_SIZE, GFP_KERNEL); /* order 3 */
	ck_assert_uint_eq(nr_free_pages(), before - 8);
	kfree(p);
	ck_assert_uint_eq(nr_free_pages(), before);
	ck_assert(PANICS(kfree(p)));
	ck_assert_ptr_nonnull(strstr(panic_msg, "kfree: double free of"));
}
END_TEST

START_TEST(objects_are_distinct_and_pages_return)
{
	static void *objs[3000];
	unsigned long before;
	int i, j;

	setup();
	before = nr_free_pages();
	for (i = 0; i < 3000; i++) {
		objs[i] = kmalloc(64, GFP_KERNEL);
		ck_assert_ptr_nonnull(objs[i]);
		memset(objs[i], i & 0xff, 64);
	}
	for (i = 0; i < 3000; i++)
		for (j = 0; j < 64; j++)
			ck_assert_uint_eq(((unsigned char *)objs[i])[j], i & 0xff);
	ck_assert_uint_lt(nr_free_pages(), before);
	for (i = 0; i < 3000; i += 2)
		kfree(objs[i]);
	for (i = 1; i < 3000; i += 2)
		kfree(objs[i]);
	ck_assert_uint_eq(nr_free_pages(), before);
	ck_assert_uint_eq(nr_slab_pages, 1); /* only the kmem_cache cache's slab */
}
END_TEST

START_TEST(free_poisons_and_kzalloc_zeroes)
{
	unsigned char *p, *keep;
	int i;

	setup();
	keep = kmalloc(100, GFP_KERNEL); /* kmalloc-128; keeps the slab */
	p = kmalloc(100, GFP_KERNEL);
	memset(p, 0x11, 100);
	kfree(p);
	for (i = 0; i < 127; i++)
		ck_assert_uint_eq(p[i], POISON_FREE);
	ck_assert_uint_eq(p[127], POISON_END);
	/* The last object gone, the slab's page is back in the buddy, page-poisoned. */
	kfree(keep);
	ck_assert_uint_eq(p[0], PAGE_POISON);
	p = kzalloc(100, GFP_KERNEL);
	for (i = 0; i < 128; i++)
		ck_assert_uint_eq(p[i], 0);
}
END_TEST

START_TEST(use_after_free_is_caught)
{
	char *p, *keep;

	setup();
	keep = kmalloc(32, GFP_KERNEL); /* keeps the slab alive */
	p = kmalloc(32, GFP_KERNEL);
	kfree(p);
	p[5] = 'x';
	ck_assert(PANICS(kmalloc(32, GFP_KERNEL)));
	ck_assert_ptr_nonnull(strstr(panic_msg, "kmalloc-32 object"));
	ck_assert_ptr_nonnull(
	    strstr(panic_msg, "was modified after it was freed (use after free)"));
	(void)keep;
}
END_TEST

START_TEST(double_free_is_caught)
{
	void *p, *keep;

	setup();
	keep = kmalloc(16, GFP_KERNEL);
	p = kmalloc(16, GFP_KERNEL);
	kfree(p);
	ck_assert(PANICS(kfree(p)));
	ck_assert_ptr_nonnull(strstr(panic_msg, "kmem_cache_free: double free of"));
	ck_assert_ptr_nonnull(strstr(panic_msg, "in kmalloc-16"));
	(void)keep;
}
END_TEST

START_TEST(foreign_pointers_are_caught)
{
	int on_stack;
	char *p;

	setup();
	ck_assert(PANICS(kfree(&on_stack)));
	ck_assert_ptr_nonnull(strstr(panic_msg, "is not a kmalloc pointer"));
	/* A page from the buddy allocator is not kmalloc's. */
	p = (char *)__get_free_page(GFP_KERNEL);
	ck_assert(PANICS(kfree(p)));
	ck_assert_ptr_nonnull(strstr(panic_msg, "is not a kmalloc pointer"));
	/* Inside an object, not at its start. */
	p = kmalloc(64, GFP_KERNEL);
	ck_assert(PANICS(kfree(p + 8)));
	ck_assert_ptr_nonnull(strstr(panic_msg, "is not the start of an object in kmalloc-64"));
}
END_TEST

static int ctor_calls;
static void ctor(void *obj)
{
	ctor_calls++;
	memset(obj, 0x42, 24);
}

START_TEST(caches_with_ctor_and_destroy)
{
	struct kmem_cache *c;
	unsigned char *p;

	setup();
	ck_assert_ptr_null(kmem_cache_create("zero", 0, 0, 0, NULL));
	c = kmem_cache_create("thing", 24, 0, SLAB_HWCACHE_ALIGN, ctor);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->size, 64);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ck_assert_int_eq(ctor_calls, (int)c->objects); /* the whole slab, once */
	ck_assert_uint_eq(p[0], 0x42);
	ck_assert_uint_eq(((uintptr_t)p - (uintptr_t)host_ram) % 64, 0);
	ck_assert(PANICS(kmem_cache_destroy(c)));
	ck_assert_str_eq(panic_msg, "kmem_cache_destroy thing: Slab cache still has objects");
	/* An object given back to the wrong cache. */
	ck_assert(PANICS(kmem_cache_free(kmalloc_slab(64), p)));
	ck_assert_ptr_nonnull(strstr(panic_msg, "belongs to thing, not kmalloc-64"));
	kmem_cache_free(c, p);
	kmem_cache_destroy(c);
}
END_TEST

START_TEST(failure_returns_null)
{
	setup();
	ck_assert_ptr_null(
	    kmalloc(8UL << 20, GFP_KERNEL | __GFP_NOWARN)); /* above MAX_PAGE_ORDER */
	while (alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))
		;
	ck_assert_ptr_null(kmalloc(2048, GFP_KERNEL | __GFP_NOWARN));
	ck_assert_ptr_nonnull(kmalloc(2048, GFP_ATOMIC | __GFP_NOWARN)); /* may use reserves */
}
END_TEST

int main(void)
{
	const TTest *tests[] = { size_classes,
				 large_requests_take_whole_pages,
				 objects_are_distinct_and_pages_return,
				 free_poisons_and_kzalloc_zeroes,
				 use_after_free_is_caught,
				 double_free_is_caught,
				 foreign_pointers_are_caught,
				 caches_with_ctor_and_destroy,
				 failure_returns_null,
				 NULL };

	return run_tests("slab", tests, 0, CK_FORK_GETENV);
}
