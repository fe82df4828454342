/*
 * An address space's life: mm_alloc makes an empty one (a page directory
 * with the kernel's half), dup_mm copies one for fork (each VMA copied, its
 * pages shared copy-on-write by copy_page_range, locks not inherited,
 * VM_ACCOUNT charged again), and mmput drops a user, tearing the areas
 * and page tables down with the last one. kernel/fork.c decides when a
 * task gets a new mm; this file decides how it is made. The VMA helpers it
 * uses are mm/mmap.c's (vm_area_alloc, vma_copy_file, insert_vma,
 * remove_vma).
 */
#include "mm/mmap.h"
#include "kernel/lib/string.h"
#include "mm/internal.h"
#include "mm/mman.h"
#include "mm/slab.h"

/* A new address space with no areas, one user; NULL if out of memory. */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	INIT_LIST_HEAD(&mm->mmap);
	mm->mm_users = 1;
	mm->mmap_base = MMAP_BASE;
	if (!pgd_alloc(mm)) {
		kfree(mm);
		return NULL;
	}
	return mm;
}

/*
 * fork: a copy of every VMA and (per copy_page_range) of the pages; NULL if
 * out of memory, with nothing left behind.
 */
struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;

	if (!mm)
		return NULL;
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_data = old->start_data;
	mm->end_data = old->end_data;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	mm->mmap_base = old->mmap_base;
	memcpy(mm->exe_path, old->exe_path, sizeof(mm->exe_path));
	mm->exe_ino = old->exe_ino;
	list_for_each_entry(vma, &old->mmap, vm_list) {
		struct vm_area_struct *new = vm_area_alloc(mm);

		if (!new)
			goto fail;
		new->vm_start = vma->vm_start;
		new->vm_end = vma->vm_end;
		if ((vma->vm_flags & VM_ACCOUNT) && __vm_enough_memory(mm, (long)vma_pages(vma))) {
			kfree(new);
			goto fail;
		}
		vma_copy_file(new, vma);
		new->vm_flags &= ~VM_LOCKED_MASK; /* locks are not inherited */
		insert_vma(mm, new);
		if (copy_page_range(mm, old, new))
			goto fail;
	}
	mm->hiwater_rss = get_mm_rss(mm);
	return mm;
fail:
	mmput(mm);
	return NULL;
}

/* Drop a user of mm; the last one frees its areas, page tables and the mm. */
void mmput(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *n;

	if (--mm->mm_users > 0)
		return;
	list_for_each_entry_safe(vma, n, &mm->mmap, vm_list)
		remove_vma(vma);
	free_pgtables(mm);
	pgd_free(mm);
	kfree(mm);
}

/* The pages mm has resident: file, anonymous and shmem (Linux's get_mm_rss). */
unsigned long get_mm_rss(struct mm_struct *mm)
{
	return mm->rss_stat[MM_FILEPAGES] + mm->rss_stat[MM_ANONPAGES] +
	       mm->rss_stat[MM_SHMEMPAGES];
}
