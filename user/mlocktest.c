/*
 * mlocktest: locked memory as a program sees it (mm/mlock.c).
 *
 *   mlocktest [CHECK]...      run the named checks (all by default;
 *                             resident needs a swap disk, file an ext2
 *                             disk on /mnt)
 *
 * resident   an mlocked region of seeded data stays in RAM while a child
 *            pushes 1.5x RAM through swap: no PTE of it holds a swap
 *            entry (tidemark_pageinfo), every page is mlocked and
 *            unevictable, reading it back faults on no page, and VmLck,
 *            Mlocked and Unevictable say so; after munlock, the next
 *            push sends it to swap, and it reads back right, word for word
 * limits     RLIMIT_MEMLOCK (8 MiB by default): with CAP_IPC_LOCK root
 *            is not limited; without it (dropped with capset) a lock
 *            past the limit is ENOMEM, a MAP_LOCKED or MCL_FUTURE mmap
 *            EAGAIN, and a limit of 0 EPERM, as Linux; raising a hard
 *            limit takes CAP_SYS_RESOURCE
 * errors     EINVAL and ENOMEM for bad flags, holes and PROT_NONE
 * onfault    mlock2(MLOCK_ONFAULT) locks only the pages touched
 * mlockall   MCL_CURRENT populates everything; MCL_FUTURE locks later
 *            mmaps and brk; MCL_ONFAULT with it leaves them to their faults
 * vmas       a lock splits an area and an unlock merges it back
 * fork       a child inherits no locks; munmap and exit unlock
 * exec       exec drops every lock and MCL_FUTURE
 * file       a shared mapping of a file on /mnt (ext2) locks its
 *            page-cache pages; a child's unlocked mapping does not keep
 *            them locked after the parent's munmap
 *
 * The system tests run it as init (tests/system/test_mlock.py), under
 * leakcheck, so every page and swap slot must come back.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <pattern.h>
#include <procfs.h>
#include <selftest.h>
#include <syscall.h>
#include <tidemark.h>

#define PAGE 4096UL
#define MB (1UL << 20)
#define CAP_IPC_LOCK 14
#define CAP_SYS_RESOURCE 24

static char text[8192];

static unsigned long field(const char *path, const char *name)
{
	unsigned long v = ~0UL;

	if (read_text_file(path, text, sizeof(text)) < 0 || proc_field(text, name, &v) < 0)
		printf("mlocktest: no %s in %s\n", name, path);
	return v;
}

static unsigned long status_kb(const char *name)
{
	return field("/proc/self/status", name);
}

static unsigned long vmstat(const char *name)
{
	return field("/proc/vmstat", name);
}

static unsigned long faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (unsigned long)(ru.ru_minflt + ru.ru_majflt);
}

static void *map(unsigned long len, int flags)
{
	void *p =
	    mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/*
 * Walk the region's PTEs with tidemark_pageinfo (no faults): how many
 * hold a swap entry, and how many map a page that is PG_mlocked on the
 * unevictable list (Linux's kpageflags MLOCKED and UNEVICTABLE bits).
 */
static void scan_ptes(const char *p, unsigned long len, unsigned long *swapped,
		      unsigned long *locked)
{
	const unsigned long long want = (1ULL << KPF_MLOCKED) | (1ULL << KPF_UNEVICTABLE);
	struct tidemark_pageinfo pi;

	*swapped = *locked = 0;
	for (unsigned long off = 0; off < len; off += PAGE) {
		if (tidemark_pageinfo(p + off, &pi))
			continue;
		*swapped += pi.state == TIDEMARK_PAGE_SWAPPED;
		*locked += pi.state == TIDEMARK_PAGE_PRESENT && (pi.kpageflags & want) == want;
	}
}

/*
 * verify, counting the page faults it took in *nr. Called once on a few
 * words first, so that the code and stack it runs on are back in memory
 * (they may have gone to swap) and only the region's own faults count.
 */
