/*
 * Page allocation: gfp flags ("get free pages") and the buddy allocator's
 * entry points (mm/page_alloc.c). Flag names and bit values are Linux's
 * (include/linux/gfp_types.h, 6.12), so a mode printed as 0xcc0 means
 * GFP_KERNEL here as on Linux.
 */
#ifndef MM_GFP_H
#define MM_GFP_H

#include "kernel/types.h"
#include "mm/mm.h"

typedef unsigned int gfp_t;

/* Zone modifiers: which zones the allocation may use. */
#define __GFP_DMA 0x01u
#define __GFP_HIGHMEM 0x02u
#define __GFP_DMA32 0x04u /* cannot exist on 32-bit; kept for the value */
#define __GFP_MOVABLE 0x08u
#define __GFP_RECLAIMABLE 0x10u
/* Watermark and reclaim modifiers. */
#define __GFP_HIGH 0x20u /* may dip into half of the MIN reserve */
#define __GFP_IO 0x40u
#define __GFP_FS 0x80u
#define __GFP_ZERO 0x100u	    /* return zeroed pages */
#define __GFP_DIRECT_RECLAIM 0x400u /* the caller may reclaim (sleep) */
#define __GFP_KSWAPD_RECLAIM 0x800u /* wake kswapd below LOW */
#define __GFP_WRITE 0x1000u
#define __GFP_NOWARN 0x2000u /* no page allocation failure report */
#define __GFP_RETRY_MAYFAIL 0x4000u
#define __GFP_NOFAIL 0x8000u
#define __GFP_NORETRY 0x10000u
#define __GFP_MEMALLOC 0x20000u /* ignore watermarks entirely */
#define __GFP_COMP 0x40000u
#define __GFP_NOMEMALLOC 0x80000u
#define __GFP_HARDWALL 0x100000u
#define __GFP_THISNODE 0x200000u
#define __GFP_ACCOUNT 0x400000u

#define __GFP_RECLAIM (__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define __GFP_BITS_MASK 0x7fffffu

/*
 * gfp_allowed_mask (mm/page_alloc.c) is ANDed into every request. Until
 * kernel_init runs with the scheduler up it is GFP_BOOT_MASK: no reclaim,
 * no I/O, so an early allocation fails rather than reaching the OOM
 * killer before there are tasks to choose from (Linux's, the same name).
 */
#define GFP_BOOT_MASK (__GFP_BITS_MASK & ~(__GFP_RECLAIM | __GFP_IO | __GFP_FS))
extern gfp_t gfp_allowed_mask;
#define GFP_ZONEMASK (__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

#define GFP_ATOMIC (__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM | __GFP_NOWARN)
#define GFP_NOIO (__GFP_RECLAIM)
#define GFP_NOFS (__GFP_RECLAIM | __GFP_IO)
#define GFP_USER (__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA __GFP_DMA
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE)

/*
 * The highest zone an allocation may use; it falls back to lower zones
 * from there (Linux's gfp_zone() and zonelist order).
 */
static inline enum zone_type gfp_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if ((gfp & (__GFP_HIGHMEM | __GFP_MOVABLE)) == (__GFP_HIGHMEM | __GFP_MOVABLE))
		return ZONE_MOVABLE;
	if (gfp & __GFP_HIGHMEM)
		return ZONE_HIGHMEM;
	return ZONE_NORMAL;
}

static inline bool gfpflags_allow_blocking(gfp_t gfp)
{
	return gfp & __GFP_DIRECT_RECLAIM;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned int order);

#define alloc_page(gfp) alloc_pages(gfp, 0)
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
#define __free_page(page) __free_pages(page, 0)
#define free_page(addr) free_pages(addr, 0)

/* "0xcc0(GFP_KERNEL)", as Linux's %pGg prints a gfp mask (mm/show_mem.c). */
void format_gfp_flags(char *buf, size_t size, gfp_t gfp);
void warn_alloc(gfp_t gfp, unsigned int order);

#endif
