/*
 * ktest suites for swap areas on real disks (QEMU IDE images made by
 * mkswap or by the system tests):
 *   swap        the first active area against its own header on disk;
 *               slots written and read back through swap_writepage/
 *               swap_readpage and the clustered swap_writepages; swapoff
 *               and swapon; /proc/swaps. Skipped when no area is active.
 *   swap_error  (explicit) slot 100's write fails (blkdebug on sector 800):
 *               the slot is retired, its neighbours are not.
 * Every case gives back the slots and pages it took.
 *
 * The data pattern is swap_pattern() below; tests/system/test_swap.py
 * computes the same words to check the image after QEMU exits.
 */
#include "kernel/ktest.h"
#include "drivers/blkdev.h"
#include "fs/fs.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/lru.h"
#include "mm/mm.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/vmstat.h"

#define SWAP_KTEST_SEED 0x5a4b3c2dU
#define NR_TEST_SLOTS 16
#define NR_CLUSTER_SLOTS 8

/* Word w of the page written to slot offset. */
static u32 swap_pattern(unsigned long offset, unsigned int w)
{
	u32 x = SWAP_KTEST_SEED ^ (u32)(offset * 0x9E3779B1U) ^ (w * 0x85EBCA6BU);

	x ^= x >> 15;
	x *= 0x2C1B3C6DU;
	x ^= x >> 12;
	return x;
}

static void fill_page(struct page *page, unsigned long offset)
{
	u32 *p = kmap_local_page(page);

	for (unsigned int w = 0; w < PAGE_SIZE / 4; w++)
		p[w] = swap_pattern(offset, w);
	kunmap_local(p);
}

/* Words of page that differ from the pattern of offset. */
static unsigned int page_mismatches(struct page *page, unsigned long offset)
{
	const u32 *p = kmap_local_page(page);
	unsigned int bad = 0;

	for (unsigned int w = 0; w < PAGE_SIZE / 4; w++)
		bad += p[w] != swap_pattern(offset, w);
	kunmap_local(p);
	return bad;
}

static struct swap_info_struct *first_area(void)
{
	for (int type = 0; type < MAX_SWAPFILES; type++)
		if (swap_info[type].flags & SWP_USED)
			return &swap_info[type];
	return NULL;
}

static void area_matches_its_header_on_disk(struct ktest *t)
{
	struct swap_info_struct *si = first_area();
	struct page *page;
	const union swap_header *hdr;
	unsigned int nbad = 0;

	if (!si)
		KTEST_SKIP(t, "no swap area");
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, page != NULL);
	KTEST_ASSERT_EQ(t, bdev_read_page(si->bdev, 0, page), 0);
	hdr = page_address(page);
	KTEST_EXPECT_EQ(t, memcmp(hdr->magic.magic, "SWAPSPACE2", 10), 0);
	KTEST_EXPECT_EQ(t, si->max, hdr->info.last_page + 1);
	KTEST_EXPECT_LE(t, (u64)si->max * PAGE_SECTORS, si->bdev->nr_sects);
	for (unsigned int i = 0; i < hdr->info.nr_badpages; i++) {
		KTEST_EXPECT_EQ(t, si->swap_map[hdr->info.badpages[i]], SWAP_MAP_BAD);
		nbad++;
	}
	KTEST_EXPECT_EQ(t, si->swap_map[0], SWAP_MAP_BAD);
	KTEST_EXPECT_EQ(t, si->pages, si->max - 1 - nbad);
	KTEST_EXPECT_EQ(t, strncmp(si->name, "/dev/", 5), 0);
	KTEST_EXPECT_STREQ(t, si->name + 5, si->bdev->name);
	KTEST_EXPECT_GE(t, total_swap_pages, (long)si->pages);
	__free_page(page);
}

/*
 * Allocate nr slots and a page for each; false if either ran out (what was
 * taken is given back).
 */
static bool take_slots(swp_entry_t *e, struct page **pages, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++) {
		e[i] = get_swap_page();
		pages[i] = alloc_page(GFP_KERNEL);
		if (!e[i].val || !pages[i]) {
			for (unsigned int j = 0; j <= i; j++) {
				if (e[j].val)
					swapcache_clear(e[j]);
				if (pages[j])
					__free_page(pages[j]);
			}
			return false;
		}
	}
	return true;
}

