/*
 * A fuzz worker: sets up objects worth passing (files, a pipe, mappings
 * of every kind, numeric text, the path pool), then makes n calls from
 * its seed. Each call's number and arguments come from the seed alone, so
 * replaying a seed (verbose) makes the same calls and prints each one
 * before it is made, with its result after: the last line printed before
 * a crash names the call that caused it.
 *
 * One pseudo-call is not a system call: SIGSTACK installs a handler for
 * SIGUSR1 and raises the signal with the stack pointer set to a generated
 * address, so the kernel must build a signal frame on a bad stack (and
 * give SIGSEGV) or on a good one (and return through sigreturn).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <syscall.h>
#include <unistd.h>

#include "fuzz.h"

#define PAGE 4096UL
#define OP_SIGSTACK 0x10000u /* the pseudo-call's number */

static volatile int handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/* Numeric text for sysctl and sysfs writes: 64 slots of 32 bytes. */
static void fill_numbers(char *p, struct rng *r)
{
	static const char *const nums[] = { "0\n",	    "1\n",
					    "2\n",	    "-1\n",
					    "3\n",	    "60\n",
					    "200\n",	    "201\n",
					    "4294967296\n", "99999999999999999999\n",
					    "2147483647\n", "-2147483648\n",
					    "65536\n",	    "1024",
					    "  7  \n",	    "1 2 3 4\n",
					    "x\n",	    "",
					    "0x10\n",	    "+5\n",
					    "lz4\n",	    "zsmalloc\n",
					    "Y\n",	    "N\n",
					    "16M\n" };
	int i;

	for (i = 0; i < 64; i++)
		strcpy(p + i * 32, nums[rnd_below(r, sizeof(nums) / sizeof(nums[0]))]);
}

static void *map(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* The worker's objects; paths are copied into rw so that they live in its memory. */
static int setup_env(struct worker_env *env, struct rng *r, const char *const *paths, int npaths)
{
	char *pool;
	int i, p[2];

	env->rw = map(17 * PAGE, PROT_READ | PROT_WRITE);
	env->hole = map(PAGE, PROT_READ);
	env->ro = map(PAGE, PROT_READ);
	if (!env->rw || !env->hole || !env->ro)
		return -1;
	env->guard = env->rw + 16 * PAGE;
	mprotect(env->guard, PAGE, PROT_NONE);
	munmap(env->hole, PAGE);
	memset(env->rw + PAGE, 0x5a, 7 * PAGE);
	fill_numbers(env->rw, r);
	env->paths = (char **)(env->rw + 12 * PAGE);
	pool = env->rw + 13 * PAGE;
	for (i = 0; i < npaths && i < 256; i++) {
		size_t len = strlen(paths[i]) + 1;

		if (pool + len > env->guard)
			break;
		env->paths[i] = memcpy(pool, paths[i], len);
		pool += len;
	}
	env->npaths = i;
	env->nfds = 0;
	if (pipe(p) == 0) {
		env->fds[env->nfds++] = p[0];
		env->fds[env->nfds++] = p[1];
	}
	for (i = 0; i < env->npaths && env->nfds < 8; i += 1 + (int)rnd_below(r, 6)) {
		int fd = open(env->paths[i], (int)rnd_below(r, 3) | (rnd_below(r, 2) ? O_CREAT : 0),
			      0644);

		if (fd >= 0)
			env->fds[env->nfds++] = fd;
	}
	env->self = getpid();
	env->sibling = env->self - 1 - (int)rnd_below(r, 3);
	return 0;
}

#define REPLAY_FD 63 /* replay output: a copy of stdout that random calls seldom name */

static void print_call(unsigned long i, unsigned int nr, const long a[6]);

/* SIGSTACK: a handler, then SIGUSR1 raised with esp at a generated address. */
static long sigstack_op(struct rng *r, const struct worker_env *env, long a[6], unsigned long i,
			int verbose)
{
	struct sigaction sa;
	long r1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = rnd_below(r, 2) ? SA_NODEFER : 0;
	sigaction(SIGUSR1, &sa, NULL);
	gen_args(r, env, 186, a); /* a[1] is a buffer-kind address */
	a[0] = (long)(rnd_below(r, 3) ? (unsigned long)env->rw + 8 * PAGE - rnd_below(r, 64) * 4
				      : (unsigned long)a[1]);
	if (verbose)
		print_call(i, OP_SIGSTACK, a);
	r1 = fuzz_call_on_stack(__NR_kill, env->self, SIGUSR1, (unsigned long)a[0]);
	return r1;
}

static void print_call(unsigned long i, unsigned int nr, const long a[6])
{
	const char *name = nr < FUZZ_MAX_NR ? call_table[nr].name : NULL;

	if (nr == OP_SIGSTACK)
		dprintf(REPLAY_FD, "%lu: SIGSTACK(sp=%#lx)", i, a[0]);
	else if (name)
		dprintf(REPLAY_FD, "%lu: %s", i, name);
	else
		dprintf(REPLAY_FD, "%lu: nr_%u", i, nr);
	if (nr != OP_SIGSTACK)
		dprintf(REPLAY_FD, "(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)", a[0], a[1], a[2], a[3],
			a[4], a[5]);
	dprintf(REPLAY_FD, " = ");
}

void fuzz_worker(uint64_t seed, unsigned long n, const char *const *paths, int npaths,
		 volatile unsigned long *progress, int verbose)
{
	struct worker_env env;
	struct rng r = { seed };
	unsigned long i;

	if (verbose)
		dup2(1, REPLAY_FD);
	if (setup_env(&env, &r, paths, npaths)) {
		printf("fuzz: worker %#llx: no memory for its setup\n", (unsigned long long)seed);
		_exit(3);
	}
	for (i = 0; i < n; i++) {
		unsigned int nr = rnd_below(&r, 50) ? pick_nr(&r) : OP_SIGSTACK;
		long a[6], res;

		if (nr == OP_SIGSTACK) {
			res = sigstack_op(&r, &env, a, i, verbose);
		} else {
			gen_args(&r, &env, nr, a);
			if (verbose)
				print_call(i, nr, a);
			if (nr < FUZZ_MAX_NR && (call_table[nr].flags & CALL_FORKS))
				res = fuzz_call_fork(nr, a);
			else
				res = fuzz_call(nr, a);
		}
		if (verbose)
			dprintf(REPLAY_FD, "%ld\n", res);
		if (progress)
			*progress = i + 1;
	}
}
