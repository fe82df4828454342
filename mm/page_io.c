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
 */
#include "mm/swap.h"
#include "drivers/blkdev.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "mm/vmstat.h"

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

/* Read the slot of entry into page. Returns 0, -EINVAL or -EIO (logged). */
int swap_readpage(struct page *page, swp_entry_t entry)
{
	sector_t sector;
	struct swap_info_struct *si = swap_io_target(entry, 1, &sector);

	if (!si)
		return -EINVAL;
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
