/*
 * Memory setup at boot (Linux's arch/x86/kernel/setup.c and
 * arch/x86/mm/init_32.c), in this order:
 *
 *  setup_memory()
 *   1. the BIOS map and mem= (e820.c) -> usable RAM in memblock;
 *   2. reserve what is in use: the first MiB (BIOS data, as Linux does
 *      since 5.13), the kernel image (its .bss holds the boot page tables
 *      and stack), the multiboot modules;
 *   3. low memory ends where the direct map must (find_low_pfn_range,
 *      MAXMEM = 887 MiB); RAM above it, up to 4 GiB, is HighMem;
 *      too little RAM for the kernel and initramfs stops with a clear panic
 *      (check_enough_memory);
 *   4. paging_init(): swapper_pg_dir maps all low memory with 4 KiB pages
 *      (text/rodata read-only) and gets the (empty) pkmap and fixmap page
 *      tables (kmap_init); its page tables come from memblock below
 *      64 MiB, the only memory the boot tables map, then CR3 switches;
 *   5. mem_map for all RAM, HighMem included (in low memory), and the
 *      zones: DMA below 16 MiB, Normal to max_low_pfn, HighMem to max_pfn.
 *  mem_init()
 *   6. free memory to the buddy allocator, compute the watermarks, and
 *      log Linux's "Memory:" line (and show_mem at KERN_DEBUG).
 */
#include "kernel/kernel.h"
#include "kernel/gdt.h"
#include "kernel/multiboot.h"
#include "kernel/params.h"
#include "kernel/traps.h"
#include "kernel/x86.h"
#include "mm/e820.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/pgtable.h"

pgd_t swapper_pg_dir[PTRS_PER_PGD] __attribute__((aligned(PAGE_SIZE)));

#define PFN_PHYS(pfn) ((phys_addr_t)(pfn) << PAGE_SHIFT)
#define pages_to_mb(n) ((n) >> (20 - PAGE_SHIFT))

static void reserve_boot_memory(void)
{
	int i;

	memblock_reserve(0, 1UL << 20);
	memblock_reserve(KERNEL_LOAD_PHYS, __pa(__kernel_end) - KERNEL_LOAD_PHYS);
	for (i = 0; i < boot_params.nr_modules; i++) {
		const struct boot_module *m = &boot_params.modules[i];

		pr_info("RAMDISK: [mem 0x%08x-0x%08x]\n", m->start, m->end - 1);
		memblock_reserve(m->start, m->end - m->start);
	}
}

/*
 * Stop with a clear message if RAM (after mem=) cannot hold the kernel,
 * its boot modules, the initramfs unpacked from them, and a little room
 * to run init (1 MiB: mem_map, page tables, the first processes). Linux
 * has no such check and fails later in ways that say less; without it a
 * mem= below 4K left no memory mapped at all, and the CPU reset.
 */
static void check_enough_memory(void)
{
	unsigned long end = __pa(__kernel_end), modules = 0, need, have;
	int i;

	for (i = 0; i < boot_params.nr_modules; i++) {
		const struct boot_module *m = &boot_params.modules[i];

		end = max(end, (unsigned long)m->end);
		modules += m->end - m->start;
	}
	need = (end + modules + (1UL << 20)) >> 10;
	have = (unsigned long)(PFN_PHYS(max_low_pfn) >> 10);
	if (have >= need)
		return;
	pr_emerg("Not enough memory: %luK of RAM; the kernel and boot modules end at %luK, the "
		 "initramfs unpacks to %luK more, and init needs 1024K\n",
		 have, end >> 10, modules >> 10);
	panic("Not enough memory to boot: %luK of RAM, at least %luK needed (check mem=)", have,
	      need);
}

/*
 * highmem=SIZE: put SIZE of RAM in HighMem even if it would fit in low
 * memory (Linux's option, for testing HighMem on a small machine).
 * vmalloc=SIZE: the address space kept for vmalloc below the pkmap area;
 * a larger reserve means less low memory.
 */
static int parse_highmem(char *val)
{
	char *end;
	u64 size = memparse(val, &end);

	if (*end)
		return -1;
	highmem_pages = (long)(size >> PAGE_SHIFT);
	return 0;
}
__setup("highmem=", parse_highmem);

static int parse_vmalloc(char *val)
{
	char *end;
	u64 size = memparse(val, &end);

	if (*end || size >= (512ULL << 20))
		return -1;
	__VMALLOC_RESERVE = (unsigned long)size + VMALLOC_OFFSET;
	return 0;
}
__setup("vmalloc=", parse_vmalloc);

/* What the BIOS map has above 4 GiB: without PAE no PTE can name it. */
static void log_ram_above_4g(void)
{
	u64 above = 0;
	int i;

	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		if (e->type == E820_TYPE_RAM && e->addr + e->size > MAX_NONPAE_ADDR)
			above += e->addr + e->size - max(e->addr, MAX_NONPAE_ADDR);
	}
	pr_info("last_pfn = %#lx max_arch_pfn = %#lx\n", max_pfn, MAX_NONPAE_PFN);
	if (above) /* Linux shows it only in the e820 map; say it in words too */
		pr_notice("%lluMB of RAM above 4GB left unused (no PAE)\n", above >> 20);
}

static bool pfn_is_kernel_ro(unsigned long pfn)
{
	return pfn >= (__pa(__ro_start) >> PAGE_SHIFT) && pfn < (__pa(__ro_end) >> PAGE_SHIFT);
}

