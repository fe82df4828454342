/* cat [FILE]...: copy the files (or stdin, or "-") to stdout. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Copies fd to stdout; returns 0, or -1 with errno set. */
static int copy(int fd)
{
	char buf[4096];

	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf)), done = 0;

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n;
		while (done < n) {
			ssize_t w = write(STDOUT_FILENO, buf + done, n - done);

			if (w < 0)
				return -1;
			done += w;
		}
	}
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return copy(STDIN_FILENO) ? 1 : 0;
	for (int i = 1; i < argc; i++) {
		int fd = strcmp(argv[i], "-") ? open(argv[i], O_RDONLY) : STDIN_FILENO;

		if (fd < 0 || copy(fd) < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
		if (fd > STDIN_FILENO)
			close(fd);
	}
	return status;
}
