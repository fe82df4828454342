/*
 * faultbench: page-fault and OOM workloads for `make bench` (tools/bench.py),
 * checked by tests/system/test_bench.py. Times come from
 * clock_gettime(CLOCK_MONOTONIC) (the clock that stamps printk lines), counts
 * from the change of /proc/vmstat over the timed part, so the figures are the
 * kernel's own counts, not estimates.
 *
 *   faultbench zero MB  demand-zero faults: map MB MiB of private anonymous
 *                       memory and write one word to each page, each write a
 *                       first touch (do_anonymous_page); then check every page
 *                       reads zero but for that word
 *   faultbench cow MB   copy-on-write faults: fill MB MiB, fork; the child
 *                       writes one word to each page while the parent still
 *                       maps it (do_wp_page copies), then checks each page is
 *                       its own copy; the parent checks it still sees its data
 *   faultbench oom      time from exhaustion to the OOM kill: a child touches
 *                       memory a page at a time until the OOM killer kills it
 *                       (see hog() for what "exhausted" means)
 *
 * Each mode prints one line of key=value fields, for example
 *
 *   faultbench zero pages=16384 us=812345 pgfault=16385 pgmajfault=0 ...
 *
 * then "PASS faultbench MODE" (exit 0) or "FAIL ..." lines (exit 1).
 * Runs on Linux too (the OOM mode only on a machine you can spare).
 */
#include <errno.h>
#include <procfs.h>
#include <selftest.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
#define WORDS_PER_PAGE (PAGE / sizeof(unsigned))

static char text[16384]; /* one /proc file at a time */

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

/* The /proc/vmstat counters the modes report; allocstall is the sum of its zones. */
static const char *const counter_names[] = {
	"pgfault",	 "pgmajfault",	  "pgreuse",	"pswpin",   "pswpout",
	"pgscan_kswapd", "pgscan_direct", "allocstall", "oom_kill",
};
#define NR_COUNTERS (sizeof(counter_names) / sizeof(counter_names[0]))

struct snapshot {
	unsigned long long ns;
	unsigned long count[NR_COUNTERS];
};

/* The counter name in /proc/vmstat's text (0 if it has none). */
static unsigned long vmstat_count(const char *vmstat, const char *name)
{
	static const char *const zones[] = { "dma", "normal", "high", "movable" };
	unsigned long v, sum = 0;
	char zone_name[32];
	unsigned i;

	if (strcmp(name, "allocstall"))
		return proc_field(vmstat, name, &v) ? 0 : v;
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		snprintf(zone_name, sizeof(zone_name), "allocstall_%s", zones[i]);
		if (!proc_field(vmstat, zone_name, &v))
			sum += v;
	}
	return sum;
}

static void take_snapshot(struct snapshot *s)
{
	unsigned i;

	if (read_text_file("/proc/vmstat", text, sizeof(text)) < 0) {
		printf("FAIL /proc/vmstat: %s\n", strerror(errno));
		exit(1);
	}
	for (i = 0; i < NR_COUNTERS; i++)
		s->count[i] = vmstat_count(text, counter_names[i]);
	s->ns = now_ns();
}

/* Ends the line bench.py parses: each counter's change from a to b. */
static void print_deltas(const struct snapshot *a, const struct snapshot *b)
{
	unsigned i;

	for (i = 0; i < NR_COUNTERS; i++)
		printf(" %s=%lu", counter_names[i], b->count[i] - a->count[i]);
	printf("\n");
}

/* "faultbench MODE pages=N us=T" and the counters' changes. */
static void report(const char *mode, unsigned long pages, const struct snapshot *a,
		   const struct snapshot *b)
{
	printf("faultbench %s pages=%lu us=%llu", mode, pages, (b->ns - a->ns) / 1000ULL);
	print_deltas(a, b);
}

static unsigned *map_anon(unsigned long bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("FAIL mmap of %lu KiB: %s\n", bytes >> 10, strerror(errno));
		exit(1);
	}
	return p;
}

static int cmd_zero(unsigned long mb)
{
	unsigned long pages = (mb << 20) / PAGE, p, w, bad = 0;
	unsigned *r = map_anon(mb << 20);
	struct snapshot a, b;

	take_snapshot(&a);
	for (p = 0; p < pages; p++)
		r[p * WORDS_PER_PAGE] = (unsigned)p + 1;
	take_snapshot(&b);
	report("zero", pages, &a, &b);
	for (p = 0; p < pages; p++)
		for (w = 0; w < WORDS_PER_PAGE; w++)
			if (r[p * WORDS_PER_PAGE + w] != (w ? 0 : (unsigned)p + 1) && !bad++)
				printf("FAIL page %lu word %lu: %#x after a first touch\n", p, w,
				       r[p * WORDS_PER_PAGE + w]);
	munmap(r, mb << 20);
	return bad != 0;
}

static unsigned pattern(unsigned long i)
{
	return (unsigned)i * 2654435761u ^ 0x5a5a5a5au;
}

/* Words of the region that differ from the pattern; the child's writes are ~pattern. */
static unsigned long check_region(const unsigned *r, unsigned long pages, int written,
				  const char *who)
{
	unsigned long i, bad = 0;

	for (i = 0; i < pages * WORDS_PER_PAGE; i++) {
		unsigned want = written && i % WORDS_PER_PAGE == 0 ? ~pattern(i) : pattern(i);

		if (r[i] != want && !bad++)
			printf("FAIL %s: word %lu is %#x, wanted %#x\n", who, i, r[i], want);
	}
	return bad;
}

