/*
 * fs/ext2 on the host against images made by Debian's mke2fs, for 1, 2
 * and 4 KiB blocks.
 *
 * The model is a directory on the host: a seeded random sequence of file
 * operations (write at random offsets with holes, truncate, mkdir, rmdir,
 * unlink, link, symlink fast and slow, rename over files and directories,
 * chmod) is applied to both, and both must answer the same (0 or the same
 * errno). Then the ext2 tree is read back through fs/ext2 and compared
 * with the model, before and after a umount and a new mount; then
 * `e2fsck -fn` must find nothing and `debugfs -R "rdump / DIR"` must give
 * the model's tree file by file (diff -r, and modes). The corrupt images
 * are in test_ext2_bad.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/unit/check_main.h"
#include "tests/unit/ext2_host.h"
#include "tests/unit/ext2_hostio.h"
#include "tests/unit/ext2_image.h"

#define MAXP 400
static char files[MAXP][256], dirs[MAXP][256];
static int nfiles, ndirs;
static unsigned long long rng;

static unsigned int rnd(unsigned int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned int)(rng % n);
}

static void scan(const char *rel);

static void scan_one(const char *name, void *arg)
{
	const char *rel = arg;
	char sub[256], path[600];
	struct hio_stat st;

	if (!strcmp(name, "lost+found"))
		return;
	snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", name);
	snprintf(path, sizeof(path), "%s/%s", model, sub);
	ck_assert_int_eq(hio_lstat(path, &st), 0);
	if (st.is_dir && ndirs < MAXP) {
		strcpy(dirs[ndirs++], sub);
		scan(dirs[ndirs - 1]);
	} else if (!st.is_dir && nfiles < MAXP) {
		strcpy(files[nfiles++], sub);
	}
}

/* The model's paths, relative: every file/symlink in files[], every directory in dirs[]. */
static void scan(const char *rel)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/%s", model, rel);
	ck_assert_int_eq(hio_list(path, scan_one, (void *)rel), 0);
}

static void rescan(void)
{
	nfiles = 0;
	ndirs = 1;
	dirs[0][0] = '\0';
	scan("");
}

static void mpath(char *out, const char *rel)
{
	snprintf(out, 600, "%s/%s", model, rel);
}

static void op_write(struct super_block *sb, const char *rel, unsigned int bs)
{
	static char buf[20000];
	unsigned int len = 1 + rnd(sizeof(buf) - 1), i;
	long long off = rnd(4) ? rnd(30000)
			       : (rnd(3) ? 300000 + rnd(5000000)
					 : (bs == 1024 ? 70000000LL + rnd(100000) : 9000000));
	const char *name;
	struct inode *dir = parent_of(sb, rel, &name), *inode;
	char p[600];
	long r;
	int err = 0;

	for (i = 0; i < len; i++)
		buf[i] = (char)rnd(256);
	mpath(p, rel);
	inode = resolve(sb, rel);
	if (inode && !S_ISREG(inode->mode)) { /* a symlink renamed over f<n>: not followed here */
		iput(inode);
		iput(dir);
		return;
	}
	r = hio_pwrite_create(p, buf, len, off);
	if (!inode)
		err = dir->i_op->create(dir, name, strlen(name), S_IFREG | 0644, 0, &inode);
	ck_assert_int_eq(err, r < 0 ? r : 0);
	if (r >= 0) {
		ck_assert_int_eq(r, len);
		ck_assert_msg(host_file_write(inode, off, buf, len) == (ssize_t)len,
			      "write %s at %lld: %s", rel, off, fake_log);
		iput(inode);
	}
	iput(dir);
}

static void op_truncate(struct super_block *sb, const char *rel)
{
	struct inode *inode = resolve(sb, rel);
	long long size = rnd(2) ? rnd(40000) : rnd(400000);
	char p[600];

	mpath(p, rel);
	if (S_ISREG(inode->mode)) {
		ck_assert_int_eq(hio_truncate(p, size), 0);
		ck_assert_int_eq(inode->i_op->truncate(inode, size), 0);
	}
	iput(inode);
}

