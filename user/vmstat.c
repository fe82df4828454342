/*
 * vmstat: procps's one-line-per-interval summary.
 *
 *   vmstat [delay [count]]
 *
 * procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
 *  r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
 *  1  0      0 117680      0      0    0    0     0     0   12    0  0  0 100  0  0
 *
 * Sources: r from /proc/stat's procs_running, b counts processes in
 * state D, memory from /proc/meminfo (swpd = SwapTotal - SwapFree, cache =
 * Cached + SReclaimable), si/so from pswpin/pswpout and bi/bo from
 * pgpgin/pgpgout in /proc/vmstat (KiB per second), in = interrupts per
 * second from /proc/interrupts, cs = context switches per second and the
 * cpu columns from /proc/stat: the share of the interval's ticks spent in
 * user mode (us: user + nice), in the kernel (sy: system + irq + softirq),
 * idle (id), idle waiting for the disk (wa) and stolen (st), rounded as
 * procps rounds them. The first line averages over the time since boot, as
 * procps's does.
 */
#include <dirent.h>
#include <procfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sample {
	unsigned long pswpin, pswpout, pgpgin, pgpgout, irqs, ctxt;
	unsigned long long cpu[5]; /* us sy id wa st, in ticks */
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

/* /proc/stat's cpu line folded into vmstat's five columns, and ctxt. */
static void read_proc_stat(struct sample *s)
{
	unsigned long long v[8] = { 0 }; /* user nice system idle iowait irq softirq steal */
	char *p;
	int i;

	if (read_text_file("/proc/stat", text, sizeof(text)) <= 0 || strncmp(text, "cpu ", 4))
		return;
	p = text + 4;
	for (i = 0; i < 8; i++)
		v[i] = strtoull(p, &p, 10);
	s->cpu[0] = v[0] + v[1];
	s->cpu[1] = v[2] + v[5] + v[6];
	s->cpu[2] = v[3];
	s->cpu[3] = v[4];
	s->cpu[4] = v[7];
	if ((p = strstr(text, "\nctxt ")))
		s->ctxt = strtoul(p + 6, NULL, 10);
}

static unsigned long procs_running(void)
{
	char *p;

	if (read_text_file("/proc/stat", text, sizeof(text)) <= 0 ||
	    !(p = strstr(text, "\nprocs_running ")))
		return 0;
	return strtoul(p + 15, NULL, 10);
}

static void take_sample(struct sample *s)
{
	read_proc_stat(s);
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

/* Percentages of the ticks between then and now, rounded as procps's vmstat does. */
static void cpu_percent(const struct sample *now, const struct sample *then, unsigned int pct[5])
{
	unsigned long long d[5], total = 0;
	int i;

	for (i = 0; i < 5; i++)
		total += d[i] = now->cpu[i] - then->cpu[i];
	for (i = 0; i < 5; i++)
		pct[i] =
		    total ? (unsigned int)((100 * d[i] + total / 2) / total) : (i == 2 ? 100 : 0);
}

static void print_line(const struct sample *now, const struct sample *then, unsigned long secs)
{
	unsigned long swpd, running = procs_running();
	unsigned int pct[5];

	if (!secs)
		secs = 1;
	cpu_percent(now, then, pct);
	read_text_file("/proc/meminfo", text, sizeof(text));
	swpd = field("SwapTotal:") - field("SwapFree:");
	printf("%2lu %2u %6lu %6lu %6lu %6lu %4lu %4lu %5lu %5lu %4lu %4u %2u %2u %2u %2u %2u\n",
	       running, count_blocked(), swpd, field("MemFree:"), field("Buffers:"),
	       field("Cached:") + field("SReclaimable:"), (now->pswpin - then->pswpin) * 4 / secs,
	       (now->pswpout - then->pswpout) * 4 / secs, (now->pgpgin - then->pgpgin) / secs,
	       (now->pgpgout - then->pgpgout) / secs, (now->irqs - then->irqs) / secs,
	       (unsigned int)((now->ctxt - then->ctxt) / secs), pct[0], pct[1], pct[2], pct[3],
	       pct[4]);
}

int main(int argc, char **argv)
{
	struct sample zero = { 0 }, prev, now;
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
	printf(
	    "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n");
	printf(
	    " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n");
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
