/* The VFS host tests' shared helpers (see fs_helpers.h). */
#include <check.h>
#include <string.h>

#include "tests/unit/fs_helpers.h"

struct inode *root;

void setup_rootfs(void)
{
	init_rootfs();
	root = root_inode;
}

int err_of(const void *p)
{
	return IS_ERR(p) ? (int)PTR_ERR(p) : 0;
}

int lookup(struct inode *cwd, const char *path)
{
	struct inode *inode = path_lookupat(cwd, path);

	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	iput(inode);
	return 0;
}

void write_file(const char *path, const char *text)
{
	struct file *f = do_filp_open(root, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	loff_t pos = 0;

	ck_assert_int_eq(err_of(f), 0);
	ck_assert_int_eq(kernel_write(f, text, strlen(text), &pos), (ssize_t)strlen(text));
	fput(f);
}

ssize_t read_file(const char *path, char *buf, size_t size)
{
	struct file *f = do_filp_open(root, path, O_RDONLY, 0);
	loff_t pos = 0;
	ssize_t n, total = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	while ((n = kernel_read(f, buf + total, size - 1 - total, &pos)) > 0)
		total += n;
	fput(f);
	buf[total] = '\0';
	return n < 0 ? n : total;
}
