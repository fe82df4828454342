/*
 * The VFS core on the host: ramfs, path lookup with Linux's errors, open
 * flags, reads and writes across pages and holes, directory listing,
 * getcwd's path building, mounts, inode lifetimes, and the initramfs
 * unpacker (replacement rules, missing parents, damage, the real
 * build/initramfs.cpio). ASan checks every buffer and reports leaks.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/unit/check_main.h"
#include "tests/unit/fs_helpers.h"
#include "fs/fs.h"
#include "kernel/sched.h"
#include "kernel/signal.h"

#define INITRAMFS "build/initramfs.cpio"

extern char fake_log[];
extern int fake_last_signal;

struct listing {
	struct dir_context ctx;
	char names[1024];
	int limit; /* entries to take before saying "full" (-1: all) */
};

static bool list_actor(struct dir_context *ctx, const char *name, int len, loff_t pos, u64 ino,
		       unsigned int type)
{
	struct listing *l = (struct listing *)ctx;

	(void)pos;
	(void)ino;
	if (l->limit == 0)
		return false;
	if (l->limit > 0)
		l->limit--;
	snprintf(l->names + strlen(l->names), sizeof(l->names) - strlen(l->names), "%.*s:%u ", len,
		 name, type);
	return true;
}

/* "name:d_type name:d_type ..." of directory path. */
static const char *list_dir(const char *path)
{
	static struct listing l;
	struct file *f = do_filp_open(root, path, O_RDONLY | O_DIRECTORY, 0);

	memset(&l, 0, sizeof(l));
	l.ctx.actor = list_actor;
	l.limit = -1;
	ck_assert_int_eq(err_of(f), 0);
	f->f_op->iterate_shared(f, &l.ctx);
	fput(f);
	return l.names;
}

/* ---- path lookup ------------------------------------------------------------------ */

START_TEST(lookup_follows_linux_rules)
{
	struct inode *sub;

	ck_assert_int_eq(do_mkdirat(root, "/a", 0755), 0);
	ck_assert_int_eq(do_mkdirat(root, "a/b", 0755), 0);
	write_file("/a/b/file", "hello\n");

	ck_assert_int_eq(lookup(root, "/a/b/file"), 0);
	ck_assert_int_eq(lookup(root, "//a///b//file"), 0);
	ck_assert_int_eq(lookup(root, "/a/./b/../b/file"), 0);
	ck_assert_int_eq(lookup(root, "/../../a"), 0); /* "/.." is "/" */
	ck_assert_int_eq(lookup(root, "/a/b/"), 0);
	ck_assert_int_eq(lookup(root, "/"), 0);

	ck_assert_int_eq(lookup(root, ""), -ENOENT);
	ck_assert_int_eq(lookup(root, "/a/missing"), -ENOENT);
	ck_assert_int_eq(lookup(root, "/missing/file"), -ENOENT);
	ck_assert_int_eq(lookup(root, "/a/b/file/"), -ENOTDIR);
	ck_assert_int_eq(lookup(root, "/a/b/file/x"), -ENOTDIR);
	ck_assert_int_eq(lookup(root, "/a/b/file/.."), -ENOTDIR);

	/* relative to a working directory */
	sub = path_lookupat(root, "/a/b");
	ck_assert_int_eq(err_of(sub), 0);
	ck_assert_int_eq(lookup(sub, "file"), 0);
	ck_assert_int_eq(lookup(sub, "./file"), 0);
	ck_assert_int_eq(lookup(sub, "../b/file"), 0);
	ck_assert_int_eq(lookup(sub, "../../a/b/file"), 0);
	ck_assert_int_eq(lookup(sub, "a"), -ENOENT);
	ck_assert_ptr_eq(path_lookupat(sub, "../.."), root);
	iput(root);
	iput(sub);
}
END_TEST

