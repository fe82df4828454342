/*
 * ktest suite "highmem": kmap, kmap_local and kmap_atomic on HighMem pages.
 * Needs HighMem: boot with more than 887 MiB, or with highmem=SIZE (for
 * example -m 160M highmem=64M); without it the cases that need HighMem
 * pages skip.
 */
#include "kernel/ktest.h"
#include "kernel/preempt.h"
#include "kernel/sched.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/mm.h"

#define NR_THREADS 3

static u32 pattern(unsigned long pfn, unsigned int w)
{
	return (u32)(pfn * 2654435761u) ^ (w * 0x9E3779B9u);
}

static void fill(struct page *page)
{
	u32 *p = kmap_local_page(page);

	for (unsigned int w = 0; w < PAGE_SIZE / 4; w++)
		p[w] = pattern(page_to_pfn(page), w);
	kunmap_local(p);
}

/* Words of the mapped page at addr that differ from page's pattern. */
static unsigned int mismatches(const struct page *page, const u32 *p)
{
	unsigned int bad = 0;

	for (unsigned int w = 0; w < PAGE_SIZE / 4; w++)
		bad += p[w] != pattern(page_to_pfn(page), w);
	return bad;
}

/* n HighMem pages filled with their pattern, or 0 if there is no HighMem. */
static unsigned int alloc_high(struct page **pages, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
		if (!pages[i] || !PageHighMem(pages[i])) {
			if (pages[i])
				__free_page(pages[i]);
			break;
		}
		fill(pages[i]);
	}
	return i;
}

static void free_all(struct page **pages, unsigned int n)
{
	while (n)
		__free_page(pages[--n]);
}

static void kmap_of_lowmem_page_is_its_direct_address(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	void *a;

	KTEST_ASSERT_TRUE(t, page != NULL);
	KTEST_EXPECT_EQ(t, (uintptr_t)kmap(page), (uintptr_t)page_address(page));
	kunmap(page);
	a = kmap_local_page(page);
	KTEST_EXPECT_EQ(t, (uintptr_t)a, (uintptr_t)lowmem_page_address(page));
	kunmap_local(a);
	KTEST_EXPECT_EQ(t, nr_pkmaps_in_use(), 0);
	__free_page(page);
}

/*
 * Thread 0 holds HOG_PAGES slots; threads 1 and 2 then want SMALL_PAGES
 * each, more than the slots left, so one of them sleeps in kmap until the
 * hog lets go (which it does without needing any more slots: no deadlock).
 */
#define HOG_PAGES 1000
#define SMALL_PAGES 40
static const unsigned int thread_npages[NR_THREADS] = { HOG_PAGES, SMALL_PAGES, SMALL_PAGES };
static struct page *thread_pages[NR_THREADS][HOG_PAGES];
static void *thread_addr[NR_THREADS][HOG_PAGES];
static unsigned int thread_bad[NR_THREADS], threads_done;
static unsigned long waits_before;
static bool hog_mapped;
static DECLARE_WAIT_QUEUE_HEAD(threads_wait);

/*
 * Map all my pages with kmap, check them, unmap. The hog (thread 0) holds
 * its slots until another thread has slept in kmap (or 2 s have passed,
 * which the test then reports as no sleep).
 */
static int kmap_thread(void *arg)
{
	unsigned int id = (unsigned int)(uintptr_t)arg, i, n = thread_npages[id];

	for (i = 0; i < n; i++) {
		void *a = kmap(thread_pages[id][i]);

		thread_addr[id][i] = a;
		if ((uintptr_t)a < PKMAP_BASE || (uintptr_t)a >= PKMAP_BASE + PMD_SIZE ||
		    page_address(thread_pages[id][i]) != a)
			thread_bad[id]++;
	}
	if (id == 0) {
		hog_mapped = true;
		wake_up(&threads_wait);
		for (i = 0; i < 200 && nr_pkmap_waits() == waits_before; i++)
			schedule_timeout_interruptible(1);
	}
	for (i = 0; i < n; i++)
		thread_bad[id] += mismatches(thread_pages[id][i], thread_addr[id][i]) != 0;
	for (i = 0; i < n; i++)
		kunmap(thread_pages[id][i]);
	threads_done++;
	wake_up(&threads_wait);
	return 0;
}

