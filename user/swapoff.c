/*
 * swapoff DEVICE...: stop swapping on each DEVICE, as util-linux's swapoff
 * does (same failure message). Pages still in the area are brought back
 * into memory first (the kernel's try_to_unuse), as on Linux.
 * Exits 1 if any device failed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/swap.h>

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "Usage: swapoff DEVICE...\n");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		if (swapoff(argv[i]) < 0) {
			fprintf(stderr, "swapoff: %s: swapoff failed: %s\n", argv[i],
				strerror(errno));
			status = 1;
		}
	}
	return status;
}