static void give_back(swp_entry_t *e, struct page **pages, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++) {
		swapcache_clear(e[i]);
		__free_page(pages[i]);
	}
}

/* Read every slot into a scratch page and count words off the pattern. */
static unsigned int read_back(struct ktest *t, swp_entry_t *e, unsigned int nr)
{
	struct page *scratch = alloc_page(GFP_KERNEL);
	unsigned int bad = 0;

	if (!KTEST_EXPECT_TRUE(t, scratch != NULL))
		return ~0U;
	for (unsigned int i = 0; i < nr; i++) {
		memset(page_address(scratch), 0, PAGE_SIZE);
		KTEST_EXPECT_EQ(t, swap_readpage(scratch, e[i], NULL), 0);
		bad += page_mismatches(scratch, swp_offset(e[i]));
	}
	__free_page(scratch);
	return bad;
}

static void slots_written_and_read_back(struct ktest *t)
{
	swp_entry_t e[NR_TEST_SLOTS];
	struct page *pages[NR_TEST_SLOTS];
	long free_before = nr_swap_pages;
	unsigned long out = vm_event_count(PSWPOUT), in = vm_event_count(PSWPIN);

	if (!first_area())
		KTEST_SKIP(t, "no swap area");
	KTEST_ASSERT_TRUE(t, take_slots(e, pages, NR_TEST_SLOTS));
	for (unsigned int i = 0; i < NR_TEST_SLOTS; i++) {
		KTEST_EXPECT_EQ(t, swp_type(e[i]), swp_type(e[0]));
		KTEST_EXPECT_NE(t, swap_info[swp_type(e[i])].swap_map[swp_offset(e[i])],
				SWAP_MAP_BAD);
		if (i) /* consecutive evictions, consecutive good slots */
			KTEST_EXPECT_GT(t, swp_offset(e[i]), swp_offset(e[i - 1]));
		fill_page(pages[i], swp_offset(e[i]));
		KTEST_EXPECT_EQ(t, swap_writepage(pages[i], e[i]), 0);
	}
	KTEST_EXPECT_EQ(t, read_back(t, e, NR_TEST_SLOTS), 0);
	KTEST_EXPECT_EQ(t, vm_event_count(PSWPOUT) - out, NR_TEST_SLOTS);
	KTEST_EXPECT_EQ(t, vm_event_count(PSWPIN) - in, NR_TEST_SLOTS);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_before - NR_TEST_SLOTS);
	give_back(e, pages, NR_TEST_SLOTS);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_before);
}

static void cluster_write_reads_back(struct ktest *t)
{
	swp_entry_t e[NR_CLUSTER_SLOTS];
	struct page *pages[NR_CLUSTER_SLOTS];
	long free_before = nr_swap_pages;
	unsigned long out = vm_event_count(PSWPOUT);
	struct block_device *bdev;
	unsigned long ios;

	if (!first_area())
		KTEST_SKIP(t, "no swap area");
	KTEST_ASSERT_TRUE(t, take_slots(e, pages, NR_CLUSTER_SLOTS));
	bdev = swap_info[swp_type(e[0])].bdev;
	for (unsigned int i = 0; i < NR_CLUSTER_SLOTS; i++) {
		if (!KTEST_EXPECT_EQ(t, swp_offset(e[i]), swp_offset(e[0]) + i)) {
			give_back(e, pages, NR_CLUSTER_SLOTS); /* a bad slot in the way */
			return;
		}
		fill_page(pages[i], swp_offset(e[i]));
	}
	ios = bdev->stats.ios[REQ_OP_WRITE];
	KTEST_EXPECT_EQ(t, swap_writepages(pages, e[0], NR_CLUSTER_SLOTS), 0);
	KTEST_EXPECT_EQ(t, bdev->stats.ios[REQ_OP_WRITE] - ios, 1); /* one request */
	KTEST_EXPECT_EQ(t, vm_event_count(PSWPOUT) - out, NR_CLUSTER_SLOTS);
	KTEST_EXPECT_EQ(t, read_back(t, e, NR_CLUSTER_SLOTS), 0);
	give_back(e, pages, NR_CLUSTER_SLOTS);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_before);
}

