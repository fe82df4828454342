/*
 * shmemtest: tmpfs and shared memory, checked the way a user sees them.
 *
 *   shmemtest tmpfile MB SEED  write an MB MiB file to /tmp from a seeded
 *                              generator (more than RAM: part of it must go
 *                              to swap), check Shmem and the swap it took,
 *                              read it back word by word, delete it and
 *                              check that Shmem and swap come back
 *   shmemtest limits           a tmpfs mounted with size=, nr_inodes=, mode=:
 *                              ENOSPC at each limit, statfs, /proc/mounts,
 *                              remount to resize, bad options refused
 *   shmemtest mounts           /tmp and /dev/shm are tmpfs at boot, with
 *                              Linux's defaults (half of RAM)
 *   shmemtest memfd            memfd_create: a file with no name whose pages are
 *                              Shmem until its last descriptor closes;
 *                              MFD_CLOEXEC; bad flags and names refused
 *   shmemtest posix            shm_open, ftruncate, write, read and shm_unlink:
 *                              POSIX shared memory is a file in /dev/shm
 *   shmemtest swapoff MB SEED  an MB MiB file in /tmp pushed to swap by an
 *                              anonymous hog, then swapoff(/dev/sda): the
 *                              file's pages come back (shmem_unuse) and read
 *                              back word for word
 *   shmemtest oom              /tmp resized past RAM and filled (no swap) until
 *                              the OOM killer runs: a bystander with memory of
 *                              its own dies, then the writer; the file's
 *                              memory stays in Shmem until it is deleted
 *
 * Prints "PASS shmemtest MODE" or "FAIL ...: why" and exits 0 or 1. A
 * glibc program (so its calls are glibc's: shm_open, shmget through ipc(2)).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/statfs.h>
#include <sys/swap.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../lib/pattern.h"
#include "expect.h"

#define PAGE 4096UL
#define CHUNK (64 * 1024UL)
#define TMPFS_MAGIC 0x01021994

static unsigned value(unsigned seed, unsigned long i)
{
	return hash32(seed * 2654435761u ^ (unsigned)i * 0x9e3779b9u);
}

static void fill_chunk(unsigned *buf, unsigned long chunk, unsigned seed)
{
	unsigned long i, base = chunk * (CHUNK / sizeof(unsigned));

	for (i = 0; i < CHUNK / sizeof(unsigned); i++)
		buf[i] = value(seed, base + i);
}

/* Write mb MiB of seeded words to path; the file stays open for the caller. */
static int write_file(const char *path, unsigned long mb, unsigned seed)
{
	static unsigned buf[CHUNK / sizeof(unsigned)];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	unsigned long c;

	EXPECT(fd >= 0, "open %s: %s", path, strerror(errno));
	for (c = 0; c < (mb << 20) / CHUNK; c++) {
		fill_chunk(buf, c, seed);
		EXPECT(write(fd, buf, CHUNK) == (ssize_t)CHUNK, "write at %lu KiB: %s", c * 64,
		       strerror(errno));
	}
	return fd;
}

/* Read the file back from the start and compare every word. */
static void verify_file(int fd, unsigned long mb, unsigned seed)
{
	static unsigned buf[CHUNK / sizeof(unsigned)];
	unsigned long c, i;

	EXPECT(lseek(fd, 0, SEEK_SET) == 0, "lseek: %s", strerror(errno));
	for (c = 0; c < (mb << 20) / CHUNK; c++) {
		EXPECT(read(fd, buf, CHUNK) == (ssize_t)CHUNK, "read at %lu KiB: %s", c * 64,
		       strerror(errno));
		for (i = 0; i < CHUNK / sizeof(unsigned); i++) {
			unsigned long w = c * (CHUNK / sizeof(unsigned)) + i;

			EXPECT(buf[i] == value(seed, w), "word %lu (byte %lu) is %#x, wrote %#x", w,
			       w * 4, buf[i], value(seed, w));
		}
	}
}

