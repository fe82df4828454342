/*
 * limittest: the CPU-time interval timers and the resource limits, as a
 * glibc program sees them (Debian's gcc -m32 -static). TAP output, exit
 * status 0 when every check passed. Each check that could kill the
 * program runs in a child and reports through its exit status.
 *
 *   ITIMER_VIRTUAL / ITIMER_PROF   SIGVTALRM after user time, SIGPROF after
 *                                  user + system time; sleep does not count
 *   RLIMIT_CPU     SIGXCPU at the soft limit (which then moves up a second),
 *                  SIGKILL at the hard one
 *   RLIMIT_FSIZE   a write is cut at the limit, past it EFBIG and SIGXFSZ
 *   RLIMIT_NPROC   fork fails with EAGAIN
 *   RLIMIT_AS, RLIMIT_DATA   mmap ENOMEM, brk refused
 *   RLIMIT_STACK   the stack stops growing: SIGSEGV
 *
 * The same binary runs on the host's Linux under qemu-i386
 * (test_userland_on_linux.py) with LIMITTEST_QEMU_USER set: qemu-user
 * does not apply AS, DATA and STACK (they would limit the emulator), and
 * Linux lets root pass RLIMIT_NPROC, so those four are Tidemark's only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static volatile sig_atomic_t vtalrm, prof, xcpu, xfsz;
static volatile unsigned long spins;
/* What CPU time getrusage shows against the timers: exact on Tidemark, less under qemu-user. */
static double slack = 1.0;

