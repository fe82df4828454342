/*
 * Reaching a page's contents from the kernel (Linux's include/linux/highmem.h).
 *
 * A low-memory page is always in the kernel's direct map, at
 * page_address(page). A HighMem page (above max_low_pfn) has no kernel
 * address of its own: the kernel must map it for as long as it touches it,
 * in one of two windows at the top of kernel space (mm/layout.h):
 *
 *   kmap(page) / kunmap(page)       the pkmap area, LAST_PKMAP = 1024 slots
 *                                   shared by all tasks; the mapping may be
 *                                   used across sleeps and handed to
 *                                   another task; kmap sleeps while all
 *                                   1024 slots are taken. Process context
 *                                   only.
 *   kmap_local_page(page)           a fixmap slot of the calling task (a
 *   kunmap_local(addr)              stack of KM_MAX_IDX = 16, unmapped in
 *                                   reverse order); cheap, never sleeps,
 *                                   usable from interrupts; the address is
 *                                   valid only in the task that mapped it.
 *   kmap_atomic(page)               kmap_local_page inside preempt_disable()
 *   kunmap_atomic(addr)             and pagefault_disable() (the old API).
 *
 * For a low-memory page every one of them returns page_address(page), as
 * Linux does. Code that touches a user or page-cache page (which may be
 * HighMem: GFP_HIGHUSER_MOVABLE) uses these, or the helpers below built on
 * kmap_local_page; code that touches its own GFP_KERNEL pages may use
 * page_address() directly.
 */
#ifndef MM_HIGHMEM_H
#define MM_HIGHMEM_H

#include "kernel/types.h"
#include "kernel/lib/string.h"
#include "mm/mm.h"

void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_local_page(struct page *page);
void kunmap_local(const void *addr);
void *kmap_local_pfn(unsigned long pfn);
void *kmap_atomic(struct page *page);
void kunmap_atomic(const void *addr);

/* Boot: the pkmap and fixmap page tables (from paging_init). */
void kmap_init(void);
/* The context switch: take prev's kmap_local slots down, put next's up. */
struct task_struct;
void __kmap_local_sched_out(struct task_struct *prev);
void __kmap_local_sched_in(struct task_struct *next);
/* Slots of the pkmap area in use (users > 0), for the ktest and /proc. */
unsigned int nr_pkmaps_in_use(void);
unsigned long nr_pkmap_waits(void);

/* Zero a whole page. */
static inline void clear_highpage(struct page *page)
{
	void *kaddr = kmap_local_page(page);

	memset(kaddr, 0, PAGE_SIZE);
	kunmap_local(kaddr);
}

/* Copy the contents of from into to (copy-on-write). */
static inline void copy_highpage(struct page *to, struct page *from)
{
	const void *vfrom = kmap_local_page(from);
	void *vto = kmap_local_page(to);

	memcpy(vto, vfrom, PAGE_SIZE);
	kunmap_local(vto);
	kunmap_local(vfrom);
}

/* len bytes from `from` into page at offset (offset + len <= PAGE_SIZE). */
static inline void memcpy_to_page(struct page *page, size_t offset, const char *from, size_t len)
{
	char *to = kmap_local_page(page);

	memcpy(to + offset, from, len);
	kunmap_local(to);
}

/* len bytes of page at offset into `to` (offset + len <= PAGE_SIZE). */
static inline void memcpy_from_page(char *to, struct page *page, size_t offset, size_t len)
{
	const char *from = kmap_local_page(page);

	memcpy(to, from + offset, len);
	kunmap_local(from);
}

/* Fill len bytes of page at offset with the byte c. */
static inline void memset_page(struct page *page, size_t offset, int c, size_t len)
{
	char *addr = kmap_local_page(page);

	memset(addr + offset, c, len);
	kunmap_local(addr);
}

/* Pages the HighMem zones own, and how many of them are free. */
unsigned long totalhigh_pages(void);
unsigned long nr_free_highpages(void);

#endif
