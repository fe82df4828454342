/*
 * Kernel object allocator (mm/slab.c): caches of equal-sized objects
 * carved out of buddy pages, and kmalloc on top of size-class caches.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include "mm/gfp.h"

/* Linux's poison bytes (include/linux/poison.h). */
#define POISON_INUSE 0x5a /* (Linux: new slab padding; unused here) */
#define POISON_FREE 0x6b  /* every byte of a free object ... */
#define POISON_END 0xa5	  /* ... except the last */

#define SLAB_HWCACHE_ALIGN 0x00002000UL /* align objects on 64 bytes */

#define ZERO_SIZE_PTR ((void *)16)  /* kmalloc(0): not NULL, not usable */
#define KMALLOC_MAX_CACHE_SIZE 2048 /* larger kmallocs take whole pages */

struct kmem_cache {
	const char *name;
	unsigned int object_size; /* what the user asked for */
	unsigned int size;	  /* slot: object, free pointer, alignment */
	unsigned int offset;	  /* of the free pointer inside the slot */
	unsigned int order;	  /* a slab is 2^order pages */
	unsigned int objects;	  /* per slab */
	unsigned long flags;
	void (*ctor)(void *);
	struct list_head partial; /* slabs with free objects; full ones are on no list */
	unsigned long nr_slabs;
	unsigned long nr_objects; /* objects handed out */
	struct list_head list;	  /* on slab_caches */
};

extern unsigned long nr_slab_pages; /* pages held by slabs (meminfo's SUnreclaim) */

void kmem_cache_init(void);
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned long flags, void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *s, void *obj);

void *kmalloc(size_t size, gfp_t gfp);
void kfree(const void *p);
struct kmem_cache *kmalloc_slab(size_t size);

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

#endif
