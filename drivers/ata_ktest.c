/*
 * In-kernel tests of the ATA driver through the block layer (the suites
 * that need no disk, pci and blkdev, are in drivers/blkdev_ktest.c).
 *
 *   ata_disk   reads and writes on sda: DMA and PIO, single pages, vectored
 *              runs longer than one command, LBA48 above sector 2^28 when the
 *              disk is big enough, counters, bounds, a channel reset.
 *              Needs a disk prepared by tests/system/test_ata.py (the host
 *              pattern below in the read regions); skipped otherwise, so
 *              ktest=all never writes to a disk it does not know.
 *   ata_timeout (explicit: it waits out the 5 s timeout) with IRQ 14 masked
 *              at the PIC the device's interrupt never arrives: the request
 *              times out, the channel is reset, -EIO; unmasked, I/O works.
 *   ata_error  (explicit: ktest=ata_error) on a disk whose sectors
 *              ERR_READ_SECTOR and ERR_WRITE_SECTOR fail through QEMU's
 *              blkdebug: -EIO for both, with DMA and PIO, and the sectors
 *              around still work.
 *   ata_bench  (explicit) DMA and PIO throughput, logged.
 *
 * The patterns are the same function in test_ata.py: the host fills the
 * read regions with HOST_SEED before boot and checks the write regions
 * for KERNEL_SEED after QEMU exits.
 */
#include "drivers/ata.h"
#include "drivers/blkdev.h"
#include "drivers/pic.h"
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "kernel/lib/string.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "mm/gfp.h"
#include "user/lib/pattern.h" /* hash32, the mixer the user-space checkers use */

#define HOST_SEED 0x7e57da7au
#define KERNEL_SEED 0x6b65726eu
#define LBA28_LIMIT (1ULL << 28)
#define MAX_TEST_PAGES 40
#define ERR_READ_SECTOR 20000 /* test_ata.py's blkdebug rules */
#define ERR_WRITE_SECTOR 30000

static u32 disk_pattern(u32 seed, u64 sector, u32 word)
{
	return hash32(seed ^ (u32)sector * 0x9e3779b1u ^ (u32)(sector >> 32) * 0x85ebca6bu ^
		      word * 0xc2b2ae35u);
}

struct region {
	u64 sector;
	unsigned int pages;
};

/* Read regions (host pattern); 0-sized entries are left out for small disks. */
static unsigned int read_regions(const struct block_device *b, struct region *r)
{
	unsigned int n = 0;

	r[n++] = (struct region){ 0, 8 };
	r[n++] = (struct region){ 1001, MAX_TEST_PAGES };
	if (b->nr_sects > LBA28_LIMIT + 4096)
		r[n++] = (struct region){ LBA28_LIMIT - 16, 8 };
	r[n++] = (struct region){ b->nr_sects - 64, 8 };
	return n;
}

/* Write regions, each with the flags it is written with (0: DMA). */
static unsigned int write_regions(const struct block_device *b, struct region *r,
				  unsigned int *flags)
{
	unsigned int n = 0;

	flags[n] = 0, r[n++] = (struct region){ 4096, MAX_TEST_PAGES };
	flags[n] = REQ_PIO, r[n++] = (struct region){ 8192, 4 };
	if (b->nr_sects > LBA28_LIMIT + 4096) {
		flags[n] = 0, r[n++] = (struct region){ LBA28_LIMIT + 512, 4 };
		flags[n] = REQ_PIO, r[n++] = (struct region){ LBA28_LIMIT + 1024, 2 };
	}
	flags[n] = 0, r[n++] = (struct region){ b->nr_sects - 256, 16 };
	return n;
}

static struct page *pages[MAX_TEST_PAGES];

static bool get_pages(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		if (!pages[i]) {
			while (i--)
				__free_page(pages[i]);
			return false;
		}
		memset(page_address(pages[i]), 0x5a, PAGE_SIZE);
	}
	return true;
}

