/* TAP lines for the user test programs, and their file helpers (see tap.h). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <tap.h>
#include <unistd.h>

static int tests, failures;

/* One check: ok or not ok, numbered in order. */
void tap_check(int ok, const char *what)
{
	tests++;
	if (!ok)
		failures++;
	printf("%sok %d - %s\n", ok ? "" : "not ", tests, what);
}

/* The plan and the summary line; the exit status for main. */
int tap_done(const char *prog)
{
	printf("1..%d\n# %s: %d passed, %d failed\n", tests, prog, tests - failures, failures);
	return failures ? 1 : 0;
}

int make_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int ok = fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text);

	if (fd >= 0)
		close(fd);
	return ok;
}

const char *contents(const char *path)
{
	static char buf[64];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}
