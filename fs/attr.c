/*
 * Changing an inode's attributes: chmod(2), fchmod(2), fchmodat(2) and
 * utimensat(2) (Linux's fs/attr.c notify_change, fs/open.c chmod_common,
 * fs/utimes.c). The VFS changes the in-memory inode; a disk file system
 * stores it with i_op->setattr (ext2 writes the inode). Everybody is root
 * here, so there are no permission checks; a read-only mount refuses.
 */
#include "fs/file.h"
#include "fs/internal.h"
#include "kernel/sys_time.h"
#include "kernel/uaccess.h"

#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

struct timespec32 {
	long tv_sec;
	long tv_nsec;
};

/* Store the changed inode (ctime now); 0 or -errno. */
static long notify_change(struct inode *inode)
{
	inode->ctime = (u32)(ktime_get_real_ns() / 1000000000LL);
	if (inode->i_op && inode->i_op->setattr)
		return inode->i_op->setattr(inode);
	return 0;
}

static bool read_only(struct inode *inode)
{
	return inode->i_sb && (inode->i_sb->s_flags & SB_RDONLY);
}

static long chmod_common(struct inode *inode, umode_t mode)
{
	if (read_only(inode))
		return -EROFS;
	inode->mode = (umode_t)((inode->mode & S_IFMT) | (mode & S_IALLUGO));
	return notify_change(inode);
}

long sys_fchmodat(int dfd, const char __user *path, umode_t mode)
{
	struct inode *inode = lookup_at(dfd, path, 0);
	long err;

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	err = chmod_common(inode, mode);
	iput(inode);
	return err;
}

long sys_fchmod(int fd, umode_t mode)
{
	struct file *f = fget(fd);

	return f ? chmod_common(f->inode, mode) : -EBADF;
}

/* One of utimensat's times: *t set from ts (now, kept, or given); 0 or -EINVAL. */
static int set_time(u32 *t, const struct timespec32 *ts, u32 now)
{
	if (ts && ts->tv_nsec == UTIME_OMIT)
		return 0;
	if (ts && ts->tv_nsec != UTIME_NOW && (ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L))
		return -EINVAL;
	*t = !ts || ts->tv_nsec == UTIME_NOW ? now : (u32)ts->tv_sec;
	return 0;
}

long sys_utimensat(int dfd, const char __user *path, const struct timespec32 __user *times,
		   int flags)
{
	struct timespec32 ts[2];
	struct inode *inode;
	u32 now = (u32)(ktime_get_real_ns() / 1000000000LL);
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (times && copy_from_user(ts, times, sizeof(ts)))
		return -EFAULT;
	inode = path ? lookup_at(dfd, path, flags) : ERR_PTR(-EINVAL);
	if (!path && dfd >= 0) { /* Linux: a NULL path means dfd itself (futimens) */
		struct file *f = fget(dfd);

		inode = f ? igrab(f->inode) : ERR_PTR(-EBADF);
	}
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	err = read_only(inode) ? -EROFS : 0;
	if (!err)
		err = set_time(&inode->atime, times ? &ts[0] : NULL, now);
	if (!err)
		err = set_time(&inode->mtime, times ? &ts[1] : NULL, now);
	if (!err)
		err = notify_change(inode);
	iput(inode);
	return err;
}
