/*
 * ramfs: directories and regular files that live only in RAM; the root
 * file system, filled from the initramfs.
 *
 * A directory is a list of entries (name, inode) in creation order; each
 * entry holds one link (nlink) of its inode, and a directory holds a
 * reference to its parent for "..". unlink, rmdir and rename only edit
 * these lists and link counts; the VFS drops the last reference, which
 * frees the inode (an open file lives on until its last close).
 *
 * A regular file's pages are in fs/ramfs_file.c.
 * Device nodes and FIFOs are plain inodes with a type and rdev; opening
 * them is the VFS's business (fs/char_dev.c). A symbolic link keeps its
 * target in a kmalloc'd string.
 */
#include "fs/ramfs.h"
#include "kernel/lib/string.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/layout.h"
#include "mm/shmem_fs.h"
#include "mm/slab.h"

struct ramfs_dirent {
	struct list_head list;
	struct inode *inode;
	size_t len;
	char name[]; /* len bytes, NUL-terminated */
};

static const struct inode_operations ramfs_dir_inode_operations;
static void ramfs_evict_inode(struct inode *inode);
static const struct inode_operations ramfs_file_inode_operations;
static const struct inode_operations ramfs_symlink_inode_operations;
static const struct file_operations ramfs_dir_operations;

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

/*
 * A new inode of the given type, not linked anywhere (count 1). With an sb
 * it is a tmpfs inode: it takes one of the mount's inodes (NULL when none
 * is left) and a regular file keeps its pages in shmem's page cache.
 */
struct inode *ramfs_get_inode(struct super_block *sb, umode_t mode, dev_t rdev)
{
	struct ramfs_inode *ri;
	struct inode *inode;

	if (sb && shmem_reserve_inode(sb))
		return NULL;
	ri = kzalloc(sizeof(*ri), GFP_KERNEL);
	if (!ri)
		goto fail;
	inode = &ri->vfs_inode;
	inode_init(inode, mode);
	INIT_LIST_HEAD(&ri->entries);
	if (S_ISDIR(mode)) {
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &ramfs_dir_operations;
	} else if (S_ISREG(mode)) {
		inode->i_op = &ramfs_file_inode_operations;
		inode->i_fop = &ramfs_file_operations;
	} else if (S_ISLNK(mode)) {
		inode->i_op = &ramfs_symlink_inode_operations;
	} else {
		inode->i_op = &ramfs_file_inode_operations; /* evict only */
		inode->rdev = rdev;
	}
	if (sb) {
		inode->i_sb = sb;
		list_add_tail(&inode->i_sb_list, &sb->s_inodes);
	}
	if (sb && S_ISREG(mode) && shmem_init_file(inode)) {
		ramfs_free_inode(inode);
		return NULL;
	}
	return inode;
fail:
	if (sb)
		shmem_free_inode(sb);
	return NULL;
}

void ramfs_free_inode(struct inode *inode)
{
	if (inode->i_sb) {
		list_del(&inode->i_sb_list);
		shmem_free_inode(inode->i_sb);
	}
	kfree(RAMFS_I(inode));
}

/* A new entry naming inode (not yet in any list), or NULL when out of memory. */
static struct ramfs_dirent *new_dirent(const char *name, size_t len, struct inode *inode)
{
	struct ramfs_dirent *de = kmalloc(sizeof(*de) + len + 1, GFP_KERNEL);

	if (!de)
		return NULL;
	memcpy(de->name, name, len);
	de->name[len] = '\0';
	de->len = len;
	de->inode = inode;
	return de;
}

static int ramfs_create(struct inode *dir, const char *name, size_t len, umode_t mode, dev_t rdev,
			struct inode **res)
{
	struct ramfs_dirent *de;
	struct inode *inode;

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (find_entry(dir, name, len))
		return -EEXIST;
	inode = ramfs_get_inode(dir->i_sb, mode, rdev);
	de = inode ? new_dirent(name, len, inode) : NULL;
	if (!de) {
		iput(inode);
		return -ENOSPC;
	}
	inode->nlink = S_ISDIR(mode) ? 2 : 1; /* a directory's own "." counts */
	if (S_ISDIR(mode)) {
		inode->parent = igrab(dir);
		dir->nlink++; /* the child's ".." */
	}
	list_add_tail(&de->list, &RAMFS_I(dir)->entries);
	*res = inode;
	return 0;
}

/* A second name in dir for the non-directory inode (a hard link); 0 or -errno. */
static int ramfs_link(struct inode *inode, struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *de;

	if (S_ISDIR(inode->mode))
		return -EPERM;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (find_entry(dir, name, len))
		return -EEXIST;
	de = new_dirent(name, len, inode);
	if (!de)
		return -ENOSPC;
	inode->nlink++;
	list_add_tail(&de->list, &RAMFS_I(dir)->entries);
	return 0;
}

static bool dir_is_empty(struct inode *inode)
{
	return list_empty(&RAMFS_I(inode)->entries);
}

/* Take entry de out of dir and drop the link it held (a directory's "." and ".." too). */
static void drop_entry(struct inode *dir, struct ramfs_dirent *de)
{
	struct inode *inode = de->inode;

	if (S_ISDIR(inode->mode)) {
		inode->nlink = 0;
		dir->nlink--;
	} else {
		inode->nlink--;
	}
	list_del(&de->list);
	kfree(de);
}

