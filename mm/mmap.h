/*
 * Address spaces: struct mm_struct and its VMAs (mm/mmap.c), and the page
 * tables under them (mm/memory.c).
 *
 *   0xC0000000  +------------------+  TASK_SIZE
 *               | [stack]          |  VM_GROWSDOWN, grows on fault, 8 MiB limit
 *   stack gap   |                  |
 *   mmap_base   +------------------+
 *               | mmap areas       |  allocated top-down below mmap_base
 *               |        ...       |
 *               | [heap]           |  start_brk .. brk, grows up
 *               | bss, data, text  |  from the ELF's PT_LOAD segments
 *   0x08048000  +------------------+
 *
 * Every VMA is [vm_start, vm_end), page aligned, kept in address order on
 * mm->mmap; no two overlap. Frames are allocated only when first touched
 * (handle_mm_fault), never by mmap or brk.
 */
#ifndef MM_MMAP_H
#define MM_MMAP_H

#include "kernel/list.h"
#include "kernel/types.h"
#include "mm/pgtable.h"
#include "uapi/linux/mman.h" /* PROT_* and MAP_*: the i386 ABI */

#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)

/* vm_flags: Linux's values */
#define VM_READ 0x00000001
#define VM_WRITE 0x00000002
#define VM_EXEC 0x00000004
#define VM_SHARED 0x00000008
#define VM_GROWSDOWN 0x00000100
#define VM_EXECUTABLE 0x00001000  /* the executable's segments (old Linux's flag; maps names it) */
#define VM_LOCKED 0x00002000	  /* mlock: pages resident, on the unevictable list (mm/mlock.c) */
#define VM_LOCKONFAULT 0x00080000 /* with VM_LOCKED: lock pages as they fault, do not populate */
#define VM_LOCKED_MASK (VM_LOCKED | VM_LOCKONFAULT)
#define VM_ACCOUNT 0x00100000
#define VM_NORESERVE 0x00200000

/* mm->rss_stat, Linux's names */
enum { MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES, NR_MM_COUNTERS };

#define STACK_RLIMIT (8UL << 20)	      /* RLIMIT_STACK default: 8 MiB */
#define STACK_GUARD_GAP (256UL << 12)	      /* stack_guard_gap: 256 pages */
#define MMAP_BASE (TASK_SIZE - (128UL << 20)) /* legacy i386 gap: max(rlimit, 128 MiB) */

struct mm_struct;
struct file;
struct page;
struct vm_area_struct;

/*
 * One page fault on a file mapping, as the vm_operations see it (Linux's
 * struct vm_fault): fault returns the page in ->page with a reference
 * (locked if it says VM_FAULT_LOCKED), map_pages maps what is cached
 * around ->address without reading.
 */
struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address; /* page aligned */
	unsigned long pgoff;   /* the file page at address */
	unsigned int flags;    /* FAULT_FLAG_* */
	pte_t *pte;	       /* the PTE at address */
	struct page *page;     /* fault's result */
};

/*
 * What a file mapping does on a fault (Linux's vm_operations_struct):
 * mm/filemap_fault.c's generic_file_vm_ops for page-cache files.
 */
struct vm_operations_struct {
	/* Find (or read) the page at vmf->pgoff; 0 / VM_FAULT_* bits. */
	int (*fault)(struct vm_fault *vmf);
	/* Map the cached pages of [start_pgoff, end_pgoff) around the fault; VM_FAULT_NOPAGE if
	 * vmf->address got one. Optional (fault-around). */
	int (*map_pages)(struct vm_fault *vmf, unsigned long start_pgoff, unsigned long end_pgoff);
	/* A write to a shared page mapped read-only: make the page dirty; 0 / VM_FAULT_* bits. */
	int (*page_mkwrite)(struct vm_fault *vmf);
};