START_TEST(long_names_give_enametoolong)
{
	char name[NAME_MAX + 3], path[PATH_MAX + 8];

	memset(name, 'x', sizeof(name));
	name[NAME_MAX] = '\0';
	ck_assert_int_eq(lookup(root, name), -ENOENT); /* 255 is allowed */
	name[NAME_MAX] = 'x';
	name[NAME_MAX + 1] = '\0';
	ck_assert_int_eq(lookup(root, name), -ENAMETOOLONG);
	ck_assert_int_eq(err_of(do_filp_open(root, name, O_CREAT | O_WRONLY, 0644)), -ENAMETOOLONG);

	for (size_t i = 0; i < sizeof(path) - 1; i += 2)
		memcpy(path + i, "/.", 2);
	path[PATH_MAX] = '\0'; /* 4096 bytes without the NUL */
	ck_assert_int_eq(lookup(root, path), -ENAMETOOLONG);
	path[PATH_MAX - 1] = '\0';
	ck_assert_int_eq(lookup(root, path), 0);
}
END_TEST

/* ---- open flags --------------------------------------------------------------------- */

START_TEST(open_flags_and_errors)
{
	char buf[64];
	struct file *f;
	loff_t pos = 0;

	ck_assert_int_eq(do_mkdirat(root, "/d", 0755), 0);
	ck_assert_int_eq(do_mkdirat(root, "/d", 0755), -EEXIST);
	ck_assert_int_eq(do_mkdirat(root, "/nope/d", 0755), -ENOENT);
	ck_assert_int_eq(do_mkdirat(root, "/", 0755), -EEXIST);
	write_file("/f", "0123456789");
	ck_assert_int_eq(do_mkdirat(root, "/f/d", 0755), -ENOTDIR);

	ck_assert_int_eq(err_of(do_filp_open(root, "/missing", O_RDONLY, 0)), -ENOENT);
	ck_assert_int_eq(err_of(do_filp_open(root, "/f", O_CREAT | O_EXCL | O_WRONLY, 0644)),
			 -EEXIST);
	ck_assert_int_eq(err_of(do_filp_open(root, "/f", O_RDONLY | O_DIRECTORY, 0)), -ENOTDIR);
	ck_assert_int_eq(err_of(do_filp_open(root, "/d", O_WRONLY, 0)), -EISDIR);
	ck_assert_int_eq(err_of(do_filp_open(root, "/d", O_RDWR, 0)), -EISDIR);
	ck_assert_int_eq(err_of(do_filp_open(root, "/d", O_CREAT | O_RDONLY, 0644)), -EISDIR);
	ck_assert_int_eq(err_of(do_filp_open(root, "/new/", O_CREAT | O_WRONLY, 0644)), -EISDIR);
	ck_assert_int_eq(err_of(do_filp_open(root, "/nodir/new", O_CREAT | O_WRONLY, 0644)),
			 -ENOENT);
	ck_assert_int_eq(err_of(do_filp_open(root, "/f/new", O_CREAT | O_WRONLY, 0644)), -ENOTDIR);

	/* a read-only file refuses writes and a write-only one reads (EBADF) */
	f = do_filp_open(root, "/f", O_RDONLY, 0);
	ck_assert_int_eq(kernel_write(f, "x", 1, &pos), -EBADF);
	fput(f);
	f = do_filp_open(root, "/f", O_WRONLY, 0);
	ck_assert_int_eq(kernel_read(f, buf, 1, &pos), -EBADF);
	fput(f);
	/* reading a directory */
	f = do_filp_open(root, "/d", O_RDONLY, 0);
	ck_assert_int_eq(kernel_read(f, buf, 1, &pos), -EISDIR);
	fput(f);

	/* O_APPEND writes at the end whatever the position */
	f = do_filp_open(root, "/f", O_WRONLY | O_APPEND, 0);
	pos = 0;
	ck_assert_int_eq(kernel_write(f, "ab", 2, &pos), 2);
	ck_assert_int_eq(pos, 12);
	fput(f);
	ck_assert_int_eq(read_file("/f", buf, sizeof(buf)), 12);
	ck_assert_str_eq(buf, "0123456789ab");

	/* O_TRUNC empties it; O_CREAT makes a new one with the mode less the umask */
	f = do_filp_open(root, "/f", O_WRONLY | O_TRUNC, 0);
	ck_assert_int_eq(f->inode->size, 0);
	fput(f);
	f = do_filp_open(root, "/g", O_WRONLY | O_CREAT | O_EXCL, 0666);
	ck_assert_int_eq(err_of(f), 0);
	ck_assert_int_eq(f->inode->mode, S_IFREG | 0644);
	fput(f);
}
END_TEST

