/*
 * Swap I/O (Linux's mm/page_io.c): a slot's page goes to or comes from
 * its disk through the block layer's page API (drivers/blkdev.h). A whole
 * disk is one extent: slot n is the page at sector n * 8, so slot 0 is
 * the header and is never read or written here.
 *
 * pswpout and pswpin count pages moved successfully (Linux counts at
 * submission; here the transfer is synchronous, so the two agree except
 * for failed requests). A failed write logs Linux's "Write-error on
 * swap-device" line and marks the slot bad (swap_mark_bad: it is retired
 * when its holders let go); the caller keeps the page in memory. A failed
 * read logs "Read-error on swap-device"; the caller decides what to kill.
 *
 * Reclaim writes through __swap_writepage and a plug (struct swap_iocb):
 * a page whose slot follows the previous one joins its request, so the
 * slots the cluster allocator handed to one reclaim batch go out as one
 * request. When a request ends, each page ends its write as Linux's
 * end_swap_bio_write: PG_writeback cleared and the page unlocked; on
 * failure it is dirty again, with PG_error, and no longer PG_reclaim.
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
#include "mm/lru.h"
#include "mm/swap_state.h"
#include "mm/vmstat.h"
#include "mm/zswap.h"

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

/* Read the slot of entry into page, from zswap or the disk. Returns 0, -EINVAL or -EIO (logged). */
int swap_readpage(struct page *page, swp_entry_t entry)
{
	sector_t sector;
	struct swap_info_struct *si = swap_io_target(entry, 1, &sector);

	if (!si)
		return -EINVAL;
	if (!zswap_load(page, entry))
		return 0;
	if (bdev_read_page(si->bdev, sector, page)) {
		printk(KERN_ALERT "Read-error on swap-device (%u:%u:%llu)\n", si->bdev->major,
		       si->bdev->minor, (unsigned long long)sector);
		return -EIO;
	}
	count_vm_event(PSWPIN);
	return 0;
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

/*
 * Send the plug's pages (consecutive slots of one area) in one request;
 * if it fails, write each page alone so that only the slots that really
 * fail are marked bad. Leaves the plug empty.
 */
static void swap_write_plug(struct swap_iocb *plug)
{
	struct page **pages = plug->pages;
	swp_entry_t first = page_swap_entry(pages[0]);
	sector_t sector;
	struct swap_info_struct *si = swap_io_target(first, plug->nr, &sector);
	unsigned int i;

	if (si && !bdev_rw_pages(si->bdev, REQ_OP_WRITE, sector, pages, plug->nr, 0)) {
		count_vm_events(PSWPOUT, plug->nr);
		for (i = 0; i < plug->nr; i++)
			end_swap_write(pages[i], 0);
	} else {
		for (i = 0; i < plug->nr; i++)
			end_swap_write(pages[i], swap_writepage(pages[i], page_swap_entry(pages[i])));
	}
	plug->nr = 0;
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
