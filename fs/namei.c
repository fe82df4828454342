/*
 * Path names: from a string to an inode (Linux's fs/namei.c, without the
 * dentry cache or permissions).
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
 * Symbolic links (Linux's pick_link): a link met before the last
 * component is always followed, the last one when the caller asks
 * (LOOKUP_FOLLOW: stat, open without O_NOFOLLOW) or a '/' follows it. The
 * rest of the path is spliced after the link's target into a new buffer
 * (nd->link_buf) and the walk goes on from the link's directory, or from
 * "/" for an absolute target. Linux keeps a stack of the links in
 * progress instead; splicing gives the same answers with one buffer. Over
 * MAXSYMLINKS (40) links in one lookup give ELOOP, as Linux.
 *
 *     "a/l/c", l -> "/x/y"   walks  a, then "/x/y/c" from "/"
 *     "a/l",   l -> "b"      walks  a, then "b" from a (LOOKUP_FOLLOW)
 *
 * References: the walk holds exactly one inode reference at a time, on the
 * directory it stands in, and hands the final one to the caller. The
 * calls that change names are in fs/namei_ops.c, mounting in
 * fs/namespace.c, the path of a directory (getcwd) in fs/d_path.c.
 */
#include "fs/internal.h"
#include "kernel/lib/string.h"
#include "mm/slab.h"

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

