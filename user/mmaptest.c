/*
 * mmaptest: file mappings (mmap of a file, msync, SIGBUS past the end),
 * with user/filetest.c's seeded pattern: the 4-byte word at byte offset o
 * is hash32(seed ^ (o / 4)).
 *
 *   mmaptest write FILE KIB SEED [sync|async|none]
 *        map the first KIB KiB of FILE (it must be that long) MAP_SHARED,
 *        store the pattern word by word, msync as told (default sync),
 *        munmap; the file now holds the pattern (check it with filetest)
 *   mmaptest exit FILE KIB SEED
 *        the same without msync or munmap: exit(2) takes the mapping down
 *   mmaptest verify FILE KIB SEED [shared|private]
 *        map it and check every word; print the faults it took
 *   mmaptest private FILE KIB SEED NEWSEED
 *        map it MAP_PRIVATE: check SEED, store NEWSEED everywhere, check
 *        NEWSEED; the file keeps SEED
 *   mmaptest maps FILE KIB
 *        map it shared read-only (every page touched, and shared with a
 *        child) and private (one page written); print /proc/self/maps and
 *        smaps between "== maps" and "== end"
 *   mmaptest check DIR [NAME...]
 *        the checks below on files it makes in DIR (an ext2 mount)
 *
 * Exits 0 on success, 1 on a mismatch or an error (with a message).
 */
#include <errno.h>
#include <fcntl.h>
#include <selftest.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "pattern.h"
#include "procfs.h"

#define PAGE 4096

static const char *dir = "/mnt";

static void usage(void)
{
	printf("usage: mmaptest write|verify|private|maps|check ... (see user/mmaptest.c)\n");
	exit(2);
}

