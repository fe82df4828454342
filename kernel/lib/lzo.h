/*
 * LZO1X (Linux's lib/lzo, include/linux/lzo.h): the LZO1X-1 compressor,
 * its run-length variant lzo-rle (Linux's default for zram), and the
 * checking decompressor that reads both, with Linux's names, return codes
 * and buffer rules. Plain LZO1X streams are the bytes liblzo2 reads and
 * writes (tests/unit/test_lzo.c checks both ways).
 */
#ifndef KERNEL_LIB_LZO_H
#define KERNEL_LIB_LZO_H

#include "kernel/types.h"

/*
 * Work area for the compressors: a hash table of 2^13 input positions.
 * Linux keeps 16-bit positions and compresses in 48 KiB chunks; 32-bit
 * positions here need no chunks (so the area is twice Linux's 16 KiB).
 */
#define LZO1X_1_MEM_COMPRESS (8192 * sizeof(u32))

/* The most bytes x bytes of input compress to (Linux's, rle header included). */
#define lzo1x_worst_compress(x) ((x) + ((x) / 16) + 64 + 3 + 2)

/* Linux's return codes (include/linux/lzo.h). */
#define LZO_E_OK 0
#define LZO_E_ERROR (-1)
#define LZO_E_OUT_OF_MEMORY (-2)
#define LZO_E_NOT_COMPRESSIBLE (-3)
#define LZO_E_INPUT_OVERRUN (-4)
#define LZO_E_OUTPUT_OVERRUN (-5)
#define LZO_E_LOOKBEHIND_OVERRUN (-6)
#define LZO_E_EOF_NOT_FOUND (-7)
#define LZO_E_INPUT_NOT_CONSUMED (-8)
#define LZO_E_NOT_YET_IMPLEMENTED (-9)
#define LZO_E_INVALID_ARGUMENT (-10)

/*
 * Compress in_len bytes of in into out, which must have room for
 * lzo1x_worst_compress(in_len) bytes; wrkmem is LZO1X_1_MEM_COMPRESS
 * bytes (4-byte aligned). Sets *out_len; returns LZO_E_OK.
 */
int lzo1x_1_compress(const unsigned char *in, size_t in_len, unsigned char *out, size_t *out_len,
		     void *wrkmem);
/* The same, as lzo-rle: a version header and runs of zero bytes as one instruction. */
int lzorle1x_1_compress(const unsigned char *in, size_t in_len, unsigned char *out, size_t *out_len,
			void *wrkmem);

/*
 * Decompress a whole LZO1X or lzo-rle stream of in_len bytes into out,
 * which has room for *out_len bytes. Never reads outside in nor writes
 * outside out. Sets *out_len to the bytes written; returns LZO_E_OK or a
 * negative LZO_E_* code for a malformed, truncated or too-large stream.
 */
int lzo1x_decompress_safe(const unsigned char *in, size_t in_len, unsigned char *out,
			  size_t *out_len);

#endif
