/*
 * filetest: file workloads for the page-cache tests, data seeded and
 * checked word by word (user/lib/pattern.h).
 *
 *   filetest write FILE KIB SEED [BS]   write KIB KiB in BS-byte write(2)s
 *                                  (default 64 KiB, like dd bs=); print the
 *                                  rate and the largest Dirty+Writeback seen
 *   filetest verify FILE KIB SEED [BS]  read it back; every word must match
 *   filetest fsync FILE            fsync(2) it; print the result
 *   filetest unlink FILE           unlink(2) it; print the result
 *   filetest ra FILE PAGE...       read one page at each PAGE (4 KiB units)
 *                                  in turn; print pgpgin's growth for each
 *   filetest chmod FILE MODE       chmod(2) (MODE in octal)
 *   filetest utime FILE SECONDS    utimensat(2): atime and mtime to SECONDS
 *
 * The 4-byte word at byte offset o is hash32(seed ^ (o / 4)). Exits 0 on
 * success, 1 on a mismatch or an error (with a message).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pattern.h"
#include "procfs.h"
#include "syscall.h" /* chmod and utimensat have no wrappers in user/lib yet */

#define CHUNK 65536 /* default request size */
#define MAX_CHUNK (1 << 20)

static unsigned int buf[MAX_CHUNK / 4];
static unsigned long chunk = CHUNK; /* bytes per read(2)/write(2): the optional BS argument */

static unsigned long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long)ts.tv_sec * 1000 + (unsigned long)ts.tv_nsec / 1000000;
}

/* Dirty + Writeback from /proc/meminfo, in kB. */
static unsigned long dirty_kb(void)
{
	static char text[4096];
	unsigned long d = 0, w = 0;

	if (read_text_file("/proc/meminfo", text, sizeof(text)) > 0) {
		proc_field(text, "Dirty:", &d);
		proc_field(text, "Writeback:", &w);
	}
	return d + w;
}

/* write(2) until all n bytes are out: a short write is followed by the one that fails. */
static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int do_write(const char *path, unsigned long kib, unsigned int seed)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	unsigned long done, start = now_ms(), ms, max_dirty = 0, i;

	if (fd < 0) {
		printf("filetest: %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (done = 0; done < kib * 1024; done += chunk) {
		for (i = 0; i < chunk / 4; i++)
			buf[i] = hash32(seed ^ (unsigned int)((done / 4) + i));
		if (write_all(fd, (const char *)buf, chunk) < 0) {
			printf("filetest: write at %lu: %s\n", done, strerror(errno));
			return 1;
		}
		if (done % (256 * 1024) < chunk) { /* every 256 KiB */
			unsigned long d = dirty_kb();

			max_dirty = d > max_dirty ? d : max_dirty;
		}
	}
	close(fd);
	ms = now_ms() - start;
	printf("filetest: wrote %lu KiB in %lu ms (%lu KiB/s), max dirty %lu kB\n", kib, ms,
	       ms ? kib * 1000 / ms : 0, max_dirty);
	return 0;
}

static int do_verify(const char *path, unsigned long kib, unsigned int seed)
{
	int fd = open(path, O_RDONLY);
	unsigned long done, start = now_ms(), ms, i;

	if (fd < 0) {
		printf("filetest: %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (done = 0; done < kib * 1024; done += chunk) {
		if (read(fd, buf, chunk) != (ssize_t)chunk) {
			printf("filetest: short read at %lu: %s\n", done, strerror(errno));
			return 1;
		}
		for (i = 0; i < chunk / 4; i++)
			if (buf[i] != hash32(seed ^ (unsigned int)((done / 4) + i))) {
				printf("filetest: mismatch at byte %lu\n", done + i * 4);
				return 1;
			}
	}
	if (read(fd, buf, 1) != 0) {
		printf("filetest: the file is longer than %lu KiB\n", kib);
		return 1;
	}
	close(fd);
	ms = now_ms() - start;
	printf("filetest: verified %lu KiB in %lu ms (%lu KiB/s)\n", kib, ms,
	       ms ? kib * 1000 / ms : 0);
	return 0;
}

/* pgpgin from /proc/vmstat (KiB read from the disks). */
static unsigned long pgpgin(void)
{
	static char text[8192];
	unsigned long v = 0;

	if (read_text_file("/proc/vmstat", text, sizeof(text)) > 0)
		proc_field(text, "pgpgin", &v);
	return v;
}

/* Read one page at each page number in turn; print what each cost the disk. */
static int do_readahead(const char *path, int n, char **pages)
{
	int fd = open(path, O_RDONLY), i;

	if (fd < 0) {
		printf("filetest: %s: %s\n", path, strerror(errno));
		return 1;
	}
	printf("filetest: ra");
	for (i = 0; i < n; i++) {
		unsigned long before = pgpgin(), page = strtoul(pages[i], NULL, 0);

		if (lseek(fd, (off_t)(page * 4096), SEEK_SET) < 0 || read(fd, buf, 4096) != 4096) {
			printf("\nfiletest: read page %lu: %s\n", page, strerror(errno));
			return 1;
		}
		printf(" %lu:%lu", page, pgpgin() - before);
	}
	printf("\n");
	close(fd);
	return 0;
}

/* Print what a call on path gave (r: 0 or -1 with errno); the exit status. */
static int report(const char *what, const char *path, int r)
{
	printf("filetest: %s %s: %s\n", what, path, r ? strerror(errno) : "ok");
	return r ? 1 : 0;
}

/* chmod and utime: one system call each, its result printed. */
static int do_attr(const char *what, const char *path, const char *arg)
{
	int r;

	if (!strcmp(what, "chmod")) {
		r = (int)__syscall_ret(
		    __syscall(__NR_chmod, (long)path, (long)strtoul(arg, NULL, 8), 0, 0, 0, 0));
	} else {
		long ts[4] = { (long)strtoul(arg, NULL, 0), 0, (long)strtoul(arg, NULL, 0), 0 };

		r = (int)__syscall_ret(
		    __syscall(__NR_utimensat, -100 /* AT_FDCWD */, (long)path, (long)ts, 0, 0, 0));
	}
	return report(what, path, r);
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "ra"))
		return do_readahead(argv[2], argc - 3, argv + 3);
	if (argc == 4 && (!strcmp(argv[1], "chmod") || !strcmp(argv[1], "utime")))
		return do_attr(argv[1], argv[2], argv[3]);
	if (argc == 6 && (!strcmp(argv[1], "write") || !strcmp(argv[1], "verify"))) {
		chunk = strtoul(argv[5], NULL, 0);
		if (!chunk || chunk % 4096 || chunk > MAX_CHUNK)
			chunk = CHUNK;
		argc = 5;
	}
	if (argc == 5 && !strcmp(argv[1], "write"))
		return do_write(argv[2], strtoul(argv[3], NULL, 0),
				(unsigned int)strtoul(argv[4], NULL, 0));
	if (argc == 5 && !strcmp(argv[1], "verify"))
		return do_verify(argv[2], strtoul(argv[3], NULL, 0),
				 (unsigned int)strtoul(argv[4], NULL, 0));
	if (argc == 3 && !strcmp(argv[1], "fsync")) {
		int fd = open(argv[2], O_RDWR);

		return report("fsync", argv[2], fd < 0 ? -1 : fsync(fd));
	}
	if (argc == 3 && !strcmp(argv[1], "unlink"))
		return report("unlink", argv[2], unlink(argv[2]));
	fprintf(stderr, "usage: filetest write|verify FILE KIB SEED | fsync|unlink FILE\n");
	return 2;
}
