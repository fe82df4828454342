/*
 * highmemtest: all of RAM, HighMem included, used by user processes.
 *
 *   highmemtest fill N SEED   N processes share what /proc/meminfo calls
 *                             free (less a margin for the kernel's reserves),
 *                             fill it with seeded words, report HighFree and
 *                             LowFree while all of it is held, then verify
 *                             every word and exit
 *   highmemtest pgtables      the i386 lowmem lesson: a shared mapping with
 *                             one page every 4 MiB, and children forked until
 *                             the OOM killer takes one. Each child costs a
 *                             page table per 4 MiB (low memory) and no data
 *                             page, so low memory runs out while HighFree
 *                             stays large.
 *   highmemtest lowreclaim N  classzone reclaim: fill HighMem and most of low
 *                             memory with one region, free its HighMem part,
 *                             then fork N children as in pgtables, needing more
 *                             low memory than is free. Reclaim must swap out
 *                             the region's low pages (a GFP_KERNEL shortage is
 *                             not helped by free HighMem), with no OOM kill;
 *                             the region is then verified word by word.
 *
 * Prints "PASS ..." or "FAIL ..." and exits 0 or 1. Runs on Linux too.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <pattern.h>
#include <procfs.h>

#define MB (1UL << 20)
#define MAX_PROCS 64
#define MAX_CHILDREN 4096

static unsigned long meminfo_kb(const char *name)
{
	return proc_value("/proc/meminfo", name);
}

static void report(const char *when)
{
	printf("highmemtest: %s: MemFree %lu kB HighFree %lu kB LowFree %lu kB\n", when,
	       meminfo_kb("MemFree:"), meminfo_kb("HighFree:"), meminfo_kb("LowFree:"));
}

/* Fill bytes at p with the words of seed, tell the parent, wait, verify. */
static int fill_child(unsigned long bytes, unsigned seed, int ready_fd, int go_fd)
{
	unsigned *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long i, n = bytes / sizeof(unsigned), bad = 0;
	char c = 'r';

	if (p == MAP_FAILED) {
		printf("FAIL highmemtest fill: mmap of %lu MiB\n", bytes / MB);
		return 1;
	}
	for (i = 0; i < n; i++)
		p[i] = hash32(seed ^ (unsigned)i);
	if (write(ready_fd, &c, 1) != 1 || read(go_fd, &c, 1) != 1)
		return 1;
	for (i = 0; i < n; i++)
		bad += p[i] != hash32(seed ^ (unsigned)i);
	if (bad)
		printf("FAIL highmemtest fill: seed %u: %lu of %lu words wrong\n", seed, bad, n);
	return bad != 0;
}

static int fill(int nprocs, unsigned seed)
{
	unsigned long free_kb = meminfo_kb("MemFree:"), high_kb = meminfo_kb("HighTotal:");
	/* Leave the zones' watermarks, Normal's protection from HighMem (1/32) and page tables. */
	unsigned long margin_kb = high_kb / 32 + free_kb / 64 + 12 * 1024;
	unsigned long each = (free_kb - margin_kb) / (unsigned long)nprocs * 1024 & ~4095UL;
	int ready[2], go[2], i, failed = 0, status;
	char c;

	if (nprocs < 1 || nprocs > MAX_PROCS || free_kb < margin_kb || pipe(ready) || pipe(go))
		return printf("FAIL highmemtest fill: bad arguments or no memory\n"), 1;
	report("before");
	for (i = 0; i < nprocs; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(fill_child(each, seed + (unsigned)i, ready[1], go[0]));
		if (pid < 0)
			return printf("FAIL highmemtest fill: fork\n"), 1;
	}
	for (i = 0; i < nprocs; i++)
		if (read(ready[0], &c, 1) != 1)
			return printf("FAIL highmemtest fill: a child died while filling\n"), 1;
	printf("highmemtest: %d processes hold %lu MiB each\n", nprocs, each / MB);
	report("filled");
	for (i = 0; i < nprocs; i++)
		if (write(go[1], "g", 1) != 1)
			return 1;
	while (wait(&status) > 0)
		failed += !WIFEXITED(status) || WEXITSTATUS(status);
	report("after");
	printf("%s highmemtest fill\n", failed ? "FAIL" : "PASS");
	return failed != 0;
}

static int set_oom_score_adj(const char *adj)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);
	int ok = fd >= 0 && write(fd, adj, strlen(adj)) == (ssize_t)strlen(adj);

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static pid_t children[MAX_CHILDREN];

