/*
 * Path names: from a string to an inode (Linux's fs/namei.c, without the
 * dentry cache, symlinks or permissions).
 *
 * A path is split at '/'; repeated slashes count as one. An absolute path
 * starts at root_inode, a relative one at the caller's working directory.
 * Every component but the last must be a directory (else ENOTDIR); "."
 * stays, ".." goes to the parent ("/.." is "/"); a name longer than
 * NAME_MAX gives ENAMETOOLONG; a missing one ENOENT. Stepping onto a
 * directory with a file system mounted on it continues at that file
 * system's root, and ".." from such a root leaves through the directory it
 * covers.
 *
 * References: the walk holds exactly one inode reference at a time, on the
 * directory it stands in, and hands the final one to the caller.
 *
 * The calls that change names live here too: open's O_CREAT, mkdir, and
 * unlink, rmdir and rename (do_unlinkat, do_rmdir, do_renameat2), which
 * check Linux's rules in vfs_unlink, vfs_rmdir and vfs_rename and then
 * ask the file system's inode_operations. The path of a directory
 * (getcwd) is in fs/d_path.c.
 */
#include "fs/fs.h"
#include "kernel/lib/string.h"

struct nameidata {
	struct inode *inode; /* where the walk stands (referenced) */
	const char *last;    /* the last component (not walked), or NULL for "/" */
	size_t last_len;
	bool trailing_slash; /* the path ended in '/' */
};

static bool is_dot(const char *name, size_t len)
{
	return len == 1 && name[0] == '.';
}

static bool is_dotdot(const char *name, size_t len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}

/* Follow mounts: a directory covered by a file system becomes that file system's root. */
static struct inode *follow_mount(struct inode *inode)
{
	while (inode->mounted) {
		struct inode *next = igrab(inode->mounted);

		iput(inode);
		inode = next;
	}
	return inode;
}

/* The inode named name in dir, referenced, or ERR_PTR. dir keeps its reference. */
static struct inode *walk_component(struct inode *dir, const char *name, size_t len)
{
	struct inode *inode;

