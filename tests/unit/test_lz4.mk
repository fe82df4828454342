UNIT_TESTS += lz4
lz4_SRCS := kernel/lib/lz4.c
# The kernel's LZ4 has liblz4's names; rename ours so both link into the test.
lz4_CFLAGS := -DLZ4_compress_default=tm_LZ4_compress_default \
              -DLZ4_decompress_safe=tm_LZ4_decompress_safe
lz4_LIBS := -llz4
