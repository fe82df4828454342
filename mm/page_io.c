/*
 * Swap I/O (Linux's mm/page_io.c): a slot's page goes to or comes from
 * its disk through the block layer's page API (drivers/blkdev.h). A whole
 * disk is one extent: slot n is the page at sector n * 8, so slot 0 is
 * the header and is never read or written here.
 *
 * pswpout and pswpin count pages as their bios are submitted, as Linux
 * counts them (a synchronous transfer counts only when it succeeds).
 *
 * Reads are asynchronous, as Linux's: swap_readpage with a plug adds the
 * locked page to a bio of consecutive slots (a new one when the slot does
 * not follow, or the bio is full), swap_read_unplug submits it, and
 * end_swap_bio_read, from the disk interrupt, unlocks each page (PG_error
 * if the read failed). A fault waits for its own page's lock only. A failed write logs Linux's
 * "Write-error on swap-device" line and marks the slot bad (swap_mark_bad: it is retired when its
 * holders let go); the caller keeps the page in memory. A failed read logs "Read-error on
 * swap-device"; the caller decides what to kill.
 *
 * Reclaim writes through __swap_writepage and a plug (struct swap_iocb):
 * a page whose slot follows the previous one joins its request, so the
 * slots the cluster allocator handed to one reclaim batch go out as one
 * bio, and reclaim moves on while the disk writes. When the bio ends,
 * from the disk interrupt, each page ends its write as Linux's
 * end_swap_bio_write: PG_writeback cleared and the page unlocked, rotated
 * to the tail of the inactive list to be freed; on failure it is dirty
 * again, with PG_error, and no longer PG_reclaim.
 *
 * zswap sits in front (Linux's frontswap hooks): __swap_writepage offers
 * the page to zswap_store first (Linux does it in swap_writepage, which
 * calls __swap_writepage; reclaim enters at __swap_writepage here) and
 * swap_readpage asks zswap_load first. A page zswap takes or gives never
 * reaches the disk and is not counted in pswpout/pswpin (zswpout/zswpin
 * count it). swap_writepage is the synchronous disk write alone, which
 * zswap's writeback uses.
 */
#include "mm/swap.h"
#include "drivers/blkdev.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "mm/gfp.h"
#include "mm/lru.h"
#include "mm/pagemap.h"
#include "mm/swap_state.h"
#include "mm/vmstat.h"
#include "mm/zswap.h"

static struct bio *swap_bio_for(struct swap_info_struct *si, sector_t sector, struct bio *bio,
				struct bio **plug, enum req_op op, bio_end_io_t *end_io);

/* The area and first sector of entry, or NULL for an entry naming no slot. */
static struct swap_info_struct *swap_io_target(swp_entry_t entry, unsigned int nr, sector_t *sector)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	unsigned long offset = swp_offset(entry);

	if (!si || !si->bdev || offset == 0 || offset + nr > si->max)
		return NULL;
	*sector = (sector_t)offset * PAGE_SECTORS;
	return si;
}

static void swap_write_error(struct swap_info_struct *si, sector_t sector, swp_entry_t entry)
{
	printk(KERN_ALERT "Write-error on swap-device (%u:%u:%llu)\n", si->bdev->major,
	       si->bdev->minor, (unsigned long long)sector);
	swap_mark_bad(entry);
}

/*
 * Write page to the slot of entry (the caller owns the slot: it holds the
 * cache bit). Returns 0, -EINVAL for an entry that names no slot, or -EIO
 * (slot marked bad, page unchanged and still the caller's).
 */
int swap_writepage(struct page *page, swp_entry_t entry)
{
	sector_t sector;
	struct swap_info_struct *si = swap_io_target(entry, 1, &sector);
	int err;

	if (!si)
		return -EINVAL;
	err = bdev_write_page(si->bdev, sector, page);
	if (err) {
		swap_write_error(si, sector, entry);
		return -EIO;
	}
	count_vm_event(PSWPOUT);
	return 0;
}

static void swap_read_error(struct swap_info_struct *si, sector_t sector)
{
	printk(KERN_ALERT "Read-error on swap-device (%u:%u:%llu)\n", si->bdev->major,
	       si->bdev->minor, (unsigned long long)sector);
}

/* Linux's end_swap_bio_read, from the disk interrupt: each page read, or PG_error; unlocked. */
static void end_swap_bio_read(struct bio *bio)
{
	unsigned int i;

	for (i = 0; i < bio->bi_vcnt; i++) {
		struct page *page = bio->bi_io_vec[i];

		if (bio->bi_status) {
			SetPageError(page);
			swap_read_error(swp_swap_info(page_swap_entry(page)),
					bio->bi_sector + (sector_t)i * PAGE_SECTORS);
		}
		unlock_page(page);
	}
	bio_put(bio);
}

