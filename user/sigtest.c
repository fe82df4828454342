/*
 * sigtest: signal handlers and Linux's i386 signal frames, checked from
 * user space. `sigtest NAME...` runs the named checks (or all) and exits
 * with the number of failures, so it can run as init in a system test. The
 * same binary runs on Linux under qemu-i386 (tests/system/
 * test_userland_on_linux.py), which is how the frame layout, the siginfo
 * fields and the restart rules here were checked against Linux.
 *
 * A child that must be sure its parent is asleep in a system call before
 * signalling it (to test EINTR and SA_RESTART) watches the parent's state
 * in /proc/PID/stat instead of sleeping for a while.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <procfs.h>
#include <selftest.h>
#include <unistd.h>

static volatile int hits, nested, depth, max_depth;
static volatile int got_sig, got_signo, got_code, got_pid;
static volatile sigset_t mask_in_handler, uc_mask;
static volatile unsigned long regparm_args[3], stack_args[3], uc_cs;

static sigset_t blocked_now(void)
{
	sigset_t s = 0;

	sigprocmask(SIG_BLOCK, NULL, &s);
	return s;
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags, sigset_t m)
{
	struct sigaction sa = { .sa_sigaction = fn, .sa_mask = m, .sa_flags = flags | SA_SIGINFO };

	sigaction(sig, &sa, NULL);
}

static void reset(int sig)
{
	signal(sig, SIG_DFL);
}

static unsigned short current_cs(void)
{
	unsigned short cs;

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	return cs;
}

/* The state letter of /proc/PID/stat ("12 (name) S ..."), or 0. */
static char proc_state(pid_t pid)
{
	char path[32], buf[512], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_text_file(path, buf, sizeof(buf)) < 0 || !(p = strrchr(buf, ')')))
		return 0;
	return p[1] == ' ' ? p[2] : 0;
}

/* In a child: wait until pid sleeps (in the call under test). */
static void wait_asleep(pid_t pid)
{
	while (proc_state(pid) != 'S')
		sched_yield();
}

static void signal_when_asleep(pid_t pid, int sig)
{
	wait_asleep(pid);
	kill(pid, sig);
}

/* ---- the handler's arguments and siginfo ---------------------------------- */

static void info_handler(int sig, siginfo_t *info, void *ucv)
{
	struct ucontext *uc = ucv;

	got_sig = sig;
	got_signo = info->si_signo;
	got_code = info->si_code;
	got_pid = info->si_pid;
	mask_in_handler = blocked_now();
	uc_mask = uc->uc_sigmask;
	uc_cs = uc->uc_mcontext.cs;
	hits++;
}

static void test_siginfo_from_kill(void)
{
	install(SIGUSR1, info_handler, 0, 0);
	got_sig = 0;
	CHECK(raise(SIGUSR1) == 0, "raise errno %d", errno);
	CHECK(got_sig == SIGUSR1, "handler got signal %d", got_sig);
	CHECK(got_signo == SIGUSR1, "si_signo %d", got_signo);
	CHECK(got_code == SI_USER, "si_code %d, wanted SI_USER", got_code);
	CHECK(got_pid == getpid(), "si_pid %d, wanted %d", got_pid, getpid());
	CHECK(uc_cs == current_cs(), "uc_mcontext.cs %#lx, the program runs in %#x", uc_cs,
	      current_cs());
	reset(SIGUSR1);
}

static volatile int chld_code, chld_pid, chld_status;

static void chld_handler(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)uc;
	chld_code = info->si_code;
	chld_pid = info->si_pid;
	chld_status = info->si_status;
	hits++;
}