/*
 * Three threads kmap HighMem pages at once, more than the 1024 pkmap
 * slots in all: one sleeps in kmap until another kunmaps. Every mapping
 * shows its page's contents; afterwards no slot is in use.
 */
static void kmap_many_pages_from_several_threads(struct ktest *t)
{
	unsigned long before = nr_free_pages();
	unsigned int i, got;

	for (i = 0; i < NR_THREADS; i++) {
		got = alloc_high(thread_pages[i], thread_npages[i]);
		if (got < thread_npages[i]) {
			free_all(thread_pages[i], got);
			while (i--)
				free_all(thread_pages[i], thread_npages[i]);
			KTEST_SKIP(t, "not enough HighMem");
		}
		thread_bad[i] = 0;
	}
	threads_done = 0;
	hog_mapped = false;
	waits_before = nr_pkmap_waits();
	KTEST_ASSERT_TRUE(t, kthread_run(kmap_thread, (void *)0, "kmaptest") != NULL);
	wait_event(threads_wait, hog_mapped); /* the hog holds 1000 of 1024 slots */
	for (i = 1; i < NR_THREADS; i++)
		KTEST_ASSERT_TRUE(t, kthread_run(kmap_thread, (void *)(uintptr_t)i, "kmaptest") !=
					 NULL);
	wait_event(threads_wait, threads_done == NR_THREADS);
	for (i = 0; i < NR_THREADS; i++)
		KTEST_EXPECT_EQ(t, thread_bad[i], 0);
	KTEST_EXPECT_GT(t, nr_pkmap_waits(), waits_before); /* somebody slept for a slot */
	KTEST_EXPECT_EQ(t, nr_pkmaps_in_use(), 0);
	for (i = 0; i < NR_THREADS; i++)
		free_all(thread_pages[i], thread_npages[i]);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/* A page kmapped twice shares one slot; page_address finds it. */
static void kmap_twice_shares_the_slot(struct ktest *t)
{
	struct page *page;
	void *a, *b;

	if (!alloc_high(&page, 1))
		KTEST_SKIP(t, "no HighMem");
	a = kmap(page);
	b = kmap(page);
	KTEST_EXPECT_EQ(t, (uintptr_t)a, (uintptr_t)b);
	KTEST_EXPECT_EQ(t, (uintptr_t)page_address(page), (uintptr_t)a);
	KTEST_EXPECT_EQ(t, mismatches(page, a), 0);
	kunmap(page);
	kunmap(page);
	KTEST_EXPECT_EQ(t, nr_pkmaps_in_use(), 0);
	__free_page(page);
}

/* KM_MAX_IDX nested kmap_local mappings, each with its own page, unmapped LIFO. */
static void kmap_local_nests_to_km_max_idx(struct ktest *t)
{
	struct page *pages[KM_MAX_IDX];
	u32 *addr[KM_MAX_IDX];
	unsigned int n = alloc_high(pages, KM_MAX_IDX), i, bad = 0;

	if (n < KM_MAX_IDX) {
		free_all(pages, n);
		KTEST_SKIP(t, "no HighMem");
	}
	for (i = 0; i < KM_MAX_IDX; i++)
		addr[i] = kmap_local_page(pages[i]);
	KTEST_EXPECT_EQ(t, current->kmap_ctrl.idx, KM_MAX_IDX);
	for (i = 0; i < KM_MAX_IDX; i++) {
		bad += mismatches(pages[i], addr[i]) != 0;
		bad += (uintptr_t)addr[i] != __fix_to_virt(FIX_KMAP_BEGIN + i);
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	for (i = KM_MAX_IDX; i-- > 0;)
		kunmap_local(addr[i]);
	KTEST_EXPECT_EQ(t, current->kmap_ctrl.idx, 0);
	free_all(pages, KM_MAX_IDX);
}

static struct page *other_page;
static unsigned int other_bad;
static bool other_done;

/* Another task uses kmap_local slot 0 for its own page while ours is mapped. */
static int kmap_local_thread(void *unused)
{
	u32 *p = kmap_local_page(other_page);

	(void)unused;
	other_bad = mismatches(other_page, p);
	schedule();
	other_bad += mismatches(other_page, p);
	kunmap_local(p);
	other_done = true;
	wake_up(&threads_wait);
	return 0;
}

/* A kmap_local mapping survives a sleep: the context switch restores it. */
static void kmap_local_survives_a_context_switch(struct ktest *t)
{
	struct page *pages[2];
	unsigned int n = alloc_high(pages, 2);
	u32 *p;

	if (n < 2) {
		free_all(pages, n);
		KTEST_SKIP(t, "no HighMem");
	}
	other_page = pages[1];
	other_done = false;
	p = kmap_local_page(pages[0]);
	KTEST_ASSERT_TRUE(t, kthread_run(kmap_local_thread, NULL, "kmaplocal") != NULL);
	wait_event(threads_wait, other_done); /* sleeps: the thread runs in slot 0 */
	KTEST_EXPECT_EQ(t, other_bad, 0);
	KTEST_EXPECT_EQ(t, mismatches(pages[0], p), 0);
	kunmap_local(p);
	free_all(pages, 2);
}

/* kmap_atomic: an atomic section with page faults disabled, as Linux's. */
static void kmap_atomic_disables_faults(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	void *p;

	KTEST_ASSERT_TRUE(t, page != NULL);
	fill(page);
	p = kmap_atomic(page);
	KTEST_EXPECT_TRUE(t, in_atomic());
	KTEST_EXPECT_TRUE(t, pagefault_disabled());
	KTEST_EXPECT_EQ(t, mismatches(page, p), 0);
	kunmap_atomic(p);
	KTEST_EXPECT_TRUE(t, !in_atomic() && !pagefault_disabled());
	__free_page(page);
}

/* clear_highpage, copy_highpage and memcpy_to/from_page on HighMem pages. */
static void highpage_helpers_move_the_data(struct ktest *t)
{
	struct page *pages[2];
	char buf[8] = "tidemrk";
	char back[8];
	unsigned int n = alloc_high(pages, 2);
	u32 *p;

	if (n < 2) {
		free_all(pages, n);
		KTEST_SKIP(t, "no HighMem");
	}
	copy_highpage(pages[1], pages[0]);
	p = kmap_local_page(pages[1]);
	KTEST_EXPECT_EQ(t, mismatches(pages[0], p), 0);
	kunmap_local(p);
	memcpy_to_page(pages[0], PAGE_SIZE - 8, buf, 8);
	memcpy_from_page(back, pages[0], PAGE_SIZE - 8, 8);
	KTEST_EXPECT_EQ(t, memcmp(back, buf, 8), 0);
	clear_highpage(pages[0]);
	p = kmap_local_page(pages[0]);
	KTEST_EXPECT_EQ(t, p[0] | p[PAGE_SIZE / 4 - 1], 0);
	kunmap_local(p);
	free_all(pages, 2);
}

static struct ktest_case highmem_cases[] = {
	KTEST_CASE(kmap_of_lowmem_page_is_its_direct_address),
	KTEST_CASE(kmap_many_pages_from_several_threads),
	KTEST_CASE(kmap_twice_shares_the_slot),
	KTEST_CASE(kmap_local_nests_to_km_max_idx),
	KTEST_CASE(kmap_local_survives_a_context_switch),
	KTEST_CASE(kmap_atomic_disables_faults),
	KTEST_CASE(highpage_helpers_move_the_data),
	{},
};
KTEST_SUITE(highmem, highmem_cases);
