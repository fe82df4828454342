/*
 * zbud: two compressed objects per page (Linux's mm/zbud.c).
 *
 * A zbud page starts with its header (one 64-byte chunk); the "first"
 * buddy grows up from the header, the "last" buddy down from the end:
 *
 *   | zbud_header | first object ...        free        ... last object |
 *   0             64                                                  4096
 *
 * Sizes are in 64-byte chunks, so a page has 63 chunks for objects. A page
 * with one buddy and i free chunks sits on unbuddied[i]; an allocation of
 * n chunks takes the first page on unbuddied[n..62] (best fit from the
 * smallest hole), else a new page. A handle is the object's kernel
 * address, so mapping is free; the pages are lowmem (zbud refuses
 * __GFP_HIGHMEM, as Linux's).
 *
 * Why zbud and not zsmalloc: it is small, its fragmentation is easy to
 * reason about, and it can evict (zsmalloc in 6.1 cannot), which zswap's
 * writeback needs. The price: at most two objects per page, so the pool
 * never beats 2:1 even for pages that compress 100:1, and a lone object
 * of 100 bytes still costs a whole page until a buddy joins it. The
 * internal waste is under one chunk per object plus the free chunks
 * between the buddies; /sys/kernel/debug/zswap/pool_total_size against
 * stored_pages shows the effect (docs/compression.md).
 *
 * Eviction (zbud_reclaim_page) takes the least recently allocated page
 * and asks the pool's owner to evict both of its objects.
 */
#include "mm/zbud.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "mm/mm.h"

/* Linux keeps a spinlock here; one CPU and no preemption need none. */
struct zbud_header {
	struct list_head buddy; /* on unbuddied[] or buddied */
	struct list_head lru;
	unsigned int first_chunks; /* 0: no first buddy */
	unsigned int last_chunks;  /* 0: no last buddy */
	bool under_reclaim;	   /* zbud_reclaim_page is evicting this page */
};

enum buddy { FIRST, LAST };

_Static_assert(sizeof(struct zbud_header) <= ZBUD_ZHDR_SIZE_ALIGNED, "zbud header too big");

static unsigned int size_to_chunks(size_t size)
{
	return (unsigned int)((size + ZBUD_CHUNK_SIZE - 1) >> ZBUD_CHUNK_SHIFT);
}

static unsigned int num_free_chunks(const struct zbud_header *zhdr)
{
	return ZBUD_NCHUNKS - zhdr->first_chunks - zhdr->last_chunks;
}

static struct zbud_header *handle_to_zbud_header(unsigned long handle)
{
	return (struct zbud_header *)(handle & ~((unsigned long)PAGE_SIZE - 1));
}

/* The handle of zhdr's first or last buddy (its address). */
static unsigned long encode_handle(struct zbud_header *zhdr, enum buddy bud)
{
	unsigned long handle = (unsigned long)zhdr;

	if (bud == FIRST)
		return handle + ZBUD_ZHDR_SIZE_ALIGNED;
	return handle + PAGE_SIZE - (zhdr->last_chunks << ZBUD_CHUNK_SHIFT);
}

static enum buddy handle_to_buddy(unsigned long handle)
{
	return (handle & (PAGE_SIZE - 1)) == ZBUD_ZHDR_SIZE_ALIGNED ? FIRST : LAST;
}

void zbud_create_pool(struct zbud_pool *pool, const struct zbud_ops *ops)
{
	unsigned int i;

	for (i = 0; i < ZBUD_NCHUNKS; i++)
		INIT_LIST_HEAD(&pool->unbuddied[i]);
	INIT_LIST_HEAD(&pool->buddied);
	INIT_LIST_HEAD(&pool->lru);
	pool->pages_nr = 0;
	pool->ops = ops;
}

void zbud_destroy_pool(struct zbud_pool *pool)
{
	if (pool->pages_nr)
		panic("zbud_destroy_pool: %lu pages still allocated", pool->pages_nr);
}

/* File zhdr by its state: on unbuddied[free] with one buddy, else on buddied. */
static void file_page(struct zbud_pool *pool, struct zbud_header *zhdr)
{
	if (!zhdr->first_chunks || !zhdr->last_chunks)
		list_add(&zhdr->buddy, &pool->unbuddied[num_free_chunks(zhdr)]);
	else
		list_add(&zhdr->buddy, &pool->buddied);
}

/* A page with one buddy and room for chunks, or NULL. */
static struct zbud_header *find_unbuddied(struct zbud_pool *pool, unsigned int chunks)
{
	unsigned int i;