/* Start a walk of path from cwd (or "/" for an absolute path or no cwd); 0 or -errno. */
static int path_init(struct nameidata *nd, struct inode *cwd, const char *path)
{
	nd->inode = NULL;
	nd->last = NULL;
	nd->link_buf = NULL;
	nd->total_link_count = 0;
	if (!*path)
		return -ENOENT;
	if (strnlen(path, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	nd->inode = follow_mount(igrab(*path == '/' || !cwd ? root_inode : cwd));
	nd->rest = path;
	return 0;
}

/* The end of every walk, failed or not: drop the directory and the spliced path. */
void terminate_walk(struct nameidata *nd)
{
	iput(nd->inode);
	kfree(nd->link_buf);
	nd->inode = NULL;
	nd->last = NULL;
	nd->link_buf = NULL;
}

/*
 * Go through the symbolic link inode met in nd->inode (Linux's pick_link):
 * the rest of the walk becomes the link's target, then "/" and rest if
 * rest is not NULL. An absolute target starts again at "/". Takes inode's
 * reference. 0, -ELOOP past MAXSYMLINKS links, -ENAMETOOLONG, -ENOMEM.
 */
static int pick_link(struct nameidata *nd, struct inode *inode, const char *rest)
{
	size_t rest_len = rest ? strlen(rest) : 0;
	char *buf;
	int len;

	if (nd->total_link_count++ >= MAXSYMLINKS) {
		iput(inode);
		return -ELOOP;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	len = !buf		      ? -ENOMEM
	      : inode->i_op->get_link ? inode->i_op->get_link(inode, buf, PATH_MAX)
				      : -EINVAL;
	iput(inode);
	if (len >= 0 && (size_t)len + 1 + rest_len >= PATH_MAX)
		len = -ENAMETOOLONG;
	if (len < 0) {
		kfree(buf);
		return len;
	}
	buf[len] = '\0';
	if (rest) {
		buf[len] = '/';
		memcpy(buf + len + 1, rest, rest_len + 1);
	}
	kfree(nd->link_buf);
	nd->link_buf = buf;
	nd->rest = buf;
	if (*buf == '/') {
		iput(nd->inode);
		nd->inode = follow_mount(igrab(root_inode));
	}
	return 0;
}

/*
 * Walk every component of nd->rest but the last, through the symbolic
 * links met on the way. On success nd->inode is the directory the last
 * component is in (referenced) and nd->last names it. Either way the
 * caller ends with terminate_walk.
 */
static int link_path_walk(struct nameidata *nd)
{
	const char *s = nd->rest, *path = s;
	int err;

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
		err = IS_ERR(next) ? (int)PTR_ERR(next) : 0;
		if (!err && S_ISLNK(next->mode)) {
			err = pick_link(nd, next, s);
			s = path = nd->rest;
			if (!err)
				continue;
		}
		if (err)
			return err;
		iput(nd->inode);
		nd->inode = next;
	}
}

/*
 * The walk of cwd/path up to its last component, links on the way
 * followed (path_init and link_path_walk); 0 or -errno. Either way the
 * caller ends with terminate_walk.
 */
int path_parentat(struct nameidata *nd, struct inode *cwd, const char *path)
{
	int err = path_init(nd, cwd, path);

	return err ? err : link_path_walk(nd);
}

/*
 * The inode the last component names, referenced, or ERR_PTR (Linux's
 * lookup_last and step_into): a symbolic link there is followed when
 * follow is set or a '/' comes after it, and the walk goes on from its
 * target. nd->inode and nd->last then describe the last link's target.
 */
static struct inode *walk_last(struct nameidata *nd, bool follow)
{
	for (;;) {
		struct inode *inode;
		int err;

		if (!nd->last)
			return igrab(nd->inode); /* "/" */
		inode = walk_component(nd->inode, nd->last, nd->last_len);
		if (IS_ERR(inode) || !S_ISLNK(inode->mode) || !(follow || nd->trailing_slash))
			return inode;
		err = pick_link(nd, inode, nd->trailing_slash ? "" : NULL);
		if (!err)
			err = link_path_walk(nd);
		if (err)
			return ERR_PTR(err);
	}
}

struct inode *filename_lookup(struct inode *cwd, const char *path, unsigned int flags)
{
	struct nameidata nd;
	struct inode *inode;
	int err = path_parentat(&nd, cwd, path);

	inode = err ? ERR_PTR(err) : walk_last(&nd, flags & LOOKUP_FOLLOW);
	if (!IS_ERR(inode) && nd.trailing_slash && !S_ISDIR(inode->mode)) {
		iput(inode);
		inode = ERR_PTR(-ENOTDIR);
	}
	terminate_walk(&nd);
	return inode;
}

struct inode *path_lookupat(struct inode *cwd, const char *path)
{
	return filename_lookup(cwd, path, LOOKUP_FOLLOW);
}

/* An O_CREAT open's last component is a name to create (else EISDIR). */
static bool creatable(const struct nameidata *nd)
{
	return nd->last && !nd->trailing_slash && !is_dot(nd->last, nd->last_len) &&
	       !is_dotdot(nd->last, nd->last_len);
}

/* Create nd's last component as a regular file; the new inode or ERR_PTR. */
static struct inode *create_last(struct nameidata *nd, umode_t mode)
{
	struct inode *inode;
	int err;

	if (!creatable(nd))
		return ERR_PTR(-EISDIR); /* a link whose target ends in '/' */
	if (IS_DEADDIR(nd->inode))
		return ERR_PTR(-ENOENT); /* removed while in use */
	if (!nd->inode->i_op->create)
		return ERR_PTR(-EACCES);
	/* no umask(2): every process has Linux's default umask 022 */
	err = nd->inode->i_op->create(nd->inode, nd->last, nd->last_len,
				      S_IFREG | (mode & S_IALLUGO & ~022), 0, &inode);
	return err ? ERR_PTR(err) : inode;
}

/*
 * The inode an open(2) of path names (Linux's path_openat): a trailing
 * symbolic link is followed unless O_NOFOLLOW (then ELOOP) or
 * O_CREAT|O_EXCL (then EEXIST); with O_CREAT a missing last name, or a
 * dangling link's target, is created as a regular file with mode (less
 * the umask). Referenced, or ERR_PTR.
 */
static struct inode *lookup_open(struct inode *cwd, const char *path, int flags, umode_t mode)
{
	bool excl = (flags & O_CREAT) && (flags & O_EXCL);
	struct nameidata nd;
	struct inode *inode;
	int err = path_parentat(&nd, cwd, path);

	if (err)
		inode = ERR_PTR(err);
	else if ((flags & O_CREAT) && !creatable(&nd))
		inode = ERR_PTR(-EISDIR);
	else
		inode = walk_last(&nd, !(flags & O_NOFOLLOW) && !excl);
	if (IS_ERR(inode) && PTR_ERR(inode) == -ENOENT && (flags & O_CREAT) && nd.last)
		inode = create_last(&nd, mode);
	else if (!IS_ERR(inode) && (excl || S_ISLNK(inode->mode))) {
		iput(inode);
		inode = ERR_PTR(excl ? -EEXIST : -ELOOP);
	} else if (!IS_ERR(inode) && nd.trailing_slash && !S_ISDIR(inode->mode)) {
		iput(inode);
		inode = ERR_PTR(-ENOTDIR);
	}
	terminate_walk(&nd);
	return inode;
}

struct file *do_filp_open(struct inode *cwd, const char *path, int flags, umode_t mode)
{
	struct inode *inode;
	struct file *f;
	bool writing = (flags & O_ACCMODE) == O_WRONLY || (flags & O_ACCMODE) == O_RDWR;

	inode = lookup_open(cwd, path, flags, mode);
	if (IS_ERR(inode))
		return (struct file *)inode;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
		f = ERR_PTR(-ENOTDIR);
	else if (S_ISDIR(inode->mode) && (writing || (flags & O_CREAT)))
		f = ERR_PTR(-EISDIR);
	else
		f = open_inode(inode, flags);
	if (!IS_ERR(f) && S_ISREG(inode->mode))
		file_set_name(f, cwd, path);
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

/*
 * Walk path to the directory of its last component and look that up,
 * without following a link there: nd->inode is the directory, *res the
 * named inode (both referenced; the caller ends with terminate_walk) or
 * NULL if the name does not exist. A last component of "." or ".." is
 * refused with err_dot or err_dotdot, as Linux refuses LAST_DOT and
 * LAST_DOTDOT, and "/" with -EBUSY; nd then holds nothing.
 */
int lookup_last(struct inode *cwd, const char *path, struct nameidata *nd, struct inode **res,
		int err_dot, int err_dotdot)
{
	struct inode *inode;
	int err = path_parentat(nd, cwd, path);

	*res = NULL;
	if (err)
		/* the walk failed */;
	else if (!nd->last)
		err = -EBUSY;
	else if (is_dot(nd->last, nd->last_len))
		err = err_dot;
	else if (is_dotdot(nd->last, nd->last_len))
		err = err_dotdot;
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
		terminate_walk(nd);
	return err;
}
