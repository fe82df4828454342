/*
 * linktest: symbolic links in path lookup, with Linux's answers, in TAP
 * (user/lib/tap.h). The same binary runs on Linux under qemu-i386
 * (tests/system/test_ext2.py), so every expectation is Linux's behaviour.
 *
 *   linktest DIR    works inside DIR (made if missing); exit status 0 if
 *                   every check passed, 1 otherwise.
 *
 * Checked: trailing and intermediate links, relative and absolute
 * targets, a target longer than an ext2 inode's 60 bytes (a slow
 * symlink), ELOOP after MAXSYMLINKS (40) links and on a loop, O_NOFOLLOW,
 * O_CREAT through a dangling link, O_CREAT|O_EXCL on a link, lstat,
 * fstatat's AT_SYMLINK_NOFOLLOW, readlink, symlinkat, and that unlink,
 * rename and link act on the link itself (linkat's AT_SYMLINK_FOLLOW on
 * its target).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <tap.h>
#include <unistd.h>
#include <uapi/asm/stat.h>
#include <uapi/linux/stat.h>

#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_SYMLINK_FOLLOW 0x400
#define MAXSYMLINKS 40

static int stat_(const char *path, struct stat64 *st)
{
	return (int)__syscall_ret(syscall2(__NR_stat64, path, st));
}

static int lstat_(const char *path, struct stat64 *st)
{
	return (int)__syscall_ret(syscall2(__NR_lstat64, path, st));
}

static int fstatat_(int dfd, const char *path, struct stat64 *st, int flags)
{
	return (int)__syscall_ret(syscall4(__NR_fstatat64, dfd, path, st, flags));
}

static int symlinkat_(const char *target, int dfd, const char *path)
{
	return (int)__syscall_ret(syscall3(__NR_symlinkat, target, dfd, path));
}

static int linkat_(const char *from, const char *to, int flags)
{
	return (int)__syscall_ret(syscall5(__NR_linkat, AT_FDCWD, from, AT_FDCWD, to, flags));
}

static int mkdir_(const char *path)
{
	return (int)__syscall_ret(syscall2(__NR_mkdir, path, 0755));
}

static int rename_(const char *from, const char *to)
{
	return (int)__syscall_ret(syscall2(__NR_rename, from, to));
}

static int is_link(const char *path)
{
	struct stat64 st;

	return lstat_(path, &st) == 0 && S_ISLNK(st.st_mode);
}

/* readlink(path) equals want exactly (no NUL added). */
static int reads_link(const char *path, const char *want)
{
	char buf[300];
	ssize_t n = readlink(path, buf, sizeof(buf));

	return n == (ssize_t)strlen(want) && !memcmp(buf, want, (size_t)n);
}

