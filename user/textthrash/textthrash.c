/*
 * textthrash: a program with a large text (NFUNCS functions of
 * funcs.asm, about 2.4 MiB of code) for the text-thrash test and benchmark
 * (tests/system/test_mmap.py, tools/bench.py). It is not in the
 * initramfs: the Makefile puts it alone on an ext2 image
 * (build/textthrash.img, made with mke2fs -d), so it runs mapped from the
 * page cache (kernel/exec.c) and its text can be dropped and read again.
 *
 *   textthrash PASSES ANON_KIB SEED
 *
 * takes ANON_KIB KiB of anonymous memory (the pressure), then PASSES
 * times calls every function once in an order drawn from SEED, touching
 * its anonymous memory between calls, and checks each result against the
 * same arithmetic done by one small function (so a text page read back
 * wrong is seen). Prints "textthrash: ok PASSES passes, major N minor M"
 * and exits 0, or names the first wrong function and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "pattern.h"

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

int main(int argc, char **argv)
{
	unsigned passes, seed, i, p, x = 1;
	unsigned long anon_kib, words, a;
	unsigned *anon;
	struct rusage ru;

	if (argc < 4) {
		printf("usage: textthrash PASSES ANON_KIB SEED\n");
		return 2;
	}
	passes = (unsigned)strtoul(argv[1], NULL, 0);
	anon_kib = strtoul(argv[2], NULL, 0);
	seed = (unsigned)strtoul(argv[3], NULL, 0);
	words = anon_kib * 256;
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
	printf("textthrash: ok %u passes, major %ld minor %ld\n", passes, ru.ru_majflt,
	       ru.ru_minflt);
	return 0;
}
