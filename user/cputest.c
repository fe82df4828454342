/*
 * cputest: CPU time accounting checked from user space, run as init in a
 * system test (tests/system/test_cputime.py). `cputest NAME...` runs the
 * named checks (or all), prints "PASS name" or "FAIL name: why" and exits
 * with the failure count.
 *
 *   user_time   a child spinning in user mode for 1 s of ticks is charged
 *               mostly utime: in times(2), /proc/self/stat, wait4's rusage,
 *               and afterwards in the parent's cutime and RUSAGE_CHILDREN
 *   system_time a child reading /proc/meminfo in a loop is charged stime
 *   proc_stat   /proc/stat has Linux's lines; user and system grow while a
 *               child spins, idle grows while everyone sleeps, and the cpu
 *               line's columns add up to the ticks that passed
 *   loadavg     two spinning children lift the 1-minute load average at the
 *               next 5-second sample; /proc/uptime's idle grows
 *   bad_args    getrusage refuses an unknown who (EINVAL) and a bad
 *               pointer (EFAULT); times(NULL) answers the clock
 */
#include <errno.h>
#include <procfs.h>
#include <selftest.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>

#define HZ 100

static char text[4096];

/* Spin in user mode until `ticks` clock ticks have passed. */
static void spin_user(long ticks)
{
	clock_t end = times(NULL) + ticks;
	volatile unsigned long n = 0;

	while (times(NULL) < end)
		for (int i = 0; i < 100000; i++)
			n++;
}

/* Spend `ticks` mostly in the kernel: /proc/meminfo's show walks every zone. */
static void spin_kernel(long ticks)
{
	clock_t end = times(NULL) + ticks;

	while (times(NULL) < end)
		read_text_file("/proc/meminfo", text, sizeof(text));
}

static pid_t fork_spinner(void (*spin)(long), long ticks)
{
	pid_t pid = fork();

	if (pid == 0) {
		spin(ticks);
		exit(0);
	}
	return pid;
}

/* Field n (1-based, Linux's numbering) of /proc/PID/stat, or ~0UL. */
static unsigned long stat_field(const char *path, int n)
{
	char *p;
	int i;

	if (read_text_file(path, text, sizeof(text)) <= 0 || !(p = strrchr(text, ')')))
		return ~0UL;
	p += 2; /* field 3, the state */
	for (i = 3; i < n; i++) {
		p = strchr(p, ' ');
		if (!p)
			return ~0UL;
		p++;
	}
	return strtoul(p, NULL, 10);
}

/* The cpu line of /proc/stat: user nice system idle iowait irq softirq steal guest guest_nice. */
static int read_cpu_line(unsigned long long v[10])
{
	char *p;
	int i;

	if (read_text_file("/proc/stat", text, sizeof(text)) <= 0 || strncmp(text, "cpu  ", 5))
		return -1;
	p = text + 4;
	for (i = 0; i < 10; i++)
		v[i] = strtoull(p, &p, 10);
	return *p == '\n' ? 0 : -1;
}

static unsigned long long cpu_sum(const unsigned long long v[10])
{
	unsigned long long s = 0;

	for (int i = 0; i < 8; i++) /* guest time is inside user already, as in Linux */
		s += v[i];
	return s;
}

static void user_time(void)
{
	struct rusage ru, children;
	struct tms t;
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		spin_user(HZ);
		times(&t);
		/* Nearly every tick lands in user mode; allow for QEMU's bursts. */
		if (t.tms_utime < HZ / 2 ||
		    stat_field("/proc/self/stat", 14) != (unsigned long)t.tms_utime)
			exit(1);
		exit(0);
	}
	CHECK(wait4(pid, &status, 0, &ru) == pid, "wait4: %d", errno);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child saw too little utime, or /proc/self/stat disagreed with times()");
	CHECK(ru.ru_utime.tv_sec * HZ + ru.ru_utime.tv_usec / 10000 >= HZ / 2,
	      "wait4's rusage: utime %ld.%06ld s", ru.ru_utime.tv_sec, ru.ru_utime.tv_usec);
	CHECK(ru.ru_maxrss > 0 && ru.ru_minflt > 0, "rusage maxrss %ld minflt %ld", ru.ru_maxrss,
	      ru.ru_minflt);
	times(&t);
	CHECK(t.tms_cutime >= HZ / 2, "the parent's cutime is %ld", t.tms_cutime);
	CHECK(getrusage(RUSAGE_CHILDREN, &children) == 0, "getrusage: %d", errno);
	CHECK(children.ru_utime.tv_sec * HZ + children.ru_utime.tv_usec / 10000 >= t.tms_cutime,
	      "RUSAGE_CHILDREN utime below cutime");
	CHECK(stat_field("/proc/self/stat", 16) == (unsigned long)t.tms_cutime,
	      "/proc/self/stat cutime %lu, times() %ld", stat_field("/proc/self/stat", 16),
	      t.tms_cutime);
}

static void system_time(void)
{
	struct rusage ru;
	int status;
	pid_t pid = fork_spinner(spin_kernel, HZ);

	CHECK(wait4(pid, &status, 0, &ru) == pid, "wait4: %d", errno);
	CHECK(ru.ru_stime.tv_sec * HZ + ru.ru_stime.tv_usec / 10000 >= HZ / 4,
	      "a child in the kernel for 1 s got stime %ld.%06ld s", ru.ru_stime.tv_sec,
	      ru.ru_stime.tv_usec);
}

