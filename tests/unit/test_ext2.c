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
 * the model's tree file by file (diff -r, and modes). Corrupt images must
 * be refused or give -EIO with Linux's EXT2-fs lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/unit/check_main.h"
#include "tests/unit/ext2_host.h"
#include "tests/unit/ext2_hostio.h"

extern char fake_log[1 << 16];

#define MAXP 400
static char tmp[256], model[300], image[300];
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

static int sh(const char *fmt, ...)
{
	char cmd[1200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
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

/* The ext2 inode at rel (from root), referenced, or NULL. */
static struct inode *resolve(struct super_block *sb, const char *rel)
{
	struct inode *inode = igrab(sb->s_root);
	const char *s = rel;

	while (*s) {
		size_t n = strcspn(s, "/");
		struct inode *next = inode->i_op->lookup(inode, s, n);

		iput(inode);
		if (!next || IS_ERR(next))
			return NULL;
		inode = next;
		s += n + (s[n] == '/');
	}
	return inode;
}

/* The directory holding rel (referenced) and rel's last name. */
static struct inode *parent_of(struct super_block *sb, const char *rel, const char **name)
{
	char dir[256];
	const char *slash = strrchr(rel, '/');

	*name = slash ? slash + 1 : rel;
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - rel) : 0, rel);
	return resolve(sb, dir);
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

static void make_image(unsigned int bs, const char *extra)
{
	snprintf(tmp, sizeof(tmp), "/tmp/ext2test.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	snprintf(model, sizeof(model), "%s/model", tmp);
	snprintf(image, sizeof(image), "%s/disk.img", tmp);
	sh("mkdir -p %s/a/b && echo hello > %s/a/hello && ln -s hello %s/a/fast && "
	   "ln -s %0200d %s/a/slow && head -c 300000 /dev/urandom > %s/a/b/big",
	   model, model, model, 0, model, model);
	ck_assert_int_eq(
	    sh("mke2fs -q -F -t ext2 -b %u %s -d %s %s 8M > /dev/null", bs, extra, model, image),
	    0);
}

static void check_image(void)
{
	ck_assert_msg(sh("e2fsck -fn %s > %s/fsck.log 2>&1 || { cat %s/fsck.log; false; }", image,
			 tmp, tmp) == 0,
		      "e2fsck found errors");
	ck_assert_int_eq(
	    sh("mkdir %s/out && debugfs -R 'rdump / %s/out' %s > /dev/null 2>&1", tmp, tmp, image),
	    0);
	ck_assert_msg(sh("diff -r --no-dereference -x lost+found %s %s/out", model, tmp) == 0,
		      "rdump differs from the model");
	ck_assert_int_eq(sh("cd %s && find . -mindepth 1 -path ./lost+found -prune -o -printf '%%p "
			    "%%m %%y\\n' | sort > %s/m.txt && "
			    "cd %s/out && find . -mindepth 1 -path ./lost+found -prune -o -printf "
			    "'%%p %%m %%y\\n' | sort > %s/o.txt && "
			    "diff %s/m.txt %s/o.txt",
			    model, tmp, tmp, tmp, tmp, tmp),
			 0);
}

static u16 image_state(void)
{
	u16 state;

	ck_assert_int_eq(hio_pread(image, &state, 2, 1024 + 58), 2);
	return state;
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

/* Patch bytes of the image at off. */
static void poke(long off, const void *val, size_t n)
{
	int fd = hio_open_rw(image);

	ck_assert_int_eq(pwrite(fd, val, n, off), (ssize_t)n);
	close(fd);
}

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

START_TEST(test_corrupt_tree)
{
	struct super_block *sb;
	struct inode *a, *dir;
	long file_off, dir_block;
	u32 bad = 7000000;
	u16 zero = 0;
	char buf[16];
	int err;

	make_image(1024, "");
	sb = host_mount(image, NULL, &err);
	a = resolve(sb, "a/hello");
	file_off = inode_offset(sb, a->ino);
	iput(a);
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
	long off;
	u32 bad = 7000000;
	char buf[16];
	int err;

	make_image(1024, "");
	sb = host_mount(image, NULL, &err);
	a = resolve(sb, "a/hello");
	off = inode_offset(sb, a->ino);
	iput(a);
	ck_assert_int_eq(host_umount(sb), 0);
	poke(off + 40, &bad, 4);
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

int main(void)
{
	Suite *s = suite_create("ext2");
	TCase *tc = tcase_create("model");
	TCase *bad = tcase_create("bad input");

	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_model_1k, 0, 2);
	tcase_add_loop_test(tc, test_model_2k, 0, 2);
	tcase_add_loop_test(tc, test_model_4k, 0, 2);
	tcase_set_timeout(bad, 120);
	tcase_add_test(bad, test_bad_superblocks);
	tcase_add_test(bad, test_ro_compat_forces_ro);
	tcase_add_test(bad, test_corrupt_tree);
	tcase_add_test(bad, test_errors_remount_ro);
	tcase_add_test(bad, test_directory_loop);
	tcase_add_test(bad, test_enospc_keeps_data);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, bad);
	return run_suite(s, CK_FORK_GETENV);
}
