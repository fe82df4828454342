/*
 * read, write and lseek (Linux's fs/read_write.c) and their vector,
 * positioned and 64-bit forms (readv, writev, pread64, pwrite64, _llseek):
 * the checks every file shares, then the file's own f_op. The same f_op serves user buffers
 * (system calls) and kernel buffers (kernel_read for exec, the initramfs
 * unpacker), through struct iov_iter.
 */
#include "fs/file.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
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

size_t iov_iter_zero(size_t n, struct iov_iter *to)
{
	size_t done;

	n = min(n, to->count);
	if (to->user)
		done = n - clear_user(to->buf, n);
	else {
		memset(to->buf, 0, n);
		done = n;
	}
	to->buf += done;
	to->count -= done;
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

/*
 * RLIMIT_FSIZE on a write to a regular file at pos (Linux's
 * generic_write_check_limits, which each file system calls; one check in
 * the VFS serves them all here): a write that starts at or past the limit
 * gets SIGXFSZ and -EFBIG, one that would cross it is cut to end there.
 */
static int generic_write_check_limits(struct file *f, loff_t pos, struct iov_iter *from)
{
	unsigned long limit = rlimit(RLIMIT_FSIZE);

	if (limit == RLIM_INFINITY || !S_ISREG(f->inode->mode))
		return 0;
	if (f->f_flags & O_APPEND)
		pos = f->inode->size;
	if (pos >= (loff_t)limit) {
		send_sig(SIGXFSZ, current);
		return -EFBIG;
	}
	if ((loff_t)from->count > (loff_t)limit - pos)
		from->count = (size_t)((loff_t)limit - pos);
	return 0;
}

static ssize_t vfs_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	int err;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write_iter)
		return -EINVAL;
	if (!from->count)
		return 0;
	err = generic_write_check_limits(f, *pos, from);
	if (err)
		return err;
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
int generic_write_checks(struct file *file, struct iov_iter *from, loff_t *pos, loff_t max)
{
	if (file->f_flags & O_APPEND)
		*pos = file->inode->size;
	if (*pos + (loff_t)from->count > max) {
		if (*pos >= max)
			return -EFBIG;
		from->count = (size_t)(max - *pos);
	}
	return 0;
}

loff_t generic_file_llseek(struct file *f, loff_t offset, int whence)
{
	loff_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->f_pos;
		break;
	case SEEK_END:
		base = f->inode->size;
		break;
	default:
		return -EINVAL;
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
	if (res > MAX_NON_LFS) { /* does not fit the 32-bit off_t of lseek (not _llseek) */
		f->f_pos = old;
		return -EOVERFLOW;
	}
	return (long)res;
}

/* Linux's struct iovec for i386 (compat_iovec: two 32-bit words). */
struct iovec32 {
	u32 iov_base;
	u32 iov_len;
};

#define UIO_MAXIOV 1024

/*
 * readv/writev, and preadv/pwritev at *ppos (NULL: the file position):
 * each buffer in turn, as one read or write would; a short transfer ends
 * the call. The bytes moved, or the first error if none were.
 */
static long do_loop_readv_writev(int fd, const struct iovec32 __user *uvec, unsigned long vlen,
				 loff_t *ppos, bool write)
{
	struct file *f = fget(fd);
	long done = 0;

	if (!f)
		return -EBADF;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (ppos && (*ppos < 0 || !(f->f_mode & FMODE_LSEEK)))
		return *ppos < 0 ? -EINVAL : -ESPIPE;
	if (!ppos)
		ppos = &f->f_pos;
	for (unsigned long i = 0; i < vlen; i++) {
		struct iovec32 v;
		struct iov_iter it;
		ssize_t n;

		if (copy_from_user(&v, &uvec[i], sizeof(v)))
			return done ? done : -EFAULT;
		if ((s32)v.iov_len < 0 || (u64)done + v.iov_len > MAX_RW_COUNT)
			return done ? done : -EINVAL;
		if (!access_ok((void __user *)(unsigned long)v.iov_base, v.iov_len))
			return done ? done : -EFAULT;
		it = (struct iov_iter){ true, (char *)(unsigned long)v.iov_base, v.iov_len };
		n = write ? vfs_write(f, &it, ppos) : vfs_read(f, &it, ppos);
		if (n < 0)
			return done ? done : n;
		done += n;
		if ((u32)n < v.iov_len)
			break;
	}
	return done;
}

long sys_readv(int fd, const void __user *vec, unsigned long vlen)
{
	return do_loop_readv_writev(fd, vec, vlen, NULL, false);
}

long sys_writev(int fd, const void __user *vec, unsigned long vlen)
{
	return do_loop_readv_writev(fd, vec, vlen, NULL, true);
}

/* preadv/pwritev: readv/writev at pos, the file position left alone; -ESPIPE on a pipe. */
long sys_preadv(int fd, const void __user *vec, unsigned long vlen, loff_t pos)
{
	return do_loop_readv_writev(fd, vec, vlen, &pos, false);
}

long sys_pwritev(int fd, const void __user *vec, unsigned long vlen, loff_t pos)
{
	return do_loop_readv_writev(fd, vec, vlen, &pos, true);
}

/* pread64/pwrite64: at pos, leaving the file position alone; -ESPIPE on a pipe. */
static long do_pread_pwrite(int fd, char __user *buf, size_t count, loff_t pos, bool write)
{
	struct file *f = fget(fd);
	struct iov_iter it = { true, buf, min(count, (size_t)MAX_RW_COUNT) };

	if (!f)
		return -EBADF;
	if (pos < 0)
		return -EINVAL;
	if (!(f->f_mode & FMODE_LSEEK))
		return -ESPIPE;
	if (!access_ok(buf, it.count))
		return -EFAULT;
	return write ? vfs_write(f, &it, &pos) : vfs_read(f, &it, &pos);
}

long sys_pread64(int fd, char __user *buf, size_t count, loff_t pos)
{
	return do_pread_pwrite(fd, buf, count, pos, false);
}

long sys_pwrite64(int fd, const char __user *buf, size_t count, loff_t pos)
{
	return do_pread_pwrite(fd, (char __user *)buf, count, pos, true);
}

/* _llseek(fd, offset_high, offset_low, result, whence): the 64-bit lseek of 32-bit systems. */
long sys_llseek(int fd, unsigned long offset_high, unsigned long offset_low, loff_t __user *result,
		unsigned int whence)
{
	struct file *f = fget(fd);
	loff_t res;

	if (!f)
		return -EBADF;
	if (whence > SEEK_END)
		return -EINVAL;
	res = vfs_llseek(f, (loff_t)((u64)offset_high << 32 | offset_low), (int)whence);
	if (res < 0)
		return (long)res;
	return copy_to_user(result, &res, sizeof(res)) ? -EFAULT : 0;
}
