/*
 * What the host tests of the VFS and ramfs share (test_namei.c,
 * test_ramfs.c): a fresh ramfs root, and files written and read through
 * do_filp_open as a system call would.
 */
#ifndef TESTS_UNIT_FS_HELPERS_H
#define TESTS_UNIT_FS_HELPERS_H

#include <sys/types.h>

#include "fs/fs.h"

extern struct inode *root; /* the ramfs root setup_rootfs made */

void setup_rootfs(void);   /* a checked fixture: a new empty ramfs as "/" */
int err_of(const void *p); /* -errno of an ERR_PTR, else 0 */
/* 0 if path (from cwd) exists (the reference is dropped), else -errno. */
int lookup(struct inode *cwd, const char *path);
/* Create or empty path and write text to it (a failed check if that fails). */
void write_file(const char *path, const char *text);
/* The whole file into buf (NUL-terminated); its length or -errno. */
ssize_t read_file(const char *path, char *buf, size_t size);

#endif
