/*
 * /proc/PID/maps and smaps and the memory sizes of status and statm
 * (Linux's fs/proc/task_mmu.c).
 *
 * maps: one line per VMA,
 *   08048000-0804a000 r-xp 00000000 08:10 12         /mnt/bin/big
 *   0804c000-0806d000 rw-p 00000000 00:00 0          [heap]
 * start-end, permissions (p private / s shared), file offset, device
 * (major:minor in hex), inode, then (if named) spaces up to column 49
 * (Linux's seq_setwidth of 25 + 6 * sizeof(void *) - 1 on 32-bit, then one
 * ' ') and the name. Anonymous lines end with "0 " as Linux's do. A file
 * mapping (vm_file) shows its file's device, inode and the path it was
 * opened by. A program run from the initramfs is copied, not mapped
 * (kernel/exec.c): its VM_EXECUTABLE areas show the path given to execve
 * and its inode; ramfs has no device number, so dev reads 00:00, and a
 * segment's bss is part of the same VMA there. [heap] is the VMA
 * overlapping start_brk..brk, [stack] the one holding start_stack.
 *
 * smaps: each maps line followed by Linux 6.1's fields for a 32-bit kernel
 * without THP or hugetlb (those lines read 0), from a walk of the VMA's
 * PTEs (Linux's smaps_pte_entry and smaps_account): Pss divides each page
 * by its mapcount; a page is private if only this PTE maps it.
 */
#include "fs/proc/internal.h"
#include "mm/mmap.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/swapops.h"

#ifndef PAGE_ALIGN
#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#endif

void task_mm_sizes(struct mm_struct *mm, struct mm_sizes *s)
{
	struct vm_area_struct *vma;
	unsigned long exec_bytes;

	*s = (struct mm_sizes){ 0 };
	s->total_vm = mm->total_vm;
	s->anon = (unsigned long)mm->rss_stat[MM_ANONPAGES];
	s->file = (unsigned long)mm->rss_stat[MM_FILEPAGES];
	s->shmem = (unsigned long)mm->rss_stat[MM_SHMEMPAGES];
	s->swap = (unsigned long)mm->rss_stat[MM_SWAPENTS];
	s->rss = s->anon + s->file + s->shmem;
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
		unsigned long f = vma->vm_flags;

		if (f & VM_GROWSDOWN)
			s->stack_vm += pages;
		else if ((f & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			s->data_vm += pages;
		else if ((f & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			s->exec_vm += pages;
	}
	if (mm->end_code)
		s->text = PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK);
	exec_bytes = s->exec_vm << PAGE_SHIFT;
	s->lib = exec_bytes > s->text ? exec_bytes - s->text : 0;
}

static const char *vma_name(struct vm_area_struct *vma, struct mm_struct *mm)
{
	if (vma->vm_file)
		return vma->vm_file->f_name;
	if (vma->vm_flags & VM_EXECUTABLE)
		return mm->exe_path;
	if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

static void show_map_vma(struct seq_file *m, struct vm_area_struct *vma, struct mm_struct *mm)
{
	unsigned long f = vma->vm_flags, ino = 0, pgoff = 0;
	size_t line = m->count;
	const char *name = vma_name(vma, mm);
	dev_t dev = 0;

	if (vma->vm_file) {
		struct inode *inode = vma->vm_file->inode;

		dev = inode->i_sb ? inode->i_sb->s_dev : 0;
		ino = inode->ino;
		pgoff = vma->vm_pgoff;
	} else if (f & VM_EXECUTABLE) {
		ino = mm->exe_ino;
		pgoff = vma->vm_pgoff;
	}
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", vma->vm_start, vma->vm_end,
		   f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-', f & VM_EXEC ? 'x' : '-',
		   f & VM_SHARED ? 's' : 'p', (unsigned long long)pgoff << PAGE_SHIFT, MAJOR(dev),
		   MINOR(dev), ino);
	if (name) {
		seq_pad_to(m, 25 + 6 * sizeof(void *) - 1, line);
		seq_putc(m, ' ');
		seq_puts(m, name);
	}
	seq_putc(m, '\n');
}

/*
 * show for each of p's areas in address order (none for a kernel thread):
 * what Linux's m_start and m_next do for both maps and smaps.
 */
static int show_each_vma(struct seq_file *m, struct task_struct *p,
			 void (*show)(struct seq_file *m, struct vm_area_struct *vma,
				      struct mm_struct *mm))
{
	struct vm_area_struct *vma;

	if (!p->mm)
		return 0;
	list_for_each_entry(vma, &p->mm->mmap, vm_list)
		show(m, vma, p->mm);
	return 0;
}

int show_maps(struct seq_file *m, struct task_struct *p)
{
	return show_each_vma(m, p, show_map_vma);
}

/* ---- smaps ------------------------------------------------------------------- */

#define PSS_SHIFT 12 /* Pss in bytes << PSS_SHIFT, so a page shared by 3 loses little */

/* Linux's struct mem_size_stats: bytes, the pss fields shifted left by PSS_SHIFT. */
struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced, anonymous, swap;
	u64 pss, pss_dirty, pss_locked, swap_pss;
};

/* One page's share (Linux's smaps_page_accumulate). */
static void smaps_page_accumulate(struct mem_size_stats *mss, struct page *page, u32 pss,
				  bool dirty, bool locked, bool private)
{
	mss->pss += pss;
	if (locked)
		mss->pss_locked += pss;
	if (dirty || PageDirty(page)) {
		mss->pss_dirty += pss;
		if (private)
			mss->private_dirty += PAGE_SIZE;
		else
			mss->shared_dirty += PAGE_SIZE;
	} else if (private) {
		mss->private_clean += PAGE_SIZE;
	} else {
		mss->shared_clean += PAGE_SIZE;
	}
}

/* A mapped page (Linux's smaps_account for a small page). */
static void smaps_account(struct mem_size_stats *mss, struct page *page, bool young, bool dirty,
			  bool locked)
{
	int mapcount = page_mapcount(page);
	u32 pss = PAGE_SIZE << PSS_SHIFT;

	if (PageAnon(page))
		mss->anonymous += PAGE_SIZE;
	mss->resident += PAGE_SIZE;
	if (young || PageReferenced(page))
		mss->referenced += PAGE_SIZE;
	if (page_count(page) == 1) {
		smaps_page_accumulate(mss, page, pss, dirty, locked, true);
		return;
	}
	if (mapcount >= 2)
		pss /= (u32)mapcount;
	smaps_page_accumulate(mss, page, pss, dirty, locked, mapcount < 2);
}

static void smap_gather_stats(struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	bool locked = vma->vm_flags & VM_LOCKED;
	unsigned long addr;

	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pte_t *pte = pte_offset_map(vma->vm_mm, addr);

		if (!pte) {
			addr = (addr | (PGDIR_SIZE - 1)) - PAGE_SIZE + 1; /* no page table here */
			continue;
		}
		if (pte_present(*pte)) {
			smaps_account(mss, pfn_to_page(pte_pfn(*pte)),
				      pte_val(*pte) & _PAGE_ACCESSED, pte_val(*pte) & _PAGE_DIRTY,
				      locked);
		} else if (is_swap_pte(*pte)) {
			int count = __swap_count(pte_to_swp_entry(*pte));
			u32 pss = PAGE_SIZE << PSS_SHIFT;

			mss->swap += PAGE_SIZE;
			mss->swap_pss += count >= 2 ? pss / (u32)count : pss;
		}
	}
}

