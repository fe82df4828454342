/*
 * abitest: the system calls of issue 14's list that glibctest does not
 * reach, each called as an ordinary glibc program calls it (Debian's gcc
 * -m32 -static), with its errors. TAP output, exit status 0 when every
 * check passed. The same binary runs on Tidemark as init
 * (tests/system/test_glibc.py) and on the host's Linux under qemu-i386
 * (test_userland_on_linux.py) with ABITEST_QEMU_USER set, where the checks
 * that need Tidemark's console or its boot log are left out.
 *
 *   files     statx, faccessat, readlinkat, dup3, fcntl F_DUPFD, F_DUPFD_CLOEXEC and
 *             O_NONBLOCK, pread64/pwrite64, writev, preadv/pwritev, _llseek, FIONREAD,
 *             FIOCLEX/FIONCLEX, FIONBIO, ENOTTY for a terminal request on a pipe
 *   waiting   poll, pselect6 (a timeout and a ready pipe)
 *   signals   rt_sigtimedwait, rt_sigpending, rt_sigsuspend, sigaltstack
 *   groups    setsid, getsid, setpgid, getpgid
 *   misc      getrandom, /dev/urandom, sched_getaffinity, syslog (dmesg's
 *             call), /proc/version, /proc/filesystems, /proc/cpuinfo
 *   tty       (Tidemark only) /dev/tty, TIOCGWINSZ/TIOCSWINSZ and SIGWINCH,
 *             tcgetattr and tcsetattr
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/random.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static int on_linux; /* under qemu-i386 on the host */

/* The first 4 KiB of a file as a string ("" if it cannot be read). */
static const char *slurp(const char *path)
{
	static char buf[4096];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
	return buf;
}

static void test_files(void)
{
	const char *name = "abitest.tmp";
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0640), fd2, p[2], n = -1;
	struct statx stx;
	char buf[32] = "", a[4], b[6];
	struct iovec out[2] = { { "abcd", 4 }, { "efghij", 6 } }, in[2] = { { a, 4 }, { b, 6 } };

	CHECK("writev_gathers", writev(fd, out, 2) == 10);
	CHECK("preadv_scatters",
	      preadv(fd, in, 2, 0) == 10 && !memcmp(a, "abcd", 4) && !memcmp(b, "efghij", 6));
	CHECK("pwritev_at_offset", pwritev(fd, out, 2, 200) == 10 && lseek(fd, 0, SEEK_CUR) == 10 &&
				       pread(fd, buf, 10, 200) == 10 &&
				       !memcmp(buf, "abcdefghij", 10));
	CHECK("pwrite64_at_offset", pwrite(fd, "XY", 2, 100) == 2 && lseek(fd, 0, SEEK_CUR) == 10);
	CHECK("pread64_at_offset", pread(fd, buf, 2, 100) == 2 && !memcmp(buf, "XY", 2));
	CHECK("llseek_end", lseek64(fd, -10, SEEK_END) == 200);
	CHECK("statx_size_and_mode", statx(AT_FDCWD, name, 0, STATX_BASIC_STATS, &stx) == 0 &&
					 stx.stx_size == 210 && (stx.stx_mode & 07777) == 0640 &&
					 S_ISREG(stx.stx_mode));
	CHECK("statx_missing_enoent",
	      statx(AT_FDCWD, "no-such-file", 0, STATX_BASIC_STATS, &stx) == -1 && errno == ENOENT);
	CHECK("faccessat_exists", faccessat(AT_FDCWD, name, R_OK | W_OK, 0) == 0);
	CHECK("faccessat_missing",
	      faccessat(AT_FDCWD, "no-such-file", F_OK, 0) == -1 && errno == ENOENT);
	unlink("abitest.lnk");
	CHECK("readlinkat_reads_a_symlink",
	      symlink(name, "abitest.lnk") == 0 &&
		  readlinkat(AT_FDCWD, "abitest.lnk", buf, sizeof(buf)) == (ssize_t)strlen(name));
	CHECK("readlinkat_on_a_file_einval",
	      readlinkat(AT_FDCWD, name, buf, sizeof(buf)) == -1 && errno == EINVAL);
	fd2 = dup3(fd, 20, O_CLOEXEC);
	CHECK("dup3_cloexec", fd2 == 20 && fcntl(20, F_GETFD) == FD_CLOEXEC);
	CHECK("dup3_same_fd_einval", dup3(fd, fd, 0) == -1 && errno == EINVAL);
	fd2 = fcntl(fd, F_DUPFD_CLOEXEC, 30);
	CHECK("fcntl_dupfd_cloexec", fd2 >= 30 && fcntl(fd2, F_GETFD) == FD_CLOEXEC);
	close(fd2);
	fd2 = fcntl(fd, F_DUPFD, 40);
	CHECK("fcntl_dupfd", fd2 >= 40 && fcntl(fd2, F_GETFD) == 0);
	CHECK("fioclex_fionclex", ioctl(fd2, FIOCLEX) == 0 && fcntl(fd2, F_GETFD) == FD_CLOEXEC &&
				      ioctl(fd2, FIONCLEX) == 0 && fcntl(fd2, F_GETFD) == 0);
	close(fd2);
	close(20);
	close(fd);
	unlink("abitest.lnk");
	unlink(name);

	pipe(p);
	write(p[1], "12345", 5);
	CHECK("fionread_on_a_pipe", ioctl(p[0], FIONREAD, &n) == 0 && n == 5);
	CHECK("tcgetattr_on_a_pipe_enotty",
	      tcgetattr(p[0], &(struct termios){ 0 }) == -1 && errno == ENOTTY);
	read(p[0], buf, 5);
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	CHECK("o_nonblock_empty_pipe_eagain",
	      (fcntl(p[0], F_GETFL) & O_NONBLOCK) && read(p[0], buf, 1) == -1 && errno == EAGAIN);
	n = 0;
	CHECK("fionbio_clears_o_nonblock",
	      ioctl(p[0], FIONBIO, &n) == 0 && !(fcntl(p[0], F_GETFL) & O_NONBLOCK));
	close(p[0]);
	close(p[1]);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_waiting(void)
{
	int p[2];
	struct pollfd pfd;
	fd_set rd;
	struct timespec ts = { 0, 100000000 };
	double t;

	pipe(p);
	/* at least most of the timeout: under QEMU the ticks that count it may come in bursts */
	pfd = (struct pollfd){ p[0], POLLIN, 0 };
	t = now();
	CHECK("poll_times_out", poll(&pfd, 1, 100) == 0 && now() - t >= 0.05);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	t = now();
	CHECK("pselect6_times_out",
	      pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL) == 0 && now() - t >= 0.05);
	write(p[1], "x", 1);
	CHECK("poll_ready", poll(&pfd, 1, 1000) == 1 && (pfd.revents & POLLIN));
	FD_SET(p[0], &rd);
	CHECK("pselect6_ready",
	      pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL) == 1 && FD_ISSET(p[0], &rd));
	close(p[1]);
	CHECK("poll_sees_hangup", poll(&pfd, 1, 0) == 1);
	close(p[0]);
}

