/*
 * free: memory totals from /proc/meminfo in procps-ng 4's layout.
 *
 *                total        used        free      shared  buff/cache   available
 * Mem:          121700        4020      117680           0           0      117680
 * Swap:              0           0           0
 *
 * used = MemTotal - MemAvailable (procps-ng 4), buff/cache = Buffers +
 * Cached + SReclaimable, shared = Shmem. -k (default) kibibytes, -m
 * mebibytes, -h scaled with a unit (B, Ki, Mi, Gi; one decimal below 10).
 * -l adds procps's Low: and High: lines (total, used, free) from LowTotal,
 * LowFree, HighTotal and HighFree: on i386, what is left of low memory,
 * where page tables and kernel objects must live.
 */
#include <procfs.h>
#include <stdio.h>
#include <string.h>

enum unit { KIB, MIB, HUMAN };

static void print_size(unsigned long kb, enum unit unit)
{
	static const char units[] = "KMGT";
	unsigned long long bytes = (unsigned long long)kb * 1024, div = 1024;
	char buf[24];
	int i;

	if (unit == KIB) {
		printf("%12lu", kb);
		return;
	}
	if (unit == MIB) {
		printf("%12lu", kb / 1024);
		return;
	}
	if (bytes < 1024) {
		snprintf(buf, sizeof(buf), "%lluB", bytes);
		printf("%12s", buf);
		return;
	}
	for (i = 0; i < 4; i++, div *= 1024) {
		unsigned long long tenths = (bytes * 10 + div / 2) / div; /* %.1f rounds */

		if (tenths < 100) {
			snprintf(buf, sizeof(buf), "%llu.%llu%ci", tenths / 10, tenths % 10,
				 units[i]);
			break;
		}
		if (bytes / div < 1024 || i == 3) { /* whole units truncate, as procps's %ld */
			snprintf(buf, sizeof(buf), "%llu%ci", bytes / div, units[i]);
			break;
		}
	}
	printf("%12s", buf);
}

static unsigned long field(const char *text, const char *name)
{
	unsigned long v = 0;

	proc_field(text, name, &v);
	return v;
}

/* One line of free -l: total, used, free. */
static void print_lohi(const char *name, unsigned long total, unsigned long free, enum unit unit)
{
	printf("\n%-8s", name);
	print_size(total, unit);
	print_size(total - free, unit);
	print_size(free, unit);
}

int main(int argc, char **argv)
{
	static char text[8192];
	enum unit unit = KIB;
	unsigned long total, avail, swap_total, swap_free;
	int lohi = 0;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-k"))
			unit = KIB;
		else if (!strcmp(argv[i], "-m"))
			unit = MIB;
		else if (!strcmp(argv[i], "-h"))
			unit = HUMAN;
		else if (!strcmp(argv[i], "-l"))
			lohi = 1;
		else {
			fprintf(stderr, "Usage: free [-k|-m|-h] [-l]\n");
			return 1;
		}
	}
	if (read_text_file("/proc/meminfo", text, sizeof(text)) <= 0) {
		perror("free: /proc/meminfo");
		return 1;
	}
	total = field(text, "MemTotal:");
	avail = field(text, "MemAvailable:");
	swap_total = field(text, "SwapTotal:");
	swap_free = field(text, "SwapFree:");
	printf("%20s%12s%12s%12s%12s%12s\n", "total", "used", "free", "shared", "buff/cache",
	       "available");
	printf("%-8s", "Mem:");
	print_size(total, unit);
	print_size(total > avail ? total - avail : 0, unit);
	print_size(field(text, "MemFree:"), unit);
	print_size(field(text, "Shmem:"), unit);
	print_size(field(text, "Buffers:") + field(text, "Cached:") + field(text, "SReclaimable:"),
		   unit);
	print_size(avail, unit);
	if (lohi) {
		print_lohi("Low:", field(text, "LowTotal:"), field(text, "LowFree:"), unit);
		print_lohi("High:", field(text, "HighTotal:"), field(text, "HighFree:"), unit);
	}
	printf("\n%-8s", "Swap:");
	print_size(swap_total, unit);
	print_size(swap_total - swap_free, unit);
	print_size(swap_free, unit);
	printf("\n");
	return 0;
}