static void tmpfs_file(unsigned long mb, unsigned seed)
{
	const char *path = "/tmp/shmemtest.dat";
	unsigned long shmem0 = meminfo("Shmem"), swap0 = meminfo("SwapFree");
	unsigned long total = meminfo("MemTotal"), shmem, swapped;
	char opts[64];
	struct stat st;
	int fd;

	snprintf(opts, sizeof(opts), "size=%lum", mb + 1); /* the default, half of RAM, is less */
	EXPECT(mount("tmpfs", "/tmp", "tmpfs", MS_REMOUNT, opts) == 0, "remount: %s",
	       strerror(errno));
	fd = write_file(path, mb, seed);

	shmem = meminfo("Shmem") - shmem0;
	swapped = swap0 - meminfo("SwapFree");
	printf("shmemtest: %lu MiB file, RAM %lu kB: Shmem %lu kB, in swap %lu kB, Cached %lu kB\n",
	       mb, total, shmem, swapped, meminfo("Cached"));
	EXPECT(mb << 10 > total, "the file (%lu MiB) is not larger than RAM", mb);
	EXPECT(swapped > 0, "nothing of the file went to swap");
	EXPECT(shmem + swapped >= mb << 10, "Shmem %lu kB + swap %lu kB < the file", shmem,
	       swapped);
	EXPECT(meminfo("Cached") >= meminfo("Shmem"), "Cached does not include Shmem");
	EXPECT(fstat(fd, &st) == 0 && st.st_size == (off_t)(mb << 20), "size %ld",
	       (long)st.st_size);
	EXPECT((unsigned long)st.st_blocks == (mb << 20) / 512, "st_blocks %lu",
	       (unsigned long)st.st_blocks);
	verify_file(fd, mb, seed);
	verify_file(fd, mb, seed); /* twice: pages read back may have gone out again */
	EXPECT(unlink(path) == 0, "unlink: %s", strerror(errno));
	EXPECT(meminfo("Shmem") + swapped > shmem0, "unlinked while open: the pages must stay");
	verify_file(fd, 1, seed);
	close(fd);
	EXPECT(meminfo("Shmem") == shmem0, "Shmem %lu kB after delete, %lu before",
	       meminfo("Shmem"), shmem0);
	/* The slots come back; a few of this program's own pages may sit in swap now. */
	EXPECT(meminfo("SwapFree") + 1024 > swap0, "SwapFree %lu kB after delete, %lu before",
	       meminfo("SwapFree"), swap0);
	EXPECT(mount("tmpfs", "/tmp", "tmpfs", MS_REMOUNT, "size=50%") == 0, "remount back");
}