static volatile sig_atomic_t got_usr1, on_alt;
static char altstack[65536];

static void on_signal(int sig)
{
	char here;

	got_usr1 = sig;
	on_alt = &here >= altstack && &here < altstack + sizeof(altstack);
}

static void test_signals(void)
{
	sigset_t set, old, pending;
	siginfo_t si;
	struct timespec ts = { 0, 50000000 };
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) }, cur;
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_ONSTACK };
	pid_t pid;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	CHECK("sigtimedwait_times_out", sigtimedwait(&set, &si, &ts) == -1 && errno == EAGAIN);
	kill(getpid(), SIGUSR1);
	CHECK("sigpending_shows_a_blocked_signal",
	      sigpending(&pending) == 0 && sigismember(&pending, SIGUSR1));
	CHECK("sigtimedwait_takes_it", sigtimedwait(&set, &si, &ts) == SIGUSR1 &&
					   si.si_signo == SIGUSR1 && si.si_pid == getpid());
	sigaction(SIGUSR1, &sa, NULL);
	pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	got_usr1 = 0;
	sigsuspend(&old); /* SIGUSR1 unblocked only while waiting */
	CHECK("sigsuspend_returns_after_the_handler", got_usr1 == SIGUSR1 && !on_alt);
	waitpid(pid, NULL, 0);
	CHECK("sigaltstack_set", sigaltstack(&ss, NULL) == 0 && sigaltstack(NULL, &cur) == 0 &&
				     cur.ss_sp == altstack && cur.ss_flags == 0);
	got_usr1 = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	raise(SIGUSR1);
	CHECK("sa_onstack_handler_runs_on_the_alternate_stack", got_usr1 == SIGUSR1 && on_alt);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	signal(SIGUSR1, SIG_DFL);
}

