/*
 * In-kernel tests of physical memory on the real machine (ktest=all, or
 * ktest=page_alloc,kmalloc,paging,memory_map): every free page can be
 * allocated, distinct and zeroed, and freeing them restores the free lists
 * exactly; DMA requests stay in DMA; GFP_KERNEL stops at the watermarks;
 * the kernel's page tables and boot reservations are what setup_memory
 * promised.
 */
#include "kernel/ktest.h"
#include "kernel/sched.h"
#include "kernel/multiboot.h"
#include "kernel/printk.h"
#include "kernel/traps.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/pgtable.h"
#include "mm/slab.h"
#include "mm/vmstat.h"

static unsigned long free_counts[MAX_NR_ZONES][NR_PAGE_ORDERS];

static void snapshot_free(unsigned long nr[MAX_NR_ZONES][NR_PAGE_ORDERS])
{
	int z, o;

	for (z = 0; z < MAX_NR_ZONES; z++)
		for (o = 0; o < NR_PAGE_ORDERS; o++)
			nr[z][o] = NODE_DATA(0)->node_zones[z].free_area[o].nr_free;
}

static bool free_lists_unchanged(void)
{
	static unsigned long now[MAX_NR_ZONES][NR_PAGE_ORDERS];

	snapshot_free(now);
	return !memcmp(now, free_counts, sizeof(now));
}

static unsigned long zone_free(int zid)
{
	return zone_page_state(&NODE_DATA(0)->node_zones[zid], NR_FREE_PAGES);
}

/* Allocate order-0 pages with gfp until it fails; they are chained on list. */
/*
 * Allocate until the allocator says no. __GFP_RETRY_MAYFAIL: it may
 * reclaim but never calls the OOM killer, which in a ktest (no process to
 * kill) would panic with "System is deadlocked on memory", as Linux does.
 */
static unsigned long grab_all(gfp_t gfp, struct list_head *list)
{
	unsigned long n = 0;
	struct page *page;

	while ((page = alloc_page(gfp | __GFP_NOWARN | __GFP_RETRY_MAYFAIL))) {
		list_add(&page->lru, list);
		n++;
	}
	return n;
}

static void release_all(struct list_head *list)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del_init(&page->lru);
		__free_page(page);
	}
}

static void every_free_page_distinct_and_zeroed(struct ktest *t)
{
	unsigned long start = nr_free_pages(), n, bad_zero = 0, bad_stamp = 0;
	unsigned long allocs = vm_event_count(PGALLOC_DMA) + vm_event_count(PGALLOC_NORMAL) +
			       vm_event_count(PGALLOC_HIGH);
	unsigned long frees = vm_event_count(PGFREE);
	struct page *page;
	LIST_HEAD(pages);

	snapshot_free(free_counts);
	/* GFP_HIGHUSER: every zone, HighMem included (its pages are reached with kmap_local). */
	n = grab_all(GFP_HIGHUSER | __GFP_MEMALLOC | __GFP_ZERO, &pages);
	KTEST_EXPECT_EQ(t, n, start);
	KTEST_EXPECT_EQ(t, nr_free_pages(), 0);
	list_for_each_entry(page, &pages, lru) {
		unsigned long *w = kmap_local_page(page);
		unsigned int i;

		for (i = 0; i < PAGE_SIZE / sizeof(long); i++)
			bad_zero += w[i] != 0;
		w[0] = page_to_pfn(page); /* a page handed out twice loses its stamp */
		kunmap_local(w);
	}
	list_for_each_entry(page, &pages, lru) {
		unsigned long *w = kmap_local_page(page);

		bad_stamp += *w != page_to_pfn(page);
		kunmap_local(w);
	}
	KTEST_EXPECT_EQ(t, bad_zero, 0);
	KTEST_EXPECT_EQ(t, bad_stamp, 0);
	release_all(&pages);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
	KTEST_EXPECT_TRUE(t, free_lists_unchanged());
	KTEST_EXPECT_EQ(t,
			vm_event_count(PGALLOC_DMA) + vm_event_count(PGALLOC_NORMAL) +
			    vm_event_count(PGALLOC_HIGH),
			allocs + n);
	KTEST_EXPECT_EQ(t, vm_event_count(PGFREE), frees + n);
}

