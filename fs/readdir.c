/*
 * getdents64 (Linux's fs/readdir.c): directory entries as
 * struct linux_dirent64 records, each 8-byte aligned:
 *
 *   u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[] (NUL-terminated)
 *
 * d_off is the position of the next entry (what lseek may return to).
 */
#include "fs/file.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
} __attribute__((packed));

struct getdents_callback64 {
	struct dir_context ctx;
	char __user *current_dir; /* where the next record goes */
	int count;		  /* bytes left in the user buffer */
	int error;
};

static bool filldir64(struct dir_context *ctx, const char *name, int namelen, loff_t pos, u64 ino,
		      unsigned int d_type)
{
	struct getdents_callback64 *buf = container_of(ctx, struct getdents_callback64, ctx);
	int reclen = ALIGN(offsetof(struct linux_dirent64, d_name) + namelen + 1, 8);
	char rec[ALIGN(offsetof(struct linux_dirent64, d_name) + NAME_MAX + 1, 8)];
	struct linux_dirent64 *d = (struct linux_dirent64 *)rec;

	(void)pos;
	buf->error = -EINVAL; /* the first entry does not fit: Linux's EINVAL */
	if (reclen > buf->count)
		return false;
	memset(rec, 0, reclen);
	d->d_ino = ino;
	d->d_off = ctx->pos + 1;
	d->d_reclen = (unsigned short)reclen;
	d->d_type = (unsigned char)d_type;
	memcpy(d->d_name, name, namelen);
	if (copy_to_user(buf->current_dir, rec, reclen)) {
		buf->error = -EFAULT;
		return false;
	}
	buf->error = 0;
	buf->current_dir += reclen;
	buf->count -= reclen;
	return true;
}

/* Returns the bytes of records written, 0 at the end, or -errno. */
long sys_getdents64(int fd, void __user *dirent, unsigned int count)
{
	struct file *f = fget(fd);
	struct getdents_callback64 buf = {
		{ filldir64, 0 }, dirent, (int)min(count, (unsigned int)INT_MAX), 0
	};

	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->inode->mode) || !f->f_op->iterate_shared)
		return -ENOTDIR;
	if (!access_ok(dirent, count))
		return -EFAULT;
	buf.ctx.pos = f->f_pos;
	f->f_op->iterate_shared(f, &buf.ctx);
	f->f_pos = buf.ctx.pos;
	if (buf.current_dir != dirent)
		return (long)(buf.current_dir - (char __user *)dirent);
	return buf.error;
}
