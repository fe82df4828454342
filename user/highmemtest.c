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
 *
 * Prints "PASS ..." or "FAIL ..." and exits 0 or 1. Runs on Linux too.
 */
#include <fcntl.h>
#include <signal.h>
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
	static char text[8192];
	unsigned long v = 0;

	if (read_text_file("/proc/meminfo", text, sizeof(text)) > 0)
		proc_field(text, name, &v);
	return v;
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

/* Fork sleeping children of a sparse shared mapping until the OOM killer takes one. */
static int pgtables(void)
{
	/* 8 x 256 MiB: each mapping alone passes the overcommit heuristic. */
	unsigned long len = 256 * MB, off;
	char *p[8];
	int n = 0, status, killed = 0, r;

	if (set_oom_score_adj("-500"))
		return printf("FAIL highmemtest pgtables: oom_score_adj\n"), 1;
	for (r = 0; r < 8; r++) {
		p[r] = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (p[r] == MAP_FAILED)
			return printf("FAIL highmemtest pgtables: mmap\n"), 1;
		for (off = 0; off < len; off += 4 * MB)
			p[r][off] = 1;	/* one page (and one page table) per 4 MiB */
	}
	report("mapped");
	while (n < MAX_CHILDREN && !killed) {
		pid_t pid = fork(), dead;

		if (pid == 0) {
			set_oom_score_adj("0");
			for (;;)
				pause();
		}
		if (pid < 0)
			break;
		children[n++] = pid;
		while ((dead = waitpid(-1, &status, WNOHANG)) > 0)
			killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
	}
	printf("highmemtest: %d children forked, %s\n", n,
	       killed ? "one was OOM-killed" : "no OOM kill");
	report("low memory exhausted");
	for (int i = 0; i < n; i++)
		kill(children[i], SIGKILL);
	while (wait(&status) > 0)
		;
	for (r = 0; r < 8; r++)
		munmap(p[r], len);
	printf("%s highmemtest pgtables\n", killed ? "PASS" : "FAIL");
	return !killed;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "fill"))
		return fill(atoi(argv[2]), (unsigned)strtoul(argv[3], NULL, 0));
	if (argc == 2 && !strcmp(argv[1], "pgtables"))
		return pgtables();
	fprintf(stderr, "usage: highmemtest fill N SEED | highmemtest pgtables\n");
	return 2;
}
