/*
 * The *at calls (Linux's fs/open.c, fs/stat.c, fs/namei.c entry points):
 * a path is resolved from a directory given by an open fd instead of the
 * working directory, or from the working directory for AT_FDCWD, and an
 * absolute path ignores the fd. glibc calls these for open, stat, access
 * and mkdir (openat, fstatat64, statx, faccessat, mkdirat), so the old
 * calls are this file's entries with AT_FDCWD.
 *
 * AT_SYMLINK_NOFOLLOW stops at a symbolic link that ends the path
 * (fstatat, statx, faccessat, utimensat); readlinkat never follows it and
 * reads the link's target (EINVAL for anything that is not a link). There
 * are no owners or permissions beyond root's: faccessat says a file exists
 * and, for X_OK, that one of its execute bits (or a directory's) is set,
 * as Linux answers root. statx has one clock value for all four times.
 */
#include "fs/file.h"
#include "fs/internal.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"
#include "mm/layout.h"
#include "mm/slab.h"

#define AT_EACCESS 0x200
#define AT_NO_AUTOMOUNT 0x800
#define AT_STATX_SYNC_TYPE 0x6000
#define X_OK 1
#define AT_REMOVEDIR 0x200
#define AT_SYMLINK_FOLLOW 0x400

/* The directory a relative path starts from: cwd for AT_FDCWD, else dfd's (not referenced). */
static struct inode *at_base(int dfd, const char *name)
{
	struct file *f;

	if (name[0] == '/' || dfd == AT_FDCWD)
		return current_cwd();
	f = fget(dfd);
	if (!f)
		return ERR_PTR(-EBADF);
	if (!S_ISDIR(f->inode->mode) && name[0])
		return ERR_PTR(-ENOTDIR);
	return f->inode;
}

/*
 * The inode dfd/path names, referenced, or ERR_PTR. With AT_EMPTY_PATH an
 * empty path means dfd's own file; otherwise it is -ENOENT, as Linux. A
 * symbolic link at the end is followed unless AT_SYMLINK_NOFOLLOW.
 */
struct inode *lookup_at(int dfd, const char __user *path, int flags)
{
	char *name = getname(path);
	struct inode *base, *inode;

	if (IS_ERR(name))
		return (struct inode *)name;
	base = at_base(dfd, name);
	if (IS_ERR(base))
		inode = base;
	else if (!name[0])
		inode = (flags & AT_EMPTY_PATH) ? igrab(base) : ERR_PTR(-ENOENT);
	else
		inode =
		    filename_lookup(base, name, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	putname(name);
	return inode;
}

long sys_openat(int dfd, const char __user *path, int flags, int mode)
{
	char *name = getname(path);
	struct inode *base;
	struct file *f;

	if (IS_ERR(name))
		return PTR_ERR(name);
	base = at_base(dfd, name);
	f = IS_ERR(base) ? (struct file *)base
			 : do_filp_open(base, name, flags, (umode_t)(mode & ~current->umask));
	putname(name);
	if (IS_ERR(f))
		return PTR_ERR(f);
	return fd_install_lowest(f, flags & O_CLOEXEC);
}

/* Copy path in and find where it starts (at_base): the kernel copy, or ERR_PTR (nothing held). */
static char *getname_at(int dfd, const char __user *path, struct inode **base)
{
	char *name = getname(path);

	if (IS_ERR(name))
		return name;
	*base = at_base(dfd, name);
	if (IS_ERR(*base)) {
		putname(name);
		return (char *)*base;
	}
	return name;
}

/*
 * The same for the two paths of rename and link: 0 or -errno (nothing held
 * then). Both paths are copied in before either start is looked at, as Linux.
 */
static int getname2_at(int olddfd, const char __user *oldpath, int newdfd,
		       const char __user *newpath, char **from, char **to, struct inode **bases)
{
	long err;

	*from = getname(oldpath);
	if (IS_ERR(*from))
		return (int)PTR_ERR(*from);
	*to = getname(newpath);
	if (!IS_ERR(*to)) {
		bases[0] = at_base(olddfd, *from);
		bases[1] = at_base(newdfd, *to);
	}
	err = IS_ERR(*to)	 ? PTR_ERR(*to)
	      : IS_ERR(bases[0]) ? PTR_ERR(bases[0])
	      : IS_ERR(bases[1]) ? PTR_ERR(bases[1])
				 : 0;
	if (err && !IS_ERR(*to))
		putname(*to);
	if (err)
		putname(*from);
	return (int)err;
}

long sys_mkdirat(int dfd, const char __user *path, int mode)
{
	struct inode *base;
	char *name = getname_at(dfd, path, &base);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_mkdirat(base, name, (umode_t)(mode & ~current->umask));
	putname(name);
	return err;
}

/* unlinkat(dfd, path, flags): unlink, or rmdir with AT_REMOVEDIR. */
long sys_unlinkat(int dfd, const char __user *path, int flags)
{
	struct inode *base;
	char *name;
	long err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	name = getname_at(dfd, path, &base);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = flags ? do_rmdir(base, name) : do_unlinkat(base, name);
	putname(name);
	return err;
}

/* renameat2(olddfd, oldpath, newdfd, newpath, flags): rename with RENAME_NOREPLACE. */
long sys_renameat2(int olddfd, const char __user *oldpath, int newdfd, const char __user *newpath,
		   unsigned int flags)
{
	struct inode *bases[2];
	char *from, *to;
	long err = getname2_at(olddfd, oldpath, newdfd, newpath, &from, &to, bases);

	if (err)
		return err;
	err = do_renameat2(bases[0], from, bases[1], to, flags);
	putname(to);
	putname(from);
	return err;
}

/* linkat(olddfd, oldpath, newdfd, newpath, flags): a hard link; AT_SYMLINK_FOLLOW follows. */
long sys_linkat(int olddfd, const char __user *oldpath, int newdfd, const char __user *newpath,
		int flags)
{
	struct inode *bases[2];
	char *from, *to;
	long err;

	if (flags & ~AT_SYMLINK_FOLLOW)
		return -EINVAL;
	err = getname2_at(olddfd, oldpath, newdfd, newpath, &from, &to, bases);
	if (err)
		return err;
	err = do_linkat(bases[0], from, bases[1], to,
			(flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0);
	putname(to);
	putname(from);
	return err;
}

long sys_fstatat64(int dfd, const char __user *path, struct stat64 __user *statbuf, int flags)
{
	struct inode *inode;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	inode = lookup_at(dfd, path, flags);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	err = cp_new_stat64(inode, statbuf);
	iput(inode);
	return err;
}

/* faccessat2(dfd, path, mode, flags): 0, -ENOENT, -EACCES (X_OK on a file no one may run). */
long sys_faccessat2(int dfd, const char __user *path, int mode, int flags)
{
	struct inode *inode;
	long err = 0;

	if ((mode & ~7) || (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)))
		return -EINVAL;
	inode = lookup_at(dfd, path, flags);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	if ((mode & X_OK) && !S_ISDIR(inode->mode) && !(inode->mode & 0111))
		err = -EACCES;
	iput(inode);
	return err;
}

/*
 * readlinkat: a symbolic link's target, cut to size bytes and without a
 * NUL, as Linux; EINVAL for anything else.
 */
long sys_readlinkat(int dfd, const char __user *path, char __user *buf, int size)
{
	struct inode *inode;
	char *target;
	long len;

	if (size <= 0)
		return -EINVAL;
	inode = lookup_at(dfd, path, AT_SYMLINK_NOFOLLOW);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!target)
		len = -ENOMEM;
	else if (!S_ISLNK(inode->mode) || !inode->i_op->get_link)
		len = -EINVAL;
	else
		len = inode->i_op->get_link(inode, target, PATH_MAX);
	if (len > size)
		len = size;
	if (len > 0 && copy_to_user(buf, target, (size_t)len))
		len = -EFAULT;
	kfree(target);
	iput(inode);
	return len;
}

