/* sleep SECONDS: pause; SECONDS may have a fraction ("0.25"). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec ts = { 0, 0 };
	const char *p;
	long scale = 100000000;

	if (argc != 2 || !isdigit(argv[1][0]))
		goto usage;
	for (p = argv[1]; isdigit(*p); p++)
		ts.tv_sec = ts.tv_sec * 10 + (*p - '0');
	if (*p == '.')
		for (p++; isdigit(*p); p++, scale /= 10)
			ts.tv_nsec += (*p - '0') * scale;
	if (*p)
		goto usage;
	while (nanosleep(&ts, &ts) < 0) {
		if (errno != EINTR) { /* EINTR: sleep for what is left */
			perror("sleep");
			return 1;
		}
	}
	return 0;
usage:
	fprintf(stderr, "usage: sleep SECONDS\n");
	return 1;
}