static void put_pages(unsigned int n)
{
	while (n--)
		__free_page(pages[n]);
}

static void fill(u32 seed, u64 sector, unsigned int n)
{
	unsigned int i, w;

	for (i = 0; i < n * PAGE_SECTORS; i++) {
		u32 *p = (u32 *)((char *)page_address(pages[i / PAGE_SECTORS]) +
				 (i % PAGE_SECTORS) * SECTOR_SIZE);

		for (w = 0; w < SECTOR_SIZE / 4; w++)
			p[w] = disk_pattern(seed, sector + i, w);
	}
}

/* The first sector of pg[0..n) whose words differ from the pattern, or -1. */
static long long verify_pages(struct page **pg, u32 seed, u64 sector, unsigned int n)
{
	unsigned int i, w;

	for (i = 0; i < n * PAGE_SECTORS; i++) {
		const u32 *p = (u32 *)((char *)page_address(pg[i / PAGE_SECTORS]) +
				       (i % PAGE_SECTORS) * SECTOR_SIZE);

		for (w = 0; w < SECTOR_SIZE / 4; w++)
			if (p[w] != disk_pattern(seed, sector + i, w))
				return (long long)(sector + i);
	}
	return -1;
}

static long long verify(u32 seed, u64 sector, unsigned int n)
{
	return verify_pages(pages, seed, sector, n);
}

/* sda, if it carries the host pattern in sector 0; else NULL (skip). */
static struct block_device *test_disk(struct ktest *t)
{
	struct block_device *b = blkdev_get_by_name("sda");
	bool marked = false;

	if (!b || !get_pages(1))
		return NULL;
	if (!bdev_read_page(b, 0, pages[0]))
		marked = verify(HOST_SEED, 0, 1) == -1;
	put_pages(1);
	(void)t;
	return marked ? b : NULL;
}

#define NEED_DISK(t, b)                                                                            \
	do {                                                                                       \
		b = test_disk(t);                                                                  \
		if (!b)                                                                            \
			KTEST_SKIP(t, "no sda with the host pattern (test_ata.py makes one)");     \
	} while (0)

/* Read every read region with flags, in runs of n pages, and check the host pattern. */
static void read_regions_with(struct ktest *t, unsigned int flags)
{
	struct block_device *b;
	struct region r[4];
	unsigned int i, n;

	NEED_DISK(t, b);
	n = read_regions(b, r);
	KTEST_ASSERT_TRUE(t, get_pages(MAX_TEST_PAGES));
	for (i = 0; i < n; i++) {
		memset(page_address(pages[0]), 0, PAGE_SIZE);
		KTEST_EXPECT_EQ(
		    t, bdev_rw_pages(b, REQ_OP_READ, r[i].sector, pages, r[i].pages, flags), 0);
		KTEST_EXPECT_EQ(t, verify(HOST_SEED, r[i].sector, r[i].pages), -1);
	}
	put_pages(MAX_TEST_PAGES);
}

static void dma_reads_host_pattern(struct ktest *t)
{
	read_regions_with(t, 0);
}

static void pio_reads_host_pattern(struct ktest *t)
{
	read_regions_with(t, REQ_PIO);
}

/*
 * Write every write region (DMA or PIO as listed), read it back the other
 * way, check. The host checks the same regions after QEMU exits.
 */
