/*
 * sh: a small shell.
 *
 *   sh [-i] [-c COMMANDS | FILE]
 *
 * It reads commands line by line from FILE, from COMMANDS, or from stdin.
 * stdin is read one byte at a time, so a program the shell runs reads the
 * rest of stdin, not what the shell read ahead (as dash and bash do); a test
 * can therefore feed a script over the serial line. With -i (interactive;
 * init runs "sh -i") it prints the prompt "# " before each line and reports
 * background jobs' pids; without -i it prints no prompt, so a script's
 * output is exactly its commands' output.
 *
 * A line holds pipelines separated by ';', '&' (run the one before in the
 * background), '&&' (run the next only if this one succeeded) or '||' (only
 * if it failed). A pipeline is commands joined by '|', each with optional
 * redirections "< FILE", "> FILE", ">> FILE". Words are separated by blanks;
 * '...' quotes literally, "..." quotes with $ expansion, '\' escapes the
 * next character, '#' starts a comment.
 * Expansions: $? (status of the last foreground command: its exit code, or
 * 128+N after signal N), $$ (the shell's pid), $! (the last background pid),
 * $NAME (the environment). Builtins: cd [DIR], exit [N], wait. Everything
 * else is a program looked up in $PATH (default /bin); a pipeline's status
 * is its last command's. Builtins run in the shell itself and ignore
 * redirections. Not supported: variable assignment, globbing, control flow
 * (if, while), subshells.
 *
 * Background jobs: a job is the pipeline before a '&'. An interactive shell
 * prints "[1] 6" when one starts (job number, its last pid) and, before
 * the next prompt, "[1]+  Done                    sleep 5" (or "Exit 3",
 * "Killed") once it has ended; '+' marks the newest job, '-' the one before.
 * A SIGCHLD handler reaps a job's processes as soon as they end, so none
 * waits as a zombie for the next command. `wait` waits for every job.
 *
 * Signals: an interactive shell ignores SIGINT and SIGQUIT, so ^C at the
 * console (drivers/tty.c sends it to every process but init)
 * stops the foreground program but not the shell. Foreground programs get
 * the dispositions the shell started with back; background ones ('&')
 * ignore SIGINT and SIGQUIT, as POSIX asks of a shell without job control.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINE_MAX 1024
#define MAXARGS 64
#define MAXPIPE 8
#define MAXJOBS 16

static int interactive;
static struct sigaction inherited_int, inherited_quit; /* what the shell started with */
static int last_status;				       /* $? */
static pid_t last_bg;				       /* $! */

/* One command of a pipeline: argv and redirection targets point into text. */
struct cmd {
	char *argv[MAXARGS + 1];
	int argc;
	char *in, *out; /* "< in", "> out" or ">> out" (append) */
	int append;
};

struct pipeline {
	struct cmd cmds[MAXPIPE];
	int n; /* index of the command being parsed */
	char text[LINE_MAX * 2];
	size_t used;
};

/* A background job: its processes until reaped, and how the last one ended. */
struct job {
	int id;		     /* job number; 0 while the slot is free */
	unsigned int seq;    /* start order, for the '+' and '-' marks */
	pid_t pids[MAXPIPE]; /* 0 once reaped */
	pid_t last;
	int live;      /* processes not reaped yet */
	int status;    /* the last process's wait status */
	char text[80]; /* the command line, for the Done line */
};

static struct job jobs[MAXJOBS];
static unsigned int job_seq;

/*
 * Reap what has ended of every job (options WNOHANG), or wait for all of
 * them (options 0); from SIGCHLD, or with SIGCHLD blocked.
 */
static void reap_jobs(int options)
{
	int saved = errno, status;

	for (int j = 0; j < MAXJOBS; j++)
		for (int i = 0; i < MAXPIPE && jobs[j].live; i++) {
			pid_t pid = jobs[j].pids[i];

			if (!pid || waitpid(pid, &status, options) != pid)
				continue;
			if (pid == jobs[j].last)
				jobs[j].status = status;
			jobs[j].pids[i] = 0;
			jobs[j].live--;
		}
	errno = saved;
}

static void sigchld_handler(int sig)
{
	(void)sig;
	reap_jobs(WNOHANG);
}

