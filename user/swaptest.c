/*
 * swaptest: data integrity through swap. Fills a region larger than RAM
 * with words from a seeded generator and verifies every word, in several
 * passes and orders, so each page goes out to swap and comes back.
 *
 *   swaptest seq  MB PASSES SEED   sequential write, then PASSES verify+rewrite passes
 *   swaptest rand MB PASSES SEED   the same, visiting pages in a random order
 *   swaptest procs N MB SEED       N processes at once, each with its own region and seed
 *   swaptest cow  MB SEED          fill, fork; both sides read everything, then each
 *                                  rewrites half; both verify (COW pages through swap)
 *   swaptest swapoff MB SEED       a child and the parent fill MB MiB each, the parent
 *                                  frees a third of its share, calls swapoff(/dev/sda)
 *                                  while both hold swapped-out pages, and both verify
 *   swaptest readback MB SEED      fill, then verify twice; per pass pswpout and pswpin,
 *                                  and after them SwapCached and the swap in use: a page
 *                                  read back keeps its slot, so the second pass's evictions
 *                                  write (almost) nothing
 *   swaptest bench MB SEED         for `make bench`: fill, verify in order, verify in a
 *                                  random order; per phase the time and the change of
 *                                  pswpout, pswpin, pgmajfault, pgsteal_kswapd,
 *                                  pgsteal_direct, swap_ra and swap_ra_hit from /proc/vmstat
 *
 * Prints "PASS ..." or "FAIL ..." and exits 0 or 1. Runs on Linux too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/swap.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <pattern.h>
#include <selftest.h>

#define PAGE 4096UL
#define WORDS_PER_PAGE (PAGE / sizeof(unsigned))

/* The word at index i of generation gen for seed: a fixed function, no state. */
static unsigned value(unsigned seed, unsigned gen, unsigned long i)
{
	return hash32(seed * 2654435761u ^ (unsigned)i * 0x9e3779b9u ^ gen * 0x85ebca6bu);
}

static unsigned *map_region(unsigned long bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("FAIL mmap of %lu MiB\n", bytes >> 20);
		exit(1);
	}
	return p;
}

static void fill_page(unsigned *r, unsigned long page, unsigned seed, unsigned gen)
{
	unsigned long i, base = page * WORDS_PER_PAGE;

	for (i = 0; i < WORDS_PER_PAGE; i++)
		r[base + i] = value(seed, gen, base + i);
}

/* Returns the number of wrong words in the page (and reports the first). */
static unsigned long check_page(const unsigned *r, unsigned long page, unsigned seed, unsigned gen)
{
	unsigned long i, base = page * WORDS_PER_PAGE, bad = 0;

	for (i = 0; i < WORDS_PER_PAGE; i++) {
		unsigned want = value(seed, gen, base + i);

		if (r[base + i] != want) {
			if (!bad)
				printf("FAIL word %lu of page %lu: %08x, wanted %08x (gen %u)\n",
				       base + i, page, r[base + i], want, gen);
			bad++;
		}
	}
	return bad;
}

/* A permutation of 0..n-1 by a seeded shuffle (xorshift). */
static unsigned long *page_order(unsigned long n, unsigned seed, int random)
{
	unsigned long *order = malloc(n * sizeof(*order)), i;
	unsigned x = seed | 1;

	if (!order)
		exit(1);
	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = n - 1; random && i > 0; i--) {
		unsigned long j, t;

		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		j = x % (i + 1);
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	return order;
}

/* Write generation 0, then each pass verifies generation g and writes g+1. */
static int run_passes(unsigned long mb, int passes, unsigned seed, int random)
{
	unsigned long pages = (mb << 20) / PAGE, p, bad = 0;
	unsigned *r = map_region(mb << 20);
	unsigned long *order = page_order(pages, seed, random);
	int g;

	for (p = 0; p < pages; p++)
		fill_page(r, order[p], seed, 0);
	for (g = 0; g < passes; g++) {
		for (p = 0; p < pages; p++) {
			bad += check_page(r, order[p], seed, (unsigned)g);
			fill_page(r, order[p], seed, (unsigned)g + 1);
		}
		if (bad)
			break;
	}
	for (p = 0; !bad && p < pages; p++)
		bad += check_page(r, order[p], seed, (unsigned)passes);
	munmap(r, mb << 20);
	free(order);
	return bad ? 1 : 0;
}

static int cmd_procs(int n, unsigned long mb, unsigned seed)
{
	int i, status, failed = 0;

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			printf("FAIL fork\n");
			return 1;
		}
		if (pid == 0)
			_exit(run_passes(mb, 2, seed + (unsigned)i, i & 1));
	}
	for (;;) {
		pid_t pid = wait(&status);

		if (pid < 0)
			break;
		if (WIFSIGNALED(status))
			printf("child %d: killed by signal %d\n", pid, WTERMSIG(status));
		else if (WEXITSTATUS(status))
			printf("child %d: exit status %d\n", pid, WEXITSTATUS(status));
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			failed++;
	}
	return failed ? 1 : 0;
}

