/*
 * vmstat: procps's one-line-per-interval summary.
 *
 *   vmstat [delay [count]]
 *
 * procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
 *  r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
 *  1  0      0 117680      0      0    0    0     0     0   12    0  0  0 100  0  0
 *
 * Sources: r from /proc/loadavg, b counts processes in state D, memory
 * from /proc/meminfo (swpd = SwapTotal - SwapFree, cache = Cached +
 * SReclaimable), si/so from pswpin/pswpout and bi/bo from pgpgin/pgpgout
 * in /proc/vmstat (KiB per second; 0 where the kernel has no such counter
 * yet), in = interrupts per second from /proc/interrupts. Tidemark keeps
 * no CPU time or context-switch totals (no /proc/stat), so cs is 0 and the
 * cpu columns read as procps prints them when no ticks elapsed: id 100.
 * The first line averages over the time since boot, as procps's does.
 */
#include <dirent.h>
#include <procfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sample {
	unsigned long pswpin, pswpout, pgpgin, pgpgout, irqs;
};

static char text[16384];

static unsigned long field(const char *name)
{
	unsigned long v = 0;

	proc_field(text, name, &v);
	return v;
}

/* Total of the CPU0 column of /proc/interrupts. */
static unsigned long count_irqs(void)
{
	unsigned long total = 0;
	char *line;

	if (read_text_file("/proc/interrupts", text, sizeof(text)) <= 0)
		return 0;
	for (line = strchr(text, '\n'); line; line = strchr(line + 1, '\n')) {
		char *colon = strchr(line, ':');

		if (colon && colon < strchr(line + 1, '\n'))
			total += strtoul(colon + 1, NULL, 10);
	}
	return total;
}

static void take_sample(struct sample *s)
{
	read_text_file("/proc/vmstat", text, sizeof(text));
	s->pswpin = field("pswpin");
	s->pswpout = field("pswpout");
	s->pgpgin = field("pgpgin");
	s->pgpgout = field("pgpgout");
	s->irqs = count_irqs();
}

static unsigned int count_blocked(void)
{
	unsigned int n = 0;
	struct dirent *d;
	DIR *dir = opendir("/proc");
	char path[64], stat[512];

	if (!dir)
		return 0;
	while ((d = readdir(dir))) {
		char *end;

		if (atoi(d->d_name) <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", d->d_name);
		if (read_text_file(path, stat, sizeof(stat)) > 0 && (end = strrchr(stat, ')')) &&
		    end[2] == 'D')
			n++;
	}
	closedir(dir);
	return n;
}

static void print_line(const struct sample *now, const struct sample *then, unsigned long secs)
{
	unsigned long swpd, running = 0;
	char *slash;

	if (!secs)
		secs = 1;
	if (read_text_file("/proc/loadavg", text, sizeof(text)) > 0 && (slash = strchr(text, '/'))) {
		while (slash > text && slash[-1] != ' ')
			slash--;
		running = strtoul(slash, NULL, 10);
	}
	read_text_file("/proc/meminfo", text, sizeof(text));
	swpd = field("SwapTotal:") - field("SwapFree:");
	printf("%2lu %2u %6lu %6lu %6lu %6lu %4lu %4lu %5lu %5lu %4lu %4u %2u %2u %2u %2u %2u\n",
	       running, count_blocked(), swpd, field("MemFree:"), field("Buffers:"),
	       field("Cached:") + field("SReclaimable:"),
	       (now->pswpin - then->pswpin) * 4 / secs, (now->pswpout - then->pswpout) * 4 / secs,
	       (now->pgpgin - then->pgpgin) / secs, (now->pgpgout - then->pgpgout) / secs,
	       (now->irqs - then->irqs) / secs, 0U, 0U, 0U, 100U, 0U, 0U);
}

int main(int argc, char **argv)
{
	struct sample zero = {0}, prev, now;
	unsigned long delay = 0, count = 1, uptime, i;

	if (argc > 1) {
		delay = strtoul(argv[1], NULL, 10);
		count = argc > 2 ? strtoul(argv[2], NULL, 10) : (unsigned long)-1;
		if (!delay) {
			fprintf(stderr, "vmstat: delay must be positive\n");
			return 1;
		}
	}
	read_text_file("/proc/uptime", text, sizeof(text));
	uptime = strtoul(text, NULL, 10);
	printf("procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n");
	printf(" r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n");
	take_sample(&now);
	print_line(&now, &zero, uptime);
	for (i = 1; i < count; i++) {
		prev = now;
		sleep((unsigned int)delay);
		take_sample(&now);
		print_line(&now, &prev, delay);
	}
	return 0;
}
