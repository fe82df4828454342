/*
 * open, chdir, getcwd, mkdir, unlink, rmdir and rename (Linux's fs/open.c, fs/d_path.c,
 * fs/namei.c entry points): copy the path in, resolve it from the
 * caller's working directory, install the result.
 */
#include "fs/file.h"
#include "fs/internal.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"
#include "mm/slab.h"

char *getname(const char __user *path)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, path, PATH_MAX);
	if (len < 0) {
		kfree(name);
		return ERR_PTR(len);
	}
	return name;
}

void putname(char *name)
{
	kfree(name);
}

struct inode *current_cwd(void)
{
	struct files_struct *files = current->files;

	return files && files->cwd ? files->cwd : root_inode;
}

struct file *filp_open(const char *path, int flags, umode_t mode)
{
	return do_filp_open(current_cwd(), path, flags, mode);
}

long sys_open(const char __user *path, int flags, int mode)
{
	return sys_openat(AT_FDCWD, path, flags, mode);
}

long sys_chdir(const char __user *path)
{
	char *name = getname(path);
	struct files_struct *files = current_files();
	struct inode *dir;

	if (IS_ERR(name))
		return PTR_ERR(name);
	dir = files ? path_lookupat(current_cwd(), name) : ERR_PTR(-ENOMEM);
	putname(name);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	if (!S_ISDIR(dir->mode)) {
		iput(dir);
		return -ENOTDIR;
	}
	iput(files->cwd);
	files->cwd = dir;
	return 0;
}

/* Linux's getcwd: the length written including the NUL, -ERANGE, -EFAULT. */
long sys_getcwd(char __user *buf, unsigned long size)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	int len;

	if (!path)
		return -ENOMEM;
	len = inode_path(current_cwd(), path, PATH_MAX);
	if (len >= 0 && (unsigned long)len + 1 > size)
		len = -ERANGE;
	if (len >= 0 && copy_to_user(buf, path, len + 1))
		len = -EFAULT;
	kfree(path);
	return len < 0 ? len : len + 1;
}

long sys_mkdir(const char __user *path, int mode)
{
	return sys_mkdirat(AT_FDCWD, path, mode);
}

long sys_unlink(const char __user *path)
{
	return sys_unlinkat(AT_FDCWD, path, 0);
}

long sys_rmdir(const char __user *path)
{
	return sys_unlinkat(AT_FDCWD, path, 0x200); /* AT_REMOVEDIR */
}

long sys_rename(const char __user *oldpath, const char __user *newpath)
{
	return sys_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

/*
 * May inode grow to offset (Linux's inode_newsize_ok)? Past RLIMIT_FSIZE:
 * SIGXFSZ and -EFBIG. Shrinking is always allowed.
 */
static int inode_newsize_ok(const struct inode *inode, loff_t offset)
{
	unsigned long limit = rlimit(RLIMIT_FSIZE);

	if (inode->size < offset && limit != RLIM_INFINITY && offset > (loff_t)limit) {
		send_sig(SIGXFSZ, current);
		return -EFBIG;
	}
	return 0;
}

/* truncate64(2): regular files only; EISDIR for a directory, EINVAL for others. */
static long do_truncate(struct inode *inode, loff_t length)
{
	int err;

	if (length < 0)
		return -EINVAL;
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (!S_ISREG(inode->mode) || !inode->i_op->truncate)
		return -EINVAL;
	err = inode_newsize_ok(inode, length);
	if (err)
		return err;
	return inode->i_op->truncate(inode, length);
}

long sys_truncate64(const char __user *path, loff_t length)
{
	struct inode *inode = lookup_at(AT_FDCWD, path, 0);
	long err;

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	err = do_truncate(inode, length);
	iput(inode);
	return err;
}

long sys_ftruncate64(int fd, loff_t length)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_WRITE))
		return -EINVAL;
	return do_truncate(f->inode, length);
}

long sys_link(const char __user *oldname, const char __user *newname)
{
	return sys_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

long sys_symlink(const char __user *oldname, const char __user *newname)
{
	return sys_symlinkat(oldname, AT_FDCWD, newname);
}