/* Map the first kib KiB of path; NULL (with a message) on failure. */
static unsigned int *map_file(const char *path, unsigned long kib, int prot, int flags)
{
	int fd = open(path, prot & PROT_WRITE && (flags & MAP_SHARED) ? O_RDWR : O_RDONLY);
	void *p;

	if (fd < 0) {
		printf("mmaptest: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	p = mmap(NULL, kib * 1024, prot, flags, fd, 0);
	close(fd); /* the mapping keeps the file */
	if (p == MAP_FAILED) {
		printf("mmaptest: mmap %s: %s\n", path, strerror(errno));
		return NULL;
	}
	return p;
}

/* The first word that is not the pattern of seed, or -1. */
static long first_mismatch(const unsigned int *w, unsigned long words, unsigned int seed)
{
	unsigned long i;

	for (i = 0; i < words; i++)
		if (w[i] != hash32(seed ^ (unsigned int)i))
			return (long)i;
	return -1;
}

static void faults(long *minflt, long *majflt)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	*minflt = ru.ru_minflt;
	*majflt = ru.ru_majflt;
}

static int do_write(const char *path, unsigned long kib, unsigned int seed, const char *how)
{
	unsigned int *w = map_file(path, kib, PROT_READ | PROT_WRITE, MAP_SHARED);
	unsigned long i, words = kib * 256;
	int flags = !strcmp(how, "async") ? MS_ASYNC : MS_SYNC;
	int sync = strcmp(how, "none") && strcmp(how, "exit");

	if (!w)
		return 1;
	for (i = 0; i < words; i++)
		w[i] = hash32(seed ^ (unsigned int)i);
	if (sync && msync(w, kib * 1024, flags)) {
		printf("mmaptest: msync: %s\n", strerror(errno));
		return 1;
	}
	printf("mmaptest: wrote %lu KiB through a shared mapping (msync %s)\n", kib, how);
	if (!strcmp(how, "exit"))
		_exit(0); /* the mapping goes with the process */
	munmap(w, kib * 1024);
	return 0;
}

static int do_verify(const char *path, unsigned long kib, unsigned int seed, const char *how)
{
	int flags = !strcmp(how, "private") ? MAP_PRIVATE : MAP_SHARED;
	long min0, maj0, min1, maj1, bad;
	unsigned int *w;

	faults(&min0, &maj0);
	w = map_file(path, kib, PROT_READ, flags);
	if (!w)
		return 1;
	bad = first_mismatch(w, kib * 256, seed);
	faults(&min1, &maj1);
	if (bad >= 0) {
		printf("mmaptest: %s: word %ld is %08x, expected %08x\n", path, bad, w[bad],
		       hash32(seed ^ (unsigned int)bad));
		return 1;
	}
	munmap(w, kib * 1024);
	printf("mmaptest: verified %lu KiB, faults major %ld minor %ld\n", kib, maj1 - maj0,
	       min1 - min0);
	return 0;
}

static int do_private(const char *path, unsigned long kib, unsigned int seed, unsigned int new)
{
	unsigned int *w = map_file(path, kib, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	unsigned long i, words = kib * 256;
	long bad;

	if (!w)
		return 1;
	bad = first_mismatch(w, words, seed);
	if (bad >= 0) {
		printf("mmaptest: private: word %ld is not the file's\n", bad);
		return 1;
	}
	for (i = 0; i < words; i++)
		w[i] = hash32(new ^ (unsigned int)i);
	bad = first_mismatch(w, words, new);
	if (bad >= 0) {
		printf("mmaptest: private: word %ld lost its write\n", bad);
		return 1;
	}
	munmap(w, kib * 1024);
	printf("mmaptest: private copy of %lu KiB written\n", kib);
	return 0;
}

static void print_file(const char *path)
{
	static char text[32768];

	if (read_text_file(path, text, sizeof(text)) > 0)
		fputs(text, stdout);
}

static int do_maps(const char *path, unsigned long kib)
{
	volatile unsigned int *s = map_file(path, kib, PROT_READ, MAP_SHARED);
	volatile unsigned int *p = map_file(path, kib, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	unsigned long i, sum = 0;
	int ready[2], done[2];
	char c = 0;
	pid_t pid;

	if (!s || !p || pipe(ready) || pipe(done))
		return 1;
	for (i = 0; i < kib * 256; i += PAGE / 4)
		sum += s[i];
	p[0] = (unsigned int)sum; /* one private copy */
	pid = fork();
	if (pid == 0) { /* keep the shared pages mapped twice while the parent looks */
		munmap((void *)p, kib * 1024);
		write(ready[1], &c, 1);
		read(done[0], &c, 1);
		_exit(0);
	}
	read(ready[0], &c, 1);
	printf("== maps\n");
	print_file("/proc/self/maps");
	printf("== smaps\n");
	print_file("/proc/self/smaps");
	printf("== end\n");
	write(done[1], &c, 1);
	waitpid(pid, NULL, 0);
	return 0;
}

/* ---- checks ------------------------------------------------------------------ */

static char path_buf[256];

/* DIR/name, made with bytes bytes of pattern seed; its fd (O_RDWR), or -1. */
static int make_file(const char *name, unsigned long bytes, unsigned int seed)
{
	static unsigned int buf[PAGE / 4];
	unsigned long done;
	int fd;

	snprintf(path_buf, sizeof(path_buf), "%s/%s", dir, name);
	fd = open(path_buf, O_RDWR | O_CREAT | O_TRUNC, 0644);
	for (done = 0; fd >= 0 && done < bytes; done += PAGE) {
		unsigned long n = bytes - done < PAGE ? bytes - done : PAGE, i;

		for (i = 0; i < PAGE / 4; i++)
			buf[i] = hash32(seed ^ (unsigned int)(done / 4 + i));
		if (write(fd, buf, n) != (ssize_t)n)
			return -1;
	}
	return fd;
}

static volatile int bus_code = -1;
static volatile unsigned long bus_addr;

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	bus_code = si->si_code;
	bus_addr = (unsigned long)si->si_addr;
	printf("SIGBUS si_code %d\n", bus_code);
	_exit(42);
}

/* In a child: read the byte at p; returns the child's exit status (42: SIGBUS caught). */
static int touch_in_child(volatile char *p, unsigned long expect_addr)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		struct sigaction sa = { 0 };

		sa.sa_sigaction = on_sigbus;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGBUS, &sa, NULL);
		bus_code = *p;
		_exit(0); /* no signal */
	}
	waitpid(pid, &status, 0);
	(void)expect_addr;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A mapping past the end of the file: the page holding the end reads, the next is SIGBUS. */
static void check_sigbus(void)
{
	int fd = make_file("sigbus", 6000, 3), type;

	CHECK(fd >= 0, "cannot make %s", path_buf);
	for (type = MAP_SHARED; type <= MAP_PRIVATE; type++) {
		char *p = mmap(NULL, 4 * PAGE, PROT_READ, type, fd, 0);

		CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
		CHECK(*(unsigned int *)p == hash32(3), "first word wrong");
		CHECK(p[5999] == (char)(hash32(3 ^ 1499) >> 24), "last byte wrong");
		CHECK(p[6000] == 0 && p[PAGE * 2 - 1] == 0, "bytes past EOF in its page not zero");
		CHECK(touch_in_child(p + 2 * PAGE, 0) == 42, "no SIGBUS at page 2");
		CHECK(touch_in_child(p + 3 * PAGE + 17, 0) == 42, "no SIGBUS at page 3");
		munmap(p, 4 * PAGE);
	}
	close(fd);
}

