/* The fake machine of mm_fake.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "tests/unit/mm_fake.h"
#include "kernel/sched.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/vmstat.h"
#include "kernel/sched.h"

char *host_ram;
char fake_log[1 << 16];
static size_t fake_log_len;
char panic_msg[512];
jmp_buf panic_jmp;
bool panic_armed;

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (fmt[0] == '\001' && fmt[1])
		fmt += 2;
	fake_log_len = strlen(fake_log); /* fake_log[0] = '\0' clears the log */
	va_start(ap, fmt);
	n = vsnprintf(fake_log + fake_log_len, sizeof(fake_log) - fake_log_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		fake_log_len = strlen(fake_log);
	return n;
}

void dump_stack(void) {}

/*
 * The counters show_mem's report prints (Linux's show_free_areas) and the
 * task list it walks for page tables: no page cache, swap or tasks here.
 * Weak, so that a test linking the real file (mm/slab.c's nr_slab_pages)
 * keeps that one.
 */
__attribute__((weak)) unsigned long nr_file_pages, nr_file_dirty, nr_writeback, nr_file_mapped;
__attribute__((weak)) unsigned long nr_shmem, nr_slab_pages, nr_swapcache_pages;
__attribute__((weak)) long nr_swap_pages, total_swap_pages;
__attribute__((weak)) struct task_struct init_task = { .tasks = LIST_HEAD_INIT(init_task.tasks) };

/* No tasks on the host: the allocating task is the boot task, with no rights. */
const char *current_comm(void)
{
	return "swapper/0";
}

bool current_is_reclaiming(void)
{
	return false;
}

bool current_is_oom_victim(void)
{
	return false;
}

/* Every page of host_ram is addressable: no HighMem mappings to make. */
void *page_address(const struct page *page)
{
	return lowmem_page_address(page);
}

void *kmap(struct page *page)
{
	return lowmem_page_address(page);
}

void kunmap(struct page *page)
{
	(void)page;
}

void *kmap_local_page(struct page *page)
{
	return lowmem_page_address(page);
}

void kunmap_local(const void *addr)
{
	(void)addr;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(panic_msg, sizeof(panic_msg), fmt, ap);
	va_end(ap);
	if (panic_armed)
		longjmp(panic_jmp, 1);
	fprintf(stderr, "Kernel panic - not syncing: %s\n", panic_msg);
	abort();
}

void fake_machine(unsigned long nr_pages, unsigned long first_free)
{
	unsigned long zmax[MAX_NR_ZONES];
	struct zone *zone;

	host_ram = mmap(NULL, nr_pages << PAGE_SHIFT, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (host_ram == MAP_FAILED)
		abort();
	mem_map = calloc(nr_pages, sizeof(struct page));
	max_pfn = max_low_pfn = nr_pages;
	zmax[ZONE_DMA] = nr_pages < MAX_DMA_PFN ? nr_pages : MAX_DMA_PFN;
	zmax[ZONE_NORMAL] = zmax[ZONE_HIGHMEM] = zmax[ZONE_MOVABLE] = nr_pages;
	free_area_init(zmax);
	for_each_zone(zone)
		zone->present_pages = zone->spanned_pages;
	__free_pages_memory(first_free, nr_pages);
	init_per_zone_wmark_min();
	gfp_allowed_mask = __GFP_BITS_MASK; /* past boot: the scheduler runs */
	memset(vm_event_states, 0, sizeof(vm_event_states));
	fake_log[0] = '\0';
	fake_log_len = 0;
}

unsigned long zone_free(int zid)
{
	return zone_page_state(&NODE_DATA(0)->node_zones[zid], NR_FREE_PAGES);
}
