/*
 * LZ4 block format (Linux's lib/lz4, include/linux/lz4.h): the
 * compressor and the checking decompressor, with Linux's and liblz4's
 * names and return conventions, so the kernel and Debian's liblz4 read
 * and write the same bytes (tests/unit/test_lz4.c checks both ways).
 */
#ifndef KERNEL_LIB_LZ4_H
#define KERNEL_LIB_LZ4_H

#include "kernel/types.h"

#define LZ4_MEMORY_USAGE 14 /* log2 of the hash table's bytes, as the kernel */
#define LZ4_MEM_COMPRESS (1u << LZ4_MEMORY_USAGE)
#define LZ4_MAX_INPUT_SIZE 0x7E000000
/* The largest block n bytes can compress to (incompressible input plus framing). */
#define LZ4_COMPRESSBOUND(n) ((unsigned int)(n) > LZ4_MAX_INPUT_SIZE ? 0 : (n) + ((n) / 255) + 16)

/*
 * Compress src_size bytes of source into dest (room for max_output_size
 * bytes), using wrkmem (LZ4_MEM_COMPRESS bytes, any alignment of 4) as the
 * hash table. Returns the compressed size, or 0 if it does not fit in
 * max_output_size or src_size is out of range.
 */
int LZ4_compress_default(const char *source, char *dest, int src_size, int max_output_size,
			 void *wrkmem);

/*
 * Decompress a whole block of compressed_size bytes into dest (room for
 * max_decompressed_size bytes). Never reads outside the block nor writes
 * outside dest. Returns the decompressed size, or a negative number for
 * a malformed block (or one that does not fit).
 */
int LZ4_decompress_safe(const char *source, char *dest, int compressed_size,
			int max_decompressed_size);

#endif
