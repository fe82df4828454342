/* The host side of the ext2 unit tests (tests/unit/ext2_host.c). */
#ifndef TESTS_UNIT_EXT2_HOST_H
#define TESTS_UNIT_EXT2_HOST_H

#include "fs/ext2/ext2.h"

/* Mount image (a file) with opts; the super_block or NULL with *err set. */
struct super_block *host_mount(const char *image, const char *opts, int *err);
void host_sync(struct super_block *sb);	 /* sync_fs, then every dirty block to the file */
int host_umount(struct super_block *sb); /* drops the root reference; -EBUSY if in use */
ssize_t host_file_write(struct inode *inode, loff_t pos, const void *buf, size_t len);
ssize_t host_file_read(struct inode *inode, loff_t pos, void *buf, size_t len);

#endif
