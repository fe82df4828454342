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
 * A line holds commands separated by ';' or '&' (run in the background).
 * Words are separated by blanks; '...' quotes literally, "..." quotes with
 * $ expansion, '\' escapes the next character, '#' starts a comment.
 * Expansions: $? (status of the last foreground command: its exit code, or
 * 128+N after signal N), $$ (the shell's pid), $! (the last background pid),
 * $NAME (the environment). Builtins: cd [DIR], exit [N], wait. Everything
 * else is a program looked up in $PATH (default /bin). Not supported yet:
 * pipes, redirections, variables assignments, control flow.
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

static int interactive;
static int last_status;		/* $? */
static pid_t last_bg;		/* $! */

/* A parsed command: words point into `text`. */
struct cmd {
	char *argv[MAXARGS + 1];
	int argc;
	char text[LINE_MAX * 2];
	size_t used;
};

/* Appends the expansion of the '$' at *pp (pp is past the '$'). */
static void expand(struct cmd *c, const char **pp)
{
	const char *p = *pp;
	char name[64], val[16];
	const char *v = val;
	size_t n = 0;

	if (*p == '?' || *p == '$' || *p == '!') {
		snprintf(val, sizeof(val), "%d", *p == '?' ? last_status :
			 *p == '$' ? getpid() : last_bg);
		p++;
	} else if (isalpha(*p) || *p == '_') {
		while ((isalnum(*p) || *p == '_') && n < sizeof(name) - 1)
			name[n++] = *p++;
		name[n] = '\0';
		v = getenv(name);
		if (!v)
			v = "";
	} else {
		v = "$";	/* a lone '$' stands for itself */
	}
	while (*v && c->used < sizeof(c->text) - 1)
		c->text[c->used++] = *v++;
	*pp = p;
}

/* Reads one word at *pp into c; returns 0, or -1 on an unterminated quote. */
static int read_word(struct cmd *c, const char **pp)
{
	const char *p = *pp;
	char quote = 0;

	c->argv[c->argc++] = c->text + c->used;
	while (*p && (quote || !strchr(" \t\r\n;&", *p))) {
		if (c->used >= sizeof(c->text) - 2)
			break;
		if (quote && *p == quote) {
			quote = 0, p++;
		} else if (!quote && (*p == '\'' || *p == '"')) {
			quote = *p++;
		} else if (*p == '\\' && quote != '\'' && p[1]) {
			c->text[c->used++] = p[1], p += 2;
		} else if (*p == '$' && quote != '\'') {
			p++;
			expand(c, &p);
		} else {
			c->text[c->used++] = *p++;
		}
	}
	c->text[c->used++] = '\0';
	*pp = p;
	return quote ? -1 : 0;
}

static const char *signal_text(int sig)
{
	switch (sig) {
	case SIGKILL: return "Killed";
	case SIGTERM: return "Terminated";
	case SIGSEGV: return "Segmentation fault";
	case SIGBUS: return "Bus error";
	case SIGABRT: return "Aborted";
	case SIGINT: return "";
	default: return NULL;
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
		while (wait(NULL) > 0 || errno == EINTR)
			;
		last_status = 0;
	} else {
		return 0;
	}
	return 1;
}

static void run(struct cmd *c, int background)
{
	pid_t pid;

	c->argv[c->argc] = NULL;
	if (c->argc == 0 || builtin(c))
		return;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("sh: fork");
		last_status = 127;
		return;
	}
	if (pid == 0) {
		execvp(c->argv[0], c->argv);
		fprintf(stderr, "sh: %s: %s\n", c->argv[0],
			errno == ENOENT ? "not found" : strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (background) {
		last_bg = pid;
		last_status = 0;
		if (interactive)
			fprintf(stderr, "[%d]\n", pid);
	} else {
		wait_for(pid);
	}
}

/* Runs every command on one line. */
static void run_line(const char *p)
{
	static struct cmd c;

	c.argc = 0;
	c.used = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '\n' || *p == '#' || *p == ';' || *p == '&') {
			if ((*p == ';' || *p == '&') && c.argc == 0) {
				fprintf(stderr, "sh: syntax error near '%c'\n", *p);
				last_status = 2;
				return;
			}
			run(&c, *p == '&');
			if (*p != ';' && *p != '&')
				return;
			p++;
			c.argc = 0;
			c.used = 0;
			continue;
		}
		if (c.argc == MAXARGS) {
			fprintf(stderr, "sh: too many arguments\n");
			last_status = 2;
			return;
		}
		if (read_word(&c, &p) < 0) {
			fprintf(stderr, "sh: unterminated quote\n");
			last_status = 2;
			return;
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

/* Collects finished background jobs so they do not stay zombies. */
static void reap(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

int main(int argc, char **argv)
{
	char line[LINE_MAX];
	int i = 1, fd = STDIN_FILENO, n;

	if (i < argc && !strcmp(argv[i], "-i"))
		interactive = 1, i++;
	if (i + 1 < argc && !strcmp(argv[i], "-c")) {
		char *s = argv[i + 1], *l;

		while ((l = strsep(&s, "\n")))
			run_line(l);
		return last_status;
	}
	if (i < argc && (fd = open(argv[i], O_RDONLY)) < 0) {
		fprintf(stderr, "sh: %s: %s\n", argv[i], strerror(errno));
		return 127;
	}
	for (;;) {
		reap();
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