/*
 * Read the slot of entry into page. Without a plug: synchronously,
 * returning 0, -EINVAL or -EIO (logged); the page's lock is not touched.
 * With a plug: page is locked and in the swap cache; it joins *plug (a
 * bio that swap_read_unplug submits) and is unlocked when read, PG_error
 * set on failure; returns 0 (or -EINVAL, nothing queued, still locked).
 * No memory for a bio: the page is read synchronously and unlocked.
 */
int swap_readpage(struct page *page, swp_entry_t entry, struct bio **plug)
{
	sector_t sector;
	struct swap_info_struct *si = swap_io_target(entry, 1, &sector);
	struct bio *bio = plug ? *plug : NULL;

	if (!si)
		return -EINVAL;
	if (!zswap_load(page, entry)) { /* zswap had it: no disk read */
		if (plug)
			unlock_page(page);
		return 0;
	}
	if (!plug || !(bio = swap_bio_for(si, sector, bio, plug, REQ_OP_READ, end_swap_bio_read))) {
		if (bdev_read_page(si->bdev, sector, page)) {
			swap_read_error(si, sector);
			if (!plug)
				return -EIO;
			SetPageError(page);
		} else {
			count_vm_event(PSWPIN);
		}
		if (plug)
			unlock_page(page);
		return 0;
	}
	bio_add_page(bio, page);
	count_vm_event(PSWPIN); /* at submission, as Linux */
	return 0;
}

/*
 * The bio a page for sector joins: *plug if the sector follows it and it
 * has room, else a new one (*plug, if any, is submitted first). NULL if no
 * memory for a new bio.
 */
static struct bio *swap_bio_for(struct swap_info_struct *si, sector_t sector, struct bio *bio,
				struct bio **plug, enum req_op op, bio_end_io_t *end_io)
{
	if (bio && bio->bi_bdev == si->bdev && bio->bi_op == op &&
	    bio->bi_sector + (sector_t)bio->bi_vcnt * PAGE_SECTORS == sector &&
	    bio->bi_vcnt < si->bdev->max_pages && bio->bi_vcnt < BIO_MAX_VECS)
		return bio;
	swap_read_unplug(bio);
	*plug = bio = bio_alloc(si->bdev, BIO_MAX_VECS, op, GFP_NOIO);
	if (!bio)
		return NULL;
	bio->bi_sector = sector;
	bio->bi_end_io = end_io;
	return bio;
}

void swap_read_unplug(struct bio *plug)
{
	if (plug)
		submit_bio(plug);
}

/*
 * Write nr pages to the nr consecutive slots from first (one area) in as
 * few requests as the driver takes: the clustered swap-out. If the
 * request fails, every page is written again on its own so that only the
 * slots that really fail are marked bad. Returns 0 or -EIO if any page
 * could not be written (see which with __swap_count/the log); -EINVAL if
 * the range leaves the area.
 */
int swap_writepages(struct page **pages, swp_entry_t first, unsigned int nr)
{
	sector_t sector;
	struct swap_info_struct *si = swap_io_target(first, nr, &sector);
	unsigned int i;
	int ret = 0;

	if (!si || !nr)
		return -EINVAL;
	if (!bdev_rw_pages(si->bdev, REQ_OP_WRITE, sector, pages, nr, 0)) {
		count_vm_events(PSWPOUT, nr);
		return 0;
	}
	for (i = 0; i < nr; i++) {
		swp_entry_t e = swp_entry(swp_type(first), swp_offset(first) + i);

		if (swap_writepage(pages[i], e))
			ret = -EIO;
	}
	return ret;
}

/* The write of page ended with err (Linux's end_swap_bio_write). */
static void end_swap_write(struct page *page, int err)
{
	if (err) {
		SetPageDirty(page);
		SetPageError(page);
		ClearPageReclaim(page);
	}
	ClearPageWriteback(page);
	unlock_page(page);
}

unsigned long nr_swap_writeback; /* pages under swap writeback (Linux's NR_WRITEBACK, anon part) */
DECLARE_WAIT_QUEUE_HEAD(swap_writeback_wait);

unsigned long global_writeback_pages(void)
{
	return nr_writeback + __atomic_load_n(&nr_swap_writeback, __ATOMIC_RELAXED);
}

/*
 * Linux's end_swap_bio_write, from the disk interrupt: each page's write
 * ends (end_swap_write). A page reclaim wants freed (PG_reclaim) is
 * rotated to the tail of the inactive list, where reclaim's next pass
 * finds it clean and frees it. A page whose request failed is dirty
 * again with PG_error: reclaim's next pageout writes it alone, which
 * retires only a slot that really fails (pageout, mm/vmscan.c).
 */
