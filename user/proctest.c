/*
 * proctest: processes and the system-call ABI, checked from user space.
 * `proctest NAME...` runs the named checks (or all), prints "PASS name" or
 * "FAIL name: why" for each, and exits with the number of failures, so it
 * can run as init in a system test. It runs unchanged on Linux (qemu-i386),
 * which is how its expectations were checked.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <selftest.h>
#include <unistd.h>

static pid_t spawn_exit(int code)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	return pid;
}

static void test_fork_wait_status(void)
{
	int status = -1;
	pid_t pid = spawn_exit(7), got;

	CHECK(pid > 0, "fork returned %d", pid);
	got = waitpid(pid, &status, 0);
	CHECK(got == pid, "waitpid returned %d, wanted %d", got, pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "status %#x", status);
	CHECK(waitpid(-1, &status, 0) == -1 && errno == ECHILD, "no child left: errno %d", errno);
	CHECK(waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD, "WNOHANG, no child");
}

static void test_child_sees_pids(void)
{
	int fds[2], status;
	pid_t parent = getpid(), pid, reported[2];

	CHECK(pipe(fds) == 0, "pipe errno %d", errno);
	pid = fork();
	if (pid == 0) {
		pid_t mine[2] = { getpid(), getppid() };
		write(fds[1], mine, sizeof(mine));
		_exit(0);
	}
	CHECK(read(fds[0], reported, sizeof(reported)) == sizeof(reported), "read pids");
	waitpid(pid, &status, 0);
	close(fds[0]);
	close(fds[1]);
	CHECK(reported[0] == pid, "child getpid %d, fork said %d", reported[0], pid);
	CHECK(reported[1] == parent, "child getppid %d, parent is %d", reported[1], parent);
}

static void test_exec_statuses(void)
{
	static const struct {
		const char *path;
		int want;
	} progs[] = {
		{ "/bin/true", 0 },
		{ "/bin/false", 1 },
	};
	unsigned i;

	for (i = 0; i < sizeof(progs) / sizeof(progs[0]); i++) {
		int status;
		pid_t pid = fork();

		if (pid == 0) {
			char *argv[] = { (char *)progs[i].path, NULL };
			execve(progs[i].path, argv, NULL);
			_exit(99);
		}
		CHECK(waitpid(pid, &status, 0) == pid, "wait for %s", progs[i].path);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == progs[i].want, "%s: status %#x",
		      progs[i].path, status);
	}
}

static void test_hundred_in_parallel(void)
{
	pid_t pids[100];
	int i, seen = 0, sum = 0, status;

	for (i = 0; i < 100; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			usleep(20000); /* all alive at once */
			_exit(i);
		}
		CHECK(pids[i] > 0, "fork %d failed: errno %d", i, errno);
	}
	for (;;) {
		pid_t got = wait(&status);
		if (got < 0)
			break;
		for (i = 0; i < 100; i++)
			if (pids[i] == got)
				break;
		CHECK(i < 100, "wait returned unknown pid %d", got);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == i, "child %d status %#x", i,
		      status);
		seen++;
		sum += WEXITSTATUS(status);
	}
	CHECK(seen == 100 && sum == 4950, "reaped %d children, sum %d", seen, sum);
}

static pid_t spawn_spinner(void)
{
	pid_t pid = fork();

	if (pid == 0)
		for (;;)
			;
	return pid;
}

static void test_kill_signals(void)
{
	int status, sigs[] = { SIGTERM, SIGKILL, SIGINT }, i;

	for (i = 0; i < 3; i++) {
		pid_t pid = spawn_spinner();

		CHECK(pid > 0, "fork");
		usleep(10000);
		CHECK(kill(pid, sigs[i]) == 0, "kill errno %d", errno);
		CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == sigs[i], "signal %d: status %#x",
		      sigs[i], status);
	}
	CHECK(kill(99999, SIGTERM) == -1 && errno == ESRCH, "kill of no such pid: errno %d", errno);
	CHECK(kill(getpid(), 0) == 0, "kill(self, 0)");
	CHECK(kill(getpid(), 1000) == -1 && errno == EINVAL, "bad signal: errno %d", errno);
}