/* ---- data ------------------------------------------------------------------------------ */

START_TEST(data_spans_pages_and_holes)
{
	static char big[3 * 4096 + 100], back[sizeof(big) + 1];
	struct file *f;
	loff_t pos;
	char buf[16];

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	f = do_filp_open(root, "/big", O_RDWR | O_CREAT, 0644);
	pos = 1000; /* starts inside the first page: a hole before it */
	ck_assert_int_eq(kernel_write(f, big, sizeof(big), &pos), (ssize_t)sizeof(big));
	ck_assert_int_eq(f->inode->size, 1000 + sizeof(big));
	pos = 0;
	ck_assert_int_eq(kernel_read(f, back, 1000, &pos), 1000);
	for (int i = 0; i < 1000; i++)
		ck_assert_int_eq(back[i], 0);
	ck_assert_int_eq(kernel_read(f, back, sizeof(back), &pos), (ssize_t)sizeof(big));
	ck_assert_int_eq(memcmp(back, big, sizeof(big)), 0);
	ck_assert_int_eq(kernel_read(f, back, sizeof(back), &pos), 0); /* end of file */

	/* seeking */
	ck_assert_int_eq(generic_file_llseek(f, -10, SEEK_END), 1000 + sizeof(big) - 10);
	ck_assert_int_eq(generic_file_llseek(f, 5, SEEK_CUR), 1000 + sizeof(big) - 5);
	ck_assert_int_eq(generic_file_llseek(f, -1, SEEK_SET), -EINVAL);
	ck_assert_int_eq(generic_file_llseek(f, 0, 3), -EINVAL);
	ck_assert_int_eq(vfs_llseek(f, 20000, SEEK_SET), 20000); /* past the end is allowed */

	/* a page-sized hole in the middle after a seek past the end */
	pos = 5 * 4096;
	ck_assert_int_eq(kernel_write(f, "Z", 1, &pos), 1);
	pos = 4 * 4096 + 7;
	ck_assert_int_eq(kernel_read(f, buf, 4, &pos), 4);
	ck_assert_int_eq(memcmp(buf, "\0\0\0\0", 4), 0);

	/* truncating inside a page zeroes the rest, so growing again shows zeros */
	ck_assert_int_eq(f->inode->i_op->truncate(f->inode, 1002), 0);
	pos = 1010;
	ck_assert_int_eq(kernel_write(f, "!", 1, &pos), 1);
	pos = 1000;
	ck_assert_int_eq(kernel_read(f, buf, 11, &pos), 11);
	ck_assert_int_eq(memcmp(buf, "ab\0\0\0\0\0\0\0\0!", 11), 0);
	fput(f);
}
END_TEST