/* SIGCHLD says which child ended and how: CLD_EXITED with the code, CLD_KILLED with the signal. */
static void test_sigchld_siginfo(void)
{
	pid_t pid;

	hits = 0;
	install(SIGCHLD, chld_handler, SA_RESTART, 0);
	pid = fork();
	if (pid == 0)
		_exit(5);
	waitpid(pid, NULL, 0);
	CHECK(hits == 1, "SIGCHLD handler ran %d times", hits);
	CHECK(chld_code == CLD_EXITED && chld_pid == pid && chld_status == 5,
	      "si_code %d si_pid %d (child %d) si_status %d", chld_code, chld_pid, pid,
	      chld_status);
	pid = fork();
	if (pid == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	reset(SIGCHLD);
	CHECK(hits == 2 && chld_code == CLD_KILLED && chld_pid == pid && chld_status == SIGTERM,
	      "killed child: si_code %d si_pid %d si_status %d", chld_code, chld_pid, chld_status);
}

/* Linux passes (sig, &info, &uc) on the stack and in eax, edx, ecx (regparm code). */
static void __attribute__((regparm(3))) regparm_handler(int sig, siginfo_t *info, void *uc)
{
	regparm_args[0] = (unsigned long)sig;
	regparm_args[1] = (unsigned long)info;
	regparm_args[2] = (unsigned long)uc;
}

static void stack_handler(int sig, siginfo_t *info, void *uc)
{
	stack_args[0] = (unsigned long)sig;
	stack_args[1] = (unsigned long)info;
	stack_args[2] = (unsigned long)uc;
}

static void test_handler_arguments_in_registers(void)
{
	install(SIGUSR2, stack_handler, 0, 0);
	raise(SIGUSR2);
	install(SIGUSR2, (void (*)(int, siginfo_t *, void *))regparm_handler, 0, 0);
	raise(SIGUSR2);
	reset(SIGUSR2);
	CHECK(stack_args[0] == SIGUSR2 && regparm_args[0] == SIGUSR2, "sig: stack %lu, eax %lu",
	      stack_args[0], regparm_args[0]);
	/* Same stack depth both times, so the frame lands at the same place. */
	CHECK(regparm_args[1] == stack_args[1], "info: stack %#lx, edx %#lx", stack_args[1],
	      regparm_args[1]);
	CHECK(regparm_args[2] == stack_args[2], "uc: stack %#lx, ecx %#lx", stack_args[2],
	      regparm_args[2]);
	CHECK(stack_args[2] > stack_args[1], "uc %#lx above info %#lx", stack_args[2],
	      stack_args[1]);
}

/* ---- the blocked mask ----------------------------------------------------- */

static void test_mask_during_handler(void)
{
	sigset_t before, mask = 0, after;

	sigaddset(&mask, SIGUSR2);
	install(SIGUSR1, info_handler, 0, mask);
	before = blocked_now();
	raise(SIGUSR1);
	after = blocked_now();
	reset(SIGUSR1);
	CHECK(sigismember((sigset_t *)&mask_in_handler, SIGUSR1) == 1,
	      "SIGUSR1 not blocked in its handler");
	CHECK(sigismember((sigset_t *)&mask_in_handler, SIGUSR2) == 1,
	      "sa_mask's SIGUSR2 not blocked");
	CHECK(uc_mask == before, "uc_sigmask %#llx, the mask before %#llx", uc_mask, before);
	CHECK(after == before, "mask after the handler %#llx, before %#llx", after, before);
}

static void nesting_handler(int sig, siginfo_t *info, void *uc)
{
	(void)info;
	(void)uc;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (nested++ == 0)
		raise(sig); /* delivered at once only if not blocked */
	depth--;
}

static void test_signal_blocked_in_its_handler(void)
{
	nested = max_depth = 0;
	install(SIGUSR1, nesting_handler, 0, 0);
	raise(SIGUSR1);
	CHECK(nested == 2 && max_depth == 1, "the second SIGUSR1 ran %s (nested %d, depth %d)",
	      max_depth > 1 ? "inside the first" : "not at all", nested, max_depth);
	reset(SIGUSR1);
}

static void test_sa_nodefer(void)
{
	nested = max_depth = 0;
	install(SIGUSR1, nesting_handler, SA_NODEFER, 0);
	raise(SIGUSR1);
	CHECK(nested == 2 && max_depth == 2, "with SA_NODEFER: nested %d, depth %d", nested,
	      max_depth);
	reset(SIGUSR1);
}

static void test_sa_resethand(void)
{
	struct sigaction old;
	int status = 0;
	pid_t pid;

	install(SIGUSR1, info_handler, SA_RESETHAND, 0);
	hits = 0;
	raise(SIGUSR1);
	CHECK(hits == 1, "handler ran %d times", hits);
	CHECK(sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == SIG_DFL,
	      "after one delivery the action is %p, not SIG_DFL", (void *)old.sa_handler);
	install(SIGUSR1, info_handler, SA_RESETHAND, 0);
	pid = fork();
	if (pid == 0) {
		raise(SIGUSR1);
		raise(SIGUSR1); /* the default action now: terminate */
		_exit(0);
	}
	waitpid(pid, &status, 0);
	reset(SIGUSR1);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1, "second SIGUSR1: status %#x",
	      status);
}