static void tmpfs_swapoff(unsigned long mb, unsigned seed)
{
	unsigned long swap_total = meminfo("SwapTotal"), i, in_swap;
	int fd = write_file("/tmp/swapoff.dat", mb, seed);
	volatile char *hog =
	    mmap(NULL, 32UL << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	EXPECT(hog != MAP_FAILED, "mmap: %s", strerror(errno));
	for (i = 0; i < (32UL << 20); i += PAGE) /* RAM's worth: the file goes out */
		hog[i] = 1;
	munmap((void *)hog, 32UL << 20);
	in_swap = swap_total - meminfo("SwapFree");
	printf("shmemtest: before swapoff: Shmem %lu kB, swap used %lu kB\n", meminfo("Shmem"),
	       in_swap);
	EXPECT(in_swap > (mb << 10) / 4, "too little of the file went to swap");
	EXPECT(swapoff("/dev/sda") == 0, "swapoff: %s", strerror(errno));
	EXPECT(meminfo("SwapTotal") == 0, "SwapTotal %lu kB after swapoff", meminfo("SwapTotal"));
	EXPECT(meminfo("Shmem") >= mb << 10, "Shmem %lu kB: the file is not all in memory",
	       meminfo("Shmem"));
	verify_file(fd, mb, seed);
	close(fd);
	EXPECT(unlink("/tmp/swapoff.dat") == 0, "unlink: %s", strerror(errno));
	EXPECT(swapon("/dev/sda", 0) == 0, "swapon again: %s", strerror(errno));
}

/* The /proc/mounts line for dir, or NULL. */
static const char *mounts_line(const char *dir)
{
	static char line[256];
	char *s = read_text("/proc/mounts"), *l;
	size_t n = strlen(dir);

	while ((l = strsep(&s, "\n")))
		if (!strncmp(l, "tmpfs ", 6) && !strncmp(l + 6, dir, n) && l[6 + n] == ' ') {
			snprintf(line, sizeof(line), "%s", l);
			return line;
		}
	return NULL;
}

static void mounts(void)
{
	unsigned long total_pages = meminfo("MemTotal") / 4;
	const char *l;
	struct statfs sf;

	l = mounts_line("/tmp");
	EXPECT(l && !strcmp(l, "tmpfs /tmp tmpfs rw,relatime 0 0"), "/tmp: %s", l ? l : "none");
	l = mounts_line("/dev/shm");
	EXPECT(l && !strcmp(l, "tmpfs /dev/shm tmpfs rw,relatime 0 0"), "/dev/shm: %s",
	       l ? l : "none");
	EXPECT(statfs("/tmp", &sf) == 0 && sf.f_type == TMPFS_MAGIC, "statfs /tmp");
	EXPECT(sf.f_blocks == total_pages / 2, "/tmp has %lu blocks, RAM %lu pages",
	       (unsigned long)sf.f_blocks, total_pages);
	EXPECT(sf.f_bsize == PAGE && sf.f_files > 0 && sf.f_ffree == sf.f_files - 1,
	       "bsize %ld files %lu free %lu", (long)sf.f_bsize, (unsigned long)sf.f_files,
	       (unsigned long)sf.f_ffree);
}

static void create_file(const char *path, unsigned long bytes, int want_errno)
{
	static char buf[PAGE];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	unsigned long done = 0;
	ssize_t n = 0;

	if (fd < 0) {
		EXPECT(errno == want_errno, "create %s: %s", path, strerror(errno));
		return;
	}
	memset(buf, 0x5a, sizeof(buf));
	while (done < bytes && (n = write(fd, buf, sizeof(buf))) > 0)
		done += (unsigned long)n;
	EXPECT(want_errno ? n < 0 && errno == want_errno : done == bytes,
	       "%s: wrote %lu of %lu: %s", path, done, bytes, n < 0 ? strerror(errno) : "ok");
	close(fd);
}

static void limits(void)
{
	const char *dir = "/tmp/lim";
	struct statfs sf;
	const char *l;

	EXPECT(mkdir(dir, 0755) == 0, "mkdir: %s", strerror(errno));
	EXPECT(mount("tmpfs", dir, "tmpfs", 0, "size=64k,nr_inodes=4,mode=700") == 0, "mount: %s",
	       strerror(errno));
	l = mounts_line(dir);
	EXPECT(l &&
		   !strcmp(l, "tmpfs /tmp/lim tmpfs rw,relatime,size=64k,nr_inodes=4,mode=700 0 0"),
	       "line: %s", l ? l : "none");
	create_file("/tmp/lim/a", 64 * 1024, 0);
	create_file("/tmp/lim/b", 4096, ENOSPC); /* size= reached */
	EXPECT(statfs(dir, &sf) == 0 && sf.f_blocks == 16 && sf.f_bfree == 0 && sf.f_bavail == 0,
	       "statfs full: blocks %lu free %lu", (unsigned long)sf.f_blocks,
	       (unsigned long)sf.f_bfree);
	EXPECT(sf.f_files == 4 && sf.f_ffree == 1, "inodes %lu free %lu", (unsigned long)sf.f_files,
	       (unsigned long)sf.f_ffree);
	create_file("/tmp/lim/c", 0, 0);
	create_file("/tmp/lim/d", 0, ENOSPC); /* nr_inodes= reached (the root counts) */
	EXPECT(mount("tmpfs", dir, "tmpfs", MS_REMOUNT, "size=32k") < 0 && errno == EINVAL,
	       "shrinking below use: %s", strerror(errno));
	EXPECT(mount("tmpfs", dir, "tmpfs", MS_REMOUNT, "size=128k,nr_inodes=8") == 0,
	       "remount: %s", strerror(errno));
	create_file("/tmp/lim/b", 64 * 1024, 0);
	EXPECT(statfs(dir, &sf) == 0 && sf.f_blocks == 32 && sf.f_bfree == 0, "after resize");
	EXPECT(unlink("/tmp/lim/a") == 0 && unlink("/tmp/lim/b") == 0 && unlink("/tmp/lim/c") == 0,
	       "unlink: %s", strerror(errno));
	EXPECT(statfs(dir, &sf) == 0 && sf.f_bfree == 32 && sf.f_ffree == 7, "after unlink");
	EXPECT(mkdir("/tmp/lim/sub", 0755) == 0, "mkdir in tmpfs");
	create_file("/tmp/lim/sub/x", 8192, 0);
	EXPECT(umount(dir) == 0, "umount: %s", strerror(errno));
	EXPECT(!mounts_line(dir), "still in /proc/mounts after umount");
	EXPECT(mount("tmpfs", dir, "tmpfs", 0, "size=12q") < 0 && errno == EINVAL, "size=12q");
	EXPECT(mount("tmpfs", dir, "tmpfs", 0, "colour=blue") < 0 && errno == EINVAL, "colour");
	EXPECT(mount("tmpfs", dir, "tmpfs", 0, "size=50%") == 0, "size=50%%: %s", strerror(errno));
	/* Linux: N% of RAM's bytes, rounded up to whole pages */
	EXPECT(statfs(dir, &sf) == 0 && sf.f_blocks == (meminfo("MemTotal") / 4 + 1) / 2,
	       "size=50%% gives %lu blocks", (unsigned long)sf.f_blocks);
	EXPECT(umount(dir) == 0 && rmdir(dir) == 0, "cleanup: %s", strerror(errno));
}

static void memfd(void)
{
	static unsigned buf[CHUNK / sizeof(unsigned)];
	unsigned long shmem0 = meminfo("Shmem");
	char name[300];
	struct stat st;
	int fd, fd2;

	fd = memfd_create("shmemtest", MFD_CLOEXEC);
	EXPECT(fd >= 0, "memfd_create: %s", strerror(errno));
	EXPECT(fcntl(fd, F_GETFD) == FD_CLOEXEC, "MFD_CLOEXEC did not set FD_CLOEXEC");
	fd2 = memfd_create("plain", 0);
	EXPECT(fd2 >= 0 && fcntl(fd2, F_GETFD) == 0, "memfd without MFD_CLOEXEC");
	close(fd2);
	fill_chunk(buf, 3, 11);
	EXPECT(pwrite(fd, buf, CHUNK, 16 * CHUNK) == (ssize_t)CHUNK, "pwrite: %s", strerror(errno));
	EXPECT(fstat(fd, &st) == 0 && st.st_size == (off_t)(17 * CHUNK) && S_ISREG(st.st_mode),
	       "fstat: size %ld", (long)st.st_size);
	EXPECT(meminfo("Shmem") >= shmem0 + CHUNK / 1024, "Shmem did not grow by the data");
	memset(buf, 0, sizeof(buf));
	EXPECT(pread(fd, buf, CHUNK, 16 * CHUNK) == (ssize_t)CHUNK, "pread: %s", strerror(errno));
	EXPECT(buf[0] == value(11, 3 * (CHUNK / sizeof(unsigned))), "read back %#x", buf[0]);
	EXPECT(pread(fd, buf, 4, 0) == 4 && buf[0] == 0, "the hole before the data reads as zeros");
	EXPECT(ftruncate(fd, 4096) == 0 && fstat(fd, &st) == 0 && st.st_size == 4096, "ftruncate");
	close(fd);
	EXPECT(meminfo("Shmem") == shmem0, "Shmem %lu kB after close, %lu before", meminfo("Shmem"),
	       shmem0);
	EXPECT(memfd_create("x", MFD_ALLOW_SEALING) < 0 && errno == EINVAL, "MFD_ALLOW_SEALING");
	EXPECT(memfd_create("x", 0x100) < 0 && errno == EINVAL, "unknown flag");
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	EXPECT(memfd_create(name, 0) < 0 && errno == EINVAL, "a 299-byte name");
	name[249] = '\0';
	fd = memfd_create(name, 0);
	EXPECT(fd >= 0, "a 249-byte name: %s", strerror(errno));
	close(fd);
}

static void posix(void)
{
	static unsigned buf[CHUNK / sizeof(unsigned)];
	struct stat st;
	int fd = shm_open("/shmemtest", O_CREAT | O_EXCL | O_RDWR, 0600);

	EXPECT(fd >= 0, "shm_open: %s", strerror(errno));
	EXPECT(stat("/dev/shm/shmemtest", &st) == 0, "not in /dev/shm: %s", strerror(errno));
	EXPECT(ftruncate(fd, 2 * CHUNK) == 0, "ftruncate: %s", strerror(errno));
	fill_chunk(buf, 1, 5);
	EXPECT(pwrite(fd, buf, CHUNK, CHUNK) == (ssize_t)CHUNK, "pwrite: %s", strerror(errno));
	close(fd);
	EXPECT(shm_open("/shmemtest", O_CREAT | O_EXCL | O_RDWR, 0600) < 0 && errno == EEXIST,
	       "O_EXCL on an existing object");
	fd = shm_open("/shmemtest", O_RDONLY, 0);
	EXPECT(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == (off_t)(2 * CHUNK), "reopen");
	memset(buf, 0, sizeof(buf));
	EXPECT(pread(fd, buf, CHUNK, CHUNK) == (ssize_t)CHUNK, "pread: %s", strerror(errno));
	EXPECT(buf[7] == value(5, CHUNK / sizeof(unsigned) + 7), "read back %#x", buf[7]);
	close(fd);
	EXPECT(shm_unlink("/shmemtest") == 0, "shm_unlink: %s", strerror(errno));
	EXPECT(shm_open("/shmemtest", O_RDWR, 0) < 0 && errno == ENOENT, "still there");
}

static void write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);

	EXPECT(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text), "%s: %s", path,
	       strerror(errno));
	close(fd);
}

