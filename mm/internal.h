/*
 * Helpers shared by the files of mm/ only (Linux's mm/internal.h).
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include "mm/gfp.h"
#include "mm/pgtable.h" /* pte_t */

/*
 * alloc_flags: how deep into the reserves an allocation attempt may go.
 * The low bits name the watermark to check (WMARK_MIN/LOW/HIGH).
 */
#define ALLOC_WMARK_MIN WMARK_MIN
#define ALLOC_WMARK_LOW WMARK_LOW
#define ALLOC_WMARK_HIGH WMARK_HIGH
#define ALLOC_NO_WATERMARKS 0x04 /* don't check watermarks at all */
#define ALLOC_WMARK_MASK (ALLOC_NO_WATERMARKS - 1)
#define ALLOC_OOM 0x08	       /* OOM victim: half of what is left */
#define ALLOC_NON_BLOCK 0x10   /* cannot sleep: a quarter more */
#define ALLOC_MIN_RESERVE 0x20 /* __GFP_HIGH: half of MIN */
#define ALLOC_CPUSET 0x40      /* (no cpusets here; kept for the value) */
#define ALLOC_HIGHATOMIC 0x200 /* (no highatomic reserve here) */
#define ALLOC_KSWAPD 0x800     /* wake kswapd when below LOW */
#define ALLOC_RESERVES (ALLOC_NON_BLOCK | ALLOC_MIN_RESERVE | ALLOC_HIGHATOMIC | ALLOC_OOM)

#define MAX_RECLAIM_RETRIES 16

/* One reclaim pass's orders and results (mm/vmscan.c). */
struct scan_control {
	unsigned long nr_to_reclaim;
	unsigned long nr_reclaimed;
	unsigned long nr_scanned;
	gfp_t gfp_mask; /* the allocation's: the shrinkers see it (no __GFP_FS: no inodes freed) */
	int priority;
	enum zone_type reclaim_idx; /* highest zone whose pages help */
	bool is_kswapd;
	/* Set by prepare_scan_count for the pass (mm/vmscan_balance.c): */
	unsigned int may_deactivate; /* DEACTIVATE_ANON, DEACTIVATE_FILE: lists that may age */
	bool force_deactivate;	     /* a retry: age both active lists whatever */
	bool skipped_deactivate;     /* an active list was left alone this pass */
	bool cache_trim_mode;	     /* plenty of cold cache: reclaim file only */
	bool file_is_tiny;	     /* the cache is nearly gone: reclaim anon only */
	unsigned long anon_cost, file_cost; /* the lruvec's, at the start of the pass */
};
#define DEACTIVATE_ANON 1
#define DEACTIVATE_FILE 2

struct page;
struct lruvec;
struct pglist_data;
enum page_references { PAGEREF_RECLAIM, PAGEREF_RECLAIM_CLEAN, PAGEREF_KEEP, PAGEREF_ACTIVATE };

/* Static in Linux; here mm/kswapd.c, mm/vmscan_balance.c and mm/vmscan_ktest.c call them too. */
enum page_references page_check_references(struct page *page);
void shrink_active_list(unsigned long nr_to_scan, struct scan_control *sc, enum lru_list lru);
void shrink_node(struct scan_control *sc);
bool kswapd_shrink_node(struct scan_control *sc);

/* The anon/file balance (mm/vmscan_balance.c). */
bool inactive_is_low(struct lruvec *lruvec, enum lru_list inactive_lru);
bool can_age_anon_pages(void);	   /* swap to age anon pages for */
bool can_reclaim_anon_pages(void); /* swap to write anon pages to */
void prepare_scan_count(struct pglist_data *pgdat, struct scan_control *sc);
void get_scan_count(struct lruvec *lruvec, struct scan_control *sc, unsigned long *nr);
void snapshot_refaults(struct lruvec *lruvec); /* at the end of a reclaim run */
/* Enough reclaimed: stop the type with less left, cut the other's rest in proportion. */
void scan_adjust(unsigned long *nr, const unsigned long *targets);
void reclaim_throttle(void); /* nothing reclaimed: wait a little for writes to end */