static void proc_stat(void)
{
	unsigned long long a[10], b[10], c[10];
	clock_t t0, t1;
	int status;
	pid_t pid;

	CHECK(read_cpu_line(a) == 0, "/proc/stat's first line is not 'cpu ' and ten numbers");
	CHECK(strstr(text, "\ncpu0 ") && strstr(text, "\nintr ") && strstr(text, "\nctxt ") &&
		  strstr(text, "\nbtime ") && strstr(text, "\nprocesses ") &&
		  strstr(text, "\nprocs_running ") && strstr(text, "\nprocs_blocked ") &&
		  strstr(text, "\nsoftirq "),
	      "/proc/stat lacks one of Linux's lines:\n%s", text);
	t0 = times(NULL);
	pid = fork_spinner(spin_user, HZ / 2);
	spin_kernel(HZ / 2);
	waitpid(pid, &status, 0);
	CHECK(read_cpu_line(b) == 0, "/proc/stat unreadable");
	/* The two share the CPU: each gets a good part of it, and it is never idle. */
	CHECK(b[0] - a[0] >= HZ / 10 && b[2] - a[2] >= HZ / 10 &&
		  b[0] - a[0] + b[2] - a[2] + 4 >= (unsigned long long)(times(NULL) - t0) * 3 / 4,
	      "user %llu and system %llu ticks in %ld while a child spun and init read /proc",
	      b[0] - a[0], b[2] - a[2], times(NULL) - t0);
	sleep(1);
	t1 = times(NULL);
	CHECK(read_cpu_line(c) == 0, "/proc/stat unreadable");
	CHECK(c[3] - b[3] >= HZ / 2,
	      "idle grew %llu ticks in a 1 s sleep (%ld ticks; user %llu system %llu iowait %llu)",
	      c[3] - b[3], t1 - t0, c[0] - b[0], c[2] - b[2], c[4] - b[4]);
	CHECK(cpu_sum(c) - cpu_sum(a) + 2 >= (unsigned long long)(t1 - t0) &&
		  cpu_sum(c) - cpu_sum(a) <= (unsigned long long)(t1 - t0) + 2,
	      "the columns grew %llu ticks in %ld", cpu_sum(c) - cpu_sum(a), t1 - t0);
}

/* "12.34" -> 1234. */
static unsigned long hundredths(const char *s)
{
	char *p;
	unsigned long i = strtoul(s, &p, 10);

	return i * 100 + (*p == '.' ? strtoul(p + 1, NULL, 10) : 0);
}

static unsigned long load1_hundredths(void)
{
	if (read_text_file("/proc/loadavg", text, sizeof(text)) <= 0)
		return ~0UL;
	return hundredths(text);
}

/* The second figure of /proc/uptime: idle seconds, in hundredths. */
static unsigned long idle_hundredths(void)
{
	if (read_text_file("/proc/uptime", text, sizeof(text)) <= 0 || !strchr(text, ' '))
		return 0;
	return hundredths(strchr(text, ' ') + 1);
}

static void loadavg(void)
{
	unsigned long idle0 = idle_hundredths(), idle1, before = load1_hundredths();
	clock_t end = times(NULL) + 11 * HZ;
	pid_t a, b;
	int status;

	a = fork_spinner(spin_user, 12 * HZ);
	b = fork_spinner(spin_user, 12 * HZ);
	/* Wait for a 5 s sample taken while both spin: the average then rises. */
	while (load1_hundredths() <= before && times(NULL) < end)
		sleep(1);
	kill(a, SIGKILL);
	kill(b, SIGKILL);
	waitpid(a, &status, 0);
	waitpid(b, &status, 0);
	CHECK(load1_hundredths() != ~0UL && load1_hundredths() > before,
	      "two spinners for 11 s left /proc/loadavg at %s (it read %lu.%02lu before)", text,
	      before / 100, before % 100);
	/* Linux's calc_load: one 5 s period of 2 runnable adds 2 * (1 - 1884/2048) = 0.16. */
	CHECK(load1_hundredths() >= 10 && load1_hundredths() <= 100,
	      "load %s after one or two periods of 2 runnable", text);
	sleep(2);
	idle1 = idle_hundredths();
	CHECK(idle1 >= idle0 + 100, "/proc/uptime's idle grew %lu hundredths across a 2 s sleep",
	      idle1 - idle0);
}

static void bad_args(void)
{
	struct rusage ru;

	CHECK(getrusage(5, &ru) == -1 && errno == EINVAL, "getrusage(5): errno %d", errno);
	CHECK(getrusage(RUSAGE_SELF, (struct rusage *)16) == -1 && errno == EFAULT,
	      "getrusage to a bad pointer: errno %d", errno);
	CHECK(times(NULL) > 0, "times(NULL) failed");
	CHECK(times((struct tms *)16) == -1 && errno == EFAULT, "times to a bad pointer: errno %d",
	      errno);
	CHECK(getrusage(RUSAGE_THREAD, &ru) == 0 && ru.ru_maxrss > 0, "RUSAGE_THREAD");
}

static const struct selftest tests[] = {
	{ "user_time", user_time }, { "system_time", system_time }, { "proc_stat", proc_stat },
	{ "loadavg", loadavg },	    { "bad_args", bad_args },
};

SELFTEST_MAIN(tests, "cputest")
