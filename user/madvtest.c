/*
 * madvtest: madvise(MADV_PAGEOUT) and madvise(MADV_COLD) as a program sees
 * them (Linux 5.4's proactive reclaim advice). They are the task of
 * labs/06-madv-pageout: on the tree as shipped mm/madvise.c refuses both
 * with EINVAL, so the checks below fail until the lab is done.
 *
 *   madvtest [CHECK]...      run the named checks (all by default; pageout,
 *                            shared and holes need a swap disk)
 *
 * pageout  4 MiB of seeded data, then MADV_PAGEOUT on it with no memory
 *          pressure: every page goes to swap now (pswpout grows by the
 *          range's pages, each PTE holds a swap entry: tidemark_pageinfo),
 *          VmSwap grows by 4 MiB and VmRSS falls by as much; after
 *          /bin/memhog has pushed RAM through swap, reading the range back
 *          comes from the disk (pswpin) and every word is right
 * shared   pages mapped by two processes (after fork) are left alone: the
 *          child's MADV_PAGEOUT swaps nothing out (Linux skips a page whose
 *          mapcount is not 1); once the child has exited, the parent's does
 * locked   an mlocked range is refused with EINVAL (Linux's
 *          can_madv_lru_vma) and stays in memory
 * holes    a range with an unmapped page in it: the mapped pages are paged
 *          out, then ENOMEM, as for every advice
 * cold     MADV_COLD on 1 MiB: no page is written to swap or unmapped, and
 *          every one loses its accessed bit, PG_referenced and PG_active,
 *          so reclaim takes it first
 *
 * The lab's test runs it under leakcheck with a swap disk, so every page
 * and swap slot must come back when it exits.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <pattern.h>
#include <procfs.h>
#include <selftest.h>
#include <tidemark.h>

#define PAGE 4096UL
#define MB (1UL << 20)
#define PTE_ACCESSED 0x020 /* the i386 PTE's accessed bit (_PAGE_ACCESSED) */

static unsigned long vmstat(const char *name)
{
	return proc_value("/proc/vmstat", name);
}

static unsigned long status_kb(const char *name)
{
	return proc_value("/proc/self/status", name);
}

