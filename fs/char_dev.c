/*
 * Character devices (Linux's fs/char_dev.c, reduced): a driver registers
 * the file operations for a major number; opening a device node (an inode
 * of type S_IFCHR) uses the driver's f_op, whose open may look at the
 * minor. Linux registers ranges of minors; one driver per major is enough
 * here.
 */
#include "fs/internal.h"

#define CHRDEV_MAJOR_MAX 64

static struct {
	const char *name;
	const struct file_operations *fops;
} chrdevs[CHRDEV_MAJOR_MAX];

int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops)
{
	if (major == 0 || major >= CHRDEV_MAJOR_MAX || !fops)
		return -EINVAL;
	if (chrdevs[major].fops)
		return -EBUSY;
	chrdevs[major].name = name;
	chrdevs[major].fops = fops;
	return 0;
}

const struct file_operations *chrdev_fops(dev_t rdev)
{
	unsigned int major = MAJOR(rdev);

	return major < CHRDEV_MAJOR_MAX ? chrdevs[major].fops : NULL;
}
