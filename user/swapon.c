/*
 * swapon [-p PRIORITY] DEVICE...: start swapping on each DEVICE ("/dev/sda"),
 * as util-linux's swapon does (same flags and failure message). -p sets the
 * priority (0..32767) with SWAP_FLAG_PREFER; without it the kernel picks
 * the next default priority (-2, -3 ...). Exits 1 if any device failed.
 *
 * swapon with no argument, or --show, prints util-linux's table of the
 * swap areas in use, from /proc/swaps, sizes in its human units:
 *
 *   NAME     TYPE       SIZE USED PRIO
 *   /dev/sda partition   64M 1.5M   -2
 *
 * swapon -s (--summary) prints /proc/swaps itself, as util-linux does.
 */
#include <errno.h>
#include <procfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/swap.h>

#define MAX_AREAS 32

struct area {
	char name[64], type[16], size[16], used[16], prio[16];
};

/*
 * util-linux's size_to_human_string: the largest binary unit that fits,
 * one decimal rounded half up and dropped when it is 0 ("64M", "1.5M", "0B").
 */
static void human_size(unsigned long long bytes, char *buf, size_t size)
{
	static const char letters[] = "BKMGTPE";
	unsigned long long dec = bytes, frac = 0;
	int exp = 0;

	while (exp < 60 && bytes >= 1ULL << (exp + 10))
		exp += 10;
	if (exp) {
		dec = bytes >> exp;
		frac = (bytes & ((1ULL << exp) - 1)) * 1000 >> exp; /* three digits */
		frac = (frac + 50) / 100;			    /* one, rounded */
		if (frac == 10)
			dec++, frac = 0;
	}
	if (frac)
		snprintf(buf, size, "%llu.%llu%c", dec, frac, letters[exp / 10]);
	else
		snprintf(buf, size, "%llu%c", dec, letters[exp / 10]);
}

/* The areas listed in /proc/swaps; returns how many, or -1 if it cannot be read. */
static int read_areas(struct area *a, char *text, size_t size)
{
	char *line, *rest;
	int n = 0;

	if (read_text_file("/proc/swaps", text, size) < 0)
		return -1;
	rest = strchr(text, '\n'); /* past the header */
	while (rest && (line = strsep(&rest, "\n")) && n < MAX_AREAS) {
		unsigned long kb_size, kb_used;
		char *word[5], *p = line;
		int w = 0;

		while (w < 5 && (word[w] = strsep(&p, " \t")))
			if (*word[w])
				w++;
		if (w < 5)
			continue;
		kb_size = strtoul(word[2], NULL, 10);
		kb_used = strtoul(word[3], NULL, 10);
		snprintf(a[n].name, sizeof(a[n].name), "%s", word[0]);
		snprintf(a[n].type, sizeof(a[n].type), "%s", word[1]);
		human_size(kb_size * 1024ULL, a[n].size, sizeof(a[n].size));
		human_size(kb_used * 1024ULL, a[n].used, sizeof(a[n].used));
		snprintf(a[n].prio, sizeof(a[n].prio), "%s", word[4]);
		n++;
	}
	return n;
}

/* swapon --show: NAME and TYPE left-aligned, the rest right-aligned, as libsmartcols lays them out.
 */
static int show_table(void)
{
	static char text[8192];
	struct area a[MAX_AREAS];
	int w[5] = { 4, 4, 4, 4, 4 }, n = read_areas(a, text, sizeof(text)), i;

	if (n < 0) {
		fprintf(stderr, "swapon: /proc/swaps: %s\n", strerror(errno));
		return 1;
	}
	if (!n)
		return 0; /* util-linux prints nothing, not even the header */
	for (i = 0; i < n; i++) {
		const char *cell[5] = { a[i].name, a[i].type, a[i].size, a[i].used, a[i].prio };

		for (int c = 0; c < 5; c++)
			if ((int)strlen(cell[c]) > w[c])
				w[c] = (int)strlen(cell[c]);
	}
	printf("%-*s %-*s %*s %*s %*s\n", w[0], "NAME", w[1], "TYPE", w[2], "SIZE", w[3], "USED",
	       w[4], "PRIO");
	for (i = 0; i < n; i++)
		printf("%-*s %-*s %*s %*s %*s\n", w[0], a[i].name, w[1], a[i].type, w[2], a[i].size,
		       w[3], a[i].used, w[4], a[i].prio);
	return 0;
}

int main(int argc, char **argv)
{
	int flags = 0, status = 0, i = 1;

	if (argc == 1 || (argc == 2 && !strcmp(argv[1], "--show")))
		return show_table();
	if (argc == 2 && (!strcmp(argv[1], "-s") || !strcmp(argv[1], "--summary"))) {
		static char text[8192];

		if (read_text_file("/proc/swaps", text, sizeof(text)) < 0)
			return 1;
		fputs(text, stdout);
		return 0;
	}

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
