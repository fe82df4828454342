/*
 * unlink, rmdir and rename through the VFS on ramfs, on the host: Linux's
 * errors for every rule vfs_unlink, vfs_rmdir and vfs_rename check, link
 * counts after moves, a removed directory in use, and what a file costs:
 * a sparse file takes only the pages written, truncation and the last
 * close of an unlinked file give every page and byte back (fs_fake.c
 * counts them; ASan reports anything freed twice or never).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "tests/unit/fs_helpers.h"
#include "fs/fs.h"

extern long fake_pages, fake_kmalloc_bytes;

static unsigned int nlink_of(const char *path)
{
	struct inode *inode = path_lookupat(root, path);
	unsigned int n;

	ck_assert_int_eq(err_of(inode), 0);
	n = inode->nlink;
	iput(inode);
	return n;
}

/* The first bytes of path as a string. */
static const char *contents(const char *path)
{
	static char buf[64];

	ck_assert_int_ge(read_file(path, buf, sizeof(buf)), 0);
	return buf;
}

static int rename2(const char *from, const char *to, unsigned int flags)
{
	return do_renameat2(root, from, root, to, flags);
}

START_TEST(unlink_and_rmdir_follow_linux_rules)
{
	struct inode *other = ramfs_new_root();

	ck_assert_int_eq(do_mkdirat(root, "/d", 0755), 0);
	ck_assert_int_eq(do_mkdirat(root, "/d/sub", 0755), 0);
	write_file("/f", "x");
	ck_assert_int_eq(do_unlinkat(root, "/missing"), -ENOENT);
	ck_assert_int_eq(do_unlinkat(root, "/missing/x"), -ENOENT);
	ck_assert_int_eq(do_unlinkat(root, "/f/x"), -ENOTDIR);
	ck_assert_int_eq(do_unlinkat(root, "/f/"), -ENOTDIR);
	ck_assert_int_eq(do_unlinkat(root, "/d"), -EISDIR);
	ck_assert_int_eq(do_unlinkat(root, "/"), -EISDIR);
	ck_assert_int_eq(do_unlinkat(root, "/d/."), -EISDIR);
	ck_assert_int_eq(do_rmdir(root, "/f"), -ENOTDIR);
	ck_assert_int_eq(do_rmdir(root, "/d"), -ENOTEMPTY);
	ck_assert_int_eq(do_rmdir(root, "/d/sub/."), -EINVAL);
	ck_assert_int_eq(do_rmdir(root, "/d/sub/.."), -ENOTEMPTY);
	ck_assert_int_eq(do_rmdir(root, "/"), -EBUSY);
	ck_assert_int_eq(do_rmdir(root, "/missing"), -ENOENT);

	ck_assert_uint_eq(nlink_of("/d"), 3);
	ck_assert_int_eq(do_rmdir(root, "d/sub/"), 0); /* a trailing slash is fine for rmdir */
	ck_assert_uint_eq(nlink_of("/d"), 2);
	ck_assert_int_eq(lookup(root, "/d/sub"), -ENOENT);
	ck_assert_int_eq(do_unlinkat(root, "f"), 0);
	ck_assert_int_eq(lookup(root, "/f"), -ENOENT);

	ck_assert_int_eq(mount_at("/d", other), 0);
	ck_assert_int_eq(do_rmdir(root, "/d"), -EBUSY);
	iput(other);
}
END_TEST

START_TEST(rename_follows_linux_rules)
{
	struct inode *other = ramfs_new_root();

	ck_assert_int_eq(do_mkdirat(root, "/a", 0755), 0);
	ck_assert_int_eq(do_mkdirat(root, "/a/b", 0755), 0);
	ck_assert_int_eq(do_mkdirat(root, "/empty", 0755), 0);
	ck_assert_int_eq(do_mkdirat(root, "/full", 0755), 0);
	ck_assert_int_eq(do_mkdirat(root, "/mnt", 0755), 0);
	write_file("/full/x", "x");
	write_file("/f", "first");
	write_file("/g", "second");

	ck_assert_int_eq(rename2("/missing", "/z", 0), -ENOENT);
	ck_assert_int_eq(rename2("/f", "/missing/z", 0), -ENOENT);
	ck_assert_int_eq(rename2("/a", "/full", 0), -ENOTEMPTY);
	ck_assert_int_eq(rename2("/a", "/f", 0), -ENOTDIR);
	ck_assert_int_eq(rename2("/f", "/empty", 0), -EISDIR);
	ck_assert_int_eq(rename2("/f", "/g/", 0), -ENOTDIR);
	ck_assert_int_eq(rename2("/a", "/a/b/c", 0), -EINVAL); /* into itself */
	ck_assert_int_eq(rename2("/a", "/a/c", 0), -EINVAL);
	ck_assert_int_eq(rename2("/a/b", "/a", 0), -ENOTEMPTY); /* onto its ancestor */
	ck_assert_int_eq(rename2("/a/.", "/q", 0), -EBUSY);
	ck_assert_int_eq(rename2("/f", "/a/..", 0), -EBUSY);
	ck_assert_int_eq(rename2("/f", "/g", RENAME_NOREPLACE), -EEXIST);
	ck_assert_int_eq(rename2("/f", "/g", RENAME_EXCHANGE), -EINVAL);
	ck_assert_int_eq(mount_at("/mnt", other), 0);
	ck_assert_int_eq(rename2("/f", "/mnt/f", 0), -EXDEV);
	ck_assert_int_eq(rename2("/mnt", "/mnt2", 0), -EBUSY);
	ck_assert_int_eq(rename2("/f", "/f", 0), 0); /* the same file: nothing happens */
	ck_assert_str_eq(contents("/f"), "first");

	ck_assert_int_eq(rename2("/f", "/g", 0), 0); /* replaces */
	ck_assert_int_eq(lookup(root, "/f"), -ENOENT);
	ck_assert_str_eq(contents("/g"), "first");
	ck_assert_int_eq(rename2("/a", "/empty", 0), 0); /* a directory over an empty one */
	ck_assert_int_eq(lookup(root, "/empty/b"), 0);
	ck_assert_int_eq(lookup(root, "/a"), -ENOENT);

	/* a directory moved to another parent takes its ".." along */
	ck_assert_uint_eq(nlink_of("/full"), 2);
	ck_assert_int_eq(rename2("/empty/b", "/full/b2", 0), 0);
	ck_assert_uint_eq(nlink_of("/full"), 3);
	ck_assert_uint_eq(nlink_of("/empty"), 2);
	ck_assert_int_eq(lookup(root, "/full/b2/../x"), 0);
	iput(other);
}
END_TEST