static void dma_requests_come_from_dma(struct ktest *t)
{
	unsigned long dma = zone_free(ZONE_DMA), normal = zone_free(ZONE_NORMAL), n, wrong = 0;
	struct page *page;
	LIST_HEAD(pages);

	snapshot_free(free_counts);
	n = grab_all(GFP_KERNEL | __GFP_DMA | __GFP_MEMALLOC, &pages);
	list_for_each_entry(page, &pages, lru)
		wrong += page_zonenum(page) != ZONE_DMA;
	KTEST_EXPECT_EQ(t, wrong, 0);
	KTEST_EXPECT_EQ(t, n, dma);
	KTEST_EXPECT_EQ(t, zone_free(ZONE_NORMAL), normal);
	release_all(&pages);
	KTEST_EXPECT_TRUE(t, free_lists_unchanged());
}

/* GFP_KERNEL leaves Normal at MIN and DMA at MIN + its reserve for Normal. */
#define GFP_KTEST_EXHAUST (GFP_KERNEL | __GFP_RETRY_MAYFAIL) /* see grab_all */
static void gfp_kernel_stops_at_watermarks(struct ktest *t)
{
	struct zone *dma = &NODE_DATA(0)->node_zones[ZONE_DMA];
	struct zone *normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	unsigned long stalls = vm_event_count(ALLOCSTALL_NORMAL);
	LIST_HEAD(pages);

	snapshot_free(free_counts);
	grab_all(GFP_KTEST_EXHAUST, &pages);
	KTEST_EXPECT_EQ(t, zone_free(ZONE_NORMAL), min_wmark_pages(normal));
	KTEST_EXPECT_EQ(t, zone_free(ZONE_DMA),
			min_wmark_pages(dma) + (unsigned long)dma->lowmem_reserve[ZONE_NORMAL]);
	KTEST_EXPECT_EQ(t, vm_event_count(ALLOCSTALL_NORMAL), stalls + 1);
	release_all(&pages);
	KTEST_EXPECT_TRUE(t, free_lists_unchanged());
}

static void failure_is_reported(struct ktest *t)
{
	static char copy[8192], want[160], mode[96];
	unsigned long from;
	size_t n;
	LIST_HEAD(pages);

	grab_all(GFP_KTEST_EXHAUST, &pages);
	from = log_next;
	KTEST_EXPECT_TRUE(t, alloc_page(GFP_KTEST_EXHAUST | __GFP_ZERO) == NULL);
	n = log_buf_copy(copy, sizeof(copy) - 1, &from);
	copy[n] = '\0';
	format_gfp_flags(mode, sizeof(mode), GFP_KTEST_EXHAUST | __GFP_ZERO);
	snprintf(want, sizeof(want),
		 "%s: page allocation failure: order:0, mode:%s, nodemask=(null)\n", current->comm,
		 mode);
	KTEST_EXPECT_TRUE(t, strstr(copy, want) != NULL);
	KTEST_EXPECT_TRUE(t, strstr(mode, "GFP_KERNEL|__GFP_RETRY_MAYFAIL|__GFP_ZERO") != NULL);
	KTEST_EXPECT_TRUE(t, strstr(copy, "Node 0 DMA free:") != NULL);
	release_all(&pages);
}

/* The largest free block there is comes out aligned to its size. */
static void high_order_block(struct ktest *t)
{
	unsigned int order = MAX_PAGE_ORDER;
	struct page *page;
	struct zone *zone;

	for (; order > 0; order--) {
		bool found = false;

		for_each_zone(zone)
			found |= zone->free_area[order].nr_free > 0;
		if (found)
			break;
	}
	page = alloc_pages(GFP_KERNEL | __GFP_MEMALLOC, order);
	KTEST_ASSERT_TRUE(t, page != NULL);
	KTEST_EXPECT_EQ(t, page_to_pfn(page) % (1UL << order), 0);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	__free_pages(page, order);
}

static struct ktest_case page_alloc_cases[] = {
	KTEST_CASE(every_free_page_distinct_and_zeroed),
	KTEST_CASE(dma_requests_come_from_dma),
	KTEST_CASE(gfp_kernel_stops_at_watermarks),
	KTEST_CASE(failure_is_reported),
	KTEST_CASE(high_order_block),
	{},
};
KTEST_SUITE(page_alloc, page_alloc_cases);