/* A handler installed with signal(): no SA_SIGINFO, so the old frame and sigreturn (119). */
static void plain_handler(int sig)
{
	got_sig = sig;
	hits++;
}

static void test_plain_handler_and_sigreturn(void)
{
	volatile unsigned long sum = 0;

	hits = 0;
	CHECK(signal(SIGUSR2, plain_handler) == SIG_DFL, "signal() did not return SIG_DFL");
	for (unsigned long i = 1; i <= 100; i++) {
		sum += i;
		if (i % 25 == 0)
			raise(SIGUSR2);
	}
	CHECK(hits == 4 && got_sig == SIGUSR2, "plain handler ran %d times, sig %d", hits, got_sig);
	CHECK(sum == 5050, "the interrupted loop computed %lu", sum);
	CHECK(signal(SIGUSR2, SIG_DFL) == plain_handler, "signal() did not return the old handler");
}

/* A handler that wipes the FPU: fninit empties the x87 register stack. */
static void fpu_wiping_handler(int sig)
{
	(void)sig;
	__asm__ volatile("fninit; fldpi; fldpi");
	hits++;
}

/* 1.0 is on the x87 stack when the signal comes; it must be there after the handler. */
static void test_fpu_state_survives_handler(void)
{
	double result = 0;
	long ax = 37; /* kill */

	hits = 0;
	signal(SIGUSR1, fpu_wiping_handler);
	__asm__ volatile("fld1; int $0x80; fstpl %1"
			 : "+a"(ax), "=m"(result)
			 : "b"(getpid()), "c"(SIGUSR1)
			 : "memory");
	reset(SIGUSR1);
	CHECK(ax == 0 && hits == 1, "kill returned %ld, handler ran %d times", ax, hits);
	CHECK(result == 1.0, "the interrupted code's st(0) is %d/1000 after the handler, not 1",
	      (int)(result * 1000));
}

/* ---- faults ---------------------------------------------------------------- */

#define FAULT_ADDR 0x1234

static void segv_handler(int sig, siginfo_t *info, void *ucv)
{
	struct ucontext *uc = ucv;

	if (sig != SIGSEGV || info->si_signo != SIGSEGV)
		_exit(1);
	if (info->si_addr != (void *)FAULT_ADDR)
		_exit(2);
	if (info->si_code != SEGV_MAPERR)
		_exit(3);
	if (uc->uc_mcontext.cr2 != FAULT_ADDR)
		_exit(4);
	if (uc->uc_mcontext.trapno != 14)
		_exit(5);
	_exit(42);
}

static void test_sigsegv_handler_sees_the_address(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		install(SIGSEGV, segv_handler, 0, 0);
		*(volatile int *)FAULT_ADDR = 1;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "status %#x (exit 1: signo, 2: si_addr, 3: si_code, 4: cr2, 5: trapno wrong)",
	      status);
}

static void corrupting_handler(int sig, siginfo_t *info, void *ucv)
{
	struct ucontext *uc = ucv;

	(void)sig;
	(void)info;
	uc->uc_mcontext.cs = uc->uc_mcontext.ss; /* a data segment as code: iret cannot take it */
}