/* The entry name in dir, which the VFS found to be inode; NULL if that is no longer so. */
static struct ramfs_dirent *entry_of(struct inode *dir, const char *name, size_t len,
				     struct inode *inode)
{
	struct ramfs_dirent *de = find_entry(dir, name, len);

	return de && de->inode == inode ? de : NULL;
}

static int ramfs_unlink(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	struct ramfs_dirent *de = entry_of(dir, name, len, inode);

	if (!de)
		return -ENOENT;
	drop_entry(dir, de);
	return 0;
}

static int ramfs_rmdir(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	struct ramfs_dirent *de = entry_of(dir, name, len, inode);

	if (!de)
		return -ENOENT;
	if (!dir_is_empty(inode))
		return -ENOTEMPTY;
	drop_entry(dir, de);
	return 0;
}

/*
 * Move old_dir/old_name to new_dir/new_name, replacing what is there (an
 * empty directory or a non-directory, as the VFS checked). A directory
 * that changes parent takes its ".." link along.
 */
static int ramfs_rename(const struct renamedata *rd)
{
	struct ramfs_dirent *de = entry_of(rd->old_dir, rd->old_name, rd->old_len, rd->old_inode);
	struct ramfs_dirent *victim = NULL, *moved;
	struct inode *inode = rd->old_inode;

	if (!de)
		return -ENOENT;
	if (rd->new_len > NAME_MAX)
		return -ENAMETOOLONG;
	if (rd->new_inode) {
		victim = entry_of(rd->new_dir, rd->new_name, rd->new_len, rd->new_inode);
		if (!victim)
			return -ENOENT;
		if (S_ISDIR(rd->new_inode->mode) && !dir_is_empty(rd->new_inode))
			return -ENOTEMPTY;
	}
	moved = new_dirent(rd->new_name, rd->new_len, inode);
	if (!moved)
		return -ENOSPC;
	if (victim)
		drop_entry(rd->new_dir, victim);
	list_del(&de->list);
	kfree(de);
	list_add_tail(&moved->list, &RAMFS_I(rd->new_dir)->entries);
	if (S_ISDIR(inode->mode) && rd->old_dir != rd->new_dir) {
		rd->old_dir->nlink--;
		rd->new_dir->nlink++;
		inode->parent = igrab(rd->new_dir);
		iput(rd->old_dir); /* the old parent reference; the VFS holds its own */
	}
	return 0;
}

static void ramfs_evict_inode(struct inode *inode)
{
	struct ramfs_inode *ri = RAMFS_I(inode);

	if (S_ISDIR(inode->mode) && !list_empty(&ri->entries))
		panic("ramfs_evict_inode: directory %lu not empty", inode->ino);
	if (S_ISREG(inode->mode))
		ramfs_truncate(inode, 0);
	if (S_ISLNK(inode->mode))
		kfree(inode->i_private);
	if (S_ISDIR(inode->mode) && inode->parent != inode)
		iput(inode->parent);
	ramfs_free_inode(inode);
}

void ramfs_kill_tree(struct inode *dir)
{
	while (!dir_is_empty(dir)) {
		struct ramfs_dirent *de =
		    list_first_entry(&RAMFS_I(dir)->entries, struct ramfs_dirent, list);
		struct inode *inode = igrab(de->inode);

		if (S_ISDIR(inode->mode))
			ramfs_kill_tree(inode);
		drop_entry(dir, de);
		iput(inode); /* its last link went: freed, unless still open */
	}
}

/*
 * A symbolic link holding target: the target's bytes in a kmalloc'd
 * string at i_private, its length in size (Linux's ramfs keeps them in
 * the link's first page-cache page). 0 or -errno.
 */
static int ramfs_symlink(struct inode *dir, const char *name, size_t len, const char *target)
{
	size_t tlen = strlen(target);
	char *copy = kmalloc(tlen + 1, GFP_KERNEL);
	struct inode *inode;
	int err;

	if (!copy)
		return -ENOSPC;
	memcpy(copy, target, tlen + 1);
	err = ramfs_create(dir, name, len, S_IFLNK | 0777, 0, &inode);
	if (err) {
		kfree(copy);
		return err;
	}
	inode->i_private = copy;
	inode->size = (loff_t)tlen;
	iput(inode);
	return 0;
}

/* The link's target into buf (NUL-terminated, cut to size - 1 bytes); its length. */
static int ramfs_get_link(struct inode *inode, char *buf, size_t size)
{
	size_t n = (size_t)inode->size < size ? (size_t)inode->size : size - 1;

	memcpy(buf, inode->i_private, n);
	buf[n] = '\0';
	return (int)n;
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
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.link = ramfs_link,
	.symlink = ramfs_symlink,
	.evict_inode = ramfs_evict_inode,
};

static const struct inode_operations ramfs_symlink_inode_operations = {
	.get_link = ramfs_get_link,
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

/* ---- the root ------------------------------------------------------------------- */

struct inode *ramfs_new_root(void)
{
	struct inode *root = ramfs_get_inode(NULL, S_IFDIR | 0755, 0);

	if (!root)
		return NULL;
	root->parent = root; /* ".." of "/" is "/" */
	root->nlink = 2;     /* pinned: it is in no directory */
	return root;
}

void init_rootfs(void)
{
	root_inode = ramfs_new_root();
	if (!root_inode)
		panic("init_rootfs: no memory for the root directory");
}
