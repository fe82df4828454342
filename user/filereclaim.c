/*
 * filereclaim: workloads that put file pages and anonymous pages under
 * pressure together (tests/system/test_filereclaim.py, make bench).
 * Files are written beforehand by `filetest write FILE KIB SEED`: the word
 * at byte offset o is hash32(seed ^ (o / 4)); anonymous memory holds
 * hash32(~seed ^ i) in word i. Every word read is checked.
 *
 *   filereclaim stream ANON_KIB FILE KIB SEED PASSES
 *       fill ANON_KIB of anonymous memory (the working set), then read
 *       FILE PASSES times, touching every working-set page after each
 *       MiB read: a stream past a small working set
 *   filereclaim mixed FILE KIB ANON_KIB SEED
 *       read FILE twice (its pages become active), fill ANON_KIB of
 *       anonymous memory and touch it twice, then read FILE again
 *       (reread_pgpgin: what the disk gave back of it)
 *   filereclaim hot HOT HOT_KIB BIG BIG_KIB SEED
 *       read HOT twice, then read BIG once, reading HOT again after every
 *       MiB of BIG; then read HOT once more (hot_pgpgin: what that last
 *       read took from the disk)
 *   filereclaim sparse FILE PAGES STRIDE ANON_KIB SEED
 *       write PAGES pages of FILE, one every STRIDE pages (a sparse file:
 *       with STRIDE 64 each page has a page-cache radix-tree leaf of its
 *       own), fill ANON_KIB of anonymous memory to push them out (each
 *       leaf is left holding one shadow entry), print workingset_nodes,
 *       free the memory and read the pages back
 *
 * Each prints one line of /proc/vmstat changes over the whole run,
 *
 *   filereclaim: pswpout=N pswpin=N pgpgin=N pgscan_file=N ... ms=N
 *
 * and "PASS filereclaim" or "FAIL ..." (exit 1).
 */
#include <errno.h>
#include <fcntl.h>
#include <pattern.h>
#include <procfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
#define CHUNK 65536UL

static const char *const counters[] = {
	"pswpout",
	"pswpin",
	"pgpgin",
	"pgscan_file",
	"pgsteal_file",
	"pgscan_anon",
	"pgsteal_anon",
	"pgactivate",
	"pgdeactivate",
	"pgrotated",
	"workingset_refault_file",
	"workingset_activate_file",
	"workingset_restore_file",
	"workingset_refault_anon",
	"workingset_activate_anon",
	"workingset_nodereclaim",
};
#define NR_COUNTERS (sizeof(counters) / sizeof(counters[0]))

static char text[16384];
static unsigned int buf[CHUNK / 4];
static unsigned int *anon;
static unsigned long anon_words, bad;

static unsigned long vmstat(const char *name)
{
	unsigned long v = 0;

	if (read_text_file("/proc/vmstat", text, sizeof(text)) < 0 || proc_field(text, name, &v))
		printf("filereclaim: no %s in /proc/vmstat\n", name);
	return v;
}

static void snapshot(unsigned long *v)
{
	unsigned int i;

	for (i = 0; i < NR_COUNTERS; i++)
		v[i] = vmstat(counters[i]);
}

static unsigned long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long)ts.tv_sec * 1000 + (unsigned long)ts.tv_nsec / 1000000;
}

/* Map and fill kib KiB of anonymous memory with its pattern. */
static int anon_fill(unsigned long kib, unsigned int seed)
{
	unsigned long i;

	anon_words = kib * 256;
	anon = mmap(NULL, kib * 1024, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED) {
		printf("FAIL mmap %lu KiB: %s\n", kib, strerror(errno));
		return -1;
	}
	for (i = 0; i < anon_words; i++)
		anon[i] = hash32(~seed ^ (unsigned int)i);
	return 0;
}

/* Read one word of every anonymous page (all of them, if full), checking each. */
static void anon_touch(unsigned int seed, int full)
{
	unsigned long i, step = full ? 1 : PAGE / 4;

	for (i = 0; i < anon_words; i += step)
		if (anon[i] != hash32(~seed ^ (unsigned int)i) && bad++ < 5)
			printf("filereclaim: anon word %lu wrong\n", i);
}

/*
 * Read kib KiB of path, checking every word; every_kib (if not 0) calls
 * between(arg) after each such stretch. 0, or -1 on an error.
 */
