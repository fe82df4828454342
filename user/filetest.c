/*
 * filetest: file workloads for the page-cache tests, data seeded and
 * checked word by word (user/lib/pattern.h).
 *
 *   filetest write FILE KIB SEED   write KIB KiB; print the rate, and the
 *                                  largest Dirty+Writeback seen meanwhile
 *   filetest verify FILE KIB SEED  read it back; every word must match
 *   filetest fsync FILE            fsync(2) it; print the result
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

#define CHUNK 65536

static unsigned int buf[CHUNK / 4];

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
	for (done = 0; done < kib * 1024; done += CHUNK) {
		for (i = 0; i < CHUNK / 4; i++)
			buf[i] = hash32(seed ^ (unsigned int)((done / 4) + i));
		if (write_all(fd, (const char *)buf, CHUNK) < 0) {
			printf("filetest: write at %lu: %s\n", done, strerror(errno));
			return 1;
		}
		if ((done / CHUNK) % 4 == 0) {
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
	for (done = 0; done < kib * 1024; done += CHUNK) {
		if (read(fd, buf, CHUNK) != CHUNK) {
			printf("filetest: short read at %lu: %s\n", done, strerror(errno));
			return 1;
		}
		for (i = 0; i < CHUNK / 4; i++)
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

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "write"))
		return do_write(argv[2], strtoul(argv[3], NULL, 0),
				(unsigned int)strtoul(argv[4], NULL, 0));
	if (argc == 5 && !strcmp(argv[1], "verify"))
		return do_verify(argv[2], strtoul(argv[3], NULL, 0),
				 (unsigned int)strtoul(argv[4], NULL, 0));
	if (argc == 3 && !strcmp(argv[1], "fsync")) {
		int fd = open(argv[2], O_RDWR), r = fd < 0 ? -1 : fsync(fd);

		printf("filetest: fsync %s: %s\n", argv[2], r ? strerror(errno) : "ok");
		return r ? 1 : 0;
	}
	fprintf(stderr, "usage: filetest write|verify FILE KIB SEED | fsync FILE\n");
	return 2;
}
