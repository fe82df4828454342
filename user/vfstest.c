/*
 * vfstest: the file system calls, checked against Linux's semantics and
 * errors, in TAP ("ok N - what" / "not ok N - what"). The same binary runs
 * on Linux under qemu-i386 (tests/system/test_vfs.py), so every expectation
 * here is what Linux does, and on Tidemark as init.
 *
 *   vfstest [DIR]   works inside DIR (default /vfstest), which it creates;
 *                   exit status 0 if every check passed, 1 otherwise.
 *                   Run it by an absolute path: it re-executes itself.
 *
 * Covered: mkdir/chdir/getcwd, open flags and errors, read/write/lseek
 * with holes and appends, stat64/fstat64, bad pointers (EFAULT), getdents64 records,
 * dup/dup2 sharing offsets, O_CLOEXEC across execve, pipes (EOF, ESPIPE,
 * EPIPE and SIGPIPE, blocking transfers, PIPE_BUF atomicity between two
 * writers), /dev/null and /dev/zero.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <syscall.h>
#include <tap.h>
#include <unistd.h>
#include <uapi/asm/stat.h>
#include <uapi/linux/stat.h>

static char *self;			 /* argv[0], to re-exec for the O_CLOEXEC check */
static int *volatile bad_fds = (int *)1; /* hidden from the compiler's bounds checks */

static int mkdir_(const char *path, int mode)
{
	return (int)__syscall_ret(syscall2(__NR_mkdir, path, mode));
}

/* SIG_IGN or SIG_DFL for sig, through rt_sigaction (user/lib has no signal()). */
static int set_signal(int sig, unsigned long handler)
{
	unsigned long act[5] = { handler, 0, 0, 0, 0 }; /* handler, flags, restorer, mask */

	return (int)__syscall_ret(syscall4(__NR_rt_sigaction, sig, act, 0, 8));
}

static int write_all(int fd, const void *buf, size_t n)
{
	return write(fd, buf, n) == (ssize_t)n;
}

/* ---- directories and names --------------------------------------------------- */

static void test_dirs(const char *top)
{
	char cwd[512], want[512];

	CHECK(mkdir_(top, 0755) == 0);
	FAILS(mkdir_(top, 0755), EEXIST);
	CHECK(chdir(top) == 0);
	CHECK(getcwd(want, sizeof(want)) != NULL);
	CHECK(mkdir_("sub", 0755) == 0);
	CHECK(mkdir_("sub/deeper", 0700) == 0);
	FAILS(mkdir_("missing/x", 0755), ENOENT);
	CHECK(chdir("sub/deeper") == 0);
	CHECK(getcwd(cwd, sizeof(cwd)) && !strcmp(cwd + strlen(want), "/sub/deeper"));
	CHECK(chdir("../..") == 0);
	CHECK(getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, want));
	FAILS(getcwd(cwd, 2) ? 0 : -1, ERANGE);
	FAILS(chdir("nowhere"), ENOENT);
	FAILS(chdir((char *)1), EFAULT);
}

