/*
 * Physical pages: struct page, mem_map and the conversions between a page,
 * its frame number (pfn) and its kernel virtual address.
 *
 * Every frame of RAM below max_pfn has a struct page in mem_map, indexed
 * by pfn (Linux's FLATMEM). A page is in exactly one state at a time:
 *   reserved   - never given to the buddy allocator (first MiB, kernel
 *                image, modules, mem_map, holes);
 *   buddy      - free, the first page of a free block of 2^private pages;
 *   allocated  - _refcount > 0, owned by whoever allocated it (slab pages
 *                carry PG_slab and the fields of the slab overlay).
 * The zone a page belongs to is kept in the top bits of flags, as Linux
 * does.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "mm/layout.h"
#include "mm/mmzone.h"

struct kmem_cache;

struct page {
	unsigned long flags;   /* PG_* bits; zone number in the top bits */
	int _refcount;	       /* users; 0 when free (atomic_t in Linux) */
	int _mapcount;	       /* page-table mappings - 1 (-1: none) */
	unsigned long private; /* buddy: order of the free block; swap cache: entry */
	struct list_head lru;  /* buddy free list, or an LRU list (mm/lru.c) */
	union {
		struct { /* user pages: mapping heads the rmap chain (mm/rmap.c) */
			void *mapping;
			unsigned long index;
		};
		struct { /* slab pages (mm/slab.c) */
			struct kmem_cache *slab_cache;
			void *freelist;	    /* first free object */
			unsigned int inuse; /* objects handed out */
		};
	};
};

enum pageflags {
	PG_locked,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_reserved, /* not managed by the buddy allocator */
	PG_swapcache,
	PG_swapbacked,
	PG_unevictable,
	PG_buddy,	  /* free: head of a block on a free list (a page_type in Linux) */
	PG_slab,	  /* belongs to a slab (a page_type in Linux) */
	PG_large_kmalloc, /* whole pages handed out by kmalloc */
	PG_readahead,	  /* read by swap readahead, not yet used */
	PG_error,	  /* the last I/O on this page failed */
	PG_writeback, /* being written: to swap (the writer holds the lock), or a page-cache page */
	PG_reclaim,   /* written by reclaim: free it once the write is done */
	PG_mlocked,   /* mapped by a VM_LOCKED area: on the unevictable list (mm/mlock.c) */
	PG_workingset, /* was active once: its refault is thrashing (mm/workingset.c) */
	NR_PAGEFLAGS
};

#define ZONES_WIDTH 2
#define ZONES_PGSHIFT (sizeof(unsigned long) * 8 - ZONES_WIDTH)
#define ZONES_MASK ((1UL << ZONES_WIDTH) - 1)

/*
 * Set and Clear are single read-modify-write instructions (Linux's
 * set_bit/clear_bit): the disk interrupt ends bios and changes flags
 * (PG_locked, PG_writeback) of pages that process context may be
 * changing at the same moment.
 */
#define PAGEFLAG(uname, lname)                                                                     \
	static inline bool Page##uname(const struct page *p)                                       \
	{                                                                                          \
		return p->flags & (1UL << PG_##lname);                                             \
	}                                                                                          \
	static inline void SetPage##uname(struct page *p)                                          \
	{                                                                                          \
		__atomic_fetch_or(&p->flags, 1UL << PG_##lname, __ATOMIC_RELAXED);                 \
	}                                                                                          \
	static inline void ClearPage##uname(struct page *p)                                        \
	{                                                                                          \
		__atomic_fetch_and(&p->flags, ~(1UL << PG_##lname), __ATOMIC_RELAXED);             \
	}

PAGEFLAG(Locked, locked)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(SwapCache, swapcache)
PAGEFLAG(SwapBacked, swapbacked)
PAGEFLAG(Unevictable, unevictable)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(Slab, slab)
PAGEFLAG(LargeKmalloc, large_kmalloc)
PAGEFLAG(Readahead, readahead)
PAGEFLAG(Error, error)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Reclaim, reclaim)
PAGEFLAG(Mlocked, mlocked)
PAGEFLAG(Workingset, workingset)

extern struct page *mem_map;	      /* struct page of every pfn below max_pfn */
extern unsigned long max_pfn;	      /* first pfn above RAM (after mem=) */
extern unsigned long max_low_pfn;     /* first pfn above low memory */
extern unsigned long _totalram_pages; /* pages given to the buddy allocator */

static inline unsigned long totalram_pages(void)
{
	return _totalram_pages;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map);
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)((page->flags >> ZONES_PGSHIFT) & ZONES_MASK);
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= (unsigned long)zone << ZONES_PGSHIFT;
}

static inline struct zone *page_zone(const struct page *page)
{
	return &contig_page_data.node_zones[page_zonenum(page)];
}

static inline struct pglist_data *page_pgdat(const struct page *page)
{
	(void)page;
	return NODE_DATA(0); /* one node */
}

/* Kernel virtual address of a pfn in low memory: the direct map (mm/layout.h). */
#define pfn_to_virt(pfn) phys_to_virt((uintptr_t)(pfn) << PAGE_SHIFT)
#define virt_to_pfn(v) ((unsigned long)(virt_to_phys(v) >> PAGE_SHIFT))
#define virt_addr_valid(v)                                                                         \
	((uintptr_t)(v) >= (uintptr_t)phys_to_virt(0) && virt_to_pfn(v) < max_low_pfn)

static inline phys_addr_t page_to_phys(const struct page *page)
{
	return (phys_addr_t)page_to_pfn(page) << PAGE_SHIFT;
}

/* HighMem (and Movable, which would be HighMem here): no direct-map address. */
static inline bool PageHighMem(const struct page *page)
{
	return is_highmem_idx(page_zonenum(page));
}

static inline void *lowmem_page_address(const struct page *page)
{
	return pfn_to_virt(page_to_pfn(page));
}

/*
 * The kernel address of a page: its direct-map address in low memory; for
 * a HighMem page the pkmap address while someone holds it with kmap(),
 * else NULL (Linux's page_address with HASHED_PAGE_VIRTUAL). To touch a
 * page that may be HighMem, map it (mm/highmem.h).
 */
void *page_address(const struct page *page); /* mm/highmem.c */

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(virt_to_pfn(addr));
}

static inline int page_count(const struct page *page)
{
	return page->_refcount;
}

static inline void get_page(struct page *page)
{
	page->_refcount++;
}

/* Boot: read the memory map, build the page tables and zones (mm/init_32.c). */
extern long highmem_pages; /* highmem=, in pages (-1: not given) */
void find_low_pfn_range(void);
void setup_memory(void);
void mem_init(void);
unsigned long nr_free_pages(void);

#endif