static void kmalloc_classes_and_return(struct ktest *t)
{
	static void *objs[512];
	unsigned long start = nr_free_pages();
	size_t size = 1;
	int i;

	for (i = 0; i < 512; i++, size = size * 3 % 6000 + 1) {
		objs[i] = kmalloc(size, GFP_KERNEL);
		KTEST_ASSERT_TRUE(t, objs[i] != NULL);
		memset(objs[i], 0x5c, size);
	}
	KTEST_EXPECT_LT(t, nr_free_pages(), start);
	for (i = 0; i < 512; i++)
		kfree(objs[i]);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start);
}

static void kmalloc_poisons_on_free(struct ktest *t)
{
	unsigned char *keep = kmalloc(192, GFP_KERNEL), *p = kmalloc(192, GFP_KERNEL);
	int i, bad = 0;

	KTEST_ASSERT_TRUE(t, keep && p);
	kfree(p);
	for (i = 0; i < 191; i++)
		bad += p[i] != POISON_FREE;
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, p[191], POISON_END);
	kfree(keep);
}

static struct ktest_case kmalloc_cases[] = {
	KTEST_CASE(kmalloc_classes_and_return),
	KTEST_CASE(kmalloc_poisons_on_free),
	{},
};
KTEST_SUITE(kmalloc, kmalloc_cases);

static void swapper_pg_dir_is_loaded(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, read_cr3(), __pa(swapper_pg_dir));
}

static void lowmem_is_mapped(struct ktest *t)
{
	unsigned long last = PAGE_OFFSET + (max_low_pfn - 1) * PAGE_SIZE;
	unsigned long beyond = PAGE_OFFSET + ALIGN(max_low_pfn, PTRS_PER_PTE) * PAGE_SIZE;
	pte_t *pte = lookup_address(last);

	KTEST_ASSERT_TRUE(t, pte && pte_present(*pte));
	KTEST_EXPECT_EQ(t, pte_pfn(*pte), max_low_pfn - 1);
	KTEST_EXPECT_TRUE(t, pte_write(*pte));
	KTEST_EXPECT_TRUE(t, lookup_address(beyond) == NULL);
	KTEST_EXPECT_TRUE(t, lookup_address(0) == NULL); /* no identity map left */
}

static void boot_stack_guard_is_unmapped(struct ktest *t)
{
	pte_t *guard = lookup_address((unsigned long)boot_stack_guard);
	pte_t *stack = lookup_address((unsigned long)boot_stack);

	KTEST_ASSERT_TRUE(t, guard && stack);
	KTEST_EXPECT_FALSE(t, pte_present(*guard));
	KTEST_EXPECT_TRUE(t, pte_present(*stack) && pte_write(*stack));
}

static void kernel_text_is_read_only(struct ktest *t)
{
	pte_t *text = lookup_address((unsigned long)__text_start);
	pte_t *ro = lookup_address((unsigned long)__ro_end - 1);
	pte_t *data = lookup_address((unsigned long)__ro_end);

	KTEST_ASSERT_TRUE(t, text && ro && data);
	KTEST_EXPECT_FALSE(t, pte_write(*text));
	KTEST_EXPECT_FALSE(t, pte_write(*ro));
	KTEST_EXPECT_TRUE(t, pte_write(*data));
	KTEST_EXPECT_TRUE(t, read_cr0() & X86_CR0_WP); /* the kernel obeys read-only PTEs too */
}

static struct ktest_case paging_cases[] = {
	KTEST_CASE(swapper_pg_dir_is_loaded),
	KTEST_CASE(lowmem_is_mapped),
	KTEST_CASE(boot_stack_guard_is_unmapped),
	KTEST_CASE(kernel_text_is_read_only),
	{},
};
KTEST_SUITE(paging, paging_cases);

static void boot_reservations(struct ktest *t)
{
	unsigned long pfn, bad = 0;
	int i;

	for (pfn = 0; pfn < 256; pfn++)
		bad += !PageReserved(pfn_to_page(pfn));
	for (pfn = __pa(__kernel_start) >> PAGE_SHIFT; pfn < __pa(__kernel_end) >> PAGE_SHIFT;
	     pfn++)
		bad += !PageReserved(pfn_to_page(pfn));
	for (pfn = virt_to_pfn(mem_map); pfn <= virt_to_pfn(mem_map + max_pfn - 1); pfn++)
		bad += !PageReserved(pfn_to_page(pfn));
	for (i = 0; i < boot_params.nr_modules; i++)
		for (pfn = boot_params.modules[i].start >> PAGE_SHIFT;
		     pfn < DIV_ROUND_UP(boot_params.modules[i].end, PAGE_SIZE); pfn++)
			bad += !PageReserved(pfn_to_page(pfn));
	KTEST_EXPECT_EQ(t, bad, 0);
}

