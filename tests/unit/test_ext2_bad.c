/*
 * fs/ext2 on the host against corrupt or full images made by Debian's
 * mke2fs: a bad superblock is refused with Linux's EXT2-fs line, an
 * unknown RO_COMPAT feature forces read-only, a bad block pointer or
 * directory record gives -EIO and an "EXT2-fs error" line and follows
 * errors=, a directory loop gives ELOOP, a block or inode freed twice is
 * logged and counted once, and a full disk gives ENOSPC without losing
 * what was written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/unit/check_main.h"
#include "tests/unit/ext2_host.h"
#include "tests/unit/ext2_hostio.h"
#include "tests/unit/ext2_image.h"

static void expect_refused(int want_err, const char *line)
{
	int err;

	fake_log[0] = '\0';
	ck_assert_ptr_null(host_mount(image, NULL, &err));
	ck_assert_int_eq(err, want_err);
	ck_assert_msg(strstr(fake_log, line), "log lacks \"%s\": %s", line, fake_log);
}

START_TEST(test_bad_superblocks)
{
	u32 v;
	u16 m = 0x1234;

	make_image(1024, "");
	poke(1024 + 56, &m, 2);
	expect_refused(-EINVAL, "EXT2-fs (sda): error: can't find an ext2 filesystem on dev sda.");
	make_image(1024, "");
	v = 9;
	poke(1024 + 24, &v, 4);
	expect_refused(-EINVAL, "EXT2-fs (sda): Invalid log block size: 9");
	make_image(1024, "");
	v = 0;
	poke(1024 + 0, &v, 4);
	expect_refused(-EINVAL, "EXT2-fs (sda): error: invalid #inodes: 0 vs computed");
	make_image(1024, "");
	v = 0x2 | 0x40; /* filetype + extents */
	poke(1024 + 96, &v, 4);
	expect_refused(-EINVAL,
		       "error: couldn't mount because of unsupported optional features (40)");
	make_image(1024, "");
	ck_assert_int_eq(truncate(image, 4 << 20), 0);
	expect_refused(
	    -EINVAL, "error: bad geometry: block count 8192 exceeds size of device (4096 blocks)");
}
END_TEST

START_TEST(test_ro_compat_forces_ro)
{
	struct super_block *sb;
	u32 v = 0x1 | 0x2 | 0x400; /* + metadata_csum */
	int err;

	make_image(4096, "");
	poke(1024 + 100, &v, 4);
	fake_log[0] = '\0';
	sb = host_mount(image, NULL, &err);
	ck_assert_ptr_nonnull(sb);
	ck_assert(sb_rdonly(sb));
	ck_assert(
	    strstr(fake_log, "couldn't mount RDWR because of unsupported optional features (400)"));
	ck_assert_int_eq(host_umount(sb), 0);
}
END_TEST

/* The block of the inode-table entry of ino, and its byte offset in the image. */
static long inode_offset(struct super_block *sb, unsigned long ino)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_group_desc *gdp =
	    ext2_get_group_desc(sb, (ino - 1) / sbi->s_inodes_per_group, NULL);

	return (long)gdp->bg_inode_table * sb->s_blocksize +
	       (long)((ino - 1) % sbi->s_inodes_per_group) * sbi->s_inode_size;
}

/* A fresh 1 KiB-block image; the byte offset of a/hello's inode in it. */
static long hello_inode_offset(void)
{
	struct super_block *sb;
	struct inode *a;
	long off;
	int err;

	make_image(1024, "");
	sb = host_mount(image, NULL, &err);
	a = resolve(sb, "a/hello");
	off = inode_offset(sb, a->ino);
	iput(a);
	ck_assert_int_eq(host_umount(sb), 0);
	return off;
}

START_TEST(test_corrupt_tree)
{
	struct super_block *sb;
	struct inode *a, *dir;
	long file_off, dir_block;
	u32 bad = 7000000;
	u16 zero = 0;
	char buf[16];
	int err;

	file_off = hello_inode_offset();
	sb = host_mount(image, NULL, &err);
	dir = resolve(sb, "a/b");
	dir_block = (long)EXT2_I(dir)->i_data[0] * 1024;
	iput(dir);
	ck_assert_int_eq(host_umount(sb), 0);
	poke(file_off + 40, &bad, 4);  /* i_block[0] past the end */
	poke(dir_block + 4, &zero, 2); /* rec_len 0 in a/b */
	sb = host_mount(image, "errors=continue", &err);
	fake_log[0] = '\0';
	a = resolve(sb, "a/hello");
	ck_assert_int_eq(host_file_read(a, 0, buf, sizeof(buf)), -EIO);
	ck_assert(strstr(fake_log, "EXT2-fs error (device sda): ext2_get_branch: inode #"));
	iput(a);
	ck_assert_ptr_null(resolve(sb, "a/b/big"));
	ck_assert(strstr(fake_log,
			 "EXT2-fs error (device sda): ext2_check_block: bad entry in directory #"));
	ck_assert(strstr(fake_log, "rec_len is smaller than minimal - offset=0"));
	ck_assert_int_eq(host_umount(sb), 0);
	ck_assert_int_eq(image_state() & EXT2_ERROR_FS, EXT2_ERROR_FS);
}
END_TEST