static void corrupt_own_frame(void)
{
	install(SIGUSR1, corrupting_handler, 0, 0);
	raise(SIGUSR1);
}

static void test_corrupt_segment_in_frame(void)
{
	int status = in_child(corrupt_own_frame);

	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "status %#x, wanted SIGSEGV",
	      status);
}

static void rt_sigreturn_without_frame(void)
{
	__asm__ volatile("mov $16, %%esp; mov $173, %%eax; int $0x80" : : : "eax", "memory");
}

static void sigreturn_without_frame(void)
{
	__asm__ volatile("mov $16, %%esp; mov $119, %%eax; int $0x80" : : : "eax", "memory");
}

static void test_sigreturn_with_bad_frame(void)
{
	int status = in_child(rt_sigreturn_without_frame);

	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "rt_sigreturn: status %#x",
	      status);
	status = in_child(sigreturn_without_frame);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "sigreturn: status %#x", status);
}

/* A signal with a handler arrives while esp points nowhere: no frame, so SIGSEGV. */
static void signal_on_bad_stack(void)
{
	install(SIGUSR1, info_handler, 0, 0);
	__asm__ volatile("mov $16, %%esp; mov $37, %%eax; int $0x80; 1: jmp 1b"
			 :
			 : "b"(getpid()), "c"(SIGUSR1)
			 : "eax", "memory");
}

static void test_bad_stack_forces_sigsegv(void)
{
	int status = in_child(signal_on_bad_stack);

	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "status %#x, wanted SIGSEGV",
	      status);
}

/* ---- interrupted system calls --------------------------------------------- */

static void count_handler(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)info;
	(void)uc;
	hits++;
}

/*
 * read on an empty pipe, interrupted by SIGUSR1 from a child: EINTR without
 * SA_RESTART; with it the read goes on and gets what the child writes next.
 * The child keeps the pipe open until the parent is done (done[]), or the
 * parent could wake to end-of-file instead of the signal.
 */
static void pipe_read_interrupted(int flags, ssize_t *ret, int *err, char *c)
{
	pid_t parent = getpid(), pid;
	int fds[2], done[2];

	hits = 0;
	install(SIGUSR1, count_handler, flags, 0);
	pipe(fds);
	pipe(done);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		close(done[1]);
		signal_when_asleep(parent, SIGUSR1);
		if (flags & SA_RESTART) {
			wait_asleep(
			    parent); /* woken by the kill, asleep again in the restarted read */
			write(fds[1], "x", 1);
		}
		read(done[0], c, 1); /* end of file when the parent is done */
		_exit(0);
	}
	close(fds[1]);
	close(done[0]);
	*ret = read(fds[0], c, 1);
	*err = errno;
	close(fds[0]);
	close(done[1]);
	waitpid(pid, NULL, 0);
	reset(SIGUSR1);
}

static void test_pipe_read_eintr(void)
{
	ssize_t ret;
	int err;
	char c = 0;

	pipe_read_interrupted(0, &ret, &err, &c);
	CHECK(hits == 1, "handler ran %d times", hits);
	CHECK(ret == -1 && err == EINTR, "read returned %d errno %d, wanted EINTR", (int)ret, err);
}

static void test_pipe_read_sa_restart(void)
{
	ssize_t ret;
	int err;
	char c = 0;

	pipe_read_interrupted(SA_RESTART, &ret, &err, &c);
	CHECK(hits == 1, "handler ran %d times", hits);
	CHECK(ret == 1 && c == 'x', "read returned %d (errno %d), wanted the byte", (int)ret, err);
}

/*
 * wait4 for a child that signals us first: EINTR (the child then waits to
 * be killed, so its exit cannot end the wait instead), or with SA_RESTART
 * its status (it exits once the wait has restarted).
 */