/* Block (1) or unblock (0) SIGCHLD around changes to the job table. */
static void block_sigchld(int block)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/* Appends the expansion of the '$' at *pp (pp is past the '$'). */
static void expand(struct pipeline *pl, const char **pp)
{
	const char *p = *pp;
	char name[64], val[16];
	const char *v = val;
	size_t n = 0;

	if (*p == '?' || *p == '$' || *p == '!') {
		snprintf(val, sizeof(val), "%d",
			 *p == '?'   ? last_status
			 : *p == '$' ? getpid()
				     : last_bg);
		p++;
	} else if (isalpha(*p) || *p == '_') {
		while ((isalnum(*p) || *p == '_') && n < sizeof(name) - 1)
			name[n++] = *p++;
		name[n] = '\0';
		v = getenv(name);
		if (!v)
			v = "";
	} else {
		v = "$"; /* a lone '$' stands for itself */
	}
	while (*v && pl->used < sizeof(pl->text) - 1)
		pl->text[pl->used++] = *v++;
	*pp = p;
}

/*
 * Reads one word at *pp into pl->text; returns it, or NULL on an
 * unterminated quote.
 */
static char *read_word(struct pipeline *pl, const char **pp)
{
	const char *p = *pp;
	char *word = pl->text + pl->used, quote = 0;

	while (*p && (quote || !strchr(" \t\r\n;&|<>", *p))) {
		if (pl->used >= sizeof(pl->text) - 2)
			break;
		if (quote && *p == quote) {
			quote = 0, p++;
		} else if (!quote && (*p == '\'' || *p == '"')) {
			quote = *p++;
		} else if (*p == '\\' && quote != '\'' && p[1]) {
			pl->text[pl->used++] = p[1], p += 2;
		} else if (*p == '$' && quote != '\'') {
			p++;
			expand(pl, &p);
		} else {
			pl->text[pl->used++] = *p++;
		}
	}
	pl->text[pl->used++] = '\0';
	*pp = p;
	return quote ? NULL : word;
}

static const char *signal_text(int sig)
{
	switch (sig) {
	case SIGKILL:
		return "Killed";
	case SIGTERM:
		return "Terminated";
	case SIGSEGV:
		return "Segmentation fault";
	case SIGBUS:
		return "Bus error";
	case SIGABRT:
		return "Aborted";
	case SIGPIPE:
	case SIGINT:
		return "";
	default:
		return NULL;
	}
}

/* Waits for pid and sets $?; reports a death by signal as bash does. */
static void wait_for(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror("sh: waitpid");
			last_status = 127;
			return;
		}
	if (WIFSIGNALED(status)) {
		const char *text = signal_text(WTERMSIG(status));

		if (!text)
			fprintf(stderr, "Signal %d\n", WTERMSIG(status));
		else if (*text)
			fprintf(stderr, "%s\n", text);
		last_status = 128 + WTERMSIG(status);
	} else {
		last_status = WEXITSTATUS(status);
	}
}

/* The job's command line from its argv words, "a b | c". */
static void job_text(struct job *j, const struct pipeline *pl)
{
	size_t n = 0, size = sizeof(j->text);

	j->text[0] = '\0';
	for (int i = 0; i <= pl->n; i++)
		for (int a = 0; a < pl->cmds[i].argc; a++)
			n += (size_t)snprintf(j->text + n, n < size ? size - n : 0, "%s%s",
					      a ? " " : (i ? " | " : ""), pl->cmds[i].argv[a]);
}

/* Records a started background pipeline; prints "[N] PID" if interactive. */
static void add_job(const struct pipeline *pl, const pid_t *pids, int started)
{
	struct job *j = NULL;
	int id = 1;

	block_sigchld(1);
	for (int k = 0; k < MAXJOBS; k++) {
		if (jobs[k].id >= id)
			id = jobs[k].id + 1; /* bash: one more than the highest job number */
		if (!jobs[k].id && !j)
			j = &jobs[k];
	}
	if (j) {
		memset(j, 0, sizeof(*j));
		j->id = id;
		j->seq = ++job_seq;
		memcpy(j->pids, pids, sizeof(pid_t) * (size_t)started);
		j->last = pids[started - 1];
		j->live = started;
		job_text(j, pl);
		reap_jobs(WNOHANG); /* a process that ended before it was in the table */
	} else {
		fprintf(stderr, "sh: too many jobs; this one is not tracked\n");
	}
	block_sigchld(0);
	if (j && interactive)
		fprintf(stderr, "[%d] %d\n", id, pids[started - 1]);
}

/* bash's word for how a job ended: Done, Exit N, or the signal. */
static void job_state(int status, char *buf, size_t size)
{
	int sig = WTERMSIG(status);
	const char *text = sig == SIGINT ? "Interrupt" : signal_text(sig);

	if (WIFEXITED(status) && !WEXITSTATUS(status))
		snprintf(buf, size, "Done");
	else if (WIFEXITED(status))
		snprintf(buf, size, "Exit %d", WEXITSTATUS(status));
	else if (text && *text)
		snprintf(buf, size, "%s", text);
	else
		snprintf(buf, size, "Signal %d", sig);
}

