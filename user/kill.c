/* kill [-SIGNAL | -s SIGNAL] PID...: send a signal (default TERM); SIGNAL is a name or number. */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_signal(const char *s)
{
	if (isdigit(*s)) {
		char *end;
		long n = strtol(s, &end, 10);

		return *end || n < 0 || n >= NSIG ? -1 : (int)n;
	}
	return signum(s) ? signum(s) : -1;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (i < argc && !strcmp(argv[i], "-s") && i + 1 < argc)
		sig = parse_signal(argv[i + 1]), i += 2;
	else if (i < argc && argv[i][0] == '-' && argv[i][1])
		sig = parse_signal(argv[i] + 1), i++;
	if (sig < 0 || i == argc) {
		fprintf(stderr, "usage: kill [-SIGNAL | -s SIGNAL] PID...\n");
		return 2;
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);

		if (*end || end == argv[i]) {
			fprintf(stderr, "kill: %s: arguments must be process IDs\n", argv[i]);
			status = 1;
		} else if (kill(pid, sig) < 0) {
			fprintf(stderr, "kill: (%ld) - %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