static void test_groups(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		pid_t me = getpid();
		int ok = setsid() == me && getsid(0) == me && getpgid(0) == me && setsid() == -1 &&
			 errno == EPERM; /* a group leader cannot */

		_exit(ok ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	CHECK("setsid_getsid_getpgid", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	CHECK("setpgid_of_a_child",
	      setpgid(pid, pid) == 0 && getpgid(pid) == pid && getsid(pid) == getsid(0));
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	CHECK("getpgid_of_no_process_esrch", getpgid(pid) == -1 && errno == ESRCH);
}

static void test_misc(void)
{
	unsigned char a[64] = { 0 }, b[64] = { 0 }, z[64] = { 0 };
	cpu_set_t cpus;
	int fd = open("/dev/urandom", O_RDONLY);

	CHECK("getrandom", getrandom(a, sizeof(a), 0) == 64 && getrandom(b, sizeof(b), 0) == 64 &&
			       memcmp(a, b, 64) && memcmp(a, z, 64));
	CHECK("getrandom_bad_flags_einval", getrandom(a, 1, 0x100) == -1 && errno == EINVAL);
	CHECK("dev_urandom", fd >= 0 && read(fd, a, 64) == 64 && memcmp(a, z, 64));
	close(fd);
	CPU_ZERO(&cpus);
	CHECK("sched_getaffinity_cpu0",
	      sched_getaffinity(0, sizeof(cpus), &cpus) == 0 && CPU_ISSET(0, &cpus));
	CHECK("syslog_buffer_size", klogctl(10, NULL, 0) > 0); /* SYSLOG_ACTION_SIZE_BUFFER */
	CHECK("proc_version", !strncmp(slurp("/proc/version"), "Linux version ", 14));
	CHECK("proc_filesystems_proc", strstr(slurp("/proc/filesystems"), "nodev\tproc\n") != NULL);
	CHECK("proc_cpuinfo", strstr(slurp("/proc/cpuinfo"), "processor\t: 0\n") != NULL);
}

static void on_winch(int sig)
{
	got_usr1 = sig;
}

/* Tidemark, run as init: the console is the controlling terminal. */
static void test_tty(void)
{
	static char log[1 << 16];
	struct winsize ws = { 40, 120, 0, 0 }, back;
	struct termios t, t2;
	int fd = open("/dev/tty", O_RDWR);
	int n = klogctl(3, log, sizeof(log) - 1); /* SYSLOG_ACTION_READ_ALL */

	log[n > 0 ? n : 0] = '\0';
	CHECK("syslog_read_all_has_the_boot_log", strstr(log, "Run /sbin/init as init process"));
	CHECK("dev_tty_opens", fd >= 0);
	signal(SIGWINCH, on_winch);
	got_usr1 = 0;
	CHECK("tiocswinsz_sends_sigwinch",
	      ioctl(fd, TIOCSWINSZ, &ws) == 0 && got_usr1 == SIGWINCH &&
		  ioctl(fd, TIOCGWINSZ, &back) == 0 && back.ws_row == 40 && back.ws_col == 120);
	CHECK("tcgetattr_linux_defaults",
	      tcgetattr(fd, &t) == 0 &&
		  (t.c_lflag & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG) &&
		  t.c_cc[VINTR] == 3 && t.c_cc[VEOF] == 4 && t.c_cc[VERASE] == 0177);
	t2 = t;
	t2.c_lflag &= ~(ICANON | ECHO);
	t2.c_cc[VMIN] = 0;
	t2.c_cc[VTIME] = 2;
	CHECK("tcsetattr_raw_round_trip", tcsetattr(fd, TCSANOW, &t2) == 0 &&
					      tcgetattr(fd, &t) == 0 && !(t.c_lflag & ICANON) &&
					      t.c_cc[VTIME] == 2);
	CHECK("raw_read_vtime_times_out", read(fd, log, 1) == 0); /* nothing typed: 0.2 s, then 0 */
	t2.c_lflag |= ICANON | ECHO;
	tcsetattr(fd, TCSANOW, &t2);
	close(fd);
}

int main(void)
{
	on_linux = getenv("ABITEST_QEMU_USER") != NULL;
	printf("TAP version 13\n");
	fflush(stdout);
	test_files();
	test_waiting();
	test_signals();
	test_groups();
	test_misc();
	if (!on_linux)
		test_tty();
	return tap_done("abitest");
}
