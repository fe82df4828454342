/*
 * The system-call wrappers: each passes its arguments through unchanged
 * (Linux's i386 ABI, see syscall.asm) and turns a -errno result into errno
 * and -1. Where libc and kernel differ (brk, mmap's offset, reboot's magic
 * numbers) the comment says so.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/swap.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <tidemark.h>
#include <time.h>
#include <unistd.h>

#include "syscall.h"

long __syscall_ret(long r)
{
	if ((unsigned long)r >= (unsigned long)-4095) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

void _exit(int status)
{
	syscall1(__NR_exit_group, status);
	for (;;)
		syscall1(__NR_exit, status);
}

pid_t fork(void)
{
	return __syscall_ret(syscall0(__NR_fork));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return __syscall_ret(syscall3(__NR_execve, path, argv, envp));
}

ssize_t read(int fd, void *buf, size_t count)
{
	return __syscall_ret(syscall3(__NR_read, fd, buf, count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return __syscall_ret(syscall3(__NR_write, fd, buf, count));
}

int open(const char *path, int flags, ...)
{
	int mode = 0;

	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return __syscall_ret(syscall3(__NR_open, path, flags, mode));
}

int close(int fd)
{
	return __syscall_ret(syscall1(__NR_close, fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return __syscall_ret(syscall3(__NR_lseek, fd, offset, whence));
}

int dup(int fd)
{
	return __syscall_ret(syscall1(__NR_dup, fd));
}

int dup2(int oldfd, int newfd)
{
	return __syscall_ret(syscall2(__NR_dup2, oldfd, newfd));
}

int pipe(int fds[2])
{
	return __syscall_ret(syscall1(__NR_pipe, fds));
}
pid_t getpid(void)
{
	return syscall0(__NR_getpid);
}
int pause(void)
{
	return __syscall_ret(syscall0(__NR_pause));
}
pid_t setsid(void)
{
	return (pid_t)__syscall_ret(syscall0(__NR_setsid));
}

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)__syscall_ret(syscall2(__NR_setpgid, pid, pgid));
}

pid_t getpgrp(void)
{
	return (pid_t)__syscall_ret(syscall0(__NR_getpgrp));
}

/* ioctl(fd, request, arg): the third argument is a pointer or an int. */
int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	unsigned long arg;

	va_start(ap, request);
	arg = va_arg(ap, unsigned long);
	va_end(ap);
	return (int)__syscall_ret(syscall3(__NR_ioctl, fd, request, arg));
}

pid_t getppid(void)
{
	return syscall0(__NR_getppid);
}
int unlink(const char *path)
{
	return __syscall_ret(syscall1(__NR_unlink, path));
}

int rmdir(const char *path)
{
	return __syscall_ret(syscall1(__NR_rmdir, path));
}

int rename(const char *oldpath, const char *newpath)
{
	return __syscall_ret(syscall2(__NR_rename, oldpath, newpath));
}

int chdir(const char *path)
{
	return __syscall_ret(syscall1(__NR_chdir, path));
}

int access(const char *path, int mode)
{
	return __syscall_ret(syscall2(__NR_access, path, mode));
}

