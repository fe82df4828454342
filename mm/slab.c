/*
 * The slab allocator: caches of equal-sized kernel objects, and kmalloc
 * on top of them (in the spirit of Linux's SLUB, mm/slub.c).
 *
 * A slab is a block of 2^order buddy pages cut into slots. Free slots are
 * chained through a free pointer kept just after the object (where SLUB
 * puts it when poisoning), so the whole free object can be poisoned:
 *
 *   slot:  [ object_size bytes: 6b 6b ... 6b a5 | free pointer | pad ]
 *
 * The slab's first struct page holds the cache, the free list head and
 * the count of objects in use; every page of a slab has PG_slab and
 * slab_cache so kfree can find the slab of any object. Slabs with free
 * objects are on the cache's partial list; a full slab is on no list; an
 * empty slab goes straight back to the buddy allocator.
 *
 * Checks, each a named panic: a freed object that was modified (use after
 * free, found at its next allocation), a double free, a pointer that is
 * not the start of an object, a pointer kmalloc never gave out. Linux
 * does these only with slub_debug; here they are always on.
 *
 * kmalloc(size) uses the smallest size class (8 .. 2048 bytes) that fits;
 * larger requests take whole pages from the buddy allocator. Built for the
 * host too (tests/unit).
 */
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "mm/internal.h"
#include "mm/slab.h"

unsigned long nr_slab_pages;
static LIST_HEAD(slab_caches);

/* The cache of struct kmem_cache itself, set up by hand. */
static struct kmem_cache kmem_cache_boot;

static const unsigned int kmalloc_sizes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048 };
static const char *const kmalloc_names[] = {
	"kmalloc-8",   "kmalloc-16",  "kmalloc-32",  "kmalloc-64", "kmalloc-96", "kmalloc-128",
	"kmalloc-192", "kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k",
};
static struct kmem_cache *kmalloc_caches[ARRAY_SIZE(kmalloc_sizes)];

static bool cache_poisons(const struct kmem_cache *s)
{
	return !s->ctor; /* as SLUB: objects with a constructor keep their state */
}

static void **free_pointer(const struct kmem_cache *s, void *obj)
{
	return (void **)((char *)obj + s->offset);
}

static void poison_object(const struct kmem_cache *s, void *obj)
{
	memset(obj, POISON_FREE, s->object_size - 1);
	((unsigned char *)obj)[s->object_size - 1] = POISON_END;
}

/* Is the free object still exactly as poison_object left it? */
static bool poison_intact(const struct kmem_cache *s, const void *obj)
{
	const unsigned char *p = obj;
	unsigned int i;

	for (i = 0; i + 1 < s->object_size; i++)
		if (p[i] != POISON_FREE)
			return false;
	return p[s->object_size - 1] == POISON_END;
}

/* Smallest order (at most 3) whose slab wastes no more than 1/8 of itself. */
static unsigned int calculate_order(unsigned int size)
{
	unsigned int order;

	for (order = 0; order < 3; order++) {
		unsigned long bytes = PAGE_SIZE << order;
		unsigned long objects = bytes / size;

		if (objects && (bytes - objects * size) * 8 <= bytes)
			break;
	}
	return order;
}

static void cache_setup(struct kmem_cache *s, const char *name, unsigned int size,
			unsigned int align, unsigned long flags, void (*ctor)(void *))
{
	if (flags & SLAB_HWCACHE_ALIGN)
		align = max(align, 64U);
	align = max(align, (unsigned int)sizeof(void *));
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->object_size = size;
	s->offset = ALIGN(size, (unsigned int)sizeof(void *));
	s->size = ALIGN(s->offset + (unsigned int)sizeof(void *), align);
	s->order = calculate_order(s->size);
	s->objects = (unsigned int)((PAGE_SIZE << s->order) / s->size);
	s->flags = flags;
	s->ctor = ctor;
	INIT_LIST_HEAD(&s->partial);
	list_add_tail(&s->list, &slab_caches);
}

/* Create the kmem_cache cache and the kmalloc size classes. */
void kmem_cache_init(void)
{
	size_t i;

	INIT_LIST_HEAD(&slab_caches);
	cache_setup(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache), 0, 0, NULL);
	for (i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++) {
		kmalloc_caches[i] =
		    kmem_cache_create(kmalloc_names[i], kmalloc_sizes[i], 0, 0, NULL);
		if (!kmalloc_caches[i])
			panic("kmem_cache_init: cannot create %s", kmalloc_names[i]);
	}
}

/*
 * A new cache of objects of size bytes aligned on align (0: pointer
 * size). ctor, if any, runs once per object when its slab is made.
 * Returns NULL if size is 0 or too big for a slab, or out of memory.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned long flags, void (*ctor)(void *))
{
	struct kmem_cache *s;

	if (!size || size > (PAGE_SIZE << 3) / 2 || (align & (align - 1)))
		return NULL;
	s = kmem_cache_alloc(&kmem_cache_boot, GFP_KERNEL);
	if (s)
		cache_setup(s, name, size, align, flags, ctor);
	return s;
}

/* Destroy an empty cache; objects still in use are a bug. */
void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	if (s->nr_objects)
		panic("kmem_cache_destroy %s: Slab cache still has objects", s->name);
	list_del(&s->list);
	kmem_cache_free(&kmem_cache_boot, s);
}

static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	struct page *page = alloc_pages(gfp & ~__GFP_ZERO, s->order);
	char *base, *prev = NULL;
	unsigned long i;

	if (!page)
		return NULL;
	base = page_address(page);
	for (i = 0; i < (1UL << s->order); i++) {
		SetPageSlab(page + i);
		page[i].slab_cache = s;
	}
	for (i = s->objects; i-- > 0;) { /* chain in address order */
		char *obj = base + i * s->size;

		if (cache_poisons(s))
			poison_object(s, obj);
		else
			s->ctor(obj);
		*free_pointer(s, obj) = prev;
		prev = obj;
	}
	page->freelist = base;
	page->inuse = 0;
	return page;
}

