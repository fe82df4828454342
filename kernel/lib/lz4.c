/*
 * LZ4 block format (see /usr/share/doc LZ4 block spec; Linux's lib/lz4).
 *
 * A block is a run of sequences; each is a token byte (high nibble: literal
 * count, low nibble: match length - 4, 15 meaning "more bytes follow",
 * each 255 adding another), the literals, a 2-byte little-endian offset back
 * into the output and the match's extra length bytes. The last sequence is
 * literals only:
 *
 *   token | [lit len ext] | literals | offset lo hi | [match len ext]  ...  token | literals
 *
 * End rules the compressor keeps (decoders may rely on them): the last 5
 * bytes are literals (LASTLITERALS), no match starts in the last 12 bytes
 * (MFLIMIT), so a block under 13 bytes is one literal run.
 *
 * The compressor is the greedy one of the reference "fast" level: a
 * 4096-entry hash of the next 4 bytes gives one candidate; a hit within
 * 65535 bytes is extended both ways; after 64 misses in a row the step
 * grows (incompressible data is skipped quickly). Linux's copies go 8
 * bytes at a time past the end of the sequence; these copy exactly, so
 * the block needs no slack around it.
 */
#include "kernel/lib/lz4.h"
#include "kernel/lib/string.h"

#define MINMATCH 4
#define MFLIMIT 12
#define LASTLITERALS 5
#define LZ4_MIN_LENGTH (MFLIMIT + 1)
#define LZ4_HASHLOG (LZ4_MEMORY_USAGE - 2)
#define LZ4_MAX_DISTANCE 65535
#define ML_BITS 4
#define ML_MASK 15u
#define RUN_MASK 15u
#define LZ4_SKIP_TRIGGER 6

static u32 lz4_read32(const u8 *p)
{
	u32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Knuth's multiplicative hash of 4 bytes into LZ4_HASHLOG bits (as lz4's). */
static u32 lz4_hash(u32 seq)
{
	return (seq * 2654435761u) >> (32 - LZ4_HASHLOG);
}

/* Bytes a length field of len takes beyond the token's nibble. */
static size_t length_bytes(size_t len)
{
	return len < 15 ? 0 : (len - 15) / 255 + 1;
}

/* Write len - 15 as extension bytes (255, 255, ..., rest); len >= 15. */
static u8 *write_length(u8 *op, size_t len)
{
	len -= 15;
	while (len >= 255) {
		*op++ = 255;
		len -= 255;
	}
	*op++ = (u8)len;
	return op;
}

/*
 * Emit one sequence: the literals [anchor, anchor + lit) and, if mlen is
 * not 0, a match of mlen bytes at distance off. Returns the new output
 * position, or NULL if it would pass oend.
 */
static u8 *emit_sequence(u8 *op, const u8 *oend, const u8 *anchor, size_t lit, u16 off, size_t mlen)
{
	size_t need = 1 + length_bytes(lit) + lit + (mlen ? 2 + length_bytes(mlen - MINMATCH) : 0);
	u8 *token = op;

	if (need > (size_t)(oend - op))
		return NULL;
	*op++ = 0;
	*token = (u8)((lit < RUN_MASK ? lit : RUN_MASK) << ML_BITS);
	if (lit >= RUN_MASK)
		op = write_length(op, lit);
	memcpy(op, anchor, lit);
	op += lit;
	if (!mlen)
		return op;
	*op++ = (u8)off;
	*op++ = (u8)(off >> 8);
	mlen -= MINMATCH;
	*token |= (u8)(mlen < ML_MASK ? mlen : ML_MASK);
	if (mlen >= ML_MASK)
		op = write_length(op, mlen);
	return op;
}

