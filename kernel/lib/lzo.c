/*
 * LZO1X and lzo-rle (Linux's lib/lzo; Documentation/staging/lzo.rst).
 *
 * A stream is a run of instructions, each one byte (its range says which)
 * plus operands; a match's last two bits, "next", say how many literals
 * (0-3) follow it with no instruction of their own. The decoder's state is
 * that count, or 4 after a literal run of its own:
 *
 *   byte    state   instruction
 *   0-15    0       literal run: 3 + byte bytes (0: 18 + extension)
 *   0-15    1-3     M1: 2 bytes from distance 1 + (byte >> 2) + (b1 << 2)
 *   0-15    4       M1: 3 bytes from distance 2049 + (byte >> 2) + (b1 << 2)
 *   64-255  any     M2: (byte >> 5) + 1 bytes (3-8), distance 1 + ((byte >> 2) & 7) + (b1 << 3)
 *   32-63   any     M3: (byte & 31) + 2 bytes (0: 33 + ext), distance 1 + (le16 >> 2), up to 16 KiB
 *   16-31   any     M4: (byte & 7) + 2 bytes (0: 9 + ext), distance 16384 + ((byte & 8) << 11)
 *                   + (le16 >> 2), up to 48 KiB; distance 16384 exactly ends the stream
 *                   (the end marker is 0x11 0x00 0x00)
 *
 * An extension is a count of zero bytes worth 255 each, then one non-zero
 * byte added. A first byte above 17 is a literal run of byte - 17 bytes.
 * lzo-rle (Linux 5.1) starts with the bytes 17, 1 and adds one instruction
 * that plain LZO1X never writes: M4's 0x18-0x1f with le16 0xfffc-0xffff is a
 * run of 4-2051 zero bytes (length - 4: low 3 bits in the byte, the rest in
 * a third operand byte). M4's farthest distance is one less for it (0xbffe).
 *
 * The compressor is LZO1X-1's greedy one: a hash of the next 4 bytes gives
 * one earlier position; if its 4 bytes are the same, the match is extended
 * and written in the shortest form, else the scan moves on, faster the
 * longer it finds nothing (1 + literals / 32). It writes literal runs, M2,
 * M3, M4 and (rle) zero runs, never M1. Linux's versions copy 8 or 16 bytes
 * at a time past the end of what they need; these copy exactly.
 */
#include "kernel/lib/lzo.h"
#include "kernel/lib/string.h"

#define M2_MAX_OFFSET 0x0800
#define M3_MAX_OFFSET 0x4000
#define M4_MAX_OFFSET_V0 0xbfff
#define M4_MAX_OFFSET_V1 0xbffe
#define M2_MAX_LEN 8
#define M3_MAX_LEN 33
#define M4_MAX_LEN 9
#define M3_MARKER 32
#define M4_MARKER 16
#define MIN_ZERO_RUN_LENGTH 4
#define MAX_ZERO_RUN_LENGTH (2047 + MIN_ZERO_RUN_LENGTH)
#define LZO_VERSION 1 /* the bitstream version of lzo-rle */

#define D_BITS 13
#define D_SIZE (1u << D_BITS)
#define NO_POS 0xffffffffu /* an empty hash slot */

/* Extension counts beyond this would overflow a size_t (Linux's MAX_255_COUNT). */
#define MAX_255_COUNT ((~(size_t)0) / 255 - 2)