static void seq_kb(struct seq_file *m, const char *name, u64 bytes)
{
	seq_printf(m, "%s%8lu kB\n", name, (unsigned long)(bytes >> 10));
}

/* VmFlags: Linux's two-letter names for the flags this kernel has (show_smap_vma_flags). */
static void show_smap_vma_flags(struct seq_file *m, struct vm_area_struct *vma)
{
	unsigned long f = vma->vm_flags;
	bool maywrite = !(vma->vm_file && (f & VM_SHARED) && !(vma->vm_file->f_mode & FMODE_WRITE));

	seq_puts(m, "VmFlags:");
	if (f & VM_READ)
		seq_puts(m, " rd");
	if (f & VM_WRITE)
		seq_puts(m, " wr");
	if (f & VM_EXEC)
		seq_puts(m, " ex");
	if (f & VM_SHARED)
		seq_puts(m, " sh");
	seq_puts(m, maywrite ? " mr mw me" : " mr me");
	if (f & VM_SHARED)
		seq_puts(m, " ms");
	if (f & VM_GROWSDOWN)
		seq_puts(m, " gd");
	if (f & VM_LOCKED)
		seq_puts(m, " lo");
	if (f & VM_ACCOUNT)
		seq_puts(m, " ac");
	if (f & VM_NORESERVE)
		seq_puts(m, " nr");
	seq_putc(m, '\n');
}

/* One VMA's smaps block (Linux's show_smap and __show_smap, not in rollup mode). */
static void show_smap(struct seq_file *m, struct vm_area_struct *vma, struct mm_struct *mm)
{
	struct mem_size_stats mss = { 0 };

	smap_gather_stats(vma, &mss);
	show_map_vma(m, vma, mm);
	seq_kb(m, "Size:           ", vma->vm_end - vma->vm_start);
	seq_kb(m, "KernelPageSize: ", PAGE_SIZE);
	seq_kb(m, "MMUPageSize:    ", PAGE_SIZE);
	seq_kb(m, "Rss:            ", mss.resident);
	seq_kb(m, "Pss:            ", mss.pss >> PSS_SHIFT);
	seq_kb(m, "Pss_Dirty:      ", mss.pss_dirty >> PSS_SHIFT);
	seq_kb(m, "Shared_Clean:   ", mss.shared_clean);
	seq_kb(m, "Shared_Dirty:   ", mss.shared_dirty);
	seq_kb(m, "Private_Clean:  ", mss.private_clean);
	seq_kb(m, "Private_Dirty:  ", mss.private_dirty);
	seq_kb(m, "Referenced:     ", mss.referenced);
	seq_kb(m, "Anonymous:      ", mss.anonymous);
	seq_kb(m, "LazyFree:       ", 0);
	seq_kb(m, "AnonHugePages:  ", 0);
	seq_kb(m, "ShmemPmdMapped: ", 0);
	seq_kb(m, "FilePmdMapped:  ", 0);
	seq_kb(m, "Shared_Hugetlb: ", 0);
	seq_printf(m, "Private_Hugetlb: %7lu kB\n", 0UL); /* one column less, as Linux */
	seq_kb(m, "Swap:           ", mss.swap);
	seq_kb(m, "SwapPss:        ", mss.swap_pss >> PSS_SHIFT);
	seq_kb(m, "Locked:         ", mss.pss_locked >> PSS_SHIFT);
	seq_puts(m, "THPeligible:    0\n");
	show_smap_vma_flags(m, vma);
}

int show_smaps(struct seq_file *m, struct task_struct *p)
{
	return show_each_vma(m, p, show_smap);
}
