/*
 * init: process 1.
 *
 *   init                  mounts what /etc/fstab lists (quietly skipping disks
 *                         that are not there or already mounted), then runs
 *                         "/bin/sh -i", an interactive shell on the console
 *   init PROG [ARG]...    runs PROG (looked up in $PATH, default /bin, when
 *                         it has no '/') with its arguments
 *
 * The kernel passes init the words after "--" on its command line, so a
 * system test runs a test program as init's child with "-- /bin/test args".
 * The program runs in a session of its own with the console as its
 * controlling terminal (setsid, then TIOCSCTTY, as getty does on Linux),
 * so a shell that does job control (busybox's ash) can give the terminal
 * to its jobs and ^C, ^Z reach the foreground job only.
 *
 * init reaps every child (orphans are given to process 1) and, when the
 * program it started ends, exits with that program's status: its exit code,
 * or 128+N when signal N killed it (the shell's convention). The kernel then
 * follows the exit protocol with that status.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "procfs.h"

/* Mount every "DEVICE DIR TYPE OPTIONS ..." line of /etc/fstab (as mount -a). */
static void mount_fstab(void)
{
	static char text[2048];
	char *s = text, *line;

	if (read_text_file("/etc/fstab", text, sizeof(text)) < 0)
		return;
	while ((line = strsep(&s, "\n"))) {
		char *dev = strsep(&line, " \t"), *dir = strsep(&line, " \t");
		char *type = strsep(&line, " \t"), *opts = strsep(&line, " \t");
		unsigned long flags = opts && !strncmp(opts, "ro", 2) ? MS_RDONLY : 0;

		if (!dev || *dev == '#' || !*dev || !dir || !type)
			continue;
		if (mount(dev, dir, type, flags, NULL) < 0 && errno != ENXIO && errno != ENOENT &&
		    errno != EBUSY)
			fprintf(stderr, "init: mount %s on %s: %s\n", dev, dir, strerror(errno));
	}
}

#define TIOCSCTTY 0x540E /* Linux's: make the terminal the session's controlling one */

/* Starts argv[0] in a child; returns its pid, or -1. */
static pid_t spawn(char **argv)
{
	pid_t pid = fork();

	if (pid == 0) {
		setsid();
		ioctl(0, TIOCSCTTY, 0); /* the console, when it is fd 0 */
		execvp(argv[0], argv);
		fprintf(stderr, "init: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (pid < 0)
		perror("init: fork");
	return pid;
}

int main(int argc, char **argv)
{
	static char *shell[] = { "sh", "-i", NULL };
	char **prog = argc > 1 ? argv + 1 : shell;
	pid_t child, pid;
	int status;

	if (!getenv("PATH"))
		environ = (char *[]){ "HOME=/", "PATH=/bin", NULL };
	if (argc == 1)
		mount_fstab();
	child = spawn(prog);
	if (child < 0)
		return 1;
	for (;;) {
		pid = wait(&status);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0) {
			perror("init: wait");
			return 1;
		}
		if (pid == child)
			break;
		/* an orphan someone else started: reaped, nothing more to do */
	}
	if (WIFSIGNALED(status)) {
		const char *name = signame(WTERMSIG(status));

		fprintf(stderr, "init: %s killed by signal %d (SIG%s)\n", prog[0], WTERMSIG(status),
			name ? name : "?");
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}