/* A child that holds mb MiB of its own anonymous memory until it is killed. */
static pid_t bystander(unsigned long mb)
{
	pid_t pid = fork();

	if (pid == 0) {
		volatile char *p = malloc(mb << 20); /* volatile: the stores must happen */
		unsigned long i;

		write_text("/proc/self/oom_score_adj", "0"); /* fork inherited the parent's -1000 */
		for (i = 0; p && i < mb << 20; i += PAGE)
			p[i] = 1;
		for (;;)
			pause();
	}
	EXPECT(pid > 0, "fork: %s", strerror(errno));
	return pid;
}

/* A child that writes /tmp/fill until a write fails; never returns. */
static pid_t filler(void)
{
	static char buf[CHUNK];
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open("/tmp/fill", O_WRONLY | O_CREAT | O_TRUNC, 0600);

		write_text("/proc/self/oom_score_adj", "0");
		memset(buf, 0x6b, sizeof(buf));
		while (fd >= 0 && write(fd, buf, sizeof(buf)) > 0)
			;
		printf("shmemtest: the writer stopped: %s\n", strerror(errno));
		_exit(3);
	}
	EXPECT(pid > 0, "fork: %s", strerror(errno));
	return pid;
}

static void oom(void)
{
	unsigned long total = meminfo("MemTotal"), shmem;
	pid_t idle, writer;
	int status;

	write_text("/proc/self/oom_score_adj", "-1000"); /* the test itself must survive */
	EXPECT(mount("tmpfs", "/tmp", "tmpfs", MS_REMOUNT, "size=200%") == 0, "remount: %s",
	       strerror(errno));
	idle = bystander(4);
	sleep(1);
	writer = filler();
	EXPECT(waitpid(writer, &status, 0) == writer, "wait: %s", strerror(errno));
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the writer was not OOM-killed");
	shmem = meminfo("Shmem");
	printf("shmemtest: the writer was killed; Shmem %lu kB of %lu kB RAM\n", shmem, total);
	EXPECT(shmem > total / 2, "the file's memory went with its writer");
	if (waitpid(idle, &status, WNOHANG) == 0) {
		kill(idle, SIGKILL);
		waitpid(idle, &status, 0);
	}
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the bystander");
	EXPECT(meminfo("Shmem") == shmem, "Shmem changed with nobody writing");
	EXPECT(unlink("/tmp/fill") == 0, "unlink: %s", strerror(errno));
	printf("shmemtest: /tmp/fill deleted: Shmem %lu kB\n", meminfo("Shmem"));
	EXPECT(meminfo("Shmem") < 256, "deleting the file did not free it");
	EXPECT(mount("tmpfs", "/tmp", "tmpfs", MS_REMOUNT, "size=50%") == 0, "remount back");
}

int main(int argc, char **argv)
{
	expect_start("shmemtest", argc, argv);
	if (argc == 4 && !strcmp(argv[1], "tmpfile"))
		tmpfs_file(strtoul(argv[2], NULL, 0), (unsigned)strtoul(argv[3], NULL, 0));
	else if (argc == 2 && !strcmp(argv[1], "limits"))
		limits();
	else if (argc == 2 && !strcmp(argv[1], "mounts"))
		mounts();
	else if (argc == 2 && !strcmp(argv[1], "oom"))
		oom();
	else if (argc == 4 && !strcmp(argv[1], "swapoff"))
		tmpfs_swapoff(strtoul(argv[2], NULL, 0), (unsigned)strtoul(argv[3], NULL, 0));
	else if (argc == 2 && !strcmp(argv[1], "memfd"))
		memfd();
	else if (argc == 2 && !strcmp(argv[1], "posix"))
		posix();
	else {
		fprintf(stderr, "usage: shmemtest tmpfile MB SEED | swapoff MB SEED | limits | "
				"mounts | oom | memfd | "
				"posix\n");
		return 2;
	}
	printf("PASS shmemtest %s\n", argv[1]);
	return 0;
}
