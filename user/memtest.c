/*
 * memtest: address spaces and the page-fault handler, checked from user
 * space. `memtest NAME...` runs the named checks (or all), prints "PASS
 * name" / "FAIL name: why", and exits with the number of failures. Like
 * proctest it also runs on Linux (qemu-i386), which is how the expected
 * behaviour was checked. Checks that need /proc live in a later program.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <selftest.h>
#include <unistd.h>

static int killed_by(int status, int sig)
{
	return WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

static void test_anonymous_memory_reads_zero(void)
{
	size_t len = 64 << 20, i;
	unsigned char *p =
	    mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap 64 MiB: errno %d", errno);
	for (i = 0; i < len; i += 4096 * 16)
		CHECK(p[i] == 0 && p[i + 4095] == 0, "byte at %zu not zero", i);
	for (i = 0; i < len; i += 4096 * 16)
		p[i] = (unsigned char)(i >> 16);
	for (i = 0; i < len; i += 4096 * 16)
		CHECK(p[i] == (unsigned char)(i >> 16), "byte at %zu lost", i);
	CHECK(munmap(p, len) == 0, "munmap");
}

static void test_cow_after_fork(void)
{
	int fds[2], status;
	char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char seen[16];
	pid_t pid;

	CHECK(p != MAP_FAILED, "mmap");
	strcpy(p, "parent data");
	strcpy(p + 4096, "second page");
	CHECK(pipe(fds) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		char ok = !strcmp(p, "parent data") && !strcmp(p + 4096, "second page");
		strcpy(p, "child wrote");
		write(fds[1], &ok, 1);
		write(fds[1], p, 12);
		_exit(0);
	}
	CHECK(read(fds[0], seen, 1) == 1 && seen[0] == 1, "child did not see the parent's data");
	CHECK(read(fds[0], seen, 12) == 12 && !strcmp(seen, "child wrote"), "child's own write");
	waitpid(pid, &status, 0);
	CHECK(!strcmp(p, "parent data"), "the child's write leaked into the parent: %s", p);
	strcpy(p + 4096, "parent again");
	CHECK(!strcmp(p + 4096, "parent again"), "parent write");
	close(fds[0]);
	close(fds[1]);
	munmap(p, 3 * 4096);
}

static void test_shared_mapping_is_shared(void)
{
	volatile int *p =
	    mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status;
	pid_t pid;

	CHECK(p != MAP_FAILED, "mmap");
	*p = 1;
	pid = fork();
	if (pid == 0) {
		*p = 42;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	CHECK(*p == 42, "MAP_SHARED write by the child not seen: %d", *p);
}

static void fork_chain(int depth) __attribute__((noreturn));
static void fork_chain(int depth)
{
	int status;
	pid_t pid;

	if (depth == 0)
		_exit(0);
	pid = fork();
	if (pid < 0)
		_exit(2);
	if (pid == 0)
		fork_chain(depth - 1);
	waitpid(pid, &status, 0);
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 3);
}

static void test_fork_chain_100_deep(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		fork_chain(100);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "chain status %#x", status);
}

static void touch_big_stack_object(void)
{
	volatile char big[64 * 1024];
	int i;

	for (i = 0; i < (int)sizeof(big); i += 512)
		big[i] = (char)i;
	for (i = 0; i < (int)sizeof(big); i += 512)
		if (big[i] != (char)i)
			_exit(1);
}

static void touch_below_esp(void)
{
	/* A push-like access just below esp, then 32 bytes below (the old pusha check). */
	__asm__ volatile("movl $1, -4(%%esp)\n\tmovl $2, -32(%%esp)" ::: "memory");
}

static void touch_far_below_stack(void)
{
	char here;
	volatile unsigned long far = (unsigned long)&here - (16UL << 20); /* hidden from gcc */

	*(volatile char *)far = 1; /* 16 MiB below: past the 8 MiB stack limit */
}

static void test_stack_growth(void)
{
	CHECK(in_child(touch_big_stack_object) == 0, "64 KiB stack object");
	CHECK(in_child(touch_below_esp) == 0, "esp-4 and esp-32");
	CHECK(killed_by(in_child(touch_far_below_stack), SIGSEGV),
	      "far below the stack: no SIGSEGV");
}

static void read_null(void)
{
	(void)*(volatile int *)0;
}
static void write_kernel(void)
{
	*(volatile int *)0xC0100000 = 1;
}
static void write_text(void)
{
	*(volatile unsigned char *)(void *)test_stack_growth = 0xC3;
}
static void use_after_munmap(void)
{
	int *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	*p = 1;
	munmap(p, 4096);
	*(volatile int *)p = 2;
}
static void write_readonly_mapping(void)
{
	int *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	*(volatile int *)p = 2;
}
static void read_prot_none(void)
{
	int *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	*p = 1;
	mprotect(p, 4096, PROT_NONE);
	(void)*(volatile int *)p;
}

static void test_bad_accesses_are_sigsegv(void)
{
	static const struct {
		const char *what;
		void (*fn)(void);
	} cases[] = {
		{ "NULL read", read_null },
		{ "kernel write", write_kernel },
		{ "text write", write_text },
		{ "use after munmap", use_after_munmap },
		{ "write to PROT_READ", write_readonly_mapping },
		{ "read of PROT_NONE", read_prot_none },
	};
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int status = in_child(cases[i].fn);

		CHECK(killed_by(status, SIGSEGV), "%s: status %#x, not SIGSEGV", cases[i].what,
		      status);
	}
}

static void test_mprotect_round_trip(void)
{
	int *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap");
	CHECK(munmap((char *)p + 8192, 4096) == 0, "munmap the third page");
	p[0] = 7;
	CHECK(mprotect(p, 4096, PROT_READ) == 0, "mprotect RO");
	CHECK(p[0] == 7, "read after RO");
	CHECK(mprotect(p, 4096, PROT_READ | PROT_WRITE) == 0, "mprotect RW");
	p[0] = 8;
	CHECK(p[0] == 8, "write after RW");
	CHECK(mprotect(p + 1, 4096, PROT_READ) == -1 && errno == EINVAL, "unaligned: errno %d",
	      errno);
	errno = 0; /* (qemu-i386's emulation wrongly accepts this one; Linux says ENOMEM) */
	CHECK(mprotect((char *)p + 4096, 8192, PROT_READ) == -1 && errno == ENOMEM,
	      "range running into unmapped memory: errno %d", errno);
	munmap(p, 2 * 4096);
}

static void test_brk_grows_and_shrinks(void)
{
	char *start = sbrk(0), *p;

	CHECK(start != (char *)-1, "sbrk(0)");
	p = sbrk(1 << 20);
	CHECK(p == start, "sbrk returned %p, break was %p", p, start);
	memset(p, 0x5a, 1 << 20);
	CHECK(p[(1 << 20) - 1] == 0x5a, "heap write");
	CHECK(sbrk(-(1 << 20)) != (char *)-1 && sbrk(0) == start, "shrink back");
}

static const struct selftest tests[] = {
	{ "anonymous_memory_reads_zero", test_anonymous_memory_reads_zero },
	{ "cow_after_fork", test_cow_after_fork },
	{ "shared_mapping_is_shared", test_shared_mapping_is_shared },
	{ "fork_chain_100_deep", test_fork_chain_100_deep },
	{ "stack_growth", test_stack_growth },
	{ "bad_accesses_are_sigsegv", test_bad_accesses_are_sigsegv },
	{ "mprotect_round_trip", test_mprotect_round_trip },
	{ "brk_grows_and_shrinks", test_brk_grows_and_shrinks },
};

SELFTEST_MAIN(tests, "memtest")