static __attribute__((noinline)) long verify_counting_faults(const unsigned *p, unsigned long len,
							     unsigned seed, unsigned long *nr)
{
	unsigned long f0 = faults();
	long bad = pattern_verify(p, len, seed);

	*nr = faults() - f0;
	return bad;
}

/* A child that writes mb MiB (pushing everything evictable out to swap) and exits. */
static void hog(unsigned long mb, void *unmap, unsigned long unmap_len)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		char *p;

		munmap(unmap, unmap_len); /* its copy of the region: only the parent's stays */
		p = map(mb * MB, 0);
		if (!p)
			_exit(1);
		for (unsigned long i = 0; i < mb * MB; i += PAGE)
			p[i] = (char)i;
		_exit(0);
	}
	waitpid(pid, &status, 0);
}

static void test_resident(void)
{
	const unsigned long len = 8 * MB, pages = len / PAGE;
	unsigned long mlocked0 = vmstat("unevictable_pgs_mlocked");
	unsigned long munlocked0 = vmstat("unevictable_pgs_munlocked");
	unsigned long unevictable0 = field("/proc/meminfo", "Unevictable:");
	unsigned long pswpout0, nr_faults, swap_kb, swapped, locked;
	unsigned *p = map(len, 0);
	long bad;

	CHECK(p, "mmap: %s", strerror(errno));
	pattern_fill(p, len, 17);
	CHECK(mlock(p, len) == 0, "mlock: %s", strerror(errno));
	CHECK(status_kb("VmLck:") == len / 1024, "VmLck %lu kB", status_kb("VmLck:"));
	CHECK(field("/proc/meminfo", "Mlocked:") >= len / 1024, "Mlocked %lu kB",
	      field("/proc/meminfo", "Mlocked:"));
	CHECK(field("/proc/meminfo", "Unevictable:") - unevictable0 == len / 1024,
	      "Unevictable grew by %lu kB", field("/proc/meminfo", "Unevictable:") - unevictable0);
	CHECK(vmstat("nr_mlock") >= pages, "nr_mlock %lu", vmstat("nr_mlock"));
	CHECK(vmstat("unevictable_pgs_mlocked") - mlocked0 == pages, "mlocked %lu",
	      vmstat("unevictable_pgs_mlocked") - mlocked0);

	pswpout0 = vmstat("pswpout");
	hog(48, p, len);
	CHECK(vmstat("pswpout") - pswpout0 > 4096, "only %lu pages went to swap",
	      vmstat("pswpout") - pswpout0);
	scan_ptes((char *)p, len, &swapped, &locked);
	CHECK(swapped == 0 && locked == pages,
	      "after swapping: %lu PTEs hold swap entries, %lu of %lu pages mlocked, unevictable",
	      swapped, locked, pages);
	/* its code and stack back, if they went out */
	verify_counting_faults(p, 4, 17, &nr_faults);
	bad = verify_counting_faults(p, len, 17, &nr_faults);
	CHECK(bad < 0, "word %ld of the locked region is wrong", bad);
	CHECK(nr_faults == 0, "reading the locked region faulted %lu times: it was not resident",
	      nr_faults);
	CHECK(status_kb("VmLck:") == len / 1024, "VmLck %lu kB after", status_kb("VmLck:"));

	CHECK(munlock(p, len) == 0, "munlock: %s", strerror(errno));
	CHECK(status_kb("VmLck:") == 0, "VmLck %lu kB after munlock", status_kb("VmLck:"));
	CHECK(field("/proc/meminfo", "Unevictable:") == unevictable0, "Unevictable %lu kB",
	      field("/proc/meminfo", "Unevictable:"));
	CHECK(vmstat("unevictable_pgs_munlocked") - munlocked0 == pages, "munlocked %lu",
	      vmstat("unevictable_pgs_munlocked") - munlocked0);
	scan_ptes((char *)p, len, &swapped, &locked);
	CHECK(locked == 0, "munlock left %lu pages mlocked", locked);
	hog(48, p, len);
	scan_ptes((char *)p, len, &swapped, &locked);
	CHECK(swapped >= pages / 2, "after munlock only %lu of %lu pages went to swap", swapped,
	      pages);
	swap_kb = status_kb("VmSwap:");
	CHECK(swap_kb >= len / 1024 / 2, "after munlock only %lu kB of ours went to swap", swap_kb);
	bad = pattern_verify(p, len, 17);
	CHECK(bad < 0, "word %ld of the unlocked region is wrong after swap", bad);
	printf("mlocktest: locked region resident (%lu faults), unlocked one swapped (VmSwap %lu "
	       "kB)\n",
	       nr_faults, swap_kb);
	munmap(p, len);
}

