/*
 * Compressing whole pages for zswap and zram (mm/zcomp.c; Linux's
 * drivers/block/zram/zcomp.c and zswap's crypto_acomp calls). Every touch
 * of a swapped page's bytes goes through here, mapped with the kmap API.
 */
#ifndef MM_ZCOMP_H
#define MM_ZCOMP_H

#include "kernel/lib/lz4.h"
#include "kernel/lib/lzo.h"
#include "kernel/types.h"

struct page;

/* Room a compressed page may need, lzo's worst being the larger (zswap's dstmem is two pages in
 * Linux). */
#define ZCOMP_DST_SIZE lzo1x_worst_compress(4096)
#define ZCOMP_NAME_MAX 16

/* Is name a compressor this kernel has ("lzo", "lzo-rle", "lz4")? */
bool zcomp_available(const char *name);
/* The compressor's name as a string that lives for good, or NULL if there is none. */
const char *zcomp_lookup(const char *name);
/* The compressors, each followed by a space, the current one in brackets ("lzo [lzo-rle] lz4 "). */
int zcomp_available_show(const char *comp, char *buf, size_t size);

/* Compress page into dst (ZCOMP_DST_SIZE bytes); the length, or -EINVAL. */
int zcomp_compress(const char *comp, struct page *page, u8 *dst);
/* Decompress len bytes of src into page; len == PAGE_SIZE is a raw copy. 0 or -EINVAL. */
int zcomp_decompress(const char *comp, const u8 *src, unsigned int len, struct page *page);
/* Copy a page's bytes to dst (PAGE_SIZE bytes): zram's incompressible pages. */
void zcomp_copy_page(struct page *page, u8 *dst);

/* Is every word of page the same? Then *value is that word. */
bool page_same_filled(struct page *page, unsigned long *value);
/* Fill page with value in every word (zswap_fill_page, zram_fill_page). */
void page_fill_value(struct page *page, unsigned long value);

#endif
