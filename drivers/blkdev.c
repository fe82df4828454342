/*
 * The block layer, reduced to what swap and the page cache need: a
 * registry of disks by name, asynchronous whole-page requests (struct
 * bio), and synchronous ones.
 *
 *   submit_bio(bio)                           bdev_read_page / bdev_write_page /
 *     | bounds check, bi_start                bdev_rw_pages   (the caller sleeps)
 *     v                                         | bounds check, runs of max_pages
 *   bdev->ops->submit_bio: queued, returns      v
 *     | (the ATA driver: one DMA command,     bdev->ops->rw_pages
 *     |  started now or when the disk is        | 0 or -EIO
 *     |  free)                                  v
 *     v  ... the disk interrupt               disk_stats (blk_account_io_done)
 *   bio_endio(bio): disk_stats, then bi_end_io(bio)
 *
 * pgpgin/pgpgout count sectors at submission (submit_bio, submit_run).
 * A failure logs Linux's "end_request: I/O error, dev sda, sector N".
 * A driver without submit_bio gets the bio run through rw_pages at once.
 * Linux turns bios into requests, merges and plugs them and passes them
 * through an I/O scheduler to blk-mq's queues; here the driver keeps one
 * FIFO queue of bios and the callers build large bios themselves (swap
 * readahead and swap-out put consecutive slots in one bio). Names follow
 * the sd driver: disks are sda, sdb ... in the order they are found,
 * major 8, minor 16 per disk.
 */
#include "drivers/blkdev.h"
#include "fs/proc/internal.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "kernel/time.h"
#include "kernel/sched.h"
#include "kernel/x86.h"
#include "mm/gfp.h"
#include "mm/layout.h"
#include "mm/slab.h"
#include "mm/vmstat.h"

#define SD_MINORS 16 /* minors per sd disk (the disk and 15 partitions) */

static LIST_HEAD(all_bdevs);
static unsigned int nr_bdevs;