static void swapoff_refuses_busy_area_then_swapon_again(struct ktest *t)
{
	struct swap_info_struct *si = first_area();
	char path[SWAP_NAME_LEN];
	long total = total_swap_pages;
	unsigned int pages;
	swp_entry_t e;

	if (!si)
		KTEST_SKIP(t, "no swap area");
	memcpy(path, si->name, sizeof(path));
	pages = si->pages;
	e = get_swap_page();
	KTEST_ASSERT_TRUE(t, e.val != 0);
	if (swp_swap_info(e) == si) /* held by a bare cache reservation, not a page table */
		KTEST_EXPECT_EQ(t, do_swapoff(path), -EBUSY);
	swapcache_clear(e);
	KTEST_EXPECT_EQ(t, do_swapoff(path), 0);
	KTEST_EXPECT_TRUE(t, find_swap_area(path) == NULL);
	KTEST_EXPECT_EQ(t, total_swap_pages, total - pages);
	KTEST_EXPECT_EQ(t, do_swapoff(path), -EINVAL);
	KTEST_EXPECT_EQ(t, do_swapon(path, SWAP_FLAG_PREFER | 7), 0);
	KTEST_ASSERT_TRUE(t, find_swap_area(path) != NULL);
	KTEST_EXPECT_EQ(t, find_swap_area(path)->prio, 7);
	KTEST_EXPECT_EQ(t, do_swapon(path, 0), -EBUSY);
	KTEST_EXPECT_EQ(t, do_swapoff(path), 0);
	KTEST_EXPECT_EQ(t, do_swapon(path + 5, 0), 0); /* by name, default priority */
	KTEST_EXPECT_LT(t, find_swap_area(path)->prio, 0);
	KTEST_EXPECT_EQ(t, total_swap_pages, total);
	KTEST_EXPECT_EQ(t, do_swapon("/dev/sdz", 0), -ENOENT);
	KTEST_EXPECT_EQ(t, do_swapon(path, 0x1000000), -EINVAL);
}

/*
 * A disk that is not an active area: swapon must find no signature there (an
 * empty zram has no header to read).
 */
static void swapon_of_a_disk_without_signature_fails(struct ktest *t)
{
	struct block_device *bdev;
	char path[SWAP_NAME_LEN];

	for (bdev = NULL; (bdev = bdev_next(bdev));) {
		snprintf(path, sizeof(path), "/dev/%s", bdev->name);
		if (!find_swap_area(path) && bdev->nr_sects)
			break;
	}
	if (!bdev || !first_area())
		KTEST_SKIP(t, "no swap area, or no other disk");
	KTEST_EXPECT_EQ(t, do_swapon(path, 0), -EINVAL);
	KTEST_EXPECT_TRUE(t, find_swap_area(path) == NULL);
}

static void proc_swaps_lists_every_area(struct ktest *t)
{
	static char buf[1024];
	char row[64];
	static const char head[] = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n";

	struct file *f = filp_open("/proc/swaps", O_RDONLY, 0);
	loff_t pos = 0;
	ssize_t n;

	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	n = kernel_read(f, buf, sizeof(buf) - 1, &pos);
	fput(f);
	KTEST_ASSERT_TRUE(t, n > 0);
	buf[n] = '\0';
	KTEST_EXPECT_EQ(t, strncmp(buf, head, sizeof(head) - 1), 0);
	for (int type = 0; type < MAX_SWAPFILES; type++) {
		struct swap_info_struct *si = &swap_info[type];

		if (!(si->flags & SWP_USED))
			continue;
		snprintf(row, sizeof(row), "partition\t%u\t", si->pages * 4);
		KTEST_EXPECT_TRUE(t, strstr(buf, si->name) != NULL);
		KTEST_EXPECT_TRUE(t, strstr(buf, row) != NULL);
	}
}

