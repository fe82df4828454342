/*
 * kernel/lib/lz4.c against Debian's liblz4 (the reference): each
 * decompresses what the other compressed, over zeros, text, random and
 * mixed data of page-sized and odd sizes; malformed blocks are refused
 * and never read or written out of bounds (every buffer is exactly
 * sized on the heap, so ASan sees any overrun).
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "tests/unit/compress_inputs.h"

/* Our functions under the names the test's CFLAGS give them. */
#define LZ4_compress_default tm_LZ4_compress_default
#define LZ4_decompress_safe tm_LZ4_decompress_safe
#include "kernel/lib/lz4.h"
#undef LZ4_compress_default
#undef LZ4_decompress_safe
#undef LZ4_COMPRESSBOUND
#undef LZ4_MAX_INPUT_SIZE
#undef LZ4_MEMORY_USAGE
#include <lz4.h>

/* Ours compresses, liblz4 and ours decompress; liblz4 compresses, ours decompresses. */
static void round_trip(int size, enum kind kind)
{
	char *in = malloc((size_t)size + 1), *work = malloc(LZ4_MEM_COMPRESS);
	int bound = LZ4_compressBound(size), ours, theirs;
	char *c = malloc((size_t)bound), *out = malloc((size_t)size + 1), *block;

	fill(in, size, kind, (uint64_t)size * 7 + kind);
	ck_assert_int_le(bound, (int)(size + size / 255 + 16));
	ours = tm_LZ4_compress_default(in, c, size, bound, work);
	ck_assert_msg(ours > 0, "%s %d: compress failed", kind_name[kind], size);
	block = exact_copy(c, ours);
	ck_assert_int_eq(LZ4_decompress_safe(block, out, ours, size), size);
	ck_assert_msg(!memcmp(in, out, (size_t)size), "liblz4 read %s %d wrong", kind_name[kind],
		      size);
	memset(out, 0x5a, (size_t)size);
	ck_assert_int_eq(tm_LZ4_decompress_safe(block, out, ours, size), size);
	ck_assert(!memcmp(in, out, (size_t)size));
	free(block);

	theirs = LZ4_compress_default(in, c, size, bound);
	ck_assert_int_gt(theirs, 0);
	block = exact_copy(c, theirs);
	memset(out, 0x5a, (size_t)size);
	ck_assert_int_eq(tm_LZ4_decompress_safe(block, out, theirs, size), size);
	ck_assert_msg(!memcmp(in, out, (size_t)size), "ours read liblz4's %s %d wrong",
		      kind_name[kind], size);
	/* Same algorithm family: ours is within a quarter of the reference's size. */
	ck_assert_msg(ours <= theirs + theirs / 4 + 16, "%s %d: ours %d bytes, liblz4 %d",
		      kind_name[kind], size, ours, theirs);
	free(block);
	free(in), free(work), free(c), free(out);
}

START_TEST(both_ways_every_kind_and_size)
{
	round_trip(sizes[_i % NR_SIZES], (enum kind)(_i / NR_SIZES));
}
END_TEST

START_TEST(empty_block_is_one_zero_byte)
{
	char work[LZ4_MEM_COMPRESS], c[16], out[1];

	ck_assert_int_eq(tm_LZ4_compress_default("", c, 0, sizeof(c), work), 1);
	ck_assert_int_eq(c[0], 0);
	ck_assert_int_eq(tm_LZ4_decompress_safe(c, out, 1, 0), 0);
}
END_TEST

START_TEST(zero_page_compresses_well_and_random_does_not)
{
	char *work = malloc(LZ4_MEM_COMPRESS), in[4096], c[4096 + 32];

	fill(in, 4096, ZEROS, 1);
	ck_assert_int_lt(tm_LZ4_compress_default(in, c, 4096, sizeof(c), work), 40);
	fill(in, 4096, TEXT, 1);
	ck_assert_int_lt(tm_LZ4_compress_default(in, c, 4096, sizeof(c), work), 4096 / 2);
	fill(in, 4096, RANDOM, 1);
	ck_assert_int_gt(tm_LZ4_compress_default(in, c, 4096, sizeof(c), work), 4096);
	free(work);
}
END_TEST

/* Output room one byte short of what is needed: 0, and nothing written past the buffer. */
START_TEST(compress_refuses_too_small_output)
{
	char *work = malloc(LZ4_MEM_COMPRESS), in[4096], *c = malloc(LZ4_COMPRESSBOUND(4096));
	int n, k;

	for (k = 0; k < NR_KINDS; k++) {
		char *small;

		fill(in, 4096, (enum kind)k, 3);
		n = tm_LZ4_compress_default(in, c, 4096, LZ4_COMPRESSBOUND(4096), work);
		ck_assert_int_gt(n, 0);
		small = malloc((size_t)n - 1);
		ck_assert_int_eq(tm_LZ4_compress_default(in, small, 4096, n - 1, work), 0);
		free(small);
	}
	free(work), free(c);
}
END_TEST

