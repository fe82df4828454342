/*
 * kernel/lib/lzo.c against Debian's liblzo2 (the reference for plain
 * LZO1X): each decompresses what the other compressed (liblzo2's LZO1X-1
 * and its best level, LZO1X-999, which also writes M1 matches), over
 * zeros, text, random and mixed data of page-sized and odd sizes.
 * liblzo2 has no lzo-rle, so that is round trips and hand-made runs.
 * Malformed streams are refused and never read or written out of bounds
 * (every buffer is exactly sized on the heap, so ASan sees any overrun).
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "tests/unit/compress_inputs.h"

/* Our functions under the names the test's CFLAGS give them. */
#define lzo1x_1_compress tm_lzo1x_1_compress
#define lzorle1x_1_compress tm_lzorle1x_1_compress
#define lzo1x_decompress_safe tm_lzo1x_decompress_safe
#include "kernel/lib/lzo.h"
#undef lzo1x_1_compress
#undef lzorle1x_1_compress
#undef lzo1x_decompress_safe
enum { TM_MEM = LZO1X_1_MEM_COMPRESS };
#undef LZO1X_1_MEM_COMPRESS
#include <lzo/lzo1x.h>

#define WORST(n) lzo1x_worst_compress((size_t)(n))

/* Decompress c (copied to an exact heap buffer) into exactly max bytes with ours. */
static int ours_decompress(const unsigned char *c, size_t n, size_t max, unsigned char *keep)
{
	unsigned char *block = (unsigned char *)exact_copy((const char *)c, (int)n);
	unsigned char *out = malloc(max ? max : 1);
	size_t len = max;
	int r = tm_lzo1x_decompress_safe(block, n, out, &len);

	if (r == LZO_E_OK && keep)
		memcpy(keep, out, len);
	ck_assert_uint_le(len, max);
	free(block), free(out);
	return r == LZO_E_OK ? (int)len : r;
}

static size_t ours_compress(const char *in, int size, unsigned char *c, bool rle)
{
	void *work = malloc(TM_MEM);
	size_t n = 0;

	if (rle)
		ck_assert_int_eq(
		    tm_lzorle1x_1_compress((const unsigned char *)in, (size_t)size, c, &n, work),
		    LZO_E_OK);
	else
		ck_assert_int_eq(
		    tm_lzo1x_1_compress((const unsigned char *)in, (size_t)size, c, &n, work),
		    LZO_E_OK);
	ck_assert_uint_le(n, WORST(size));
	free(work);
	return n;
}

/* Ours compresses, liblzo2 and ours decompress; liblzo2 (levels 1 and 999) compresses, ours reads.
 */
static void plain_both_ways(int size, enum kind kind)
{
	char *in = malloc((size_t)size + 1);
	unsigned char *c = malloc(WORST(size)), *out = malloc((size_t)size + 1), *block;
	void *work = malloc(LZO1X_999_MEM_COMPRESS);
	lzo_uint theirs, len;
	size_t ours;

	fill(in, size, kind, (uint64_t)size * 7 + kind);
	ours = ours_compress(in, size, c, false);
	block = (unsigned char *)exact_copy((const char *)c, (int)ours);
	len = (lzo_uint)size;
	ck_assert_int_eq(lzo1x_decompress_safe(block, ours, out, &len, NULL), LZO_E_OK);
	ck_assert_msg(len == (lzo_uint)size && !memcmp(in, out, (size_t)size),
		      "liblzo2 read %s %d wrong", kind_name[kind], size);
	ck_assert_int_eq(ours_decompress(block, ours, (size_t)size, out), size);
	ck_assert(!memcmp(in, out, (size_t)size));
	free(block);

	ck_assert_int_eq(lzo1x_1_compress((unsigned char *)in, (lzo_uint)size, c, &theirs, work),
			 LZO_E_OK);
	ck_assert_int_eq(ours_decompress(c, theirs, (size_t)size, out), size);
	ck_assert_msg(!memcmp(in, out, (size_t)size), "ours read liblzo2's %s %d wrong",
		      kind_name[kind], size);
	/* Same algorithm: ours is within a quarter of the reference's size. */
	ck_assert_msg(ours <= theirs + theirs / 4 + 16, "%s %d: ours %zu bytes, liblzo2 %lu",
		      kind_name[kind], size, ours, (unsigned long)theirs);
	ck_assert_int_eq(lzo1x_999_compress((unsigned char *)in, (lzo_uint)size, c, &theirs, work),
			 LZO_E_OK);
	ck_assert_int_eq(ours_decompress(c, theirs, (size_t)size, out), size);
	ck_assert(!memcmp(in, out, (size_t)size));
	free(in), free(c), free(out), free(work);
}