/* RLIMIT_FSIZE (fs/read_write.c): a write is cut at the limit; one at it is EFBIG + SIGXFSZ. */
START_TEST(file_size_limit_cuts_then_refuses_writes)
{
	static char buf[600];
	struct file *f = do_filp_open(root, "/limited", O_RDWR | O_CREAT, 0644);
	loff_t pos = 0;

	current->rlim[RLIMIT_FSIZE].rlim_cur = 1000;
	fake_last_signal = 0;
	ck_assert_int_eq(kernel_write(f, buf, sizeof(buf), &pos), 600);
	ck_assert_int_eq(kernel_write(f, buf, sizeof(buf), &pos), 400);
	ck_assert_int_eq(fake_last_signal, 0);
	ck_assert_int_eq(kernel_write(f, buf, 1, &pos), -EFBIG);
	ck_assert_int_eq(fake_last_signal, SIGXFSZ);
	ck_assert_int_eq(f->inode->size, 1000);
	pos = 10; /* below the limit again: allowed */
	ck_assert_int_eq(kernel_write(f, buf, 1, &pos), 1);
	current->rlim[RLIMIT_FSIZE].rlim_cur = RLIM64_INFINITY;
	pos = 1000;
	ck_assert_int_eq(kernel_write(f, buf, 1, &pos), 1);
	fput(f);
}
END_TEST

/* ---- directories -------------------------------------------------------------------------- */

START_TEST(directories_list_in_creation_order)
{
	struct listing l = { { list_actor, 0 }, "", 3 };
	struct file *f;

	ck_assert_int_eq(do_mkdirat(root, "/dir", 0755), 0);
	write_file("/dir/zeta", "z");
	ck_assert_int_eq(do_mkdirat(root, "/dir/sub", 0700), 0);
	write_file("/dir/alpha", "a");
	ck_assert_str_eq(list_dir("/dir"), ".:4 ..:4 zeta:8 sub:4 alpha:8 ");

	/* a full buffer stops the walk; the next call resumes where it stopped */
	f = do_filp_open(root, "/dir", O_RDONLY, 0);
	f->f_op->iterate_shared(f, &l.ctx);
	ck_assert_str_eq(l.names, ".:4 ..:4 zeta:8 ");
	ck_assert_int_eq(l.ctx.pos, 3);
	l.limit = -1;
	l.names[0] = '\0';
	f->f_op->iterate_shared(f, &l.ctx);
	ck_assert_str_eq(l.names, "sub:4 alpha:8 ");
	fput(f);

	ck_assert_int_eq(root->nlink, 3); /* ".", its own entry, and dir's ".." */
}
END_TEST

START_TEST(inode_path_builds_getcwd)
{
	char buf[64];
	struct inode *dir;

	ck_assert_int_eq(inode_path(root, buf, sizeof(buf)), 1);
	ck_assert_str_eq(buf, "/");
	ck_assert_int_eq(do_mkdirat(root, "/usr", 0755), 0);
	ck_assert_int_eq(do_mkdirat(root, "/usr/share", 0755), 0);
	ck_assert_int_eq(do_mkdirat(root, "/usr/share/doc", 0755), 0);
	dir = path_lookupat(root, "/usr/share/doc");
	ck_assert_int_eq(inode_path(dir, buf, sizeof(buf)), 14);
	ck_assert_str_eq(buf, "/usr/share/doc");
	ck_assert_int_eq(inode_path(dir, buf, 15), 14); /* just room for the NUL */
	ck_assert_str_eq(buf, "/usr/share/doc");
	ck_assert_int_eq(inode_path(dir, buf, 14), -ERANGE);
	iput(dir);
}
END_TEST

START_TEST(mounted_root_is_entered_and_left)
{
	struct inode *other = ramfs_new_root(), *x, *dir;
	char buf[64];

	ck_assert_int_eq(do_mkdirat(root, "/proc", 0555), 0);
	ck_assert_int_eq(other->i_op->create(other, "meminfo", 7, S_IFREG | 0444, 0, &x), 0);
	iput(x);
	ck_assert_int_eq(mount_at("/proc", other), 0);
	ck_assert_int_eq(mount_at("/proc", other), -EBUSY);
	ck_assert_int_eq(mount_at("/", other), -EBUSY);

	x = path_lookupat(root, "/proc/meminfo");
	ck_assert_int_eq(err_of(x), 0);
	iput(x);
	dir = path_lookupat(root, "/proc");
	ck_assert_ptr_eq(dir, other);
	ck_assert_int_eq(lookup(dir, "../proc/meminfo"), 0);
	ck_assert_ptr_eq(path_lookupat(dir, ".."), root);
	iput(root);
	ck_assert_int_eq(inode_path(dir, buf, sizeof(buf)), 5);
	ck_assert_str_eq(buf, "/proc");
	ck_assert_str_eq(list_dir("/proc"), ".:4 ..:4 meminfo:8 ");
	iput(dir);
}
END_TEST