static void op_mkdir(struct super_block *sb, const char *reldir, int n)
{
	char rel[256], p[600];
	const char *name;
	struct inode *dir, *inode = NULL;
	int err;

	snprintf(rel, sizeof(rel), "%s%sd%d", reldir, *reldir ? "/" : "", n);
	mpath(p, rel);
	dir = parent_of(sb, rel, &name);
	err = dir->i_op->create(dir, name, strlen(name), S_IFDIR | 0755, 0, &inode);
	ck_assert_int_eq(err, hio_mkdir(p, 0755));
	iput(inode);
	iput(dir);
}

static void op_remove(struct super_block *sb, const char *rel, bool isdir)
{
	const char *name;
	struct inode *dir = parent_of(sb, rel, &name);
	char p[600];

	mpath(p, rel);
	ck_assert_int_eq(isdir ? dir->i_op->rmdir(dir, name, strlen(name), NULL)
			       : dir->i_op->unlink(dir, name, strlen(name), NULL),
			 isdir ? hio_rmdir(p) : hio_unlink(p));
	iput(dir);
}

static void op_link(struct super_block *sb, const char *rel, const char *reldir, int n)
{
	char newrel[256], p[600], q[600];
	const char *name;
	struct inode *inode = resolve(sb, rel), *dir;

	snprintf(newrel, sizeof(newrel), "%s%sh%d", reldir, *reldir ? "/" : "", n);
	dir = parent_of(sb, newrel, &name);
	mpath(p, rel);
	mpath(q, newrel);
	if (S_ISREG(inode->mode))
		ck_assert_int_eq(dir->i_op->link(inode, dir, name, strlen(name)), hio_link(p, q));
	iput(dir);
	iput(inode);
}

static void op_symlink(struct super_block *sb, const char *reldir, int n)
{
	char rel[256], p[600], target[300];
	unsigned int len = rnd(2) ? 1 + rnd(58) : 60 + rnd(200), i;
	const char *name;
	struct inode *dir;

	for (i = 0; i < len; i++)
		target[i] = (char)('a' + rnd(26));
	target[len] = '\0';
	snprintf(rel, sizeof(rel), "%s%ss%d", reldir, *reldir ? "/" : "", n);
	mpath(p, rel);
	dir = parent_of(sb, rel, &name);
	ck_assert_int_eq(dir->i_op->symlink(dir, name, strlen(name), target),
			 hio_symlink(target, p));
	iput(dir);
}

static void op_rename(struct super_block *sb, const char *from, const char *to)
{
	const char *oname, *nname;
	struct inode *odir = parent_of(sb, from, &oname), *ndir = parent_of(sb, to, &nname);
	char p[600], q[600];
	int e, m;

	mpath(p, from);
	mpath(q, to);
	struct renamedata rd = { odir,	oname,	       strlen(oname), NULL, ndir,
				 nname, strlen(nname), NULL,	      0 };

	e = odir->i_op->rename(&rd);
	m = hio_rename(p, q);
	if (m == -EEXIST)
		m = -ENOTEMPTY; /* Linux's rename(2) may say either */
	ck_assert_msg(e == m, "rename %s -> %s: ext2 %d, host %d", from, to, e, m);
	iput(odir);
	iput(ndir);
}

static void op_chmod(struct super_block *sb, const char *rel)
{
	struct inode *inode = resolve(sb, rel);
	unsigned int mode = 0400 | rnd(0777);
	char p[600];

	mpath(p, rel);
	if (!S_ISLNK(inode->mode)) {
		ck_assert_int_eq(hio_chmod(p, mode), 0);
		inode->mode = (umode_t)((inode->mode & S_IFMT) | mode);
		ext2_write_inode(inode);
	}
	iput(inode);
}