START_TEST(plain_lzo_both_ways_every_kind_and_size)
{
	plain_both_ways(sizes[_i % NR_SIZES], (enum kind)(_i / NR_SIZES));
}
END_TEST

START_TEST(lzo_rle_round_trips_every_kind_and_size)
{
	int size = sizes[_i % NR_SIZES];
	enum kind kind = (enum kind)(_i / NR_SIZES);
	char *in = malloc((size_t)size + 1);
	unsigned char *c = malloc(WORST(size)), *out = malloc((size_t)size + 1);
	size_t n;

	fill(in, size, kind, (uint64_t)size * 3 + kind);
	n = ours_compress(in, size, c, true);
	ck_assert_int_eq(c[0], 17); /* the version header */
	ck_assert_int_eq(c[1], 1);
	ck_assert_int_eq(ours_decompress(c, n, (size_t)size, out), size);
	ck_assert_msg(!memcmp(in, out, (size_t)size), "lzo-rle %s %d wrong", kind_name[kind], size);
	free(in), free(c), free(out);
}
END_TEST

/* A zero page: lzo-rle writes two runs (2051 + 2041 bytes after 4 literals), far less than lzo. */
START_TEST(zero_page_is_a_few_runs_in_lzo_rle)
{
	char in[4096];
	unsigned char c[WORST(4096)], out[4096];
	size_t rle, plain;

	fill(in, 4096, ZEROS, 1);
	rle = ours_compress(in, 4096, c, true);
	ck_assert_uint_le(rle, 2 + 5 + 4 + 4 + 3);
	ck_assert_int_eq(ours_decompress(c, rle, 4096, out), 4096);
	plain = ours_compress(in, 4096, c, false);
	ck_assert_uint_gt(plain, rle);
	fill(in, 4096, TEXT, 1);
	ck_assert_uint_lt(ours_compress(in, 4096, c, true), 4096 / 2);
	fill(in, 4096, RANDOM, 1);
	ck_assert_uint_gt(ours_compress(in, 4096, c, true), 4096);
}
END_TEST

START_TEST(empty_input_is_the_end_marker)
{
	unsigned char c[8], out[1];

	ck_assert_uint_eq(ours_compress("", 0, c, false), 3);
	ck_assert(c[0] == 0x11 && c[1] == 0 && c[2] == 0);
	ck_assert_int_eq(ours_decompress(c, 3, 0, out), 0);
	ck_assert_uint_eq(ours_compress("", 0, c, true), 5);
	ck_assert_int_eq(ours_decompress(c, 5, 0, out), 0);
}
END_TEST

START_TEST(truncated_streams_are_refused)
{
	char in[4096];
	unsigned char c[WORST(4096)];
	size_t n, cut;
	int k, rle;

	for (rle = 0; rle < 2; rle++) {
		for (k = 0; k < NR_KINDS; k++) {
			fill(in, 4096, (enum kind)k, 9);
			n = ours_compress(in, 4096, c, rle);
			/* "17 1 0", lzo-rle's header cut after a byte, is a whole (empty) LZO1X
			 * stream */
			for (cut = 0; cut < n; cut++)
				ck_assert_int_ne(ours_decompress(c, cut, 4096, NULL), 4096);
			ck_assert_int_eq(ours_decompress(c, n, 4095, NULL), LZO_E_OUTPUT_OVERRUN);
		}
	}
}
END_TEST

