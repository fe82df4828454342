UNIT_TESTS += lzo
lzo_SRCS := kernel/lib/lzo.c
# The kernel's LZO has liblzo2's names; rename ours so both link into the test.
lzo_CFLAGS := -Dlzo1x_1_compress=tm_lzo1x_1_compress \
              -Dlzorle1x_1_compress=tm_lzorle1x_1_compress \
              -Dlzo1x_decompress_safe=tm_lzo1x_decompress_safe
lzo_LIBS := -llzo2