static void writes_read_back_both_ways(struct ktest *t)
{
	struct block_device *b;
	struct region r[5];
	unsigned int flags[5], i, n;

	NEED_DISK(t, b);
	n = write_regions(b, r, flags);
	KTEST_ASSERT_TRUE(t, get_pages(MAX_TEST_PAGES));
	for (i = 0; i < n; i++) {
		fill(KERNEL_SEED, r[i].sector, r[i].pages);
		KTEST_EXPECT_EQ(
		    t, bdev_rw_pages(b, REQ_OP_WRITE, r[i].sector, pages, r[i].pages, flags[i]), 0);
		memset(page_address(pages[r[i].pages - 1]), 0, PAGE_SIZE);
		KTEST_EXPECT_EQ(t,
				bdev_rw_pages(b, REQ_OP_READ, r[i].sector, pages, r[i].pages,
					      flags[i] ^ REQ_PIO),
				0);
		KTEST_EXPECT_EQ(t, verify(KERNEL_SEED, r[i].sector, r[i].pages), -1);
	}
	put_pages(MAX_TEST_PAGES);
}

/* bdev_read_page/bdev_write_page at a sector that is not page aligned. */
static void single_page_api_unaligned(struct ktest *t)
{
	struct block_device *b;
	const u64 s = 12345; /* test_ata.py checks it holds KERNEL_SEED too */

	NEED_DISK(t, b);
	KTEST_ASSERT_TRUE(t, get_pages(1));
	fill(KERNEL_SEED, s, 1);
	KTEST_EXPECT_EQ(t, bdev_write_page(b, s, pages[0]), 0);
	memset(page_address(pages[0]), 0, PAGE_SIZE);
	KTEST_EXPECT_EQ(t, bdev_read_page(b, s, pages[0]), 0);
	KTEST_EXPECT_EQ(t, verify(KERNEL_SEED, s, 1), -1);
	put_pages(1);
}

