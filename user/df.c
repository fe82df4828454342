/*
 * df [PATH...]: space on the file systems in 1K-blocks, as coreutils' df
 * prints it. Without arguments every disk file system and tmpfs in
 * /proc/mounts; with them the file system holding each path.
 */
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>

#include "procfs.h"

static void show(const char *dev, const char *dir, const char *path)
{
	struct statfs st;
	unsigned long long k, total, avail, used, pct;

	if (statfs(path, &st) < 0) {
		perror(path);
		return;
	}
	k = st.f_bsize / 1024;
	total = st.f_blocks * k;
	avail = st.f_bavail * k;
	used = (st.f_blocks - st.f_bfree) * k;
	pct = used + avail ? (used * 100 + used + avail - 1) / (used + avail) : 0;
	printf("%-14s %9llu %9llu %9llu %3llu%% %s\n", dev, total, used, avail, pct, dir);
}

int main(int argc, char **argv)
{
	static char text[8192];
	char *s = text, *line;
	int i;

	if (read_text_file("/proc/mounts", text, sizeof(text)) < 0) {
		perror("df: /proc/mounts");
		return 1;
	}
	printf("Filesystem     1K-blocks      Used Available Use%% Mounted on\n");
	while ((line = strsep(&s, "\n")) && *line) {
		char *dev = strsep(&line, " "), *dir = strsep(&line, " "),
		     *type = strsep(&line, " ");
		int shown = type && (!strcmp(type, "ext2") || !strcmp(type, "tmpfs"));
		int want = argc == 1 && shown;

		if (!type)
			continue;

		for (i = 1; i < argc; i++) {
			struct statfs a, b;

			if (!statfs(argv[i], &a) && !statfs(dir, &b) &&
			    a.f_fsid[0] == b.f_fsid[0] && a.f_type == b.f_type && shown)
				want = 1;
		}
		if (want)
			show(dev, dir, dir);
	}
	return 0;
}
