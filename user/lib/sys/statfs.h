/* statfs(2) and fstatfs(2) through Linux's statfs64 calls (glibc's <sys/statfs.h>). */
#ifndef ULIB_SYS_STATFS_H
#define ULIB_SYS_STATFS_H

#include <sys/types.h>

#define EXT2_SUPER_MAGIC 0xEF53
#define ST_RDONLY 1

/* i386's struct statfs64: 84 bytes, 64-bit counts. */
struct statfs {
	unsigned int f_type, f_bsize;
	unsigned long long f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	unsigned int f_namelen, f_frsize, f_flags;
	unsigned int f_spare[4];
} __attribute__((packed, aligned(4)));

int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);

#endif
