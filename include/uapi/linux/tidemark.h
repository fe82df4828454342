/*
 * Tidemark's own system calls (numbers from __NR_tidemark_base, 1024, in
 * asm/unistd_32.h; docs/extending.md). Layouts are fixed-width, the same
 * for a 32-bit program and a 64-bit tool.
 *
 * tidemark_pageinfo(addr, info): what the kernel knows about the caller's
 * page at addr, without touching it (no fault, no swap-in): the PTE as the
 * MMU sees it and, by its state, the frame and its struct page or the swap
 * slot. Linux shows the same through /proc/PID/pagemap and /proc/kpageflags;
 * one call is easier to read in a first course.
 */
#ifndef UAPI_LINUX_TIDEMARK_H
#define UAPI_LINUX_TIDEMARK_H

/* info->state */
#define TIDEMARK_PAGE_NONE 0	/* no PTE: never touched, or dropped */
#define TIDEMARK_PAGE_PRESENT 1 /* in a frame: pfn, kpageflags, mapcount, refcount */
#define TIDEMARK_PAGE_SWAPPED 2 /* a swap entry: swap_type, swap_offset */

/* kpageflags: Linux's stable /proc/kpageflags bits (linux/kernel-page-flags.h) */
#define KPF_LOCKED 0
#define KPF_ERROR 1
#define KPF_REFERENCED 2
#define KPF_UPTODATE 3
#define KPF_DIRTY 4
#define KPF_LRU 5
#define KPF_ACTIVE 6
#define KPF_SLAB 7
#define KPF_WRITEBACK 8
#define KPF_RECLAIM 9
#define KPF_BUDDY 10
#define KPF_MMAP 11
#define KPF_SWAPCACHE 13
#define KPF_SWAPBACKED 14
#define KPF_UNEVICTABLE 18
#define KPF_MLOCKED 33

struct tidemark_pageinfo {
	unsigned int state;	       /* TIDEMARK_PAGE_* */
	unsigned int pte;	       /* the raw i386 PTE (0: none) */
	unsigned int pfn;	       /* PRESENT: the page frame number */
	unsigned int swap_type;	       /* SWAPPED: the swap area (as in /proc/swaps' order) */
	unsigned int swap_offset;      /* SWAPPED: the slot in it, in pages */
	int mapcount;		       /* PRESENT: page-table mappings (2 after fork, until COW) */
	int refcount;		       /* PRESENT: references (mappings, swap cache, I/O) */
	unsigned int pad;	       /* 0 */
	unsigned long long kpageflags; /* PRESENT: 1 << KPF_* */
};

#endif
