/*
 * ulibtest: tests of user/lib and of the system calls under it, in TAP
 * ("ok N - what" / "not ok N - what"). The same binary runs on Linux (under
 * qemu-i386, tests/system/test_userland_on_linux.py) and, once processes
 * exist, on Tidemark as init's child: each check holds on both, which is
 * what "the ABI is exact" means. Exit status: 0 if every check passed, 1
 * otherwise.
 *
 *   ulibtest [DIR]   DIR (default: the directory of argv[0], or /bin) must
 *                    list this program and sh (the getdents64 check)
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <tap.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *heap_start;      /* the break before any malloc */
extern unsigned long *__auxv; /* start.c */

/* snprintf(fmt, ...) must give exactly `want`, and return its length. */
#define FMT(want, ...)                                                                             \
	do {                                                                                       \
		char got[128];                                                                     \
		int n = snprintf(got, sizeof(got), __VA_ARGS__);                                   \
		if (strcmp(got, want) || n != (int)strlen(want))                                   \
			printf("# got \"%s\" (%d), want \"%s\"\n", got, n, want);                  \
		tap_check(!strcmp(got, want) && n == (int)strlen(want), #__VA_ARGS__);             \
	} while (0)

static void test_printf(void)
{
	char small[8];
	char *volatile null = NULL; /* hidden from the compiler's format checks */

	FMT("42 -7 4000000000", "%d %i %u", 42, -7, 4000000000U);
	FMT("[   42|42   |-0042]", "[%5d|%-5d|%05d]", 42, 42, -42);
	FMT("beef BEEF 0xff 010 0", "%x %X %#x %#o %x", 0xbeefU, 0xbeefU, 255U, 8U, 0U);
	FMT("+5  5 007    -007", "%+d % d %.3d %7.3d", 5, 5, 7, -7);
	FMT("-1234567890123 18446744073709551615", "%lld %llu", -1234567890123LL,
	    18446744073709551615ULL);
	FMT("-2147483648 ffffffff", "%ld %lx", (long)INT_MIN, 0xffffffffUL);
	FMT("77 -77 127 -1", "%zu %zd %hhd %hd", (size_t)77, (ssize_t)-77, 127, 65535);
	FMT("[    1|2     ]", "[%*d|%-*d]", 5, 1, 6, 2);
	FMT("abc|       abc|abc       |ab", "%s|%10s|%-10s|%.2s", "abc", "abc", "abc", "abc");
	FMT("(null) ok% x", "%s %c%c%% %c", null, 'o', 'k', 'x');
	FMT("0x1234 (nil)", "%p %p", (void *)0x1234, (void *)0);
	FMT("", "%.0d", 0);
	CHECK(snprintf(small, sizeof(small), "%s", "truncated") == 9 && !strcmp(small, "truncat"));
	CHECK(snprintf(NULL, 0, "%d", 12345) == 5);
}

static void test_string(void)
{
	char buf[32], *s, *tok;

	CHECK(strlen("hello") == 5 && strnlen("hello", 3) == 3);
	CHECK(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0 && !strcmp("x", "x"));
	CHECK(strncmp("abcdef", "abcxyz", 3) == 0 && strncmp("ab", "ac", 5) < 0);
	CHECK(!strcmp(strcat(strcpy(buf, "foo"), "bar"), "foobar"));
	s = "hello";
	CHECK(strchr(s, 'l') == s + 2 && strrchr(s, 'l') == s + 3 && !strchr(s, 'z'));
	CHECK(strstr("haystack", "st") && !strcmp(strstr("haystack", "st"), "stack"));
	CHECK(strspn("aabbc", "ab") == 4 && strcspn("abc:def", ":") == 3);
	memset(buf, 'x', sizeof(buf));
	memmove(buf + 1, buf, 8);
	memcpy(buf, "0123456789", 10);
	memmove(buf + 2, buf, 5);
	CHECK(!memcmp(buf, "0101234789", 10));
	strcpy(buf, "a:b::c");
	s = buf;
	tok = strsep(&s, ":");
	CHECK(!strcmp(tok, "a") && !strcmp(strsep(&s, ":"), "b") && !strcmp(strsep(&s, ":"), "") &&
	      !strcmp(strsep(&s, ":"), "c") && !s);
	s = strdup("dup");
	CHECK(s && !strcmp(s, "dup"));
	free(s);
	CHECK(!strcmp(strerror(ENOENT), "No such file or directory"));
	CHECK(strtol("  -0x1f", NULL, 0) == -31 && strtoul("777", NULL, 8) == 511);
	CHECK(atoi("123abc") == 123 && strtol("99999999999", NULL, 10) == LONG_MAX);
	errno = 0;
	strtol("-99999999999", &s, 10);
	CHECK(errno == ERANGE && *s == '\0');
}

/* Runs fn in a child and returns the wait status. */
static int in_child(void (*fn)(void *), void *arg)
{
	int status = -1;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void touch(void *p)
{
	*(volatile char *)p = 1;
}
static void exit42(void *p)
{
	(void)p;
	exit(42);
}
static void kill_self(void *p)
{
	kill(getpid(), *(int *)p);
	for (;;)
		sched_yield();
}

static int signalled(int status, int sig)
{
	return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

static void test_malloc(void)
{
	char *start = heap_start, *p, *big, *q;
	char *blocks[200];
	int ok = 1;

	p = malloc(100);
	CHECK(p && p >= start && p < (char *)sbrk(0) && ((unsigned long)p & 15) == 0);
	memset(p, 0xab, 100);
	p = realloc(p, 5000);
	CHECK(p && (unsigned char)p[99] == 0xab && (unsigned char)p[0] == 0xab);
	free(p);

	/* many small blocks, each filled with its own byte, freed in a mixed order */
	for (int i = 0; i < 200; i++) {
		blocks[i] = malloc(1 + i * 37 % 3000);
		if (!blocks[i])
			ok = 0;
		else
			memset(blocks[i], i, 1 + i * 37 % 3000);
	}
	for (int i = 0; i < 200; i += 2)
		free(blocks[i]);
	for (int i = 1; i < 200; i += 2)
		for (int j = 0; j < 1 + i * 37 % 3000; j++)
			if (blocks[i][j] != (char)i)
				ok = 0;
	for (int i = 1; i < 200; i += 2)
		free(blocks[i]);
	tap_check(ok, "200 small blocks keep their contents");
	tap_check((char *)sbrk(0) - start < 256 * 1024, "freed brk heap is trimmed");

	big = malloc(MMAP_THRESHOLD);
	tap_check(big && (big < start || big >= (char *)sbrk(0)),
		  "a 128 KiB block is mmap'd, not brk");
	memset(big, 0x5a, MMAP_THRESHOLD);
	q = calloc(1, 1 << 20);
	tap_check(q && q[0] == 0 && q[(1 << 20) - 1] == 0, "calloc of 1 MiB is zeroed");
	free(q);
	free(big);
	tap_check(signalled(in_child(touch, big), SIGSEGV), "a freed mmap'd block is unmapped");
	CHECK(malloc(0xfffff000u) == NULL && errno == ENOMEM);
}

static void test_processes(void)
{
	int sig = SIGKILL, status, fds[2];
	pid_t pid;

	CHECK(getpid() > 0);
	status = in_child(exit42, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42);
	CHECK(signalled(in_child(kill_self, &sig), SIGKILL));
	sig = SIGTERM;
	CHECK(signalled(in_child(kill_self, &sig), SIGTERM));
	CHECK(signalled(in_child(touch, NULL), SIGSEGV));
	CHECK(waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD);

	/* the child reports its parent's pid through a pipe */
	CHECK(pipe(fds) == 0);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		pid_t parent = getppid();

		close(fds[0]);
		write(fds[1], &parent, sizeof(parent));
		_exit(0);
	}
	close(fds[1]);
	{
		pid_t got = 0;

		CHECK(read(fds[0], &got, sizeof(got)) == sizeof(got) && got == getpid());
		CHECK(read(fds[0], &got, sizeof(got)) == 0); /* EOF: writer gone */
	}
	close(fds[0]);
	CHECK(wait4(pid, &status, 0, NULL) == pid && WIFEXITED(status));

	/* a running child: WNOHANG returns 0, SIGKILL ends it */
	fflush(NULL);
	pid = fork();
	if (pid == 0)
		for (;;)
			sched_yield();
	CHECK(waitpid(pid, &status, WNOHANG) == 0);
	CHECK(kill(pid, SIGKILL) == 0 && waitpid(pid, &status, 0) == pid &&
	      signalled(status, SIGKILL));
	CHECK(kill(pid, 0) < 0 && errno == ESRCH);
}

static void test_files(const char *self, const char *dir, const char *name)
{
	char buf[8];
	int fd = open(self, O_RDONLY), fds[2], d, found_self = 0, found_sh = 0;
	DIR *dp;
	struct dirent *e;

	CHECK(fd >= 0 && read(fd, buf, 4) == 4 && !memcmp(buf, "\177ELF", 4));
	CHECK(lseek(fd, 0, SEEK_END) > 4096 && lseek(fd, 1, SEEK_SET) == 1);
	CHECK(read(fd, buf, 3) == 3 && !memcmp(buf, "ELF", 3));
	close(fd);
	CHECK(open("/nonexistent/file", O_RDONLY) < 0 && errno == ENOENT);
	CHECK(read(99, buf, 1) < 0 && errno == EBADF);
	CHECK(write(1, (void *)1, 5) < 0 && errno == EFAULT);

	CHECK(pipe(fds) == 0);
	d = dup2(fds[1], 9);
	CHECK(d == 9 && write(9, "pipe", 4) == 4);
	CHECK(read(fds[0], buf, 8) == 4 && !memcmp(buf, "pipe", 4));
	d = dup(fds[0]);
	CHECK(d > 2 && lseek(d, 0, SEEK_SET) < 0 && errno == ESPIPE);
	close(d);
	close(9);
	close(fds[0]);
	close(fds[1]);

	dp = opendir(dir);
	CHECK(dp != NULL);
	while (dp && (e = readdir(dp))) {
		found_self |= !strcmp(e->d_name, name);
		found_sh |= !strcmp(e->d_name, "sh");
	}
	if (dp)
		closedir(dp);
	tap_check(found_self && found_sh, "getdents64 lists this program and sh");
	CHECK(opendir(self) == NULL && errno == ENOTDIR);
}

static void test_memory_calls(void)
{
	char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED && ((unsigned long)p & 4095) == 0);
	CHECK(p[0] == 0 && p[3 * 4096 - 1] == 0);
	p[4096] = 7;
	CHECK(mprotect(p, 3 * 4096, PROT_READ) == 0 && p[4096] == 7);
	tap_check(signalled(in_child(touch, p + 4096), SIGSEGV),
		  "a write to a PROT_READ page is SIGSEGV");
	CHECK(munmap(p, 3 * 4096) == 0);
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1) == MAP_FAILED &&
	      errno == EINVAL);
	CHECK(getauxval(AT_PAGESZ) == 4096);
}

