/*
 * memhog: map N MiB of anonymous memory, touch every page, and optionally
 * fill it with a seeded pattern and verify it afterwards (the pages may
 * have gone to swap and back in between).
 *
 *   memhog [-k] [-s SEED] [-r ROUNDS] MiB
 *
 * Progress goes to stdout every 4 MiB ("memhog: 8/64 MiB touched"), then
 * VmRSS from /proc/self/status, then "memhog: verified N MiB" or
 * "memhog: mismatch at ADDR" (exit status 1). A failed mmap exits with 2.
 *
 * -k keeps the memory after the last round instead of exiting, so it can
 * be watched where it went (in swap: /proc/swaps, swapoff bringing it
 * back); SIGUSR1 verifies the pattern again and prints VmRSS, SIGTERM
 * (kill's default) ends it:
 *
 *   # memhog -k -s 7 100 &
 *   # swapoff /dev/sda; kill -USR1 $!; kill $!
 */
#include <procfs.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

/* The word stored at word index i of the pattern for seed (a cheap mix). */
static unsigned long pattern(unsigned long seed, unsigned long i)
{
	unsigned long x = (i + 1) * 2654435761UL ^ seed;

	return x ^ (x >> 13);
}

static void print_rss(void)
{
	static char text[4096];
	unsigned long rss = 0;

	if (read_text_file("/proc/self/status", text, sizeof(text)) > 0 &&
	    !proc_field(text, "VmRSS:", &rss))
		printf("memhog: VmRSS %lu kB\n", rss);
}

static unsigned long touch(unsigned long *mem, unsigned long mib, int seeded, unsigned long seed)
{
	unsigned long pages = mib * 256, p, w;

	for (p = 0; p < pages; p++) {
		unsigned long *page = mem + p * (PAGE / sizeof(long));

		if (seeded)
			for (w = 0; w < PAGE / sizeof(long); w++)
				page[w] = pattern(seed, p * (PAGE / sizeof(long)) + w);
		else
			page[0] = p;
		if ((p + 1) % 1024 == 0 || p + 1 == pages)
			printf("memhog: %lu/%lu MiB touched\n", (p + 1) / 256, mib);
	}
	return pages;
}

static int verify(unsigned long *mem, unsigned long mib, unsigned long seed)
{
	unsigned long words = mib * 256 * (PAGE / sizeof(long)), i;

	for (i = 0; i < words; i++)
		if (mem[i] != pattern(seed, i)) {
			printf("memhog: mismatch at %p\n", (void *)&mem[i]);
			return 1;
		}
	printf("memhog: verified %lu MiB\n", mib);
	return 0;
}

static volatile int reverify;

static void on_sigusr1(int sig)
{
	(void)sig;
	reverify = 1;
}

/* -k: hold the memory until killed; verify it again at each SIGUSR1. */
static void keep(unsigned long *mem, unsigned long mib, int seeded, unsigned long seed)
{
	signal(SIGUSR1, on_sigusr1);
	printf("memhog: keeping %lu MiB; kill -USR1 %d verifies it, kill %d frees it\n", mib,
	       getpid(), getpid());
	for (;;) {
		pause();
		if (!reverify)
			continue;
		reverify = 0;
		if (seeded)
			verify(mem, mib, seed);
		print_rss();
	}
}

int main(int argc, char **argv)
{
	unsigned long mib = 0, seed = 0, rounds = 1, r;
	int seeded = 0, i, bad = 0, keep_it = 0;
	unsigned long *mem;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-k")) {
			keep_it = 1;
		} else if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			seed = strtoul(argv[++i], NULL, 0);
			seeded = 1;
		} else if (!strcmp(argv[i], "-r") && i + 1 < argc) {
			rounds = strtoul(argv[++i], NULL, 0);
		} else {
			mib = strtoul(argv[i], NULL, 0);
		}
	}
	if (!mib) {
		fprintf(stderr, "Usage: memhog [-k] [-s SEED] [-r ROUNDS] MiB\n");
		return 1;
	}
	mem = mmap(NULL, mib << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		perror("memhog: mmap");
		return 2;
	}
	for (r = 0; r < rounds; r++) {
		touch(mem, mib, seeded, seed + r);
		print_rss();
		if (seeded)
			bad |= verify(mem, mib, seed + r);
	}
	if (keep_it)
		keep(mem, mib, seeded, seed + rounds - 1);
	munmap(mem, mib << 20);
	return bad;
}
