/*
 * /proc/PID/maps and the memory sizes of status and statm (Linux's
 * fs/proc/task_mmu.c).
 *
 * maps: one line per VMA,
 *   08048000-0804a000 r-xp 00000000 00:00 12         /bin/memhog
 *   0804c000-0806d000 rw-p 00000000 00:00 0          [heap]
 * start-end, permissions (p private / s shared), file offset, device,
 * inode, then (if named) spaces up to column 49 (Linux's seq_setwidth of
 * 25 + 6 * sizeof(void *) - 1 on 32-bit, then one ' ') and the name.
 * Anonymous lines end with "0 " as Linux's do. The executable's segments
 * (VM_EXECUTABLE VMAs made by exec) show its path as given to execve and
 * its inode; ramfs has no device number, so dev reads 00:00. A segment's
 * bss is part of the same VMA here (Linux shows the pages past the file as
 * a separate anonymous mapping). [heap] is the VMA overlapping
 * start_brk..brk, [stack] the one holding start_stack.
 */
#include "fs/proc/internal.h"
#include "mm/mmap.h"

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
	unsigned long f = vma->vm_flags;
	bool exe = f & VM_EXECUTABLE;
	size_t line = m->count;
	const char *name = vma_name(vma, mm);

	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", vma->vm_start, vma->vm_end,
		   f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-', f & VM_EXEC ? 'x' : '-',
		   f & VM_SHARED ? 's' : 'p', exe ? vma->vm_pgoff << PAGE_SHIFT : 0UL, 0, 0,
		   exe ? mm->exe_ino : 0UL);
	if (name) {
		seq_pad_to(m, 25 + 6 * sizeof(void *) - 1, line);
		seq_putc(m, ' ');
		seq_puts(m, name);
	}
	seq_putc(m, '\n');
}

int show_maps(struct seq_file *m, struct task_struct *p)
{
	struct vm_area_struct *vma;

	if (!p->mm)
		return 0;
	list_for_each_entry(vma, &p->mm->mmap, vm_list)
		show_map_vma(m, vma, p->mm);
	return 0;
}
