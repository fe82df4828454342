/*
 * ztest: data integrity and statistics through zswap and zram. A region is
 * filled with three kinds of page from a seeded generator and verified
 * word by word after it went through the compressed pool:
 *
 *   page p % 8 = 0..3   text-like (words from a small vocabulary: LZ4 or LZO halves it)
 *   page p % 8 = 4..6   same-filled (one seeded word repeated: stored as one word)
 *   page p % 8 = 7      random (incompressible: zswap rejects it, zram keeps it raw)
 *
 *   ztest zswap MB SEED       fill, verify and rewrite, verify; check zswap's
 *                             counters; turn zswap off at run time and verify
 *                             again (stored pages still come back); free; the
 *                             pool must be empty
 *   ztest zram MB SEED ZMB    make /dev/zram0 ZMB MiB, mkswap it, swapon -p 100,
 *                             fill and verify (zram is used before the disk),
 *                             check mm_stat; free, swapoff, reset
 *   ztest sysfs               the /sys files' answers to good and bad writes
 *                             (boot with zswap.enabled=1 zram.num_devices=2)
 *   ztest bench KIND MB SEED [ZMB]
 *                             for `make bench`: KIND text or random; fill, verify;
 *                             time, faults, swap, disk and zswap traffic, pool
 *                             sizes; with ZMB, a ZMB MiB zram at priority 100
 *                             in front of the disk
 *
 * Every mode prints "ztest ..." lines with the figures and ends with
 * "PASS ztest MODE" or "FAIL ...", exit status 0 or 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <pattern.h>
#include <selftest.h>
#include <procfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/swap.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
#define WORDS (PAGE / sizeof(unsigned))
#define ZSWAP_DEBUG "/sys/kernel/debug/zswap/"
#define ZRAM "/sys/block/zram0/"

enum kind { TEXT, SAME, RANDOM };
static enum kind only = (enum kind) - 1; /* bench: every page of one kind */

static enum kind page_kind(unsigned long p)
{
	if (only != (enum kind) - 1)
		return only;
	return p % 8 < 4 ? TEXT : p % 8 < 7 ? SAME : RANDOM;
}

/* The expected contents of page p, generation gen, into w. */
static void expected(unsigned *w, unsigned long p, unsigned seed, unsigned gen)
{
	static const char *vocab[] = { "the ",	  "page ",	 "swap ",   "zswap ",
				       "memory ", "compressed ", "kernel ", "of ",
				       "a ",	  "student\n",	 "reads ",  "LZ4 " };
	unsigned x = hash32(seed * 2654435761u ^ (unsigned)p * 0x9e3779b9u ^ gen * 0x85ebca6bu) | 1;
	char *c = (char *)w;
	unsigned long i = 0;

	switch (page_kind(p)) {
	case SAME:
		for (i = 0; i < WORDS; i++)
			w[i] = x;
		break;
	case RANDOM:
		for (i = 0; i < WORDS; i++)
			w[i] = hash32(x + (unsigned)i);
		break;
	case TEXT:
		while (i < PAGE) {
			const char *v = vocab[(x = hash32(x)) % 12];

			while (*v && i < PAGE)
				c[i++] = *v++;
		}
		break;
	}
}

static unsigned *region;
static unsigned long npages;

static void fill(unsigned seed, unsigned gen)
{
	unsigned long p;

	for (p = 0; p < npages; p++)
		expected(region + p * WORDS, p, seed, gen);
}

/* Wrong words in the region (the first one reported). */
static unsigned long verify(unsigned seed, unsigned gen)
{
	static unsigned want[WORDS];
	unsigned long p, i, bad = 0;

	for (p = 0; p < npages; p++) {
		const unsigned *r = region + p * WORDS;

		expected(want, p, seed, gen);
		for (i = 0; i < WORDS; i++) {
			if (r[i] == want[i])
				continue;
			if (!bad)
				printf("FAIL word %lu of page %lu (kind %d): %08x, wanted %08x\n",
				       i, p, page_kind(p), r[i], want[i]);
			bad++;
		}
	}
	return bad;
}