void string_get_size(u64 size, bool units_2, char *buf, size_t len)
{
	static const char *const units_10[] = { "B", "kB", "MB", "GB", "TB", "PB", "EB" };
	static const char *const units_2s[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	static const unsigned int rounding[] = { 500, 50, 5 };
	unsigned int divisor = units_2 ? 1024 : 1000;
	unsigned int i = 0, j, remainder = 0;
	u64 sf_cap;
	char tmp[8] = "";

	while (size >= divisor) {
		remainder = (unsigned int)(size % divisor);
		size /= divisor;
		i++;
	}
	sf_cap = size;
	for (j = 0; sf_cap * 10 < 1000; j++)
		sf_cap *= 10;
	if (units_2)
		remainder = (remainder * 1000) >> 10;
	remainder += rounding[j];
	if (remainder >= 1000) {
		remainder -= 1000;
		size += 1;
	}
	if (j) {
		snprintf(tmp, sizeof(tmp), ".%03u", remainder);
		tmp[j + 1] = '\0';
	}
	snprintf(buf, len, "%u%s %s", (unsigned int)size, tmp, units_2 ? units_2s[i] : units_10[i]);
}

void device_add_disk(struct block_device *bdev)
{
	bdev->logical_block_size = SECTOR_SIZE;
	memset(&bdev->stats, 0, sizeof(bdev->stats));
	list_add_tail(&bdev->list, &all_bdevs);
}

int add_disk(struct block_device *bdev, const char *scsi_id)
{
	char size10[16], size2[16];

	if (nr_bdevs == 26)
		return -ENOSPC;
	snprintf(bdev->name, sizeof(bdev->name), "sd%c", 'a' + nr_bdevs);
	bdev->major = SCSI_DISK0_MAJOR;
	bdev->minor = nr_bdevs * SD_MINORS;
	device_add_disk(bdev);
	nr_bdevs++;
	string_get_size(bdev->nr_sects << SECTOR_SHIFT, false, size10, sizeof(size10));
	string_get_size(bdev->nr_sects << SECTOR_SHIFT, true, size2, sizeof(size2));
	pr_notice("sd %s: [%s] %llu 512-byte logical blocks: (%s/%s)\n", scsi_id, bdev->name,
		  (unsigned long long)bdev->nr_sects, size10, size2);
	return 0;
}

struct block_device *blkdev_get_by_name(const char *name)
{
	struct block_device *bdev;

	list_for_each_entry(bdev, &all_bdevs, list)
		if (!strcmp(bdev->name, name))
			return bdev;
	return NULL;
}

struct block_device *bdev_next(struct block_device *prev)
{
	struct list_head *next = prev ? prev->list.next : all_bdevs.next;

	return next == &all_bdevs ? NULL : list_entry(next, struct block_device, list);
}

/* Count a finished request in disk_stats (Linux's blk_account_io_done); log a failure. */
static void blk_account_io_done(struct block_device *bdev, enum req_op op, sector_t sector,
				unsigned int nr, unsigned long start, int err)
{
	bdev->stats.ticks[op] += (jiffies - start) * (1000 / HZ);
	if (err) {
		bdev->stats.errors[op]++;
		pr_err("end_request: I/O error, dev %s, sector %llu\n", bdev->name,
		       (unsigned long long)sector);
		return;
	}
	bdev->stats.ios[op]++;
	bdev->stats.sectors[op] += (unsigned long)nr * PAGE_SECTORS;
}

/* One driver request of nr <= max_pages pages, counted in disk_stats. */
static int submit_run(struct block_device *bdev, enum req_op op, sector_t sector,
		      struct page **pages, unsigned int nr, unsigned int flags)
{
	unsigned long start = jiffies;
	int err;

	/* Linux's submit_bio: pgpgin/pgpgout count sectors when submitted, failed or not. */
	count_vm_events(op == REQ_OP_READ ? PGPGIN : PGPGOUT, (unsigned long)nr * PAGE_SECTORS);
	err = bdev->ops->rw_pages(bdev, sector, pages, nr, op, flags);
	blk_account_io_done(bdev, op, sector, nr, start, err);
	return err;
}

int bdev_rw_pages(struct block_device *bdev, enum req_op op, sector_t sector, struct page **pages,
		  unsigned int nr, unsigned int flags)
{
	if (!nr || sector >= bdev->nr_sects || (u64)nr * PAGE_SECTORS > bdev->nr_sects - sector)
		return -EINVAL;
	while (nr) {
		unsigned int run = min(nr, bdev->max_pages);
		int err = submit_run(bdev, op, sector, pages, run, flags);

		if (err)
			return err;
		sector += (sector_t)run * PAGE_SECTORS;
		pages += run;
		nr -= run;
	}
	return 0;
}

int bdev_read_page(struct block_device *bdev, sector_t sector, struct page *page)
{
	return bdev_rw_pages(bdev, REQ_OP_READ, sector, &page, 1, 0);
}

int bdev_write_page(struct block_device *bdev, sector_t sector, struct page *page)
{
	return bdev_rw_pages(bdev, REQ_OP_WRITE, sector, &page, 1, 0);
}

/*
 * /proc/diskstats (Linux 6.1's diskstats_show): one line per disk, the
 * 20 counters after the name in Linux's order. Requests are neither
 * merged nor queued here, so merges and in-flight are 0, io_ticks and
 * time_in_queue are the read and write times; no discards or flushes.
 */
int diskstats_show(struct seq_file *m, struct task_struct *task)
{
	struct block_device *b;

	(void)task;
	for (b = NULL; (b = bdev_next(b));) {
		const struct disk_stats *s = &b->stats;
		unsigned int busy = (unsigned int)(s->ticks[REQ_OP_READ] + s->ticks[REQ_OP_WRITE]);

		seq_printf(
		    m, "%4u %7u %s %lu %lu %lu %u %lu %lu %lu %u %u %u %u %lu %lu %lu %u %lu %u\n",
		    b->major, b->minor, b->name, s->ios[REQ_OP_READ], 0ul, s->sectors[REQ_OP_READ],
		    (unsigned int)s->ticks[REQ_OP_READ], s->ios[REQ_OP_WRITE], 0ul,
		    s->sectors[REQ_OP_WRITE], (unsigned int)s->ticks[REQ_OP_WRITE], 0u, busy, busy,
		    0ul, 0ul, 0ul, 0u, 0ul, 0u);
	}
	return 0;
}

/* ---- bios ---------------------------------------------------------------- */

static struct kmem_cache *bio_cachep;

void blkdev_init(void)
{
	bio_cachep = kmem_cache_create("bio", sizeof(struct bio), 0, 0, NULL);
	if (!bio_cachep)
		panic("blkdev_init: cannot create the bio cache");
}

struct bio *bio_alloc(struct block_device *bdev, unsigned int nr_vecs, enum req_op op,
		      unsigned int gfp)
{
	struct bio *bio =
	    bio_cachep && nr_vecs <= BIO_MAX_VECS ? kmem_cache_alloc(bio_cachep, gfp) : NULL;

	if (!bio)
		return NULL;
	memset(bio, 0, sizeof(*bio));
	bio->bi_bdev = bdev;
	bio->bi_op = op;
	INIT_LIST_HEAD(&bio->bi_list);
	return bio;
}

int bio_add_page(struct bio *bio, struct page *page)
{
	if (bio->bi_vcnt >= BIO_MAX_VECS || bio->bi_vcnt >= bio->bi_bdev->max_pages)
		return 0;
	bio->bi_io_vec[bio->bi_vcnt++] = page;
	return PAGE_SIZE;
}

void bio_put(struct bio *bio)
{
	kmem_cache_free(bio_cachep, bio);
}

void bio_endio(struct bio *bio)
{
	unsigned long flags = local_irq_save();

	blk_account_io_done(bio->bi_bdev, bio->bi_op, bio->bi_sector, bio->bi_vcnt, bio->bi_start,
			    bio->bi_status);
	bio->bi_end_io(bio);
	local_irq_restore(flags);
}

void submit_bio(struct bio *bio)
{
	struct block_device *bdev = bio->bi_bdev;
	u64 sectors = (u64)bio->bi_vcnt * PAGE_SECTORS;

	bio->bi_start = jiffies;
	/* Linux's submit_bio: counted when submitted, whether or not it succeeds. */
	count_vm_events(bio->bi_op == REQ_OP_READ ? PGPGIN : PGPGOUT, (unsigned long)sectors);
	if (!bio->bi_vcnt || bio->bi_vcnt > bdev->max_pages || bio->bi_sector >= bdev->nr_sects ||
	    sectors > bdev->nr_sects - bio->bi_sector) {
		bio->bi_status = -EINVAL;
		bio_endio(bio);
	} else if (bdev->ops->submit_bio) {
		bdev->ops->submit_bio(bio);
	} else {
		bio->bi_status = bdev->ops->rw_pages(bdev, bio->bi_sector, bio->bi_io_vec,
						     bio->bi_vcnt, bio->bi_op, bio->bi_flags);
		bio_endio(bio);
	}
}

struct bio_wait {
	wait_queue_head_t wq;
	volatile bool done;
};

static void submit_bio_wait_endio(struct bio *bio)
{
	struct bio_wait *w = bio->bi_private;

	w->done = true;
	wake_up(&w->wq);
}

int submit_bio_wait(struct bio *bio)
{
	struct bio_wait w = { .done = false };

	init_waitqueue_head(&w.wq);
	bio->bi_private = &w;
	bio->bi_end_io = submit_bio_wait_endio;
	submit_bio(bio);
	io_wait_event(w.wq, w.done);
	return bio->bi_status;
}