static void trailing_and_intermediate(const char *abs)
{
	char target[256];
	struct stat64 st;

	CHECK(make_file("f", "file f") && mkdir_("d") == 0 && make_file("d/g", "file g"));
	CHECK(symlink("f", "lf") == 0 && !strcmp(contents("lf"), "file f"));
	CHECK(symlink("../f", "d/up") == 0 && !strcmp(contents("d/up"), "file f"));
	snprintf(target, sizeof(target), "%s/d/g", abs);
	CHECK(symlink(target, "abs") == 0 && !strcmp(contents("abs"), "file g"));
	CHECK(symlink("d", "ld") == 0 && !strcmp(contents("ld/g"), "file g"));
	CHECK(!strcmp(contents("ld/up"), "file f"));   /* relative to the link's own directory */
	CHECK(!strcmp(contents("ld/../f"), "file f")); /* ".." of the target, not of the link */
	CHECK(stat_("lf", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 6);
	CHECK(lstat_("lf", &st) == 0 && S_ISLNK(st.st_mode) && st.st_size == 1);
	CHECK(lstat_("ld/", &st) == 0 && S_ISDIR(st.st_mode)); /* a slash follows it */
	FAILS(open("lf/", O_RDONLY), ENOTDIR);
	CHECK(fstatat_(AT_FDCWD, "lf", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode));
	CHECK(fstatat_(AT_FDCWD, "lf", &st, 0) == 0 && S_ISREG(st.st_mode));
	CHECK(chdir("ld") == 0 && !strcmp(contents("g"), "file g") && chdir("..") == 0);
}

static void slow_link_and_readlink(void)
{
	char target[201], small[4];
	struct stat64 st;
	int i;

	for (i = 0; i < 196; i += 2)
		memcpy(target + i, "./", 2); /* 98 "./" then "d/g": longer than 60 bytes */
	memcpy(target + 196, "d/g", 4);
	CHECK(symlink(target, "slow") == 0 && !strcmp(contents("slow"), "file g"));
	CHECK(lstat_("slow", &st) == 0 && st.st_size == 199 && reads_link("slow", target));
	CHECK(reads_link("lf", "f") && reads_link("d/up", "../f"));
	CHECK(readlink("slow", small, sizeof(small)) == 4 && !memcmp(small, "././", 4));
	FAILS(readlink("f", small, sizeof(small)), EINVAL);
	FAILS(readlink("missing", small, sizeof(small)), ENOENT);
	CHECK(reads_link("ld/up", "../f")); /* a link inside a linked directory */
}

static void loops(void)
{
	char name[16], prev[16];
	struct stat64 st;
	int i;

	/* l0 -> f, li -> l(i-1): opening li follows i + 1 links */
	for (i = 0; i <= MAXSYMLINKS; i++) {
		snprintf(name, sizeof(name), "l%d", i);
		snprintf(prev, sizeof(prev), "l%d", i - 1);
		if (symlink(i ? prev : "f", name))
			break;
	}
	CHECK(i == MAXSYMLINKS + 1);
	CHECK(!strcmp(contents("l39"), "file f")); /* 40 links */
	FAILS(open("l40", O_RDONLY), ELOOP);	   /* 41 */
	FAILS(stat_("l40", &st), ELOOP);
	CHECK(lstat_("l40", &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(symlink("loop2", "loop1") == 0 && symlink("loop1", "loop2") == 0);
	FAILS(open("loop1", O_RDONLY), ELOOP);
	FAILS(stat_("loop1/x", &st), ELOOP);
	CHECK(symlink("self/x", "self") == 0);
	FAILS(open("self", O_RDONLY), ELOOP);
}

static void open_flags(void)
{
	FAILS(open("lf", O_RDONLY | O_NOFOLLOW), ELOOP);
	CHECK(close(open("f", O_RDONLY | O_NOFOLLOW)) == 0);
	CHECK(close(open("ld/g", O_RDONLY | O_NOFOLLOW)) == 0); /* only the last one counts */
	CHECK(symlink("made", "dangling") == 0);
	FAILS(open("dangling", O_RDONLY), ENOENT);
	CHECK(make_file("dangling", "made") && !strcmp(contents("made"), "made"));
	CHECK(is_link("dangling"));
	FAILS(open("dangling", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	FAILS(open("lf", O_WRONLY | O_CREAT | O_NOFOLLOW, 0644), ELOOP);
	CHECK(symlink("d/", "slashed") == 0);
	FAILS(open("slashed", O_WRONLY | O_CREAT, 0644), EISDIR);
	FAILS(mkdir_("lf"), EEXIST);
	FAILS(symlink("x", "lf"), EEXIST);
	FAILS(symlink("", "empty"), ENOENT);
}

static void names_act_on_the_link(void)
{
	struct stat64 st, st2;
	int dfd;

	CHECK(rename_("lf", "lf2") == 0 && is_link("lf2") && !strcmp(contents("lf2"), "file f"));
	CHECK(link("lf2", "hard") == 0 && is_link("hard"));
	CHECK(lstat_("hard", &st) == 0 && lstat_("lf2", &st2) == 0 && st.st_ino == st2.st_ino);
	CHECK(linkat_("lf2", "hard2", AT_SYMLINK_FOLLOW) == 0 && !is_link("hard2"));
	CHECK(stat_("f", &st) == 0 && stat_("hard2", &st2) == 0 && st.st_ino == st2.st_ino);
	CHECK(st2.st_nlink == 2 && unlink("hard2") == 0);
	CHECK(unlink("lf2") == 0 && unlink("hard") == 0 && !strcmp(contents("f"), "file f"));
	CHECK(unlink("ld") == 0 && stat_("d", &st) == 0 && S_ISDIR(st.st_mode));
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0 && symlinkat_("g", dfd, "at") == 0 && !strcmp(contents("d/at"), "file g"));
	close(dfd);
	CHECK(unlink("d/at") == 0 && unlink("d/up") == 0 && unlink("d/g") == 0);
	CHECK(rmdir("d") == 0);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/linktest";
	char abs[200];

	mkdir_(dir);
	if (chdir(dir) || !getcwd(abs, sizeof(abs))) {
		printf("linktest: cannot work in %s\n", dir);
		return 1;
	}
	trailing_and_intermediate(abs);
	slow_link_and_readlink();
	loops();
	open_flags();
	names_act_on_the_link();
	return tap_done("linktest");
}