/* The SIGBUS's si_code is BUS_ADRERR and si_addr the address touched. */
static void check_sigbus_siginfo(void)
{
	int fd = make_file("siginfo", 100, 4);
	char *p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	struct sigaction sa = { 0 };
	pid_t pid;
	int status;
	int pfd[2];

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK(pipe(pfd) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		sa.sa_sigaction = on_sigbus;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGBUS, &sa, NULL);
		dup2(pfd[1], 1);
		bus_code = p[PAGE + 5];
		_exit(0);
	}
	waitpid(pid, &status, 0);
	close(pfd[1]);
	{
		char out[64] = { 0 };

		read(pfd[0], out, sizeof(out) - 1);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "child status %#x", status);
		CHECK(strstr(out, "si_code 2") != NULL, "si_code not BUS_ADRERR: %s", out);
	}
	close(pfd[0]);
	munmap(p, 2 * PAGE);
	close(fd);
}

/* truncate of a mapped file: the pages past the new end go, an access there is SIGBUS. */
static void check_truncate(void)
{
	int fd = make_file("trunc", 4 * PAGE, 5), i;
	volatile unsigned int *w = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	volatile unsigned int *c = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

	CHECK(w != MAP_FAILED && c != MAP_FAILED, "mmap: %s", strerror(errno));
	for (i = 0; i < 4; i++) {
		CHECK(w[i * PAGE / 4] == hash32(5 ^ (unsigned int)(i * PAGE / 4)), "page %d", i);
		c[i * PAGE / 4] = 7; /* private copies: truncate removes them too */
	}
	CHECK(ftruncate(fd, PAGE) == 0, "ftruncate: %s", strerror(errno));
	CHECK(w[0] == hash32(5), "page 0 changed");
	CHECK(c[0] == 7, "private copy of page 0 lost");
	CHECK(touch_in_child((volatile char *)w + 2 * PAGE, 0) == 42, "shared: no SIGBUS");
	CHECK(touch_in_child((volatile char *)c + 3 * PAGE, 0) == 42, "private: no SIGBUS");
	CHECK(ftruncate(fd, 4 * PAGE) == 0, "ftruncate up: %s", strerror(errno));
	CHECK(w[3 * PAGE / 4] == 0, "grown page not zero");
	munmap((void *)w, 4 * PAGE);
	munmap((void *)c, 4 * PAGE);
	close(fd);
}

/* The word at byte off of fd, by lseek and read(2) (user/lib has no pread). */
static unsigned int read_word(int fd, off_t off)
{
	unsigned int w = 0;

	if (lseek(fd, off, SEEK_SET) != off || read(fd, &w, 4) != 4)
		return 0;
	return w;
}

static int write_word(int fd, off_t off, unsigned int w)
{
	return lseek(fd, off, SEEK_SET) == off && write(fd, &w, 4) == 4 ? 0 : -1;
}