static void end_swap_bio_write(struct bio *bio)
{
	unsigned int i;

	for (i = 0; i < bio->bi_vcnt; i++) {
		struct page *page = bio->bi_io_vec[i];
		bool rotate = !bio->bi_status && PageReclaim(page);

		end_swap_write(page, bio->bi_status);
		if (rotate)
			rotate_reclaimable_page(page);
	}
	__atomic_fetch_sub(&nr_swap_writeback, bio->bi_vcnt, __ATOMIC_RELAXED);
	wake_up(&swap_writeback_wait);
	bio_put(bio);
}

/*
 * Send the plug's pages (consecutive slots of one area) as one bio and
 * return: the write ends in end_swap_bio_write. Without memory for a bio,
 * write them synchronously as one request, or each alone if that fails,
 * so that only the slots that really fail are marked bad. Leaves the plug
 * empty.
 */
static void swap_write_plug(struct swap_iocb *plug)
{
	struct page **pages = plug->pages;
	swp_entry_t first = page_swap_entry(pages[0]);
	sector_t sector;
	struct swap_info_struct *si = swap_io_target(first, plug->nr, &sector);
	struct bio *bio = si ? bio_alloc(si->bdev, plug->nr, REQ_OP_WRITE, GFP_NOIO) : NULL;
	unsigned int i;

	if (bio) {
		bio->bi_sector = sector;
		bio->bi_end_io = end_swap_bio_write;
		for (i = 0; i < plug->nr; i++)
			bio_add_page(bio, pages[i]);
		count_vm_events(PSWPOUT, plug->nr); /* at submission, as Linux */
		__atomic_fetch_add(&nr_swap_writeback, plug->nr, __ATOMIC_RELAXED);
		submit_bio(bio);
	} else if (si && !bdev_rw_pages(si->bdev, REQ_OP_WRITE, sector, pages, plug->nr, 0)) {
		count_vm_events(PSWPOUT, plug->nr);
		for (i = 0; i < plug->nr; i++)
			end_swap_write(pages[i], 0);
	} else {
		for (i = 0; i < plug->nr; i++)
			end_swap_write(pages[i],
				       swap_writepage(pages[i], page_swap_entry(pages[i])));
	}
	plug->nr = 0;
}

/*
 * Wait until some swap write ends, or HZ/10 (Linux's
 * reclaim_throttle for VMSCAN_THROTTLE_WRITEBACK): reclaim that found
 * nothing to free while writes are in flight waits for them to free
 * pages instead of giving up. Returns at once if none is in flight.
 */
void swap_writeback_throttle(void)
{
	unsigned long before = __atomic_load_n(&nr_swap_writeback, __ATOMIC_RELAXED);
	DEFINE_WAIT(w);

	if (!before)
		return;
	prepare_to_wait(&swap_writeback_wait, &w, TASK_UNINTERRUPTIBLE);
	if (__atomic_load_n(&nr_swap_writeback, __ATOMIC_RELAXED) == before)
		io_schedule_timeout(HZ / 10);
	finish_wait(&swap_writeback_wait, &w);
}

/* Does page's slot follow the plug's last one, in a plug with room? */
static bool swap_plug_continues(const struct swap_iocb *plug, struct page *page)
{
	swp_entry_t e = page_swap_entry(page), last;

	if (!plug->nr)
		return true;
	last = page_swap_entry(plug->pages[plug->nr - 1]);
	return plug->nr < SWAP_IOCB_MAX && swp_type(e) == swp_type(last) &&
	       swp_offset(e) == swp_offset(last) + 1;
}

/*
 * Write page (locked, in the swap cache, unmapped, PG_dirty already
 * cleared by the caller) to its slot through plug: PG_writeback is set
 * and the page waits in the plug, still locked, until its request is
 * sent: when a page that does not follow it comes, or at
 * swap_write_unplug. The write then ends as end_swap_write says. A page
 * zswap stores ends its write at once, with no request.
 */
void __swap_writepage(struct page *page, struct swap_iocb *plug)
{
	if (!zswap_store(page, page_swap_entry(page))) {
		SetPageWriteback(page);
		end_swap_write(page, 0);
		return;
	}
	if (!swap_plug_continues(plug, page))
		swap_write_plug(plug);
	SetPageWriteback(page);
	plug->pages[plug->nr++] = page;
}

/* Send what waits in plug (Linux's swap_write_unplug). */
void swap_write_unplug(struct swap_iocb *plug)
{
	if (plug->nr)
		swap_write_plug(plug);
}
