/* opendir/readdir/closedir: a buffer of getdents64 records per directory stream. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

struct DIR {
	int fd;
	int pos;				 /* offset of the next record in buf */
	int len;				 /* bytes getdents64 returned */
	long long buf[2048 / sizeof(long long)]; /* 8-byte aligned records */
};

DIR *opendir(const char *path)
{
	DIR *d = malloc(sizeof(*d));

	if (!d)
		return NULL;
	d->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d->fd < 0) {
		int err = errno;

		free(d);
		errno = err;
		return NULL;
	}
	d->pos = d->len = 0;
	return d;
}

struct dirent *readdir(DIR *d)
{
	struct dirent *e;

	if (d->pos >= d->len) {
		int n = getdents64(d->fd, d->buf, sizeof(d->buf));

		if (n <= 0)
			return NULL;
		d->pos = 0;
		d->len = n;
	}
	e = (struct dirent *)((char *)d->buf + d->pos);
	d->pos += e->d_reclen;
	return e;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}
