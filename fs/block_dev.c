/*
 * Block device nodes (Linux's devtmpfs and fs/block_dev.c, reduced):
 * /dev/sda, /dev/sdb ... of type S_IFBLK with the disk's major and minor
 * (8:0, 8:16 ...), and the way back from a path to the disk, which is what
 * swapon(2) needs.
 *
 * Linux's devtmpfs adds a node whenever a device appears; disks here are
 * all found at boot, before "/" exists, so blkdev_populate_dev() makes the
 * nodes once, right after the root file system is unpacked.
 *
 * An opened node (def_blk_fops, set on the nodes made here) reads and
 * writes the disk in whole pages at page-aligned offsets, straight through
 * bdev_read_page and bdev_write_page (what mkswap needs); Linux goes
 * through the page cache and takes any size and offset, here anything
 * else is -EINVAL. A disk that is an active swap area refuses writes
 * (-EBUSY), as Linux's exclusive claim does for mkswap.
 */
#include "drivers/blkdev.h"
#include "fs/internal.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "mm/gfp.h"
#include "mm/swap.h"

void blkdev_populate_dev(void)
{
	struct inode *dev = path_lookupat(root_inode, "/dev"), *node;
	struct block_device *b;

	if (IS_ERR(dev)) {
		pr_err("devtmpfs: no /dev, no block device nodes\n");
		return;
	}
	for (b = NULL; (b = bdev_next(b));) {
		if (dev->i_op->create(dev, b->name, strlen(b->name), S_IFBLK | 0660,
				      MKDEV(b->major, b->minor), &node)) {
			pr_err("devtmpfs: cannot create /dev/%s\n", b->name);
			continue;
		}
		node->i_fop = &def_blk_fops; /* Linux: init_special_inode */
		iput(node);
	}
	iput(dev);
}

struct block_device *blkdev_get_by_dev(dev_t dev)
{
	struct block_device *b;

	for (b = NULL; (b = bdev_next(b));)
		if (MKDEV(b->major, b->minor) == dev)
			return b;
	return NULL;
}

int lookup_bdev(const char *path, dev_t *dev)
{
	struct inode *inode = path_lookupat(root_inode, path);
	int err = 0;

	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	if (S_ISBLK(inode->mode))
		*dev = inode->rdev;
	else
		err = -ENOTBLK;
	iput(inode);
	return err;
}

struct block_device *blkdev_get_by_path(const char *path)
{
	struct block_device *b;
	dev_t dev;
	int err = lookup_bdev(path, &dev);

	if (err)
		return ERR_PTR(err);
	b = blkdev_get_by_dev(dev);
	return b ? b : ERR_PTR(-ENXIO);
}

/* ---- def_blk_fops ---------------------------------------------------------- */

static loff_t bdev_bytes(const struct block_device *b)
{
	return (loff_t)(b->nr_sects << SECTOR_SHIFT);
}

static int blkdev_open(struct inode *inode, struct file *file)
{
	struct block_device *b = blkdev_get_by_dev(inode->rdev);
	char name[SWAP_NAME_LEN];

	if (!b)
		return -ENXIO;
	snprintf(name, sizeof(name), "/dev/%s", b->name);
	if ((file->f_mode & FMODE_WRITE) && find_swap_area(name))
		return -EBUSY;
	file->private_data = b;
	return 0;
}

/* One page at *pos between the disk and the iter; PAGE_SIZE moved, or -errno. */
static int blkdev_rw_one(struct block_device *b, struct page *page, struct iov_iter *it, loff_t pos,
			 enum req_op op)
{
	sector_t sector = (sector_t)pos >> SECTOR_SHIFT;
	int err;

	if (op == REQ_OP_WRITE) {
		if (copy_from_iter(page_address(page), PAGE_SIZE, it) != PAGE_SIZE)
			return -EFAULT;
		return bdev_write_page(b, sector, page);
	}
	err = bdev_read_page(b, sector, page);
	if (!err && copy_to_iter(page_address(page), PAGE_SIZE, it) != PAGE_SIZE)
		err = -EFAULT;
	return err;
}

/*
 * Move whole pages from *pos. Returns the bytes moved (0 at the end of
 * the disk for a read), -ENOSPC for a write past the end, -EINVAL for an
 * unaligned position or size, -ENOMEM or the first I/O error.
 */
static ssize_t blkdev_rw(struct file *file, struct iov_iter *it, loff_t *pos, enum req_op op)
{
	struct block_device *b = file->private_data;
	struct page *page;
	ssize_t done = 0;
	int err = 0;

	if ((*pos | (loff_t)it->count) & (PAGE_SIZE - 1))
		return -EINVAL;
	if (*pos >= bdev_bytes(b))
		return op == REQ_OP_WRITE && it->count ? -ENOSPC : 0;
	page = alloc_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	while (it->count && *pos < bdev_bytes(b)) {
		err = blkdev_rw_one(b, page, it, *pos, op);
		if (err)
			break;
		*pos += PAGE_SIZE;
		done += PAGE_SIZE;
	}
	__free_page(page);
	return done ? done : err;
}

static ssize_t blkdev_read_iter(struct file *file, struct iov_iter *to, loff_t *pos)
{
	return blkdev_rw(file, to, pos, REQ_OP_READ);
}

static ssize_t blkdev_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	return blkdev_rw(file, from, pos, REQ_OP_WRITE);
}

/* SEEK_END is the disk's size (how mkswap measures a device). */
static loff_t blkdev_llseek(struct file *file, loff_t offset, int whence)
{
	struct block_device *b = file->private_data;
	loff_t base = whence == SEEK_END ? bdev_bytes(b) : whence == SEEK_CUR ? file->f_pos : 0;

	if ((whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) || base + offset < 0)
		return -EINVAL;
	file->f_pos = base + offset;
	return file->f_pos;
}

const struct file_operations def_blk_fops = {
	.open = blkdev_open,
	.read_iter = blkdev_read_iter,
	.write_iter = blkdev_write_iter,
	.llseek = blkdev_llseek,
};