static void random_op(struct super_block *sb, unsigned int bs, int step)
{
	const char *f = nfiles ? files[rnd((unsigned int)nfiles)] : NULL;
	const char *d = dirs[rnd((unsigned int)ndirs)];
	char rel[256];

	switch (rnd(12)) {
	case 0:
	case 1:
	case 2:
		snprintf(rel, sizeof(rel), "%s%sf%d", d, *d ? "/" : "", rnd(6));
		op_write(sb, rel, bs);
		break;
	case 3:
		if (f && !rnd(2))
			op_truncate(sb, f);
		break;
	case 4:
		op_mkdir(sb, d, rnd(4));
		break;
	case 5:
		if (f)
			op_remove(sb, f, false);
		break;
	case 6:
		if (*d)
			op_remove(sb, d, true);
		break;
	case 7:
		if (f)
			op_link(sb, f, d, step);
		break;
	case 8:
		op_symlink(sb, d, step);
		break;
	case 9:
		if (f) { /* to a new name, or over another file */
			const char *g = files[rnd((unsigned int)nfiles)];

			snprintf(rel, sizeof(rel), "%s%sr%d", d, *d ? "/" : "", rnd(3));
			op_rename(sb, f, rnd(2) ? rel : g);
		}
		break;
	case 10:
		if (*d) {
			const char *to = dirs[rnd((unsigned int)ndirs)];

			snprintf(rel, sizeof(rel), "%s%sm%d", to, *to ? "/" : "", rnd(3));
			const char *over = dirs[1 + rnd((unsigned int)ndirs - 1)];

			op_rename(sb, d, rnd(3) ? rel : over); /* over a directory: must be empty */
		}
		break;
	default:
		if (f)
			op_chmod(sb, f);
	}
}

/* Compare every model file, symlink and directory with what fs/ext2 reads. */
static void verify(struct super_block *sb)
{
	static char a[1 << 16], b[1 << 16];
	int i;

	rescan();
	for (i = 0; i < nfiles; i++) {
		struct inode *inode = resolve(sb, files[i]);
		char p[600];
		struct hio_stat st;

		mpath(p, files[i]);
		ck_assert_int_eq(hio_lstat(p, &st), 0);
		ck_assert_msg(inode != NULL, "%s missing", files[i]);
		ck_assert_int_eq(inode->mode, st.mode);
		ck_assert_int_eq(inode->size, st.size);
		ck_assert_int_eq(inode->nlink, st.nlink);
		if (S_ISLNK(st.mode)) {
			long n = hio_readlink(p, a, sizeof(a));

			ck_assert_int_eq(inode->i_op->get_link(inode, b, sizeof(b)), n);
			ck_assert(!memcmp(a, b, (size_t)n));
		} else {
			long long off = 0;
			long n;

			while ((n = hio_pread(p, a, sizeof(a), off)) > 0) {
				ck_assert_int_eq(host_file_read(inode, off, b, sizeof(b)), n);
				ck_assert_msg(!memcmp(a, b, (size_t)n), "%s differs near %lld",
					      files[i], off);
				off += n;
				if (off > 1000000 && off < st.size - 100000)
					off = st.size - 100000; /* the sparse middle: ends only */
			}
		}
		iput(inode);
	}
}

static void run_model(unsigned int bs, unsigned long long seed)
{
	struct super_block *sb;
	int err, step;

	hio_umask0();
	rng = seed;
	make_image(bs, "");
	sb = host_mount(image, NULL, &err);
	ck_assert_int_eq(err, 0);
	ck_assert_int_eq(image_state() & EXT2_VALID_FS, EXT2_VALID_FS); /* not yet written */
	for (step = 0; step < 400; step++) {
		rescan();
		random_op(sb, bs, step);
	}
	verify(sb);
	host_sync(sb);
	ck_assert_int_eq(image_state() & EXT2_VALID_FS, 0); /* mounted: not clean */
	ck_assert_int_eq(host_umount(sb), 0);
	ck_assert_int_eq(image_state(), EXT2_VALID_FS);
	sb = host_mount(image, "ro", &err);
	ck_assert_int_eq(err, 0);
	verify(sb);
	ck_assert_int_eq(host_umount(sb), 0);
	check_image();
	sh("rm -rf %s", tmp);
}

START_TEST(test_model_1k)
{
	run_model(1024, 0x1234567ULL + (unsigned)_i);
}
END_TEST
START_TEST(test_model_2k)
{
	run_model(2048, 0xabcdef1ULL + (unsigned)_i);
}
END_TEST
START_TEST(test_model_4k)
{
	run_model(4096, 0x7777777ULL + (unsigned)_i);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ext2");
	TCase *tc = tcase_create("model");

	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_model_1k, 0, 2);
	tcase_add_loop_test(tc, test_model_2k, 0, 2);
	tcase_add_loop_test(tc, test_model_4k, 0, 2);
	suite_add_tcase(s, tc);
	return run_suite(s, CK_FORK_GETENV);
}