START_TEST(test_errors_remount_ro)
{
	struct super_block *sb;
	struct inode *a;
	u32 bad = 7000000;
	char buf[16];
	int err;

	poke(hello_inode_offset() + 40, &bad, 4);
	sb = host_mount(image, "errors=remount-ro", &err);
	a = resolve(sb, "a/hello");
	fake_log[0] = '\0';
	ck_assert_int_eq(host_file_read(a, 0, buf, sizeof(buf)), -EIO);
	ck_assert(sb_rdonly(sb));
	ck_assert(strstr(fake_log, "EXT2-fs (sda): error: remounting filesystem read-only"));
	iput(a);
	ck_assert_int_eq(host_umount(sb), 0);
}
END_TEST

START_TEST(test_directory_loop)
{
	struct super_block *sb;
	struct inode *inode;
	int err;

	make_image(2048, "");
	ck_assert_int_eq(sh("debugfs -w -R 'ln a a/b/up' %s > /dev/null 2>&1", image), 0);
	sb = host_mount(image, NULL, &err);
	fake_log[0] = '\0';
	inode = resolve(sb, "a/b");
	ck_assert_ptr_eq(inode->i_op->lookup(inode, "up", 2), ERR_PTR(-ELOOP));
	ck_assert(strstr(fake_log, "VFS: Lookup of 'up' in ext2 sda would have caused loop"));
	iput(inode);
	ck_assert_int_eq(host_umount(sb), 0);
}
END_TEST

START_TEST(test_enospc_keeps_data)
{
	static char buf[4096];
	struct super_block *sb;
	struct inode *root, *f = NULL, *g = NULL;
	long long done = 0;
	ssize_t n;
	int err;

	make_image(4096, "");
	sb = host_mount(image, NULL, &err);
	root = sb->s_root;
	ck_assert_int_eq(root->i_op->create(root, "fill", 4, S_IFREG | 0644, 0, &f), 0);
	memset(buf, 0x5a, sizeof(buf));
	while ((n = host_file_write(f, done, buf, sizeof(buf))) == sizeof(buf))
		done += n;
	ck_assert_int_eq(n, -ENOSPC);
	ck_assert_int_eq(root->i_op->create(root, "more", 4, S_IFREG | 0644, 0, &g), 0);
	ck_assert_int_eq(host_file_write(g, 0, buf, 10), -ENOSPC);
	ck_assert_int_eq(f->size, done);
	iput(f);
	iput(g);
	host_sync(sb);
	ck_assert_int_eq(host_umount(sb), 0);
	ck_assert_int_eq(sh("e2fsck -fn %s > /dev/null 2>&1", image), 0);
	ck_assert_int_eq(
	    sh("debugfs -R 'dump /fill %s/fill' %s > /dev/null 2>&1 && "
	       "test $(tr -d Z < %s/fill | wc -c) = 0 && test $(stat -c %%s %s/fill) = %lld",
	       tmp, image, tmp, tmp, done),
	    0);
}
END_TEST

/* A second free of a block or an inode finds its bit clear: Linux's line, and no count moves. */
START_TEST(test_double_free_is_logged_and_not_counted)
{
	struct super_block *sb;
	struct inode *a;
	unsigned long blocks, inodes;
	u32 block;
	int err;

	make_image(1024, "");
	sb = host_mount(image, "errors=continue", &err);
	a = resolve(sb, "a/hello");
	block = EXT2_I(a)->i_data[0];
	blocks = ext2_count_free_blocks(sb);
	inodes = ext2_count_free_inodes(sb);
	ext2_free_blocks(a, block, 1);
	ext2_free_inode(a);
	ck_assert_uint_eq(ext2_count_free_blocks(sb), blocks + 1);
	ck_assert_uint_eq(ext2_count_free_inodes(sb), inodes + 1);
	fake_log[0] = '\0';
	ext2_free_blocks(a, block, 1);
	ext2_free_inode(a);
	ck_assert_uint_eq(ext2_count_free_blocks(sb), blocks + 1);
	ck_assert_uint_eq(ext2_count_free_inodes(sb), inodes + 1);
	ck_assert_msg(strstr(fake_log, "ext2_free_blocks: bit already cleared for block "), "%s",
		      fake_log);
	ck_assert_msg(strstr(fake_log, "ext2_free_inode: bit already cleared for inode "), "%s",
		      fake_log);
	iput(a);
	ck_assert_int_eq(host_umount(sb), 0);
}
END_TEST

int main(void)
{
	const TTest *tests[] = { test_bad_superblocks,	 test_ro_compat_forces_ro,
				 test_corrupt_tree,	 test_errors_remount_ro,
				 test_directory_loop,	 test_double_free_is_logged_and_not_counted,
				 test_enospc_keeps_data, NULL };

	return run_tests("ext2_bad", tests, 120, CK_FORK_GETENV);
}
