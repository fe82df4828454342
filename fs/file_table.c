/*
 * Open files: creating one on an inode, sharing it, and closing it when
 * the last reference goes (Linux's fs/file_table.c and the open part of
 * fs/open.c).
 */
#include "fs/internal.h"
#include "mm/pagemap.h"
#include "mm/slab.h"

/*
 * A new struct file for inode with the O_ flags of open(2): its f_op comes
 * from the inode (or, for a character device, from the driver registered
 * for its major), then f_op->open may set it up. Takes a reference on the
 * inode. ERR_PTR(-ENXIO) for a device nobody drives or a named FIFO
 * (not supported: pipes exist only through pipe(2)), -ENOMEM.
 */
struct file *open_inode(struct inode *inode, int flags)
{
	const struct file_operations *fops = inode->i_fop;
	struct file *f;
	int err;

	if (S_ISCHR(inode->mode))
		fops = chrdev_fops(inode->rdev);
	else if (S_ISFIFO(inode->mode) && !inode->i_pipe)
		fops = NULL;
	if (!fops)
		return ERR_PTR(-ENXIO);
	if ((flags & O_ACCMODE) != O_RDONLY && inode->i_sb && (inode->i_sb->s_flags & SB_RDONLY) &&
	    S_ISREG(inode->mode))
		return ERR_PTR(-EROFS);
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return ERR_PTR(-ENOMEM);
	f->f_op = fops;
	f->inode = igrab(inode);
	f->f_flags = (unsigned int)flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	/* O_RDONLY 0 -> read, O_WRONLY 1 -> write, O_RDWR 2 -> both (Linux's OPEN_FMODE) */
	f->f_mode = ((unsigned int)flags + 1) & O_ACCMODE;
	if (fops->llseek)
		f->f_mode |= FMODE_LSEEK;
	f->f_count = 1;
	f->f_ra.ra_pages = 32; /* VM_READAHEAD_PAGES (mm/readahead.c) */
	f->f_ra.prev_pos = -1;
	if (inode->i_mapping)
		f->f_wb_err = errseq_sample(&inode->i_mapping->wb_err); /* for fsync */
	if (fops->open) {
		err = fops->open(inode, f);
		if (err) {
			iput(inode);
			kfree(f);
			return ERR_PTR(err);
		}
	}
	return f;
}

struct file *get_file(struct file *f)
{
	if (f->f_count <= 0)
		panic("get_file: file already closed");
	f->f_count++;
	return f;
}

void fput(struct file *f)
{
	if (f->f_count <= 0)
		panic("fput: file already closed");
	if (--f->f_count)
		return;
	if (f->f_op->release)
		f->f_op->release(f->inode, f);
	iput(f->inode);
	kfree(f);
}