static void counters_and_bounds(struct ktest *t)
{
	struct block_device *b;
	struct disk_stats before;

	NEED_DISK(t, b);
	KTEST_ASSERT_TRUE(t, get_pages(MAX_TEST_PAGES));
	before = b->stats;
	/* 40 pages: two requests for the driver (32 + 8 pages), 320 sectors. */
	KTEST_EXPECT_EQ(t, bdev_rw_pages(b, REQ_OP_READ, 1001, pages, MAX_TEST_PAGES, 0), 0);
	KTEST_EXPECT_EQ(t, b->stats.ios[REQ_OP_READ] - before.ios[REQ_OP_READ], 2);
	KTEST_EXPECT_EQ(t, b->stats.sectors[REQ_OP_READ] - before.sectors[REQ_OP_READ], 320);
	KTEST_EXPECT_EQ(t, b->stats.ios[REQ_OP_WRITE], before.ios[REQ_OP_WRITE]);
	before = b->stats;
	KTEST_EXPECT_EQ(t, bdev_read_page(b, b->nr_sects - 4, pages[0]), -EINVAL);
	KTEST_EXPECT_EQ(t, bdev_read_page(b, b->nr_sects, pages[0]), -EINVAL);
	KTEST_EXPECT_EQ(t, bdev_rw_pages(b, REQ_OP_READ, 0, pages, 0, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, b->stats.ios[REQ_OP_READ], before.ios[REQ_OP_READ]);
	KTEST_EXPECT_EQ(t, b->stats.errors[REQ_OP_READ], before.errors[REQ_OP_READ]);
	put_pages(MAX_TEST_PAGES);
}

/* The reset a timeout triggers leaves the channel working. */
static void channel_reset_then_io(struct ktest *t)
{
	struct block_device *b;
	struct ata_device *dev;

	NEED_DISK(t, b);
	dev = b->private_data;
	KTEST_EXPECT_EQ(t, ata_bus_softreset(dev->ap), 0);
	KTEST_ASSERT_TRUE(t, get_pages(1));
	KTEST_EXPECT_EQ(t, bdev_read_page(b, 0, pages[0]), 0);
	KTEST_EXPECT_EQ(t, verify(HOST_SEED, 0, 1), -1);
	KTEST_EXPECT_EQ(t, bdev_rw_pages(b, REQ_OP_READ, 0, pages, 1, REQ_PIO), 0);
	KTEST_EXPECT_EQ(t, verify(HOST_SEED, 0, 1), -1);
	put_pages(1);
}

/* Every DMA or PIO command raised an interrupt; none came unasked. */
static void interrupts_drive_the_commands(struct ktest *t)
{
	struct block_device *b;
	struct ata_port *ap;
	unsigned long irqs;

	NEED_DISK(t, b);
	ap = ((struct ata_device *)b->private_data)->ap;
	KTEST_ASSERT_TRUE(t, get_pages(2));
	irqs = ap->nr_irqs;
	KTEST_EXPECT_EQ(t, bdev_rw_pages(b, REQ_OP_READ, 0, pages, 2, 0), 0);
	KTEST_EXPECT_EQ(t, ap->nr_irqs - irqs, 1); /* DMA: one for the whole command */
	irqs = ap->nr_irqs;
	KTEST_EXPECT_EQ(t, bdev_rw_pages(b, REQ_OP_READ, 0, pages, 2, REQ_PIO), 0);
	KTEST_EXPECT_EQ(t, ap->nr_irqs - irqs, 16); /* PIO: one per sector */
	KTEST_EXPECT_EQ(t, ap->nr_spurious, 0);
	put_pages(2);
}

static volatile bool spinner_stop, spinner_done;
static volatile unsigned long spinner_count;

static int io_spinner(void *arg)
{
	(void)arg;
	while (!spinner_stop) {
		spinner_count++;
		yield();
	}
	spinner_done = true;
	return 0;
}

/* While a request waits for its interrupt the caller sleeps and others run. */
static void other_tasks_run_during_io(struct ktest *t)
{
	struct block_device *b;
	unsigned long during_dma = 0, during_pio = 0, c, start;
	int i;

	NEED_DISK(t, b);
	KTEST_ASSERT_TRUE(t, get_pages(ATA_MAX_PAGES));
	spinner_stop = spinner_done = false;
	KTEST_ASSERT_TRUE(t, kthread_run(io_spinner, NULL, "ktest-io-spin") != NULL);
	start = jiffies;
	for (i = 0; i < 10; i++) {
		c = spinner_count;
		KTEST_EXPECT_EQ(t, bdev_rw_pages(b, REQ_OP_READ, 1001, pages, ATA_MAX_PAGES, 0), 0);
		during_dma += spinner_count - c;
		c = spinner_count;
		KTEST_EXPECT_EQ(t, bdev_rw_pages(b, REQ_OP_READ, 0, pages, 1, REQ_PIO), 0);
		during_pio += spinner_count - c;
	}
	/* a lost wakeup shows as a request that waits out ATA_TMOUT_SECONDS */
	KTEST_EXPECT_LT(t, jiffies - start, 2 * HZ);
	spinner_stop = true;
	while (!spinner_done)
		schedule_timeout_interruptible(1);
	/*
	 * PIO waits 8 times per page, so the spinner must have run; a DMA
	 * request may finish before its caller gets to sleep (the host does
	 * the copy in another thread), so its count is only logged.
	 */
	pr_info("ata_ktest: spinner ran %lu times during 10 DMA and %lu during 10 PIO reads\n",
		during_dma, during_pio);
	KTEST_EXPECT_GT(t, during_pio, 10);
	put_pages(ATA_MAX_PAGES);
}

static struct page *reader_pages[8];
static volatile int reader_errors, reader_done;

/* Read the second read region 20 times, DMA and PIO in turn, checking every time. */
static int region_reader(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 20; i++) {
		if (bdev_rw_pages(blkdev_get_by_name("sda"), REQ_OP_READ, 1001, reader_pages, 8,
				  i % 2 ? REQ_PIO : 0) ||
		    verify_pages(reader_pages, HOST_SEED, 1001, 8) != -1)
			reader_errors++;
	}
	reader_done = 1;
	return 0;
}

