/*
 * swapon [-p PRIORITY] DEVICE...: start swapping on each DEVICE ("/dev/sda"),
 * as util-linux's swapon does (same flags and failure message). -p sets the
 * priority (0..32767) with SWAP_FLAG_PREFER; without it the kernel picks
 * the next default priority (-2, -3 ...). Exits 1 if any device failed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/swap.h>

int main(int argc, char **argv)
{
	int flags = 0, status = 0, i = 1;

	if (argc > 2 && !strcmp(argv[1], "-p")) {
		char *end;
		long prio = strtol(argv[2], &end, 10);

		if (*end || prio < 0 || prio > SWAP_FLAG_PRIO_MASK) {
			fprintf(stderr, "swapon: failed to parse priority: '%s'\n", argv[2]);
			return 1;
		}
		flags = SWAP_FLAG_PREFER | (int)prio;
		i = 3;
	}
	if (i >= argc) {
		fprintf(stderr, "Usage: swapon [-p PRIORITY] DEVICE...\n");
		return 1;
	}
	for (; i < argc; i++) {
		if (swapon(argv[i], flags) < 0) {
			fprintf(stderr, "swapon: %s: swapon failed: %s\n", argv[i],
				strerror(errno));
			status = 1;
		}
	}
	return status;
}
