/*
 * Directory reading over getdents64(2). struct dirent has the layout of
 * Linux's struct linux_dirent64, so readdir returns records straight from
 * the buffer the kernel filled.
 */
#ifndef ULIB_DIRENT_H
#define ULIB_DIRENT_H

#include <stdint.h>
#include <sys/types.h>
#include <uapi/linux/fs.h> /* DT_* */

struct dirent {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

typedef struct DIR DIR;

DIR *opendir(const char *path);
/* The next entry, or NULL at the end (errno unchanged) or on error (errno set). */
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);
int getdents64(int fd, void *buf, size_t count);

#endif