static void test_open_errors(void)
{
	char name[300];
	int fd;

	fd = open("file", O_WRONLY | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0);
	CHECK(write_all(fd, "0123456789", 10));
	CHECK(close(fd) == 0);
	FAILS(close(fd), EBADF);
	FAILS(open("file", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	FAILS(open("absent", O_RDONLY), ENOENT);
	FAILS(open("", O_RDONLY), ENOENT);
	FAILS(open("file/x", O_RDONLY), ENOTDIR);
	FAILS(open("file/", O_RDONLY), ENOTDIR);
	FAILS(open("file", O_RDONLY | O_DIRECTORY), ENOTDIR);
	FAILS(open("sub", O_WRONLY), EISDIR);
	FAILS(open("sub", O_RDWR), EISDIR);
	FAILS(open("sub", O_RDONLY | O_CREAT, 0644), EISDIR);
	FAILS(mkdir_("file/d", 0755), ENOTDIR);
	memset(name, 'n', sizeof(name));
	name[256] = '\0';
	FAILS(open(name, O_RDONLY), ENAMETOOLONG);
	FAILS(open(name, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
	FAILS(open((char *)1, O_RDONLY), EFAULT);
	FAILS(open((char *)0xc0001000, O_RDONLY), EFAULT); /* kernel memory on both */
	fd = open("sub/../file", O_RDONLY);
	CHECK(fd >= 0);
	FAILS(write(fd, "x", 1), EBADF);
	close(fd);
	fd = open("./file", O_WRONLY);
	FAILS(read(fd, name, 1), EBADF);
	close(fd);
	FAILS(read(99, name, 1), EBADF);
	FAILS(write(-1, name, 1), EBADF);
}

/* ---- data -------------------------------------------------------------------------- */

static void test_read_write_seek(void)
{
	static char big[10000], back[10000];
	char buf[16];
	int fd, i, zeros = 1;

	for (i = 0; i < (int)sizeof(big); i++)
		big[i] = (char)(i * 7);
	fd = open("data", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0 && write(fd, big, sizeof(big)) == (ssize_t)sizeof(big));
	CHECK(lseek(fd, 0, SEEK_CUR) == (off_t)sizeof(big));
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(read(fd, back, sizeof(back)) == (ssize_t)sizeof(back) &&
	      !memcmp(big, back, sizeof(big)));
	CHECK(read(fd, back, sizeof(back)) == 0); /* end of file */
	CHECK(lseek(fd, -100, SEEK_END) == (off_t)sizeof(big) - 100);
	CHECK(lseek(fd, 50, SEEK_CUR) == (off_t)sizeof(big) - 50);
	FAILS(lseek(fd, -1, SEEK_SET), EINVAL);
	FAILS(lseek(fd, 0, 7), EINVAL);
	/* a write past the end leaves a hole that reads as zeros */
	CHECK(lseek(fd, 20000, SEEK_SET) == 20000 && write(fd, "end", 3) == 3);
	CHECK(lseek(fd, 0, SEEK_END) == 20003);
	CHECK(lseek(fd, 12000, SEEK_SET) == 12000 && read(fd, back, 8000) == 8000);
	for (i = 0; i < 8000; i++)
		zeros &= back[i] == 0;
	CHECK(zeros);
	/* bad buffers: EFAULT, and nothing moves */
	FAILS(read(fd, (void *)1, 10), EFAULT);
	FAILS(read(fd, (void *)0xc0000000, 10), EFAULT);
	FAILS(write(fd, (void *)1, 10), EFAULT);
	CHECK(close(fd) == 0);

	/* O_APPEND and O_TRUNC */
	fd = open("file", O_WRONLY | O_APPEND);
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && write(fd, "ab", 2) == 2);
	CHECK(lseek(fd, 0, SEEK_CUR) == 12);
	close(fd);
	fd = open("file", O_RDONLY);
	CHECK(read(fd, buf, sizeof(buf)) == 12 && !memcmp(buf, "0123456789ab", 12));
	close(fd);
	fd = open("file", O_RDWR | O_TRUNC);
	CHECK(lseek(fd, 0, SEEK_END) == 0);
	close(fd);
}

/* ---- directories listed ------------------------------------------------------------------ */

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
} __attribute__((packed));

static void test_getdents(void)
{
	long long buf[512 / 8];
	int fd, n, pos, seen = 0;
	char tiny[8];

	mkdir_("list", 0755);
	close(open("list/reg", O_WRONLY | O_CREAT, 0644));
	mkdir_("list/dir", 0755);
	fd = open("list", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	n = getdents64(fd, buf, sizeof(buf));
	CHECK(n > 0);
	for (pos = 0; pos < n;) {
		struct linux_dirent64 *d = (struct linux_dirent64 *)((char *)buf + pos);

		if (!strcmp(d->d_name, ".") && d->d_type == DT_DIR)
			seen |= 1;
		if (!strcmp(d->d_name, "..") && d->d_type == DT_DIR)
			seen |= 2;
		if (!strcmp(d->d_name, "reg") && d->d_type == DT_REG)
			seen |= 4;
		if (!strcmp(d->d_name, "dir") && d->d_type == DT_DIR)
			seen |= 8;
		if (d->d_reclen % 8 || d->d_reclen < 20)
			seen |= 16;
		pos += d->d_reclen;
	}
	CHECK(seen == 15);
	CHECK(getdents64(fd, buf, sizeof(buf)) == 0); /* the end */
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && getdents64(fd, buf, sizeof(buf)) == n);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	FAILS(getdents64(fd, tiny, sizeof(tiny)), EINVAL); /* not even one record fits */
	FAILS(getdents64(fd, (void *)1, 512), EFAULT);
	close(fd);
	fd = open("file", O_RDONLY);
	FAILS(getdents64(fd, buf, sizeof(buf)), ENOTDIR);
	close(fd);
	FAILS(getdents64(77, buf, sizeof(buf)), EBADF);
}

/* ---- descriptors --------------------------------------------------------------------------- */

static void test_dup(void)
{
	char c;
	int fd = open("data", O_RDONLY), d, e;

	d = dup(fd);
	CHECK(d == fd + 1);
	CHECK(lseek(fd, 5, SEEK_SET) == 5 && lseek(d, 0, SEEK_CUR) == 5); /* one file, one offset */
	e = open("file", O_RDONLY);
	CHECK(dup2(fd, e) == e && lseek(e, 0, SEEK_CUR) == 5); /* e was closed silently */
	CHECK(dup2(fd, fd) == fd);
	FAILS(dup2(fd, 0x7fffffff), EBADF); /* beyond any RLIMIT_NOFILE */
	FAILS(dup2(-1, 3), EBADF);
	FAILS(dup(999), EBADF);
	close(fd);
	CHECK(read(d, &c, 1) == 1); /* still open through the copy */
	close(d);
	close(e);
}

static void test_cloexec(void)
{
	int keep = open("file", O_RDONLY), gone = open("file", O_RDONLY | O_CLOEXEC), status;
	char a[16], b[16];
	pid_t pid;

	snprintf(a, sizeof(a), "%d", keep);
	snprintf(b, sizeof(b), "%d", gone);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { self, "--cloexec-child", a, b, NULL };

		execv(self, argv);
		_exit(99);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(keep);
	close(gone);
}

/* In the re-executed child: fd keep must be open, fd gone closed. */
static int cloexec_child(int keep, int gone)
{
	return lseek(keep, 0, SEEK_CUR) >= 0 && lseek(gone, 0, SEEK_CUR) == -1 && errno == EBADF
		   ? 0
		   : 1;
}

/* ---- stat ---------------------------------------------------------------------------------- */

static int stat64_(const char *path, struct stat64 *st)
{
	return (int)__syscall_ret(syscall2(__NR_stat64, path, st));
}

static int fstat64_(int fd, struct stat64 *st)
{
	return (int)__syscall_ret(syscall2(__NR_fstat64, fd, st));
}

static void test_stat(void)
{
	struct stat64 st, st2;
	int p[2], fd;

	CHECK(stat64_("data", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 20003);
	CHECK(st.st_nlink == 1 && (unsigned long)st.st_ino == st.__st_ino && st.st_blocks > 0);
	fd = open("data", O_RDONLY);
	CHECK(fstat64_(fd, &st2) == 0 && st2.st_ino == st.st_ino && st2.st_size == 20003);
	close(fd);
	CHECK(stat64_("sub/deeper/..", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(stat64_("sub", &st2) == 0 && st2.st_ino == st.st_ino); /* ".." is the parent */
	CHECK(stat64_("/dev/null", &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == 0x103);
	CHECK(pipe(p) == 0 && fstat64_(p[0], &st) == 0 && S_ISFIFO(st.st_mode));
	close(p[0]);
	close(p[1]);
	FAILS(stat64_("absent", &st), ENOENT);
	FAILS(stat64_("data/x", &st), ENOTDIR);
	FAILS(stat64_("data", (struct stat64 *)1), EFAULT);
	FAILS(fstat64_(-1, &st), EBADF);
}

/* ---- pipes ------------------------------------------------------------------------------------
 */

static void test_pipe_basics(void)
{
	int p[2], status;
	char buf[8];
	pid_t pid;

	CHECK(pipe(p) == 0);
	CHECK(write(p[1], "hello", 5) == 5 && read(p[0], buf, sizeof(buf)) == 5 &&
	      !memcmp(buf, "hello", 5));
	FAILS(lseek(p[0], 0, SEEK_SET), ESPIPE);
	FAILS(write(p[0], "x", 1), EBADF);
	FAILS(read(p[1], buf, 1), EBADF);
	CHECK(close(p[1]) == 0);
	CHECK(read(p[0], buf, sizeof(buf)) == 0); /* no writer: end of file */
	close(p[0]);
	FAILS(pipe(bad_fds), EFAULT);

	/* no reader: EPIPE with SIGPIPE ignored, death by SIGPIPE by default */
	CHECK(pipe(p) == 0 && close(p[0]) == 0);
	CHECK(set_signal(SIGPIPE, 1) == 0);
	FAILS(write(p[1], "x", 1), EPIPE);
	CHECK(set_signal(SIGPIPE, 0) == 0);
	pid = fork();
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(0);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGPIPE);
	close(p[1]);
}

/* 256 KiB through a pipe in odd-sized pieces: both sides block in turn. */
static void test_pipe_transfer(void)
{
	static unsigned char buf[3001];
	unsigned long sum = 0, want = 0, total = 0;
	int p[2], status, i;
	ssize_t n;
	pid_t pid;

	for (i = 0; i < 256 * 1024; i++)
		want += (unsigned char)(i * 13 + 1);
	CHECK(pipe(p) == 0);
	pid = fork();
	if (pid == 0) {
		unsigned long off = 0;

		close(p[0]);
		while (off < 256 * 1024) {
			size_t chunk =
			    256 * 1024 - off < sizeof(buf) ? 256 * 1024 - off : sizeof(buf);

			for (i = 0; i < (int)chunk; i++)
				buf[i] = (unsigned char)((off + i) * 13 + 1);
			if (!write_all(p[1], buf, chunk))
				_exit(1);
			off += chunk;
		}
		_exit(0);
	}
	close(p[1]);
	while ((n = read(p[0], buf, 777)) > 0) {
		for (i = 0; i < n; i++)
			sum += buf[i];
		total += n;
	}
	close(p[0]);
	CHECK(total == 256 * 1024 && sum == want);
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* Two writers of 512-byte records: every record arrives whole (PIPE_BUF atomicity). */
static void test_pipe_atomic(void)
{
	static char rec[512], got[512];
	int p[2], w, i, whole = 1, records = 0, status;
	size_t have = 0;
	ssize_t n;

	CHECK(pipe(p) == 0);
	for (w = 0; w < 2; w++) {
		if (fork() == 0) {
			close(p[0]);
			memset(rec, 'A' + w, sizeof(rec));
			for (i = 0; i < 64; i++)
				if (!write_all(p[1], rec, sizeof(rec)))
					_exit(1);
			_exit(0);
		}
	}
	close(p[1]);
	while ((n = read(p[0], got + have, sizeof(got) - have)) > 0) {
		have += n;
		if (have < sizeof(got))
			continue;
		for (i = 1; i < (int)sizeof(got); i++)
			whole &= got[i] == got[0];
		records++;
		have = 0;
	}
	close(p[0]);
	CHECK(whole && records == 128 && have == 0);
	for (w = 0; w < 2; w++)
		CHECK(wait(&status) > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void test_dev(void)
{
	char buf[100];
	int fd = open("/dev/null", O_RDWR), z = open("/dev/zero", O_RDONLY);

	CHECK(fd >= 0 && write(fd, "gone", 4) == 4 && read(fd, buf, sizeof(buf)) == 0);
	memset(buf, 1, sizeof(buf));
	CHECK(z >= 0 && read(z, buf, sizeof(buf)) == sizeof(buf) && buf[0] == 0 && buf[99] == 0);
	close(fd);
	close(z);
}

int main(int argc, char **argv)
{
	const char *top = argc > 1 ? argv[1] : "/vfstest";

	self = argv[0];
	if (argc == 4 && !strcmp(argv[1], "--cloexec-child"))
		return cloexec_child(atoi(argv[2]), atoi(argv[3]));
	printf("TAP version 13\n");
	test_dirs(top);
	test_open_errors();
	test_read_write_seek();
	test_getdents();
	test_dup();
	test_stat();
	test_cloexec();
	test_pipe_basics();
	test_pipe_transfer();
	test_pipe_atomic();
	test_dev();
	return tap_done("vfstest");
}