static u32 get_le32(const unsigned char *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

/* ---- compressing ---------------------------------------------------------- */

struct lzo_out {
	unsigned char *op;
	int state_offset; /* where the last match keeps its "next" bits: op[-2], or op[-3] */
};

/* The bytes of an extension: n - 0 as zeros worth 255 each and a last byte 1-255. */
static void put_extension(struct lzo_out *o, size_t n)
{
	while (n > 255) {
		*o->op++ = 0;
		n -= 255;
	}
	*o->op++ = (unsigned char)n;
}

/*
 * The t literals at lit, before the next instruction. Up to 3 ride in the
 * previous instruction's "next" bits, so only after a match (the caller
 * never has fewer than 4 pending before its first instruction).
 */
static void put_literals(struct lzo_out *o, const unsigned char *lit, size_t t)
{
	if (t == 0)
		return;
	if (t <= 3) {
		o->op[o->state_offset] |= (unsigned char)t;
	} else if (t <= 18) {
		*o->op++ = (unsigned char)(t - 3);
	} else {
		*o->op++ = 0;
		put_extension(o, t - 18);
	}
	memcpy(o->op, lit, t);
	o->op += t;
}

/* A match of len >= 4 bytes at distance off, in the shortest of M2, M3 and M4. */
static void put_match(struct lzo_out *o, size_t off, size_t len)
{
	if (len <= M2_MAX_LEN && off <= M2_MAX_OFFSET) {
		off -= 1;
		*o->op++ = (unsigned char)(((len - 1) << 5) | ((off & 7) << 2));
		*o->op++ = (unsigned char)(off >> 3);
	} else {
		unsigned int marker = M3_MARKER, max_len = M3_MAX_LEN;

		if (off <= M3_MAX_OFFSET) {
			off -= 1;
		} else {
			off -= 0x4000; /* 15 bits: bit 14 goes in the instruction byte */
			marker = M4_MARKER | ((off >> 11) & 8);
			max_len = M4_MAX_LEN;
		}
		if (len <= max_len) {
			*o->op++ = (unsigned char)(marker | (len - 2));
		} else {
			*o->op++ = (unsigned char)marker;
			put_extension(o, len - max_len);
		}
		*o->op++ = (unsigned char)((off & 63) << 2);
		*o->op++ = (unsigned char)((off >> 6) & 0xff);
	}
	o->state_offset = -2;
}

/* lzo-rle: a run of len (4-2051) zero bytes, le32 (r << 21) | 0xfffc18 | (r & 7), r = len - 4. */
static void put_zero_run(struct lzo_out *o, size_t len)
{
	size_t r = len - MIN_ZERO_RUN_LENGTH;

	*o->op++ = (unsigned char)(0x18 | (r & 7));
	*o->op++ = 0xfc; /* with le16 0xfffc: a run, not an M4 match */
	*o->op++ = 0xff;
	*o->op++ = (unsigned char)(r >> 3);
	o->state_offset = -3;
}

/* How far the bytes at pos repeat those at cand (4 are known equal), up to the end. */
static size_t match_length(const unsigned char *in, size_t in_len, size_t pos, size_t cand)
{
	size_t len = 4;

	while (pos + len < in_len && in[pos + len] == in[cand + len])
		len++;
	return len;
}

/* How many zero bytes start at pos (4 are known), at most MAX_ZERO_RUN_LENGTH. */
static size_t zero_run_length(const unsigned char *in, size_t in_len, size_t pos)
{
	size_t limit = in_len - pos < MAX_ZERO_RUN_LENGTH ? in_len - pos : MAX_ZERO_RUN_LENGTH;
	size_t len = 4;

	while (len < limit && in[pos + len] == 0)
		len++;
	return len;
}

/* The literals left at the end, then the end marker. */
static void put_tail(struct lzo_out *o, const unsigned char *lit, size_t t,
		     const unsigned char *data_start)
{
	if (t > 0 && o->op == data_start && t <= 238) {
		*o->op++ = (unsigned char)(17 + t); /* the whole stream is literals */
		memcpy(o->op, lit, t);
		o->op += t;
	} else {
		put_literals(o, lit, t);
	}
	*o->op++ = M4_MARKER | 1;
	*o->op++ = 0;
	*o->op++ = 0;
}

/* LZO1X-1 (version 0) or lzo-rle (version 1) of in into out. */
static int lzo_compress(const unsigned char *in, size_t in_len, unsigned char *out, size_t *out_len,
			u32 *dict, unsigned int version)
{
	size_t max_off = version ? M4_MAX_OFFSET_V1 : M4_MAX_OFFSET_V0;
	struct lzo_out o = { .op = out, .state_offset = -2 };
	size_t pos = 4, lit = 0; /* next position to try; first pending literal */
	unsigned char *data_start;

	if (version) {
		*o.op++ = 17; /* LZO1X never starts so (but for an empty input): versioned */
		*o.op++ = (unsigned char)version;
	}
	data_start = o.op;
	memset(dict, 0xff, D_SIZE * sizeof(*dict));
	while (in_len >= 4 && pos <= in_len - 4) {
		u32 dv = get_le32(in + pos), h, cand;
		size_t len;

		if (dv == 0 && version) {
			len = zero_run_length(in, in_len, pos);
			put_literals(&o, in + lit, pos - lit);
			put_zero_run(&o, len);
		} else {
			h = (dv * 0x1824429du) >> (32 - D_BITS);
			cand = dict[h];
			dict[h] = (u32)pos;
			if (cand == NO_POS || pos - cand > max_off || get_le32(in + cand) != dv) {
				pos += 1 + ((pos - lit) >> 5);
				continue;
			}
			len = match_length(in, in_len, pos, cand);
			put_literals(&o, in + lit, pos - lit);
			put_match(&o, pos - cand, len);
		}
		pos += len;
		lit = pos;
	}
	put_tail(&o, in + lit, in_len - lit, data_start);
	*out_len = (size_t)(o.op - out);
	return LZO_E_OK;
}

int lzo1x_1_compress(const unsigned char *in, size_t in_len, unsigned char *out, size_t *out_len,
		     void *wrkmem)
{
	return lzo_compress(in, in_len, out, out_len, wrkmem, 0);
}

int lzorle1x_1_compress(const unsigned char *in, size_t in_len, unsigned char *out, size_t *out_len,
			void *wrkmem)
{
	return lzo_compress(in, in_len, out, out_len, wrkmem, LZO_VERSION);
}

/* ---- decompressing -------------------------------------------------------- */

struct lzo_stream {
	const unsigned char *in;
	size_t in_len, ip; /* ip: the next byte to read */
	unsigned char *out;
	size_t out_len, op; /* op: the next byte to write */
};

#define LZO_END 1 /* internal: the end marker was read */

/* An extension (see the top): *len = 255 * zeros + base + the last byte. */
static int get_extension(struct lzo_stream *s, size_t base, size_t *len)
{
	size_t zeros = 0;

	while (s->ip < s->in_len && s->in[s->ip] == 0) {
		s->ip++;
		zeros++;
	}
	if (s->ip >= s->in_len)
		return LZO_E_INPUT_OVERRUN;
	if (zeros > MAX_255_COUNT)
		return LZO_E_ERROR;
	*len = zeros * 255 + base + s->in[s->ip++];
	return LZO_E_OK;
}

/* Copy t literals; a stream always has 3 more bytes after them (at least the end marker). */
static int copy_literals(struct lzo_stream *s, size_t t)
{
	if (s->in_len - s->ip < t || s->in_len - s->ip - t < 3)
		return LZO_E_INPUT_OVERRUN;
	if (s->out_len - s->op < t)
		return LZO_E_OUTPUT_OVERRUN;
	memcpy(s->out + s->op, s->in + s->ip, t);
	s->ip += t;
	s->op += t;
	return LZO_E_OK;
}

/* Copy len bytes from dist back in the output; byte by byte, as they may overlap. */
static int copy_match(struct lzo_stream *s, size_t dist, size_t len)
{
	size_t from = s->op - dist, i;

	if (dist > s->op)
		return LZO_E_LOOKBEHIND_OVERRUN;
	if (s->out_len - s->op < len)
		return LZO_E_OUTPUT_OVERRUN;
	for (i = 0; i < len; i++)
		s->out[s->op + i] = s->out[from + i];
	s->op += len;
	return LZO_E_OK;
}

/* An M3/M4 length: (t & mask) + 2, or if that is 0 + 2, an extension over mask, + 2. */
static int decode_length(struct lzo_stream *s, size_t t, size_t mask, size_t *len)
{
	int err = LZO_E_OK;

	*len = t & mask;
	if (*len == 0)
		err = get_extension(s, mask, len);
	*len += 2;
	return err;
}

/* Operand bytes the instruction needs, or the stream is cut short. */
static bool have_input(const struct lzo_stream *s, size_t n)
{
	return s->in_len - s->ip >= n;
}

static unsigned int le16_at(const struct lzo_stream *s)
{
	return (unsigned int)s->in[s->ip] | (unsigned int)s->in[s->ip + 1] << 8;
}

/* Instruction byte t in 16-31: M4, the end marker, or (lzo-rle) a run of zeros. */
static int decode_m4(struct lzo_stream *s, size_t t, bool rle, size_t *next)
{
	size_t len, dist;
	unsigned int v;
	int err;

	if (!have_input(s, 2))
		return LZO_E_INPUT_OVERRUN;
	v = le16_at(s);
	if (rle && (v & 0xfffc) == 0xfffc && (t & 0xf8) == 0x18) {
		if (!have_input(s, 3))
			return LZO_E_INPUT_OVERRUN;
		len = ((t & 7) | (size_t)s->in[s->ip + 2] << 3) + MIN_ZERO_RUN_LENGTH;
		if (s->out_len - s->op < len)
			return LZO_E_OUTPUT_OVERRUN;
		memset(s->out + s->op, 0, len);
		s->op += len;
		s->ip += 3;
		*next = v & 3;
		return LZO_E_OK;
	}
	err = decode_length(s, t, 7, &len);
	if (err)
		return err;
	if ((t & 7) == 0) { /* the operand comes after the extension */
		if (!have_input(s, 2))
			return LZO_E_INPUT_OVERRUN;
		v = le16_at(s);
	}
	s->ip += 2;
	dist = ((t & 8) << 11) + (v >> 2);
	*next = v & 3;
	if (dist == 0)
		return len == 3 ? LZO_END : LZO_E_ERROR;
	return copy_match(s, dist + 0x4000, len);
}

/* Instruction byte t in 32-63: M3. */
static int decode_m3(struct lzo_stream *s, size_t t, size_t *next)
{
	unsigned int v;
	size_t len;
	int err = decode_length(s, t, 31, &len);

	if (err)
		return err;
	if (!have_input(s, 2))
		return LZO_E_INPUT_OVERRUN;
	v = le16_at(s);
	s->ip += 2;
	*next = v & 3;
	return copy_match(s, 1 + (v >> 2), len);
}

/* Instruction byte t in 0-15 after a match (state 1-3) or a literal run (state 4): M1. */
static int decode_m1(struct lzo_stream *s, size_t t, size_t state, size_t *next)
{
	size_t dist;

	if (!have_input(s, 1))
		return LZO_E_INPUT_OVERRUN;
	dist = 1 + (t >> 2) + ((size_t)s->in[s->ip++] << 2);
	*next = t & 3;
	if (state == 4)
		return copy_match(s, dist + M2_MAX_OFFSET, 3);
	return copy_match(s, dist, 2);
}

/* Instruction byte t in 64-255: M2. */
static int decode_m2(struct lzo_stream *s, size_t t, size_t *next)
{
	size_t dist;

	if (!have_input(s, 1))
		return LZO_E_INPUT_OVERRUN;
	dist = 1 + ((t >> 2) & 7) + ((size_t)s->in[s->ip++] << 3);
	*next = t & 3;
	return copy_match(s, dist, (t >> 5) + 1);
}

/* The first instruction may be a literal run of byte - 17 (> 0) bytes; sets *state. */
static int decode_first(struct lzo_stream *s, size_t *state)
{
	size_t t;

	*state = 0;
	if (s->in[s->ip] <= 17)
		return LZO_E_OK;
	t = s->in[s->ip++] - 17;
	*state = t < 4 ? t : 4;
	return copy_literals(s, t);
}

/* Instruction byte t in 0-15 in state 0: a literal run of its own. */
static int decode_literal_run(struct lzo_stream *s, size_t t)
{
	int err;

	if (t == 0) {
		err = get_extension(s, 15, &t);
		if (err)
			return err;
	}
	return copy_literals(s, t + 3);
}

/* One instruction (byte t) and the literals that ride on it; moves *state on. */
static int decode_one(struct lzo_stream *s, size_t t, size_t *state, bool rle)
{
	size_t next = 0;
	int err;

	if (t < 16 && *state == 0) {
		*state = 4;
		return decode_literal_run(s, t);
	}
	if (t >= 64)
		err = decode_m2(s, t, &next);
	else if (t >= 32)
		err = decode_m3(s, t, &next);
	else if (t >= 16)
		err = decode_m4(s, t, rle, &next);
	else
		err = decode_m1(s, t, *state, &next);
	if (err)
		return err;
	*state = next;
	return copy_literals(s, next);
}

static int lzo_decompress(struct lzo_stream *s)
{
	size_t state;
	bool rle = false;
	int err;

	if (s->in_len < 3)
		return LZO_E_INPUT_OVERRUN;
	if (s->in_len >= 5 && s->in[0] == 17) { /* lzo-rle's header: 17, version */
		rle = s->in[1] >= LZO_VERSION;
		s->ip = 2;
	}
	err = decode_first(s, &state);
	while (!err) {
		if (!have_input(s, 1))
			return LZO_E_INPUT_OVERRUN;
		err = decode_one(s, s->in[s->ip++], &state, rle);
	}
	if (err != LZO_END)
		return err;
	return s->ip == s->in_len ? LZO_E_OK : LZO_E_INPUT_NOT_CONSUMED;
}

int lzo1x_decompress_safe(const unsigned char *in, size_t in_len, unsigned char *out,
			  size_t *out_len)
{
	struct lzo_stream s = { .in = in, .in_len = in_len, .out = out, .out_len = *out_len };
	int err = lzo_decompress(&s);

	*out_len = s.op;
	return err;
}