static unsigned long vmstat(const char *name)
{
	return proc_value("/proc/vmstat", name);
}

/* 8 sparse shared mappings of 256 MiB: a page and a page table per 4 MiB. */
static int map_sparse(char **p)
{
	unsigned long off;
	int r;

	for (r = 0; r < 8; r++) {
		p[r] =
		    mmap(NULL, 256 * MB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (p[r] == MAP_FAILED)
			return -1;
		for (off = 0; off < 256 * MB; off += 4 * MB)
			p[r][off] = 1;
	}
	return 0;
}

static void unmap_sparse(char **p)
{
	for (int r = 0; r < 8; r++)
		munmap(p[r], 256 * MB);
}

/*
 * Fork up to want sleeping children (each costs ~2 MiB of page tables and
 * rmap items, all low memory); *n says how many. Returns true if one was
 * killed (by the OOM killer: nothing else kills them).
 */
static bool fork_sleepers(int want, int *n)
{
	int status;

	for (*n = 0; *n < want;) {
		pid_t pid = fork();

		if (pid == 0) {
			set_oom_score_adj("0");
			for (;;)
				pause();
		}
		if (pid < 0)
			return false;
		children[(*n)++] = pid;
		if (waitpid(-1, &status, WNOHANG) > 0)
			return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
	}
	return false;
}

static void reap(int n)
{
	int status;

	for (int i = 0; i < n; i++)
		kill(children[i], SIGKILL);
	while (wait(&status) > 0)
		;
}

static int lowreclaim(int want)
{
	unsigned long high = meminfo_kb("HighFree:") * 1024, low = meminfo_kb("LowFree:") * 1024;
	unsigned long len = (high + low * 3 / 4) & ~(4095UL), i, n, bad = 0,
		      out0 = vmstat("pswpout");
	unsigned *w = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *sparse[8];
	bool killed;
	int got;

	if (w == MAP_FAILED)
		return printf("FAIL highmemtest lowreclaim: mmap\n"), 1;
	n = len / sizeof(unsigned);
	for (i = 0; i < n; i++)
		w[i] = hash32(0x5eed ^ (unsigned)i);
	report("region filled");
	/* The first part came from HighMem (user pages take it first): give it back. */
	munmap(w, high & ~(4095UL));
	report("HighMem part freed");
	if (map_sparse(sparse))
		return printf("FAIL highmemtest lowreclaim: sparse mmap\n"), 1;
	killed = fork_sleepers(want, &got);
	printf("highmemtest: %d of %d children forked%s, pswpout +%lu, pgskip_high %lu\n", got,
	       want, killed ? ", one OOM-killed" : "", vmstat("pswpout") - out0,
	       vmstat("pgskip_high"));
	report("children forked");
	reap(got);
	unmap_sparse(sparse);
	for (i = (high & ~(4095UL)) / sizeof(unsigned); i < n; i++)
		bad += w[i] != hash32(0x5eed ^ (unsigned)i);
	munmap(w, len);
	if (bad)
		printf("FAIL highmemtest lowreclaim: %lu words wrong\n", bad);
	printf("%s highmemtest lowreclaim\n", got == want && !killed && !bad ? "PASS" : "FAIL");
	return !(got == want && !killed && !bad);
}

/* Fork sleeping children of a sparse shared mapping until the OOM killer takes one. */
static int pgtables(void)
{
	char *sparse[8];
	int n, killed;

	if (set_oom_score_adj("-500") || map_sparse(sparse))
		return printf("FAIL highmemtest pgtables: setup\n"), 1;
	report("mapped");
	killed = fork_sleepers(MAX_CHILDREN, &n);
	printf("highmemtest: %d children forked, %s\n", n,
	       killed ? "one was OOM-killed" : "no OOM kill");
	report("low memory exhausted");
	reap(n);
	unmap_sparse(sparse);
	printf("%s highmemtest pgtables\n", killed ? "PASS" : "FAIL");
	return !killed;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "fill"))
		return fill(atoi(argv[2]), (unsigned)strtoul(argv[3], NULL, 0));
	if (argc == 2 && !strcmp(argv[1], "pgtables"))
		return pgtables();
	if (argc == 3 && !strcmp(argv[1], "lowreclaim"))
		return lowreclaim(atoi(argv[2]));
	fprintf(stderr, "usage: highmemtest fill N SEED | pgtables | lowreclaim N\n");
	return 2;
}