int LZ4_compress_default(const char *source, char *dest, int src_size, int max_output_size,
			 void *wrkmem)
{
	const u8 *src = (const u8 *)source, *ip = src, *anchor = src;
	const u8 *iend = src + src_size, *mflimit = iend - MFLIMIT;
	const u8 *matchlimit = iend - LASTLITERALS;
	u8 *op = (u8 *)dest, *oend = op + max_output_size;
	u32 *table = wrkmem;
	unsigned int misses = 1u << LZ4_SKIP_TRIGGER;

	if (src_size < 0 || src_size > LZ4_MAX_INPUT_SIZE || max_output_size <= 0)
		return 0;
	if (src_size < LZ4_MIN_LENGTH)
		goto last_literals;
	memset(table, 0, sizeof(u32) << LZ4_HASHLOG);
	table[lz4_hash(lz4_read32(ip))] = 0;
	ip++;
	while (ip < mflimit) {
		u32 h = lz4_hash(lz4_read32(ip));
		const u8 *ref = src + table[h];
		size_t len = MINMATCH;

		table[h] = (u32)(ip - src);
		if (ref >= ip || ip - ref > LZ4_MAX_DISTANCE || lz4_read32(ref) != lz4_read32(ip)) {
			ip += misses++ >> LZ4_SKIP_TRIGGER;
			continue;
		}
		while (ip > anchor && ref > src && ip[-1] == ref[-1]) {
			ip--;
			ref--;
			len++;
		}
		while (ip + len < matchlimit && ip[len] == ref[len])
			len++;
		op = emit_sequence(op, oend, anchor, (size_t)(ip - anchor), (u16)(ip - ref), len);
		if (!op)
			return 0;
		ip += len;
		anchor = ip;
		misses = 1u << LZ4_SKIP_TRIGGER;
		if (ip < mflimit) /* help the next search: hash the match's tail */
			table[lz4_hash(lz4_read32(ip - 2))] = (u32)(ip - 2 - src);
	}
last_literals:
	op = emit_sequence(op, oend, anchor, (size_t)(iend - anchor), 0, 0);
	return op ? (int)(op - (u8 *)dest) : 0;
}

/*
 * Read a length's extension bytes at *ipp (before iend) into *len.
 * Returns false for a field that runs off the block or grows past limit.
 */
static bool read_length(const u8 **ipp, const u8 *iend, size_t *len, size_t limit)
{
	const u8 *ip = *ipp;
	u8 b;

	do {
		if (ip >= iend)
			return false;
		b = *ip++;
		*len += b;
		if (*len > limit)
			return false;
	} while (b == 255);
	*ipp = ip;
	return true;
}

int LZ4_decompress_safe(const char *source, char *dest, int compressed_size,
			int max_decompressed_size)
{
	const u8 *ip = (const u8 *)source, *iend = ip + compressed_size;
	u8 *op = (u8 *)dest, *ostart = op, *oend = op + max_decompressed_size;

	if (compressed_size <= 0 || max_decompressed_size < 0)
		return -1;
	for (;;) {
		size_t lit, mlen, off, i;
		const u8 *match;
		u8 token;

		if (ip >= iend)
			return -1; /* a block ends with a literal run, never after a match */
		token = *ip++;
		lit = token >> ML_BITS;
		if (lit == RUN_MASK && !read_length(&ip, iend, &lit, (size_t)(iend - ip)))
			return -1;
		if (lit > (size_t)(iend - ip) || lit > (size_t)(oend - op))
			return -1;
		memcpy(op, ip, lit);
		op += lit;
		ip += lit;
		if (ip == iend)
			return (int)(op - ostart);
		if (iend - ip < 2)
			return -1;
		off = (size_t)ip[0] | (size_t)ip[1] << 8;
		ip += 2;
		if (off == 0 || off > (size_t)(op - ostart))
			return -1; /* offset 0, or before the start of the output */
		mlen = token & ML_MASK;
		if (mlen == ML_MASK && !read_length(&ip, iend, &mlen, (size_t)(oend - op)))
			return -1;
		mlen += MINMATCH;
		if (mlen > (size_t)(oend - op))
			return -1;
		match = op - off;
		for (i = 0; i < mlen; i++) /* byte by byte: the copy may overlap itself */
			op[i] = match[i];
		op += mlen;
	}
}