/* Before a prompt: report the jobs that have ended (if interactive) and free them. */
static void report_jobs(void)
{
	unsigned int newest = 0, prev = 0;
	char state[32], mark;

	block_sigchld(1);
	reap_jobs(WNOHANG);
	while (waitpid(-1, NULL, WNOHANG) > 0) /* untracked ones: the table was full */
		;
	for (int k = 0; k < MAXJOBS; k++)
		if (jobs[k].id && jobs[k].seq > newest)
			prev = newest, newest = jobs[k].seq;
		else if (jobs[k].id && jobs[k].seq > prev)
			prev = jobs[k].seq;
	for (int k = 0; k < MAXJOBS; k++) {
		struct job *j = &jobs[k];

		if (!j->id || j->live)
			continue;
		job_state(j->status, state, sizeof(state));
		mark = j->seq == newest ? '+' : (j->seq == prev ? '-' : ' ');
		if (interactive)
			fprintf(stderr, "[%d]%c  %-24s%s\n", j->id, mark, state, j->text);
		j->id = 0;
	}
	block_sigchld(0);
}

/* The wait builtin: wait for every process of every job, then any other child. */
static void wait_jobs(void)
{
	block_sigchld(1);
	reap_jobs(0);
	block_sigchld(0);
	while (wait(NULL) > 0 || errno == EINTR)
		;
}

/* The builtins; returns 1 if argv[0] was one. */
static int builtin(struct cmd *c)
{
	char **argv = c->argv;

	if (!strcmp(argv[0], "exit")) {
		exit(c->argc > 1 ? atoi(argv[1]) : last_status);
	} else if (!strcmp(argv[0], "cd")) {
		const char *dir = c->argc > 1 ? argv[1] : getenv("HOME");

		last_status = 0;
		if (chdir(dir ? dir : "/") < 0) {
			fprintf(stderr, "sh: cd: %s: %s\n", dir ? dir : "/", strerror(errno));
			last_status = 1;
		}
	} else if (!strcmp(argv[0], "wait")) {
		wait_jobs();
		last_status = 0;
	} else {
		return 0;
	}
	return 1;
}

/* Opens path onto fd (in a child); exits the child if it cannot. */
static void redirect(const char *path, int flags, int fd)
{
	int f = open(path, flags, 0644);

	if (f < 0) {
		fprintf(stderr, "sh: %s: %s\n", path, strerror(errno));
		_exit(1);
	}
	if (f != fd) {
		dup2(f, fd);
		close(f);
	}
}

/* In the child: SIGINT/SIGQUIT as the file comment says. */
static void child_signals(int background)
{
	if (background) {
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
	} else {
		sigaction(SIGINT, &inherited_int, NULL);
		sigaction(SIGQUIT, &inherited_quit, NULL);
	}
}