START_TEST(removed_directory_in_use_takes_no_new_names)
{
	struct inode *cwd;

	ck_assert_int_eq(do_mkdirat(root, "/gone", 0755), 0);
	cwd = path_lookupat(root, "/gone");
	ck_assert_int_eq(do_rmdir(root, "/gone"), 0);
	ck_assert_int_eq(err_of(do_filp_open(cwd, "new", O_WRONLY | O_CREAT, 0644)), -ENOENT);
	ck_assert_int_eq(do_mkdirat(cwd, "sub", 0755), -ENOENT);
	write_file("/f", "x");
	ck_assert_int_eq(do_renameat2(root, "/f", cwd, "f", 0), -ENOENT);
	ck_assert_int_eq(lookup(root, "/f"), 0);
	iput(cwd); /* frees it (ASan: no leak, no double free) */
}
END_TEST

START_TEST(sparse_file_costs_only_what_is_written)
{
	long pages0 = fake_pages, bytes0 = fake_kmalloc_bytes;
	struct file *f = do_filp_open(root, "/sparse", O_RDWR | O_CREAT, 0644);
	loff_t pos = MAX_NON_LFS - 1; /* the last byte a file without O_LARGEFILE has */
	char c = '?';

	ck_assert_int_eq(err_of(f), 0);
	ck_assert_int_eq(kernel_write(f, "!", 1, &pos), 1);
	ck_assert_int_eq(fake_pages - pages0, 1); /* the page written */
	/* the inode and its name, a leaf of at most a page, the top: a pointer per leaf */
	ck_assert_int_le(fake_kmalloc_bytes - bytes0,
			 1024 + 4096 +
			     (2L << 30) / (4096 / sizeof(void *) - 1) / 4096 * sizeof(void *));
	ck_assert_uint_eq(f->inode->i_blocks, 4096 / 512);
	pos = 1 << 30;
	ck_assert_int_eq(kernel_read(f, &c, 1, &pos), 1);
	ck_assert_int_eq(c, 0);
	ck_assert_int_eq(fake_pages - pages0, 1); /* reading a hole allocates nothing */
	fput(f);

	/* O_TRUNC gives everything back but the inode itself */
	f = do_filp_open(root, "/sparse", O_RDWR | O_TRUNC, 0);
	ck_assert_int_eq(fake_pages, pages0);
	ck_assert_uint_eq(f->inode->i_blocks, 0);
	pos = 3 * 4096 * 1024 + 5; /* past the first leaf */
	ck_assert_int_eq(kernel_write(f, "abc", 3, &pos), 3);
	ck_assert_int_eq(f->inode->i_op->truncate(f->inode, 4096 * 1024), 0);
	ck_assert_int_eq(fake_pages, pages0);

	/* unlinked while open: readable until the last close, which frees all */
	pos = 100;
	ck_assert_int_eq(kernel_write(f, "kept", 4, &pos), 4);
	ck_assert_int_eq(do_unlinkat(root, "/sparse"), 0);
	ck_assert_int_eq(lookup(root, "/sparse"), -ENOENT);
	ck_assert_int_gt(fake_pages, pages0);
	pos = 100;
	ck_assert_int_eq(kernel_read(f, &c, 1, &pos), 1);
	ck_assert_int_eq(c, 'k');
	fput(f);
	ck_assert_int_eq(fake_pages, pages0);
	ck_assert_int_eq(fake_kmalloc_bytes, bytes0);
}
END_TEST

int main(void)
{
	const TTest *tests[] = { unlink_and_rmdir_follow_linux_rules, rename_follows_linux_rules,
				 removed_directory_in_use_takes_no_new_names,
				 sparse_file_costs_only_what_is_written, NULL };

	return run_tests_with("namei", tests, setup_rootfs, 0, CK_FORK_GETENV);
}
