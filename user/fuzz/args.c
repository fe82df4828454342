/*
 * Argument generation: for each kind of argument (user/fuzz/fuzz.h), the
 * values that have broken kernels: NULL and low pages, kernel addresses,
 * addresses straddling into unmapped or kernel memory, a guard page, huge
 * and negative lengths, closed and out-of-range fds, and structured flags
 * (open, mmap, mprotect, signals) that reach deep paths instead of
 * bouncing off the first EINVAL. Most values are the worker's own valid
 * objects, so calls get past their checks and do real work.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <uapi/linux/reboot.h>

#include "fuzz.h"

#define PAGE 4096UL

uint32_t rnd(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

uint32_t rnd_below(struct rng *r, uint32_t n)
{
	return n ? rnd(r) % n : 0;
}

uint64_t seed_mix(uint64_t seed, uint64_t k)
{
	uint64_t z = seed + (k + 1) * 0x9E3779B97F4A7C15ULL;

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	z ^= z >> 31;
	return z ? z : 1;
}

#define PICK(r, arr) ((arr)[rnd_below(r, sizeof(arr) / sizeof((arr)[0]))])

static long gen_int(struct rng *r)
{
	static const long vals[] = { 0,	   1,	 2,	3,	    4,
				     7,	   8,	 16,	255,	    256,
				     1024, 4096, 65536, 0x7fffffff, (long)0x80000000,
				     -1,   -2,	 -4096 };

	return rnd_below(r, 4) ? PICK(r, vals) : (long)rnd(r);
}

static long gen_fd(struct rng *r, const struct worker_env *env)
{
	static const long bad[] = { -1, 3, 60, 64, 255, 1023, 1024, 65535, 0x7fffffff, -100 };

	switch (rnd_below(r, 8)) {
	case 0:
		return PICK(r, bad);
	case 1:
		return rnd_below(r, 3); /* /dev/null and the console */
	default:
		return env->nfds ? env->fds[rnd_below(r, env->nfds)] : 3;
	}
}

/* An address: the kind of memory decides what a kernel must cope with. */
static unsigned long gen_ptr(struct rng *r, const struct worker_env *env, int page_aligned)
{
	static const unsigned long fixed[] = {
		0,	    1,		PAGE,
		0x10000,    0x08048000,			/* NULL, low, our text */
		0xbffff000, 0xbfffffff, 0xc0000000 - 4, /* stack top, straddling into the kernel */
		0xc0000000, 0xc0100000, 0xc0400000,
		0xf8000000, /* kernel text and data, vmalloc */
		0xfffff000, 0xfffffffc, 0xffffffff,
	};
	unsigned long off = page_aligned ? rnd_below(r, 16) * PAGE : rnd_below(r, 16 * PAGE);

	switch (rnd_below(r, 10)) {
	case 0:
		return PICK(r, fixed);
	case 1:
		return (unsigned long)env->ro + (page_aligned ? 0 : rnd_below(r, PAGE));
	case 2:
		return (unsigned long)env->guard - (page_aligned ? PAGE : rnd_below(r, 64));
	case 3:
		return (unsigned long)env->guard;
	case 4:
		return (unsigned long)env->hole;
	case 5:
		return page_aligned ? (unsigned long)rnd(r) & ~(PAGE - 1) : (unsigned long)rnd(r);
	case 6:
		return 0xc0000000UL + (rnd(r) & 0x3fffffffUL); /* anywhere in the kernel */
	default:
		return (unsigned long)env->rw + off;
	}
}

static long gen_len(struct rng *r)
{
	static const long vals[] = { 0,
				     1,
				     2,
				     8,
				     64,
				     511,
				     512,
				     4095,
				     4096,
				     4097,
				     8192,
				     65536,
				     1 << 20,
				     16 << 20,
				     0x7fffffff,
				     (long)0x80000000,
				     -1,
				     -4096,
				     (long)0xc0000000 };

	return rnd_below(r, 5) ? PICK(r, vals) : (long)rnd_below(r, 20000);
}

static long gen_oflags(struct rng *r)
{
	static const long bits[] = { O_CREAT,
				     O_EXCL,
				     O_TRUNC,
				     O_APPEND,
				     O_NONBLOCK,
				     O_DIRECTORY,
				     O_CLOEXEC,
				     O_NOCTTY,
				     0x4000 /* O_DIRECT */,
				     0x40000 /* O_NOATIME */,
				     0x8000 /* O_LARGEFILE */,
				     0x200000 /* O_PATH */,
				     0x410000 /* O_TMPFILE */ };
	long f = rnd_below(r, 3); /* O_RDONLY, O_WRONLY, O_RDWR */
	int i, n = (int)rnd_below(r, 4);

	for (i = 0; i < n; i++)
		f |= PICK(r, bits);
	return rnd_below(r, 16) ? f : (long)rnd(r);
}

static long gen_mflags(struct rng *r)
{
	static const long extra[] = { MAP_FIXED,
				      MAP_GROWSDOWN,
				      MAP_NORESERVE,
				      MAP_POPULATE,
				      MAP_FIXED_NOREPLACE,
				      0x2000 /* MAP_LOCKED */,
				      0x10000 /* MAP_NONBLOCK */,
				      0x40000 /* MAP_HUGETLB */ };
	long f =
	    (rnd_below(r, 2) ? MAP_PRIVATE : MAP_SHARED) | (rnd_below(r, 4) ? MAP_ANONYMOUS : 0);

	if (rnd_below(r, 2))
		f |= PICK(r, extra);
	if (!rnd_below(r, 4))
		f |= PICK(r, extra);
	return rnd_below(r, 20) ? f : (long)rnd(r);
}

