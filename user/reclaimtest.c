/*
 * reclaimtest: who reclaims, kswapd or the allocating task?
 *
 *   reclaimtest slow MB   touch MB MiB 64 KiB at a time with a 30 ms pause after
 *                         each step, and a longer one while the Normal zone is
 *                         below its LOW mark (an allocator that never outruns
 *                         kswapd, even when QEMU gets little CPU): kswapd alone
 *                         should reclaim (no allocstall)
 *   reclaimtest fast MB   touch MB MiB as fast as possible: the allocator falls
 *                         below MIN and reclaims itself (direct reclaim)
 *
 * Prints the change of the reclaim counters in /proc/vmstat and the lowest
 * free page count seen in the Normal zone with its watermarks from
 * /proc/zoneinfo (user pages are GFP_HIGHUSER_MOVABLE: on i386 their
 * direct reclaim counts as allocstall_movable, as in Linux):
 *
 *   reclaimtest: pgscan_kswapd=N pgscan_direct=N pgsteal_kswapd=N pgsteal_direct=N
 *                allocstall_dma=N allocstall_normal=N allocstall_movable=N pswpout=N
 *                pswpin=N pgmajfault=N lowest_free=N min=N low=N high=N ms=N
 *
 * (ms: the time the touching took, pauses included, by CLOCK_MONOTONIC.)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static char buf[16384];

static const char *slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

/* The value after "name" at the start of a line (after leading blanks) in text. */
static unsigned long field(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = text; (p = strstr(p, name)) != NULL; p += n) {
		const char *q = p;

		while (q > text && q[-1] == ' ')
			q--;
		if ((q == text || q[-1] == '\n') && p[n] == ' ')
			return strtoul(p + n, NULL, 10);
	}
	return 0;
}

struct zone_marks {
	unsigned long free, min, low, high;
};

static struct zone_marks normal_zone(void)
{
	const char *z = strstr(slurp("/proc/zoneinfo"), "zone   Normal");
	struct zone_marks m = { 0, 0, 0, 0 };

	if (z) {
		m.free = field(z, "pages free");
		m.min = field(z, "min");
		m.low = field(z, "low");
		m.high = field(z, "high");
	}
	return m;
}

static const char *const counters[] = {
	"pgscan_kswapd",  "pgscan_direct",     "pgsteal_kswapd",     "pgsteal_direct",
	"allocstall_dma", "allocstall_normal", "allocstall_movable", "pswpout",
	"pswpin",	  "pgmajfault",
};
#define NR_COUNTERS (sizeof(counters) / sizeof(counters[0]))

static void read_counters(unsigned long *v)
{
	const char *t = slurp("/proc/vmstat");
	unsigned i;

	for (i = 0; i < NR_COUNTERS; i++)
		v[i] = field(t, counters[i]);
}

int main(int argc, char **argv)
{
	unsigned long before[NR_COUNTERS], after[NR_COUNTERS], mb, off, lowest = ~0UL;
	struct timespec pause = { 0, 30 * 1000000L }, t0, t1;
	struct zone_marks marks = normal_zone();
	int slow;
	char *p;
	unsigned i;

	if (argc < 3 || (strcmp(argv[1], "slow") && strcmp(argv[1], "fast"))) {
		fprintf(stderr, "usage: reclaimtest slow|fast MB\n");
		return 2;
	}
	slow = !strcmp(argv[1], "slow");
	mb = strtoul(argv[2], NULL, 0);
	p = mmap(NULL, mb << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		printf("FAIL mmap\n");
		return 1;
	}
	read_counters(before);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (off = 0; off < (mb << 20); off += 4096) {
		p[off] = 1;
		if (off % (64 << 10) == 0) {
			struct zone_marks now = normal_zone();

			if (now.free < lowest)
				lowest = now.free;
			if (slow)
				nanosleep(&pause, NULL);
			if (slow && now.free < marks.low)
				nanosleep(&pause, NULL); /* kswapd is at work: let it */
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	read_counters(after);
	printf("reclaimtest:");
	for (i = 0; i < NR_COUNTERS; i++)
		printf(" %s=%lu", counters[i], after[i] - before[i]);
	printf(" lowest_free=%lu min=%lu low=%lu high=%lu ms=%ld\n", lowest, marks.min, marks.low,
	       marks.high,
	       (long)(t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000);
	return 0;
}