static unsigned *map(unsigned long len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* How many pages of [p, p + len) have a PTE holding a swap entry (no faults taken). */
static unsigned long nr_swapped(const void *p, unsigned long len)
{
	struct tidemark_pageinfo pi;
	unsigned long n = 0;

	for (unsigned long off = 0; off < len; off += PAGE)
		n += !tidemark_pageinfo((const char *)p + off, &pi) &&
		     pi.state == TIDEMARK_PAGE_SWAPPED;
	return n;
}

/* Run /bin/memhog MiB in a child and wait: RAM goes through swap, the swap cache with it. */
static int memhog(const char *mib)
{
	char *argv[] = { "memhog", (char *)mib, NULL };
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		execv("/bin/memhog", argv);
		_exit(127);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

static void test_pageout(void)
{
	const unsigned long len = 4 * MB, pages = len / PAGE;
	unsigned *p = map(len);
	unsigned long out, swapped, vmswap, rss, in;
	long bad;

	CHECK(p, "mmap of 4 MiB: %s", strerror(errno));
	pattern_fill(p, len, 61);
	out = vmstat("pswpout"), vmswap = status_kb("VmSwap:"), rss = status_kb("VmRSS:");
	CHECK(madvise(p, len, MADV_PAGEOUT) == 0, "madvise(MADV_PAGEOUT): %s", strerror(errno));
	out = vmstat("pswpout") - out;
	vmswap = status_kb("VmSwap:") - vmswap;
	rss -= status_kb("VmRSS:");
	swapped = nr_swapped(p, len);
	printf("madvtest: pageout of %lu pages: pswpout +%lu, %lu PTEs hold a swap entry, "
	       "VmSwap +%lu kB, VmRSS -%lu kB\n",
	       pages, out, swapped, vmswap, rss);
	CHECK(out == pages && swapped == pages, "not every page went to swap");
	CHECK(vmswap == len / 1024 && rss + 64 >= len / 1024, "VmSwap or VmRSS did not follow");
	CHECK(memhog("40"), "/bin/memhog 40 failed");
	in = vmstat("pswpin");
	bad = pattern_verify(p, len, 61);
	in = vmstat("pswpin") - in;
	printf("madvtest: read back: pswpin +%lu\n", in);
	CHECK(bad < 0, "word %ld read back wrong", bad);
	CHECK(in >= pages / 2, "the range did not come back from the disk");
	munmap(p, len);
}

/* The child of test_shared: MADV_PAGEOUT on pages its parent maps too. Exit status 0 if none went.
 */
static int pageout_shared_child(unsigned *p, unsigned long len)
{
	unsigned long out = vmstat("pswpout"), swapped;

	if (madvise(p, len, MADV_PAGEOUT)) {
		printf("madvtest: child: madvise(MADV_PAGEOUT): %s\n", strerror(errno));
		return 1;
	}
	out = vmstat("pswpout") - out;
	swapped = nr_swapped(p, len);
	printf("madvtest: child's pageout of shared pages: pswpout +%lu, %lu PTEs swapped\n", out,
	       swapped);
	return out != 0 || swapped != 0;
}

static void test_shared(void)
{
	const unsigned long len = MB, pages = len / PAGE;
	unsigned *p = map(len);
	unsigned long out;
	int status;
	pid_t pid;

	CHECK(p, "mmap of 1 MiB: %s", strerror(errno));
	pattern_fill(p, len, 62);
	pid = fork();
	if (pid == 0)
		_exit(pageout_shared_child(p, len));
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid, "fork or wait failed");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child's MADV_PAGEOUT failed or paged shared pages out");
	out = vmstat("pswpout");
	CHECK(madvise(p, len, MADV_PAGEOUT) == 0, "madvise(MADV_PAGEOUT): %s", strerror(errno));
	out = vmstat("pswpout") - out;
	printf("madvtest: parent's pageout after the child exited: pswpout +%lu\n", out);
	CHECK(out == pages && nr_swapped(p, len) == pages, "the parent's pages stayed");
	CHECK(pattern_verify(p, len, 62) < 0, "read back wrong");
	munmap(p, len);
}

static void test_locked(void)
{
	const unsigned long len = 64 * PAGE;
	unsigned *p = map(len);
	unsigned long out;

	CHECK(p, "mmap: %s", strerror(errno));
	pattern_fill(p, len, 63);
	CHECK(mlock(p, len) == 0, "mlock: %s", strerror(errno));
	out = vmstat("pswpout");
	CHECK(madvise(p, len, MADV_PAGEOUT) == -1 && errno == EINVAL,
	      "MADV_PAGEOUT of locked pages did not fail with EINVAL");
	CHECK(vmstat("pswpout") == out && nr_swapped(p, len) == 0, "locked pages went to swap");
	CHECK(pattern_verify(p, len, 63) < 0, "read back wrong");
	munmap(p, len);
}

static void test_holes(void)
{
	unsigned *p = map(3 * PAGE);
	unsigned long out;

	CHECK(p, "mmap: %s", strerror(errno));
	pattern_fill(p, 3 * PAGE, 64);
	munmap((char *)p + PAGE, PAGE);
	out = vmstat("pswpout");
	CHECK(madvise(p, 3 * PAGE, MADV_PAGEOUT) == -1 && errno == ENOMEM,
	      "a range with a hole did not end in ENOMEM");
	out = vmstat("pswpout") - out;
	CHECK(out == 2 && nr_swapped(p, PAGE) == 1 && nr_swapped((char *)p + 2 * PAGE, PAGE) == 1,
	      "the mapped pages around the hole were not paged out (pswpout +%lu)", out);
	CHECK(pattern_verify(p, PAGE, 64) < 0, "first page read back wrong");
	munmap(p, 3 * PAGE);
}

/* The pages of [p, p + len) that are present, and of those the ones still young or active. */
static void cold_state(const void *p, unsigned long len, unsigned long *present,
		       unsigned long *warm)
{
	const unsigned long long warm_flags = (1ULL << KPF_REFERENCED) | (1ULL << KPF_ACTIVE);
	struct tidemark_pageinfo pi;

	*present = *warm = 0;
	for (unsigned long off = 0; off < len; off += PAGE) {
		if (tidemark_pageinfo((const char *)p + off, &pi) ||
		    pi.state != TIDEMARK_PAGE_PRESENT)
			continue;
		(*present)++;
		*warm += (pi.pte & PTE_ACCESSED) || (pi.kpageflags & warm_flags);
	}
}

static void test_cold(void)
{
	const unsigned long len = MB, pages = len / PAGE;
	unsigned *p = map(len);
	unsigned long out, present, warm;

	CHECK(p, "mmap of 1 MiB: %s", strerror(errno));
	pattern_fill(p, len, 65);
	cold_state(p, len, &present, &warm);
	CHECK(present == pages && warm == pages, "after the fill %lu of %lu pages young", warm,
	      pages);
	out = vmstat("pswpout");
	CHECK(madvise(p, len, MADV_COLD) == 0, "madvise(MADV_COLD): %s", strerror(errno));
	out = vmstat("pswpout") - out;
	cold_state(p, len, &present, &warm);
	printf(
	    "madvtest: cold: %lu of %lu pages present, %lu still young or active, pswpout +%lu\n",
	    present, pages, warm, out);
	CHECK(present == pages && out == 0, "MADV_COLD took pages out of memory");
	CHECK(warm == 0, "MADV_COLD left pages young, referenced or active");
	CHECK(pattern_verify(p, len, 65) < 0, "read back wrong");
	munmap(p, len);
}

static const struct selftest tests[] = {
	{ "pageout", test_pageout }, { "shared", test_shared }, { "locked", test_locked },
	{ "holes", test_holes },     { "cold", test_cold },
};

SELFTEST_MAIN(tests, "madvtest")
