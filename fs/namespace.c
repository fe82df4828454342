/*
 * Mounting (Linux's fs/namespace.c, reduced): a file system's root inode
 * hangs on the directory it covers (dir->mounted) and knows that
 * directory (fs_root->mountpoint); path lookup (fs/namei.c) steps across
 * in both directions. There are no vfsmount objects: one file system per
 * directory, each root mounted once.
 */
#include "fs/fs.h"

int mount_inode(struct inode *dir, struct inode *fs_root)
{
	if (!S_ISDIR(dir->mode) || !S_ISDIR(fs_root->mode)) {
		iput(dir);
		return -ENOTDIR;
	}
	/* one file system per directory, mounted once (lookup went onto any mount already there) */
	if (dir->mounted || dir->mountpoint || fs_root->mountpoint || dir == root_inode) {
		iput(dir);
		return -EBUSY;
	}
	/* The caller's reference pins the mount point. */
	dir->mounted = igrab(fs_root);
	fs_root->mountpoint = dir;
	return 0;
}

void umount_inode(struct inode *fs_root)
{
	struct inode *dir = fs_root->mountpoint;

	dir->mounted = NULL;
	fs_root->mountpoint = NULL;
	iput(fs_root);
	iput(dir);
}

int mount_at(const char *path, struct inode *fs_root)
{
	struct inode *dir = path_lookupat(NULL, path);

	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	return mount_inode(dir, fs_root);
}