static void zones_add_up(struct ktest *t)
{
	struct zone *dma = &NODE_DATA(0)->node_zones[ZONE_DMA];
	struct zone *normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	struct zone *high = &NODE_DATA(0)->node_zones[ZONE_HIGHMEM];
	unsigned long managed = 0;
	struct zone *zone;

	for_each_zone(zone) {
		managed += zone->managed_pages;
		KTEST_EXPECT_LE(t, zone->managed_pages, zone->present_pages);
		KTEST_EXPECT_LE(t, zone->present_pages, zone->spanned_pages);
	}
	KTEST_EXPECT_EQ(t, managed, totalram_pages());
	KTEST_EXPECT_EQ(t, dma->zone_start_pfn, 0);
	KTEST_EXPECT_EQ(t, dma->spanned_pages, min(MAX_DMA_PFN, max_low_pfn));
	KTEST_EXPECT_EQ(t, normal->zone_start_pfn + normal->spanned_pages, max_low_pfn);
	KTEST_EXPECT_EQ(t, high->zone_start_pfn, max_low_pfn);
	KTEST_EXPECT_EQ(t, high->zone_start_pfn + high->spanned_pages, max_pfn);
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->node_zones[ZONE_MOVABLE].present_pages, 0);
	if (max_pfn > max_low_pfn) {
		KTEST_EXPECT_EQ(t, page_zonenum(pfn_to_page(max_low_pfn - 1)), ZONE_NORMAL);
		KTEST_EXPECT_EQ(t, page_zonenum(pfn_to_page(max_low_pfn)), ZONE_HIGHMEM);
		KTEST_EXPECT_TRUE(t, PageHighMem(pfn_to_page(max_pfn - 1)));
		KTEST_EXPECT_LE(t, max_low_pfn, MAXMEM_PFN);
	}
	if (max_low_pfn > MAX_DMA_PFN) {
		KTEST_EXPECT_EQ(t, page_zonenum(pfn_to_page(MAX_DMA_PFN - 1)), ZONE_DMA);
		KTEST_EXPECT_EQ(t, page_zonenum(pfn_to_page(MAX_DMA_PFN)), ZONE_NORMAL);
	} else {
		KTEST_EXPECT_EQ(t, normal->present_pages, 0); /* a machine under 16 MiB */
	}
}

static struct ktest_case memory_map_cases[] = {
	KTEST_CASE(boot_reservations),
	KTEST_CASE(zones_add_up),
	{},
};
KTEST_SUITE(memory_map, memory_map_cases);

/*
 * Explicit-only suites that end the boot with a named panic (a panic
 * cannot be survived); tests/system/test_mm.py expects the messages.
 */
static void kfree_twice(struct ktest *t)
{
	void *keep = kmalloc(64, GFP_KERNEL), *p = kmalloc(64, GFP_KERNEL);

	KTEST_ASSERT_TRUE(t, keep && p);
	kfree(p);
	kfree(p);
	KTEST_EXPECT_TRUE(t, false); /* not reached */
}

static void kfree_foreign_pointer(struct ktest *t)
{
	/*
	 * An object in the kernel image (a reserved page). Not a stack
	 * variable: task stacks are order-1 blocks whose second page has no
	 * reference count of its own, which kfree cannot tell from a free page.
	 */
	static int not_from_kmalloc;

	kfree(&not_from_kmalloc);
	KTEST_EXPECT_TRUE(t, false);
}

static void free_page_twice(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_TRUE(t, page != NULL);
	__free_page(page);
	__free_page(page);
	KTEST_EXPECT_TRUE(t, false);
}

static struct ktest_case mm_double_kfree_cases[] = { KTEST_CASE(kfree_twice), {} };
static struct ktest_case mm_foreign_kfree_cases[] = { KTEST_CASE(kfree_foreign_pointer), {} };
static struct ktest_case mm_double_free_page_cases[] = { KTEST_CASE(free_page_twice), {} };
KTEST_SUITE_EXPLICIT(mm_double_kfree, mm_double_kfree_cases);
KTEST_SUITE_EXPLICIT(mm_foreign_kfree, mm_foreign_kfree_cases);
KTEST_SUITE_EXPLICIT(mm_double_free_page, mm_double_free_page_cases);
