/*
 * Boot-time setup of the zones and mem_map (Linux's mm/mm_init.c).
 *
 * free_area_init() cuts pfn 0..max_pfn into zones and marks every struct
 * page reserved and in use. The memory the early allocator did not hand
 * out is then given to the buddy allocator block by block with
 * __free_pages_memory(), which is what makes a page "managed". Built for
 * the host too (tests/unit), with a fake mem_map.
 */
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "mm/internal.h"
#include "mm/vmstat.h"

struct pglist_data contig_page_data;
struct page *mem_map;
unsigned long max_pfn;
unsigned long max_low_pfn;
unsigned long _totalram_pages;
unsigned long __VMALLOC_RESERVE = __VMALLOC_RESERVE_DEFAULT; /* vmalloc= */
long highmem_pages = -1; /* highmem=, in pages; -1: what lies above MAXMEM */

#define pages_to_mb(n) ((n) >> (20 - PAGE_SHIFT))

/* All RAM fits in the direct map: lowmem, unless highmem= carves some out. */
static void lowmem_pfn_init(void)
{
	max_low_pfn = max_pfn;
	if (highmem_pages == -1)
		highmem_pages = 0;
	if (highmem_pages >= (long)max_pfn) {
		pr_err("highmem size (%luMB) is bigger than pages available (%luMB)!\n",
		       pages_to_mb((unsigned long)highmem_pages), pages_to_mb(max_pfn));
		highmem_pages = 0;
	}
	if (highmem_pages) {
		if (max_low_pfn - (unsigned long)highmem_pages < (64UL << 20) / PAGE_SIZE) {
			pr_err("highmem size (%luMB) results in <64MB lowmem, ignoring it!\n",
			       pages_to_mb((unsigned long)highmem_pages));
			highmem_pages = 0;
		}
		max_low_pfn -= (unsigned long)highmem_pages;
	}
}

/* More RAM than the direct map holds: the rest is HighMem (up to 4 GiB). */
static void highmem_pfn_init(void)
{
	max_low_pfn = MAXMEM_PFN;
	if (highmem_pages == -1)
		highmem_pages = (long)(max_pfn - MAXMEM_PFN);
	if (highmem_pages + MAXMEM_PFN < max_pfn)
		max_pfn = MAXMEM_PFN + (unsigned long)highmem_pages;
	if (highmem_pages + MAXMEM_PFN > max_pfn) {
		pr_warn("only %luMB highmem pages available, ignoring highmem size of %luMB!\n",
			pages_to_mb(max_pfn - MAXMEM_PFN),
			pages_to_mb((unsigned long)highmem_pages));
		highmem_pages = 0;
	}
	if (max_pfn > MAX_NONPAE_PFN) {
		max_pfn = MAX_NONPAE_PFN;
		pr_warn("Warning: only 4GB will be used. Use a HIGHMEM64G enabled kernel!\n");
	}
}

/*
 * Where low memory ends (Linux's find_low_pfn_range() and the log lines of
 * initmem_init(), arch/x86/mm/init_32.c): max_low_pfn is max_pfn if all RAM
 * fits below MAXMEM, else MAXMEM_PFN; highmem=N moves the limit down (but
 * leaves at least 64 MiB of lowmem) or caps HighMem. Sets max_low_pfn and
 * may lower max_pfn. Here rather than in init_32.c so the host tests run it.
 */
void find_low_pfn_range(void)
{
	unsigned long highstart_pfn = max_pfn;

	if (max_pfn <= MAXMEM_PFN)
		lowmem_pfn_init();
	else
		highmem_pfn_init();
	if (max_pfn > max_low_pfn)
		highstart_pfn = max_low_pfn;
	pr_notice("%luMB HIGHMEM available.\n", pages_to_mb(max_pfn - highstart_pfn));
	pr_notice("%luMB LOWMEM available.\n", pages_to_mb(max_low_pfn));
}

const char *const zone_names[MAX_NR_ZONES] = { "DMA", "Normal", "HighMem", "Movable" };

static void zone_init_free_lists(struct zone *zone)
{
	unsigned int order;

	for (order = 0; order < NR_PAGE_ORDERS; order++) {
		INIT_LIST_HEAD(&zone->free_area[order].free_list);
		zone->free_area[order].nr_free = 0;
	}
}

/*
 * Zone i spans [max_zone_pfn[i-1], max_zone_pfn[i]) (DMA from 0). Every
 * struct page below the last limit is initialised: its zone, PG_reserved,
 * refcount 1, no mappings. present_pages is left to the caller, which
 * knows the holes (memblock in the kernel, the test in tests/unit).
 */
void free_area_init(const unsigned long max_zone_pfn[MAX_NR_ZONES])
{
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long start = 0, pfn;
	int i;

	memset(pgdat, 0, sizeof(*pgdat));
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];
		unsigned long end = max(max_zone_pfn[i], start);

		zone->name = zone_names[i];
		zone->zone_start_pfn = start;
		zone->spanned_pages = end - start;
		zone_init_free_lists(zone);
		for (pfn = start; pfn < end; pfn++) {
			struct page *page = pfn_to_page(pfn);

			memset(page, 0, sizeof(*page));
			set_page_zone(page, (enum zone_type)i);
			SetPageReserved(page);
			page->_refcount = 1;
			page->_mapcount = -1;
			INIT_LIST_HEAD(&page->lru);
		}
		start = end;
	}
	pgdat->node_spanned_pages = start;
	memset(vm_zone_stat, 0, sizeof(vm_zone_stat));
	_totalram_pages = 0;
}

/* Give one naturally aligned block of reserved boot pages to the buddy. */
static void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long i, nr = 1UL << order;
	struct zone *zone = page_zone(page);

	for (i = 0; i < nr; i++) {
		BUG_ON(page_zone(page + i) != zone);
		ClearPageReserved(page + i);
		page[i]._refcount = 0;
	}
	zone->managed_pages += nr;
	_totalram_pages += nr;
	__free_one_page_block(page, order);
}

/*
 * Release pfns [start_pfn, end_pfn) to the buddy allocator in the largest
 * naturally aligned blocks that fit (Linux's __free_pages_memory).
 */
void __free_pages_memory(unsigned long start_pfn, unsigned long end_pfn)
{
	while (start_pfn < end_pfn) {
		unsigned int order = MAX_PAGE_ORDER;

		while (order && (!IS_ALIGNED(start_pfn, 1UL << order) ||
				 start_pfn + (1UL << order) > end_pfn))
			order--;
		__free_pages_core(pfn_to_page(start_pfn), order);
		start_pfn += 1UL << order;
	}
}