struct cap_header {
	unsigned version;
	int pid;
};
struct cap_data {
	unsigned effective, permitted, inheritable;
};

/* Raise or drop capability cap in the effective set (libcap's cap_set_proc); 0 or -errno. */
static long set_cap(int cap, int on)
{
	struct cap_header h = { 0x20080522, 0 };
	struct cap_data d[2];
	long r = syscall2(__NR_capget, &h, d);

	if (r)
		return r;
	d[0].effective = on ? d[0].effective | (1u << cap) : d[0].effective & ~(1u << cap);
	return syscall2(__NR_capset, &h, d);
}

static int set_memlock(unsigned long bytes)
{
	struct rlimit r = { bytes, bytes };

	return setrlimit(RLIMIT_MEMLOCK, &r);
}

static void test_limits(void)
{
	struct rlimit r;
	char *p = map(64 * PAGE, 0), *q;

	CHECK(p, "mmap: %s", strerror(errno));
	CHECK(getrlimit(RLIMIT_MEMLOCK, &r) == 0 && r.rlim_cur == 8 * MB && r.rlim_max == 8 * MB,
	      "RLIMIT_MEMLOCK %lu/%lu, not Linux's 8 MiB", r.rlim_cur, r.rlim_max);
	{
		struct rlimit old;		      /* getrlimit (76) */
		unsigned long long r64[2] = { 0, 0 }; /* prlimit64 (340) */

		CHECK(syscall2(__NR_getrlimit, RLIMIT_MEMLOCK, &old) == 0 &&
			  old.rlim_cur == 8 * MB && old.rlim_max == 8 * MB,
		      "getrlimit (76): %lu/%lu", old.rlim_cur, old.rlim_max);
		CHECK(syscall4(__NR_prlimit64, 0, RLIMIT_MEMLOCK, NULL, r64) == 0 &&
			  r64[0] == 8 * MB && r64[1] == 8 * MB,
		      "prlimit64: %llu/%llu", r64[0], r64[1]);
	}
	/* root holds CAP_IPC_LOCK: not limited, even at 0 (Linux's can_do_mlock) */
	CHECK(set_memlock(0) == 0, "setrlimit: %s", strerror(errno));
	CHECK(mlock(p, 64 * PAGE) == 0, "root with CAP_IPC_LOCK, limit 0: %s", strerror(errno));
	CHECK(munlock(p, 64 * PAGE) == 0, "munlock: %s", strerror(errno));
	CHECK(set_cap(CAP_IPC_LOCK, 0) == 0, "capset: dropping CAP_IPC_LOCK failed");
	CHECK(mlock(p, PAGE) == -1 && errno == EPERM, "limit 0: mlock gave %s, not EPERM",
	      strerror(errno));
	CHECK(mlockall(MCL_CURRENT) == -1 && errno == EPERM, "limit 0: mlockall not EPERM");
	CHECK(!map(PAGE, MAP_LOCKED) && errno == EPERM, "limit 0: MAP_LOCKED not EPERM");

	CHECK(set_memlock(16 * PAGE) == 0, "setrlimit: %s", strerror(errno));
	CHECK(mlock(p, 32 * PAGE) == -1 && errno == ENOMEM, "over the limit: %s, not ENOMEM",
	      strerror(errno));
	CHECK(status_kb("VmLck:") == 0, "a refused mlock locked %lu kB", status_kb("VmLck:"));
	CHECK(mlock(p, 16 * PAGE) == 0, "at the limit: %s", strerror(errno));
	CHECK(mlock(p, 16 * PAGE) == 0, "again (already locked pages do not count twice): %s",
	      strerror(errno));
	CHECK(mlock(p + 16 * PAGE, PAGE) == -1 && errno == ENOMEM, "one page past: not ENOMEM");
	CHECK(!map(PAGE, MAP_LOCKED) && errno == EAGAIN, "MAP_LOCKED past the limit: not EAGAIN");
	CHECK(mlockall(MCL_CURRENT) == -1 && errno == ENOMEM,
	      "mlockall past the limit: not ENOMEM");
	CHECK(mlockall(MCL_FUTURE) == 0, "mlockall(MCL_FUTURE): %s", strerror(errno));
	CHECK(!map(PAGE, 0) && errno == EAGAIN,
	      "an mmap past the limit under MCL_FUTURE: not EAGAIN");
	CHECK(munlockall() == 0, "munlockall: %s", strerror(errno));
	CHECK(status_kb("VmLck:") == 0, "VmLck %lu kB after munlockall", status_kb("VmLck:"));

	CHECK(set_cap(CAP_IPC_LOCK, 1) == 0, "capset: raising CAP_IPC_LOCK back failed");
	q = map(MB, MAP_LOCKED);
	CHECK(q, "with CAP_IPC_LOCK a MAP_LOCKED mmap past the limit: %s", strerror(errno));
	CHECK(status_kb("VmLck:") == 1024, "VmLck %lu kB for a 1 MiB MAP_LOCKED",
	      status_kb("VmLck:"));
	munmap(q, MB);
	CHECK(status_kb("VmLck:") == 0, "munmap left VmLck %lu kB", status_kb("VmLck:"));
	/* raising a hard limit takes CAP_SYS_RESOURCE (Linux's do_prlimit) */
	CHECK(set_cap(CAP_SYS_RESOURCE, 0) == 0, "capset: dropping CAP_SYS_RESOURCE failed");
	CHECK(set_memlock(8 * MB) == -1 && errno == EPERM, "raising the hard limit: not EPERM");
	CHECK(set_cap(CAP_SYS_RESOURCE, 1) == 0, "capset: raising CAP_SYS_RESOURCE back failed");
	CHECK(set_memlock(8 * MB) == 0, "setrlimit back: %s", strerror(errno));
	munmap(p, 64 * PAGE);
}

