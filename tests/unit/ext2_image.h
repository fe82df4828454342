/* The ext2 unit tests' images (tests/unit/ext2_image.c). */
#ifndef TESTS_UNIT_EXT2_IMAGE_H
#define TESTS_UNIT_EXT2_IMAGE_H

#include "fs/ext2/ext2.h"

/* The test's temporary directory, its model tree (tmp/model) and image (tmp/disk.img). */
extern char tmp[256], model[300], image[300];
extern char fake_log[1 << 16]; /* what printk wrote (tests/unit/fs_fake.c) */

/* system(3) of a formatted command; its status. */
int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A fresh tmp with a small model tree, and image made from it by mke2fs -b bs extra -d. */
void make_image(unsigned int bs, const char *extra);
/* e2fsck -fn finds nothing, and debugfs's rdump of image equals the model (files, modes). */
void check_image(void);
/* The superblock's s_state on the image. */
u16 image_state(void);
/* Patch n bytes of the image at byte off. */
void poke(long off, const void *val, size_t n);
/* The inode at rel (from the root), referenced, or NULL; parent_of: its directory and name. */
struct inode *resolve(struct super_block *sb, const char *rel);
struct inode *parent_of(struct super_block *sb, const char *rel, const char **name);

#endif