struct vm_area_struct {
	unsigned long vm_start, vm_end;
	unsigned long vm_flags;
	unsigned long vm_pgoff;		   /* file mappings: file offset of vm_start, in pages */
	unsigned long swap_readahead_info; /* last fault, window, hits (mm/swap_state.c) */
	struct mm_struct *vm_mm;
	struct list_head vm_list; /* mm->mmap, in address order */
	struct file *vm_file;	  /* the mapped file (referenced), NULL if anonymous */
	const struct vm_operations_struct *vm_ops;
	struct list_head shared; /* on vm_file's mapping->i_mmap */
};

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

struct mm_struct {
	pgd_t *pgd;
	struct list_head mmap; /* VMAs */
	int map_count;
	int mm_users;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long mmap_base;
	unsigned long total_vm, hiwater_vm, hiwater_rss; /* pages */
	unsigned long locked_vm; /* pages in VM_LOCKED areas (VmLck; RLIMIT_MEMLOCK) */
	unsigned long def_flags; /* vm_flags every new area gets: mlockall(MCL_FUTURE) */
	long rss_stat[NR_MM_COUNTERS];
	unsigned long pgtables_bytes;
	char exe_path[128];    /* the executable as execve named it (/proc/PID/maps) */
	unsigned long exe_ino; /* its inode number */
};

struct task_struct;

struct mm_struct *mm_alloc(void);
struct mm_struct *dup_mm(struct mm_struct *old); /* fork: NULL if out of memory */
void mmput(struct mm_struct *mm);

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* The first VMA that overlaps [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end);
void update_hiwater_vm(struct mm_struct *mm);
/* A new anonymous area [addr, addr+len) (merged with a like neighbour); 0 or -ENOMEM. */
int map_anon_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
		    unsigned long vm_flags);
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len,
				unsigned long flags);
/* Returns the address, or -errno as an unsigned long (test with IS_ERR_VALUE). */
unsigned long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags);
/* The same for a file mapping (file NULL: anonymous), pgoff in pages. */
unsigned long do_mmap_file(struct mm_struct *mm, struct file *file, unsigned long addr,
			   unsigned long len, unsigned long prot, unsigned long flags,
			   unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
/* Cut vma at addr (inside it): vma keeps [start, addr), the new VMA returned [addr, end). */
struct vm_area_struct *split_vma(struct vm_area_struct *vma, unsigned long addr);
/* Join vma with like neighbours (same flags, private); returns the area now covering it. */
struct vm_area_struct *vma_merge_neighbours(struct vm_area_struct *vma);
int expand_stack(struct vm_area_struct *vma, unsigned long address);
unsigned long get_mm_rss(struct mm_struct *mm);

long sys_brk(unsigned long brk);
long sys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
		    unsigned long fd, unsigned long pgoff);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);		/* mm/mremap.c */
long sys_madvise(unsigned long start, unsigned long len, int behavior); /* mm/madvise.c */
long sys_msync(unsigned long start, unsigned long len, int flags);	/* mm/msync.c */
struct tidemark_pageinfo;
/* Tidemark's own call 1024 (mm/pageinfo.c) */
long sys_tidemark_pageinfo(unsigned long addr, struct tidemark_pageinfo *info);

/* mm/memory.c */
#define FAULT_FLAG_WRITE 0x01
#define FAULT_FLAG_USER 0x02
#define FAULT_FLAG_TRIED 0x04 /* the second try after VM_FAULT_RETRY */
#define VM_FAULT_OOM 0x0001
#define VM_FAULT_SIGBUS 0x0002
#define VM_FAULT_MAJOR 0x0004
#define VM_FAULT_SIGSEGV 0x0040
#define VM_FAULT_NOPAGE 0x0100 /* the fault handler mapped the PTE itself */
#define VM_FAULT_LOCKED 0x0200 /* ->fault returned the page locked */
#define VM_FAULT_RETRY 0x0400  /* the handler read the page: fault again (FAULT_FLAG_TRIED) */

struct page *follow_page(struct mm_struct *mm, unsigned long addr);
pte_t *pte_offset_map(struct mm_struct *mm, unsigned long addr);
int handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags);
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
int move_page_tables(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr,
		     unsigned long len);
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);
void free_pgtables(struct mm_struct *mm);
int unuse_mm(struct mm_struct *mm, unsigned int type); /* swapoff */
pgd_t *pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm);

#endif