/*
 * Build swapper_pg_dir: PAGE_OFFSET + p -> p for every low pfn, 4 KiB
 * pages, kernel text and rodata read-only, and the boot stack's guard page
 * left unmapped (as boot.asm left it) so an overflow double-faults with a
 * report. Then load it into CR3, and into the double-fault task's TSS.
 */
void paging_init(void)
{
	unsigned long nr_pt = DIV_ROUND_UP(max_low_pfn, PTRS_PER_PTE), pfn;
	pte_t *tables = memblock_alloc(nr_pt * PAGE_SIZE, PAGE_SIZE);

	if (!tables)
		panic("paging_init: no memory for %lu page tables", nr_pt);
	for (pfn = 0; pfn < max_low_pfn; pfn++)
		tables[pfn] = pfn_pte(pfn, pfn_is_kernel_ro(pfn) ? PAGE_KERNEL_RO : PAGE_KERNEL);
	tables[__pa(boot_stack_guard) >> PAGE_SHIFT] = __pte(0);
	for (pfn = 0; pfn < nr_pt; pfn++)
		swapper_pg_dir[KERNEL_PGD_BOUNDARY + pfn] =
		    __pgd((u32)__pa(tables + pfn * PTRS_PER_PTE) | _KERNPG_TABLE);
	kmap_init();
	write_cr3(__pa(swapper_pg_dir));
	tss_set_doublefault_cr3(__pa(swapper_pg_dir));
}

/* The PTE that maps va in the current page directory, or NULL. */
pte_t *lookup_address(unsigned long va)
{
	pgd_t *pgd = phys_to_virt(read_cr3() & PAGE_MASK);
	pgd_t entry = pgd[pgd_index(va)];

	if (!pgd_present(entry))
		return NULL;
	return pgd_page_vaddr(entry) + pte_index(va);
}

static void print_range(const char *name, unsigned long start_pfn, unsigned long end_pfn)
{
	if (start_pfn >= end_pfn)
		pr_info("  %-8s empty\n", name);
	else
		pr_info("  %-8s [mem 0x%016llx-0x%016llx]\n", name,
			(unsigned long long)PFN_PHYS(start_pfn),
			(unsigned long long)PFN_PHYS(end_pfn) - 1);
}

/* Zone limits, Linux's boot log of them, then the zones themselves. */
static void zone_sizes_init(void)
{
	unsigned long max_zone_pfns[MAX_NR_ZONES] = {
		[ZONE_DMA] = min(MAX_DMA_PFN, max_low_pfn),
		[ZONE_NORMAL] = max_low_pfn,
		[ZONE_HIGHMEM] = max_pfn,
		[ZONE_MOVABLE] = max_pfn,
	};
	struct zone *zone;

	pr_info("Zone ranges:\n");
	print_range("DMA", 0, max_zone_pfns[ZONE_DMA]);
	print_range("Normal", max_zone_pfns[ZONE_DMA], max_low_pfn);
	print_range("HighMem", max_low_pfn, max_pfn);
	pr_info("Movable zone start for each node\n");
	pr_info("Early memory node ranges\n");
	pr_info("  node   0: [mem 0x%016llx-0x%016llx]\n", 0ULL,
		(unsigned long long)PFN_PHYS(max_pfn) - 1);

	free_area_init(max_zone_pfns);
	for_each_zone(zone) {
		zone->present_pages = memblock_present_pages(
		    zone->zone_start_pfn, zone->zone_start_pfn + zone->spanned_pages);
		NODE_DATA(0)->node_present_pages += zone->present_pages;
	}
}

void setup_memory(void)
{
	e820__memory_setup();
	max_pfn = e820__memblock_setup();
	log_ram_above_4g();
	reserve_boot_memory();
	find_low_pfn_range();
	check_enough_memory();
	paging_init();
	memblock_set_current_limit(PFN_PHYS(max_low_pfn));
	mem_map = memblock_alloc(max_pfn * sizeof(struct page), PAGE_SIZE);
	if (!mem_map)
		panic("setup_memory: no memory for mem_map (%lu pages)", max_pfn);
	zone_sizes_init();
	memblock_dump();
}

/* Linux's mem_init_print_info(): "Memory: 120236K/130552K available (...)". */
static void mem_init_print_info(void)
{
	unsigned long physpages = NODE_DATA(0)->node_present_pages;
	unsigned long code = (unsigned long)(__text_end - __text_start);
	unsigned long ro = (unsigned long)(__ro_end - __text_end);
	unsigned long data = (unsigned long)(__bss_start - __ro_end);
	unsigned long bss = (unsigned long)(__bss_end - __bss_start);

	pr_info(
	    "Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, %luK init, "
	    "%luK bss, %luK reserved, %luK cma-reserved)\n",
	    nr_free_pages() << (PAGE_SHIFT - 10), physpages << (PAGE_SHIFT - 10), code >> 10,
	    data >> 10, ro >> 10, 0UL, bss >> 10,
	    (physpages - totalram_pages()) << (PAGE_SHIFT - 10), 0UL);
}

void mem_init(void)
{
	memblock_free_all();
	init_per_zone_wmark_min();
	apply_cmdline_min_free_kbytes();
	mem_init_print_info();
	pr_debug("min_free_kbytes: %d watermark_scale_factor: %d\n", min_free_kbytes,
		 watermark_scale_factor);
	__show_mem(true);
}