	for (i = chunks; i < ZBUD_NCHUNKS; i++)
		if (!list_empty(&pool->unbuddied[i]))
			return list_first_entry(&pool->unbuddied[i], struct zbud_header, buddy);
	return NULL;
}

/*
 * Store size bytes: *handle names the room (write it through zbud_map).
 * Returns 0, -EINVAL (size 0 or __GFP_HIGHMEM), -ENOSPC (bigger than
 * ZBUD_MAX_SIZE: zswap counts this as a poorly compressed page) or
 * -ENOMEM (no page for a new zbud page).
 */
int zbud_alloc(struct zbud_pool *pool, size_t size, gfp_t gfp, unsigned long *handle)
{
	unsigned int chunks = size_to_chunks(size);
	struct zbud_header *zhdr;
	enum buddy bud;

	if (!size || (gfp & __GFP_HIGHMEM))
		return -EINVAL;
	if (size > ZBUD_MAX_SIZE)
		return -ENOSPC;
	zhdr = find_unbuddied(pool, chunks);
	if (zhdr) {
		list_del(&zhdr->buddy);
		list_del(&zhdr->lru);
	} else {
		struct page *page = alloc_page(gfp);

		if (!page)
			return -ENOMEM;
		pool->pages_nr++;
		zhdr = page_address(page);
		*zhdr = (struct zbud_header){ .first_chunks = 0 };
	}
	bud = zhdr->first_chunks ? LAST : FIRST;
	if (bud == FIRST)
		zhdr->first_chunks = chunks;
	else
		zhdr->last_chunks = chunks;
	file_page(pool, zhdr);
	list_add(&zhdr->lru, &pool->lru);
	*handle = encode_handle(zhdr, bud);
	return 0;
}

/* Free zhdr's page (it holds no buddy). */
static void free_zbud_page(struct zbud_pool *pool, struct zbud_header *zhdr)
{
	__free_page(virt_to_page(zhdr));
	pool->pages_nr--;
}

/*
 * Free the object at handle; its page goes back to the buddy allocator
 * when both buddies are gone (unless zbud_reclaim_page holds it).
 * Panics on a handle that names no live object.
 */
void zbud_free(struct zbud_pool *pool, unsigned long handle)
{
	struct zbud_header *zhdr = handle_to_zbud_header(handle);
	unsigned int *chunks =
	    handle_to_buddy(handle) == FIRST ? &zhdr->first_chunks : &zhdr->last_chunks;

	if (!*chunks)
		panic("zbud_free: handle %#lx is not allocated", handle);
	*chunks = 0;
	if (zhdr->under_reclaim)
		return;
	list_del(&zhdr->buddy);
	if (!zhdr->first_chunks && !zhdr->last_chunks) {
		list_del(&zhdr->lru);
		free_zbud_page(pool, zhdr);
		return;
	}
	file_page(pool, zhdr);
}

/*
 * Evict the objects of the least recently used page through ops->evict,
 * trying up to retries pages. Returns 0 when a page was freed, -EINVAL
 * with no evict or empty pool, -EAGAIN if every try left an object.
 */
int zbud_reclaim_page(struct zbud_pool *pool, unsigned int retries)
{
	unsigned int i;

	if (!pool->ops || !pool->ops->evict || list_empty(&pool->lru) || !retries)
		return -EINVAL;
	for (i = 0; i < retries && !list_empty(&pool->lru); i++) {
		struct zbud_header *zhdr = list_last_entry(&pool->lru, struct zbud_header, lru);
		unsigned long first = 0, last = 0;

		list_del(&zhdr->buddy);
		list_del(&zhdr->lru);
		zhdr->under_reclaim = true;
		if (zhdr->first_chunks)
			first = encode_handle(zhdr, FIRST);
		if (zhdr->last_chunks)
			last = encode_handle(zhdr, LAST);
		if (first)
			pool->ops->evict(pool, first);
		if (last)
			pool->ops->evict(pool, last);
		zhdr->under_reclaim = false;
		if (!zhdr->first_chunks && !zhdr->last_chunks) {
			free_zbud_page(pool, zhdr);
			return 0;
		}
		file_page(pool, zhdr);
		list_add(&zhdr->lru, &pool->lru);
	}
	return -EAGAIN;
}

/* The object's bytes (a lowmem address: nothing to map). */
void *zbud_map(struct zbud_pool *pool, unsigned long handle)
{
	(void)pool;
	return (void *)handle;
}

void zbud_unmap(struct zbud_pool *pool, unsigned long handle)
{
	(void)pool;
	(void)handle;
}

u64 zbud_get_pool_size(struct zbud_pool *pool)
{
	return pool->pages_nr;
}
