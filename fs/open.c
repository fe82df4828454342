/*
 * open, chdir, getcwd, mkdir, unlink, rmdir and rename (Linux's fs/open.c, fs/d_path.c,
 * fs/namei.c entry points): copy the path in, resolve it from the
 * caller's working directory, install the result.
 */
#include "fs/file.h"
#include "fs/internal.h"
#include "kernel/sched.h"
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
	char *name = getname(path);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_mkdirat(current_cwd(), name, (umode_t)(mode & ~current->umask));
	putname(name);
	return err;
}

long sys_unlink(const char __user *path)
{
	char *name = getname(path);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_unlinkat(current_cwd(), name);
	putname(name);
	return err;
}

long sys_rmdir(const char __user *path)
{
	char *name = getname(path);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_rmdir(current_cwd(), name);
	putname(name);
	return err;
}

long sys_rename(const char __user *oldpath, const char __user *newpath)
{
	char *from = getname(oldpath), *to;
	int err;

	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname(newpath);
	if (IS_ERR(to)) {
		putname(from);
		return PTR_ERR(to);
	}
	err = do_renameat2(current_cwd(), from, current_cwd(), to, 0);
	putname(to);
	putname(from);
	return err;
}