/* Two tasks on one channel: the port lock serialises them, the data stays right. */
static void two_tasks_share_the_channel(struct ktest *t)
{
	struct block_device *b;
	int i, errors = 0;

	NEED_DISK(t, b);
	KTEST_ASSERT_TRUE(t, get_pages(8));
	for (i = 0; i < 8; i++) {
		reader_pages[i] = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_TRUE(t, reader_pages[i] != NULL);
	}
	reader_errors = reader_done = 0;
	KTEST_ASSERT_TRUE(t, kthread_run(region_reader, NULL, "ktest-reader") != NULL);
	for (i = 0; i < 20; i++) {
		if (bdev_rw_pages(b, REQ_OP_READ, 0, pages, 8, i % 2 ? 0 : REQ_PIO) ||
		    verify(HOST_SEED, 0, 8) != -1)
			errors++;
	}
	while (!reader_done)
		schedule_timeout_interruptible(1);
	KTEST_EXPECT_EQ(t, errors, 0);
	KTEST_EXPECT_EQ(t, reader_errors, 0);
	for (i = 0; i < 8; i++)
		__free_page(reader_pages[i]);
	put_pages(8);
}

static struct ktest_case ata_disk_cases[] = {
	KTEST_CASE(dma_reads_host_pattern),	KTEST_CASE(pio_reads_host_pattern),
	KTEST_CASE(writes_read_back_both_ways), KTEST_CASE(single_page_api_unaligned),
	KTEST_CASE(counters_and_bounds),	KTEST_CASE(interrupts_drive_the_commands),
	KTEST_CASE(other_tasks_run_during_io),	KTEST_CASE(two_tasks_share_the_channel),
	KTEST_CASE(channel_reset_then_io),	{},
};
KTEST_SUITE(ata_disk, ata_disk_cases);

/* Both transfer kinds fail with -EIO on the injected sectors and work next to them. */
static void injected_errors_are_eio(struct ktest *t)
{
	struct block_device *b = blkdev_get_by_name("sda");
	static const unsigned int kinds[] = { 0, REQ_PIO };
	unsigned int k;

	KTEST_ASSERT_TRUE(t, b != NULL);
	KTEST_ASSERT_TRUE(t, get_pages(2));
	for (k = 0; k < ARRAY_SIZE(kinds); k++) {
		unsigned long rerr = b->stats.errors[REQ_OP_READ];
		unsigned long werr = b->stats.errors[REQ_OP_WRITE];

		KTEST_EXPECT_EQ(
		    t, bdev_rw_pages(b, REQ_OP_READ, ERR_READ_SECTOR - 4, pages, 2, kinds[k]),
		    -EIO);
		KTEST_EXPECT_EQ(t, b->stats.errors[REQ_OP_READ] - rerr, 1);
		fill(KERNEL_SEED, ERR_WRITE_SECTOR, 1);
		KTEST_EXPECT_EQ(
		    t, bdev_rw_pages(b, REQ_OP_WRITE, ERR_WRITE_SECTOR, pages, 1, kinds[k]), -EIO);
		KTEST_EXPECT_EQ(t, b->stats.errors[REQ_OP_WRITE] - werr, 1);
		/* the neighbours still work, both ways */
		KTEST_EXPECT_EQ(
		    t, bdev_rw_pages(b, REQ_OP_READ, ERR_READ_SECTOR + 8, pages, 2, kinds[k]), 0);
		KTEST_EXPECT_EQ(
		    t, bdev_rw_pages(b, REQ_OP_WRITE, ERR_WRITE_SECTOR + 8, pages, 1, kinds[k]), 0);
		KTEST_EXPECT_EQ(
		    t, bdev_rw_pages(b, REQ_OP_READ, ERR_WRITE_SECTOR, pages, 1, kinds[k]), 0);
	}
	put_pages(2);
}

static struct ktest_case ata_error_cases[] = {
	KTEST_CASE(injected_errors_are_eio),
	{},
};
KTEST_SUITE_EXPLICIT(ata_error, ata_error_cases);

