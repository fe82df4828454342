/*
 * hotset: a hot set of pages used all the time, and a scan through a
 * region larger than RAM that is used once per round: the access pattern
 * that tells page-replacement policies apart (labs/01-lru-policy).
 *
 *   hotset HOT_MB SCAN_MB ROUNDS SEED
 *
 * Both regions are filled with words from a seeded generator. The scan
 * region is then read ROUNDS times, 64 pages at a time, and after every
 * 64 pages each page of the hot set is read once (one word), so a hot page
 * is referenced many times while a scan page waits its turn. At the end
 * every word of both regions is verified. A policy that keeps the hot set
 * in memory takes major faults only on the scan; one that does not also
 * faults the hot set back in, again and again.
 *
 * Prints the change of these /proc/vmstat counters during the rounds
 * (not the fill), the part of pgmajfault and pswpin taken during the hot
 * set's sweeps (the cost of losing hot pages, apart from the scan's own),
 * the active/inactive list sizes at the end, and "PASS hotset" or
 * "FAIL ..." (exit 1):
 *
 *   hotset: pgmajfault=N pswpin=N pswpout=N pgactivate=N pgdeactivate=N pgrefill=N
 *           pgscan_kswapd=N pgscan_direct=N hot_pgmajfault=N hot_pswpin=N
 *           nr_active_anon=N nr_inactive_anon=N
 */
#include <pattern.h>
#include <procfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#define PAGE 4096UL
#define WORDS_PER_PAGE (PAGE / sizeof(unsigned))
#define CHUNK 64 /* scan pages between two sweeps of the hot set */

enum { MAJFAULT, PSWPIN }; /* the first two of deltas[] */
static const char *const deltas[] = {
	"pgmajfault",	"pswpin",   "pswpout",	     "pgactivate",
	"pgdeactivate", "pgrefill", "pgscan_kswapd", "pgscan_direct",
};
#define NR_DELTAS (sizeof(deltas) / sizeof(deltas[0]))

static char text[16384];
static unsigned long bad;

/* The word at index i of region seed: a fixed function, no state. */
static unsigned value(unsigned seed, unsigned long i)
{
	return hash32(seed * 2654435761u ^ (unsigned)i * 0x9e3779b9u);
}

static unsigned long vmstat(const char *name)
{
	unsigned long v = 0;

	proc_field(text, name, &v);
	return v;
}

static void read_vmstat(unsigned long *v)
{
	unsigned i;

	if (read_text_file("/proc/vmstat", text, sizeof(text)) < 0) {
		printf("FAIL cannot read /proc/vmstat\n");
		exit(1);
	}
	for (i = 0; i < NR_DELTAS; i++)
		v[i] = vmstat(deltas[i]);
}

static unsigned *map_region(unsigned long pages)
{
	void *p =
	    mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("FAIL mmap of %lu pages\n", pages);
		exit(1);
	}
	return p;
}

static void check_word(const unsigned *r, unsigned long i, unsigned seed)
{
	if (r[i] != value(seed, i) && !bad++)
		printf("FAIL word %lu of region %u: %08x, wanted %08x\n", i, seed, r[i],
		       value(seed, i));
}

static void check_page(const unsigned *r, unsigned long page, unsigned seed)
{
	unsigned long i;

	for (i = page * WORDS_PER_PAGE; i < (page + 1) * WORDS_PER_PAGE; i++)
		check_word(r, i, seed);
}

/* One reference to every hot page (its first word, checked). */
static void sweep(const unsigned *hot, unsigned long pages, unsigned seed)
{
	unsigned long p;

	for (p = 0; p < pages; p++)
		check_word(hot, p * WORDS_PER_PAGE, seed);
}

int main(int argc, char **argv)
{
	unsigned long hot_pages, scan_pages, rounds, p, i, before[NR_DELTAS], after[NR_DELTAS];
	unsigned long s0[NR_DELTAS], s1[NR_DELTAS], hot_majfault = 0, hot_pswpin = 0;
	unsigned *hot, *scan, seed;
	unsigned r;

	if (argc != 5) {
		fprintf(stderr, "usage: hotset HOT_MB SCAN_MB ROUNDS SEED\n");
		return 2;
	}
	hot_pages = strtoul(argv[1], NULL, 0) << 20 >> 12;
	scan_pages = strtoul(argv[2], NULL, 0) << 20 >> 12;
	rounds = strtoul(argv[3], NULL, 0);
	seed = (unsigned)strtoul(argv[4], NULL, 0);
	hot = map_region(hot_pages);
	scan = map_region(scan_pages);
	for (i = 0; i < hot_pages * WORDS_PER_PAGE; i++)
		hot[i] = value(seed, i);
	for (p = 0; p < scan_pages; p++) {
		for (i = p * WORDS_PER_PAGE; i < (p + 1) * WORDS_PER_PAGE; i++)
			scan[i] = value(seed + 1, i);
		if (p % CHUNK == CHUNK - 1)
			sweep(hot, hot_pages, seed);
	}
	read_vmstat(before);
	for (r = 0; r < rounds; r++) {
		for (p = 0; p < scan_pages; p++) {
			check_page(scan, p, seed + 1);
			if (p % CHUNK == CHUNK - 1) {
				read_vmstat(s0);
				sweep(hot, hot_pages, seed);
				read_vmstat(s1);
				hot_majfault += s1[MAJFAULT] - s0[MAJFAULT];
				hot_pswpin += s1[PSWPIN] - s0[PSWPIN];
			}
		}
	}
	read_vmstat(after);
	printf("hotset:");
	for (i = 0; i < NR_DELTAS; i++)
		printf(" %s=%lu", deltas[i], after[i] - before[i]);
	printf(" hot_pgmajfault=%lu hot_pswpin=%lu", hot_majfault, hot_pswpin);
	printf(" nr_active_anon=%lu nr_inactive_anon=%lu\n", vmstat("nr_active_anon"),
	       vmstat("nr_inactive_anon"));
	for (p = 0; p < hot_pages; p++)
		check_page(hot, p, seed);
	for (p = 0; p < scan_pages; p++)
		check_page(scan, p, seed + 1);
	if (bad) {
		printf("FAIL hotset: %lu wrong words\n", bad);
		return 1;
	}
	printf("PASS hotset: %lu MiB hot, %lu MiB scanned %lu times, every word verified\n",
	       hot_pages >> 8, scan_pages >> 8, rounds);
	return 0;
}