/* In the child: stdin from in_fd, stdout to out_fd, then the redirections, then exec. */
static void exec_cmd(struct cmd *c, int in_fd, int out_fd, int unused_fd, int background)
{
	child_signals(background);
	if (unused_fd >= 0)
		close(unused_fd);
	if (in_fd >= 0) {
		dup2(in_fd, STDIN_FILENO);
		close(in_fd);
	}
	if (out_fd >= 0) {
		dup2(out_fd, STDOUT_FILENO);
		close(out_fd);
	}
	if (c->in)
		redirect(c->in, O_RDONLY, STDIN_FILENO);
	if (c->out)
		redirect(c->out, O_WRONLY | O_CREAT | (c->append ? O_APPEND : O_TRUNC),
			 STDOUT_FILENO);
	execvp(c->argv[0], c->argv);
	fprintf(stderr, "sh: %s: %s\n", c->argv[0],
		errno == ENOENT ? "not found" : strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/* Runs the pl->n + 1 commands of pl, joined by pipes. */
static void run_pipeline(struct pipeline *pl, int background)
{
	pid_t pids[MAXPIPE];
	int count = pl->n + 1, prev = -1, started = 0;

	for (int i = 0; i < count; i++)
		pl->cmds[i].argv[pl->cmds[i].argc] = NULL;
	if (count == 1 && !background && builtin(&pl->cmds[0]))
		return;
	fflush(NULL);
	for (int i = 0; i < count; i++) {
		int fds[2] = { -1, -1 };

		if (i + 1 < count && pipe(fds) < 0) {
			perror("sh: pipe");
			break;
		}
		pids[i] = fork();
		if (pids[i] == 0)
			exec_cmd(&pl->cmds[i], prev, fds[1], fds[0], background);
		if (prev >= 0)
			close(prev);
		if (fds[1] >= 0)
			close(fds[1]);
		prev = fds[0];
		if (pids[i] < 0) {
			perror("sh: fork");
			break;
		}
		started++;
	}
	if (prev >= 0)
		close(prev);
	if (started < count)
		last_status = 127;
	if (background && started) {
		last_bg = pids[started - 1];
		last_status = 0;
		add_job(pl, pids, started);
		return;
	}
	for (int i = 0; i < started; i++)
		wait_for(pids[i]);
	if (started < count)
		last_status = 127;
}

static void reset(struct pipeline *pl)
{
	memset(pl->cmds, 0, sizeof(pl->cmds));
	pl->n = 0;
	pl->used = 0;
}

static int syntax_error(const char *near)
{
	fprintf(stderr, "sh: syntax error near '%s'\n", near);
	last_status = 2;
	return -1;
}

/* The list operator at p: ";", "&", "&&", "||", or "" at the end of the line. */
static const char *list_op(const char *p)
{
	if (!*p || *p == '\n' || *p == '#')
		return "";
	if (p[0] == '&' && p[1] == '&')
		return "&&";
	if (p[0] == '|' && p[1] == '|')
		return "||";
	if (*p == ';')
		return ";";
	if (*p == '&')
		return "&";
	return NULL;
}

/* Runs every pipeline on one line; returns 0, or -1 after a syntax error. */
static int run_line(const char *p)
{
	static struct pipeline pl;
	const char *op, *conn = ";"; /* the operator before this pipeline */

	reset(&pl);
	for (;;) {
		struct cmd *c = &pl.cmds[pl.n];

		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if ((op = list_op(p))) {
			if (c->argc == 0 && (pl.n > 0 || *op || c->in || c->out))
				return syntax_error(*op ? op : "newline");
			if (c->argc &&
			    (!strcmp(conn, ";") || (!strcmp(conn, "&&") == !last_status)))
				run_pipeline(&pl, !strcmp(op, "&"));
			if (!*op)
				return 0;
			p += strlen(op);
			conn = strcmp(op, "&") ? op : ";";
			reset(&pl);
		} else if (*p == '|') {
			if (c->argc == 0 || pl.n + 1 == MAXPIPE)
				return syntax_error("|");
			pl.n++;
			p++;
		} else if (*p == '<' || *p == '>') {
			int in = *p == '<';
			char **target = in ? &c->in : &c->out;

			c->append = !in && p[1] == '>';
			p += 1 + c->append;
			while (*p == ' ' || *p == '\t')
				p++;
			if (!*p || strchr("\n;&|<>#", *p))
				return syntax_error(in ? "<" : ">");
			if (!(*target = read_word(&pl, &p)))
				return syntax_error("quote");
		} else {
			if (c->argc == MAXARGS)
				return syntax_error("too many arguments");
			if (!(c->argv[c->argc++] = read_word(&pl, &p)))
				return syntax_error("quote");
		}
	}
}

/*
 * Reads a line from fd a byte at a time; returns its length (0 at end of
 * input), or -1 for a line longer than LINE_MAX (the rest is skipped).
 */
static int read_line(int fd, char *buf)
{
	int n = 0, too_long = 0;
	char ch;

	for (;;) {
		ssize_t r = read(fd, &ch, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (n < LINE_MAX - 1)
			buf[n++] = ch;
		else
			too_long = 1;
		if (ch == '\n')
			break;
	}
	buf[n] = '\0';
	return too_long ? -1 : n;
}

int main(int argc, char **argv)
{
	char line[LINE_MAX];
	int i = 1, fd = STDIN_FILENO, n;

	if (i < argc && !strcmp(argv[i], "-i"))
		interactive = 1, i++;
	sigaction(SIGINT, NULL, &inherited_int);
	sigaction(SIGQUIT, NULL, &inherited_quit);
	signal(SIGCHLD, sigchld_handler); /* restarting: reads at the prompt carry on */
	if (interactive) {
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
	}
	if (i + 1 < argc && !strcmp(argv[i], "-c")) {
		char *s = argv[i + 1], *l;

		while ((l = strsep(&s, "\n")))
			run_line(l);
		return last_status;
	}
	if (i < argc && (fd = open(argv[i], O_RDONLY | O_CLOEXEC)) < 0) {
		fprintf(stderr, "sh: %s: %s\n", argv[i], strerror(errno));
		return 127;
	}
	for (;;) {
		report_jobs();
		if (interactive) {
			fputs("# ", stderr);
		}
		n = read_line(fd, line);
		if (n == 0)
			break;
		if (n < 0) {
			fprintf(stderr, "sh: line too long\n");
			last_status = 2;
			continue;
		}
		run_line(line);
	}
	return last_status;
}