static void test_errors(void)
{
	char *p = map(4 * PAGE, 0);

	CHECK(p, "mmap: %s", strerror(errno));
	CHECK(mlock2(p, PAGE, 2) == -1 && errno == EINVAL, "mlock2 flag 2: not EINVAL");
	CHECK(mlockall(0) == -1 && errno == EINVAL, "mlockall(0): not EINVAL");
	CHECK(mlockall(MCL_ONFAULT) == -1 && errno == EINVAL, "mlockall(MCL_ONFAULT): not EINVAL");
	CHECK(mlockall(8) == -1 && errno == EINVAL, "mlockall(8): not EINVAL");
	munmap(p + 2 * PAGE, PAGE);
	CHECK(mlock(p, 4 * PAGE) == -1 && errno == ENOMEM, "a hole: not ENOMEM");
	CHECK(munlock(p, 4 * PAGE) == -1 && errno == ENOMEM, "munlock over a hole: not ENOMEM");
	CHECK(mprotect(p, PAGE, PROT_NONE) == 0, "mprotect: %s", strerror(errno));
	CHECK(mlock(p, PAGE) == -1 && errno == ENOMEM, "PROT_NONE: not ENOMEM");
	munlock(p, 4 * PAGE);
	CHECK(mlock(p + PAGE, PAGE) == 0, "mlock: %s", strerror(errno));
	CHECK(madvise(p + PAGE, PAGE, MADV_DONTNEED) == -1 && errno == EINVAL,
	      "MADV_DONTNEED on locked memory: not EINVAL");
	CHECK(mlock(p + PAGE + 100, 1) == 0, "an unaligned start: %s", strerror(errno));
	munmap(p, 4 * PAGE);
	CHECK(status_kb("VmLck:") == 0, "VmLck %lu kB", status_kb("VmLck:"));
}

