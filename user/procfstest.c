/*
 * procfstest: /proc and /proc/sys checked from user space, run as init in
 * a system test. `procfstest NAME...` runs the named checks (or all),
 * prints "PASS name" or "FAIL name: why" and exits with the failure count.
 *
 *   demand_zero   mmap of 64 MiB adds no RSS and takes no free memory; each
 *                 first write adds exactly 4 kB to VmRSS and takes 4 kB of
 *                 MemFree (plus page tables, seen in VmPTE)
 *   cow           after fork, a write by the child copies exactly one page
 *                 per written page (MemFree) and the parent still sees its data
 *   sysctl_ranges every vm knob refuses out-of-range text with EINVAL and
 *                 keeps its value; good values stick; read-only files EACCES
 *   watermarks    min_free_kbytes and watermark_scale_factor move
 *                 /proc/zoneinfo's min/low/high
 *   oom_files     oom_score from the 6.x formula, oom_score_adj range,
 *                 oom_adj's legacy scaling both ways, pid 1 scores 0
 *   self_files    /proc/self is the caller; cmdline, maps ([stack], [heap],
 *                 the executable's path) and stat agree with the process
 *   fork_chain    a 100-deep chain of forks leaves MemFree where it started
 */
#include <errno.h>
#include <fcntl.h>
#include <procfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <selftest.h>
#include <unistd.h>

static char text[16384];
static char *prog_argv0;

static unsigned long rss_kb(void)
{
	return proc_value("/proc/self/status", "VmRSS:");
}

static unsigned long free_kb(void)
{
	return proc_value("/proc/meminfo", "MemFree:");
}

/* The whole text of path as one integer (sysctl and oom files). */
static long read_long(const char *path)
{
	if (read_text_file(path, text, sizeof(text)) <= 0)
		return -999999;
	return strtol(text, NULL, 10);
}

/* Write s to path: 0 or the errno. */
static int write_errno(const char *path, const char *s)
{
	return write_text_file(path, s) ? errno : 0;
}

