/*
 * fcntl, dup3 and ioctl's generic part (Linux's fs/fcntl.c and fs/ioctl.c).
 *
 * fcntl64 (and the old fcntl) change an fd's flags or duplicate it:
 *   F_DUPFD, F_DUPFD_CLOEXEC   the lowest free fd >= arg
 *   F_GETFD, F_SETFD           the fd's FD_CLOEXEC
 *   F_GETFL, F_SETFL           the open file's flags; F_SETFL changes only
 *                              O_APPEND and O_NONBLOCK (Linux's SETFL_MASK
 *                              also has O_DIRECT, O_NOATIME, O_ASYNC: no
 *                              such modes here)
 * Record locks (F_GETLK ...) are not kept: -EINVAL.
 *
 * ioctl answers FIOCLEX, FIONCLEX, FIONBIO and, for a regular file,
 * FIONREAD itself, as Linux's do_vfs_ioctl; anything else goes to the
 * file's unlocked_ioctl (the terminal's termios calls, a pipe's FIONREAD),
 * and a file without one answers -ENOTTY.
 */
#include "fs/file.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

#define SETFL_MASK (O_APPEND | O_NONBLOCK)

/* The command on fd, whose open file is f (Linux's do_fcntl): its result or -errno. */
static long do_fcntl(int fd, unsigned int cmd, unsigned long arg, struct file *f)
{
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		return fd_install_from(get_file(f), (int)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return get_close_on_exec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags & ~(unsigned int)O_CLOEXEC;
	case F_SETFL:
		f->f_flags =
		    (f->f_flags & ~(unsigned int)SETFL_MASK) | ((unsigned int)arg & SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_fcntl64(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);

	return f ? do_fcntl(fd, cmd, arg, f) : -EBADF;
}

/* dup3(oldfd, newfd, flags): dup2 with O_CLOEXEC, and oldfd == newfd is -EINVAL. */
long sys_dup3(int oldfd, int newfd, int flags)
{
	long ret;

	if ((flags & ~O_CLOEXEC) || oldfd == newfd)
		return -EINVAL;
	ret = sys_dup2(oldfd, newfd);
	if (ret >= 0)
		set_close_on_exec(newfd, flags & O_CLOEXEC);
	return ret;
}

#define FIONREAD 0x541b
#define FIONBIO 0x5421
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451

/* FIONBIO: O_NONBLOCK on or off as the int at argp says; 0 or -EFAULT. */
static long ioctl_fionbio(struct file *f, const int __user *argp)
{
	int on;

	if (copy_from_user(&on, argp, sizeof(on)))
		return -EFAULT;
	f->f_flags = on ? f->f_flags | O_NONBLOCK : f->f_flags & ~(unsigned int)O_NONBLOCK;
	return 0;
}

long sys_ioctl(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
		set_close_on_exec(fd, true);
		return 0;
	case FIONCLEX:
		set_close_on_exec(fd, false);
		return 0;
	case FIONBIO:
		return ioctl_fionbio(f, (const int __user *)arg);
	case FIONREAD:
		if (S_ISREG(f->inode->mode)) {
			loff_t left = f->inode->size - f->f_pos;

			return put_user_int(left > 0 ? (int)min(left, (loff_t)INT_MAX) : 0,
					    (int __user *)arg);
		}
		break;
	}
	return f->f_op->unlocked_ioctl ? f->f_op->unlocked_ioctl(f, cmd, arg) : -ENOTTY;
}