extern long *__initial_sp; /* start.c */
extern char _start[];	   /* crt0.asm */

/* The stack execve built, as Linux builds it (fs/binfmt_elf.c create_elf_tables). */
static void test_exec_stack(int argc, char **argv)
{
	char **envp = argv + argc + 1, **e = envp, *end;
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	int contiguous = 1;

	tap_check(((unsigned long)__initial_sp & 15) == 0, "esp at _start is 16-byte aligned");
	CHECK(__initial_sp[0] == argc && (char **)(__initial_sp + 1) == argv && !argv[argc]);
	/* argv strings, then envp strings, back to back, then the file name */
	end = argv[0];
	for (int i = 0; i < argc; end += strlen(end) + 1, i++)
		contiguous &= argv[i] == end;
	for (; *e; end += strlen(end) + 1, e++)
		contiguous &= *e == end;
	tap_check(contiguous, "argv and envp strings are back to back, argv first");
	tap_check(execfn == end && !strcmp(execfn, argv[0]),
		  "AT_EXECFN follows them: the executed path");
	CHECK(getauxval(AT_ENTRY) == (unsigned long)_start);
	CHECK(getauxval(AT_PHENT) == 32 && getauxval(AT_PHNUM) >= 2);
	tap_check(getauxval(AT_PHDR) && *(unsigned int *)getauxval(AT_PHDR) != 0xffffffff,
		  "AT_PHDR points at mapped program headers");
	CHECK(getauxval(AT_RANDOM) > (unsigned long)__auxv);
	CHECK(getauxval(AT_RANDOM) < (unsigned long)argv[0]);
}

static void test_misc(void)
{
	struct utsname u;
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	struct timespec bad = { 0, 1000 * 1000 * 1000 };

	CHECK(uname(&u) == 0 && u.sysname[0] && u.release[0]);
	CHECK(nanosleep(&ts, NULL) == 0);
	CHECK(nanosleep(&bad, NULL) < 0 && errno == EINVAL);
	CHECK(sched_yield() == 0);
}

int main(int argc, char **argv)
{
	char dir[256] = "/bin";
	const char *name = strrchr(argv[0], '/');

	heap_start = sbrk(0);

	if (name && (size_t)(name - argv[0]) < sizeof(dir)) {
		memcpy(dir, argv[0], name - argv[0]);
		dir[name - argv[0]] = '\0';
	}
	name = name ? name + 1 : argv[0];
	if (argc > 1)
		strcpy(dir, argv[1]);
	printf("TAP version 13\n");
	test_printf();
	test_string();
	test_malloc();
	test_processes();
	test_files(argv[0], dir, name);
	test_memory_calls();
	test_misc();
	test_exec_stack(argc, argv);
	return tap_done("ulibtest");
}
