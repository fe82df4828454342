/*
 * Open files: creating one on an inode, sharing it, and closing it when
 * the last reference goes (Linux's fs/file_table.c and the open part of
 * fs/open.c).
 */
#include "fs/internal.h"
#include "mm/pagemap.h"
#include "kernel/lib/string.h"
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
	kfree(f->f_name);
	kfree(f);
}

/*
 * Remember the absolute path f was opened by (Linux finds it from the
 * dentry; with no dentry cache the name is kept): path itself if it starts
 * with '/', else cwd's path, '/', path. Best effort: without memory, or if
 * cwd's path cannot be found, the file stays nameless (maps prints no name).
 */
void file_set_name(struct file *f, struct inode *cwd, const char *path)
{
	size_t len = strlen(path), dlen = 0;
	char *dir = NULL;

	if (path[0] != '/') {
		int n;

		if (!cwd)
			return;
		dir = kmalloc(PATH_MAX, GFP_KERNEL);
		n = dir ? inode_path(cwd, dir, PATH_MAX) : -ENOMEM;
		if (n < 0)
			goto out;
		dlen = (size_t)n;
		if (dlen == 1) /* "/": no second slash */
			dlen = 0;
	}
	f->f_name = kmalloc(dlen + 1 + len + 1, GFP_KERNEL);
	if (!f->f_name)
		goto out;
	if (dir) {
		memcpy(f->f_name, dir, dlen);
		f->f_name[dlen++] = '/';
	}
	memcpy(f->f_name + dlen, path, len + 1);
out:
	kfree(dir);
}