/* symlinkat(target, newdfd, newpath): a symbolic link at newdfd/newpath holding target. */
long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname)
{
	char *target = getname(oldname), *path;
	struct inode *base;
	long err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	path = getname_at(newdfd, newname, &base);
	err = IS_ERR(path) ? PTR_ERR(path) : do_symlinkat(target, base, path);
	if (!IS_ERR(path))
		putname(path);
	putname(target);
	return err;
}

long sys_fchdir(int fd)
{
	struct file *f = fget(fd);
	struct files_struct *files = current_files();

	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->inode->mode))
		return -ENOTDIR;
	if (!files)
		return -ENOMEM;
	iput(files->cwd);
	files->cwd = igrab(f->inode);
	return 0;
}

/* ---- statx ----------------------------------------------------------------- */

struct statx_timestamp {
	s64 tv_sec;
	u32 tv_nsec;
	s32 __reserved;
};

/* Linux's struct statx (include/uapi/linux/stat.h): 256 bytes. */
struct statx {
	u32 stx_mask, stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink, stx_uid, stx_gid;
	u16 stx_mode, __spare0;
	u64 stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	u64 __spare2[14];
};
_Static_assert(sizeof(struct statx) == 256, "struct statx");

#define STATX_BASIC_STATS 0x7ff /* type, mode, nlink, uid, gid, times, ino, size, blocks */

long sys_statx(int dfd, const char __user *path, int flags, unsigned int mask,
	       struct statx __user *buffer)
{
	struct inode *inode;
	struct statx st;

	(void)mask; /* the basic fields are all there is, and always given */
	if ((flags &
	     ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) ||
	    (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	inode = lookup_at(dfd, path, flags);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	memset(&st, 0, sizeof(st));
	st.stx_mask = STATX_BASIC_STATS;
	st.stx_blksize = PAGE_SIZE;
	st.stx_nlink = inode->nlink;
	st.stx_mode = inode->mode;
	st.stx_ino = inode->ino;
	st.stx_size = (u64)inode->size;
	st.stx_blocks = S_ISREG(inode->mode) ? DIV_ROUND_UP((u64)inode->size, PAGE_SIZE) * 8 : 0;
	st.stx_atime.tv_sec = st.stx_ctime.tv_sec = st.stx_mtime.tv_sec = inode->mtime;
	st.stx_rdev_major = MAJOR(inode->rdev);
	st.stx_rdev_minor = MINOR(inode->rdev);
	iput(inode);
	return copy_to_user(buffer, &st, sizeof(st)) ? -EFAULT : 0;
}