/* What one allocation asked for, carried through the slow path. */
struct alloc_context {
	enum zone_type highest_zoneidx; /* gfp_zone(): fall back downwards from here */
};

/* The buddy of the block of 2^order pages at pfn. */
static inline unsigned long __find_buddy_pfn(unsigned long pfn, unsigned int order)
{
	return pfn ^ (1UL << order);
}

static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page->private;
}

/*
 * Linux takes zone->lock (and the slab locks) with spin_lock_irqsave; one
 * CPU needs only the interrupts off, since an interrupt handler may
 * allocate with GFP_ATOMIC. (The host unit tests' kernel/x86.h,
 * tests/unit/host/, has no interrupts to turn off.)
 */
#include "kernel/x86.h"
static inline unsigned long mm_irq_save(void)
{
	return local_irq_save();
}
static inline void mm_irq_restore(unsigned long flags)
{
	local_irq_restore(flags);
}

/*
 * The allocating task, for the slow path: its name (warn_alloc), and
 * whether it is reclaiming (PF_MEMALLOC: kswapd, or a task in direct
 * reclaim), which may use the reserves and never reclaims again from
 * inside reclaim, or chosen by the OOM killer, which may dig into the
 * reserves to exit (ALLOC_OOM). In kernel/sched.c; the host unit tests'
 * fakes have no tasks.
 */
const char *current_comm(void);
bool current_is_reclaiming(void);
bool current_is_oom_victim(void);

/* Page poisoning (Linux's PAGE_POISON, with page_poison=1). */
#define PAGE_POISON 0xaa

/* Free one block into the buddy lists (boot release and __free_pages). */
void __free_one_page_block(struct page *page, unsigned int order);

/* Boot-time allocator (mm/memblock.c): kernel only. */
void memblock_add(phys_addr_t base, phys_addr_t size);
void memblock_reserve(phys_addr_t base, phys_addr_t size);
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
void memblock_set_current_limit(phys_addr_t limit);
unsigned long memblock_present_pages(unsigned long start_pfn, unsigned long end_pfn);
void memblock_free_all(void);
void memblock_dump(void);

/* min_free_kbytes= from the command line, after the boot default (watermark.c). */
void apply_cmdline_min_free_kbytes(void);

struct vm_area_struct;
/* mm/mmap.c, for mm/mprotect.c: cut vma at addr (the upper part is new); NULL: no memory. */
struct vm_area_struct *split_vma(struct vm_area_struct *vma, unsigned long addr);
/* Do vm_flags make vma (NULL: a new anonymous area) count in Committed_AS? */
bool accountable(const struct vm_area_struct *vma, unsigned long vm_flags);
struct mm_struct;
/* mm/mmap.c's VMA helpers, for mm/mm_struct.c (mm_alloc, dup_mm, mmput) */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
void vma_copy_file(struct vm_area_struct *new, const struct vm_area_struct *old);
void insert_vma(struct mm_struct *mm, struct vm_area_struct *vma); /* in address order */
void remove_vma(struct vm_area_struct *vma);			   /* unlinked and freed */

/* mm/memory.c, for the file faults of mm/filemap_fault.c */
struct page;
unsigned long vma_pte_prot(unsigned long vm_flags); /* the PTE bits for a VMA's rights */
/* Map page at address (the PTE must be empty): rmap, RSS; 0 or VM_FAULT_OOM. */
int map_user_page(struct vm_area_struct *vma, unsigned long address, pte_t *pte, struct page *page,
		  unsigned long prot);
int mm_counter(const struct page *page, const struct vm_area_struct *vma);
/* mm/filemap_fault.c: a fault on an empty PTE of a file mapping; VM_FAULT_* bits. */
int do_fault(struct vm_area_struct *vma, unsigned long address, pte_t *pte, unsigned int flags);
/* A write to a present, read-only PTE of a shared file mapping (page_mkwrite); VM_FAULT_*. */
int do_shared_wp_page(struct vm_area_struct *vma, unsigned long address, pte_t *pte);

#endif