static int read_file(const char *path, unsigned long kib, unsigned int seed,
		     unsigned long every_kib, void (*between)(void *), void *arg)
{
	int fd = open(path, O_RDONLY);
	unsigned long done, i;

	if (fd < 0) {
		printf("FAIL %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (done = 0; done < kib * 1024; done += CHUNK) {
		if (read(fd, buf, CHUNK) != (ssize_t)CHUNK) {
			printf("FAIL short read of %s at %lu: %s\n", path, done, strerror(errno));
			close(fd);
			return -1;
		}
		for (i = 0; i < CHUNK / 4; i++)
			if (buf[i] != hash32(seed ^ (unsigned int)(done / 4 + i)) && bad++ < 5)
				printf("filereclaim: %s word at byte %lu wrong\n", path,
				       done + i * 4);
		if (between && every_kib && (done + CHUNK) % (every_kib * 1024) == 0)
			between(arg);
	}
	close(fd);
	return 0;
}

static unsigned int anon_seed;

static void touch_anon(void *arg)
{
	(void)arg;
	anon_touch(anon_seed, 0);
}

static int stream(char **argv)
{
	unsigned long anon_kib = strtoul(argv[0], NULL, 0), kib = strtoul(argv[2], NULL, 0);
	unsigned int seed = (unsigned int)strtoul(argv[3], NULL, 0);
	int passes = atoi(argv[4]), p;

	anon_seed = seed;
	if (anon_fill(anon_kib, seed))
		return -1;
	for (p = 0; p < passes; p++)
		if (read_file(argv[1], kib, seed, 1024, touch_anon, NULL))
			return -1;
	anon_touch(seed, 1);
	return 0;
}

static int mixed(char **argv)
{
	unsigned long kib = strtoul(argv[1], NULL, 0), anon_kib = strtoul(argv[2], NULL, 0), in;
	unsigned int seed = (unsigned int)strtoul(argv[3], NULL, 0);

	if (read_file(argv[0], kib, seed, 0, NULL, NULL) ||
	    read_file(argv[0], kib, seed, 0, NULL, NULL) || anon_fill(anon_kib, seed))
		return -1;
	anon_touch(seed, 0);
	anon_touch(seed, 0);
	in = vmstat("pgpgin");
	if (read_file(argv[0], kib, seed, 0, NULL, NULL))
		return -1;
	printf("filereclaim: reread_pgpgin=%lu\n", vmstat("pgpgin") - in);
	anon_touch(seed, 1);
	return 0;
}

struct hot {
	const char *path;
	unsigned long kib;
	unsigned int seed;
};

static void reread_hot(void *arg)
{
	struct hot *h = arg;

	read_file(h->path, h->kib, h->seed, 0, NULL, NULL);
}

static int hot(char **argv)
{
	struct hot h = { argv[0], strtoul(argv[1], NULL, 0), 0 };
	unsigned long big_kib = strtoul(argv[3], NULL, 0), in;

	h.seed = (unsigned int)strtoul(argv[4], NULL, 0);
	if (read_file(h.path, h.kib, h.seed, 0, NULL, NULL) ||
	    read_file(h.path, h.kib, h.seed, 0, NULL, NULL) ||
	    read_file(argv[2], big_kib, h.seed + 1, 1024, reread_hot, &h))
		return -1;
	in = vmstat("pgpgin");
	if (read_file(h.path, h.kib, h.seed, 0, NULL, NULL))
		return -1;
	printf("filereclaim: hot_pgpgin=%lu\n", vmstat("pgpgin") - in);
	return 0;
}

/* Write (or read back and check) page i * stride of fd for i < pages: the file's pattern. */
static int sparse_pages(int fd, unsigned long pages, unsigned long stride, unsigned int seed,
			int write_them)
{
	unsigned long p, i;

	for (p = 0; p < pages; p++) {
		unsigned long off = p * stride * PAGE;

		if (lseek(fd, (off_t)off, SEEK_SET) != (off_t)off)
			return -1;
		for (i = 0; write_them && i < PAGE / 4; i++)
			buf[i] = hash32(seed ^ (unsigned int)(off / 4 + i));
		if ((write_them ? write(fd, buf, PAGE) : read(fd, buf, PAGE)) != (ssize_t)PAGE)
			return -1;
		for (i = 0; !write_them && i < PAGE / 4; i++)
			if (buf[i] != hash32(seed ^ (unsigned int)(off / 4 + i)) && bad++ < 5)
				printf("filereclaim: sparse word at byte %lu wrong\n", off + i * 4);
	}
	return 0;
}

static int sparse(char **argv)
{
	unsigned long pages = strtoul(argv[1], NULL, 0), stride = strtoul(argv[2], NULL, 0);
	unsigned long anon_kib = strtoul(argv[3], NULL, 0);
	unsigned int seed = (unsigned int)strtoul(argv[4], NULL, 0);
	int fd = open(argv[0], O_RDWR | O_CREAT | O_TRUNC, 0644), err;

	if (fd < 0 || sparse_pages(fd, pages, stride, seed, 1) || fsync(fd) ||
	    anon_fill(anon_kib, seed)) {
		printf("FAIL sparse %s: %s\n", argv[0], strerror(errno));
		return -1;
	}
	anon_touch(seed, 1);
	printf("filereclaim: workingset_nodes=%lu\n", vmstat("workingset_nodes"));
	munmap(anon, anon_kib * 1024);
	err = sparse_pages(fd, pages, stride, seed, 0);
	close(fd);
	return err;
}

int main(int argc, char **argv)
{
	unsigned long before[NR_COUNTERS], after[NR_COUNTERS], start = now_ms();
	unsigned int i;
	int err;

	if (argc == 7 && !strcmp(argv[1], "stream"))
		;
	else if (argc == 6 && !strcmp(argv[1], "mixed"))
		;
	else if (argc == 7 && (!strcmp(argv[1], "hot") || !strcmp(argv[1], "sparse")))
		;
	else {
		fprintf(stderr, "usage: filereclaim stream ANON_KIB FILE KIB SEED PASSES\n"
				"       filereclaim mixed FILE KIB ANON_KIB SEED\n"
				"       filereclaim hot HOT HOT_KIB BIG BIG_KIB SEED\n"
				"       filereclaim sparse FILE PAGES STRIDE ANON_KIB SEED\n");
		return 2;
	}
	snapshot(before);
	if (!strcmp(argv[1], "stream"))
		err = stream(argv + 2);
	else if (!strcmp(argv[1], "mixed"))
		err = mixed(argv + 2);
	else if (!strcmp(argv[1], "hot"))
		err = hot(argv + 2);
	else
		err = sparse(argv + 2);
	snapshot(after);
	printf("filereclaim:");
	for (i = 0; i < NR_COUNTERS; i++)
		printf(" %s=%lu", counters[i], after[i] - before[i]);
	printf(" ms=%lu\n", now_ms() - start);
	if (err || bad) {
		printf("FAIL filereclaim: %lu words wrong\n", bad);
		return 1;
	}
	printf("PASS filereclaim\n");
	return 0;
}
