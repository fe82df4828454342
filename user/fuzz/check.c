/*
 * The end of a fuzz run: what the workers took must come back. Before the
 * workers start, baseline_take notes free pages (/proc/vmstat
 * nr_free_pages), free swap (/proc/meminfo SwapFree) and every value in
 * /proc/sys/vm; afterwards baseline_check puts back what workers wrote
 * there, turns the swap area back on if a worker's swapoff took it, and
 * removes the scratch tree, so what is left to compare is leaks: pages
 * and swap slots nothing owns any more. Init's own pages may sit in swap
 * at the end (the workers pressed on memory), and a page read back keeps
 * its slot while it is in the swap cache: both own their slots, and the
 * check counts them out.
 */
#include <dirent.h>
#include <fcntl.h>
#include <procfs.h>
#include <stdio.h>
#include <string.h>
#include <sys/swap.h>
#include <unistd.h>

#include "fuzz.h"

static char text[8192];

static unsigned long field(const char *path, const char *name)
{
	unsigned long v = 0;

	if (read_text_file(path, text, sizeof(text)) >= 0)
		proc_field(text, name, &v);
	return v;
}

/* Free pages once memory is quiet: drop what caches hold, give kswapd a moment. */
static void measure(struct baseline *b)
{
	write_text_file("/proc/sys/vm/drop_caches", "3");
	usleep(200000);
	b->free_pages = field("/proc/vmstat", "nr_free_pages");
	b->swap_free_kb = field("/proc/meminfo", "SwapFree:");
	b->swap_owned_kb =
	    field("/proc/meminfo", "SwapCached:") + field("/proc/self/status", "VmSwap:");
	b->swap_used_kb = field("/proc/meminfo", "SwapTotal:") - b->swap_free_kb;
}

/* Swap in use that no one owns: not this process's (VmSwap), not a page in the swap cache. */
static long swap_leaked_kb(const struct baseline *b)
{
	return (long)b->swap_used_kb - (long)b->swap_owned_kb;
}

void baseline_take(struct baseline *b)
{
	DIR *d = opendir("/proc/sys/vm");
	struct dirent *e;
	char path[128], *nl;
	int i;

	memset(b, 0, sizeof(*b));
	if (read_text_file("/proc/swaps", text, sizeof(text)) >= 0 && (nl = strchr(text, '\n')))
		for (i = 0; i < 63 && nl[1 + i] && nl[1 + i] != ' ' && nl[1 + i] != '\n'; i++)
			b->swapdev[i] = nl[1 + i]; /* the first area's name */
	while (d && (e = readdir(d)) && b->nsysctl < 16) {
		snprintf(path, sizeof(path), "/proc/sys/vm/%s", e->d_name);
		if (e->d_name[0] == '.' || read_text_file(path, text, sizeof(text)) <= 0)
			continue; /* write-only (drop_caches) or unreadable */
		snprintf(b->sysctl[b->nsysctl++], 64, "%s %s", e->d_name, text);
	}
	if (d)
		closedir(d);
	measure(b);
}

static void restore_sysctls(const struct baseline *b)
{
	char path[128];
	int i;

	for (i = 0; i < b->nsysctl; i++) {
		const char *sp = strchr(b->sysctl[i], ' ');

		snprintf(path, sizeof(path), "/proc/sys/vm/%.*s", (int)(sp - b->sysctl[i]),
			 b->sysctl[i]);
		write_text_file(path, sp + 1);
	}
}

/* rm -r dir; the number of entries that could not be removed. */
static int remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];
	int left = 0;

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_type == DT_DIR)
			left += remove_tree(path);
		else if (unlink(path))
			left++;
	}
	if (d)
		closedir(d);
	return left + (rmdir(dir) != 0);
}

int baseline_check(struct baseline *b, unsigned long bound, const char *scratch)
{
	struct baseline end;
	int failed = 0;

	restore_sysctls(b);
	if (b->swapdev[0] && swapon(b->swapdev, 0) == 0) /* EBUSY if it is still on */
		printf("fuzz: %s was off (a worker's swapoff): on again\n", b->swapdev);
	chdir("/");
	if (remove_tree(scratch))
		printf("fuzz: could not remove all of %s\n", scratch);
	memset(&end, 0, sizeof(end));
	measure(&end);
	printf(
	    "fuzz: free pages %lu -> %lu (bound: at most %lu fewer); swap in use %lu kB -> %lu kB, "
	    "of it owned by init or the swap cache %lu kB -> %lu kB (bound: no more unowned)\n",
	    b->free_pages, end.free_pages, bound, b->swap_used_kb, end.swap_used_kb,
	    b->swap_owned_kb, end.swap_owned_kb);
	if (end.free_pages + bound < b->free_pages) {
		printf("fuzz: FAIL: %lu pages not given back\n", b->free_pages - end.free_pages);
		failed = 1;
	}
	if (swap_leaked_kb(&end) > swap_leaked_kb(b)) {
		printf("fuzz: FAIL: %ld kB of swap not given back; /proc/swaps:\n",
		       swap_leaked_kb(&end) - swap_leaked_kb(b));
		if (read_text_file("/proc/swaps", text, sizeof(text)) >= 0)
			printf("%s", text);
		failed = 1;
	}
	return failed;
}