/*
 * Linux 6.1's readahead window (__swapin_nr_pages), with page-cluster 3
 * (max 8): hits widen it, a fault without hits halves it at most, an
 * isolated fault without hits ends at 1, a neighbour of the last fault at 2.
 */
static void readahead_window_adapts_as_linux(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, __swapin_nr_pages(0, 100, 4, 8, 0), 8);   /* the first fault: 4 hits */
	KTEST_EXPECT_EQ(t, __swapin_nr_pages(100, 500, 0, 8, 8), 4); /* random: 8, 4, 2, 1 */
	KTEST_EXPECT_EQ(t, __swapin_nr_pages(500, 900, 0, 8, 4), 2);
	KTEST_EXPECT_EQ(t, __swapin_nr_pages(900, 300, 0, 8, 2), 1);
	KTEST_EXPECT_EQ(t, __swapin_nr_pages(300, 700, 0, 8, 1), 1);
	KTEST_EXPECT_EQ(t, __swapin_nr_pages(700, 701, 0, 8, 1), 2); /* the next slot */
	KTEST_EXPECT_EQ(t, __swapin_nr_pages(701, 700, 0, 8, 1), 2); /* the previous one */
	KTEST_EXPECT_EQ(t, __swapin_nr_pages(5, 90, 1, 8, 1), 4);    /* one or two hits: 4 */
	KTEST_EXPECT_EQ(t, __swapin_nr_pages(5, 90, 2, 8, 1), 4);
	KTEST_EXPECT_EQ(t, __swapin_nr_pages(5, 90, 3, 8, 1), 8);   /* three or more: 8 */
	KTEST_EXPECT_EQ(t, __swapin_nr_pages(5, 90, 63, 8, 1), 8);  /* capped by page-cluster */
	KTEST_EXPECT_EQ(t, __swapin_nr_pages(5, 90, 7, 32, 1), 16); /* page-cluster 5: up to 32 */
}

/*
 * A page whose swap write is in flight counts in /proc/meminfo's Writeback
 * (global_writeback_pages) until the disk interrupt ends it. Interrupts are
 * off between the submission and the look, so the write cannot end first.
 */
static void swap_write_in_flight_counts_as_writeback(struct ktest *t)
{
	struct swap_iocb plug = { .nr = 0 };
	unsigned long before = global_writeback_pages(), during, flags;
	struct page *page;
	swp_entry_t e;

	if (!first_area())
		KTEST_SKIP(t, "no swap area");
	KTEST_ASSERT_TRUE(t, take_slots(&e, &page, 1));
	fill_page(page, swp_offset(e));
	page->private = e.val; /* the slot __swap_writepage writes */
	KTEST_ASSERT_TRUE(t, trylock_page(page));
	flags = local_irq_save();
	__swap_writepage(page, &plug);
	swap_write_unplug(&plug);
	during = global_writeback_pages();
	local_irq_restore(flags);
	wait_on_page_locked(page); /* the write's end unlocks it */
	KTEST_EXPECT_EQ(t, during, before + 1);
	KTEST_EXPECT_EQ(t, global_writeback_pages(), before);
	KTEST_EXPECT_FALSE(t, PageWriteback(page));
	page->private = 0;
	KTEST_EXPECT_EQ(t, read_back(t, &e, 1), 0);
	give_back(&e, &page, 1);
}

static struct ktest_case swap_cases[] = { KTEST_CASE(area_matches_its_header_on_disk),
					  KTEST_CASE(slots_written_and_read_back),
					  KTEST_CASE(cluster_write_reads_back),
					  KTEST_CASE(swapoff_refuses_busy_area_then_swapon_again),
					  KTEST_CASE(swapon_of_a_disk_without_signature_fails),
					  KTEST_CASE(proc_swaps_lists_every_area),
					  KTEST_CASE(readahead_window_adapts_as_linux),
					  KTEST_CASE(swap_write_in_flight_counts_as_writeback),
					  {} };
KTEST_SUITE(swap, swap_cases);

/*
 * Under blkdebug, writes to sector 800 (slot 100) fail: write slots
 * 98..102 one by one; only slot 100 fails, is logged and is retired when
 * released; SwapTotal drops by one page.
 */
