/*
 * Block device nodes (Linux's devtmpfs and fs/block_dev.c, reduced):
 * /dev/sda, /dev/sdb ... of type S_IFBLK with the disk's major and minor
 * (8:0, 8:16 ...), and the way back from a path to the disk, which is what
 * swapon(2) needs.
 *
 * Linux's devtmpfs adds a node whenever a device appears; disks here are
 * all found at boot, before "/" exists, so blkdev_populate_dev() makes the
 * nodes once, right after the root file system is unpacked. Opening a node
 * gives ENXIO: there are no block-device file operations, only the
 * kernel's own page I/O (drivers/blkdev.h).
 */
#include "drivers/blkdev.h"
#include "fs/internal.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"

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
