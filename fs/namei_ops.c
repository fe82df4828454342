/*
 * The calls that change names (the second half of Linux's fs/namei.c):
 * mkdir, and unlink, rmdir and rename (do_unlinkat, do_rmdir,
 * do_renameat2), which check Linux's rules in vfs_unlink, vfs_rmdir and
 * vfs_rename and then ask the file system's inode_operations; link and
 * symlink. Each walks its path with fs/namei.c's path_parentat or
 * lookup_last, which follow symbolic links on the way but not a link
 * that is the last component: unlink removes the link, rename moves it.
 */
#include "fs/internal.h"

int do_mkdirat(struct inode *cwd, const char *path, umode_t mode)
{
	struct nameidata nd;
	struct inode *inode;
	int err = path_parentat(&nd, cwd, path);

	if (err) {
		/* the walk failed */
	} else if (!nd.last || is_dot(nd.last, nd.last_len) || is_dotdot(nd.last, nd.last_len)) {
		err = -EEXIST;
	} else if (!S_ISDIR(nd.inode->mode)) {
		err = -ENOTDIR;
	} else if (IS_DEADDIR(nd.inode)) {
		err = -ENOENT;
	} else if (!nd.inode->i_op->create) {
		err = -EPERM;
	} else {
		err = nd.inode->i_op->create(nd.inode, nd.last, nd.last_len,
					     S_IFDIR | (mode & S_IALLUGO & ~022), 0, &inode);
		if (!err)
			iput(inode);
	}
	terminate_walk(&nd);
	return err;
}

/* ---- removing and renaming names (Linux's vfs_unlink, vfs_rmdir, vfs_rename) ---- */

/* The root of the file system dir is on: climb ".." until it stays put. */
static struct inode *fs_root_of(struct inode *dir)
{
	while (dir->parent && dir->parent != dir)
		dir = dir->parent;
	return dir;
}

/* A mount point or a mounted root: neither can be removed or renamed (EBUSY). */
static bool is_mount(struct inode *inode)
{
	return inode->mounted || inode->mountpoint || inode == root_inode;
}

int vfs_unlink(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (is_mount(inode))
		return -EBUSY;
	if (!dir->i_op->unlink)
		return -EPERM;
	return dir->i_op->unlink(dir, name, len, inode);
}

int vfs_rmdir(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	int err;

	if (!S_ISDIR(inode->mode))
		return -ENOTDIR;
	if (is_mount(inode))
		return -EBUSY;
	if (!dir->i_op->rmdir)
		return -EPERM;
	err = dir->i_op->rmdir(dir, name, len, inode);
	if (!err)
		inode->i_flags |= S_DEAD; /* a cwd still in it creates nothing there */
	return err;
}

/*
 * Linux's vfs_rename: the type rules, then the file system. Renaming a
 * name onto the same inode does nothing; a directory never moves into
 * itself or below itself (EINVAL).
 */
int vfs_rename(struct renamedata *rd)
{
	struct inode *old = rd->old_inode, *target = rd->new_inode;
	int err;

	if (old == target)
		return 0;
	if (is_mount(old) || (target && is_mount(target)))
		return -EBUSY;
	if (S_ISDIR(old->mode) && is_subdir(rd->new_dir, old))
		return -EINVAL;
	if (target && S_ISDIR(old->mode) && !S_ISDIR(target->mode))
		return -ENOTDIR;
	if (target && !S_ISDIR(old->mode) && S_ISDIR(target->mode))
		return -EISDIR;
	if (!rd->old_dir->i_op->rename)
		return -EPERM;
	err = rd->old_dir->i_op->rename(rd);
	if (!err && target && S_ISDIR(target->mode))
		target->i_flags |= S_DEAD;
	return err;
}

int do_unlinkat(struct inode *cwd, const char *path)
{
	struct nameidata nd;
	struct inode *inode;
	int err = lookup_last(cwd, path, &nd, &inode, -EISDIR, -EISDIR);

	if (err)
		return err == -EBUSY ? -EISDIR : err; /* unlink("/") */
	if (!inode)
		err = -ENOENT;
	else if (nd.trailing_slash)
		err = S_ISDIR(inode->mode) ? -EISDIR : -ENOTDIR;
	else
		err = vfs_unlink(nd.inode, nd.last, nd.last_len, inode);
	iput(inode);
	terminate_walk(&nd);
	return err;
}