static void test_onfault(void)
{
	const unsigned long pages = 64;
	unsigned long mlock0 = vmstat("nr_mlock"), rss0;
	char *p = map(pages * PAGE, 0);

	CHECK(p, "mmap: %s", strerror(errno));
	rss0 = status_kb("VmRSS:");
	CHECK(mlock2(p, pages * PAGE, MLOCK_ONFAULT) == 0, "mlock2: %s", strerror(errno));
	CHECK(status_kb("VmLck:") == pages * 4, "VmLck %lu kB", status_kb("VmLck:"));
	CHECK(vmstat("nr_mlock") == mlock0, "MLOCK_ONFAULT populated %lu pages",
	      vmstat("nr_mlock") - mlock0);
	CHECK(status_kb("VmRSS:") == rss0, "VmRSS grew by %lu kB", status_kb("VmRSS:") - rss0);
	for (int i = 0; i < 5; i++)
		p[i * 10 * PAGE] = 1;
	CHECK(vmstat("nr_mlock") - mlock0 == 5, "5 pages touched, %lu locked",
	      vmstat("nr_mlock") - mlock0);
	/* mlock without ONFAULT on the same range populates the rest */
	CHECK(mlock(p, pages * PAGE) == 0, "mlock: %s", strerror(errno));
	CHECK(vmstat("nr_mlock") - mlock0 == pages, "%lu locked", vmstat("nr_mlock") - mlock0);
	munmap(p, pages * PAGE);
	CHECK(vmstat("nr_mlock") == mlock0, "munmap left %lu mlocked", vmstat("nr_mlock") - mlock0);
}

static void test_mlockall(void)
{
	unsigned long mlock0 = vmstat("nr_mlock"), vmsize;
	char *p, *q;

	CHECK(mlockall(MCL_CURRENT | MCL_FUTURE) == 0, "mlockall: %s", strerror(errno));
	vmsize = status_kb("VmSize:");
	CHECK(status_kb("VmLck:") == vmsize, "VmLck %lu kB of VmSize %lu kB", status_kb("VmLck:"),
	      vmsize);
	p = map(MB, 0);
	CHECK(p, "mmap: %s", strerror(errno));
	CHECK(status_kb("VmLck:") == vmsize + 1024, "a later mmap is not locked");
	CHECK(vmstat("nr_mlock") - mlock0 >= 256, "a later mmap was not populated");
	CHECK(sbrk(4 * PAGE) != (void *)-1, "sbrk: %s", strerror(errno));
	CHECK(status_kb("VmLck:") == vmsize + 1024 + 16, "brk is not locked: VmLck %lu kB",
	      status_kb("VmLck:"));
	sbrk(-4 * (long)PAGE);
	munmap(p, MB);
	CHECK(mlockall(MCL_FUTURE | MCL_ONFAULT) == 0, "mlockall: %s", strerror(errno));
	CHECK(status_kb("VmLck:") == vmsize, "MCL_FUTURE alone changed the current locks");
	CHECK(munlockall() == 0 && mlockall(MCL_FUTURE | MCL_ONFAULT) == 0, "munlockall, mlockall");
	CHECK(status_kb("VmLck:") == 0, "munlockall kept %lu kB locked", status_kb("VmLck:"));
	mlock0 = vmstat("nr_mlock");
	q = map(MB, 0);
	CHECK(q, "mmap: %s", strerror(errno));
	CHECK(status_kb("VmLck:") == 1024, "MCL_ONFAULT mmap: VmLck %lu kB", status_kb("VmLck:"));
	CHECK(vmstat("nr_mlock") == mlock0, "MCL_ONFAULT populated %lu pages",
	      vmstat("nr_mlock") - mlock0);
	q[0] = 1;
	CHECK(vmstat("nr_mlock") - mlock0 == 1, "the touched page is not locked");
	CHECK(munlockall() == 0, "munlockall: %s", strerror(errno));
	CHECK(vmstat("nr_mlock") == mlock0, "munlockall left %lu", vmstat("nr_mlock") - mlock0);
	CHECK(status_kb("VmLck:") == 0, "VmLck %lu kB", status_kb("VmLck:"));
	munmap(q, MB);
}

