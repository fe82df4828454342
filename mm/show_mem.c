/*
 * Reports about memory in Linux's formats (mm/show_mem.c, mm/debug.c):
 * the per-zone lines of show_mem (reused by the OOM report), and the
 * "page allocation failure" warning of a failed allocation.
 *
 * After "Mem-Info:" come the system-wide counters (show_summary: the
 * LRU lists, dirty, shmem ...), the zones, the page-cache and swap totals.
 * Linux also prints a per-node line of the same counters in kB; with one
 * node it repeats the summary, and Tidemark leaves it out. shmem is what a
 * full tmpfs holds: memory no process owns, so killing one does not free
 * it (see docs/tmpfs.md).
 */
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "kernel/sched.h"
#include "mm/internal.h"
#include "mm/mmap.h"
#include "mm/pagemap.h"
#include "mm/shmem_fs.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/vmstat.h"

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

/* Names in Linux's order (gfpflag_names): composite masks first. */
static const struct {
	gfp_t mask;
	const char *name;
} gfpflag_names[] = {
	{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	{ GFP_HIGHUSER, "GFP_HIGHUSER" },
	{ GFP_USER, "GFP_USER" },
	{ GFP_KERNEL_ACCOUNT, "GFP_KERNEL_ACCOUNT" },
	{ GFP_KERNEL, "GFP_KERNEL" },
	{ GFP_NOFS, "GFP_NOFS" },
	{ GFP_ATOMIC, "GFP_ATOMIC" },
	{ GFP_NOIO, "GFP_NOIO" },
	{ GFP_NOWAIT, "GFP_NOWAIT" },
	{ GFP_DMA, "GFP_DMA" },
	{ __GFP_HIGHMEM, "__GFP_HIGHMEM" },
	{ __GFP_DMA32, "GFP_DMA32" },
	{ __GFP_HIGH, "__GFP_HIGH" },
	{ __GFP_IO, "__GFP_IO" },
	{ __GFP_FS, "__GFP_FS" },
	{ __GFP_NOWARN, "__GFP_NOWARN" },
	{ __GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
	{ __GFP_NOFAIL, "__GFP_NOFAIL" },
	{ __GFP_NORETRY, "__GFP_NORETRY" },
	{ __GFP_COMP, "__GFP_COMP" },
	{ __GFP_ZERO, "__GFP_ZERO" },
	{ __GFP_NOMEMALLOC, "__GFP_NOMEMALLOC" },
	{ __GFP_MEMALLOC, "__GFP_MEMALLOC" },
	{ __GFP_HARDWALL, "__GFP_HARDWALL" },
	{ __GFP_THISNODE, "__GFP_THISNODE" },
	{ __GFP_RECLAIMABLE, "__GFP_RECLAIMABLE" },
	{ __GFP_MOVABLE, "__GFP_MOVABLE" },
	{ __GFP_ACCOUNT, "__GFP_ACCOUNT" },
	{ __GFP_WRITE, "__GFP_WRITE" },
	{ __GFP_RECLAIM, "__GFP_RECLAIM" },
	{ __GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ __GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
};

/* "0xcc0(GFP_KERNEL)", "0xdc0(GFP_KERNEL|__GFP_ZERO)", "0x0()": Linux's %pGg. */
void format_gfp_flags(char *buf, size_t size, gfp_t gfp)
{
	size_t n = (size_t)snprintf(buf, size, "0x%x(", gfp);
	gfp_t left = gfp;
	const char *sep = "";
	size_t i;

	for (i = 0; i < ARRAY_SIZE(gfpflag_names) && n < size; i++) {
		gfp_t mask = gfpflag_names[i].mask;

		if ((left & mask) != mask)
			continue;
		left &= ~mask;
		n += (size_t)snprintf(buf + n, size - n, "%s%s", sep, gfpflag_names[i].name);
		sep = "|";
	}
	if (left && n < size)
		n += (size_t)snprintf(buf + n, size - n, "%s%#x", sep, left);
	if (n < size)
		snprintf(buf + n, size - n, ")");
}

/*
 * A failed allocation, as Linux's warn_alloc reports it:
 *   swapper/0: page allocation failure: order:0, mode:0xcc0(GFP_KERNEL), nodemask=(null)
 * then the stack and show_mem.
 */
void warn_alloc(gfp_t gfp, unsigned int order)
{
	char mode[160];

	format_gfp_flags(mode, sizeof(mode), gfp);
	printk(KERN_WARNING "%s: page allocation failure: order:%u, mode:%s, nodemask=(null)\n",
	       current_comm(), order, mode);
	dump_stack();
	show_mem();
}

/*
 * Lines are built whole and printed in one printk: at the default level
 * (the OOM report, allocation failures), or at KERN_DEBUG for the boot-time
 * report that loglevel=8 shows.
 */
struct show_buf {
	char text[640];
	size_t len;
};

static void __printf(2, 3) show_add(struct show_buf *b, const char *fmt, ...)
{
	va_list ap;

	if (b->len >= sizeof(b->text))
		return;
	va_start(ap, fmt);
	b->len += (size_t)vsnprintf(b->text + b->len, sizeof(b->text) - b->len, fmt, ap);
	va_end(ap);
}

static void show_emit(struct show_buf *b, bool debug)
{
	printk(debug ? KERN_DEBUG "%s\n" : "%s\n", b->text);
	b->len = 0;
	b->text[0] = '\0';
}

static void show_zone(struct zone *zone, bool debug)
{
	struct show_buf b = { "", 0 };
	int j;

	show_add(&b,
		 "Node 0 %s free:%lukB boost:%lukB min:%lukB low:%lukB high:%lukB"
		 " reserved_highatomic:%luKB active_anon:%lukB inactive_anon:%lukB"
		 " active_file:%lukB inactive_file:%lukB unevictable:%lukB writepending:%lukB",
		 zone->name, K(zone_page_state(zone, NR_FREE_PAGES)), K(zone->watermark_boost),
		 K(min_wmark_pages(zone)), K(low_wmark_pages(zone)), K(high_wmark_pages(zone)),
		 0UL /* no highatomic reserve */, K(zone_page_state(zone, NR_ZONE_ACTIVE_ANON)),
		 K(zone_page_state(zone, NR_ZONE_INACTIVE_ANON)),
		 K(zone_page_state(zone, NR_ZONE_ACTIVE_FILE)),
		 K(zone_page_state(zone, NR_ZONE_INACTIVE_FILE)),
		 K(zone_page_state(zone, NR_ZONE_UNEVICTABLE)),
		 K(zone_page_state(zone, NR_ZONE_WRITE_PENDING)));
	show_add(&b,
		 " present:%lukB managed:%lukB mlocked:%lukB bounce:%lukB free_pcp:%lukB"
		 " local_pcp:%ukB free_cma:%lukB",
		 K(zone->present_pages), K(zone_managed_pages(zone)),
		 K(zone_page_state(zone, NR_MLOCK)), K(zone_page_state(zone, NR_BOUNCE)),
		 0UL /* no per-CPU lists */, 0U, K(zone_page_state(zone, NR_FREE_CMA_PAGES)));
	show_emit(&b, debug);
	show_add(&b, "lowmem_reserve[]:");
	for (j = 0; j < MAX_NR_ZONES; j++)
		show_add(&b, " %ld", zone->lowmem_reserve[j]);
	show_emit(&b, debug);
}

/* "Node 0 DMA: 1*4kB (U) 2*8kB (U) 0*16kB ... = 20kB" (one list type: U). */
static void show_buddy(struct zone *zone, bool debug)
{
	unsigned long flags, nr[NR_PAGE_ORDERS], total = 0;
	struct show_buf b = { "", 0 };
	unsigned int order;

	flags = mm_irq_save();
	for (order = 0; order < NR_PAGE_ORDERS; order++) {
		nr[order] = zone->free_area[order].nr_free;
		total += nr[order] << order;
	}
	mm_irq_restore(flags);
	show_add(&b, "Node 0 %s: ", zone->name);
	for (order = 0; order < NR_PAGE_ORDERS; order++) {
		show_add(&b, "%lu*%lukB ", nr[order], K(1UL) << order);
		if (nr[order])
			show_add(&b, "(U) ");
	}
	show_add(&b, "= %lukB", K(total));
	show_emit(&b, debug);
}

/* Page-table pages of every process (Linux's NR_PAGETABLE). */
static unsigned long nr_pagetable_pages(void)
{
	struct task_struct *p;
	unsigned long n = 0;

	for_each_process(p)
		if (p->mm && p->exit_state != EXIT_DEAD)
			n += p->mm->pgtables_bytes >> PAGE_SHIFT;
	return n;
}

/*
 * The first part of Linux's show_free_areas, in pages. Tidemark keeps no
 * count of isolated pages, secondary page tables or per-CPU free pages:
 * those print 0.
 */
static void show_summary(bool debug)
{
	struct show_buf b = { "", 0 };

	show_add(&b, "active_anon:%lu inactive_anon:%lu isolated_anon:0\n",
		 global_zone_page_state(NR_ZONE_ACTIVE_ANON),
		 global_zone_page_state(NR_ZONE_INACTIVE_ANON));
	show_add(&b, " active_file:%lu inactive_file:%lu isolated_file:0\n",
		 global_zone_page_state(NR_ZONE_ACTIVE_FILE),
		 global_zone_page_state(NR_ZONE_INACTIVE_FILE));
	show_add(&b, " unevictable:%lu dirty:%lu writeback:%lu\n",
		 global_zone_page_state(NR_ZONE_UNEVICTABLE), nr_file_dirty, nr_writeback);
	show_add(&b, " slab_reclaimable:0 slab_unreclaimable:%lu\n", nr_slab_pages);
	show_add(&b, " mapped:%lu shmem:%lu pagetables:%lu\n", nr_file_mapped, nr_shmem,
		 nr_pagetable_pages());
	show_add(&b, " sec_pagetables:0 bounce:%lu\n", global_zone_page_state(NR_BOUNCE));
	show_add(&b, " kernel_misc_reclaimable:0\n");
	show_add(&b, " free:%lu free_pcp:0 free_cma:%lu", global_zone_page_state(NR_FREE_PAGES),
		 global_zone_page_state(NR_FREE_CMA_PAGES));
	show_emit(&b, debug);
}

/* The page cache and swap totals (Linux's show_free_areas end, show_swap_cache_info). */
static void show_cache_totals(bool debug)
{
	struct show_buf b = { "", 0 };

	show_add(&b, "%lu total pagecache pages", nr_file_pages + nr_swapcache_pages);
	show_emit(&b, debug);
	show_add(&b, "%lu pages in swap cache", nr_swapcache_pages);
	show_emit(&b, debug);
	show_add(&b, "Free swap  = %ldkB", K(get_nr_swap_pages()));
	show_emit(&b, debug);
	show_add(&b, "Total swap = %lukB", K((unsigned long)total_swap_pages));
	show_emit(&b, debug);
}

/* The zone part of Linux's show_free_areas. */
void show_free_areas(bool debug)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		show_zone(zone, debug);
	for_each_populated_zone(zone)
		show_buddy(zone, debug);
}

/* Linux's __show_mem; debug: at KERN_DEBUG instead of the default level. */
void __show_mem(bool debug)
{
	unsigned long total = 0, reserved = 0, highmem = 0;
	struct show_buf b = { "", 0 };
	struct zone *zone;

	show_add(&b, "Mem-Info:");
	show_emit(&b, debug);
	show_summary(debug);
	show_free_areas(debug);
	show_cache_totals(debug);
	for_each_populated_zone(zone) {
		total += zone->present_pages;
		reserved += zone->present_pages - zone_managed_pages(zone);
		if (is_highmem_idx(zone_idx(zone)))
			highmem += zone->present_pages;
	}
	show_add(&b, "%lu pages RAM", total);
	show_emit(&b, debug);
	show_add(&b, "%lu pages HighMem/MovableOnly", highmem);
	show_emit(&b, debug);
	show_add(&b, "%lu pages reserved", reserved);
	show_emit(&b, debug);
}

void show_mem(void)
{
	__show_mem(false);
}
