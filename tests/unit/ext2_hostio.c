/*
 * The host's own file calls for the ext2 tests, in a file of their own:
 * the C library's fcntl.h, sys/stat.h and dirent.h define the same names
 * as the kernel's uapi headers, so the files that include fs/fs.h call
 * these wrappers instead. Each returns what the call returns, or -errno.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/unit/ext2_hostio.h"

static long ret(long r)
{
	return r < 0 ? -errno : r;
}

int hio_open_rw(const char *path)
{
	return (int)ret(open(path, O_RDWR));
}

/* One pread or pwrite (flags has O_WRONLY) on path opened with flags. */
static long file_io(const char *path, int flags, void *buf, size_t len, long long off)
{
	int fd = open(path, flags, 0644);
	long r;

	if (fd < 0)
		return -errno;
	r = ret((flags & O_WRONLY) ? pwrite(fd, buf, len, off) : pread(fd, buf, len, off));
	close(fd);
	return r;
}

long hio_pwrite_create(const char *path, const void *buf, size_t len, long long off)
{
	return file_io(path, O_WRONLY | O_CREAT, (void *)buf, len, off);
}

long hio_pread(const char *path, void *buf, size_t len, long long off)
{
	return file_io(path, O_RDONLY, buf, len, off);
}

int hio_lstat(const char *path, struct hio_stat *st)
{
	struct stat s;

	if (lstat(path, &s))
		return -errno;
	st->mode = s.st_mode;
	st->size = s.st_size;
	st->nlink = s.st_nlink;
	st->is_dir = S_ISDIR(s.st_mode);
	return 0;
}

int hio_truncate(const char *path, long long size)
{
	return (int)ret(truncate(path, size));
}
int hio_mkdir(const char *path, unsigned int mode)
{
	return (int)ret(mkdir(path, mode));
}
int hio_rmdir(const char *path)
{
	return (int)ret(rmdir(path));
}
int hio_unlink(const char *path)
{
	return (int)ret(unlink(path));
}
int hio_link(const char *a, const char *b)
{
	return (int)ret(link(a, b));
}
int hio_symlink(const char *t, const char *p)
{
	return (int)ret(symlink(t, p));
}
int hio_rename(const char *a, const char *b)
{
	return (int)ret(rename(a, b));
}
int hio_chmod(const char *p, unsigned int mode)
{
	return (int)ret(chmod(p, mode));
}
long hio_readlink(const char *p, char *buf, size_t n)
{
	return ret(readlink(p, buf, n));
}
void hio_umask0(void)
{
	umask(0);
}

int hio_list(const char *path, void (*fn)(const char *name, void *arg), void *arg)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d)
		return -errno;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			fn(e->d_name, arg);
	closedir(d);
	return 0;
}