static long gen_prot(struct rng *r)
{
	static const long extra[] = { 0x01000000 /* PROT_GROWSDOWN */, 0x02000000 /* GROWSUP */,
				      0x8, 0x10 };

	return rnd_below(r, 10) ? (long)rnd_below(r, 8) : (long)(rnd_below(r, 8) | PICK(r, extra));
}

static long gen_sig(struct rng *r)
{
	static const long vals[] = { 0,	      SIGKILL, SIGSTOP, SIGSEGV, SIGCHLD, SIGUSR1,
				     SIGPIPE, SIGALRM, SIGCONT, 32,	 33,	  64,
				     65,      66,      -1,	1000 };

	return rnd_below(r, 2) ? PICK(r, vals) : (long)rnd_below(r, 66);
}

/* Never 1: init may not be signalled, traced or limited by a worker. */
static long gen_pid(struct rng *r, const struct worker_env *env)
{
	static const long vals[] = { 0, -1, -2, 2, 99999, 0x7fffffff, (long)0x80000000 };

	switch (rnd_below(r, 4)) {
	case 0:
		return PICK(r, vals);
	case 1:
		return env->sibling > 1 ? env->sibling : 0;
	default:
		return env->self;
	}
}

/* A struct sigaction (i386 kernel layout) in the worker's own memory. */
static long gen_sigact(struct rng *r, const struct worker_env *env)
{
	static const unsigned long flags[] = { 0,	   SA_SIGINFO,	 SA_RESTART, SA_ONSTACK,
					       SA_NODEFER, SA_RESETHAND, SA_RESTORER };
	unsigned long *act = (unsigned long *)(env->rw + 8 * PAGE + rnd_below(r, 4) * 32);

	if (!rnd_below(r, 6))
		return (long)gen_ptr(r, env, 0);
	act[0] = rnd_below(r, 3) ? rnd_below(r, 2) : gen_ptr(r, env, 0); /* DFL, IGN, or code? */
	act[1] = PICK(r, flags) | PICK(r, flags);
	act[2] = gen_ptr(r, env, 0); /* the restorer */
	act[3] = rnd(r);	     /* the mask */
	act[4] = rnd(r);
	return (long)act;
}

static long gen_path(struct rng *r, const struct worker_env *env)
{
	if (!rnd_below(r, 8) || !env->npaths)
		return (long)gen_ptr(r, env, 0);
	return (long)env->paths[rnd_below(r, env->npaths)];
}

/* Numeric text in rw's first page (worker.c puts it there): for sysctl and sysfs writes. */
static long gen_numstr(struct rng *r, const struct worker_env *env)
{
	if (rnd_below(r, 3))
		return (long)gen_ptr(r, env, 0);
	return (long)(env->rw + rnd_below(r, 64) * 32);
}

static long gen_one(struct rng *r, const struct worker_env *env, enum arg_kind kind)
{
	switch (kind) {
	case A_INT:
		return gen_int(r);
	case A_FD:
		return gen_fd(r, env);
	case A_BUF:
		return (long)gen_ptr(r, env, 0);
	case A_LEN:
		return gen_len(r);
	case A_PATH:
		return gen_path(r, env);
	case A_OFLAGS:
		return gen_oflags(r);
	case A_MODE:
		return rnd_below(r, 4) ? (long)(rnd(r) & 07777) : (long)rnd(r);
	case A_PROT:
		return gen_prot(r);
	case A_MFLAGS:
		return gen_mflags(r);
	case A_ADDR:
		return (long)gen_ptr(r, env, 1);
	case A_SIG:
		return gen_sig(r);
	case A_PID:
		return gen_pid(r, env);
	case A_SIGACT:
		return gen_sigact(r, env);
	case A_WHENCE:
		return rnd_below(r, 8) ? (long)rnd_below(r, 5) : (long)rnd(r);
	case A_NUMSTR:
		return gen_numstr(r, env);
	default:
		return gen_one(r, env, (enum arg_kind)(A_INT + rnd_below(r, A_NUMSTR)));
	}
}

void gen_args(struct rng *r, const struct worker_env *env, unsigned int nr, long a[6])
{
	const struct call_desc *d = nr < FUZZ_MAX_NR ? &call_table[nr] : NULL;
	int i;

	for (i = 0; i < 6; i++) {
		enum arg_kind kind = d && d->name ? (i < d->nargs ? d->kind[i] : A_INT) : A_ANY;

		a[i] = gen_one(r, env, kind);
	}
	if (d && (d->flags & CALL_REBOOT) && a[0] == (long)LINUX_REBOOT_MAGIC1)
		a[0] = 0; /* reboot: never the real magic */
}

/* Mostly the table's range; some numbers far beyond it. */
unsigned int pick_nr(struct rng *r)
{
	static const unsigned int beyond[] = { 460,	   511,	       512,
					       1000,	   0x1000,     0x7fffffff,
					       0x80000000, 0xfffffffe, 0xffffffff };

	return rnd_below(r, 40) ? rnd_below(r, FUZZ_MAX_NR) : PICK(r, beyond);
}
