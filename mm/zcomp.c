/*
 * Page compression for zswap and zram. Linux reaches its compressors
 * through the crypto API (zswap) or zcomp streams (zram), one stream per
 * CPU; one CPU without preemption needs one work area, used by a single
 * call at a time (nothing here sleeps).
 *
 * The compressors are the project's own, in the order Linux's zram lists
 * them: lzo and lzo-rle (kernel/lib/lzo.c; lzo-rle is zram's default, lzo
 * zswap's) and lz4 (kernel/lib/lz4.c). Any other name is refused (zram) or
 * falls back to the default with Linux's log line (zswap).
 *
 * A swapped page may be a HighMem page: its bytes are reached only through
 * zpage_map/zpage_unmap below (kmap_local_page). The pools' own pages
 * (zbud, zram's raw pages) are lowmem GFP_KERNEL pages, as Linux's zbud.
 */
#include "mm/zcomp.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "mm/highmem.h"
#include "mm/mm.h"

static const char *const backends[] = { "lzo", "lzo-rle", "lz4" };

/* The compressors' work area, one call at a time. */
static union {
	u32 lz4[LZ4_MEM_COMPRESS / sizeof(u32)];
	u32 lzo[LZO1X_1_MEM_COMPRESS / sizeof(u32)];
} wrkmem;

/* Map page's bytes for the current task: it may be a HighMem page. */
static void *zpage_map(struct page *page)
{
	return kmap_local_page(page);
}

static void zpage_unmap(void *addr)
{
	kunmap_local(addr);
}

const char *zcomp_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(backends); i++)
		if (!strcmp(name, backends[i]))
			return backends[i];
	return NULL;
}

bool zcomp_available(const char *name)
{
	return zcomp_lookup(name) != NULL;
}

int zcomp_available_show(const char *comp, char *buf, size_t size)
{
	size_t i;
	int n = 0;

	for (i = 0; i < ARRAY_SIZE(backends) && (size_t)n < size; i++)
		n += snprintf(buf + n, size - (size_t)n,
			      !strcmp(comp, backends[i]) ? "[%s] " : "%s ", backends[i]);
	if ((size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, "\n");
	return n;
}

int zcomp_compress(const char *comp, struct page *page, u8 *dst)
{
	void *src;
	int len;

	if (!zcomp_available(comp))
		return -EINVAL;
	src = zpage_map(page);
	if (!strncmp(comp, "lzo", 3)) {
		size_t out_len = 0;

		if (!strcmp(comp, "lzo"))
			lzo1x_1_compress(src, PAGE_SIZE, dst, &out_len, wrkmem.lzo);
		else
			lzorle1x_1_compress(src, PAGE_SIZE, dst, &out_len, wrkmem.lzo);
		len = (int)out_len;
	} else {
		len = LZ4_compress_default(src, (char *)dst, PAGE_SIZE, ZCOMP_DST_SIZE, wrkmem.lz4);
	}
	zpage_unmap(src);
	return len > 0 ? len : -EINVAL;
}

int zcomp_decompress(const char *comp, const u8 *src, unsigned int len, struct page *page)
{
	void *dst;
	int ret = 0;

	if (!zcomp_available(comp))
		return -EINVAL;
	dst = zpage_map(page);
	if (len == PAGE_SIZE) {
		memcpy(dst, src, PAGE_SIZE);
	} else if (!strncmp(comp, "lzo", 3)) { /* both read lzo-rle's and lzo's streams */
		size_t out_len = PAGE_SIZE;

		if (lzo1x_decompress_safe(src, len, dst, &out_len) != LZO_E_OK ||
		    out_len != PAGE_SIZE)
			ret = -EINVAL;
	} else if (LZ4_decompress_safe((const char *)src, dst, (int)len, PAGE_SIZE) != PAGE_SIZE) {
		ret = -EINVAL;
	}
	zpage_unmap(dst);
	return ret;
}

void zcomp_copy_page(struct page *page, u8 *dst)
{
	void *src = zpage_map(page);

	memcpy(dst, src, PAGE_SIZE);
	zpage_unmap(src);
}

bool page_same_filled(struct page *page, unsigned long *value)
{
	unsigned long *p = zpage_map(page);
	unsigned int i, n = PAGE_SIZE / sizeof(*p);

	for (i = 1; i < n && p[i] == p[0]; i++)
		;
	*value = p[0];
	zpage_unmap(p);
	return i == n;
}

void page_fill_value(struct page *page, unsigned long value)
{
	unsigned long *p = zpage_map(page);
	unsigned int i;

	for (i = 0; i < PAGE_SIZE / sizeof(*p); i++)
		p[i] = value;
	zpage_unmap(p);
}
