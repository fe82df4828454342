/*
 * textthrash: a program with a large text (NFUNCS functions of
 * funcs.asm, about 2.4 MiB of code) for the text-thrash test and benchmark
 * (tests/system/test_mmap.py, tools/bench.py). It is not in the
 * initramfs: the Makefile puts it alone on an ext2 image
 * (build/textthrash.img, made with mke2fs -d), so it runs mapped from the
 * page cache (kernel/exec.c) and its text can be dropped and read again.
 *
 *   textthrash PASSES ANON_KIB SEED
 *   textthrash spawn NPROCS PASSES LEFT_KIB
 *
 * The first takes ANON_KIB KiB of anonymous memory (the pressure), then PASSES
 * times calls every function once in an order drawn from SEED, touching
 * its anonymous memory between calls, and checks each result against the
 * same arithmetic done by one small function (so a text page read back
 * wrong is seen). Prints "textthrash: ok PASSES passes, major N minor M
 * ms T" (its faults, and the milliseconds from start to end) and exits 0,
 * or names the first wrong function and exits 1. The second runs NPROCS
 * of them at once, sized from MemFree (see spawn).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pattern.h"
#include "procfs.h"

#define NFUNCS 8192 /* as in funcs.asm */
#define STEPS 16

/* funcs.asm: the functions' addresses; function n's code is its own pages of text. */
extern unsigned (*const textthrash_table[NFUNCS])(unsigned);

/* What function n computes (funcs.asm's comment), in one small function. */
static unsigned __attribute__((noinline)) reference(unsigned x, unsigned n)
{
	for (unsigned k = 0; k < STEPS; k++) {
		x = x * 0x9e3779b1u + (n * 2654435761u + k);
		x ^= x >> 13;
	}
	return x;
}

/* The thrash itself; prints its line; 0 or 1 (a wrong result). */
static int thrash(unsigned passes, unsigned long anon_kib, unsigned seed)
{
	unsigned long words = anon_kib * 256, a;
	unsigned i, p, x = 1, *anon;
	struct timespec t0, t1;
	struct rusage ru;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	anon = mmap(NULL, anon_kib * 1024 + 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED) {
		printf("textthrash: no memory for %lu KiB\n", anon_kib);
		return 1;
	}
	for (a = 0; a < words; a++)
		anon[a] = hash32(seed ^ (unsigned)a);
	for (p = 0; p < passes; p++) {
		for (i = 0; i < NFUNCS; i++) {
			unsigned n =
			    (hash32(seed + p) + i * 2654435761u) % NFUNCS; /* a permutation */
			unsigned got = textthrash_table[n](x), want = reference(x, n);

			if (got != want) {
				printf("textthrash: function %u gave %08x, expected %08x\n", n, got,
				       want);
				return 1;
			}
			x = got;
			if (words) { /* keep the anonymous memory in use */
				a = (hash32(x) % words) & ~1023UL;
				if (anon[a] != hash32(seed ^ (unsigned)a)) {
					printf("textthrash: anonymous word %lu lost\n", a);
					return 1;
				}
			}
		}
	}
	getrusage(RUSAGE_SELF, &ru);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("textthrash: ok %u passes, major %ld minor %ld ms %ld\n", passes, ru.ru_majflt,
	       ru.ru_minflt, (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000);
	return 0;
}

/*
 * spawn: NPROCS children thrash at once, their anonymous memory sized so
 * that LEFT_KIB KiB of MemFree stay for everything else (the text among
 * it): the pressure no longer depends on how much the kernel itself uses.
 */
static int spawn(unsigned nprocs, unsigned passes, unsigned long left_kib)
{
	static char text[4096];
	unsigned long free_kib = 0, anon_kib;
	unsigned i, failed = 0;
	int status;

	if (read_text_file("/proc/meminfo", text, sizeof(text)) <= 0 ||
	    proc_field(text, "MemFree:", &free_kib) || free_kib <= left_kib) {
		printf("textthrash: MemFree %lu kB, not above %lu\n", free_kib, left_kib);
		return 1;
	}
	anon_kib = (free_kib - left_kib) / nprocs;
	printf("textthrash: %u processes, %lu KiB anonymous each, %lu kB left of %lu\n", nprocs,
	       anon_kib, left_kib, free_kib);
	for (i = 0; i < nprocs; i++)
		if (fork() == 0)
			_exit(thrash(passes, anon_kib, i + 1));
	for (i = 0; i < nprocs; i++)
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			failed++;
	printf("textthrash: %u of %u processes finished correctly\n", nprocs - failed, nprocs);
	return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "spawn"))
		return spawn((unsigned)strtoul(argv[2], NULL, 0),
			     (unsigned)strtoul(argv[3], NULL, 0), strtoul(argv[4], NULL, 0));
	if (argc != 4) {
		printf("usage: textthrash PASSES ANON_KIB SEED | spawn NPROCS PASSES LEFT_KIB\n");
		return 2;
	}
	return thrash((unsigned)strtoul(argv[1], NULL, 0), strtoul(argv[2], NULL, 0),
		      (unsigned)strtoul(argv[3], NULL, 0));
}
