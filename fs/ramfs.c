/*
 * ramfs: directories and regular files that live only in RAM; the root
 * file system, filled from the initramfs.
 *
 * A directory is a list of entries (name, inode) in creation order; each
 * entry holds one link (nlink) of its inode, and a directory holds a
 * reference to its parent for "..". A regular file is a vector of pages:
 * page i holds bytes [i * PAGE_SIZE, (i + 1) * PAGE_SIZE); a NULL page is
 * a hole that reads as zeros. The vector grows (doubling) as a write
 * extends the file. Linux's ramfs keeps the pages in the page cache and
 * never writes them back; there is no page cache here yet, so ramfs owns
 * its pages directly.
 *
 * Device nodes and FIFOs are plain inodes with a type and rdev; opening
 * them is the VFS's business (fs/char_dev.c).
 */
#include "fs/fs.h"
#include "kernel/lib/string.h"
#include "mm/gfp.h"
#include "mm/layout.h"
#include "mm/slab.h"

struct ramfs_dirent {
	struct list_head list;
	struct inode *inode;
	size_t len;
	char name[];		/* len bytes, NUL-terminated */
};

struct ramfs_inode {
	struct inode vfs_inode;
	struct list_head entries;	/* directories: struct ramfs_dirent */
	void **pages;			/* regular files: the page vector */
	unsigned long nr_slots;		/* its length */
};

static const struct inode_operations ramfs_dir_inode_operations;
static void ramfs_evict_inode(struct inode *inode);
static const struct inode_operations ramfs_file_inode_operations;
static const struct file_operations ramfs_dir_operations;
static const struct file_operations ramfs_file_operations;

static struct ramfs_inode *RAMFS_I(struct inode *inode)
{
	return container_of(inode, struct ramfs_inode, vfs_inode);
}

/* ---- regular files ---------------------------------------------------------- */