static void map(unsigned long mb)
{
	npages = (mb << 20) / PAGE;
	region = mmap(NULL, mb << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED) {
		printf("FAIL mmap of %lu MiB\n", mb);
		exit(1);
	}
}

/* A number file (sysfs, debugfs); exits on failure. */
static unsigned long read_number(const char *path)
{
	char buf[64];

	if (read_text_file(path, buf, sizeof(buf)) < 0) {
		printf("FAIL read %s: errno %d\n", path, errno);
		exit(1);
	}
	return strtoul(buf, NULL, 10);
}

/* The field name of a /proc file ("pswpin" in vmstat, "Zswap:" in meminfo). */
static unsigned long proc_number(const char *path, const char *name)
{
	static char buf[8192];
	unsigned long v = 0;

	if (read_text_file(path, buf, sizeof(buf)) < 0 || proc_field(buf, name, &v))
		printf("FAIL %s has no %s\n", path, name);
	return v;
}

static unsigned long vmstat(const char *name)
{
	return proc_number("/proc/vmstat", name);
}

static void write_file(const char *path, const char *s)
{
	if (write_text_file(path, s)) {
		printf("FAIL write '%s' to %s: errno %d\n", s, path, errno);
		exit(1);
	}
}

static int check(int ok, const char *what)
{
	if (!ok)
		printf("FAIL %s\n", what);
	return ok ? 0 : 1;
}

static unsigned long zstat(const char *name)
{
	char path[96];

	snprintf(path, sizeof(path), ZSWAP_DEBUG "%s", name);
	return read_number(path);
}

static unsigned long meminfo(const char *name)
{
	return proc_number("/proc/meminfo", name);
}

static void print_zswap(const char *when)
{
	printf("ztest zswap %s: Zswap=%lu kB Zswapped=%lu kB\n", when, meminfo("Zswap:"),
	       meminfo("Zswapped:"));
	printf("ztest zswap %s: stored_pages=%lu same_filled_pages=%lu reject_compress_poor=%lu "
	       "written_back_pages=%lu pool_limit_hit=%lu pool_total_size=%lu zswpout=%lu "
	       "zswpin=%lu pswpout=%lu pswpin=%lu\n",
	       when, zstat("stored_pages"), zstat("same_filled_pages"),
	       zstat("reject_compress_poor"), zstat("written_back_pages"), zstat("pool_limit_hit"),
	       zstat("pool_total_size"), vmstat("zswpout"), vmstat("zswpin"), vmstat("pswpout"),
	       vmstat("pswpin"));
}

static int cmd_zswap(unsigned long mb, unsigned seed)
{
	unsigned long bad, zswpin;
	int fails = 0;

	map(mb);
	fill(seed, 0);
	bad = verify(seed, 0);
	/* The pages stored so far keep their compressor: the rewrite below loads them. */
	write_file("/sys/module/zswap/parameters/compressor", "lz4");
	fill(seed, 1); /* dirty again: new stores replace the old copies */
	bad += verify(seed, 1);
	print_zswap("loaded");
	fails += check(zstat("stored_pages") > 0, "zswap stored no page");
	fails += check(zstat("same_filled_pages") > 0, "no same-filled page");
	fails += check(zstat("reject_compress_poor") > 0, "no random page rejected");
	fails += check(vmstat("zswpin") > 0 && vmstat("zswpout") > 0, "no zswpin/zswpout");
	write_file("/sys/module/zswap/parameters/enabled", "N");
	zswpin = vmstat("zswpin");
	bad += verify(seed, 1);
	print_zswap("disabled");
	fails += check(vmstat("zswpin") > zswpin, "stored pages not read back with zswap off");
	munmap(region, mb << 20);
	print_zswap("freed");
	fails += check(zstat("stored_pages") == 0 && zstat("pool_total_size") == 0,
		       "pool not empty after the region was freed");
	write_file("/sys/module/zswap/parameters/enabled", "Y");
	return bad || fails;
}

