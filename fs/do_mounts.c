/*
 * The root file system from the command line (Linux's init/do_mounts.c):
 *
 *   root=/dev/sdb   the disk to mount as "/" (without it the initramfs stays "/")
 *   rootfstype=ext2 the only type there is
 *   ro / rw         read-only (Linux's default) or read-write
 *   rootflags=...   options for the file system (errors=remount-ro ...)
 *
 * The initramfs is unpacked first, as in Linux; its /dev and /proc are
 * then shown on the disk's /dev and /proc (Linux mounts devtmpfs and procfs
 * there instead). A root that cannot be mounted stops the kernel with
 * Linux's message: there is nothing to run init from.
 */
#include "fs/fs.h"
#include "kernel/params.h"
#include "kernel/lib/string.h"

#define MS_RDONLY 1

static char root_device_name[32];
static char root_fs_type[16];
static char root_mount_data[128];
static unsigned long root_mountflags = MS_RDONLY;

static int root_dev_setup(char *val)
{
	if (!strncmp(val, "/dev/", 5))
		val += 5;
	strlcpy(root_device_name, val, sizeof(root_device_name));
	return 0;
}
__setup("root=", root_dev_setup);

static int fs_names_setup(char *val)
{
	strlcpy(root_fs_type, val, sizeof(root_fs_type));
	return 0;
}
__setup("rootfstype=", fs_names_setup);

static int root_data_setup(char *val)
{
	strlcpy(root_mount_data, val, sizeof(root_mount_data));
	return 0;
}
__setup("rootflags=", root_data_setup);

static int readonly(char *val)
{
	(void)val;
	root_mountflags |= MS_RDONLY;
	return 0;
}
__setup("ro", readonly);

static int readwrite(char *val)
{
	(void)val;
	root_mountflags &= ~(unsigned long)MS_RDONLY;
	return 0;
}
__setup("rw", readwrite);

void prepare_namespace(void)
{
	int err;

	if (!root_device_name[0])
		return;
	err = *root_fs_type && strcmp(root_fs_type, "ext2")
		  ? -ENODEV
		  : mount_root(root_device_name, root_mountflags, root_mount_data);
	if (err) {
		pr_emerg("VFS: Cannot open root device \"%s\" or unknown-block(0,0): error %d\n",
			 root_device_name, err);
		pr_emerg("Please append a correct \"root=\" boot option\n");
		panic("VFS: Unable to mount root fs on \"%s\"", root_device_name);
	}
}
