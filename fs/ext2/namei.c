/*
 * ext2 directory operations: lookup, create (files, directories, device
 * nodes), unlink and rmdir, link, symlink, rename (Linux's fs/ext2/namei.c)
 * and the symbolic link itself (fs/ext2/symlink.c).
 *
 * Link counts follow Linux: a directory has 2 + one per subdirectory
 * ("." and each child's ".."). A symbolic link whose target (with its NUL)
 * fits in i_block's 60 bytes is "fast" and keeps it there; a longer one
 * has one data block. Every change is written to the inode-table buffers
 * at once (ext2_write_inode).
 */
#include "fs/ext2/ext2.h"
#include "kernel/lib/string.h"

static const struct inode_operations ext2_special_inode_operations;

void ext2_set_inode_ops(struct inode *inode)
{
	if (S_ISREG(inode->mode)) {
		inode->i_op = &ext2_file_inode_operations;
		inode->i_fop = &ext2_file_operations;
	} else if (S_ISDIR(inode->mode)) {
		inode->i_op = &ext2_dir_inode_operations;
		inode->i_fop = &ext2_dir_operations;
	} else if (S_ISLNK(inode->mode)) {
		inode->i_op = &ext2_symlink_inode_operations;
	} else {
		inode->i_op = &ext2_special_inode_operations;
	}
}

static struct inode *ext2_lookup(struct inode *dir, const char *name, size_t len)
{
	long ino = ext2_inode_by_name(dir, name, len);
	struct inode *inode;

	if (ino <= 0)
		return ino ? ERR_PTR(ino) : NULL;
	inode = ext2_iget(dir->i_sb, (unsigned long)ino);
	if (inode == ERR_PTR(-ESTALE)) {
		ext2_error(dir->i_sb, "ext2_lookup", "deleted inode referenced: %ld", ino);
		return ERR_PTR(-EIO);
	}
	if (IS_ERR(inode) || !S_ISDIR(inode->mode) || inode->parent == dir)
		return inode;
	if (inode->parent && is_subdir(dir, inode)) {
		pr_warn("VFS: Lookup of '%.*s' in ext2 %s would have caused loop\n", (int)len, name,
			dir->i_sb->s_id);
		iput(inode);
		return ERR_PTR(-ELOOP);
	}
	inode->parent = dir; /* Linux's d_splice_alias moves a directory's one alias */
	return inode;
}

/* Undo a half-made inode: nothing links to it, so the last iput frees it. */
static void discard_inode(struct inode *inode)
{
	inode->nlink = 0;
	iput(inode);
}

static int ext2_create(struct inode *dir, const char *name, size_t len, umode_t mode, dev_t rdev,
		       struct inode **res)
{
	struct inode *inode;
	long ino = ext2_inode_by_name(dir, name, len);
	int err;

