/*
 * /proc/meminfo in Linux 6.12's layout (fs/proc/meminfo.c; docs/linux-formulas.md,
 * /proc layouts): "Label:" padded to 16 columns, the value right-aligned in 8, then
 * " kB". Fields are those an i386 non-PAE kernel without hugetlb, THP
 * or CMA prints, HighTotal..LowFree included. Zswap is the zswap pool's
 * memory, Zswapped the size of the pages it holds (mm/zswap.c).
 *
 * Every number is a real counter of this kernel. Those whose mechanism
 * Tidemark lacks are real zeros: no vmalloc area (Vmalloc*), no per-CPU
 * allocator (Percpu), no reclaimable slab (SReclaimable). Buffers, Cached,
 * Dirty and Mapped are the page cache's (mm/filemap.c); Cached includes
 * Shmem, tmpfs and shared memory pages in memory (mm/shmem.c), as Linux's
 * does. Writeback is its pages under writeback plus the swap cache's
 * (mm/page_io.c), as Linux's NR_WRITEBACK counts both. Active(file) and
 * Inactive(file) are the file LRU lists, which MemAvailable counts half of
 * at least (si_mem_available).
 * SwapCached is the swap cache (mm/swap_state.c); CommitLimit and
 * Committed_AS come from the overcommit accounting (mm/util.c).
 * AnonPages counts the frames mapped into user space (all anonymous: no
 * file is mapped), each once however many processes share it.
 */
#include "fs/proc/internal.h"
#include "kernel/sysctl.h"
#include "mm/highmem.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/mman.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/slab.h"
#include "mm/vmstat.h"
#include "mm/pagemap.h"
#include "mm/shmem_fs.h"
#include "mm/zswap.h"

static void show_val_kb(struct seq_file *m, const char *label, unsigned long pages)
{
	seq_printf(m, "%-16s%8lu kB\n", label, pages << (PAGE_SHIFT - 10));
}

/* Linux's si_mem_available (docs/linux-formulas.md, MemAvailable). */
unsigned long si_mem_available(void)
{
	unsigned long wmark_low = 0, pagecache, reclaimable;
	long available;
	struct zone *zone;

	for_each_zone(zone)
		wmark_low += low_wmark_pages(zone);
	available = (long)global_zone_page_state(NR_FREE_PAGES) - (long)totalreserve_pages;
	pagecache = global_zone_page_state(NR_ZONE_ACTIVE_FILE) +
		    global_zone_page_state(NR_ZONE_INACTIVE_FILE);
	available += (long)(pagecache - min(pagecache / 2, wmark_low));
	reclaimable = 0; /* SReclaimable: no reclaimable slab caches */
	available += (long)(reclaimable - min(reclaimable / 2, wmark_low));
	return available < 0 ? 0 : (unsigned long)available;
}

/* Frames mapped by user page tables, counted once each. */
static unsigned long nr_anon_mapped(void)
{
	unsigned long pfn, n = 0;

	for (pfn = 0; pfn < max_pfn; pfn++)
		if (mem_map[pfn]._mapcount >= 0)
			n++;
	return n;
}

/* User page tables of every process, and kernel stacks of every task. */
static void task_totals(unsigned long *pgtables, unsigned long *stacks_kb)
{
	struct task_struct *p;

	*pgtables = 0;
	*stacks_kb = 0;
	for_each_process(p) {
		if (p->exit_state == EXIT_DEAD)
			continue;
		if (p->mm)
			*pgtables += p->mm->pgtables_bytes >> PAGE_SHIFT;
		if (p->stack)
			*stacks_kb += THREAD_SIZE / 1024;
	}
	*stacks_kb += THREAD_SIZE / 1024; /* init_task, the head of the list */
}