START_TEST(hand_made_streams)
{
	/* 'a' 'b' 'c' 'd' as a first-byte literal run, then the end marker */
	static const unsigned char good[] = { 17 + 4, 'a', 'b', 'c', 'd', 0x11, 0, 0 };
	/* M2 of 4 bytes at distance 8 after 4 literals: only 4 bytes back */
	static const unsigned char behind[] = { 17 + 4, 'a', 'b', 'c', 'd', 0x7c, 0, 0x11, 0, 0 };
	/* an M4 that looks like a zero run: distance 0xbfff in plain LZO1X, a run in lzo-rle */
	static const unsigned char plain_run[] = { 17 + 4, 'a',	 'b',  'c',  'd', 0x18,
						   0xfc,   0xff, 0x00, 0x11, 0,	  0 };
	static const unsigned char rle_run[] = { 17,   1,    17 + 4, 'a',  'b',	 'c', 'd',
						 0x19, 0xfc, 0xff,   0x01, 0x11, 0,   0 };
	static const unsigned char extra[] = { 17 + 1, 'a', 0x11, 0, 0, 0 };
	static const unsigned char bad_end[] = { 17 + 1, 'a', 0x12, 0, 0 };
	unsigned char out[64];

	ck_assert_int_eq(ours_decompress(good, sizeof(good), 64, out), 4);
	ck_assert(!memcmp(out, "abcd", 4));
	ck_assert_int_eq(ours_decompress(behind, sizeof(behind), 64, NULL),
			 LZO_E_LOOKBEHIND_OVERRUN);
	ck_assert_int_eq(ours_decompress(plain_run, sizeof(plain_run), 64, NULL),
			 LZO_E_LOOKBEHIND_OVERRUN);
	/* 4 literals, then a run of 1 | 1 << 3 = 9, + 4 = 13 zeros */
	ck_assert_int_eq(ours_decompress(rle_run, sizeof(rle_run), 64, out), 4 + 13);
	ck_assert(!memcmp(out, "abcd\0\0\0\0\0\0\0\0\0\0\0\0\0", 17));
	ck_assert_int_eq(ours_decompress(rle_run, sizeof(rle_run), 16, NULL), LZO_E_OUTPUT_OVERRUN);
	ck_assert_int_eq(ours_decompress(extra, sizeof(extra), 64, NULL), LZO_E_INPUT_NOT_CONSUMED);
	ck_assert_int_eq(ours_decompress(bad_end, sizeof(bad_end), 64, NULL), LZO_E_ERROR);
	ck_assert_int_eq(ours_decompress((const unsigned char *)"", 0, 64, NULL),
			 LZO_E_INPUT_OVERRUN);
	/* liblzo2 agrees on the plain ones */
	{
		lzo_uint len = sizeof(out);

		ck_assert_int_eq(lzo1x_decompress_safe(good, sizeof(good), out, &len, NULL),
				 LZO_E_OK);
		len = sizeof(out);
		ck_assert_int_eq(lzo1x_decompress_safe(behind, sizeof(behind), out, &len, NULL),
				 LZO_E_LOOKBEHIND_OVERRUN);
	}
}
END_TEST

/* Random garbage and bit-flipped real streams: any answer but an out-of-bounds access. */
START_TEST(fuzzed_streams_stay_in_bounds)
{
	char in[4096];
	unsigned char c[WORST(4096)];
	size_t n[2];
	int i;

	fill(in, 4096, MIXED, 5);
	n[0] = ours_compress(in, 4096, c, false);
	for (i = 0; i < 20000; i++) {
		unsigned char junk[64], flipped[WORST(4096)];
		int len = 1 + (int)(next_rand() % sizeof(junk)), j, rle = i & 1;

		for (j = 0; j < len; j++)
			junk[j] = (unsigned char)next_rand();
		if (rle && len > 2)
			junk[0] = 17, junk[1] = 1;
		ck_assert_int_le(ours_decompress(junk, (size_t)len, 1 + next_rand() % 300, NULL),
				 300);
		n[1] = ours_compress(in, 4096, flipped, rle);
		flipped[next_rand() % n[1]] ^= (unsigned char)(1 << (next_rand() % 8));
		ck_assert_int_le(ours_decompress(flipped, n[1], 4096, NULL), 4096);
	}
	(void)n[0];
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lzo");
	TCase *tc = tcase_create("lzo");

	if (lzo_init() != LZO_E_OK)
		return EXIT_FAILURE;
	tcase_add_loop_test(tc, plain_lzo_both_ways_every_kind_and_size, 0, NR_SIZES * NR_KINDS);
	tcase_add_loop_test(tc, lzo_rle_round_trips_every_kind_and_size, 0, NR_SIZES * NR_KINDS);
	tcase_add_test(tc, zero_page_is_a_few_runs_in_lzo_rle);
	tcase_add_test(tc, empty_input_is_the_end_marker);
	tcase_add_test(tc, truncated_streams_are_refused);
	tcase_add_test(tc, hand_made_streams);
	tcase_add_test(tc, fuzzed_streams_stay_in_bounds);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return run_suite(s, CK_FORK_GETENV);
}