	if (len > 255)
		return -ENAMETOOLONG;
	if (ino)
		return ino < 0 ? (int)ino : -EEXIST;
	if (S_ISDIR(mode) && dir->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	inode = ext2_new_inode(dir, mode);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	inode->rdev = (S_ISCHR(mode) || S_ISBLK(mode)) ? rdev : 0;
	if (S_ISDIR(mode)) {
		inode->nlink = 2;
		inode->parent = dir;
		err = ext2_make_empty(inode, dir);
		if (err)
			goto fail;
	}
	err = ext2_write_inode(inode);
	if (!err)
		err = ext2_add_link(dir, name, len, inode);
	if (err)
		goto fail;
	if (S_ISDIR(mode)) {
		dir->nlink++;
		ext2_write_inode(dir);
	}
	*res = inode;
	return 0;
fail:
	discard_inode(inode);
	return err;
}

/* unlink(2) and rmdir(2) in one: a directory must be empty. */
static int ext2_remove(struct inode *dir, const char *name, size_t len)
{
	long ino = ext2_inode_by_name(dir, name, len);
	struct inode *inode;
	int err;

	if (ino <= 0)
		return ino ? (int)ino : -ENOENT;
	inode = ext2_iget(dir->i_sb, (unsigned long)ino);
	if (IS_ERR(inode))
		return -EIO;
	err = S_ISDIR(inode->mode) ? ext2_empty_dir(inode) : 1;
	if (err <= 0) {
		iput(inode);
		return err ? err : -ENOTEMPTY;
	}
	err = ext2_delete_entry(dir, name, len);
	if (!err) {
		if (S_ISDIR(inode->mode)) {
			inode->nlink = 0;
			dir->nlink--;
			ext2_write_inode(dir);
		} else if (inode->nlink) {
			inode->nlink--;
		}
		inode->ctime = ext2_now();
		ext2_write_inode(inode);
	}
	iput(inode);
	return err;
}

static int ext2_link(struct inode *inode, struct inode *dir, const char *name, size_t len)
{
	int err;

	if (S_ISDIR(inode->mode))
		return -EPERM;
	if (inode->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	if (len > 255)
		return -ENAMETOOLONG;
	err = ext2_add_link(dir, name, len, inode);
	if (err)
		return err;
	inode->nlink++;
	inode->ctime = ext2_now();
	return ext2_write_inode(inode);
}

int ext2_symlink_write(struct inode *inode, const char *target, size_t len)
{
	struct buffer_head *bh;
	u32 bno;
	int err;

	if (len + 1 <= sizeof(EXT2_I(inode)->i_data)) { /* fast: in i_block */
		memcpy(EXT2_I(inode)->i_data, target, len);
	} else {
		err = ext2_get_block(inode, 0, true, &bno, NULL);
		if (err)
			return err;
		bh = sb_bread(inode->i_sb, bno);
		if (!bh)
			return -EIO;
		memset(bh->b_data, 0, bh->b_size);
		memcpy(bh->b_data, target, len);
		mark_buffer_dirty(bh);
		brelse(bh);
	}
	inode->size = (loff_t)len;
	return ext2_write_inode(inode);
}

static int ext2_symlink(struct inode *dir, const char *name, size_t len, const char *target)
{
	size_t tlen = strlen(target);
	long ino = ext2_inode_by_name(dir, name, len);
	struct inode *inode;
	int err;

	if (len > 255 || tlen + 1 > dir->i_sb->s_blocksize)
		return -ENAMETOOLONG;
	if (ino)
		return ino < 0 ? (int)ino : -EEXIST;
	inode = ext2_new_inode(dir, S_IFLNK | 0777);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	err = ext2_symlink_write(inode, target, tlen);
	if (!err)
		err = ext2_add_link(dir, name, len, inode);
	if (err) {
		discard_inode(inode);
		return err;
	}
	iput(inode);
	return 0;
}

static int ext2_get_link(struct inode *inode, char *buf, size_t size)
{
	size_t len = (size_t)inode->size;
	struct buffer_head *bh;
	u32 bno;
	int err;

	if (len >= size || len >= inode->i_sb->s_blocksize)
		return -ENAMETOOLONG;
	if (ext2_is_fast_symlink(inode)) {
		if (len >= sizeof(EXT2_I(inode)->i_data))
			return -EIO;
		memcpy(buf, EXT2_I(inode)->i_data, len);
	} else {
		err = ext2_get_block(inode, 0, false, &bno, NULL);
		if (err || !bno)
			return err ? err : -EIO;
		bh = sb_bread(inode->i_sb, bno);
		if (!bh)
			return -EIO;
		memcpy(buf, bh->b_data, len);
		brelse(bh);
	}
	buf[len] = '\0';
	return (int)len;
}

/* The checks of rename(2) that need both inodes; 0 or -errno. */
static int may_rename(struct inode *old_inode, struct inode *new_inode, struct inode *new_dir)
{
	if (S_ISDIR(old_inode->mode) && is_subdir(new_dir, old_inode))
		return -EINVAL; /* into itself */
	if (!new_inode)
		return S_ISDIR(old_inode->mode) && new_dir->nlink >= EXT2_LINK_MAX ? -EMLINK : 0;
	if (S_ISDIR(old_inode->mode) && !S_ISDIR(new_inode->mode))
		return -ENOTDIR;
	if (!S_ISDIR(old_inode->mode) && S_ISDIR(new_inode->mode))
		return -EISDIR;
	if (S_ISDIR(new_inode->mode)) {
		int empty = ext2_empty_dir(new_inode);

		return empty < 0 ? empty : empty ? 0 : -ENOTEMPTY;
	}
	return 0;
}

/* Point new_name at old_inode: over new_inode if there is one; 0 or -errno. */
static int rename_target(struct inode *new_dir, const char *name, size_t len,
			 struct inode *old_inode, struct inode *new_inode)
{
	int err;

	if (!new_inode) {
		err = ext2_add_link(new_dir, name, len, old_inode);
		if (!err && S_ISDIR(old_inode->mode)) {
			new_dir->nlink++;
			err = ext2_write_inode(new_dir);
		}
		return err;
	}
	err = ext2_set_link(new_dir, name, len, old_inode);
	if (err)
		return err;
	new_inode->nlink = S_ISDIR(new_inode->mode) ? 0 : new_inode->nlink - 1;
	new_inode->ctime = ext2_now();
	return ext2_write_inode(new_inode);
}

/* Move old_name in old_dir to new_name in new_dir, over what is there; 0 or -errno. */
static int rename_names(struct inode *old_dir, const char *old_name, size_t old_len,
			struct inode *new_dir, const char *new_name, size_t new_len)
{
	long old_ino = ext2_inode_by_name(old_dir, old_name, old_len);
	long new_ino = ext2_inode_by_name(new_dir, new_name, new_len);
	struct inode *old_inode, *new_inode = NULL;
	int err;

	if (old_ino <= 0)
		return old_ino ? (int)old_ino : -ENOENT;
	if (new_ino < 0)
		return (int)new_ino;
	if (new_len > 255)
		return -ENAMETOOLONG;
	if (new_ino == old_ino)
		return 0; /* two names of one file: POSIX says do nothing */
	old_inode = ext2_iget(old_dir->i_sb, (unsigned long)old_ino);
	if (IS_ERR(old_inode))
		return -EIO;
	if (new_ino) {
		new_inode = ext2_iget(new_dir->i_sb, (unsigned long)new_ino);
		if (IS_ERR(new_inode)) {
			iput(old_inode);
			return -EIO;
		}
	}
	err = may_rename(old_inode, new_inode, new_dir);
	if (!err)
		err = rename_target(new_dir, new_name, new_len, old_inode, new_inode);
	if (!err)
		err = ext2_delete_entry(old_dir, old_name, old_len);
	if (!err && S_ISDIR(old_inode->mode)) {
		if (old_dir != new_dir)
			err = ext2_set_link(old_inode, "..", 2, new_dir);
		old_dir->nlink--;
		ext2_write_inode(old_dir);
		old_inode->parent = new_dir;
	}
	if (!err) {
		old_inode->ctime = ext2_now();
		ext2_write_inode(old_inode);
	}
	iput(new_inode);
	iput(old_inode);
	return err;
}

/* The VFS hands the inodes too (fs/namei.c); the icache finds the same ones. */
static int ext2_unlink(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	(void)inode;
	return ext2_remove(dir, name, len);
}

static int ext2_rename(const struct renamedata *rd)
{
	if (rd->flags)
		return -EINVAL; /* RENAME_NOREPLACE is the VFS's own check */
	return rename_names(rd->old_dir, rd->old_name, rd->old_len, rd->new_dir, rd->new_name,
			    rd->new_len);
}

/* chmod and utimensat changed the inode: write it. */
static int ext2_setattr(struct inode *inode)
{
	return ext2_write_inode(inode);
}

/* truncate(2): cached pages first, then the blocks; 0 or -errno. */
static int ext2_setsize(struct inode *inode, loff_t size)
{
	if (size < 0)
		return -EINVAL;
	if ((u64)size > ext2_max_size(inode->i_sb))
		return -EFBIG;
	if (sb_rdonly(inode->i_sb))
		return -EROFS;
	ext2_truncate_pagecache(inode, size);
	if (size < inode->size)
		return ext2_truncate_blocks(inode, size);
	inode->size = size;
	inode->mtime = inode->ctime = ext2_now();
	return ext2_write_inode(inode);
}

const struct inode_operations ext2_dir_inode_operations = {
	.lookup = ext2_lookup,
	.create = ext2_create,
	.unlink = ext2_unlink,
	.rmdir = ext2_unlink,
	.evict_inode = ext2_evict_inode,
	.setattr = ext2_setattr,
	.link = ext2_link,
	.symlink = ext2_symlink,
	.rename = ext2_rename,
};

const struct inode_operations ext2_file_inode_operations = {
	.truncate = ext2_setsize,
	.evict_inode = ext2_evict_inode,
	.setattr = ext2_setattr,
};

const struct inode_operations ext2_symlink_inode_operations = {
	.evict_inode = ext2_evict_inode,
	.setattr = ext2_setattr,
	.get_link = ext2_get_link,
};

static const struct inode_operations ext2_special_inode_operations = {
	.evict_inode = ext2_evict_inode,
	.setattr = ext2_setattr,
};
