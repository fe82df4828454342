/*
 * Locked memory (mm/mlock.c): mlock, munlock, mlockall, munlockall,
 * mlock2, MAP_LOCKED, and the unevictable LRU list that keeps locked
 * pages away from reclaim.
 *
 * Two levels, as in Linux:
 *
 *   areas  VM_LOCKED (and VM_LOCKONFAULT) on a VMA, split and merged as
 *          the range asks; mm->locked_vm counts their pages against
 *          RLIMIT_MEMLOCK; a locked area is populated at once unless
 *          VM_LOCKONFAULT
 *   pages  PG_mlocked on every page mapped by a VM_LOCKED area; such a
 *          page sits on LRU_UNEVICTABLE, which reclaim never scans
 *
 * The unevictable list, for other users (SysV SHM_LOCK, ramfs): a page
 * is evictable unless it is mlocked or its page-cache mapping is marked
 * unevictable. To lock a whole mapping:
 *
 *   mapping_set_unevictable(mapping);     new and reclaimed pages go to
 *                                         the unevictable list from now on
 *   mapping_clear_unevictable(mapping);   then, for the mapping's pages:
 *   check_move_unevictable_pages(pages, n);   back to the normal lists
 *
 * Every move counts in /proc/vmstat's unevictable_pgs_* as Linux counts
 * it; nr_mlock (NR_MLOCK) counts PG_mlocked pages, nr_unevictable the list.
 */
#ifndef MM_MLOCK_H
#define MM_MLOCK_H

#include "kernel/types.h"
#include "mm/mm.h"

struct address_space;
struct mm_struct;
struct vm_area_struct;

/* ---- pages ---------------------------------------------------------------- */

/* Linux's folio_evictable: may reclaim take this page? */
bool page_evictable(const struct page *page);
/* Set PG_mlocked (counts nr_mlock, unevictable_pgs_mlocked); cull it to the unevictable list. */
void mlock_page(struct page *page);
/* Clear PG_mlocked and return the page to the normal lists (if nothing else keeps it). */
void munlock_page(struct page *page);
/* A mapping of an mlocked page went away: munlock it unless another VM_LOCKED area maps it. */
void munlock_vma_page(struct page *page);
/* put_page: the last reference to a page still PG_mlocked (unevictable_pgs_cleared). */
void mlock_page_freed(struct page *page);

/* ---- whole mappings (SHM_LOCK, ramfs) --------------------------------------- */

void mapping_set_unevictable(struct address_space *mapping);
void mapping_clear_unevictable(struct address_space *mapping);
bool mapping_unevictable(const struct address_space *mapping);
/* Linux's check_move_unevictable_pages: move those now evictable back (scanned, rescued). */
void check_move_unevictable_pages(struct page **pages, unsigned int nr);

/* ---- areas ---------------------------------------------------------------- */

/* RLIMIT_MEMLOCK is not 0, or the caller holds CAP_IPC_LOCK (else mlock is -EPERM). */
bool can_do_mlock(void);
/* A new VM_LOCKED area of len bytes: 0, or -EAGAIN over RLIMIT_MEMLOCK (mmap, brk, mremap). */
int mlock_future_check(struct mm_struct *mm, unsigned long vm_flags, unsigned long len);
/* Set vm_flags' lock bits on [start, start+len) of mm (page aligned). 0, -EINVAL, -ENOMEM (hole).
 */
int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start, unsigned long len,
			 unsigned long flags);
/* Fault in [start, start+len) of mm as mlock does. 0 or -errno (-EFAULT, -ENOMEM, -EINTR). */
int __mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len, bool ignore_errors);
/* The same for one area and a range inside it (mprotect, mremap). */
int populate_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);

long sys_mlock(unsigned long start, unsigned long len);
long sys_mlock2(unsigned long start, unsigned long len, int flags);
long sys_munlock(unsigned long start, unsigned long len);
long sys_mlockall(int flags);
long sys_munlockall(void);

#endif