static void test_wait4_eintr_and_restart(void)
{
	for (int flags = 0; flags <= SA_RESTART; flags += SA_RESTART) {
		pid_t parent = getpid(), pid, got;
		int status = 0, err;

		hits = 0;
		install(SIGUSR1, count_handler, flags, 0);
		pid = fork();
		if (pid == 0) {
			signal_when_asleep(parent, SIGUSR1);
			if (!flags)
				pause();
			wait_asleep(parent);
			_exit(7);
		}
		got = waitpid(pid, &status, 0);
		err = errno;
		if (got < 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
		reset(SIGUSR1);
		if (flags) {
			CHECK(got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7,
			      "SA_RESTART: waitpid %d errno %d status %#x", got, err, status);
		} else {
			CHECK(got == -1 && err == EINTR, "waitpid %d errno %d, wanted EINTR", got,
			      err);
		}
	}
}

static void test_pause_returns_eintr(void)
{
	pid_t parent = getpid(), pid;
	int ret, err;

	hits = 0;
	install(SIGUSR1, count_handler, SA_RESTART, 0); /* pause is never restarted */
	pid = fork();
	if (pid == 0) {
		signal_when_asleep(parent, SIGUSR1);
		_exit(0);
	}
	ret = pause();
	err = errno;
	waitpid(pid, NULL, 0);
	reset(SIGUSR1);
	CHECK(ret == -1 && err == EINTR && hits == 1, "pause %d errno %d hits %d", ret, err, hits);
}

/* A stopped child: SIGCONT lets it run on, SIGKILL ends it (neither may leave it stopped). */
static void test_stopped_child_continues_or_dies(void)
{
	for (int sig = SIGCONT; sig; sig = sig == SIGCONT ? SIGKILL : 0) {
		pid_t pid = fork(), got = 0;
		int status = 0, tries;

		if (pid == 0) {
			kill(getpid(), SIGSTOP);
			_exit(7);
		}
		for (tries = 0; proc_state(pid) != 'T' && tries < 100000; tries++)
			sched_yield();
		kill(pid, sig);
		for (tries = 0; !got && tries < 200; tries++) { /* 2 s at most, not forever */
			got = waitpid(pid, &status, WNOHANG);
			usleep(10000);
		}
		if (!got) {
			kill(pid, SIGKILL);
			kill(pid, SIGCONT);
		}
		CHECK(got == pid, "child still stopped 2 s after signal %d (state %c)", sig,
		      proc_state(pid));
		CHECK(sig == SIGCONT ? WIFEXITED(status) && WEXITSTATUS(status) == 7
				     : WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		      "signal %d: status %#x", sig, status);
	}
}

static const struct selftest tests[] = {
	{ "siginfo_from_kill", test_siginfo_from_kill },
	{ "handler_arguments_in_registers", test_handler_arguments_in_registers },
	{ "sigchld_siginfo", test_sigchld_siginfo },
	{ "mask_during_handler", test_mask_during_handler },
	{ "signal_blocked_in_its_handler", test_signal_blocked_in_its_handler },
	{ "sa_nodefer", test_sa_nodefer },
	{ "sa_resethand", test_sa_resethand },
	{ "plain_handler_and_sigreturn", test_plain_handler_and_sigreturn },
	{ "fpu_state_survives_handler", test_fpu_state_survives_handler },
	{ "sigsegv_handler_sees_the_address", test_sigsegv_handler_sees_the_address },
	{ "corrupt_segment_in_frame", test_corrupt_segment_in_frame },
	{ "sigreturn_with_bad_frame", test_sigreturn_with_bad_frame },
	{ "bad_stack_forces_sigsegv", test_bad_stack_forces_sigsegv },
	{ "pipe_read_eintr", test_pipe_read_eintr },
	{ "pipe_read_sa_restart", test_pipe_read_sa_restart },
	{ "wait4_eintr_and_restart", test_wait4_eintr_and_restart },
	{ "pause_returns_eintr", test_pause_returns_eintr },
	{ "stopped_child_continues_or_dies", test_stopped_child_continues_or_dies },
};

SELFTEST_MAIN(tests, "sigtest")