/*
 * Throughput of DMA and PIO, reads and writes, in requests of
 * ATA_MAX_PAGES pages from sector 65536 on: "ata_bench: dma read 8192 KiB
 * in 61 ms: 134295 KiB/s". Explicit (ktest=ata_bench): it overwrites
 * 8 MiB of sda; test_ata.py gives it a scratch disk of its own.
 */
static void bench_one(struct ktest *t, struct block_device *b, enum req_op op, unsigned int flags,
		      unsigned int kib)
{
	unsigned int i, n = kib / (ATA_MAX_PAGES * 4);
	u64 start = local_clock(), ns;

	for (i = 0; i < n; i++)
		KTEST_EXPECT_EQ(t,
				bdev_rw_pages(b, op, 65536 + (u64)i * ATA_MAX_SECTORS, pages,
					      ATA_MAX_PAGES, flags),
				0);
	ns = local_clock() - start;
	pr_info("ata_bench: %s %s %u KiB in %llu ms: %llu KiB/s\n", flags & REQ_PIO ? "pio" : "dma",
		op == REQ_OP_READ ? "read" : "write", kib, ns / 1000000,
		(u64)kib * 1000000000ULL / (ns ? ns : 1));
}

static void dma_and_pio_throughput(struct ktest *t)
{
	struct block_device *b = blkdev_get_by_name("sda");

	KTEST_ASSERT_TRUE(t, b != NULL);
	KTEST_ASSERT_TRUE(t, b->nr_sects >= 65536 + 8192 * 2);
	KTEST_ASSERT_TRUE(t, get_pages(ATA_MAX_PAGES));
	fill(KERNEL_SEED, 0, ATA_MAX_PAGES);
	bench_one(t, b, REQ_OP_WRITE, 0, 8192);
	bench_one(t, b, REQ_OP_READ, 0, 8192);
	bench_one(t, b, REQ_OP_WRITE, REQ_PIO, 1024);
	bench_one(t, b, REQ_OP_READ, REQ_PIO, 1024);
	put_pages(ATA_MAX_PAGES);
}

static struct ktest_case ata_bench_cases[] = {
	KTEST_CASE(dma_and_pio_throughput),
	{},
};
KTEST_SUITE_EXPLICIT(ata_bench, ata_bench_cases);

/* The interrupt never comes: timeout, "frozen", soft reset, -EIO; then all is well. */
static void lost_interrupt_times_out_and_resets(struct ktest *t)
{
	struct block_device *b = blkdev_get_by_name("sda");
	struct ata_port *ap;
	unsigned long start;
	int i;

	KTEST_ASSERT_TRUE(t, b != NULL);
	ap = ((struct ata_device *)b->private_data)->ap;
	KTEST_ASSERT_TRUE(t, get_pages(2));
	for (i = 0; i < 2; i++) { /* DMA, then PIO */
		mask_8259A_irq(ap->irq);
		start = jiffies;
		KTEST_EXPECT_EQ(t, bdev_rw_pages(b, REQ_OP_READ, 0, pages, 2, i ? REQ_PIO : 0),
				-EIO);
		KTEST_EXPECT_GE(t, jiffies - start, ATA_TMOUT_SECONDS * HZ);
		KTEST_EXPECT_FALSE(t, ap->busy);
		unmask_8259A_irq(ap->irq);
		KTEST_EXPECT_EQ(t, bdev_rw_pages(b, REQ_OP_READ, 0, pages, 2, i ? 0 : REQ_PIO), 0);
		KTEST_EXPECT_EQ(t, b->stats.errors[REQ_OP_READ], (unsigned long)i + 1);
	}
	put_pages(2);
}

static struct ktest_case ata_timeout_cases[] = {
	KTEST_CASE(lost_interrupt_times_out_and_resets),
	{},
};
KTEST_SUITE_EXPLICIT(ata_timeout, ata_timeout_cases);