int meminfo_proc_show(struct seq_file *m, struct task_struct *task)
{
	unsigned long total = totalram_pages(), free = global_zone_page_state(NR_FREE_PAGES);
	unsigned long act_anon = global_zone_page_state(NR_ZONE_ACTIVE_ANON);
	unsigned long inact_anon = global_zone_page_state(NR_ZONE_INACTIVE_ANON);
	unsigned long act_file = global_zone_page_state(NR_ZONE_ACTIVE_FILE);
	unsigned long inact_file = global_zone_page_state(NR_ZONE_INACTIVE_FILE);
	unsigned long swap_total = (unsigned long)total_swap_pages;
	unsigned long pgtables, stacks_kb, commit_limit;

	(void)task;
	task_totals(&pgtables, &stacks_kb);
	commit_limit = vm_commit_limit();

	show_val_kb(m, "MemTotal:", total);
	show_val_kb(m, "MemFree:", free);
	show_val_kb(m, "MemAvailable:", si_mem_available());
	show_val_kb(m, "Buffers:", nr_bdev_pages);
	/* Linux: NR_FILE_PAGES - swap cache - buffers; here nr_file_pages has no swap cache */
	show_val_kb(m, "Cached:", nr_file_pages - nr_bdev_pages);
	show_val_kb(m, "SwapCached:", nr_swapcache_pages);
	show_val_kb(m, "Active:", act_anon + act_file);
	show_val_kb(m, "Inactive:", inact_anon + inact_file);
	show_val_kb(m, "Active(anon):", act_anon);
	show_val_kb(m, "Inactive(anon):", inact_anon);
	show_val_kb(m, "Active(file):", act_file);
	show_val_kb(m, "Inactive(file):", inact_file);
	show_val_kb(m, "Unevictable:", global_zone_page_state(NR_ZONE_UNEVICTABLE));
	show_val_kb(m, "Mlocked:", global_zone_page_state(NR_MLOCK));
	show_val_kb(m, "HighTotal:", totalhigh_pages());
	show_val_kb(m, "HighFree:", nr_free_highpages());
	show_val_kb(m, "LowTotal:", total - totalhigh_pages());
	show_val_kb(m, "LowFree:", free - nr_free_highpages());
	show_val_kb(m, "SwapTotal:", swap_total);
	show_val_kb(m, "SwapFree:", (unsigned long)nr_swap_pages);
	show_val_kb(m, "Zswap:", zswap_stats.pool_total_size >> PAGE_SHIFT);
	show_val_kb(m, "Zswapped:", zswap_stats.stored_pages);
	show_val_kb(m, "Dirty:", nr_file_dirty);
	show_val_kb(m, "Writeback:", global_writeback_pages());
	show_val_kb(m, "AnonPages:", nr_anon_mapped());
	show_val_kb(m, "Mapped:", nr_file_mapped);
	show_val_kb(m, "Shmem:", nr_shmem);
	show_val_kb(m, "KReclaimable:", 0);
	show_val_kb(m, "Slab:", nr_slab_pages);
	show_val_kb(m, "SReclaimable:", 0);
	show_val_kb(m, "SUnreclaim:", nr_slab_pages);
	seq_printf(m, "%-16s%8lu kB\n", "KernelStack:", stacks_kb);
	show_val_kb(m, "PageTables:", pgtables);
	show_val_kb(m, "SecPageTables:", 0);
	show_val_kb(m, "NFS_Unstable:", 0);
	show_val_kb(m, "Bounce:", global_zone_page_state(NR_BOUNCE));
	show_val_kb(m, "WritebackTmp:", 0);
	show_val_kb(m, "CommitLimit:", commit_limit);
	show_val_kb(m, "Committed_AS:", vm_memory_committed());
	seq_printf(m, "%-16s%8lu kB\n", "VmallocTotal:", 0UL);
	show_val_kb(m, "VmallocUsed:", 0);
	show_val_kb(m, "VmallocChunk:", 0);
	show_val_kb(m, "Percpu:", 0);
	/* Low memory is mapped with 4 KiB pages (mm/init_32.c), less the boot stack guard. */
	show_val_kb(m, "DirectMap4k:", max_low_pfn - 1);
	show_val_kb(m, "DirectMap4M:", 0);
	return 0;
}
