/*
 * zbud (Linux's mm/zbud.c): a compressed-object allocator that puts at
 * most two objects ("buddies") in a page, one from each end. See
 * mm/zbud.c for the layout and why zswap uses it.
 */
#ifndef MM_ZBUD_H
#define MM_ZBUD_H

#include "kernel/list.h"
#include "kernel/types.h"
#include "mm/gfp.h"

#define ZBUD_CHUNK_SHIFT 6 /* objects are counted in 64-byte chunks */
#define ZBUD_CHUNK_SIZE (1u << ZBUD_CHUNK_SHIFT)
#define ZBUD_ZHDR_SIZE_ALIGNED ZBUD_CHUNK_SIZE /* the page header's chunk */
#define ZBUD_NCHUNKS ((4096u - ZBUD_ZHDR_SIZE_ALIGNED) >> ZBUD_CHUNK_SHIFT) /* 63 */
/* The largest object: a page less the header and one chunk (Linux's bound). */
#define ZBUD_MAX_SIZE (4096u - ZBUD_ZHDR_SIZE_ALIGNED - ZBUD_CHUNK_SIZE)

struct zbud_pool;

/*
 * evict: write the object at handle somewhere else and free it with
 * zbud_free (zswap writes it back to the swap device). 0 or -errno.
 */
struct zbud_ops {
	int (*evict)(struct zbud_pool *pool, unsigned long handle);
};

struct zbud_pool {
	struct list_head unbuddied[ZBUD_NCHUNKS]; /* [i]: pages with i free chunks, one buddy */
	struct list_head buddied;		  /* pages holding two objects */
	struct list_head lru;			  /* every page, most recently used first */
	unsigned long pages_nr;			  /* pages the pool holds */
	const struct zbud_ops *ops;
};

void zbud_create_pool(struct zbud_pool *pool, const struct zbud_ops *ops);
/* Panics if the pool still holds pages: its user leaked objects. */
void zbud_destroy_pool(struct zbud_pool *pool);
int zbud_alloc(struct zbud_pool *pool, size_t size, gfp_t gfp, unsigned long *handle);
void zbud_free(struct zbud_pool *pool, unsigned long handle);
int zbud_reclaim_page(struct zbud_pool *pool, unsigned int retries);
void *zbud_map(struct zbud_pool *pool, unsigned long handle);
void zbud_unmap(struct zbud_pool *pool, unsigned long handle);
u64 zbud_get_pool_size(struct zbud_pool *pool); /* in pages */

#endif
