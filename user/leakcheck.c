/*
 * leakcheck: run a program and check that memory and swap come back.
 *
 *   leakcheck PROG [ARG]...
 *
 * Reads MemFree, SwapFree and SwapCached from /proc/meminfo, runs PROG as a child,
 * waits for it (and any orphans it left, as init would), reads them again
 * and prints
 *
 *   leakcheck: MemFree 27200 kB -> 27200 kB, SwapFree 131068 kB -> 131064 kB,
 *              SwapCached 0 kB -> 4 kB                          (one line)
 *
 * It exits with PROG's status (128+N after signal N), or 98 if anything
 * did not come back. System tests run their workloads under it as init.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned long meminfo(const char *field)
{
	static char buf[4096];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	size_t len = strlen(field);
	char *p;

	if (fd >= 0)
		close(fd);
	if (n <= 0) {
		printf("leakcheck: cannot read /proc/meminfo: %s\n", strerror(errno));
		exit(97);
	}
	buf[n] = '\0';
	for (p = buf; (p = strstr(p, field)) != NULL; p += len)
		if ((p == buf || p[-1] == '\n') && p[len] == ':')
			return strtoul(p + len + 1, NULL, 10);
	printf("leakcheck: no %s in /proc/meminfo\n", field);
	exit(97);
}

/*
 * Bring every page of this program back into memory before measuring: if
 * one of them went to swap during the run, its slot would show as a leak
 * (and its frame as a gain). Text, data and bss by the linker's symbols,
 * the stack from here up to the strings of argv. Each page is written
 * (its own byte back): a page read back from swap keeps its slot in the
 * swap cache until it is written (as on Linux), so a read alone would
 * leave slots in use. The image is made writable for that, once and for
 * good (a page at a time where a hole between segments refuses it).
 */
extern char __executable_start[], _end[];

static void touch_own_pages(char **argv)
{
	const int rwx = PROT_READ | PROT_WRITE | PROT_EXEC;
	volatile char *p;
	char here;

	if (mprotect(__executable_start, (size_t)(_end - __executable_start), rwx))
		for (p = __executable_start; p < _end; p += 4096)
			mprotect((char *)p, 4096, rwx);
	for (p = __executable_start; p < _end; p += 4096)
		*p = *p;
	for (p = &here; p < argv[0]; p += 4096)
		*p = *p;
	*(volatile char *)argv[0] = *argv[0];
}

int main(int argc, char **argv)
{
	unsigned long mem0, swap0, cached0, mem1, swap1, cached1;
	int status = 0, result = 0;
	pid_t pid, child;

	if (argc < 2) {
		fprintf(stderr, "usage: leakcheck PROG [ARG]...\n");
		return 2;
	}
	touch_own_pages(argv);
	mem0 = meminfo("MemFree");
	swap0 = meminfo("SwapFree");
	cached0 = meminfo("SwapCached");
	child = fork();
	if (child == 0) {
		execv(argv[1], argv + 1);
		fprintf(stderr, "leakcheck: %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	while ((pid = wait(&status)) > 0) /* the program, then any orphans */
		if (pid == child)
			result = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	touch_own_pages(argv);
	meminfo("MemFree"); /* the buffers it uses are back in memory too */
	mem1 = meminfo("MemFree");
	swap1 = meminfo("SwapFree");
	cached1 = meminfo("SwapCached");
	printf(
	    "leakcheck: MemFree %lu kB -> %lu kB, SwapFree %lu kB -> %lu kB, SwapCached %lu kB -> "
	    "%lu kB\n",
	    mem0, mem1, swap0, swap1, cached0, cached1);
	if (mem1 != mem0 || swap1 != swap0) {
		printf("leakcheck: LEAK of %ld kB of memory and %ld kB of swap\n",
		       (long)(mem0 - mem1), (long)(swap0 - swap1));
		return 98;
	}
	return result;
}
