/*
 * The system-call fuzzer's parts (user/fuzz.c is its main; docs/fuzzing.md
 * explains the design). A worker is a forked child that makes calls from
 * one 64-bit worker seed; everything it does follows from that seed, so
 * `fuzz replay=SEED` repeats it and prints every call.
 */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <stdint.h>

#define FUZZ_MAX_NR 460 /* numbers 0..FUZZ_MAX_NR-1 come from the table */

/* xorshift64*: the only source of randomness. */
struct rng {
	uint64_t s;
};

uint32_t rnd(struct rng *r);
uint32_t rnd_below(struct rng *r, uint32_t n); /* 0..n-1 */
uint64_t seed_mix(uint64_t seed, uint64_t k);  /* worker k's seed from the run's (splitmix64) */

/* What an argument is, so the generator can pick values that break kernels. */
enum arg_kind {
	A_ANY,	  /* any class below, mixed */
	A_INT,	  /* small and boundary integers */
	A_FD,	  /* the worker's fds, 0..2, closed and invalid numbers */
	A_BUF,	  /* a buffer: own memory, read-only, guard, unmapped, kernel, straddling */
	A_LEN,	  /* 0, 1, page-ish, huge, negative */
	A_PATH,	  /* a path from the pool (scratch files, /proc, /sys, /dev), or a bad pointer */
	A_OFLAGS, /* open(2) flags */
	A_MODE,	  /* file modes */
	A_PROT,	  /* mmap/mprotect prot */
	A_MFLAGS, /* mmap flags */
	A_ADDR,	  /* page addresses: own mappings, holes, kernel, stack */
	A_SIG,	  /* signal numbers 0..65 and beyond */
	A_PID,	  /* 0, -1, self, a sibling, nonexistent; never 1 (init) */
	A_SIGACT, /* a struct sigaction: handler good or bad, flags, restorer */
	A_WHENCE, /* lseek whence */
	A_NUMSTR, /* a pointer to numeric text, for /proc/sys and /sys writes */
};

struct call_desc {
	const char *name;
	unsigned char nargs;
	unsigned char kind[6];
	unsigned char flags;
};

#define CALL_FORKS 0x1	/* the child leaves at once (user/fuzz/call.asm) */
#define CALL_REBOOT 0x2 /* magic numbers forced wrong: the run must not power off */

extern const struct call_desc call_table[FUZZ_MAX_NR];

/* The fuzz worker's view of its address space and files (user/fuzz/worker.c). */
struct worker_env {
	char *rw;    /* 16 pages, read-write, text in the first */
	char *ro;    /* 1 page, read-only */
	char *guard; /* 1 page, PROT_NONE, right after rw */
	char *hole;  /* 1 page, unmapped */
	int fds[8];
	int nfds;
	int self, sibling; /* pids */
	char **paths;	   /* the path pool, in rw */
	int npaths;
};

void gen_args(struct rng *r, const struct worker_env *env, unsigned int nr, long a[6]);
unsigned int pick_nr(struct rng *r);

/* user/fuzz/call.asm */
long fuzz_call(long nr, const long *args);
long fuzz_call_fork(long nr, const long *args); /* a child of a fork-like call exits at once */
long fuzz_call_on_stack(long nr, long a1, long a2, unsigned long sp);

/* user/fuzz/worker.c: run n calls from seed; verbose prints each (replay). */
void fuzz_worker(uint64_t seed, unsigned long n, const char *const *paths, int npaths,
		 volatile unsigned long *progress, int verbose);

/*
 * user/fuzz/check.c: what the run must give back. baseline_take records
 * free pages, free swap and every /proc/sys/vm value; baseline_check
 * restores the sysctls, turns swap back on, removes the scratch tree,
 * compares and prints; 0 if within bound pages and no swap slot is left
 * that neither init nor the swap cache owns.
 */
struct baseline {
	unsigned long free_pages, swap_free_kb;
	unsigned long swap_used_kb, swap_owned_kb; /* owned: VmSwap of init + SwapCached */
	char swapdev[64];			   /* the first area in /proc/swaps, "" if none */
	char sysctl[16][64];			   /* "name value" as read */
	int nsysctl;
};

void baseline_take(struct baseline *b);
int baseline_check(struct baseline *b, unsigned long bound, const char *scratch);

#endif
