/*
 * Turning disks into swap (Linux's swapon/swapoff system calls, and what
 * `swapon -a` does at boot): find the block device by path ("/dev/sda",
 * a block-device node) or name ("sda"), read its first page, and hand it
 * to swap_activate() (mm/swapfile.c), which checks the mkswap header and logs Linux's
 * "Adding ...k swap on /dev/sda." line.
 *
 * At boot, swap_boot_activate() activates every disk whose first page
 * carries the SWAPSPACE2 signature, in disk order (so default priorities
 * -2, -3 ...), unless the command line says swap=off. Disks without the
 * signature are left alone silently.
 *
 * swapoff first brings every page still in the area back into memory
 * (try_to_unuse, mm/swap_state.c), as Linux does; it fails only if that
 * cannot be done (no memory, a read error, a slot held by something that
 * is not a page table).
 */
#include "mm/swap.h"
#include "drivers/blkdev.h"
#include "fs/proc/internal.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "kernel/params.h"
#include "mm/gfp.h"
#include "mm/mm.h"
#include "mm/slab.h"

#define SWAP_PATH_MAX 64

static bool swap_disabled;

/* swap=off: do not activate swap disks at boot (swap=on is the default). */
static int swap_param(char *val)
{
	if (!strcmp(val, "off"))
		swap_disabled = true;
	else if (!strcmp(val, "on"))
		swap_disabled = false;
	else
		return -1;
	return 0;
}
__setup("swap=", swap_param);

/*
 * The disk path names: a block-device node ("/dev/sda", through the VFS)
 * or a bare disk name ("sda"). ERR_PTR(-ENOENT, -ENOTBLK, -ENXIO) if none.
 */
static struct block_device *swap_bdev(const char *path)
{
	struct block_device *bdev;

	if (strchr(path, '/'))
		return blkdev_get_by_path(path);
	bdev = blkdev_get_by_name(path);
	return bdev ? bdev : ERR_PTR(-ENOENT);
}

/* Read bdev's first page into a new page; NULL on error (logged by the block layer). */
static struct page *read_header_page(struct block_device *bdev)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (!page)
		return NULL;
	if (bdev_read_page(bdev, 0, page)) {
		__free_page(page);
		return NULL;
	}
	return page;
}

/* Activate bdev with swap_flags; the area is named "/dev/<name>". */
static int swapon_bdev(struct block_device *bdev, int swap_flags, bool only_if_signed)
{
	const union swap_header *hdr;
	char name[SWAP_NAME_LEN];
	struct page *page;
	int err;

	if (bdev->nr_sects < PAGE_SECTORS) { /* no room for the header page */
		if (!only_if_signed)
			pr_warn(
			    "swapon: /dev/%s: %llu bytes is too small for a swap header (%lu)\n",
			    bdev->name, (unsigned long long)bdev->nr_sects * 512, PAGE_SIZE);
		return -EINVAL;
	}
	page = read_header_page(bdev);
	if (!page)
		return -EIO;
	hdr = page_address(page);
	if (only_if_signed && memcmp(hdr->magic.magic, "SWAPSPACE2", 10)) {
		__free_page(page);
		return -EINVAL;
	}
	snprintf(name, sizeof(name), "/dev/%s", bdev->name);
	err = swap_activate(bdev, name, hdr, (unsigned long)(bdev->nr_sects / PAGE_SECTORS),
			    swap_flags);
	__free_page(page);
	return err;
}

/*
 * swapon(2) on a kernel path. Returns 0, -ENOENT/-ENOTBLK/-ENXIO (no such disk), -EIO
 * (header unreadable), or swap_activate's errors (-EINVAL bad header or
 * flags, -EBUSY already on).
 */
int do_swapon(const char *path, int swap_flags)
{
	struct block_device *bdev = swap_bdev(path);

	if (IS_ERR(bdev))
		return (int)PTR_ERR(bdev);
	if (swap_flags & ~SWAP_FLAGS_VALID)
		return -EINVAL;
	return swapon_bdev(bdev, swap_flags, false);
}

/*
 * swapoff(2) on a kernel path: 0, -EINVAL (not swap), -ENOMEM/-EIO/-EBUSY
 * (pages could not come back).
 */
int do_swapoff(const char *path)
{
	struct block_device *bdev = swap_bdev(path);
	char name[SWAP_NAME_LEN];
	struct swap_info_struct *si;

	if (IS_ERR(bdev))
		return (int)PTR_ERR(bdev);
	snprintf(name, sizeof(name), "/dev/%s", bdev->name);
	si = find_swap_area(name);
	if (!si)
		return -EINVAL;
	return swap_deactivate(si);
}

static long copy_swap_path(char *buf, const char __user *upath)
{
	long len = strncpy_from_user(buf, upath, SWAP_PATH_MAX);

	if (len < 0)
		return len;
	return len ? 0 : -ENOENT;
}

/* swapon(2), i386 number 87. */
long sys_swapon(const char __user *upath, int swap_flags)
{
	char path[SWAP_PATH_MAX];
	long err = copy_swap_path(path, upath);

	return err ? err : do_swapon(path, swap_flags);
}

/* swapoff(2), i386 number 115. */
long sys_swapoff(const char __user *upath)
{
	char path[SWAP_PATH_MAX];
	long err = copy_swap_path(path, upath);

	return err ? err : do_swapoff(path);
}

/* At boot: every disk with a swap signature, unless swap=off. */
void swap_boot_activate(void)
{
	struct block_device *bdev;

	if (swap_disabled) {
		pr_info("swap: swap=off, swap disks left unused\n");
		return;
	}
	for (bdev = NULL; (bdev = bdev_next(bdev));)
		swapon_bdev(bdev, 0, true);
}