static int cmd_cow(unsigned long mb, unsigned seed)
{
	unsigned long pages = (mb << 20) / PAGE, p, bad = 0;
	unsigned *r = map_region(mb << 20);
	int status;
	pid_t pid;

	for (p = 0; p < pages; p++)
		fill_page(r, p, seed, 0);
	pid = fork();
	if (pid < 0)
		return 1;
	/* Both: read all (shared pages go out and come back), then rewrite own half. */
	for (p = 0; p < pages; p++)
		bad += check_page(r, p, seed, 0);
	for (p = (pid == 0); p < pages; p += 2)
		fill_page(r, p, seed, pid == 0 ? 2 : 1);
	for (p = 0; p < pages; p++)
		bad += check_page(r, p, seed, (p % 2 == (pid == 0)) ? (pid == 0 ? 2 : 1) : 0);
	if (pid == 0)
		_exit(bad ? 1 : 0);
	waitpid(pid, &status, 0);
	return bad || !WIFEXITED(status) || WEXITSTATUS(status) ? 1 : 0;
}

/* Fill, then return a region that the caller verifies with check_all. */
static unsigned *fill_region(unsigned long mb, unsigned seed)
{
	unsigned *r = map_region(mb << 20);
	unsigned long p;

	for (p = 0; p < (mb << 20) / PAGE; p++)
		fill_page(r, p, seed, 0);
	return r;
}

static unsigned long check_all(const unsigned *r, unsigned long mb, unsigned seed)
{
	unsigned long p, bad = 0;

	for (p = 0; p < (mb << 20) / PAGE; p++)
		bad += check_page(r, p, seed, 0);
	return bad;
}

struct snapshot {
	unsigned long long ns;
	unsigned long pswpout, pswpin, pgmajfault, pgsteal_kswapd, pgsteal_direct, swap_ra,
	    swap_ra_hit;
};

static unsigned long vmstat_field(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = text; (p = strstr(p, name)) != NULL; p += n)
		if ((p == text || p[-1] == '\n') && p[n] == ' ')
			return strtoul(p + n + 1, NULL, 10);
	return 0;
}

static void take_snapshot(struct snapshot *s)
{
	static char buf[16384]; /* Linux's /proc/vmstat is about 5 KiB */
	struct timespec ts;
	int fd = open("/proc/vmstat", O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	clock_gettime(CLOCK_MONOTONIC, &ts);
	s->ns = (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
	s->pswpout = vmstat_field(buf, "pswpout");
	s->pswpin = vmstat_field(buf, "pswpin");
	s->pgmajfault = vmstat_field(buf, "pgmajfault");
	s->pgsteal_kswapd = vmstat_field(buf, "pgsteal_kswapd");
	s->pgsteal_direct = vmstat_field(buf, "pgsteal_direct");
	s->swap_ra = vmstat_field(buf, "swap_ra");
	s->swap_ra_hit = vmstat_field(buf, "swap_ra_hit");
}

static void report(const char *phase, const struct snapshot *a, const struct snapshot *b)
{
	printf("bench %s ms=%llu pswpout=%lu pswpin=%lu pgmajfault=%lu pgsteal_kswapd=%lu "
	       "pgsteal_direct=%lu swap_ra=%lu swap_ra_hit=%lu\n",
	       phase, (b->ns - a->ns) / 1000000ULL, b->pswpout - a->pswpout, b->pswpin - a->pswpin,
	       b->pgmajfault - a->pgmajfault, b->pgsteal_kswapd - a->pgsteal_kswapd,
	       b->pgsteal_direct - a->pgsteal_direct, b->swap_ra - a->swap_ra,
	       b->swap_ra_hit - a->swap_ra_hit);
}

static int cmd_swapoff(unsigned long mb, unsigned seed)
{
	struct snapshot before, after;
	int ready[2], go[2], status;
	unsigned long bad, keep = mb - mb / 3;
	unsigned *r;
	char c;
	pid_t pid;

	if (pipe(ready) || pipe(go))
		return 1;
	pid = fork();
	if (pid == 0) {
		r = fill_region(keep, seed + 1);
		write(ready[1], "r", 1);
		read(go[0], &c, 1); /* asleep while the parent turns swap off */
		_exit(check_all(r, keep, seed + 1) ? 1 : 0);
	}
	r = fill_region(mb, seed);
	read(ready[0], &c, 1);
	munmap(r + (keep << 20) / sizeof(unsigned), (mb - keep) << 20);
	take_snapshot(&before);
	if (swapoff("/dev/sda")) {
		printf("FAIL swapoff: errno %d\n", errno);
		return 1;
	}
	take_snapshot(&after);
	printf("swapoff done: pswpout %lu before it, pswpin %lu during it\n", before.pswpout,
	       after.pswpin - before.pswpin);
	write(go[1], "g", 1);
	bad = check_all(r, keep, seed);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("FAIL child: status %#x\n", status);
		return 1;
	}
	return bad ? 1 : 0;
}

/* A field of /proc/meminfo in kB ("SwapCached:"), or 0. */
static unsigned long meminfo_kb(const char *name)
{
	static char buf[4096];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);
	const char *p;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	p = strstr(buf, name);
	return p ? strtoul(p + strlen(name), NULL, 10) : 0;
}

