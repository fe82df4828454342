/* umount DIR...: unmount each, with util-linux's messages ("target is busy."). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

int main(int argc, char **argv)
{
	int i, status = 0;

	if (argc < 2) {
		fprintf(stderr, "Usage: umount DIR...\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		if (umount(argv[i]) == 0)
			continue;
		if (errno == EBUSY)
			fprintf(stderr, "umount: %s: target is busy.\n", argv[i]);
		else if (errno == EINVAL)
			fprintf(stderr, "umount: %s: not mounted.\n", argv[i]);
		else
			fprintf(stderr, "umount: %s: %s.\n", argv[i], strerror(errno));
		status = 32;
	}
	return status;
}
