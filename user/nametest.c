/*
 * nametest: unlink(2), rmdir(2) and rename(2) with Linux's errors, the
 * same through mkdirat(2) and unlinkat(2) from a directory fd, and what
 * removing and truncating a file gives back, in TAP like vfstest.
 * The same binary runs on Linux under qemu-i386 (tests/system/test_vfs.py),
 * so every expectation here is Linux's behaviour.
 *
 *   nametest [DIR] [--meminfo]   works inside DIR (default /nametest);
 *                   --meminfo also checks with /proc/meminfo that a sparse
 *                   file costs only its written pages and that O_TRUNC and
 *                   unlink give them back, and that an open, dup or pipe
 *                   refused with EMFILE keeps no reference to an unlinked
 *                   file's pages (on Tidemark, where nothing else allocates
 *                   meanwhile). Exit status 0 if all passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <procfs.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <tap.h>
#include <unistd.h>

#define AT_REMOVEDIR 0x200

static int mkdir_(const char *path)
{
	return (int)__syscall_ret(syscall2(__NR_mkdir, path, 0755));
}

static int mkdirat_(int dfd, const char *path)
{
	return (int)__syscall_ret(syscall3(__NR_mkdirat, dfd, path, 0755));
}

static int unlinkat_(int dfd, const char *path, int flags)
{
	return (int)__syscall_ret(syscall3(__NR_unlinkat, dfd, path, flags));
}

static void test_unlink_rmdir(void)
{
	CHECK(mkdir_("d") == 0 && mkdir_("d/sub") == 0);
	CHECK(make_file("f", "x"));
	FAILS(unlink("missing"), ENOENT);
	FAILS(unlink("f/x"), ENOTDIR);
	FAILS(unlink("f/"), ENOTDIR);
	FAILS(unlink("d"), EISDIR);
	FAILS(unlink((const char *)1), EFAULT);
	FAILS(rmdir("f"), ENOTDIR);
	FAILS(rmdir("d"), ENOTEMPTY);
	FAILS(rmdir("d/sub/."), EINVAL);
	FAILS(rmdir("d/sub/.."), ENOTEMPTY);
	FAILS(rmdir("missing"), ENOENT);
	CHECK(rmdir("d/sub/") == 0);
	CHECK(access("d/sub", F_OK) != 0);
	CHECK(rmdir("d") == 0);
	CHECK(unlink("f") == 0);
	CHECK(access("f", F_OK) != 0);
}

static void test_rename(void)
{
	CHECK(mkdir_("a") == 0 && mkdir_("a/b") == 0 && mkdir_("empty") == 0);
	CHECK(mkdir_("full") == 0 && make_file("full/x", "x"));
	CHECK(make_file("f", "first") && make_file("g", "second"));
	FAILS(rename("missing", "z"), ENOENT);
	FAILS(rename("f", "missing/z"), ENOENT);
	FAILS(rename("a", "full"), ENOTEMPTY);
	FAILS(rename("a", "f"), ENOTDIR);
	FAILS(rename("f", "empty"), EISDIR);
	FAILS(rename("a", "a/b/c"), EINVAL);
	FAILS(rename("a/b", "a"), ENOTEMPTY);
	FAILS(rename("a/.", "q"), EBUSY);
	FAILS(rename("f", (const char *)1), EFAULT);
	CHECK(rename("f", "f") == 0 && !strcmp(contents("f"), "first"));
	CHECK(rename("f", "g") == 0);
	CHECK(access("f", F_OK) != 0 && !strcmp(contents("g"), "first"));
	CHECK(rename("a", "empty") == 0 && access("empty/b", F_OK) == 0 && access("a", F_OK) != 0);
	CHECK(rename("empty/b", "full/b2") == 0 && access("full/b2/../x", F_OK) == 0);
}

/* An unlinked file stays readable and writable through an open fd. */
static void test_unlinked_open_file(void)
{
	int fd = open("open", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[8] = "";

	CHECK(fd >= 0 && write(fd, "alive", 5) == 5);
	CHECK(unlink("open") == 0 && access("open", F_OK) != 0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, 5) == 5 && !memcmp(buf, "alive", 5));
	CHECK(write(fd, "!", 1) == 1);
	close(fd);
}

