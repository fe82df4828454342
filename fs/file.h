/*
 * The per-process table of open files (fs/file.c).
 *
 * A file descriptor is an index into fd[]; each slot holds one reference
 * to a struct file (so after fork or dup two slots may share one file and
 * its position). The table is refcounted like Linux's files_struct; with
 * no clone(2) here every table has one owner and fork copies it.
 *
 * The working directory lives here too. Linux keeps it in fs_struct,
 * which clone(CLONE_FS) can share apart from the fd table; without clone
 * the two always travel together, so one structure holds both.
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include "fs/fs.h"

#define NR_OPEN_DEFAULT 64 /* fds per process (RLIMIT_NOFILE) */

struct files_struct {
	int count;
	struct file *fd[NR_OPEN_DEFAULT];
	u64 close_on_exec; /* bit fd: close it at execve (O_CLOEXEC) */
	struct inode *cwd; /* the working directory (referenced) */
};

/* An empty table whose cwd is "/"; NULL on ENOMEM. */
struct files_struct *alloc_files(void);
/* fork: a copy of old (NULL: an empty one) sharing its files; NULL on ENOMEM. */
struct files_struct *dup_files(struct files_struct *old);
/* exit: drop the table; the last reference closes every file. NULL-safe. */
void put_files_struct(struct files_struct *files);
/* execve: close the fds opened with O_CLOEXEC. */
void do_close_on_exec(struct files_struct *files);

/* The current task's table, created (empty, cwd "/") on first use; NULL on ENOMEM. */
struct files_struct *current_files(void);
/* The open file behind fd in the current task, without a new reference, or NULL. */
struct file *fget(int fd);
/*
 * Put f (one reference, given to the table) in the lowest free fd; the fd,
 * or -EMFILE (-ENOMEM) with that reference dropped (fput), so a caller that
 * made f for the fd has nothing left to undo.
 */
int fd_install_lowest(struct file *f, bool cloexec);
/* The same from fd minfd up (F_DUPFD); the fd, -EMFILE, or -EINVAL for minfd beyond the limit. */
int fd_install_from(struct file *f, int minfd, bool cloexec);
/* Is fd's close-on-exec flag set? Set it to on. fd must be open. */
bool get_close_on_exec(int fd);
void set_close_on_exec(int fd, bool on);

#endif