/* Writes through a private mapping stay private; the file and shared mappings do not see them. */
static void check_private_cow(void)
{
	int fd = make_file("cow", 2 * PAGE, 6);
	volatile unsigned int *s = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	volatile unsigned int *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(s != MAP_FAILED && p != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK(p[1] == hash32(6 ^ 1), "private read");
	p[1] = 0xdeadbeef;
	p[PAGE / 4] = 0xfeedface; /* a write fault on an empty PTE: do_cow_fault */
	CHECK(s[1] == hash32(6 ^ 1), "the shared mapping sees the private write");
	CHECK(read_word(fd, 4) == hash32(6 ^ 1), "the file sees it");
	CHECK(p[1] == 0xdeadbeef && p[PAGE / 4] == 0xfeedface, "private write lost");
	/* A write(2) to the file shows in the shared mapping and in unwritten private pages. */
	CHECK(write_word(fd, 8, 0x12345678) == 0, "write(2)");
	CHECK(s[2] == 0x12345678, "shared mapping does not see write(2)");
	munmap((void *)s, 2 * PAGE);
	munmap((void *)p, 2 * PAGE);
	close(fd);
}

/* A shared mapping's store is seen by read(2) at once (one page cache). */
static void check_shared_coherent(void)
{
	int fd = make_file("shared", PAGE, 8);
	volatile unsigned int *w = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	CHECK(w != MAP_FAILED, "mmap: %s", strerror(errno));
	w[3] = 0xcafef00d;
	CHECK(read_word(fd, 12) == 0xcafef00d, "read(2) misses the store");
	CHECK(msync((void *)w, PAGE, MS_SYNC) == 0, "msync: %s", strerror(errno));
	munmap((void *)w, PAGE);
	close(fd);
}

/* fork shares a shared mapping and copies a private one. */
static void check_fork(void)
{
	int fd = make_file("fork", PAGE, 9), status;
	volatile unsigned int *s = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	volatile unsigned int *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	pid_t pid;

	CHECK(s != MAP_FAILED && p != MAP_FAILED, "mmap: %s", strerror(errno));
	p[0] = 1;
	pid = fork();
	if (pid == 0) {
		s[0] = 0xabcdef01;
		p[0] = 2;
		_exit(p[0] == 2 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child failed");
	CHECK(s[0] == 0xabcdef01, "child's shared store not seen");
	CHECK(p[0] == 1, "child's private store seen");
	munmap((void *)s, PAGE);
	munmap((void *)p, PAGE);
	close(fd);
}

/* Linux's errors for mmap of files and for msync. */
static void check_errors(void)
{
	int fd = make_file("errors", 2 * PAGE, 10), ro, wo, proc;
	char *p;

	snprintf(path_buf, sizeof(path_buf), "%s/errors", dir);
	ro = open(path_buf, O_RDONLY);
	wo = open(path_buf, O_WRONLY);
	proc = open("/proc/meminfo", O_RDONLY);
	CHECK(fd >= 0 && ro >= 0 && wo >= 0 && proc >= 0, "open");
	errno = 0;
	CHECK(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, wo, 0) == MAP_FAILED && errno == EACCES,
	      "write-only fd: %s", strerror(errno));
	CHECK(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED &&
		  errno == EACCES,
	      "shared writable on read-only fd: %s", strerror(errno));
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	CHECK(p != MAP_FAILED, "private writable on read-only fd: %s", strerror(errno));
	munmap(p, PAGE);
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, ro, 0);
	CHECK(p != MAP_FAILED, "shared read-only: %s", strerror(errno));
	CHECK(mprotect(p, PAGE, PROT_READ | PROT_WRITE) == -1 && errno == EACCES,
	      "mprotect to writable: %s", strerror(errno));
	CHECK(msync(p, PAGE, MS_SYNC | MS_ASYNC) == -1 && errno == EINVAL, "MS_SYNC|MS_ASYNC");
	CHECK(msync(p, PAGE, 8) == -1 && errno == EINVAL, "unknown flag");
	CHECK(msync(p + 1, PAGE, MS_SYNC) == -1 && errno == EINVAL, "unaligned");
	CHECK(msync(p, 0, MS_SYNC) == 0, "empty range");
	CHECK(msync(p, 3 * PAGE, MS_SYNC) == -1 && errno == ENOMEM, "unmapped part: %s",
	      strerror(errno));
	CHECK(msync(p, PAGE, MS_ASYNC | MS_INVALIDATE) == 0, "MS_INVALIDATE");
	munmap(p, PAGE);
	CHECK(msync(p, PAGE, MS_ASYNC) == -1 && errno == ENOMEM, "unmapped: %s", strerror(errno));
	CHECK(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, proc, 0) == MAP_FAILED && errno == ENODEV,
	      "procfs: %s", strerror(errno));
	CHECK(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 99, 0) == MAP_FAILED && errno == EBADF,
	      "bad fd: %s", strerror(errno));
	close(fd);
	close(ro);
	close(wo);
	close(proc);
}

static const struct selftest checks[] = {
	{ "sigbus", check_sigbus },
	{ "sigbus_siginfo", check_sigbus_siginfo },
	{ "truncate", check_truncate },
	{ "private_cow", check_private_cow },
	{ "shared_coherent", check_shared_coherent },
	{ "fork", check_fork },
	{ "errors", check_errors },
};

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "check")) {
		dir = argv[2];
		return selftest_run(checks, sizeof(checks) / sizeof(checks[0]), argc - 2, argv + 2,
				    "mmaptest");
	}
	if (argc < 4)
		usage();
	if (!strcmp(argv[1], "maps"))
		return do_maps(argv[2], strtoul(argv[3], NULL, 0));
	if (argc < 5)
		usage();
	if (!strcmp(argv[1], "write"))
		return do_write(argv[2], strtoul(argv[3], NULL, 0),
				(unsigned int)strtoul(argv[4], NULL, 0),
				argc > 5 ? argv[5] : "sync");
	if (!strcmp(argv[1], "exit"))
		return do_write(argv[2], strtoul(argv[3], NULL, 0),
				(unsigned int)strtoul(argv[4], NULL, 0), "exit");
	if (!strcmp(argv[1], "verify"))
		return do_verify(argv[2], strtoul(argv[3], NULL, 0),
				 (unsigned int)strtoul(argv[4], NULL, 0),
				 argc > 5 ? argv[5] : "shared");
	if (!strcmp(argv[1], "private") && argc > 5)
		return do_private(argv[2], strtoul(argv[3], NULL, 0),
				  (unsigned int)strtoul(argv[4], NULL, 0),
				  (unsigned int)strtoul(argv[5], NULL, 0));
	usage();
	return 2;
}
