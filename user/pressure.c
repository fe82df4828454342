/*
 * pressure: the standard memory-pressure scenario, in three acts, that
 * `make plot` traces (boot with vmtrace=, run this as init, plot the log
 * with tools/plot-vmtrace). Each act runs in a child process, so its
 * memory comes back before the next one starts:
 *
 *   kswapd  touch free memory + 8 MiB, 64 KiB at a time, pausing while
 *           every zone is near its watermarks: an allocator kswapd keeps
 *           up with, so free memory falls to LOW and kswapd takes it back
 *           to HIGH, again and again
 *   direct  touch as much as there is RAM, as fast as possible: free
 *           memory falls to MIN and the allocating task reclaims itself
 *           (direct reclaim, allocstall)
 *   oom     touch 4 MiB blocks until killed: swap fills up and the OOM
 *           killer kills it
 *
 * It first copies /proc/zoneinfo to stdout (the watermarks the trace must
 * show); each act starts with a line that names it for the plot
 * ("vmtrace-mark: t=MS 1: kswapd keeps up", t on the trace's clock) and
 * ends with one that says how it went:
 *
 *   pressure: kswapd: touched 36 MiB, status 0
 *   pressure: direct: touched 31 MiB, status 0
 *   pressure: oom: killed by signal 9
 *
 * Exit status 0 if the acts went so, 1 otherwise.
 */
#include <procfs.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STEP (64UL << 10) /* touched between two looks at /proc/zoneinfo */
#define BLOCK (4UL << 20) /* what the OOM act maps at a time */
#define PAGE 4096UL

static char text[16384];

static unsigned long meminfo_kb(const char *name)
{
	unsigned long kb = 0;

	if (read_text_file("/proc/meminfo", text, sizeof(text)) < 0 || proc_field(text, name, &kb))
		printf("pressure: no %s in /proc/meminfo\n", name);
	return kb;
}

/* The number after a label at the start of a line, leading blanks skipped. */
static int zone_field(const char *line, const char *name, unsigned long *v)
{
	size_t n = strlen(name);

	while (*line == ' ')
		line++;
	if (strncmp(line, name, n) || line[n] != ' ')
		return 0;
	*v = strtoul(line + n, NULL, 10);
	return 1;
}

/* Is every populated zone within twice its HIGH watermark of running dry? */
static int near_watermarks(void)
{
	unsigned long free = 0, high, v;
	int near = 1, zones = 0;
	char *line;

	if (read_text_file("/proc/zoneinfo", text, sizeof(text)) < 0)
		return 0;
	for (line = text; line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (zone_field(line, "pages free", &v))
			free = v;
		else if (zone_field(line, "high", &high) && high) {
			zones++;
			if (free > 2 * high)
				near = 0;
		}
	}
	return zones && near;
}

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Map and touch bytes of anonymous memory, slowly near the watermarks if gentle. */
static int touch(unsigned long bytes, int gentle)
{
	char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long off;

	if (p == MAP_FAILED) {
		printf("pressure: mmap of %lu MiB failed\n", bytes >> 20);
		return 1;
	}
	for (off = 0; off < bytes; off += PAGE) {
		p[off] = 1;
		if (gentle && off % STEP == 0 && near_watermarks())
			msleep(30); /* kswapd is at work: let it keep ahead */
	}
	return 0;
}

/* Touch BLOCK after BLOCK until the OOM killer ends this process. */
static int hog(void)
{
	unsigned long blocks;

	for (blocks = 1;; blocks++) {
		if (touch(BLOCK, 0))
			return 1;
		printf("pressure: oom: %lu MiB\n", blocks * (BLOCK >> 20));
	}
}

/*
 * Name the act that starts now for tools/plot-vmtrace: CLOCK_MONOTONIC is
 * the clock of the kernel's trace.
 */
static void mark(const char *label)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	printf("vmtrace-mark: t=%lu %s\n", (unsigned long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000,
	       label);
}

/* Run one act in a child; returns its wait status. */
static int act(const char *label, int (*fn)(unsigned long, int), unsigned long bytes, int gentle)
{
	int status = 0;
	pid_t pid;

	mark(label);
	pid = fork();

	if (pid < 0) {
		printf("pressure: fork failed\n");
		return -1;
	}
	if (pid == 0)
		exit(fn ? fn(bytes, gentle) : hog());
	waitpid(pid, &status, 0);
	msleep(300); /* a quiet stretch between acts in the picture */
	return status;
}

int main(void)
{
	unsigned long ram = meminfo_kb("MemTotal:") << 10, free = meminfo_kb("MemFree:") << 10;
	int ok = 1, status;

	if (read_text_file("/proc/zoneinfo", text, sizeof(text)) > 0)
		printf("%s", text);
	msleep(300);

	status = act("1: kswapd keeps up", touch, free + (8UL << 20), 1);
	ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
	printf("pressure: kswapd: touched %lu MiB, status %d\n", (free >> 20) + 8, status);

	status = act("2: direct reclaim", touch, ram, 0);
	ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
	printf("pressure: direct: touched %lu MiB, status %d\n", ram >> 20, status);

	status = act("3: a hog, the OOM killer", NULL, 0, 0);
	ok &= WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
	if (WIFSIGNALED(status))
		printf("pressure: oom: killed by signal %d\n", WTERMSIG(status));
	else
		printf("pressure: oom: not killed (status %d)\n", status);
	return ok ? 0 : 1;
}