/* Decompress block (copied to an exact heap buffer) into exactly max bytes. */
static int decompress_exact(const char *c, int n, int max)
{
	char *block = exact_copy(c, n), *out = malloc(max ? (size_t)max : 1);
	int r = tm_LZ4_decompress_safe(block, out, n, max);

	free(block), free(out);
	return r;
}

START_TEST(truncated_blocks_are_refused)
{
	char *work = malloc(LZ4_MEM_COMPRESS), in[4096], c[4200];
	int n, cut, k;

	for (k = 0; k < NR_KINDS; k++) {
		fill(in, 4096, (enum kind)k, 9);
		n = tm_LZ4_compress_default(in, c, 4096, sizeof(c), work);
		for (cut = 1; cut < n; cut++)
			ck_assert_int_ne(decompress_exact(c, cut, 4096), 4096);
		ck_assert_int_lt(decompress_exact(c, n, 4095), 0); /* output one byte short */
	}
	free(work);
}
END_TEST

START_TEST(hand_made_bad_blocks)
{
	/* offset 0; offset before the start; literal run past the end; ends after a match */
	static const unsigned char off0[] = { 0x10, 'a', 0x00, 0x00, 0x00 };
	static const unsigned char before[] = { 0x10, 'a', 0x02, 0x00, 0x00 };
	static const unsigned char litlong[] = { 0xf0, 0x20, 'a', 'b' };
	static const unsigned char nolast[] = { 0x10, 'a', 0x01, 0x00 };
	static const unsigned char ext_runs_off[] = { 0xf0, 0xff, 0xff };
	static const unsigned char good[] = {
		0x14, 'a', 0x01, 0x00, 0x50, 'b', 'c', 'd', 'e', 'f'
	};

	ck_assert_int_lt(decompress_exact((const char *)off0, sizeof(off0), 64), 0);
	ck_assert_int_lt(decompress_exact((const char *)before, sizeof(before), 64), 0);
	ck_assert_int_lt(decompress_exact((const char *)litlong, sizeof(litlong), 64), 0);
	ck_assert_int_lt(decompress_exact((const char *)nolast, sizeof(nolast), 64), 0);
	ck_assert_int_lt(decompress_exact((const char *)ext_runs_off, sizeof(ext_runs_off), 64), 0);
	ck_assert_int_lt(decompress_exact("", 0, 64), 0);
	/* 'a', then 8 more 'a' at offset 1 (a run), then "bcdef" */
	ck_assert_int_eq(decompress_exact((const char *)good, sizeof(good), 14), 14);
	ck_assert_int_lt(decompress_exact((const char *)good, sizeof(good), 13), 0);
	ck_assert_int_eq(LZ4_decompress_safe((const char *)good, (char[14]){ 0 }, sizeof(good), 14),
			 14);
}
END_TEST

/* Random garbage and bit-flipped real blocks: any answer but an out-of-bounds access. */
START_TEST(fuzzed_blocks_stay_in_bounds)
{
	char *work = malloc(LZ4_MEM_COMPRESS), in[4096], c[4200];
	int i, n;

	fill(in, 4096, TEXT, 5);
	n = tm_LZ4_compress_default(in, c, 4096, sizeof(c), work);
	for (i = 0; i < 20000; i++) {
		char junk[64], flipped[4200];
		int len = 1 + (int)(next_rand() % sizeof(junk)), j, r;

		for (j = 0; j < len; j++)
			junk[j] = (char)next_rand();
		r = decompress_exact(junk, len, 1 + (int)(next_rand() % 300));
		ck_assert_int_le(r, 300);
		memcpy(flipped, c, (size_t)n);
		flipped[next_rand() % (unsigned)n] ^= (char)(1 << (next_rand() % 8));
		ck_assert_int_le(decompress_exact(flipped, n, 4096), 4096);
	}
	free(work);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lz4");
	TCase *tc = tcase_create("lz4");

	tcase_add_loop_test(tc, both_ways_every_kind_and_size, 0, NR_SIZES * NR_KINDS);
	tcase_add_test(tc, empty_block_is_one_zero_byte);
	tcase_add_test(tc, zero_page_compresses_well_and_random_does_not);
	tcase_add_test(tc, compress_refuses_too_small_output);
	tcase_add_test(tc, truncated_blocks_are_refused);
	tcase_add_test(tc, hand_made_bad_blocks);
	tcase_add_test(tc, fuzzed_blocks_stay_in_bounds);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return run_suite(s, CK_FORK_GETENV);
}
