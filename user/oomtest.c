/*
 * oomtest: the OOM killer from user space.
 *
 *   oomtest hog         a child touches memory until it is killed; the parent
 *                       checks it died of SIGKILL and that the parent survived
 *   oomtest repeat N    the same N times in a row
 *   oomtest sleeper MB  a child holds MB MiB and sleeps; a second, smaller one
 *                       allocates until memory runs out: the sleeper (the
 *                       bigger one) is killed in its sleep, the other finishes
 *   oomtest forkbomb N  N children fork and allocate 1 MiB each as fast as they
 *                       can; the system survives and init reaps them all
 *   oomtest adj MB      three sleeping hogs of MB MiB with oom_score_adj -1000, 0
 *                       and 500, then a fourth process allocates until the OOM
 *                       killer has run twice: the +500 hog dies first, the
 *                       -1000 one never
 *
 * Prints PASS/FAIL lines and exits with the number of failures.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* Touch 1 MiB chunks forever (until killed, or mmap fails). */
static void hog(void)
{
	for (;;) {
		char *p =
		    mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		unsigned long i;

		if (p == MAP_FAILED)
			_exit(3);
		for (i = 0; i < (1 << 20); i += 4096)
			p[i] = 1;
	}
}

static int one_hog(int round)
{
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		printf("FAIL fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0)
		hog();
	if (waitpid(pid, &status, 0) != pid) {
		printf("FAIL waitpid\n");
		return 1;
	}
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
		printf("FAIL round %d: hog status %#x, not SIGKILL\n", round, status);
		return 1;
	}
	printf("PASS round %d: hog %d killed by SIGKILL\n", round, pid);
	return 0;
}

static char *touch_mib(unsigned long mb)
{
	char *p = mmap(NULL, mb << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long i;

	if (p == MAP_FAILED)
		return NULL;
	for (i = 0; i < (mb << 20); i += 4096)
		p[i] = 1;
	return p;
}

static int sleeper(unsigned long mb)
{
	int fds[2], status, failures = 0;
	pid_t big, small;
	char c;

	if (pipe(fds))
		return 1;
	big = fork();
	if (big == 0) {
		touch_mib(mb);
		write(fds[1], "r", 1);
		for (;;)
			sleep(1000); /* asleep in the kernel when the OOM killer comes */
	}
	read(fds[0], &c, 1); /* the big one holds its memory now */
	small = fork();
	if (small == 0) {
		unsigned long got = 0;

		while (got < mb) { /* smaller than the sleeper, but more than is left */
			if (!touch_mib(1))
				_exit(3);
			got++;
		}
		_exit(0);
	}
	waitpid(small, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("FAIL the allocating child: status %#x\n", status);
		failures++;
	}
	kill(big, SIGTERM); /* in case it survived */
	waitpid(big, &status, 0);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
		printf("FAIL the sleeping hog: status %#x, not SIGKILL\n", status);
		failures++;
	}
	if (!failures)
		printf("PASS sleeper %d killed in its sleep, allocator %d finished\n", big, small);
	return failures;
}

static int set_oom_score_adj(int adj)
{
	char text[16];
	int fd = open("/proc/self/oom_score_adj", O_WRONLY), len, ok;

	if (fd < 0)
		return -1;
	len = snprintf(text, sizeof(text), "%d", adj);
	ok = write(fd, text, (size_t)len) == len;
	close(fd);
	return ok ? 0 : -1;
}

static int three_hogs(unsigned long mb)
{
	static const int adjs[3] = { -1000, 0, 500 };
	pid_t hogs[3], grower;
	int fds[2], i, status, failures = 0;
	char c;

	if (pipe(fds))
		return 1;
	for (i = 0; i < 3; i++) {
		hogs[i] = fork();
		if (hogs[i] == 0) {
			if (set_oom_score_adj(adjs[i]))
				_exit(4);
			touch_mib(mb);
			write(fds[1], "r", 1);
			for (;;)
				sleep(1000);
		}
		read(fds[0], &c, 1);
		printf("hog %d: oom_score_adj %d\n", hogs[i], adjs[i]);
	}
	grower = fork();
	if (grower == 0)
		for (;;) /* until it is killed itself */
			if (!touch_mib(1))
				_exit(3);
	waitpid(grower, &status, 0);
	for (i = 0; i < 3; i++) {
		pid_t got;

		kill(hogs[i], SIGTERM);
		got = waitpid(hogs[i], &status, 0);
		printf("hog %d (adj %d): %s %d\n", got, adjs[i],
		       WIFSIGNALED(status) ? "killed by signal" : "exit status",
		       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		if (adjs[i] == -1000 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
			printf("FAIL the oom_score_adj -1000 hog was OOM-killed\n");
			failures++;
		}
		if (adjs[i] == 500 && !(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
			printf("FAIL the oom_score_adj 500 hog was not OOM-killed\n");
			failures++;
		}
	}
	if (!failures)
		printf("PASS adj: +500 died, -1000 survived\n");
	return failures;
}

static int forkbomb(int n)
{
	int i, status, reaped = 0, killed = 0;

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			/* Each child forks once more and both hold 1 MiB for a moment. */
			fork();
			touch_mib(1);
			usleep(200000);
			_exit(0);
		}
		if (pid < 0)
			break;
	}
	while (wait(&status) > 0) {
		reaped++;
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
			killed++;
	}
	printf("PASS forkbomb: init survived, reaped %d children (%d killed by SIGKILL)\n", reaped,
	       killed);
	return 0;
}

int main(int argc, char **argv)
{
	int failures = 0, n = 1, i;

	if (argc >= 3 && !strcmp(argv[1], "sleeper"))
		return sleeper(strtoul(argv[2], NULL, 0));
	if (argc >= 3 && !strcmp(argv[1], "adj"))
		return three_hogs(strtoul(argv[2], NULL, 0));
	if (argc >= 3 && !strcmp(argv[1], "forkbomb"))
		return forkbomb(atoi(argv[2]));
	if (argc < 2 || (strcmp(argv[1], "hog") && strcmp(argv[1], "repeat"))) {
		fprintf(stderr, "usage: oomtest hog | repeat N | sleeper MB | forkbomb N\n");
		return 2;
	}
	if (!strcmp(argv[1], "repeat"))
		n = argc > 2 ? atoi(argv[2]) : 20;
	for (i = 1; i <= n; i++)
		failures += one_hog(i);
	printf("oomtest: %d failed\n", failures);
	return failures;
}
