/*
 * overcommit: vm.overcommit_memory's three policies, from user space.
 *
 *   overcommit 0   a private writable mapping larger than RAM + swap fails
 *                  (ENOMEM); one just under RAM succeeds
 *   overcommit 1   a 2 GiB private writable mapping succeeds; touching a few
 *                  pages of it works (it is sparse)
 *   overcommit 2   with overcommit_ratio 50: a mapping past CommitLimit -
 *                  Committed_AS fails with ENOMEM, half of what is left
 *                  succeeds, and Committed_AS shows the charge
 *
 * Each sets /proc/sys/vm/overcommit_memory itself, prints PASS/FAIL lines
 * and exits with the number of failures.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int failures;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (cond) {                                                                        \
			printf("PASS ");                                                           \
		} else {                                                                           \
			printf("FAIL ");                                                           \
			failures++;                                                                \
		}                                                                                  \
		printf(__VA_ARGS__);                                                               \
		printf("\n");                                                                      \
	} while (0)

static unsigned long meminfo_kb(const char *name)
{
	static char buf[4096];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);
	size_t len = strlen(name);
	char *p;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	for (p = buf; (p = strstr(p, name)) != NULL; p += len)
		if ((p == buf || p[-1] == '\n') && p[len] == ':')
			return strtoul(p + len + 1, NULL, 10);
	return 0;
}

static void set_vm(const char *knob, const char *value)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", knob);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, value, strlen(value)) != (ssize_t)strlen(value)) {
		printf("FAIL cannot set vm.%s=%s\n", knob, value);
		exit(1);
	}
	close(fd);
}

static void *map_kb(unsigned long kb)
{
	return mmap(NULL, kb << 10, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static void mode0(void)
{
	unsigned long ram = meminfo_kb("MemTotal"), swap = meminfo_kb("SwapTotal");
	void *p;

	set_vm("overcommit_memory", "0");
	errno = 0;
	p = map_kb(ram + swap + 1024);
	CHECK(p == MAP_FAILED && errno == ENOMEM, "mode 0: %lu kB > RAM + swap refused (errno %d)",
	      ram + swap + 1024, errno);
	p = map_kb(ram - 1024);
	CHECK(p != MAP_FAILED, "mode 0: %lu kB (just under RAM) accepted", ram - 1024);
	if (p != MAP_FAILED)
		munmap(p, (ram - 1024) << 10);
}

static void mode1(void)
{
	unsigned long kb = 2UL << 20; /* 2 GiB */
	char *p;
	unsigned long i;

	set_vm("overcommit_memory", "1");
	p = map_kb(kb);
	CHECK(p != MAP_FAILED, "mode 1: 2 GiB mapping accepted");
	if (p == MAP_FAILED)
		return;
	for (i = 0; i < (kb << 10); i += 256UL << 20) /* one page every 256 MiB */
		p[i] = 1;
	CHECK(p[0] == 1 && p[256UL << 20] == 1, "mode 1: sparse pages of it usable");
	munmap(p, kb << 10);
	set_vm("overcommit_memory", "0");
}

static void mode2(void)
{
	unsigned long limit, committed, left;
	void *p;

	set_vm("overcommit_ratio", "50");
	set_vm("overcommit_memory", "2");
	limit = meminfo_kb("CommitLimit");
	committed = meminfo_kb("Committed_AS");
	left = limit > committed ? limit - committed : 0;
	errno = 0;
	p = map_kb(left + 1024);
	CHECK(p == MAP_FAILED && errno == ENOMEM,
	      "mode 2: %lu kB past CommitLimit %lu kB - Committed_AS %lu kB refused (errno %d)",
	      left + 1024, limit, committed, errno);
	p = map_kb(left / 2);
	CHECK(p != MAP_FAILED, "mode 2: half of what is left (%lu kB) accepted", left / 2);
	CHECK(meminfo_kb("Committed_AS") >= committed + left / 2,
	      "mode 2: Committed_AS %lu kB includes the new %lu kB", meminfo_kb("Committed_AS"),
	      left / 2);
	if (p != MAP_FAILED)
		munmap(p, (left / 2) << 10);
	CHECK(meminfo_kb("Committed_AS") <= committed + 8, "mode 2: munmap gives the charge back");
	set_vm("overcommit_memory", "0");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: overcommit 0|1|2\n");
		return 2;
	}
	if (!strcmp(argv[1], "0"))
		mode0();
	else if (!strcmp(argv[1], "1"))
		mode1();
	else if (!strcmp(argv[1], "2"))
		mode2();
	printf("overcommit: %d failed\n", failures);
	return failures;
}
