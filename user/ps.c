/*
 * ps: the processes in /proc, one line each, procps style.
 *
 *   ps                default columns: pid ppid stat rss vsz swap args
 *   ps -o pid,oom_score,oom_score_adj,comm   chosen columns, in that order
 *
 * Columns (header, source): pid PID, ppid PPID, stat/s/state S (stat field 3),
 * rss RSS and vsz VSZ in KiB (stat fields 24 and 23), swap SWAP in KiB
 * (VmSwap in status), comm COMMAND (the name in stat), args/command/cmd
 * COMMAND (cmdline, NULs shown as spaces; [comm] for a kernel thread),
 * oom_score OOM and oom_score_adj OOMADJ (the /proc files; procps's names
 * oom and oomadj are accepted too). Widths are procps's for a pid_max of
 * 32768 (PID 5); wider values push the line right, as in procps.
 */
#include <dirent.h>
#include <procfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct column {
	const char *name, *alias, *header;
	int width; /* > 0 right-aligned, < 0 left (last column: unpadded) */
};

static const struct column columns[] = {
	{ "pid", NULL, "PID", 5 },
	{ "ppid", NULL, "PPID", 5 },
	{ "stat", "s", "S", -1 },
	{ "state", NULL, "S", -1 },
	{ "rss", NULL, "RSS", 5 },
	{ "vsz", NULL, "VSZ", 6 },
	{ "swap", NULL, "SWAP", 5 },
	{ "comm", NULL, "COMMAND", -15 },
	{ "args", "command", "COMMAND", -1 },
	{ "cmd", NULL, "COMMAND", -1 },
	{ "oom_score", "oom", "OOM", 4 },
	{ "oom_score_adj", "oomadj", "OOMADJ", 6 },
};

struct proc {
	int pid, ppid;
	char state;
	char comm[32];
	unsigned long vsz_kb, rss_kb, swap_kb;
	char args[256];
	char oom_score[16], oom_score_adj[16];
};

static const struct column *find_column(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		if (!strcmp(name, columns[i].name) ||
		    (columns[i].alias && !strcmp(name, columns[i].alias)))
			return &columns[i];
	return NULL;
}

/* Fill p from /proc/PID/{stat,status,cmdline,oom_*}; 0 or -1 if the process is gone. */
static int read_proc(int pid, struct proc *p)
{
	char path[64], text[2048];
	const char *s, *end;
	unsigned long v;
	ssize_t n;
	int field;

	memset(p, 0, sizeof(*p));
	p->pid = pid;
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_text_file(path, text, sizeof(text)) <= 0)
		return -1;
	s = strchr(text, '(');
	end = strrchr(text, ')');
	if (!s || !end)
		return -1;
	snprintf(p->comm, sizeof(p->comm), "%.*s", (int)(end - s - 1), s + 1);
	s = end + 2;
	p->state = *s;
	/* field 4 ppid ... field 23 vsize (bytes), 24 rss (pages) */
	for (field = 3; *s && field < 24; field++) {
		s = strchr(s, ' ');
		if (!s)
			break;
		s++;
		v = strtoul(s, NULL, 10);
		if (field + 1 == 4)
			p->ppid = (int)v;
		else if (field + 1 == 23)
			p->vsz_kb = v / 1024;
		else if (field + 1 == 24)
			p->rss_kb = v * 4;
	}
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (read_text_file(path, text, sizeof(text)) > 0 && !proc_field(text, "VmSwap:", &v))
		p->swap_kb = v;
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	n = read_text_file(path, p->args, sizeof(p->args));
	if (n > 0) {
		ssize_t i;

		while (n > 0 && p->args[n - 1] == '\0')
			n--;
		for (i = 0; i < n; i++)
			if (p->args[i] == '\0')
				p->args[i] = ' ';
		p->args[n] = '\0';
	} else {
		snprintf(p->args, sizeof(p->args), "[%s]", p->comm);
	}
	snprintf(path, sizeof(path), "/proc/%d/oom_score", pid);
	read_text_file(path, p->oom_score, sizeof(p->oom_score));
	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", pid);
	read_text_file(path, p->oom_score_adj, sizeof(p->oom_score_adj));
	p->oom_score[strcspn(p->oom_score, "\n")] = '\0';
	p->oom_score_adj[strcspn(p->oom_score_adj, "\n")] = '\0';
	return 0;
}

static void print_cell(const struct column *c, const char *text, int last)
{
	if (c->width > 0)
		printf("%*s", c->width, text);
	else if (last)
		printf("%s", text);
	else
		printf("%-*s", -c->width, text);
}

static void print_row(const struct column **cols, int n, const struct proc *p)
{
	char buf[32];
	int i;

	for (i = 0; i < n; i++) {
		const char *name = cols[i]->name, *text = buf;

		if (i)
			putchar(' ');
		if (!p)
			text = cols[i]->header;
		else if (!strcmp(name, "pid"))
			snprintf(buf, sizeof(buf), "%d", p->pid);
		else if (!strcmp(name, "ppid"))
			snprintf(buf, sizeof(buf), "%d", p->ppid);
		else if (!strcmp(name, "stat") || !strcmp(name, "state"))
			snprintf(buf, sizeof(buf), "%c", p->state);
		else if (!strcmp(name, "rss"))
			snprintf(buf, sizeof(buf), "%lu", p->rss_kb);
		else if (!strcmp(name, "vsz"))
			snprintf(buf, sizeof(buf), "%lu", p->vsz_kb);
		else if (!strcmp(name, "swap"))
			snprintf(buf, sizeof(buf), "%lu", p->swap_kb);
		else if (!strcmp(name, "comm"))
			text = p->comm;
		else if (!strcmp(name, "oom_score"))
			text = p->oom_score;
		else if (!strcmp(name, "oom_score_adj"))
			text = p->oom_score_adj;
		else
			text = p->args;
		print_cell(cols[i], text, i == n - 1);
	}
	putchar('\n');
}

/* "pid,ppid,comm" -> columns; number of columns or -1 on an unknown name. */
static int parse_format(char *list, const struct column **cols, int max)
{
	char *name;
	int n = 0;

	while ((name = strsep(&list, ",")) && n < max) {
		if (!*name)
			continue;
		cols[n] = find_column(name);
		if (!cols[n]) {
			fprintf(stderr, "error: unknown user-defined format specifier \"%s\"\n",
				name);
			return -1;
		}
		n++;
	}
	return n;
}

int main(int argc, char **argv)
{
	static char defaults[] = "pid,ppid,stat,rss,vsz,swap,args";
	const struct column *cols[16];
	struct dirent *d;
	struct proc p;
	int n, i;
	DIR *dir;

	n = parse_format(defaults, cols, 16);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			/* strsep writes NULs: split a copy, so /proc/self/cmdline keeps the commas
			 */
			char *list = strdup(argv[++i]);

			n = list ? parse_format(list, cols, 16) : -1;
			free(list);
		} else if (strcmp(argv[i], "-e") && strcmp(argv[i], "-A") &&
			   strcmp(argv[i], "ax")) {
			fprintf(stderr, "Usage: ps [-e] [-o col,col...]\n");
			return 1;
		}
		if (n < 0)
			return 1;
	}
	dir = opendir("/proc");
	if (!dir) {
		perror("ps: /proc");
		return 1;
	}
	print_row(cols, n, NULL);
	while ((d = readdir(dir))) {
		int pid = atoi(d->d_name);

		if (pid > 0 && !read_proc(pid, &p))
			print_row(cols, n, &p);
	}
	closedir(dir);
	return 0;
}