START_TEST(unlinked_open_file_lives_until_closed)
{
	char buf[16];
	struct file *f;
	loff_t pos = 0;

	write_file("/tmpfile", "still here");
	f = do_filp_open(root, "/tmpfile", O_RDONLY, 0);
	ck_assert_int_eq(do_unlinkat(root, "/tmpfile"), 0);
	ck_assert_int_eq(lookup(root, "/tmpfile"), -ENOENT);
	ck_assert_int_eq(kernel_read(f, buf, sizeof(buf), &pos), 10);
	fput(f); /* frees it: ASan reports a leak or a double free otherwise */

	ck_assert_int_eq(do_mkdirat(root, "/full", 0755), 0);
	write_file("/full/x", "x");
	ck_assert_int_eq(do_rmdir(root, "/full"), -ENOTEMPTY);
}
END_TEST

/* ---- the initramfs unpacker ---- */

struct arch {
	char buf[1 << 16];
	size_t len;
};

/* A member with inode number ino and nlink names (cpio's way of writing hard links). */
static void add_ino(struct arch *a, const char *name, unsigned mode, const char *data,
		    unsigned rmaj, unsigned rmin, unsigned ino, unsigned nlink)
{
	size_t size = data ? strlen(data) : 0;

	a->len += sprintf(a->buf + a->len,
			  "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X", ino, mode,
			  0u, 0u, nlink, 1234u, size, 0u, 0u, rmaj, rmin, strlen(name) + 1, 0u);
	memcpy(a->buf + a->len, name, strlen(name) + 1);
	a->len += strlen(name) + 1;
	while (a->len % 4)
		a->buf[a->len++] = '\0';
	memcpy(a->buf + a->len, data ? data : "", size);
	a->len += size;
	while (a->len % 4)
		a->buf[a->len++] = '\0';
}

static void add(struct arch *a, const char *name, unsigned mode, const char *data, unsigned rmaj,
		unsigned rmin)
{
	add_ino(a, name, mode, data, rmaj, rmin, 1, 1);
}

static void finish(struct arch *a)
{
	add(a, "TRAILER!!!", 0, NULL, 0, 0);
}

