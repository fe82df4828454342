/*
 * Page compression for zswap and zram. Linux reaches its compressors
 * through the crypto API (zswap) or zcomp streams (zram), one stream per
 * CPU; one CPU without preemption needs one work area, used by a single
 * call at a time (nothing here sleeps).
 *
 * The one compressor is the project's LZ4 (kernel/lib/lz4.c). lzo and
 * lzo-rle, Linux's defaults, are not built: asking for them is refused
 * (zram) or falls back to lz4 with Linux's log line (zswap).
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

static const char *const backends[] = { "lz4" };
static u32 lz4_wrkmem[LZ4_MEM_COMPRESS / sizeof(u32)];

/* Map page's bytes for the current task: it may be a HighMem page. */
static void *zpage_map(struct page *page)
{
	return kmap_local_page(page);
}

static void zpage_unmap(void *addr)
{
	kunmap_local(addr);
}

bool zcomp_available(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(backends); i++)
		if (!strcmp(name, backends[i]))
			return true;
	return false;
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
	len = LZ4_compress_default(src, (char *)dst, PAGE_SIZE, ZCOMP_DST_SIZE, lz4_wrkmem);
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
	if (len == PAGE_SIZE)
		memcpy(dst, src, PAGE_SIZE);
	else if (LZ4_decompress_safe((const char *)src, dst, (int)len, PAGE_SIZE) != PAGE_SIZE)
		ret = -EINVAL;
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
