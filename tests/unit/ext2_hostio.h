/* Host file calls for the ext2 tests (tests/unit/ext2_hostio.c): results or -errno. */
#ifndef TESTS_UNIT_EXT2_HOSTIO_H
#define TESTS_UNIT_EXT2_HOSTIO_H

#include <stddef.h>

struct hio_stat {
	unsigned int mode;
	long long size;
	unsigned int nlink;
	int is_dir;
};

int hio_open_rw(const char *path);
long hio_pwrite_create(const char *path, const void *buf, size_t len, long long off);
long hio_pread(const char *path, void *buf, size_t len, long long off);
int hio_lstat(const char *path, struct hio_stat *st);
int hio_truncate(const char *path, long long size);
int hio_mkdir(const char *path, unsigned int mode);
int hio_rmdir(const char *path);
int hio_unlink(const char *path);
int hio_link(const char *a, const char *b);
int hio_symlink(const char *target, const char *path);
int hio_rename(const char *a, const char *b);
int hio_chmod(const char *path, unsigned int mode);
long hio_readlink(const char *path, char *buf, size_t n);
void hio_umask0(void);
/* Call fn for every name in directory path but "." and "..". */
int hio_list(const char *path, void (*fn)(const char *name, void *arg), void *arg);

#endif
