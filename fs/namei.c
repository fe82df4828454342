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
 */
#include "fs/fs.h"
#include "kernel/lib/string.h"

struct nameidata {
	struct inode *inode;	/* where the walk stands (referenced) */
	const char *last;	/* the last component (not walked), or NULL for "/" */
	size_t last_len;
	bool trailing_slash;	/* the path ended in '/' */
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
		return nd.inode;	/* "/" */
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
		if (!nd.inode->i_op->create)
			inode = ERR_PTR(-EACCES);
		else {
			/* no umask(2) yet: every process has Linux's default umask 022 */
			err = nd.inode->i_op->create(nd.inode, nd.last, nd.last_len,
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

int mount_at(const char *path, struct inode *fs_root)
{
	struct inode *dir = path_lookupat(NULL, path);

	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	if (!S_ISDIR(dir->mode) || !S_ISDIR(fs_root->mode)) {
		iput(dir);
		return -ENOTDIR;
	}
	/* one file system per directory, mounted once (lookup went onto any mount already there) */
	if (dir->mounted || dir->mountpoint || fs_root->mountpoint || dir == root_inode) {
		iput(dir);
		return -EBUSY;
	}
	/* The reference from the lookup pins the mount point. */
	dir->mounted = igrab(fs_root);
	fs_root->mountpoint = dir;
	return 0;
}

/* Actor for find_name: remember the name whose inode number is ctx's target. */
struct find_name_ctx {
	struct dir_context ctx;
	unsigned long ino;
	char *name;		/* NAME_MAX + 1 bytes */
	bool found;
};

static bool find_name_actor(struct dir_context *ctx, const char *name, int namelen, loff_t pos,
			    u64 ino, unsigned int d_type)
{
	struct find_name_ctx *f = container_of(ctx, struct find_name_ctx, ctx);

	(void)pos;
	(void)d_type;
	if (ino != f->ino || is_dot(name, namelen) || is_dotdot(name, namelen))
		return true;
	memcpy(f->name, name, namelen);
	f->name[namelen] = '\0';
	f->found = true;
	return false;
}

/* The name of child in directory dir, by reading dir (as getcwd did before dcache). */
static int find_name(struct inode *dir, struct inode *child, char *name)
{
	struct find_name_ctx f = { { find_name_actor, 0 }, child->ino, name, false };
	struct file *file = open_inode(dir, O_RDONLY | O_DIRECTORY);

	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	if (file->f_op->iterate_shared)
		file->f_op->iterate_shared(file, &f.ctx);
	fput(file);
	return f.found ? 0 : -ENOENT;
}

int inode_path(struct inode *dir, char *buf, size_t size)
{
	char name[NAME_MAX + 1];
	size_t len = 0;		/* bytes of the path, kept at the end of buf */

	if (size < 2)
		return -ERANGE;
	while (dir != root_inode) {
		struct inode *here = dir->mountpoint ? dir->mountpoint : dir;
		size_t n;
		int err = find_name(here->parent, here, name);

		if (err)
			return err;
		n = strlen(name);
		if (len + n + 2 > size)
			return -ERANGE;
		memcpy(buf + size - len - n, name, n);
		buf[size - len - n - 1] = '/';
		len += n + 1;
		dir = here->parent;
	}
	if (!len) {
		strlcpy(buf, "/", size);
		return 1;
	}
	memmove(buf, buf + size - len, len);
	buf[len] = '\0';
	return (int)len;
}
