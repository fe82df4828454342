/*
 * mount: with no arguments, list the mounted file systems as util-linux's
 * mount does ("/dev/sda on /mnt type ext2 (rw,relatime)"). Otherwise
 * mount [-r] [-t ext2] [-o OPTIONS] DEVICE DIR: "ro", "rw" and "remount"
 * become mount(2) flags, the rest goes to the file system ("errors=...").
 * mount -o remount,ro DIR changes a mounted file system.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include "procfs.h"

static int list_mounts(void)
{
	static char text[8192];
	char *s = text, *line;

	if (read_text_file("/proc/mounts", text, sizeof(text)) < 0) {
		perror("mount: /proc/mounts");
		return 1;
	}
	while ((line = strsep(&s, "\n")) && *line) {
		char *dev = strsep(&line, " "), *dir = strsep(&line, " "),
		     *type = strsep(&line, " ");
		char *opts = strsep(&line, " ");

		if (opts)
			printf("%s on %s type %s (%s)\n", dev, dir, type, opts);
	}
	return 0;
}

/* Split -o's list: flags out, the rest into data (comma-separated). */
static unsigned long parse_opts(char *opts, char *data, size_t size)
{
	unsigned long flags = 0;
	char *opt;

	data[0] = '\0';
	while ((opt = strsep(&opts, ","))) {
		if (!strcmp(opt, "ro"))
			flags |= MS_RDONLY;
		else if (!strcmp(opt, "rw"))
			flags &= ~(unsigned long)MS_RDONLY;
		else if (!strcmp(opt, "remount"))
			flags |= MS_REMOUNT;
		else if (*opt && strlen(data) + strlen(opt) + 2 < size) {
			if (*data)
				strcat(data, ",");
			strcat(data, opt);
		}
	}
	return flags;
}

int main(int argc, char **argv)
{
	const char *type = "ext2";
	char data[256] = "";
	unsigned long flags = 0;
	int i = 1;

	if (argc == 1)
		return list_mounts();
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-r"))
			flags |= MS_RDONLY;
		else if (!strcmp(argv[i], "-t") && i + 1 < argc)
			type = argv[++i];
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			flags |= parse_opts(argv[++i], data, sizeof(data));
		else
			break;
	}
	if ((flags & MS_REMOUNT) && i == argc - 1) {
		if (mount(NULL, argv[i], NULL, flags, NULL) < 0) {
			fprintf(stderr, "mount: %s: %s.\n", argv[i], strerror(errno));
			return 32;
		}
		return 0;
	}
	if (i != argc - 2) {
		fprintf(stderr, "Usage: mount [-r] [-t ext2] [-o OPTIONS] DEVICE DIR\n");
		return 1;
	}
	if (mount(argv[i], argv[i + 1], type, flags, *data ? data : NULL) < 0) {
		fprintf(stderr, "mount: %s: %s.\n", argv[i + 1], strerror(errno));
		return 32; /* util-linux: mount failure */
	}
	return 0;
}