START_TEST(unpack_creates_and_replaces)
{
	static struct arch a, b;
	char buf[64];
	struct inode *dev;

	add(&a, ".", S_IFDIR | 0755, NULL, 0, 0);
	add(&a, "bin", S_IFDIR | 0755, NULL, 0, 0);
	add(&a, "bin/hello", S_IFREG | 0755, "first\n", 0, 0);
	add(&a, "./etc/deep/motd", S_IFREG | 0644, "no parents given\n", 0, 0); /* parents made */
	add(&a, "old", S_IFREG | 0644, "a file that becomes a directory", 0, 0);
	add(&a, "dev", S_IFDIR | 0755, NULL, 0, 0);
	add(&a, "dev/null", S_IFCHR | 0666, NULL, 1, 3);
	add(&a, "link", S_IFLNK | 0777, "bin/hello", 0, 0);
	add(&a, "sock", S_IFSOCK | 0777, NULL, 0, 0); /* skipped */
	finish(&a);
	ck_assert_int_eq(unpack_to_rootfs(root, a.buf, a.len), 0);
	ck_assert_int_eq(read_file("/bin/hello", buf, sizeof(buf)), 6);
	ck_assert_int_eq(read_file("/etc/deep/motd", buf, sizeof(buf)), 17);
	ck_assert_int_eq(read_file("/link", buf, sizeof(buf)), 6); /* through the link */
	ck_assert_int_eq(lookup(root, "/sock"), -ENOENT);
	ck_assert_ptr_nonnull(strstr(fake_log, "sock: sockets are not supported"));
	dev = path_lookupat(root, "/dev/null");
	ck_assert_int_eq(dev->mode, S_IFCHR | 0666);
	ck_assert_int_eq(dev->rdev, MKDEV(1, 3));
	ck_assert_int_eq(dev->mtime, 1234);
	iput(dev);
	/* nobody drives major 1 in the host build */
	ck_assert_int_eq(err_of(do_filp_open(root, "/dev/null", O_RDONLY, 0)), -ENXIO);

	/* a second archive: a shorter file replaces a longer one, a file becomes a directory */
	add(&b, "bin/hello", S_IFREG | 0700, "2nd", 0, 0);
	add(&b, "old", S_IFDIR | 0755, NULL, 0, 0);
	add(&b, "old/inside", S_IFREG | 0644, "in", 0, 0);
	finish(&b);
	ck_assert_int_eq(unpack_to_rootfs(root, b.buf, b.len), 0);
	ck_assert_int_eq(read_file("/bin/hello", buf, sizeof(buf)), 3);
	ck_assert_str_eq(buf, "2nd");
	ck_assert_int_eq(read_file("/old/inside", buf, sizeof(buf)), 2);
	ck_assert_str_eq(list_dir("/"), ".:4 ..:4 bin:4 etc:4 dev:4 link:10 old:4 ");
}
END_TEST

START_TEST(unpack_makes_hard_links)
{
	static struct arch a;
	char buf[64];
	struct inode *one, *two;

	/* as GNU cpio writes them: the data with the last name only */
	add_ino(&a, "bin/busybox", S_IFREG | 0755, NULL, 0, 0, 77, 3);
	add_ino(&a, "bin/vi", S_IFREG | 0755, NULL, 0, 0, 77, 3);
	add_ino(&a, "bin/awk", S_IFREG | 0755, "BB", 0, 0, 77, 3);
	add_ino(&a, "bin/other", S_IFREG | 0755, "xyz", 0, 0, 78, 1);
	finish(&a);
	ck_assert_int_eq(unpack_to_rootfs(root, a.buf, a.len), 0);
	ck_assert_int_eq(read_file("/bin/busybox", buf, sizeof(buf)), 2);
	ck_assert_str_eq(buf, "BB");
	one = path_lookupat(root, "/bin/vi");
	two = path_lookupat(root, "/bin/busybox");
	ck_assert_ptr_eq(one, two);
	ck_assert_int_eq(one->nlink, 3);
	iput(one);
	iput(two);
	ck_assert_int_eq(read_file("/bin/other", buf, sizeof(buf)), 3);
	/* one name goes, the others keep the file */
	ck_assert_int_eq(do_unlinkat(root, "/bin/busybox"), 0);
	ck_assert_int_eq(read_file("/bin/vi", buf, sizeof(buf)), 2);
	one = path_lookupat(root, "/bin/awk");
	ck_assert_int_eq(one->nlink, 2);
	iput(one);
}
END_TEST

START_TEST(unpack_refuses_damage)
{
	static struct arch a;

	add(&a, "good", S_IFREG | 0644, "kept", 0, 0);
	add(&a, "cut", S_IFREG | 0644, "this member is cut short", 0, 0);
	/* no trailer, and the last member truncated */
	ck_assert_int_eq(unpack_to_rootfs(root, a.buf, a.len - 8), -EINVAL);
	ck_assert_int_eq(lookup(root, "/good"), 0); /* members before the damage stay */

	/* a file where a directory is needed */
	memset(&a, 0, sizeof(a));
	add(&a, "plain", S_IFREG | 0644, "x", 0, 0);
	add(&a, "plain/child", S_IFREG | 0644, "y", 0, 0);
	finish(&a);
	ck_assert_int_eq(unpack_to_rootfs(root, a.buf, a.len), -ENOTDIR);
}
END_TEST

