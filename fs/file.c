/*
 * File descriptors (Linux's fs/file.c): the per-process table of open
 * files, what fork, exit and execve do to it, and close, dup and dup2.
 *
 * One CPU and no threads: a task's table changes only in its own system
 * calls, so fget hands out the file without taking a reference (Linux's
 * fdget does the same when the table is not shared).
 */
#include "fs/file.h"
#include "kernel/sched.h"
#include "mm/slab.h"

struct files_struct *alloc_files(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	files->count = 1;
	files->cwd = root_inode ? igrab(root_inode) : NULL;
	return files;
}

struct files_struct *dup_files(struct files_struct *old)
{
	struct files_struct *files = alloc_files();
	int fd;

	if (!files || !old)
		return files;
	for (fd = 0; fd < NR_OPEN_DEFAULT; fd++)
		if (old->fd[fd])
			files->fd[fd] = get_file(old->fd[fd]);
	files->close_on_exec = old->close_on_exec;
	iput(files->cwd);
	files->cwd = old->cwd ? igrab(old->cwd) : NULL;
	return files;
}

void put_files_struct(struct files_struct *files)
{
	int fd;

	if (!files)
		return;
	if (files->count <= 0)
		panic("put_files_struct: table already freed");
	if (--files->count)
		return;
	for (fd = 0; fd < NR_OPEN_DEFAULT; fd++)
		if (files->fd[fd])
			fput(files->fd[fd]);
	iput(files->cwd);
	kfree(files);
}

void do_close_on_exec(struct files_struct *files)
{
	int fd;

	for (fd = 0; fd < NR_OPEN_DEFAULT; fd++) {
		if (!(files->close_on_exec & (1ULL << fd)) || !files->fd[fd])
			continue;
		fput(files->fd[fd]);
		files->fd[fd] = NULL;
	}
	files->close_on_exec = 0;
}

struct files_struct *current_files(void)
{
	if (!current->files)
		current->files = alloc_files();
	return current->files;
}

struct file *fget(int fd)
{
	struct files_struct *files = current->files;

	if (!files || fd < 0 || fd >= NR_OPEN_DEFAULT)
		return NULL;
	return files->fd[fd];
}

static void set_cloexec(struct files_struct *files, int fd, bool on)
{
	if (on)
		files->close_on_exec |= 1ULL << fd;
	else
		files->close_on_exec &= ~(1ULL << fd);
}

bool get_close_on_exec(int fd)
{
	return current->files->close_on_exec & (1ULL << fd);
}

void set_close_on_exec(int fd, bool on)
{
	set_cloexec(current->files, fd, on);
}

int fd_install_lowest(struct file *f, bool cloexec)
{
	return fd_install_from(f, 0, cloexec);
}

/* The fds a process may have: RLIMIT_NOFILE's soft limit, at most the table's size. */
static int fd_limit(void)
{
	return (int)min(current->rlim[RLIMIT_NOFILE].rlim_cur, (u64)NR_OPEN_DEFAULT);
}

int fd_install_from(struct file *f, int minfd, bool cloexec)
{
	struct files_struct *files = current_files();
	int fd, err = -ENOMEM;

	if (!files)
		goto fail;
	err = -EINVAL;
	if (minfd < 0 || minfd >= fd_limit())
		goto fail;
	for (fd = minfd; fd < fd_limit(); fd++) {
		if (!files->fd[fd]) {
			files->fd[fd] = f;
			set_cloexec(files, fd, cloexec);
			return fd;
		}
	}
	err = -EMFILE;
fail:
	fput(f);
	return err;
}

long sys_close(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	current->files->fd[fd] = NULL;
	set_cloexec(current->files, fd, false);
	fput(f);
	return 0;
}

long sys_dup(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return fd_install_lowest(get_file(f), false);
}

/* dup2: newfd is closed first (silently) unless it is oldfd itself. */
long sys_dup2(int oldfd, int newfd)
{
	struct file *f = fget(oldfd), *old;

	if (!f)
		return -EBADF;
	if (newfd < 0 || newfd >= NR_OPEN_DEFAULT)
		return -EBADF;
	if (newfd == oldfd)
		return newfd;
	old = current->files->fd[newfd];
	current->files->fd[newfd] = get_file(f);
	set_cloexec(current->files, newfd, false);
	if (old)
		fput(old);
	return newfd;
}
