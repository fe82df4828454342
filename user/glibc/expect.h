/*
 * The checks of user/glibc's shared-memory test programs (shmemtest,
 * shmtest): EXPECT(cond, fmt, ...) ends the program with
 * "FAIL PROG MODE: why (line N)" and status 1; the program calls
 * expect_start first. meminfo() reads one /proc/meminfo field in kB.
 */
#ifndef USER_GLIBC_EXPECT_H
#define USER_GLIBC_EXPECT_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *expect_prog, *expect_mode;

#define FAIL(...)                                                                                  \
	do {                                                                                       \
		printf("FAIL %s %s: ", expect_prog, expect_mode);                                  \
		printf(__VA_ARGS__);                                                               \
		printf(" (line %d)\n", __LINE__);                                                  \
		exit(1);                                                                           \
	} while (0)

#define EXPECT(cond, ...)                                                                          \
	do {                                                                                       \
		if (!(cond))                                                                       \
			FAIL(__VA_ARGS__);                                                         \
	} while (0)

/* Names the program and its mode (argv[1]) for FAIL lines; stdout unbuffered. */
static void expect_start(const char *prog, int argc, char **argv)
{
	expect_prog = prog;
	expect_mode = argc > 1 ? argv[1] : "?";
	setvbuf(stdout, NULL, _IONBF, 0);
}

/* The whole of a /proc file, NUL-terminated, in a static buffer (the next call reuses it). */
static char *read_text(const char *path)
{
	static char text[16384];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);

	if (fd >= 0)
		close(fd);
	if (n < 0)
		FAIL("cannot read %s", path);
	text[n] = '\0';
	return text;
}

/* The number after "name:" or "name " at a line start of path. */
static unsigned long field(const char *path, const char *name)
{
	char *text = read_text(path), *p;
	size_t len = strlen(name);

	for (p = text; (p = strstr(p, name)); p += len)
		if ((p == text || p[-1] == '\n') && (p[len] == ':' || p[len] == ' '))
			return strtoul(p + len + 1, NULL, 10);
	FAIL("no %s in %s", name, path);
}

static unsigned long meminfo(const char *name)
{
	return field("/proc/meminfo", name);
}

#endif