static int cmd_cow(unsigned long mb)
{
	unsigned long pages = (mb << 20) / PAGE, i;
	unsigned *r = map_anon(mb << 20);
	struct snapshot a, b;
	int status;
	pid_t pid;

	for (i = 0; i < pages * WORDS_PER_PAGE; i++)
		r[i] = pattern(i);
	pid = fork();
	if (pid < 0) {
		printf("FAIL fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		take_snapshot(&a);
		for (i = 0; i < pages; i++)
			r[i * WORDS_PER_PAGE] = ~pattern(i * WORDS_PER_PAGE);
		take_snapshot(&b);
		report("cow", pages, &a, &b);
		_exit(check_region(r, pages, 1, "child") != 0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("FAIL child: status %#x\n", status);
		return 1;
	}
	return check_region(r, pages, 0, "parent") != 0;
}

/*
 * Pages that can still be given to user memory before the allocator must
 * reclaim itself: the sum over zones of free - (min + protection), where
 * positive. A user page (GFP_HIGHUSER_MOVABLE) may take a zone's page only
 * while free > min + lowmem_reserve[ZONE_MOVABLE], the last number of the
 * zone's "protection:" line in /proc/zoneinfo.
 */
static unsigned long zone_headroom(void)
{
	unsigned long room = 0;
	const char *z;

	if (read_text_file("/proc/zoneinfo", text, sizeof(text)) < 0) {
		printf("FAIL /proc/zoneinfo: %s\n", strerror(errno));
		_exit(4);
	}
	for (z = strstr(text, "zone "); z; z = strstr(z + 1, "zone ")) {
		const char *free_at = strstr(z, "pages free"), *min_at = strstr(z, "min "),
			   *prot = strstr(z, "protection: (");
		unsigned long f, m, reserve = 0;

		if (!free_at || !min_at || !prot)
			break;
		f = strtoul(free_at + strlen("pages free"), NULL, 10);
		m = strtoul(min_at + strlen("min"), NULL, 10);
		for (prot = strchr(prot, '('); *prot && *prot != ')'; prot++)
			if (*prot == '(' || *prot == ',')
				reserve = strtoul(prot + 1, NULL, 10); /* the last one stays */
		if (f > m + reserve)
			room += f - m - reserve;
	}
	return room;
}

static unsigned long swap_free_pages(void)
{
	unsigned long kb = 0;

	if (read_text_file("/proc/meminfo", text, sizeof(text)) < 0 ||
	    proc_field(text, "SwapFree:", &kb)) {
		printf("FAIL no SwapFree in /proc/meminfo\n");
		_exit(4);
	}
	return kb / 4;
}

struct exhaustion {
	unsigned long long ns;
	unsigned long touched;
};

/*
 * The OOM workload: touch memory a page at a time (1 MiB mappings) until
 * killed. Memory is "exhausted" at the first sample that finds no free swap
 * (SwapFree 0 kB in /proc/meminfo) and no zone_headroom(): the next user
 * page can only come from direct reclaim. The first such moment (monotonic
 * time and pages touched) goes down fd; the kernel's "Out of memory: Killed
 * process" line stamps the kill on the same clock. The next sample comes
 * after a quarter of the pages (free and swap) left, at most 256, so each
 * of the last few pages is followed by one.
 */
static void hog(int fd)
{
	unsigned long touched = 0, next_sample = 0;
	int reported = 0;

	for (;;) {
		char *p = (char *)map_anon(1 << 20);
		unsigned long off;

		for (off = 0; off < (1 << 20); off += PAGE) {
			unsigned long room, swap;

			p[off] = 1;
			if (++touched < next_sample)
				continue;
			room = zone_headroom();
			swap = swap_free_pages();
			if (!room && !swap && !reported) {
				struct exhaustion e = { now_ns(), touched };

				write(fd, &e, sizeof(e));
				reported = 1;
			}
			next_sample = touched + 1 + (room + swap > 1024 ? 256 : (room + swap) / 4);
		}
	}
}

static int cmd_oom(void)
{
	struct exhaustion e = { 0, 0 };
	struct snapshot a, b;
	unsigned long long reaped;
	int fds[2], status, failed = 0;
	pid_t pid;

	if (pipe(fds)) {
		printf("FAIL pipe: %s\n", strerror(errno));
		return 1;
	}
	take_snapshot(&a);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		hog(fds[1]);
	}
	close(fds[1]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		printf("FAIL fork/waitpid: %s\n", strerror(errno));
		return 1;
	}
	reaped = now_ns();
	take_snapshot(&b);
	if (read(fds[0], &e, sizeof(e)) != sizeof(e)) {
		printf("FAIL the hog never saw memory exhausted\n");
		failed = 1;
	}
	printf("faultbench oom hog=%d exhausted=%llu.%06llu reaped=%llu.%06llu touched=%lu", pid,
	       e.ns / 1000000000ULL, e.ns / 1000ULL % 1000000ULL, reaped / 1000000000ULL,
	       reaped / 1000ULL % 1000000ULL, e.touched);
	print_deltas(&a, &b);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
		printf("FAIL hog: status %#x, not killed by SIGKILL\n", status);
		failed = 1;
	}
	return failed;
}

int main(int argc, char **argv)
{
	int ret;

	if (argc >= 3 && !strcmp(argv[1], "zero"))
		ret = cmd_zero(strtoul(argv[2], NULL, 0));
	else if (argc >= 3 && !strcmp(argv[1], "cow"))
		ret = cmd_cow(strtoul(argv[2], NULL, 0));
	else if (argc >= 2 && !strcmp(argv[1], "oom"))
		ret = cmd_oom();
	else {
		fprintf(stderr, "usage: faultbench zero MB | cow MB | oom\n");
		return 2;
	}
	return selftest_report("faultbench", argv[1], ret);
}
