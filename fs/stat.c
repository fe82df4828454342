/*
 * stat64, lstat64 and fstat64 (Linux's fs/stat.c): an inode's attributes
 * in i386's struct stat64 (arch/x86/include/uapi/asm/stat.h). lstat64
 * stops at a symbolic link that ends the path. There are no owners (uid
 * and gid 0), and one clock value (mtime, from the initramfs) for all three times.
 */
#include "fs/file.h"
#include "fs/internal.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"
#include "mm/layout.h"
#include "uapi/asm/stat.h"

/* Linux's new_encode_dev: the user-visible dev_t (major 12 bits, minor 20 split). */
static unsigned long long new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

long cp_new_stat64(struct inode *inode, struct stat64 __user *statbuf)
{
	struct stat64 st;

	memset(&st, 0, sizeof(st));
	st.__st_ino = inode->ino;
	st.st_ino = inode->ino;
	st.st_mode = inode->mode;
	st.st_nlink = inode->nlink;
	st.st_rdev = new_encode_dev(inode->rdev);
	st.st_size = inode->size;
	st.st_blksize = PAGE_SIZE;
	st.st_blocks = inode->i_blocks; /* what is allocated: a hole takes none */
	st.st_atime = st.st_mtime = st.st_ctime = inode->mtime;
	return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_stat64(const char __user *path, struct stat64 __user *statbuf)
{
	return sys_fstatat64(AT_FDCWD, path, statbuf, 0);
}

long sys_lstat64(const char __user *path, struct stat64 __user *statbuf)
{
	return sys_fstatat64(AT_FDCWD, path, statbuf, AT_SYMLINK_NOFOLLOW);
}

long sys_fstat64(int fd, struct stat64 __user *statbuf)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return cp_new_stat64(f->inode, statbuf);
}