static void failed_write_retires_only_that_slot(struct ktest *t)
{
	swp_entry_t e[103];
	struct page *page = alloc_page(GFP_KERNEL);
	long total = total_swap_pages;
	unsigned int n = 0;

	KTEST_ASSERT_TRUE(t, page != NULL && first_area() != NULL);
	while (n < 103) { /* slots 1..102 on a fresh area */
		e[n] = get_swap_page();
		if (!KTEST_EXPECT_TRUE(t, e[n].val != 0))
			break;
		n++;
	}
	KTEST_ASSERT_EQ(t, n, 103);
	KTEST_EXPECT_EQ(t, swp_offset(e[99]), 100);
	for (unsigned int i = 97; i < 102; i++) {
		fill_page(page, swp_offset(e[i]));
		KTEST_EXPECT_EQ(t, swap_writepage(page, e[i]), swp_offset(e[i]) == 100 ? -EIO : 0);
	}
	for (unsigned int i = 0; i < n; i++)
		swapcache_clear(e[i]);
	KTEST_EXPECT_EQ(t, swap_info[swp_type(e[99])].swap_map[100], SWAP_MAP_BAD);
	KTEST_EXPECT_EQ(t, swap_info[swp_type(e[98])].swap_map[99], 0);
	KTEST_EXPECT_EQ(t, total_swap_pages, total - 1);
	__free_page(page);
}

static struct ktest_case swap_error_cases[] = { KTEST_CASE(failed_write_retires_only_that_slot),
						{} };
KTEST_SUITE_EXPLICIT(swap_error, swap_error_cases);

/* ---- swap_bench (explicit): raw slot I/O throughput, for the report ---- */

#define BENCH_PAGES 1024 /* 4 MiB */
#define BENCH_BATCH 32	 /* pages per swap_writepages call, as a reclaim batch */

/* KiB/s for BENCH_PAGES pages in ns nanoseconds, printed as MiB/s with one decimal. */
static void report_rate(const char *what, u64 ns)
{
	u64 kib_per_s = ns ? (u64)BENCH_PAGES * 4 * 1000000000ULL / ns : 0;
	unsigned long tenths = (unsigned long)(kib_per_s * 10 / 1024);

	pr_info("swap_bench: %s: %lu.%lu MiB/s\n", what, tenths / 10, tenths % 10);
}

static void swap_io_throughput(struct ktest *t)
{
	static swp_entry_t e[BENCH_PAGES];
	static struct page *pages[BENCH_PAGES];
	u64 start;
	unsigned int i;

	if (!first_area())
		KTEST_SKIP(t, "no swap area");
	KTEST_ASSERT_TRUE(t, take_slots(e, pages, BENCH_PAGES));
	for (i = 0; i < BENCH_PAGES; i++)
		fill_page(pages[i], swp_offset(e[i]));
	start = local_clock();
	for (i = 0; i < BENCH_PAGES; i++)
		KTEST_EXPECT_EQ(t, swap_writepage(pages[i], e[i]), 0);
	report_rate("swap_writepage, one page per request", local_clock() - start);
	start = local_clock();
	for (i = 0; i < BENCH_PAGES; i += BENCH_BATCH)
		KTEST_EXPECT_EQ(t, swap_writepages(&pages[i], e[i], BENCH_BATCH), 0);
	report_rate("swap_writepages, 32 pages per call", local_clock() - start);
	start = local_clock();
	for (i = 0; i < BENCH_PAGES; i++)
		KTEST_EXPECT_EQ(t, swap_readpage(pages[i], e[i], NULL), 0);
	report_rate("swap_readpage, one page per request", local_clock() - start);
	for (i = 0; i < BENCH_PAGES; i++)
		KTEST_EXPECT_EQ(t, page_mismatches(pages[i], swp_offset(e[i])), 0);
	give_back(e, pages, BENCH_PAGES);
}

static struct ktest_case swap_bench_cases[] = { KTEST_CASE(swap_io_throughput), {} };
KTEST_SUITE_EXPLICIT(swap_bench, swap_bench_cases);
