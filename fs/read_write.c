/*
 * read, write and lseek (Linux's fs/read_write.c): the checks every file
 * shares, then the file's own f_op. The same f_op serves user buffers
 * (system calls) and kernel buffers (kernel_read for exec, the initramfs
 * unpacker), through struct iov_iter.
 */
#include "fs/file.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"

/* Linux caps one read or write at MAX_RW_COUNT (INT_MAX rounded down to a page). */
#define MAX_RW_COUNT (INT_MAX & ~4095)

size_t copy_to_iter(const void *from, size_t n, struct iov_iter *to)
{
	size_t done;

	n = min(n, to->count);
	if (to->user)
		done = n - copy_to_user(to->buf, from, n);
	else {
		memcpy(to->buf, from, n);
		done = n;
	}
	to->buf += done;
	to->count -= done;
	return done;
}

size_t copy_from_iter(void *to, size_t n, struct iov_iter *from)
{
	size_t done;

	n = min(n, from->count);
	if (from->user)
		done = n - copy_from_user(to, from->buf, n);
	else {
		memcpy(to, from->buf, n);
		done = n;
	}
	from->buf += done;
	from->count -= done;
	return done;
}

static ssize_t vfs_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (S_ISDIR(f->inode->mode))
		return -EISDIR;
	if (!f->f_op->read_iter)
		return -EINVAL;
	if (!to->count)
		return 0;
	return f->f_op->read_iter(f, to, pos);
}

static ssize_t vfs_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write_iter)
		return -EINVAL;
	if (!from->count)
		return 0;
	return f->f_op->write_iter(f, from, pos);
}

ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos)
{
	struct iov_iter to = { false, buf, min(count, (size_t)MAX_RW_COUNT) };

	return vfs_read(f, &to, pos);
}

ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos)
{
	struct iov_iter from = { false, (char *)buf, min(count, (size_t)MAX_RW_COUNT) };

	return vfs_write(f, &from, pos);
}

long sys_read(int fd, char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	struct iov_iter to = { true, buf, min(count, (size_t)MAX_RW_COUNT) };

	if (!f)
		return -EBADF;
	if (!access_ok(buf, to.count))
		return -EFAULT;
	return vfs_read(f, &to, &f->f_pos);
}

long sys_write(int fd, const char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	struct iov_iter from = { true, (char *)buf, min(count, (size_t)MAX_RW_COUNT) };

	if (!f)
		return -EBADF;
	if (!access_ok(buf, from.count))
		return -EFAULT;
	return vfs_write(f, &from, &f->f_pos);
}

/* The new position for SEEK_SET/CUR/END on a file of the given size, or -EINVAL. */
loff_t generic_file_llseek(struct file *f, loff_t offset, int whence)
{
	loff_t base;

	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = f->f_pos; break;
	case SEEK_END: base = f->inode->size; break;
	default: return -EINVAL;
	}
	if (base + offset < 0)
		return -EINVAL;
	f->f_pos = base + offset;
	return f->f_pos;
}

loff_t vfs_llseek(struct file *f, loff_t offset, int whence)
{
	if (!(f->f_mode & FMODE_LSEEK))
		return -ESPIPE;
	return f->f_op->llseek(f, offset, whence);
}

long sys_lseek(int fd, long offset, int whence)
{
	struct file *f = fget(fd);
	loff_t old, res;

	if (!f)
		return -EBADF;
	if (whence < SEEK_SET || whence > SEEK_END)
		return -EINVAL;
	old = f->f_pos;
	res = vfs_llseek(f, offset, whence);
	if (res > MAX_NON_LFS) {	/* does not fit the 32-bit off_t of lseek (not _llseek) */
		f->f_pos = old;
		return -EOVERFLOW;
	}
	return (long)res;
}
