/*
 * gdbtarget: memory state for the gdb helpers to look at
 * (tools/gdb/tidemark_*.py, tests/system/test_gdb_helpers.py).
 *
 *   gdbtarget [MB]    (default 40; more than RAM, so that OLD goes to swap)
 *
 * Two private anonymous areas at fixed addresses, so a gdb script written
 * in advance knows where to look:
 *
 *   OLD_BASE  OLD_PAGES pages; page i < OLD_PAGES - 1 is written with the
 *             line "gdbtarget old page i", the last one is never touched
 *   NEW_BASE  MB MiB, every page written in order with "gdbtarget new page i"
 *
 * OLD is written first, so on a boot with less RAM than MB its pages are
 * the oldest on the LRU lists and go to swap while NEW is written; the last
 * page of NEW, written last, is in memory. Then it sleeps a second (kswapd
 * and the disk settle) and prints /proc/buddyinfo, /proc/zoneinfo,
 * /proc/vmstat and /proc/self/status, each read once, in that order, under
 * a "==> FILE <==" heading (head(1)'s). A debugger that breaks in the
 * functions that print them (frag_show, zoneinfo_show, vmstat_show,
 * proc_pid_status) sees the kernel exactly as the file describes it.
 * Exits 0, or 1 if an mmap fails.
 */
#include <procfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL
#define OLD_BASE 0x60000000UL
#define OLD_PAGES 16UL
#define NEW_BASE 0x70000000UL

static char text[16384]; /* bss, touched before the reads: no fault while reading */

static char *map_at(unsigned long addr, unsigned long bytes)
{
	void *p = mmap((void *)addr, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (p == MAP_FAILED) {
		printf("gdbtarget: mmap of %lu bytes at %#lx failed\n", bytes, addr);
		exit(1);
	}
	return p;
}

static void show(const char *path)
{
	if (read_text_file(path, text, sizeof(text)) < 0) {
		printf("gdbtarget: cannot read %s\n", path);
		exit(1);
	}
	printf("==> %s <==\n%s", path, text);
}

int main(int argc, char **argv)
{
	unsigned long mb = argc > 1 ? strtoul(argv[1], NULL, 10) : 40;
	unsigned long i, new_pages = (mb << 20) / PAGE;
	char *old = map_at(OLD_BASE, OLD_PAGES * PAGE);
	char *new = map_at(NEW_BASE, new_pages * PAGE);

	for (i = 0; i < OLD_PAGES - 1; i++)
		snprintf(old + i * PAGE, PAGE, "gdbtarget old page %lu", i);
	for (i = 0; i < new_pages; i++)
		snprintf(new + i *PAGE, PAGE, "gdbtarget new page %lu", i);
	memset(text, 0, sizeof(text));
	printf("gdbtarget: old %#lx (%lu pages, the last untouched), new %#lx (%lu pages)\n",
	       OLD_BASE, OLD_PAGES, NEW_BASE, new_pages);
	sleep(1);
	show("/proc/buddyinfo");
	show("/proc/zoneinfo");
	show("/proc/vmstat");
	show("/proc/self/status");
	return 0;
}
