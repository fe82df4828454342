/*
 * The images of the ext2 unit tests (test_ext2.c, test_ext2_bad.c): a
 * model directory on the host, an mke2fs -d image made from it, and the
 * checks run on the image afterwards (e2fsck, debugfs rdump).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/unit/check_main.h"
#include "tests/unit/ext2_host.h"
#include "tests/unit/ext2_hostio.h"
#include "tests/unit/ext2_image.h"

char tmp[256], model[300], image[300];

int sh(const char *fmt, ...)
{
	char cmd[1200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

/* The ext2 inode at rel (from root), referenced, or NULL. */
struct inode *resolve(struct super_block *sb, const char *rel)
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
struct inode *parent_of(struct super_block *sb, const char *rel, const char **name)
{
	char dir[256];
	const char *slash = strrchr(rel, '/');

	*name = slash ? slash + 1 : rel;
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - rel) : 0, rel);
	return resolve(sb, dir);
}

void make_image(unsigned int bs, const char *extra)
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

void check_image(void)
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

u16 image_state(void)
{
	u16 state;

	ck_assert_int_eq(hio_pread(image, &state, 2, 1024 + 58), 2);
	return state;
}

/* Patch bytes of the image at off. */
void poke(long off, const void *val, size_t n)
{
	int fd = hio_open_rw(image);

	ck_assert_int_eq(pwrite(fd, val, n, off), (ssize_t)n);
	close(fd);
}