/* Run /bin/PROG with up to three arguments; its exit status. */
static int run(const char *prog, const char *a1, const char *a2, const char *a3)
{
	char path[32];
	char *argv[] = { (char *)prog, (char *)a1, (char *)a2, (char *)a3, NULL };
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "/bin/%s", prog);
	pid = fork();
	if (pid == 0) {
		execv(path, argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void show_file(const char *path)
{
	static char buf[2048];

	if (read_text_file(path, buf, sizeof(buf)) >= 0)
		printf("ztest %s:\n%s", path, buf);
}

/* /dev/zram0 of zmb MiB as swap at priority 100 (ztest zram's setup); 0 or 1. */
static int zram_swapon(unsigned long zmb)
{
	char size[32];

	snprintf(size, sizeof(size), "%luM", zmb);
	write_file(ZRAM "disksize", size);
	if (run("mkswap", "/dev/zram0", NULL, NULL) || run("swapon", "-p", "100", "/dev/zram0"))
		return check(0, "mkswap/swapon of /dev/zram0");
	return 0;
}

/* mm_stat's columns: orig compr mem_used limit used_max same compacted huge huge_since. */
static int read_mm_stat(unsigned long v[9])
{
	char buf[256], *p = buf;
	int i;

	if (read_text_file(ZRAM "mm_stat", buf, sizeof(buf)) < 0)
		return -1;
	for (i = 0; i < 9; i++)
		v[i] = strtoul(p, &p, 10);
	return 0;
}

static int cmd_zram(unsigned long mb, unsigned seed, unsigned long zmb)
{
	unsigned long bad, st[9];
	int fails = 0;

	if (zram_swapon(zmb))
		return 1;
	show_file(ZRAM "comp_algorithm"); /* the default, lzo-rle */
	show_file("/proc/swaps");
	map(mb);
	fill(seed, 0);
	bad = verify(seed, 0);
	show_file("/proc/swaps");
	show_file(ZRAM "mm_stat");
	if (read_mm_stat(st))
		return check(0, "mm_stat unreadable");
	fails += check(st[0] > 0 && st[1] < st[0], "zram holds nothing or did not compress");
	fails += check(st[5] > 0, "zram counted no same-filled page");
	fails += check(st[7] > 0, "zram stored no incompressible page as huge");
	munmap(region, mb << 20);
	if (swapoff("/dev/zram0"))
		fails += check(0, "swapoff /dev/zram0");
	read_mm_stat(st); /* every slot freed: only mkswap's header page is left */
	fails +=
	    check(st[0] == PAGE && st[5] == 0 && st[7] == 0, "zram holds more than the header");
	write_file(ZRAM "reset", "1");
	read_mm_stat(st);
	fails += check(read_number(ZRAM "disksize") == 0 && st[0] == 0 && st[2] == 0,
		       "reset left data or a disksize");
	return bad || fails;
}

static int exists(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

/* Write s to path: expect errno want (0: success). */
static int expect_write(const char *path, const char *s, int want)
{
	int got = write_text_file(path, s) ? errno : 0;

	if (got == want)
		return 0;
	printf("FAIL write '%s' to %s: errno %d, wanted %d\n", s, path, got, want);
	return 1;
}

static int expect_text(const char *path, const char *want)
{
	char buf[256];

	if (read_text_file(path, buf, sizeof(buf)) >= 0 && !strcmp(buf, want))
		return 0;
	printf("FAIL %s reads '%s', wanted '%s'\n", path, buf, want);
	return 1;
}

#define ZP "/sys/module/zswap/parameters/"
#define Z1 "/sys/block/zram1/"

static int cmd_sysfs(void)
{
	static char long_text[300];
	char buf[128];
	int fails = 0;

	memset(long_text, '1', sizeof(long_text) - 1);
	show_file("/proc/mounts"); /* sysfs on /sys, debugfs on /sys/kernel/debug */
	fails += expect_text(ZP "enabled", "Y\n") + expect_write(ZP "enabled", "maybe", EINVAL);
	fails +=
	    expect_text(ZP "enabled", "Y\n") + expect_write(ZP "max_pool_percent", "abc", EINVAL);
	fails += expect_write(ZP "max_pool_percent", "-1", EINVAL);
	fails += expect_write(ZP "max_pool_percent", long_text, EINVAL);
	fails += expect_text(ZP "max_pool_percent", "20\n");
	fails += expect_write(ZP "accept_threshold_percent", "101", EINVAL);
	fails += expect_write(ZP "accept_threshold_percent", "50\n", 0);
	fails += expect_text(ZP "accept_threshold_percent", "50\n");
	fails += expect_write(ZP "accept_threshold_percent", "90", 0);
	fails +=
	    expect_write(ZP "compressor", "zstd", ENOENT) + expect_text(ZP "compressor", "lzo\n");
	fails +=
	    expect_write(ZP "compressor", "lzo-rle", 0) + expect_write(ZP "compressor", "lz4\n", 0);
	fails += expect_text(ZP "compressor", "lz4\n") + expect_text(ZP "zpool", "zbud\n");
	fails += expect_write(ZP "zpool", "zsmalloc", ENOENT);
	fails += expect_write(ZP "same_filled_pages_enabled", "off", 0);
	fails += expect_text(ZP "same_filled_pages_enabled", "N\n");
	fails += expect_write(ZP "same_filled_pages_enabled", "1", 0);
	fails += expect_write(ZSWAP_DEBUG "stored_pages", "0", EACCES);
	fails += expect_text(ZSWAP_DEBUG "stored_pages", "0\n");
	fails += expect_text(Z1 "comp_algorithm", "lzo [lzo-rle] lz4 \n") +
		 expect_text(Z1 "initstate", "0\n");
	fails += expect_write(Z1 "comp_algorithm", "zstd", EINVAL) +
		 expect_write(Z1 "comp_algorithm", "lzo", 0);
	fails += expect_text(Z1 "comp_algorithm", "[lzo] lzo-rle lz4 \n");
	fails += expect_write(Z1 "reset", "0", EINVAL) + expect_write(Z1 "reset", "x", EINVAL);
	fails +=
	    expect_write(Z1 "disksize", "0", EINVAL) + expect_write(Z1 "disksize", "abc", EINVAL);
	fails += expect_write(Z1 "disksize", "1M", 0) + expect_write(Z1 "disksize", "2M", EBUSY);
	fails += expect_write(Z1 "comp_algorithm", "lz4", EBUSY);
	fails += expect_text(Z1 "disksize", "1048576\n") + expect_text(Z1 "initstate", "1\n");
	fails += expect_text(Z1 "size", "2048\n") + expect_write(Z1 "mem_used_max", "5", EINVAL);
	fails += expect_text(Z1 "mm_stat", "       0        0        0        0        0        0 "
					   "       0        0        0\n");
	fails += expect_text(Z1 "io_stat", "       0        0        0        0\n");
	fails += check(read_text_file(Z1 "reset", buf, sizeof(buf)) < 0 && errno == EACCES,
		       "reading reset (0200) was allowed");
	fails += check(read_text_file(Z1 "nope", buf, sizeof(buf)) < 0 && errno == ENOENT,
		       "a file that does not exist opened");
	fails += expect_write(Z1 "reset", "1", 0) + expect_text(Z1 "disksize", "0\n");
	return fails;
}

static unsigned long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000ULL + (unsigned long long)ts.tv_nsec / 1000000;
}

/* Pages read and written on sda, from /proc/diskstats (sectors / 8). */
static void sda_pages(unsigned long *rd, unsigned long *wr)
{
	static char buf[2048];
	unsigned long v[7];
	char *p;
	int i;

	*rd = *wr = 0;
	if (read_text_file("/proc/diskstats", buf, sizeof(buf)) < 0 || !(p = strstr(buf, " sda ")))
		return;
	p += 5;
	for (i = 0; i < 7; i++)
		v[i] = strtoul(p, &p, 10);
	*rd = v[2] / 8; /* reads, merged, sectors read, ms, writes, merged, sectors written */
	*wr = v[6] / 8;
}

/* vmstat and diskstats figures a bench row reports as differences. */
struct bench_counts {
	unsigned long long ms;
	unsigned long majflt, pswpin, pswpout, zswpin, zswpout, disk_reads, disk_writes;
};

static void bench_counts(struct bench_counts *c)
{
	c->ms = now_ms();
	c->majflt = vmstat("pgmajfault");
	c->pswpin = vmstat("pswpin");
	c->pswpout = vmstat("pswpout");
	c->zswpin = vmstat("zswpin");
	c->zswpout = vmstat("zswpout");
	sda_pages(&c->disk_reads, &c->disk_writes);
}

/* One row of `make bench`: fill then verify KIND pages; the figures, and the pools. */
static int cmd_bench(const char *kind, unsigned long mb, unsigned seed, unsigned long zmb)
{
	struct bench_counts a, b;
	int zswap = exists(ZSWAP_DEBUG "stored_pages");
	char stat[256] = "-\n";
	unsigned long bad;

	if (zmb && zram_swapon(zmb))
		return 1;
	only = !strcmp(kind, "random") ? RANDOM : TEXT;
	bench_counts(&a);
	map(mb);
	fill(seed, 0);
	bad = verify(seed, 0);
	bench_counts(&b);
	if (zmb)
		read_text_file(ZRAM "mm_stat", stat, sizeof(stat));
	printf("zbench %s ms=%llu pgmajfault=%lu disk_reads=%lu disk_writes=%lu pswpin=%lu "
	       "pswpout=%lu zswpin=%lu zswpout=%lu zswap_stored=%lu zswap_pool=%lu\n",
	       kind, b.ms - a.ms, b.majflt - a.majflt, b.disk_reads - a.disk_reads,
	       b.disk_writes - a.disk_writes, b.pswpin - a.pswpin, b.pswpout - a.pswpout,
	       b.zswpin - a.zswpin, b.zswpout - a.zswpout, zswap ? zstat("stored_pages") : 0,
	       zswap ? zstat("pool_total_size") : 0);
	printf("zbench mm_stat %s", stat);
	munmap(region, mb << 20);
	if (zmb && (swapoff("/dev/zram0") || write_text_file(ZRAM "reset", "1")))
		return check(0, "swapoff/reset of /dev/zram0");
	return bad != 0;
}

int main(int argc, char **argv)
{
	int ret;

	if (argc >= 4 && !strcmp(argv[1], "zswap"))
		ret = cmd_zswap(strtoul(argv[2], NULL, 0), (unsigned)strtoul(argv[3], NULL, 0));
	else if (argc >= 5 && !strcmp(argv[1], "zram"))
		ret = cmd_zram(strtoul(argv[2], NULL, 0), (unsigned)strtoul(argv[3], NULL, 0),
			       strtoul(argv[4], NULL, 0));
	else if (argc >= 2 && !strcmp(argv[1], "sysfs"))
		ret = cmd_sysfs();
	else if (argc >= 5 && !strcmp(argv[1], "bench"))
		ret = cmd_bench(argv[2], strtoul(argv[3], NULL, 0),
				(unsigned)strtoul(argv[4], NULL, 0),
				argc >= 6 ? strtoul(argv[5], NULL, 0) : 0);
	else {
		fprintf(stderr, "usage: ztest zswap MB SEED | zram MB SEED ZMB | sysfs | bench "
				"text|random MB SEED [ZMB]\n");
		return 2;
	}
	return selftest_report("ztest", argv[1], ret);
}