static void test_demand_zero(void)
{
	unsigned long rss0, free0, pte0, rss1, free1, i;
	char *mem;

	proc_value("/proc/vmstat",
		   "pgfault"); /* fault proc_value's buffer in first: the longest file */
	rss0 = rss_kb();
	free0 = free_kb();
	mem = mmap(NULL, 64 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(mem != MAP_FAILED, "mmap 64 MiB: errno %d", errno);
	CHECK(rss_kb() == rss0, "VmRSS moved by mmap alone: %lu -> %lu", rss0, rss_kb());
	CHECK(free_kb() == free0, "MemFree moved by mmap alone: %lu -> %lu", free0, free_kb());
	pte0 = proc_value("/proc/self/status", "VmPTE:");
	for (i = 0; i < 8; i++) {
		unsigned long before = rss_kb();

		mem[i * 4096 + 100] = 1;
		CHECK(rss_kb() == before + 4, "touch %lu: VmRSS %lu -> %lu", i, before, rss_kb());
		mem[i * 4096 + 200] = 2; /* second touch of the same page */
		CHECK(rss_kb() == before + 4, "retouch %lu: VmRSS %lu -> %lu", i, before, rss_kb());
	}
	CHECK(proc_value("/proc/self/status", "VmPTE:") == pte0 + 4, "VmPTE %lu -> %lu", pte0,
	      proc_value("/proc/self/status", "VmPTE:"));
	CHECK(mem[8 * 4096] == 0 && mem[100 * 4096 + 5] == 0, "untouched pages read as zero");
	rss1 = rss_kb();
	free1 = free_kb();
	for (i = 200; i < 456; i++) /* 256 new pages, page table already there */
		mem[i * 4096] = 3;
	CHECK(rss_kb() - rss1 == 1024, "256 first writes: VmRSS +%lu kB, wanted 1024",
	      rss_kb() - rss1);
	CHECK(free1 - free_kb() >= 1024 && free1 - free_kb() <= 1024 + 16,
	      "256 first writes: MemFree -%lu kB, wanted 1024 (+ slack 16)", free1 - free_kb());
	munmap(mem, 64 << 20);
	CHECK(rss_kb() == rss0, "after munmap VmRSS %lu, before mmap %lu", rss_kb(), rss0);
}

static void test_cow(void)
{
	int fds[2], status;
	char *mem =
	    mmap(NULL, 64 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long report[3];
	pid_t pid;
	int i;

	CHECK(mem != MAP_FAILED, "mmap errno %d", errno);
	for (i = 0; i < 64; i++)
		mem[i * 4096] = 'p';
	CHECK(pipe(fds) == 0, "pipe errno %d", errno);
	pid = fork();
	if (pid == 0) {
		unsigned long free0 = free_kb(), rss0 = rss_kb();

		for (i = 0; i < 16; i++)
			mem[i * 4096] = 'c';
		report[0] = (long)(free0 - free_kb());
		report[1] = (long)(rss_kb() - rss0);
		report[2] = mem[0] == 'c' && mem[20 * 4096] == 'p';
		write(fds[1], report, sizeof(report));
		_exit(0);
	}
	CHECK(pid > 0, "fork errno %d", errno);
	CHECK(read(fds[0], report, sizeof(report)) == sizeof(report), "read report");
	waitpid(pid, &status, 0);
	close(fds[0]);
	close(fds[1]);
	CHECK(report[2], "child sees its write and the shared data");
	CHECK(report[0] >= 64 && report[0] <= 64 + 8,
	      "16 COW writes took %ld kB of MemFree, wanted 64 (+ slack 8)", report[0]);
	CHECK(report[1] == 0, "child's VmRSS moved by %ld kB on COW (pages were already counted)",
	      report[1]);
	for (i = 0; i < 64; i++)
		CHECK(mem[i * 4096] == 'p', "parent page %d changed to %c", i, mem[i * 4096]);
	munmap(mem, 64 * 4096);
}

struct knob_case {
	const char *knob, *bad, *good;
};

static void test_sysctl_ranges(void)
{
	static const struct knob_case cases[] = {
		{ "swappiness", "201", "10" },
		{ "swappiness", "-1", "0" },
		{ "swappiness", "abc", "200" },
		{ "swappiness", "6 0", "60" },
		{ "overcommit_memory", "3", "1" },
		{ "overcommit_memory", "-1", "0" },
		{ "overcommit_ratio", "-1", "80" },
		{ "page-cluster", "32", "0" },
		{ "page-cluster", "-1", "3" },
		{ "panic_on_oom", "3", "0" },
		{ "watermark_scale_factor", "0", "10" },
		{ "watermark_scale_factor", "3001", "10" },
		{ "min_free_kbytes", "-5", NULL },
		{ "min_free_kbytes", "12x", NULL },
		{ "oom_kill_allocating_task", "1 2", "0" },
		{ "lowmem_reserve_ratio", "256 x", NULL },
		/* past int: Linux's proc_dointvec answers EINVAL, never a wrapped value */
		{ "swappiness", "4294967296", "60" },
		{ "overcommit_ratio", "4294967346", "50" },
		{ "oom_kill_allocating_task", "2147483648", "0" },
		{ "oom_kill_allocating_task", "-2147483649", "0" },
		{ "min_free_kbytes", "99999999999999999999", NULL },
		{ "min_free_kbytes", "4294967296", NULL },
		/* more than a quarter of low memory would starve the system (see vm_table) */
		{ "min_free_kbytes", "1048576", NULL },
		{ "lowmem_reserve_ratio", "256 4294967328", NULL },
		{ "dirty_bytes", "4294967296", NULL },
		{ "dirty_background_bytes", "99999999999999999999", NULL },
	};
	char path[96];
	unsigned i;
	int fd;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long before;
		int err;

		snprintf(path, sizeof(path), "/proc/sys/vm/%s", cases[i].knob);
		before = read_long(path);
		err = write_errno(path, cases[i].bad);
		CHECK(err == EINVAL, "%s <- '%s': errno %d, wanted EINVAL", cases[i].knob,
		      cases[i].bad, err);
		CHECK(read_long(path) == before, "%s changed to %ld by a refused write",
		      cases[i].knob, read_long(path));
		if (!cases[i].good)
			continue;
		err = write_errno(path, cases[i].good);
		CHECK(!err, "%s <- %s: errno %d", cases[i].knob, cases[i].good, err);
		CHECK(read_long(path) == atol(cases[i].good), "%s reads %ld after writing %s",
		      cases[i].knob, read_long(path), cases[i].good);
	}
	CHECK(write_errno("/proc/sys/vm/drop_caches", "0") == EINVAL, "drop_caches 0");
	CHECK(write_errno("/proc/sys/vm/drop_caches", "5") == EINVAL, "drop_caches 5");
	CHECK(write_errno("/proc/sys/vm/drop_caches", "3") == 0, "drop_caches 3");
	fd = open("/proc/sys/vm/drop_caches", O_RDONLY);
	CHECK(fd < 0 && errno == EACCES, "read of write-only drop_caches: fd %d errno %d", fd,
	      errno);
	fd = open("/proc/meminfo", O_WRONLY);
	CHECK(fd < 0 && errno == EACCES, "meminfo opened for writing: fd %d errno %d", fd, errno);
	fd = open("/proc/self/oom_score", O_WRONLY);
	CHECK(fd < 0 && errno == EACCES, "oom_score opened for writing: fd %d errno %d", fd, errno);
	CHECK(write_errno("/proc/sys/vm/swappiness", "\n") == 0 &&
		  read_long("/proc/sys/vm/swappiness") == 60,
	      "a blank write is accepted and changes nothing");
	CHECK(write_errno("/proc/sys/vm/lowmem_reserve_ratio", "256 32 0 0\n") == 0,
	      "lowmem_reserve_ratio rewrite");
}

/* The "min" line of the first zone in /proc/zoneinfo (DMA). */
static long zone_min(void)
{
	char *p;

	if (read_text_file("/proc/zoneinfo", text, sizeof(text)) <= 0 ||
	    !(p = strstr(text, "\n        min ")))
		return -1;
	return strtol(p + 14, NULL, 10);
}

static void test_watermarks(void)
{
	long kb = read_long("/proc/sys/vm/min_free_kbytes"), min0 = zone_min();
	char buf[32];

	CHECK(kb > 0 && min0 > 0, "min_free_kbytes %ld, DMA min %ld", kb, min0);
	snprintf(buf, sizeof(buf), "%ld", kb * 2);
	CHECK(write_errno("/proc/sys/vm/min_free_kbytes", buf) == 0, "min_free_kbytes x2");
	CHECK(zone_min() > min0 + min0 / 2, "DMA min %ld -> %ld after doubling min_free_kbytes",
	      min0, zone_min());
	snprintf(buf, sizeof(buf), "%ld", kb);
	CHECK(write_errno("/proc/sys/vm/min_free_kbytes", buf) == 0, "min_free_kbytes back");
	CHECK(zone_min() == min0, "DMA min %ld, wanted %ld back", zone_min(), min0);
}

static void test_oom_files(void)
{
	unsigned long total = proc_value("/proc/meminfo", "MemTotal:") / 4;
	unsigned long swap = proc_value("/proc/meminfo", "SwapTotal:") / 4;
	int fds[2], status;
	long got[8];
	pid_t pid;

	CHECK(read_long("/proc/1/oom_score") == 0, "pid 1 oom_score %ld",
	      read_long("/proc/1/oom_score"));
	CHECK(pipe(fds) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		unsigned long rss, pte;
		long badness;

		got[0] = read_long("/proc/self/oom_score");
		rss = proc_value("/proc/self/status", "VmRSS:") / 4;
		pte = proc_value("/proc/self/status", "VmPTE:") / 4;
		badness = (long)(rss + pte);
		got[1] = (1000 + badness * 1000 / (long)(total + swap)) * 2 / 3;
		got[2] = write_errno("/proc/self/oom_score_adj", "1001");
		got[3] = write_errno("/proc/self/oom_score_adj", "500")
			     ? -1
			     : read_long("/proc/self/oom_adj");
		got[4] = write_errno("/proc/self/oom_adj", "15")
			     ? -1
			     : read_long("/proc/self/oom_score_adj");
		got[5] = write_errno("/proc/self/oom_adj", "-16")
			     ? -1
			     : read_long("/proc/self/oom_score_adj");
		got[6] = write_errno("/proc/self/oom_adj", "-17")
			     ? -1
			     : read_long("/proc/self/oom_score");
		got[7] = write_errno("/proc/self/oom_adj", "-18");
		write(fds[1], got, sizeof(got));
		_exit(0);
	}
	CHECK(read(fds[0], got, sizeof(got)) == sizeof(got), "read report");
	waitpid(pid, &status, 0);
	close(fds[0]);
	close(fds[1]);
	CHECK(got[0] >= 666 && labs(got[0] - got[1]) <= 1, "oom_score %ld, formula gives %ld",
	      got[0], got[1]);
	CHECK(got[2] == EINVAL, "oom_score_adj 1001: errno %ld", got[2]);
	CHECK(got[3] == 8, "oom_adj for adj 500 reads %ld, wanted 8", got[3]);
	CHECK(got[4] == 1000, "oom_adj 15 gave adj %ld", got[4]);
	CHECK(got[5] == -941, "oom_adj -16 gave adj %ld", got[5]);
	CHECK(got[6] == 0, "oom_adj -17 (adj -1000) gives oom_score %ld", got[6]);
	CHECK(got[7] == EINVAL, "oom_adj -18: errno %ld", got[7]);
}

/* A process at depth d forks the next and waits; 0 if every level exited 0. */
static int fork_chain(int depth)
{
	int status;
	pid_t pid;

	if (!depth)
		return 0;
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0)
		_exit(fork_chain(depth - 1));
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 1;
	return WEXITSTATUS(status);
}

