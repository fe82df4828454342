/*
 * What fs/ramfs.c (directories, the root, inodes) and fs/ramfs_file.c
 * (regular files' pages) share.
 */
#ifndef FS_RAMFS_H
#define FS_RAMFS_H

#include "fs/fs.h"

struct ramfs_leaf;

struct ramfs_inode {
	struct inode vfs_inode;
	struct list_head entries;   /* directories: struct ramfs_dirent */
	struct ramfs_leaf **leaves; /* regular files: the top of the page table */
	unsigned long nr_leaves;    /* its length */
};

static inline struct ramfs_inode *RAMFS_I(struct inode *inode)
{
	return container_of(inode, struct ramfs_inode, vfs_inode);
}

extern const struct file_operations ramfs_file_operations;
/* Shrink or extend (with a hole) to size; what lies past size is freed or zeroed. */
int ramfs_truncate(struct inode *inode, loff_t size);

#endif