/* Linux's getcwd returns the length; the C function returns buf. */
char *getcwd(char *buf, size_t size)
{
	return __syscall_ret(syscall2(__NR_getcwd, buf, size)) < 0 ? NULL : buf;
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return __syscall_ret(syscall3(__NR_waitpid, pid, status, options));
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage)
{
	return __syscall_ret(syscall4(__NR_wait4, pid, status, options, rusage));
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

int kill(pid_t pid, int sig)
{
	return __syscall_ret(syscall2(__NR_kill, pid, sig));
}
int raise(int sig)
{
	return kill(getpid(), sig);
}

static char *cur_brk;

/*
 * The kernel's brk returns the new break on success and the old one on
 * failure (never -errno); the C functions return 0/-1 and set ENOMEM.
 */
int brk(void *addr)
{
	cur_brk = (char *)syscall1(__NR_brk, addr);
	if (cur_brk != addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long increment)
{
	char *old;

	if (!cur_brk)
		cur_brk = (char *)syscall1(__NR_brk, 0);
	old = cur_brk;
	if (increment && brk(old + increment) < 0)
		return (void *)-1;
	return old;
}

/* mmap2 takes the offset in 4096-byte pages. */
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	if (offset & 4095) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	return (void *)__syscall_ret(
	    syscall6(__NR_mmap2, addr, length, prot, flags, fd, offset >> 12));
}

int munmap(void *addr, size_t length)
{
	return __syscall_ret(syscall2(__NR_munmap, addr, length));
}

int mprotect(void *addr, size_t length, int prot)
{
	return __syscall_ret(syscall3(__NR_mprotect, addr, length, prot));
}

int mlock(const void *addr, size_t len)
{
	return __syscall_ret(syscall2(__NR_mlock, addr, len));
}

int mlock2(const void *addr, size_t len, unsigned int flags)
{
	return __syscall_ret(syscall3(__NR_mlock2, addr, len, flags));
}

int munlock(const void *addr, size_t len)
{
	return __syscall_ret(syscall2(__NR_munlock, addr, len));
}

int mlockall(int flags)
{
	return __syscall_ret(syscall1(__NR_mlockall, flags));
}

int munlockall(void)
{
	return __syscall_ret(syscall0(__NR_munlockall));
}

int madvise(void *addr, size_t length, int advice)
{
	return __syscall_ret(syscall3(__NR_madvise, addr, length, advice));
}

void *mremap(void *old_address, size_t old_size, size_t new_size, int flags, void *new_address)
{
	return (void *)__syscall_ret(
	    syscall5(__NR_mremap, old_address, old_size, new_size, flags, new_address));
}

int getrlimit(int resource, struct rlimit *rlim)
{
	return __syscall_ret(syscall2(__NR_ugetrlimit, resource, rlim));
}

int setrlimit(int resource, const struct rlimit *rlim)
{
	return __syscall_ret(syscall2(__NR_setrlimit, resource, rlim));
}

int msync(void *addr, size_t length, int flags)
{
	return __syscall_ret(syscall3(__NR_msync, addr, length, flags));
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return __syscall_ret(syscall2(__NR_nanosleep, req, rem));
}

int clock_gettime(clockid_t clock, struct timespec *tp)
{
	return __syscall_ret(syscall2(__NR_clock_gettime, clock, tp));
}

clock_t times(struct tms *buf)
{
	return __syscall_ret(syscall1(__NR_times, buf));
}

int getrusage(int who, struct rusage *usage)
{
	return __syscall_ret(syscall2(__NR_getrusage, who, usage));
}

int tidemark_pageinfo(const void *addr, struct tidemark_pageinfo *info)
{
	return __syscall_ret(syscall2(__NR_tidemark_pageinfo, addr, info));
}

int sched_yield(void)
{
	return __syscall_ret(syscall0(__NR_sched_yield));
}
int uname(struct utsname *buf)
{
	return __syscall_ret(syscall1(__NR_uname, buf));
}

int reboot(int cmd)
{
	return __syscall_ret(
	    syscall4(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd, 0));
}

int swapon(const char *path, int flags)
{
	return __syscall_ret(syscall2(__NR_swapon, path, flags));
}

int swapoff(const char *path)
{
	return __syscall_ret(syscall1(__NR_swapoff, path));
}

int getdents64(int fd, void *buf, size_t count)
{
	return __syscall_ret(syscall3(__NR_getdents64, fd, buf, count));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/*
 * Tries each directory of $PATH (default "/bin") in turn; returns -1 with
 * the most telling errno (an error other than ENOENT wins).
 */
int execvp(const char *file, char *const argv[])
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];
	int err = ENOENT;

	if (strchr(file, '/'))
		return execv(file, argv);
	if (!path)
		path = "/bin";
	while (*path) {
		size_t n = strcspn(path, ":");

		if (n + 1 + strlen(file) + 1 <= sizeof(buf)) {
			memcpy(buf, path, n);
			buf[n] = '/';
			strcpy(buf + n + 1, file);
			execv(buf, argv);
			if (errno != ENOENT)
				err = errno;
		}
		path += n + (path[n] == ':');
	}
	errno = err;
	return -1;
}

int link(const char *oldpath, const char *newpath)
{
	return __syscall_ret(syscall2(__NR_link, oldpath, newpath));
}

int symlink(const char *target, const char *linkpath)
{
	return __syscall_ret(syscall2(__NR_symlink, target, linkpath));
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
	return __syscall_ret(syscall3(__NR_readlink, path, buf, size));
}

void sync(void)
{
	syscall0(__NR_sync);
}

int fsync(int fd)
{
	return __syscall_ret(syscall1(__NR_fsync, fd));
}

int fdatasync(int fd)
{
	return __syscall_ret(syscall1(__NR_fdatasync, fd));
}

int syncfs(int fd)
{
	return __syscall_ret(syscall1(__NR_syncfs, fd));
}

/* The 64-bit forms, as glibc uses them: the length in two registers, low word first. */
int truncate(const char *path, off_t length)
{
	long long len = length;

	return __syscall_ret(
	    syscall3(__NR_truncate64, path, (unsigned long)len, (unsigned long)(len >> 32)));
}

int ftruncate(int fd, off_t length)
{
	long long len = length;

	return __syscall_ret(
	    syscall3(__NR_ftruncate64, fd, (unsigned long)len, (unsigned long)(len >> 32)));
}

int mount(const char *source, const char *target, const char *type, unsigned long flags,
	  const void *data)
{
	return __syscall_ret(syscall5(__NR_mount, source, target, type, flags, data));
}

int umount(const char *target)
{
	return __syscall_ret(syscall2(__NR_umount2, target, 0));
}

int umount2(const char *target, int flags)
{
	return __syscall_ret(syscall2(__NR_umount2, target, flags));
}

int statfs(const char *path, struct statfs *buf)
{
	return __syscall_ret(syscall3(__NR_statfs64, path, sizeof(*buf), buf));
}

int fstatfs(int fd, struct statfs *buf)
{
	return __syscall_ret(syscall3(__NR_fstatfs64, fd, sizeof(*buf), buf));
}