static void test_fork_chain(void)
{
	unsigned long free0, free1;

	fork_chain(3); /* warm the slab caches fork and exit use */
	free0 = free_kb();
	CHECK(fork_chain(100) == 0, "a level of the 100-deep chain failed");
	free1 = free_kb();
	CHECK(free1 == free0, "MemFree %lu kB before a 100-deep fork chain, %lu kB after", free0,
	      free1);
}

static void test_self_files(void)
{
	char want[64], *heap;
	ssize_t n;

	n = read_text_file("/proc/self/stat", text, sizeof(text));
	snprintf(want, sizeof(want), "%d (procfstest) R %d ", getpid(), getppid());
	CHECK(n > 0 && !strncmp(text, want, strlen(want)), "stat starts '%.40s', wanted '%s'", text,
	      want);
	n = read_text_file("/proc/self/cmdline", text, sizeof(text));
	CHECK(n == (ssize_t)strlen(prog_argv0) + 1 && !strcmp(text, prog_argv0),
	      "cmdline '%s' (%ld bytes), argv[0] '%s'", text, (long)n, prog_argv0);
	heap = sbrk(8192);
	CHECK(heap != (void *)-1, "sbrk");
	heap[0] = 1;
	read_text_file("/proc/self/maps", text, sizeof(text));
	CHECK(strstr(text, "[stack]\n"), "no [stack] line in\n%s", text);
	CHECK(strstr(text, "[heap]\n"), "no [heap] line in\n%s", text);
	CHECK(strstr(text, "r-xp") && strstr(text, "/bin/procfstest\n"),
	      "no text segment of "
	      "/bin/procfstest in\n%s",
	      text);
	sbrk(-8192);
}

static const struct selftest tests[] = {
	{ "demand_zero", test_demand_zero },	 { "cow", test_cow },
	{ "sysctl_ranges", test_sysctl_ranges }, { "watermarks", test_watermarks },
	{ "oom_files", test_oom_files },	 { "self_files", test_self_files },
	{ "fork_chain", test_fork_chain },
};

int main(int argc, char **argv)
{
	prog_argv0 = argv[0];
	return selftest_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv, "procfstest");
}
