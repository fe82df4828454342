/*
 * /dev/null and /dev/zero (Linux's drivers/char/mem.c, major 1):
 * null reads as end of file and swallows writes; zero reads as zeros
 * and swallows writes.
 */
#include "drivers/random.h"
#include "fs/fs.h"

#define MEM_MAJOR 1
#define NULL_MINOR 3
#define ZERO_MINOR 5
#define RANDOM_MINOR 8
#define URANDOM_MINOR 9

static ssize_t read_null(struct file *file, struct iov_iter *to, loff_t *pos)
{
	(void)file;
	(void)to;
	(void)pos;
	return 0;
}

static ssize_t write_null(struct file *file, struct iov_iter *from, loff_t *pos)
{
	size_t n = from->count;

	(void)file;
	(void)pos;
	from->count = 0;
	return n;
}

static ssize_t read_zero(struct file *file, struct iov_iter *to, loff_t *pos)
{
	static const char zeros[256];
	size_t done = 0;

	(void)file;
	(void)pos;
	while (to->count) {
		size_t n = min(to->count, sizeof(zeros));
		size_t got = copy_to_iter(zeros, n, to);

		done += got;
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

static loff_t null_lseek(struct file *file, loff_t offset, int whence)
{
	(void)offset;
	(void)whence;
	return file->f_pos = 0;
}

static const struct file_operations null_fops = {
	.read_iter = read_null,
	.write_iter = write_null,
	.llseek = null_lseek,
};

static const struct file_operations zero_fops = {
	.read_iter = read_zero,
	.write_iter = write_null,
	.llseek = null_lseek,
};

/* /dev/random and /dev/urandom: the generator in drivers/random.c; writes are taken and dropped. */
static const struct file_operations urandom_fops = {
	.read_iter = urandom_read_iter,
	.write_iter = write_null,
	.llseek = null_lseek,
};

/* The major's open picks the minor's operations, as Linux's memory_open. */
static int memory_open(struct inode *inode, struct file *file)
{
	switch (MINOR(inode->rdev)) {
	case NULL_MINOR:
		file->f_op = &null_fops;
		return 0;
	case ZERO_MINOR:
		file->f_op = &zero_fops;
		return 0;
	case RANDOM_MINOR:
	case URANDOM_MINOR:
		file->f_op = &urandom_fops;
		return 0;
	default:
		return -ENXIO;
	}
}

static const struct file_operations memory_fops = {
	.open = memory_open,
	.llseek = null_lseek,
};

void chr_dev_init(void)
{
	if (register_chrdev(MEM_MAJOR, "mem", &memory_fops))
		panic("chr_dev_init: major %d taken", MEM_MAJOR);
}
