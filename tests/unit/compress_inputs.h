/*
 * Inputs for the compressor tests (test_lz4.c, test_lzo.c): seeded zeros,
 * text, random, mixed and run data of page-sized and odd sizes, and
 * exactly sized heap copies (so ASan sees any overrun).
 */
#ifndef TESTS_UNIT_COMPRESS_INPUTS_H
#define TESTS_UNIT_COMPRESS_INPUTS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum kind { ZEROS, TEXT, RANDOM, MIXED, RUNS, NR_KINDS };
static const char *kind_name[] = { "zeros", "text", "random", "mixed", "runs" };
static const int sizes[] = { 0,	   1,	 4,    5,    12,   13,	  14,	 17,	100,   255,   256,
			     1000, 4095, 4096, 4097, 8191, 12345, 65535, 65536, 70001, 200003 };
#define NR_SIZES ((int)(sizeof(sizes) / sizeof(sizes[0])))

static uint64_t rng;
static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static void fill(char *buf, int n, enum kind kind, uint64_t seed)
{
	static const char *words[] = { "the ",	  "page ",	 "swap ",   "zswap ",
				       "memory ", "compressed ", "kernel ", "of ",
				       "a ",	  "student\n",	 "reads ",  "LZ4 " };
	int i = 0;

	rng = seed * 2654435761u + 1;
	while (i < n) {
		const char *w = words[next_rand() % 12];
		int j;

		switch (kind) {
		case ZEROS:
			buf[i++] = 0;
			break;
		case RANDOM:
			buf[i++] = (char)next_rand();
			break;
		case TEXT:
			for (j = 0; w[j] && i < n; j++)
				buf[i++] = w[j];
			break;
		case MIXED:
			buf[i] = (i / 512) % 2 ? (char)next_rand() : w[i % 2];
			i++;
			break;
		case RUNS:
			for (j = (int)(next_rand() % 300); j >= 0 && i < n; j--)
				buf[i++] = (char)(rng & 0x7);
			break;
		default:
			break;
		}
	}
}

static char *exact_copy(const char *src, int n)
{
	char *p = malloc(n ? (size_t)n : 1);

	memcpy(p, src, (size_t)n);
	return p;
}

#endif
