/*
 * glibctest: an ordinary C program, built the usual way (Debian's gcc -m32
 * -static and glibc, not user/lib), checking what glibc's start-up and its
 * common paths need from the kernel. Output is TAP ("ok N - what" / "not
 * ok N - what # why"); exit status 0 if every check passed, 1 otherwise.
 * The same binary runs on Tidemark (tests/system/test_glibc.py) and on the
 * host's Linux under qemu-i386 (test_userland_on_linux.py): each check
 * holds on both.
 *
 *   glibctest [NAME...]   run only the named checks (default: all)
 *   glibctest --enosys N  make N calls of an unimplemented system call
 *                         (vserver) and exit 0 if each said ENOSYS: the
 *                         kernel's rate-limited log line is the test
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

/* ---- thread-local storage -------------------------------------------------- */

static __thread int tls_counter = 42;
static __thread char tls_buf[64] = "initial";

struct user_desc_32 {
	unsigned int entry_number, base_addr, limit;
	unsigned int flags; /* seg_32bit ... useable, as bits */
};

static void test_tls(void)
{
	unsigned short gs;
	void *self;
	struct user_desc_32 ud = { 0 };
	pid_t pid;
	int status;

	CHECK("tls_initial_values", tls_counter == 42 && !strcmp(tls_buf, "initial"));
	tls_counter++;
	strcpy(tls_buf, "changed");
	__asm__ volatile("mov %%gs, %0" : "=r"(gs));
	__asm__ volatile("mov %%gs:0, %0" : "=r"(self)); /* the TCB points at itself */
	/* GDT (TI 0), ring 3; i386 kernels have the TLS entries at 6..8 (x86_64's at 12..14) */
	CHECK("tls_gs_is_a_gdt_tls_entry", (gs & 7) == 3 && (gs >> 3) >= 6 && (gs >> 3) <= 14);
	ud.entry_number = gs >> 3;
	CHECK("get_thread_area_gives_the_tcb",
	      syscall(SYS_get_thread_area, &ud) == 0 && ud.base_addr == (uintptr_t)self);
	pid = fork();
	if (pid == 0)
		_exit(tls_counter == 43 && !strcmp(tls_buf, "changed") ? 0 : 1);
	CHECK("tls_survives_fork",
	      waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK("set_thread_area_bad_entry_is_einval",
	      (ud.entry_number = 3, syscall(SYS_set_thread_area, &ud) == -1 && errno == EINVAL));
}

/* ---- stdio and printf ------------------------------------------------------- */

static void test_stdio(void)
{
	char buf[128];
	FILE *f;
	size_t n;
	int first = -1;

	snprintf(buf, sizeof(buf), "%.3f|%e|%g|%8.2f|%-6.1f|", 3.14159, 1234.5, 0.0001, -2.5, 1.25);
	CHECK("printf_floats", !strcmp(buf, "3.142|1.234500e+03|0.0001|   -2.50|1.2   |"));
	snprintf(buf, sizeof(buf), "%a %.0f %.10g", 1.0, 2.5, 1.0 / 3);
	CHECK("printf_floats_rounding", !strcmp(buf, "0x1p+0 2 0.3333333333"));
	CHECK("strtod", strtod("6.02e23", NULL) == 6.02e23 && atof("-0.5") == -0.5);
	f = fopen("glibctest.tmp", "w+");
	CHECK("fopen_w", f != NULL);
	if (!f)
		return;
	for (int i = 0; i < 1000; i++)
		fprintf(f, "line %d %.2f\n", i, i / 4.0);
	rewind(f);
	n = 0;
	while (fgets(buf, sizeof(buf), f))
		n++;
	CHECK("fprintf_fgets_roundtrip", n == 1000);
	fseek(f, 0, SEEK_SET);
	CHECK("fscanf", fscanf(f, "line %d", &first) == 1 && first == 0);
	fclose(f);
	unlink("glibctest.tmp");
}

/* ---- memory ------------------------------------------------------------------- */

static unsigned int pattern(size_t i, unsigned int seed)
{
	return (unsigned int)(i * 2654435761u) ^ seed;
}

static int fill_and_check(unsigned int *p, size_t words, unsigned int seed, int fill)
{
	for (size_t i = 0; i < words; i++) {
		if (fill)
			p[i] = pattern(i, seed);
		else if (p[i] != pattern(i, seed))
			return 0;
	}
	return 1;
}

static void test_malloc(void)
{
	enum { N = 2000 };
	static char *small[N];
	unsigned int *big, *grown;
	int ok = 1;

	for (int i = 0; i < N; i++) {
		small[i] = malloc((size_t)(i % 200) + 1);
		if (!small[i])
			ok = 0;
		else
			memset(small[i], i & 0xff, (size_t)(i % 200) + 1);
	}
	for (int i = 0; ok && i < N; i++)
		for (int j = 0; j <= i % 200; j++)
			if (small[i][j] != (char)(i & 0xff))
				ok = 0;
	for (int i = 0; i < N; i += 2)
		free(small[i]);
	for (int i = 1; i < N; i += 2)
		free(small[i]);
	CHECK("malloc_small", ok);

	big = malloc(4 << 20); /* above the mmap threshold: its own mapping */
	CHECK("malloc_large", big && fill_and_check(big, (4 << 20) / 4, 7, 1) &&
				  fill_and_check(big, (4 << 20) / 4, 7, 0));
	grown = realloc(big, 12 << 20); /* glibc grows a mapped chunk with mremap */
	CHECK("realloc_large_keeps_data", grown && fill_and_check(grown, (4 << 20) / 4, 7, 0));
	if (grown) {
		fill_and_check(grown, (12 << 20) / 4, 9, 1);
		CHECK("realloc_large_new_part", fill_and_check(grown, (12 << 20) / 4, 9, 0));
	}
	free(grown ? grown : big);
	big = calloc(1 << 20, 1);
	ok = big != NULL;
	for (size_t i = 0; ok && i < (1 << 20) / 4; i++)
		ok = big[i] == 0;
	CHECK("calloc_zeroes", ok);
	free(big);
}

static void test_mremap(void)
{
	size_t len = 1 << 20;
	unsigned int *p =
	    mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned int *q;
	int zero = 1;

	if (p == MAP_FAILED) {
		CHECK("mmap_anonymous", 0);
		return;
	}
	fill_and_check(p, len / 4, 3, 1);
	q = mremap(p, len, 3 * len, MREMAP_MAYMOVE);
	CHECK("mremap_grow_keeps_data", q != MAP_FAILED && fill_and_check(q, len / 4, 3, 0));
	if (q == MAP_FAILED)
		return;
	for (size_t i = len / 4; i < 3 * len / 4; i++)
		zero &= q[i] == 0;
	CHECK("mremap_grown_part_is_zero", zero);
	p = mremap(q, 3 * len, len / 2, 0);
	CHECK("mremap_shrink_in_place", p == q && fill_and_check(p, len / 8, 3, 0));
	CHECK("mremap_bad_flags_einval",
	      mremap(p, len / 2, len, 0x80) == MAP_FAILED && errno == EINVAL);
	munmap(p, len / 2);
	p = mmap(NULL, 8 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(p, 0x5a, 8 * 4096);
	CHECK("madvise_dontneed_zeroes", madvise(p, 4 * 4096, MADV_DONTNEED) == 0 && p[0] == 0 &&
					     p[4096 / 4 * 4] == 0x5a5a5a5a);
	CHECK("madvise_willneed", madvise(p, 8 * 4096, MADV_WILLNEED) == 0);
	munmap(p, 8 * 4096);
}

/* ---- processes, pipes, signals ------------------------------------------------ */

static void test_fork_wait(void)
{
	int status;
	pid_t a = fork(), b;

	if (a == 0)
		_exit(7);
	b = fork();
	if (b == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	CHECK("waitpid_exit_status",
	      waitpid(a, &status, 0) == a && WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECK("waitpid_killed_by_signal",
	      waitpid(b, &status, 0) == b && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	CHECK("wait_without_children_echild", wait(&status) == -1 && errno == ECHILD);
}

static void test_pipes(void)
{
	enum { LEN = 100000 };
	static unsigned char buf[LEN];
	int fds[2], status, ok = 1;
	ssize_t got = 0, n;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC)) {
		CHECK("pipe2", 0);
		return;
	}
	CHECK("pipe2_cloexec", fcntl(fds[0], F_GETFD) == FD_CLOEXEC);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		for (int i = 0; i < LEN; i++)
			buf[i] = (unsigned char)(i * 7);
		_exit(write(fds[1], buf, LEN) == LEN ? 0 : 1);
	}
	close(fds[1]);
	memset(buf, 0, sizeof(buf));
	while (got < LEN && (n = read(fds[0], buf + got, (size_t)(LEN - got))) > 0)
		got += n;
	for (int i = 0; i < LEN; i++)
		ok &= buf[i] == (unsigned char)(i * 7);
	CHECK("pipe_carries_100k", got == LEN && ok);
	CHECK("pipe_eof_after_writer", read(fds[0], buf, 1) == 0);
	CHECK("pipe_writer_status", waitpid(pid, &status, 0) == pid && status == 0);
	close(fds[0]);
}

static volatile sig_atomic_t usr1_count, alarm_count;
static volatile pid_t usr1_from;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	usr1_count++;
	usr1_from = si->si_pid;
}

static void on_alarm(int sig)
{
	(void)sig;
	alarm_count++;
}

static void test_signals(void)
{
	struct sigaction sa = { 0 };
	sigset_t set, old, pending;

	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	CHECK("sigaction_siginfo_handler", usr1_count == 1 && usr1_from == getpid());
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	CHECK("blocked_signal_is_pending",
	      usr1_count == 1 && sigpending(&pending) == 0 && sigismember(&pending, SIGUSR1));
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK("unblocked_signal_delivered", usr1_count == 2);
	signal(SIGALRM, on_alarm);
	alarm(1);
	pause();
	CHECK("alarm_and_pause", alarm_count == 1);
	signal(SIGALRM, SIG_DFL);
}

static sigjmp_buf jump;

static void on_segv(int sig)
{
	siglongjmp(jump, sig);
}

static void test_setjmp(void)
{
	jmp_buf jb;
	volatile int rounds = 0;
	int *volatile unmapped = (int *)16; /* in the first page, never mapped */

	if (setjmp(jb) < 3) {
		rounds++;
		longjmp(jb, rounds);
	}
	CHECK("setjmp_longjmp", rounds == 3);
	signal(SIGSEGV, on_segv);
	if (sigsetjmp(jump, 1) == 0)
		*unmapped = 1;
	else
		rounds = 100;
	CHECK("siglongjmp_out_of_sigsegv", rounds == 100);
	signal(SIGSEGV, SIG_DFL);
}

/* ---- time and system information ------------------------------------------------ */

static double ts_seconds(const struct timespec *ts)
{
	return (double)ts->tv_sec + (double)ts->tv_nsec / 1e9;
}

static void test_time(void)
{
	struct timespec a, b, req = { 0, 50 * 1000 * 1000 };
	struct timeval tv;
	struct itimerval it = { { 0, 0 }, { 5, 0 } }, old;
	time_t now = time(NULL);

	CHECK("time_is_after_2020", now > 1577836800);
	gettimeofday(&tv, NULL);
	CHECK("gettimeofday_agrees_with_time", tv.tv_sec - now >= 0 && tv.tv_sec - now <= 2);
	clock_gettime(CLOCK_MONOTONIC, &a);
	nanosleep(&req, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	CHECK("nanosleep_50ms", ts_seconds(&b) - ts_seconds(&a) >= 0.05);
	req.tv_nsec = 20 * 1000 * 1000;
	clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL);
	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK("clock_nanosleep_20ms", ts_seconds(&a) - ts_seconds(&b) >= 0.02);
	CHECK("clock_getres_monotonic", clock_getres(CLOCK_MONOTONIC, &a) == 0 && a.tv_sec == 0);
	CHECK("clock_gettime_bad_clock", clock_gettime(12345, &a) == -1 && errno == EINVAL);
	setitimer(ITIMER_REAL, &it, NULL);
	getitimer(ITIMER_REAL, &old);
	CHECK("getitimer_counts_down", old.it_value.tv_sec <= 5 && old.it_value.tv_sec >= 4);
	it.it_value.tv_sec = 0;
	setitimer(ITIMER_REAL, &it, &old);
	CHECK("setitimer_disarm_returns_old", old.it_value.tv_sec >= 4);
}

static void test_sysinfo_uname(void)
{
	struct sysinfo si;
	struct utsname u;
	struct rlimit rl;

	/* qemu-i386 on a 64-bit host copies sysinfo's byte counts into the 32-bit
	 * fields without Linux's compat scaling (mem_unit stays 1), so on a host
	 * with over 4 GiB they wrap: under it (GLIBCTEST_QEMU_USER, set by the host
	 * test) only the call is checked; on a kernel, the figures too. */
	if (getenv("GLIBCTEST_QEMU_USER"))
		CHECK("sysinfo", sysinfo(&si) == 0 && si.mem_unit > 0);
	else
		CHECK("sysinfo", sysinfo(&si) == 0 && si.totalram > 0 &&
				     si.freeram <= si.totalram && si.mem_unit > 0 && si.procs >= 1);
	CHECK("uname_linux_i686",
	      uname(&u) == 0 && !strcmp(u.sysname, "Linux") && !strcmp(u.machine, "i686"));
	CHECK("getrlimit_nofile", getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur >= 64 &&
				      rl.rlim_cur <= rl.rlim_max);
	rl.rlim_cur = 0;
	CHECK("setrlimit_core", setrlimit(RLIMIT_CORE, &rl) == 0 &&
				    getrlimit(RLIMIT_CORE, &rl) == 0 && rl.rlim_cur == 0);
	umask(027);
	CHECK("umask_returns_the_old_mask", umask(022) == 027);
	CHECK("getuid_root", getuid() == geteuid() && getgid() == getegid());
	CHECK("unknown_call_is_enosys", syscall(SYS_vserver) == -1 && errno == ENOSYS);
}

struct test {
	const char *name;
	void (*fn)(void);
};

static const struct test all[] = {
	{ "tls", test_tls },	     { "stdio", test_stdio },
	{ "malloc", test_malloc },   { "mremap", test_mremap },
	{ "fork", test_fork_wait },  { "pipes", test_pipes },
	{ "signals", test_signals }, { "setjmp", test_setjmp },
	{ "time", test_time },	     { "sysinfo", test_sysinfo_uname },
};

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--enosys")) {
		int ok = 1;

		for (int i = atoi(argv[2]); i > 0; i--)
			ok &= syscall(SYS_vserver) == -1 && errno == ENOSYS;
		return ok ? 0 : 1;
	}
	printf("TAP version 13\n");
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		int wanted = argc < 2;

		for (int a = 1; a < argc; a++)
			wanted |= !strcmp(argv[a], all[i].name);
		if (wanted) {
			all[i].fn();
			fflush(stdout);
		}
	}
	return tap_done("glibctest");
}