int do_rmdir(struct inode *cwd, const char *path)
{
	struct nameidata nd;
	struct inode *inode;
	/* Linux: rmdir(".") is EINVAL, rmdir("..") ENOTEMPTY, rmdir("/") EBUSY */
	int err = lookup_last(cwd, path, &nd, &inode, -EINVAL, -ENOTEMPTY);

	if (err)
		return err;
	err = inode ? vfs_rmdir(nd.inode, nd.last, nd.last_len, inode) : -ENOENT;
	iput(inode);
	terminate_walk(&nd);
	return err;
}

/* Check and fill the new side of a rename (nd and its inode looked up). */
static int rename_target(struct renamedata *rd, struct nameidata *nd, struct inode *inode)
{
	rd->new_dir = nd->inode;
	rd->new_name = nd->last;
	rd->new_len = nd->last_len;
	rd->new_inode = inode;
	if (fs_root_of(rd->old_dir) != fs_root_of(rd->new_dir))
		return -EXDEV;
	if (inode && (rd->flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (!inode && IS_DEADDIR(rd->new_dir))
		return -ENOENT;
	/* "a/" names a directory: a trailing slash on either side needs old to be one */
	if (nd->trailing_slash && !S_ISDIR(rd->old_inode->mode))
		return -ENOTDIR;
	return 0;
}

int do_renameat2(struct inode *old_cwd, const char *old_path, struct inode *new_cwd,
		 const char *new_path, unsigned int flags)
{
	struct nameidata old_nd, new_nd;
	struct renamedata rd = { .flags = flags };
	struct inode *old_inode, *new_inode;
	int err;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL; /* RENAME_EXCHANGE and RENAME_WHITEOUT are not supported */
	err = lookup_last(old_cwd, old_path, &old_nd, &old_inode, -EBUSY, -EBUSY);
	if (err)
		return err;
	if (!old_inode) {
		terminate_walk(&old_nd);
		return -ENOENT;
	}
	rd.old_dir = old_nd.inode;
	rd.old_name = old_nd.last;
	rd.old_len = old_nd.last_len;
	rd.old_inode = old_inode;
	err = old_nd.trailing_slash && !S_ISDIR(old_inode->mode) ? -ENOTDIR : 0;
	if (!err)
		err = lookup_last(new_cwd, new_path, &new_nd, &new_inode, -EBUSY, -EBUSY);
	if (!err) {
		err = rename_target(&rd, &new_nd, new_inode);
		if (!err)
			err = vfs_rename(&rd);
		iput(new_inode);
		terminate_walk(&new_nd);
	}
	iput(old_inode);
	terminate_walk(&old_nd);
	return err;
}

/* ---- link, symlink (Linux's do_linkat, do_symlinkat) ---- */

/*
 * link(2) does not follow a symbolic link old_path names: it links the
 * link (linkat's AT_SYMLINK_FOLLOW gives flags LOOKUP_FOLLOW).
 */
int do_linkat(struct inode *old_cwd, const char *old_path, struct inode *new_cwd,
	      const char *new_path, unsigned int flags)
{
	struct inode *old = filename_lookup(old_cwd, old_path, flags), *inode;
	struct nameidata nd;
	int err;

	if (IS_ERR(old))
		return (int)PTR_ERR(old);
	err = S_ISDIR(old->mode) ? -EPERM
				 : lookup_last(new_cwd, new_path, &nd, &inode, -EEXIST, -EEXIST);
	if (err) {
		iput(old);
		return err == -EBUSY ? -EEXIST : err;
	}
	if (inode)
		err = -EEXIST;
	else if (old->i_sb != nd.inode->i_sb)
		err = -EXDEV;
	else if (!nd.inode->i_op->link)
		err = -EPERM;
	else
		err = nd.inode->i_op->link(old, nd.inode, nd.last, nd.last_len);
	iput(inode);
	terminate_walk(&nd);
	iput(old);
	return err;
}

int do_symlinkat(const char *target, struct inode *cwd, const char *path)
{
	struct nameidata nd;
	struct inode *inode;
	int err;

	if (!*target)
		return -ENOENT;
	err = lookup_last(cwd, path, &nd, &inode, -EEXIST, -EEXIST);
	if (err)
		return err == -EBUSY ? -EEXIST : err;
	if (inode)
		err = -EEXIST;
	else if (!nd.inode->i_op->symlink)
		err = -EPERM;
	else
		err = nd.inode->i_op->symlink(nd.inode, nd.last, nd.last_len, target);
	iput(inode);
	terminate_walk(&nd);
	return err;
}