	if (!S_ISDIR(dir->mode))
		return ERR_PTR(-ENOTDIR);
	if (is_dot(name, len))
		return igrab(dir);
	if (is_dotdot(name, len)) {
		if (dir->mountpoint)
			dir = dir->mountpoint;
		return follow_mount(igrab(dir->parent));
	}
	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	if (!dir->i_op || !dir->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	inode = dir->i_op->lookup(dir, name, len);
	if (IS_ERR(inode))
		return inode;
	if (!inode)
		return ERR_PTR(-ENOENT);
	return follow_mount(inode);
}

/*
 * Walk every component of path but the last. On success nd->inode is the
 * directory the last component is in (referenced) and nd->last names it.
 */
static int link_path_walk(struct inode *cwd, const char *path, struct nameidata *nd)
{
	const char *s = path;

	if (!*path)
		return -ENOENT;
	if (strnlen(path, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	nd->inode = follow_mount(igrab(*path == '/' || !cwd ? root_inode : cwd));
	nd->last = NULL;
	nd->last_len = 0;
	nd->trailing_slash = false;
	for (;;) {
		const char *name;
		struct inode *next;
		size_t len;

		while (*s == '/')
			s++;
		if (!*s) {
			nd->trailing_slash = s > path && nd->last;
			return 0;
		}
		name = s;
		while (*s && *s != '/')
			s++;
		len = (size_t)(s - name);
		while (*s == '/')
			s++;
		if (!*s) {
			nd->last = name;
			nd->last_len = len;
			nd->trailing_slash = s[-1] == '/';
			return 0;
		}
		next = walk_component(nd->inode, name, len);
		if (IS_ERR(next)) {
			iput(nd->inode);
			return (int)PTR_ERR(next);
		}
		iput(nd->inode);
		nd->inode = next;
	}
}

struct inode *path_lookupat(struct inode *cwd, const char *path)
{
	struct nameidata nd;
	struct inode *inode;
	int err = link_path_walk(cwd, path, &nd);

	if (err)
		return ERR_PTR(err);
	if (!nd.last)
		return nd.inode; /* "/" */
	inode = walk_component(nd.inode, nd.last, nd.last_len);
	iput(nd.inode);
	if (!IS_ERR(inode) && nd.trailing_slash && !S_ISDIR(inode->mode)) {
		iput(inode);
		return ERR_PTR(-ENOTDIR);
	}
	return inode;
}

/*
 * The inode for an O_CREAT open: found, or created as a regular file with
 * mode (less the umask) in its directory. Referenced, or ERR_PTR.
 */
static struct inode *lookup_create(struct inode *cwd, const char *path, int flags, umode_t mode)
{
	struct nameidata nd;
	struct inode *inode;
	int err = link_path_walk(cwd, path, &nd);

	if (err)
		return ERR_PTR(err);
	if (!nd.last || nd.trailing_slash || is_dot(nd.last, nd.last_len) ||
	    is_dotdot(nd.last, nd.last_len)) {
		iput(nd.inode);
		return ERR_PTR(-EISDIR);
	}
	inode = walk_component(nd.inode, nd.last, nd.last_len);
	if (IS_ERR(inode) && PTR_ERR(inode) == -ENOENT) {
		if (IS_DEADDIR(nd.inode))
			inode = ERR_PTR(-ENOENT); /* removed while in use */
		else if (!nd.inode->i_op->create)
			inode = ERR_PTR(-EACCES);
		else {
			/* no umask(2): every process has Linux's default umask 022 */
			err =
			    nd.inode->i_op->create(nd.inode, nd.last, nd.last_len,
						   S_IFREG | (mode & S_IALLUGO & ~022), 0, &inode);
			if (err)
				inode = ERR_PTR(err);
		}
	} else if (!IS_ERR(inode) && (flags & O_EXCL)) {
		iput(inode);
		inode = ERR_PTR(-EEXIST);
	}
	iput(nd.inode);
	return inode;
}

struct file *do_filp_open(struct inode *cwd, const char *path, int flags, umode_t mode)
{
	struct inode *inode;
	struct file *f;
	bool writing = (flags & O_ACCMODE) == O_WRONLY || (flags & O_ACCMODE) == O_RDWR;

	if (flags & O_CREAT)
		inode = lookup_create(cwd, path, flags, mode);
	else
		inode = path_lookupat(cwd, path);
	if (IS_ERR(inode))
		return (struct file *)inode;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
		f = ERR_PTR(-ENOTDIR);
	else if (S_ISDIR(inode->mode) && (writing || (flags & O_CREAT)))
		f = ERR_PTR(-EISDIR);
	else
		f = open_inode(inode, flags);
	if (!IS_ERR(f) && (flags & O_TRUNC) && S_ISREG(inode->mode) && inode->i_op->truncate) {
		int err = inode->i_op->truncate(inode, 0);

		if (err) {
			fput(f);
			f = ERR_PTR(err);
		}
	}
	iput(inode);
	return f;
}

int do_mkdirat(struct inode *cwd, const char *path, umode_t mode)
{
	struct nameidata nd;
	struct inode *inode;
	int err = link_path_walk(cwd, path, &nd);

	if (err)
		return err;
	if (!nd.last || is_dot(nd.last, nd.last_len) || is_dotdot(nd.last, nd.last_len)) {
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
	iput(nd.inode);
	return err;
}

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

/* Is dir the directory anc or below it (Linux's is_subdir)? */
static bool is_subdir(struct inode *dir, struct inode *anc)
{
	for (;;) {
		if (dir == anc)
			return true;
		if (!dir->parent || dir->parent == dir)
			return false;
		dir = dir->parent;
	}
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
	struct inode *old = rd->old_inode, *new = rd->new_inode;
	int err;

	if (old == new)
		return 0;
	if (is_mount(old) || (new &&is_mount(new)))
		return -EBUSY;
	if (S_ISDIR(old->mode) && is_subdir(rd->new_dir, old))
		return -EINVAL;
	if (new &&S_ISDIR(old->mode) && !S_ISDIR(new->mode))
		return -ENOTDIR;
	if (new && !S_ISDIR(old->mode) && S_ISDIR(new->mode))
		return -EISDIR;
	if (!rd->old_dir->i_op->rename)
		return -EPERM;
	err = rd->old_dir->i_op->rename(rd);
	if (!err && new &&S_ISDIR(new->mode))
		new->i_flags |= S_DEAD;
	return err;
}

/*
 * Walk path to the directory of its last component and look that up:
 * nd->inode is the directory, *res the named inode (both referenced) or
 * NULL if the name does not exist. A last component of "." or ".." (or
 * "/") is refused with err_special, as Linux refuses LAST_DOT/LAST_DOTDOT.
 */
static int lookup_last(struct inode *cwd, const char *path, struct nameidata *nd,
		       struct inode **res, int err_special)
{
	struct inode *inode;
	int err = link_path_walk(cwd, path, nd);

	if (err)
		return err;
	*res = NULL;
	if (!nd->last || is_dot(nd->last, nd->last_len) || is_dotdot(nd->last, nd->last_len))
		err = !nd->last ? -EBUSY : err_special;
	else if (!S_ISDIR(nd->inode->mode))
		err = -ENOTDIR;
	if (!err) {
		inode = walk_component(nd->inode, nd->last, nd->last_len);
		if (!IS_ERR(inode))
			*res = inode;
		else if (PTR_ERR(inode) != -ENOENT)
			err = (int)PTR_ERR(inode);
	}
	if (err)
		iput(nd->inode);
	return err;
}

int do_unlinkat(struct inode *cwd, const char *path)
{
	struct nameidata nd;
	struct inode *inode;
	int err = lookup_last(cwd, path, &nd, &inode, -EISDIR);

	if (err)
		return err == -EBUSY ? -EISDIR : err; /* unlink("/") */
	if (!inode)
		err = -ENOENT;
	else if (nd.trailing_slash)
		err = S_ISDIR(inode->mode) ? -EISDIR : -ENOTDIR;
	else
		err = vfs_unlink(nd.inode, nd.last, nd.last_len, inode);
	iput(inode);
	iput(nd.inode);
	return err;
}

int do_rmdir(struct inode *cwd, const char *path)
{
	struct nameidata nd;
	struct inode *inode;
	int err;

	/* Linux: rmdir(".") is EINVAL, rmdir("..") ENOTEMPTY, rmdir("/") EBUSY */
	err = lookup_last(cwd, path, &nd, &inode, -EINVAL);
	if (err == -EINVAL && nd.last && is_dotdot(nd.last, nd.last_len))
		err = -ENOTEMPTY;
	if (err)
		return err;
	err = inode ? vfs_rmdir(nd.inode, nd.last, nd.last_len, inode) : -ENOENT;
	iput(inode);
	iput(nd.inode);
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
	err = lookup_last(old_cwd, old_path, &old_nd, &old_inode, -EBUSY);
	if (err)
		return err;
	if (!old_inode) {
		iput(old_nd.inode);
		return -ENOENT;
	}
	rd.old_dir = old_nd.inode;
	rd.old_name = old_nd.last;
	rd.old_len = old_nd.last_len;
	rd.old_inode = old_inode;
	err = old_nd.trailing_slash && !S_ISDIR(old_inode->mode) ? -ENOTDIR : 0;
	if (!err)
		err = lookup_last(new_cwd, new_path, &new_nd, &new_inode, -EBUSY);
	if (!err) {
		err = rename_target(&rd, &new_nd, new_inode);
		if (!err)
			err = vfs_rename(&rd);
		iput(new_inode);
		iput(new_nd.inode);
	}
	iput(old_inode);
	iput(old_nd.inode);
	return err;
}

/* ---- link, symlink (Linux's do_linkat, do_symlinkat) ---- */

int do_linkat(struct inode *cwd, const char *old_path, const char *new_path)
{
	struct inode *old = path_lookupat(cwd, old_path), *inode;
	struct nameidata nd;
	int err;

	if (IS_ERR(old))
		return (int)PTR_ERR(old);
	err = S_ISDIR(old->mode) ? -EPERM : lookup_last(cwd, new_path, &nd, &inode, -EEXIST);
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
	iput(nd.inode);
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
	err = lookup_last(cwd, path, &nd, &inode, -EEXIST);
	if (err)
		return err == -EBUSY ? -EEXIST : err;
	if (inode)
		err = -EEXIST;
	else if (!nd.inode->i_op->symlink)
		err = -EPERM;
	else
		err = nd.inode->i_op->symlink(nd.inode, nd.last, nd.last_len, target);
	iput(inode);
	iput(nd.inode);
	return err;
}