/* ".." may not climb out of the root; a name past PATH_MAX is refused; both are logged. */
START_TEST(unpack_refuses_dotdot_and_overlong_names)
{
	static struct arch a;
	static char deep[PATH_MAX + 10];

	for (size_t i = 0; i + 2 < sizeof(deep); i += 2)
		memcpy(deep + i, "d/", 2);
	deep[sizeof(deep) - 2] = 'f';
	add(&a, "../evil", S_IFREG | 0644, "x", 0, 0);
	add(&a, "sub/../../evil2", S_IFREG | 0644, "x", 0, 0);
	add(&a, "sub/..", S_IFDIR | 0755, NULL, 0, 0);
	add(&a, deep, S_IFREG | 0644, "x", 0, 0);
	add(&a, "fine", S_IFREG | 0644, "kept", 0, 0);
	finish(&a);
	fake_log[0] = '\0';
	ck_assert_int_eq(unpack_to_rootfs(root, a.buf, a.len), 0);
	ck_assert_int_eq(lookup(root, "/fine"), 0);
	ck_assert_int_eq(lookup(root, "/evil"), -ENOENT);
	ck_assert_int_eq(lookup(root, "/evil2"), -ENOENT);
	ck_assert_int_eq(lookup(root, "/d"), -ENOENT);
	ck_assert_ptr_nonnull(strstr(fake_log, "initramfs: ../evil: a \"..\" component, skipped"));
	ck_assert_ptr_nonnull(strstr(fake_log, "initramfs: sub/../../evil2: a \"..\" component"));
	ck_assert_ptr_nonnull(strstr(fake_log, "initramfs: sub/..: a \"..\" component"));
	ck_assert_ptr_nonnull(strstr(fake_log, "bytes, longer than PATH_MAX, skipped"));
}
END_TEST

START_TEST(unpack_real_initramfs)
{
	FILE *fp = fopen(INITRAMFS, "rb");
	struct stat st, prog;
	char *buf;
	struct inode *init;

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fstat(fileno(fp), &st), 0);
	buf = malloc(st.st_size);
	ck_assert_int_eq(fread(buf, 1, st.st_size, fp), (size_t)st.st_size);
	fclose(fp);
	ck_assert_int_eq(unpack_to_rootfs(root, buf, st.st_size), 0);
	free(buf); /* the tree holds copies */

	ck_assert_int_eq(stat("build/rootfs/bin/init", &prog), 0);
	init = path_lookupat(root, "/bin/init");
	ck_assert_int_eq(err_of(init), 0);
	ck_assert_int_eq(init->size, prog.st_size);
	ck_assert_int_eq(init->mode & S_IFMT, S_IFREG);
	iput(init);
	ck_assert_int_eq(lookup(root, "/bin/sh"), 0);
}
END_TEST

int main(void)
{
	const TTest *tests[] = { lookup_follows_linux_rules,
				 long_names_give_enametoolong,
				 open_flags_and_errors,
				 data_spans_pages_and_holes,
				 file_size_limit_cuts_then_refuses_writes,
				 directories_list_in_creation_order,
				 inode_path_builds_getcwd,
				 mounted_root_is_entered_and_left,
				 unlinked_open_file_lives_until_closed,
				 unpack_creates_and_replaces,
				 unpack_makes_hard_links,
				 unpack_refuses_damage,
				 unpack_refuses_dotdot_and_overlong_names,
				 unpack_real_initramfs,
				 NULL };

	return run_tests_with("ramfs", tests, setup_rootfs, 0, CK_FORK_GETENV);
}