/* The Used column (kB) of the first area in /proc/swaps (name type size used prio), or 0. */
static unsigned long proc_swaps_used(void)
{
	static char buf[1024];
	int fd = open("/proc/swaps", O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);
	char *p;
	int field;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	p = strchr(buf, '\n');
	if (!p)
		return 0;
	for (field = 0; field < 3; field++) { /* past name, type and size */
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	return strtoul(p, NULL, 10);
}

static int cmd_readback(unsigned long mb, unsigned seed)
{
	unsigned *r = map_region(mb << 20);
	struct snapshot s0, s1, s2;
	unsigned long bad, p, writeback = 0;

	for (p = 0; p < (mb << 20) / PAGE; p++) {
		fill_page(r, p, seed, 0);
		if (p % 64 == 0 && meminfo_kb("Writeback:") > writeback)
			writeback = meminfo_kb("Writeback:"); /* swap writes in flight */
	}

	take_snapshot(&s0);
	bad = check_all(r, mb, seed);
	take_snapshot(&s1);
	bad += check_all(r, mb, seed);
	take_snapshot(&s2);
	printf("readback fill: Writeback up to %lu kB\n", writeback);
	printf("readback pass 1: pswpout %lu pswpin %lu; pass 2: pswpout %lu pswpin %lu\n",
	       s1.pswpout - s0.pswpout, s1.pswpin - s0.pswpin, s2.pswpout - s1.pswpout,
	       s2.pswpin - s1.pswpin);
	printf("readback: SwapCached %lu kB, swap used %lu kB, /proc/swaps Used %lu kB, "
	       "mismatches %lu\n",
	       meminfo_kb("SwapCached:"), meminfo_kb("SwapTotal:") - meminfo_kb("SwapFree:"),
	       proc_swaps_used(), bad);
	return bad ? 1 : 0;
}

static int cmd_bench(unsigned long mb, unsigned seed)
{
	unsigned long pages = (mb << 20) / PAGE, p, bad = 0;
	unsigned *r = map_region(mb << 20);
	unsigned long *order = page_order(pages, seed, 1);
	struct snapshot s0, s1, s2, s3;

	take_snapshot(&s0);
	for (p = 0; p < pages; p++)
		fill_page(r, p, seed, 0);
	take_snapshot(&s1);
	for (p = 0; p < pages; p++)
		bad += check_page(r, p, seed, 0);
	take_snapshot(&s2);
	for (p = 0; p < pages; p++)
		bad += check_page(r, order[p], seed, 0);
	take_snapshot(&s3);
	report("write", &s0, &s1);
	report("seqread", &s1, &s2);
	report("randread", &s2, &s3);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	int ret;

	if (argc >= 5 && (!strcmp(argv[1], "seq") || !strcmp(argv[1], "rand")))
		ret = run_passes(strtoul(argv[2], NULL, 0), atoi(argv[3]),
				 (unsigned)strtoul(argv[4], NULL, 0), argv[1][0] == 'r');
	else if (argc >= 5 && !strcmp(argv[1], "procs"))
		ret = cmd_procs(atoi(argv[2]), strtoul(argv[3], NULL, 0),
				(unsigned)strtoul(argv[4], NULL, 0));
	else if (argc >= 4 && !strcmp(argv[1], "swapoff"))
		ret = cmd_swapoff(strtoul(argv[2], NULL, 0), (unsigned)strtoul(argv[3], NULL, 0));
	else if (argc >= 4 && !strcmp(argv[1], "bench"))
		ret = cmd_bench(strtoul(argv[2], NULL, 0), (unsigned)strtoul(argv[3], NULL, 0));
	else if (argc >= 4 && !strcmp(argv[1], "readback"))
		ret = cmd_readback(strtoul(argv[2], NULL, 0), (unsigned)strtoul(argv[3], NULL, 0));
	else if (argc >= 4 && !strcmp(argv[1], "cow"))
		ret = cmd_cow(strtoul(argv[2], NULL, 0), (unsigned)strtoul(argv[3], NULL, 0));
	else {
		fprintf(stderr, "usage: swaptest seq|rand MB PASSES SEED | procs N MB SEED | cow "
				"MB SEED | readback MB SEED | bench MB SEED\n");
		return 2;
	}
	return selftest_report("swaptest", argv[1], ret);
}