/* Lines of /proc/self/maps. */
static int nr_vmas(void)
{
	int n = 0;

	if (read_text_file("/proc/self/maps", text, sizeof(text)) < 0)
		return -1;
	for (char *s = text; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_vmas(void)
{
	char *p = map(8 * PAGE, 0);
	int n0 = nr_vmas();

	CHECK(p, "mmap: %s", strerror(errno));
	CHECK(mlock(p + 2 * PAGE, 2 * PAGE) == 0, "mlock: %s", strerror(errno));
	CHECK(nr_vmas() == n0 + 2, "a lock in the middle: %d areas, not %d", nr_vmas(), n0 + 2);
	CHECK(mlock(p + 4 * PAGE, 2 * PAGE) == 0, "mlock: %s", strerror(errno));
	CHECK(nr_vmas() == n0 + 2, "an adjacent lock did not merge: %d areas", nr_vmas());
	CHECK(status_kb("VmLck:") == 16, "VmLck %lu kB", status_kb("VmLck:"));
	CHECK(munlock(p, 8 * PAGE) == 0, "munlock: %s", strerror(errno));
	CHECK(nr_vmas() == n0, "munlock did not merge back: %d areas, not %d", nr_vmas(), n0);
	CHECK(mlock(p, 8 * PAGE) == 0 && nr_vmas() == n0, "a whole-area lock split it");
	munmap(p, 8 * PAGE);
	CHECK(status_kb("VmLck:") == 0, "VmLck %lu kB", status_kb("VmLck:"));
}

static void test_fork(void)
{
	unsigned long mlock0 = vmstat("nr_mlock");
	char *p = map(16 * PAGE, MAP_LOCKED), *r;
	int status;
	pid_t pid;

	CHECK(p, "mmap: %s", strerror(errno));
	CHECK(vmstat("nr_mlock") - mlock0 == 16, "MAP_LOCKED populated %lu pages",
	      vmstat("nr_mlock") - mlock0);
	pid = fork();
	if (pid == 0) {
		/* no locks in the child; its unmap leaves the parent's pages locked */
		int bad = status_kb("VmLck:") != 0;

		munmap(p, 16 * PAGE);
		bad |= vmstat("nr_mlock") - mlock0 != 16;
		_exit(bad);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child had locks, or unlocked ours");
	CHECK(vmstat("nr_mlock") - mlock0 == 16, "the parent lost its locks");
	r = mremap(p, 16 * PAGE, 32 * PAGE, MREMAP_MAYMOVE, NULL);
	CHECK(r != MAP_FAILED, "mremap: %s", strerror(errno));
	CHECK(status_kb("VmLck:") == 128, "mremap: VmLck %lu kB", status_kb("VmLck:"));
	CHECK(vmstat("nr_mlock") - mlock0 == 32, "mremap's growth was not populated and locked");
	pid = fork();
	if (pid == 0)
		_exit(0); /* exit unlocks nothing of the parent's */
	waitpid(pid, &status, 0);
	CHECK(vmstat("nr_mlock") - mlock0 == 32, "a child's exit unlocked the parent's pages");
	munmap(r, 32 * PAGE);
	CHECK(vmstat("nr_mlock") == mlock0, "munmap left %lu mlocked", vmstat("nr_mlock") - mlock0);
}

/* The "Locked:" line of the smaps block of the area at p, in kB. */
static unsigned long smaps_locked_kb(const void *p)
{
	static char smaps[16384];
	char head[16];
	char *s;
	unsigned long v = ~0UL;

	snprintf(head, sizeof(head), "%08lx-", (unsigned long)p);
	if (read_text_file("/proc/self/smaps", smaps, sizeof(smaps)) < 0 ||
	    !(s = strstr(smaps, head)))
		return v;
	proc_field(s, "Locked:", &v);
	return v;
}

/*
 * A shared mapping of a file on /mnt (an ext2 disk): mlock locks its
 * page-cache pages (smaps Locked, nr_mlock); a child's unlocked mapping of
 * the same pages does not keep them locked once the parent unmaps.
 */
static void test_file(void)
{
	const unsigned long len = 16 * PAGE;
	unsigned long mlock0 = vmstat("nr_mlock");
	int fd = open("/mnt/mlocked", O_RDWR | O_CREAT | O_TRUNC, 0644), status;
	char *p;
	pid_t pid;

	CHECK(fd >= 0, "open /mnt/mlocked: %s (is an ext2 disk mounted on /mnt?)", strerror(errno));
	CHECK(ftruncate(fd, (off_t)len) == 0, "ftruncate: %s", strerror(errno));
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK(mlock(p, len) == 0, "mlock: %s", strerror(errno));
	CHECK(vmstat("nr_mlock") - mlock0 == 16, "%lu file pages mlocked, not 16",
	      vmstat("nr_mlock") - mlock0);
	CHECK(smaps_locked_kb(p) == 64, "smaps Locked: %lu kB", smaps_locked_kb(p));
	CHECK(status_kb("VmLck:") == 64, "VmLck %lu kB", status_kb("VmLck:"));
	pid = fork();
	if (pid == 0) {
		sleep(1); /* maps the pages, unlocked, while the parent unmaps */
		_exit(vmstat("nr_mlock") != mlock0);
	}
	munmap(p, len);
	CHECK(vmstat("nr_mlock") == mlock0, "munmap left %lu file pages mlocked",
	      vmstat("nr_mlock") - mlock0);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child saw mlocked pages");
	unlink("/mnt/mlocked");
}

/*
 * After exec (test_exec's child): the new image starts with no locks,
 * MCL_FUTURE gone, and the old image's locked pages unlocked. Returns the
 * exit status: 0 if so.
 */
static int after_exec(unsigned long mlock0)
{
	char *p = map(MB, 0);
	int bad = 0;

	if (!p || status_kb("VmLck:") != 0) {
		printf("FAIL exec: VmLck %lu kB after exec and an mmap\n", status_kb("VmLck:"));
		bad = 1;
	}
	if (vmstat("nr_mlock") != mlock0) {
		printf("FAIL exec: %lu pages still mlocked after exec\n",
		       vmstat("nr_mlock") - mlock0);
		bad = 1;
	}
	return bad;
}

static void test_exec(void)
{
	unsigned long mlock0 = vmstat("nr_mlock");
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		char arg[32];
		char *argv[] = { "mlocktest", "--after-exec", arg, NULL };

		snprintf(arg, sizeof(arg), "%lu", mlock0);
		if (mlockall(MCL_CURRENT | MCL_FUTURE) || vmstat("nr_mlock") == mlock0)
			_exit(3);
		execv("/bin/mlocktest", argv);
		_exit(4);
	}
	CHECK(pid > 0, "fork: %s", strerror(errno));
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exec kept locks (status %#x)",
	      status);
}

static const struct selftest tests[] = {
	{ "resident", test_resident }, { "limits", test_limits },     { "errors", test_errors },
	{ "onfault", test_onfault },   { "mlockall", test_mlockall }, { "vmas", test_vmas },
	{ "fork", test_fork },	       { "exec", test_exec },	      { "file", test_file },
};

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--after-exec"))
		return after_exec(strtoul(argv[2], NULL, 10));
	return selftest_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv, "mlocktest");
}