/* The *at forms: relative to a directory fd, which must be one; flags are checked first. */
static void test_at_calls(void)
{
	int dfd, fd;

	CHECK(mkdir_("at") == 0 && make_file("at/f", "x"));
	dfd = open("at", O_RDONLY);
	fd = open("at/f", O_RDONLY);
	CHECK(dfd >= 0 && fd >= 0);
	CHECK(mkdirat_(dfd, "sub") == 0 && access("at/sub", F_OK) == 0);
	FAILS(mkdirat_(dfd, "sub"), EEXIST);
	FAILS(mkdirat_(fd, "x"), ENOTDIR);
	FAILS(mkdirat_(99, "x"), EBADF);
	FAILS(mkdirat_(dfd, (const char *)1), EFAULT);
	FAILS(unlinkat_(dfd, "sub", 0), EISDIR);
	FAILS(unlinkat_(dfd, "f", AT_REMOVEDIR), ENOTDIR);
	FAILS(unlinkat_(dfd, "sub", 0x1), EINVAL);
	FAILS(unlinkat_(fd, "x", 0), ENOTDIR);
	FAILS(unlinkat_(99, "x", 0), EBADF);
	CHECK(unlinkat_(dfd, "sub", AT_REMOVEDIR) == 0 && access("at/sub", F_OK) != 0);
	CHECK(unlinkat_(dfd, "f", 0) == 0 && access("at/f", F_OK) != 0);
	close(fd);
	close(dfd);
	CHECK(rmdir("at") == 0);
}

static long mem_free_kb(void)
{
	static char text[4096];
	unsigned long kb;

	if (read_text_file("/proc/meminfo", text, sizeof(text)) < 0 ||
	    proc_field(text, "MemFree:", &kb))
		return -1;
	return (long)kb;
}

/*
 * A byte at 2 GiB - 1 costs its page and little more (not the 2 MiB page
 * vector of old); O_TRUNC and unlink give it all back. Bounds: 64 KiB,
 * for slab pages the kernel may take or give meanwhile.
 */
static void test_space_given_back(void)
{
	long before = mem_free_kb(), mid;
	int fd = open("sparse", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK(before > 0 && fd >= 0);
	CHECK(lseek(fd, 0x7ffffffe, SEEK_SET) == 0x7ffffffe && write(fd, "!", 1) == 1);
	mid = mem_free_kb();
	printf("# a byte at 2 GiB: MemFree %ld -> %ld kB\n", before, mid);
	CHECK(before - mid <= 64);
	close(fd);
	fd = open("sparse", O_RDWR | O_TRUNC);
	CHECK(fd >= 0 && mem_free_kb() >= before - 64);
	CHECK(write(fd, "y", 1) == 1);
	CHECK(lseek(fd, 8 << 20, SEEK_SET) == 8 << 20 && write(fd, "x", 1) == 1);
	close(fd);
	CHECK(unlink("sparse") == 0);
	printf("# after O_TRUNC and unlink: MemFree %ld kB\n", mem_free_kb());
	CHECK(mem_free_kb() >= before - 64);
}

/*
 * With the fd table full, open, dup and pipe fail with EMFILE and hold
 * nothing: once the fds are closed, unlinking a 1 MiB file gives all of
 * its pages back (a reference left behind would keep them).
 */
static void test_emfile_holds_nothing(void)
{
	static char page[4096];
	long before = mem_free_kb();
	int fd = open("big", O_RDWR | O_CREAT | O_TRUNC, 0644), fds[2], low = -1, i, n;

	CHECK(before > 0 && fd >= 0);
	for (i = 0; i < 256; i++)
		CHECK(write(fd, page, sizeof(page)) == sizeof(page));
	while ((n = dup(fd)) >= 0)
		low = low < 0 ? n : low;
	FAILS(dup(fd), EMFILE);
	FAILS(open("big", O_RDONLY), EMFILE);
	FAILS(pipe(fds), EMFILE);
	close(low); /* one free fd: pipe installs its read end, then must give it back */
	FAILS(pipe(fds), EMFILE);
	CHECK(dup(fd) == low);
	for (i = fd + 1; i < 1024; i++)
		close(i);
	close(fd);
	CHECK(unlink("big") == 0);
	printf("# after EMFILE and unlink: MemFree %ld -> %ld kB\n", before, mem_free_kb());
	CHECK(mem_free_kb() >= before - 64);
}

int main(int argc, char **argv)
{
	const char *top = argc > 1 && argv[1][0] != '-' ? argv[1] : "/nametest";
	int meminfo = argc > 1 && !strcmp(argv[argc - 1], "--meminfo");

	printf("TAP version 13\n");
	CHECK(mkdir_(top) == 0 && chdir(top) == 0);
	test_unlink_rmdir();
	test_rename();
	test_unlinked_open_file();
	test_at_calls();
	if (meminfo) {
		test_space_given_back();
		test_emfile_holds_nothing();
	}
	return tap_done("nametest");
}