static void discard_slab(struct kmem_cache *s, struct page *page)
{
	unsigned long i;

	list_del_init(&page->lru);
	for (i = 0; i < (1UL << s->order); i++) {
		ClearPageSlab(page + i);
		page[i].slab_cache = NULL;
	}
	page->freelist = NULL;
	s->nr_slabs--;
	nr_slab_pages -= 1UL << s->order;
	__free_pages(page, s->order);
}

/*
 * One object from s, or NULL if no memory (gfp as for alloc_pages;
 * __GFP_ZERO zeroes it). Panics if the object was written while free.
 */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	unsigned long flags = mm_irq_save();
	struct page *page;
	void *obj;

	if (list_empty(&s->partial)) {
		mm_irq_restore(flags); /* the buddy allocator may reclaim */
		page = new_slab(s, gfp);
		if (!page)
			return NULL;
		flags = mm_irq_save();
		list_add(&page->lru, &s->partial);
		s->nr_slabs++;
		nr_slab_pages += 1UL << s->order;
	}
	page = list_first_entry(&s->partial, struct page, lru);
	obj = page->freelist;
	page->freelist = *free_pointer(s, obj);
	if (++page->inuse == s->objects)
		list_del_init(&page->lru);
	s->nr_objects++;
	mm_irq_restore(flags);

	if (cache_poisons(s) && !poison_intact(s, obj))
		panic("kmem_cache_alloc: %s object %p was modified after it was freed (use after "
		      "free)",
		      s->name, obj);
	*free_pointer(s, obj) = NULL;
	if (gfp & __GFP_ZERO)
		memset(obj, 0, s->object_size);
	return obj;
}

/* The first page of the slab holding obj (obj's page must be PG_slab). */
static struct page *obj_to_slab(const void *obj)
{
	struct page *page = virt_to_page(obj);
	unsigned long pfn = page_to_pfn(page);

	return pfn_to_page(pfn & ~((1UL << page->slab_cache->order) - 1));
}

/* Panics unless obj is an object of s that is in use. */
static void check_object_free(struct kmem_cache *s, struct page *slab, const void *obj)
{
	const char *base = page_address(slab);
	uintptr_t off = (uintptr_t)obj - (uintptr_t)base;
	void *p;

	if (slab->slab_cache != s)
		panic("kmem_cache_free: %p belongs to %s, not %s", obj, slab->slab_cache->name,
		      s->name);
	if (off % s->size || off / s->size >= s->objects)
		panic("kmem_cache_free: %p is not the start of an object in %s", obj, s->name);
	for (p = slab->freelist; p; p = *free_pointer(s, p))
		if (p == obj)
			panic("kmem_cache_free: double free of %p in %s", obj, s->name);
}

/* Give obj back to s. It is poisoned; an empty slab returns to the buddy. */
void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	unsigned long flags;
	struct page *slab;

	if (!virt_addr_valid(obj) || !PageSlab(virt_to_page(obj)))
		panic("kmem_cache_free: %p is not a slab object (%s)", obj, s->name);
	slab = obj_to_slab(obj);
	flags = mm_irq_save();
	check_object_free(s, slab, obj);
	if (cache_poisons(s))
		poison_object(s, obj);
	*free_pointer(s, obj) = slab->freelist;
	slab->freelist = obj;
	if (slab->inuse-- == s->objects)
		list_add(&slab->lru, &s->partial);
	s->nr_objects--;
	if (slab->inuse == 0)
		discard_slab(s, slab);
	mm_irq_restore(flags);
}

/* The size-class cache kmalloc(size) uses, or NULL if size takes pages. */
struct kmem_cache *kmalloc_slab(size_t size)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++)
		if (size <= kmalloc_sizes[i])
			return kmalloc_caches[i];
	return NULL;
}

static unsigned int get_order(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/*
 * size bytes of kernel memory, or NULL (ZERO_SIZE_PTR for 0 bytes).
 * Up to KMALLOC_MAX_CACHE_SIZE from a size class, above from whole pages.
 */
void *kmalloc(size_t size, gfp_t gfp)
{
	struct kmem_cache *s;
	struct page *page;
	unsigned int order;

	if (!size)
		return ZERO_SIZE_PTR;
	s = kmalloc_slab(size);
	if (s)
		return kmem_cache_alloc(s, gfp);
	order = get_order(size);
	if (order > MAX_PAGE_ORDER)
		return NULL;
	page = alloc_pages(gfp, order);
	if (!page)
		return NULL;
	SetPageLargeKmalloc(page);
	page->private = order;
	return page_address(page);
}

/* Free what kmalloc (or kmem_cache_alloc) returned; NULL is ignored. */
void kfree(const void *p)
{
	struct page *page;

	if (p == NULL || p == ZERO_SIZE_PTR)
		return;
	if (!virt_addr_valid(p))
		panic("kfree: %p is not a kmalloc pointer", p);
	page = virt_to_page(p);
	if (PageSlab(page)) {
		kmem_cache_free(page->slab_cache, (void *)(uintptr_t)p);
	} else if (PageLargeKmalloc(page) && p == page_address(page)) {
		ClearPageLargeKmalloc(page);
		__free_pages(page, (unsigned int)page->private);
	} else if (PageBuddy(page) || (page->_refcount == 0 && !PageReserved(page))) {
		panic("kfree: double free of %p", p);
	} else {
		panic("kfree: %p is not a kmalloc pointer", p);
	}
}