static void test_pipe_between_processes(void)
{
	int to_child[2], from_child[2], status;
	unsigned sum = 0, child_sum = 0, i;
	static unsigned char buf[65536];
	pid_t pid;

	CHECK(pipe(to_child) == 0 && pipe(from_child) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		unsigned s = 0;
		ssize_t n;
		close(to_child[1]);
		while ((n = read(to_child[0], buf, 1000)) > 0)
			for (i = 0; i < (unsigned)n; i++)
				s = s * 31 + buf[i];
		write(from_child[1], &s, sizeof(s));
		_exit(n == 0 ? 0 : 1); /* EOF, not an error, ends the loop */
	}
	close(to_child[0]);
	close(from_child[1]);
	for (i = 0; i < sizeof(buf); i++) {
		buf[i] = (unsigned char)(i * 7 + 3);
		sum = sum * 31 + buf[i];
	}
	CHECK(write(to_child[1], buf, sizeof(buf)) == sizeof(buf), "write 64 KiB");
	close(to_child[1]);
	CHECK(read(from_child[0], &child_sum, sizeof(child_sum)) == sizeof(child_sum), "read sum");
	CHECK(waitpid(pid, &status, 0) == pid && status == 0, "child status %#x", status);
	CHECK(child_sum == sum, "checksum %08x, sent %08x", child_sum, sum);
	close(from_child[0]);
}

static void test_pipe_without_reader(void)
{
	int fds[2], go[2], status;
	char c;
	pid_t pid;

	CHECK(pipe(fds) == 0 && pipe(go) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		close(go[1]);
		read(go[0], &c, 1);    /* end of file once the parent has closed its read end */
		write(fds[1], "x", 1); /* no reader: SIGPIPE kills us */
		_exit(0);
	}
	close(fds[0]);
	close(fds[1]);
	close(go[0]);
	close(go[1]);
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE, "status %#x", status);
}

static void test_exec_errors(void)
{
	char *argv[] = { "x", NULL };
	char **volatile bad_argv = (char **)0x10; /* volatile: gcc must not see through it */

	CHECK(execve("/no/such/file", argv, NULL) == -1 && errno == ENOENT, "ENOENT: errno %d",
	      errno);
	CHECK(execve("/bin", argv, NULL) == -1 && errno == EACCES, "directory: errno %d", errno);
	CHECK(execve((char *)0xC0001000, argv, NULL) == -1 && errno == EFAULT, "kernel pointer: %d",
	      errno);
	CHECK(execve("/bin/true", bad_argv, NULL) == -1 && errno == EFAULT, "bad argv: %d", errno);
	/* The system test adds these files with a second initramfs archive. */
	if (access("/test/notelf", F_OK) == 0) {
		CHECK(execve("/test/notelf", argv, NULL) == -1 && errno == ENOEXEC, "text: %d",
		      errno);
		CHECK(execve("/test/truncated", argv, NULL) == -1 && errno == ENOEXEC, "trunc: %d",
		      errno);
	}
}

static void test_bad_pointers(void)
{
	char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fds[2];

	CHECK(page != MAP_FAILED, "mmap");
	CHECK(munmap(page + 4096, 4096) == 0, "munmap");
	CHECK(write(1, NULL, 10) == -1 && errno == EFAULT, "write(NULL): errno %d", errno);
	CHECK(write(1, (void *)0xC0100000, 10) == -1 && errno == EFAULT, "write(kernel): %d",
	      errno);
	CHECK(read(0, (void *)0xC0100000, 10) == -1 && errno == EFAULT, "read(kernel): %d", errno);
	CHECK(open((char *)0xdeadbeef, O_RDONLY) == -1 && errno == EFAULT, "open: %d", errno);
	CHECK(open(NULL, O_RDONLY) == -1 && errno == EFAULT, "open(NULL): %d", errno);
	CHECK(pipe((int *)0xC0000000) == -1 && errno == EFAULT, "pipe(kernel): %d", errno);
	CHECK(pipe(fds) == 0, "pipe");
	CHECK(write(fds[1], "abcdefgh", 8) == 8, "write 8");
	/* A buffer that runs off the end of the mapping. */
	CHECK(read(fds[0], page + 4096 - 4, 8) == -1 && errno == EFAULT, "straddling read: %d",
	      errno);
	close(fds[0]);
	close(fds[1]);
	munmap(page, 4096);
}

static const struct selftest tests[] = {
	{ "fork_wait_status", test_fork_wait_status },
	{ "child_sees_pids", test_child_sees_pids },
	{ "exec_statuses", test_exec_statuses },
	{ "hundred_in_parallel", test_hundred_in_parallel },
	{ "kill_signals", test_kill_signals },
	{ "pipe_between_processes", test_pipe_between_processes },
	{ "pipe_without_reader", test_pipe_without_reader },
	{ "exec_errors", test_exec_errors },
	{ "bad_pointers", test_bad_pointers },
};

SELFTEST_MAIN(tests, "proctest")