static void on_signal(int sig)
{
	if (sig == SIGVTALRM)
		vtalrm++;
	else if (sig == SIGPROF)
		prof++;
	else if (sig == SIGXCPU)
		xcpu++;
	else if (sig == SIGXFSZ)
		xfsz++;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_seconds(int user_only)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       (user_only ? 0 : ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
}

/* Burn user time until *flag reaches goal or wall seconds pass. */
static void spin_until(volatile sig_atomic_t *flag, int goal, double wall)
{
	double end = now() + wall;

	while (*flag < goal && now() < end)
		for (int i = 0; i < 100000; i++)
			spins++;
}

static void set_itimer(int which, long value_ms, long interval_ms)
{
	struct itimerval it = { { interval_ms / 1000, interval_ms % 1000 * 1000 },
				{ value_ms / 1000, value_ms % 1000 * 1000 } };

	setitimer(which, &it, NULL);
}

static void test_itimers(void)
{
	struct itimerval left;
	pid_t pid;
	int status;

	signal(SIGVTALRM, on_signal);
	signal(SIGPROF, on_signal);
	set_itimer(ITIMER_VIRTUAL, 10000, 0);
	spin_until(&vtalrm, 1, 0.3);
	getitimer(ITIMER_VIRTUAL, &left);
	CHECK("itimer_virtual_counts_down_with_user_time",
	      left.it_value.tv_sec < 10 && left.it_value.tv_sec >= 8 && !vtalrm);

	set_itimer(ITIMER_VIRTUAL, 200, 0);
	spin_until(&vtalrm, 1, 30);
	CHECK("itimer_virtual_sends_sigvtalrm", vtalrm == 1 && cpu_seconds(1) >= 0.2 * slack);

	set_itimer(ITIMER_VIRTUAL, 100, 0);
	usleep(300000);
	getitimer(ITIMER_VIRTUAL, &left);
	CHECK("itimer_virtual_ignores_sleep",
	      vtalrm == 1 && left.it_value.tv_sec == 0 && left.it_value.tv_usec > 50000);
	set_itimer(ITIMER_VIRTUAL, 0, 0);

	set_itimer(ITIMER_PROF, 20, 20);
	spin_until(&prof, 10, 60);
	set_itimer(ITIMER_PROF, 0, 0);
	CHECK("itimer_prof_interval_repeats", prof == 10 && cpu_seconds(0) >= 0.2 * slack);
	getitimer(ITIMER_PROF, &left);
	CHECK("itimer_prof_disarmed", !left.it_value.tv_sec && !left.it_value.tv_usec);

	set_itimer(ITIMER_PROF, 10000, 0);
	pid = fork();
	if (pid == 0) {
		getitimer(ITIMER_PROF, &left);
		_exit(left.it_value.tv_sec || left.it_value.tv_usec);
	}
	waitpid(pid, &status, 0);
	set_itimer(ITIMER_PROF, 0, 0);
	CHECK("cpu_itimers_not_inherited_by_fork", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK("setitimer_bad_which_einval", setitimer(3, &left, NULL) == -1 && errno == EINVAL);
}

/* Run fn in a child; its wait status. */
static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	waitpid(pid, &status, 0);
	return status;
}

/* 0 once SIGXCPU came at the soft limit and moved it up a second; then SIGKILL at the hard. */
static int cpu_limit_child(void)
{
	struct rlimit rl = { 1, 2 };

	signal(SIGXCPU, on_signal);
	setrlimit(RLIMIT_CPU, &rl);
	spin_until(&xcpu, 1, 60);
	getrlimit(RLIMIT_CPU, &rl);
	if (xcpu != 1 || rl.rlim_cur != 2) {
		fprintf(stderr, "# SIGXCPU %d, soft limit %ld\n", (int)xcpu, (long)rl.rlim_cur);
		return 1;
	}
	spin_until(&xcpu, 2, 60); /* the hard limit comes first */
	return 2;
}

static int cpu_limit_default_child(void)
{
	struct rlimit rl = { 1, RLIM_INFINITY };

	setrlimit(RLIMIT_CPU, &rl);
	spin_until(&xcpu, 1, 60);
	return 3;
}

static void test_rlimit_cpu(void)
{
	int status = in_child(cpu_limit_child);

	CHECK("rlimit_cpu_sigxcpu_then_sigkill",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	status = in_child(cpu_limit_default_child);
	CHECK("rlimit_cpu_sigxcpu_kills_by_default",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU);
}

#define FSIZE_FILE "limittest.tmp"

static int fsize_default_child(void)
{
	struct rlimit rl = { 100, RLIM_INFINITY };
	int fd = open(FSIZE_FILE, O_WRONLY | O_APPEND);

	signal(SIGXFSZ, SIG_DFL); /* the parent's handler is inherited */
	setrlimit(RLIMIT_FSIZE, &rl);
	write(fd, "x", 1);
	return 4;
}

static void test_rlimit_fsize(void)
{
	struct rlimit rl = { 1000, RLIM_INFINITY }, inf = { RLIM_INFINITY, RLIM_INFINITY };
	char buf[600];
	struct stat st;
	int fd = open(FSIZE_FILE, O_RDWR | O_CREAT | O_TRUNC, 0644);
	int status;

	memset(buf, 'f', sizeof(buf));
	signal(SIGXFSZ, on_signal);
	setrlimit(RLIMIT_FSIZE, &rl);
	CHECK("rlimit_fsize_write_below", write(fd, buf, 600) == 600);
	CHECK("rlimit_fsize_write_cut_at_limit", write(fd, buf, 600) == 400 && xfsz == 0);
	CHECK("rlimit_fsize_past_limit_efbig_sigxfsz",
	      write(fd, buf, 1) == -1 && errno == EFBIG && xfsz == 1);
	CHECK("rlimit_fsize_ftruncate_grow_efbig",
	      ftruncate(fd, 2000) == -1 && errno == EFBIG && xfsz == 2);
	CHECK("rlimit_fsize_ftruncate_shrink",
	      ftruncate(fd, 500) == 0 && fstat(fd, &st) == 0 && st.st_size == 500);
	setrlimit(RLIMIT_FSIZE, &inf);
	CHECK("rlimit_fsize_raised_again", write(fd, buf, 600) == 600);
	close(fd);
	status = in_child(fsize_default_child);
	CHECK("rlimit_fsize_sigxfsz_kills_by_default",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ);
	unlink(FSIZE_FILE);
}

static int nproc_child(void)
{
	struct rlimit rl = { 1, 1 };
	pid_t pid;

	setrlimit(RLIMIT_NPROC, &rl);
	pid = fork();
	if (pid == 0)
		_exit(0);
	return pid == -1 && errno == EAGAIN ? 0 : 5;
}

/* 0 if a 64 MiB address-space limit refuses 100 MiB of mmap, malloc and brk, not 1 MiB. */
static int as_child(void)
{
	struct rlimit rl = { 64 << 20, RLIM_INFINITY };
	void *big, *small;

	setrlimit(RLIMIT_AS, &rl);
	big = mmap(NULL, 100 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (big != MAP_FAILED || errno != ENOMEM)
		return 6;
	small = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (small == MAP_FAILED)
		return 7;
	if (malloc(100 << 20) != NULL || sbrk(100 << 20) != (void *)-1)
		return 8;
	return 0;
}

/* 0 if a 4 MiB data limit refuses 8 MiB of private writable memory, not other kinds. */
static int data_child(void)
{
	struct rlimit rl = { 4 << 20, RLIM_INFINITY };
	void *p;

	setrlimit(RLIMIT_DATA, &rl);
	p = mmap(NULL, 8 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED || errno != ENOMEM)
		return 9;
	if (sbrk(8 << 20) != (void *)-1)
		return 10;
	p = mmap(NULL, 8 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) /* read-only: not data */
		return 11;
	p = mmap(NULL, 8 << 20, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? 12 : 0; /* shared: not data */
}

/* Touch the stack page by page down to depth bytes below here. */
static void touch_stack(size_t depth)
{
	volatile char *p = alloca(depth);

	for (size_t off = depth; off >= 4096; off -= 4096)
		p[off - 1] = 1;
	p[0] = 1;
}

/* With a 256 KiB stack limit: 128 KiB deep works (writes "ok"), 1 MiB deep is SIGSEGV. */
static int stack_child(void)
{
	struct rlimit rl = { 256 << 10, RLIM_INFINITY };

	setrlimit(RLIMIT_STACK, &rl);
	touch_stack(128 << 10);
	write(1, "# 128 KiB of stack: ok\n", 23);
	touch_stack(1 << 20);
	return 13;
}

static void test_rlimit_memory_and_nproc(void)
{
	int status = in_child(nproc_child);

	CHECK("rlimit_nproc_fork_eagain", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	status = in_child(as_child);
	CHECK("rlimit_as_mmap_malloc_brk_enomem", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	status = in_child(data_child);
	CHECK("rlimit_data_private_writable_only", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	status = in_child(stack_child);
	CHECK("rlimit_stack_growth_sigsegv", WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
}

int main(void)
{
	if (getenv("LIMITTEST_QEMU_USER"))
		slack = 0.5;
	printf("TAP version 13\n");
	fflush(stdout);
	test_itimers();
	test_rlimit_cpu();
	test_rlimit_fsize();
	if (!getenv("LIMITTEST_QEMU_USER"))
		test_rlimit_memory_and_nproc();
	return tap_done("limittest");
}