/* Make room for page index idx in the vector; 0 or -ENOMEM. */
static int grow_slots(struct ramfs_inode *ri, unsigned long idx)
{
	unsigned long n = ri->nr_slots ? ri->nr_slots : 4;
	void **pages;

	while (n <= idx)
		n *= 2;
	pages = kzalloc(n * sizeof(void *), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	if (ri->pages)
		memcpy(pages, ri->pages, ri->nr_slots * sizeof(void *));
	kfree(ri->pages);
	ri->pages = pages;
	ri->nr_slots = n;
	return 0;
}

/* The page holding byte index idx * PAGE_SIZE, allocated (zeroed) if missing. */
static char *get_page_for_write(struct ramfs_inode *ri, unsigned long idx)
{
	if (idx >= ri->nr_slots && grow_slots(ri, idx))
		return NULL;
	if (!ri->pages[idx])
		ri->pages[idx] = (void *)get_zeroed_page(GFP_KERNEL);
	return ri->pages[idx];
}

static ssize_t ramfs_read_iter(struct file *file, struct iov_iter *to, loff_t *pos)
{
	static const char zeros[256];
	struct ramfs_inode *ri = RAMFS_I(file->inode);
	size_t done = 0;

	while (to->count && *pos < file->inode->size) {
		unsigned long idx = (unsigned long)(*pos / PAGE_SIZE);
		size_t off = (size_t)(*pos % PAGE_SIZE);
		size_t n = min(min(to->count, PAGE_SIZE - off), (size_t)(file->inode->size - *pos));
		const char *src = idx < ri->nr_slots ? ri->pages[idx] : NULL;
		size_t got;

		if (!src)
			n = min(n, sizeof(zeros));	/* a hole */
		got = copy_to_iter(src ? src + off : zeros, n, to);
		done += got;
		*pos += got;
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

static ssize_t ramfs_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct ramfs_inode *ri = RAMFS_I(file->inode);
	size_t done = 0;

	if (file->f_flags & O_APPEND)
		*pos = file->inode->size;
	if (*pos + (loff_t)from->count > MAX_NON_LFS) {
		if (*pos >= MAX_NON_LFS)
			return -EFBIG;
		from->count = (size_t)(MAX_NON_LFS - *pos);
	}
	while (from->count) {
		unsigned long idx = (unsigned long)(*pos / PAGE_SIZE);
		size_t off = (size_t)(*pos % PAGE_SIZE);
		size_t n = min(from->count, PAGE_SIZE - off);
		char *dst = get_page_for_write(ri, idx);
		size_t got;

		if (!dst)
			return done ? (ssize_t)done : -ENOSPC;
		got = copy_from_iter(dst + off, n, from);
		done += got;
		*pos += got;
		if (*pos > file->inode->size)
			file->inode->size = *pos;
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

/* Shrink or extend (with a hole) to size; the bytes past size are zeroed. */
static int ramfs_truncate(struct inode *inode, loff_t size)
{
	struct ramfs_inode *ri = RAMFS_I(inode);
	unsigned long first_gone = (unsigned long)DIV_ROUND_UP(size, PAGE_SIZE);
	unsigned long i;

	if (size < 0 || size > MAX_NON_LFS)
		return -EINVAL;
	for (i = first_gone; i < ri->nr_slots; i++) {
		if (ri->pages[i])
			free_page((unsigned long)ri->pages[i]);
		ri->pages[i] = NULL;
	}
	if (size % PAGE_SIZE && (unsigned long)(size / PAGE_SIZE) < ri->nr_slots) {
		char *last = ri->pages[size / PAGE_SIZE];

		if (last)
			memset(last + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
	}
	inode->size = size;
	return 0;
}

/* ---- directories ---------------------------------------------------------------- */

static struct ramfs_dirent *find_entry(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *de;

	list_for_each_entry(de, &RAMFS_I(dir)->entries, list)
		if (de->len == len && !memcmp(de->name, name, len))
			return de;
	return NULL;
}

static struct inode *ramfs_lookup(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *de = find_entry(dir, name, len);

	return de ? igrab(de->inode) : NULL;
}

/* A new ramfs inode of the given type, not linked anywhere (count 1). */
static struct inode *ramfs_get_inode(umode_t mode, dev_t rdev)
{
	struct ramfs_inode *ri = kzalloc(sizeof(*ri), GFP_KERNEL);
	struct inode *inode;

	if (!ri)
		return NULL;
	inode = &ri->vfs_inode;
	inode_init(inode, mode);
	INIT_LIST_HEAD(&ri->entries);
	if (S_ISDIR(mode)) {
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &ramfs_dir_operations;
	} else if (S_ISREG(mode)) {
		inode->i_op = &ramfs_file_inode_operations;
		inode->i_fop = &ramfs_file_operations;
	} else {
		inode->i_op = &ramfs_file_inode_operations;	/* evict only */
		inode->rdev = rdev;
	}
	return inode;
}

static int ramfs_create(struct inode *dir, const char *name, size_t len, umode_t mode,
			dev_t rdev, struct inode **res)
{
	struct ramfs_dirent *de;
	struct inode *inode;

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (find_entry(dir, name, len))
		return -EEXIST;
	de = kmalloc(sizeof(*de) + len + 1, GFP_KERNEL);
	inode = ramfs_get_inode(mode, rdev);
	if (!de || !inode) {
		kfree(de);
		iput(inode);
		return -ENOSPC;
	}
	memcpy(de->name, name, len);
	de->name[len] = '\0';
	de->len = len;
	de->inode = inode;
	inode->nlink = S_ISDIR(mode) ? 2 : 1;	/* a directory's own "." counts */
	if (S_ISDIR(mode)) {
		inode->parent = igrab(dir);
		dir->nlink++;	/* the child's ".." */
	}
	list_add_tail(&de->list, &RAMFS_I(dir)->entries);
	*res = inode;
	return 0;
}

static int ramfs_unlink(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *de = find_entry(dir, name, len);
	struct inode *inode;

	if (!de)
		return -ENOENT;
	inode = de->inode;
	if (S_ISDIR(inode->mode)) {
		if (!list_empty(&RAMFS_I(inode)->entries))
			return -ENOTEMPTY;
		dir->nlink--;
	}
	list_del(&de->list);
	kfree(de);
	inode->nlink = 0;
	if (!inode->count)	/* nobody has it open: free it now, else at the last iput */
		ramfs_evict_inode(inode);
	return 0;
}

static void ramfs_evict_inode(struct inode *inode)
{
	struct ramfs_inode *ri = RAMFS_I(inode);

	if (S_ISDIR(inode->mode) && !list_empty(&ri->entries))
		panic("ramfs_evict_inode: directory %lu not empty", inode->ino);
	if (S_ISREG(inode->mode))
		ramfs_truncate(inode, 0);
	kfree(ri->pages);
	if (S_ISDIR(inode->mode) && inode->parent != inode)
		iput(inode->parent);
	kfree(ri);
}

/* Entries: position 0 is ".", 1 is "..", 2 + i the i-th entry in the list. */
static int ramfs_iterate(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file->inode;
	struct ramfs_dirent *de;
	loff_t i = 2;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, dir->ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct inode *up = dir->mountpoint ? dir->mountpoint->parent : dir->parent;

		if (!dir_emit(ctx, "..", 2, up->ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	list_for_each_entry(de, &RAMFS_I(dir)->entries, list) {
		if (i++ < ctx->pos)
			continue;
		if (!dir_emit(ctx, de->name, (int)de->len, de->inode->ino,
			      fs_umode_to_dtype(de->inode->mode)))
			return 0;
		ctx->pos = i;
	}
	return 0;
}

static const struct inode_operations ramfs_dir_inode_operations = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.unlink = ramfs_unlink,
	.evict_inode = ramfs_evict_inode,
};

static const struct inode_operations ramfs_file_inode_operations = {
	.truncate = ramfs_truncate,
	.evict_inode = ramfs_evict_inode,
};

static const struct file_operations ramfs_dir_operations = {
	.llseek = generic_file_llseek,
	.iterate_shared = ramfs_iterate,
};

static const struct file_operations ramfs_file_operations = {
	.read_iter = ramfs_read_iter,
	.write_iter = ramfs_write_iter,
	.llseek = generic_file_llseek,
};

/* ---- the root ------------------------------------------------------------------- */

struct inode *ramfs_new_root(void)
{
	struct inode *root = ramfs_get_inode(S_IFDIR | 0755, 0);

	if (!root)
		return NULL;
	root->parent = root;	/* ".." of "/" is "/" */
	root->nlink = 2;	/* pinned: it is in no directory */
	return root;
}

void init_rootfs(void)
{
	root_inode = ramfs_new_root();
	if (!root_inode)
		panic("init_rootfs: no memory for the root directory");
}
