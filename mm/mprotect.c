/*
 * mprotect(2): change the rights of a range of mappings (Linux's
 * mm/mprotect.c). VMAs that straddle an end are split; the PTEs follow
 * the new rights (change_protection), never gaining write access by
 * themselves: the next write fault decides (copy-on-write, or a shared
 * file page made dirty); a locked private area made writable has its
 * copies made at once (mm/mlock.c).
 */
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "fs/fs.h"
#include "mm/internal.h"
#include "mm/mlock.h"
#include "mm/mman.h"
#include "mm/mmap.h"

/* Change the protection of [start, start+len); every page must be mapped. */
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end, a, oldflags;

	if ((start & ~PAGE_MASK) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start || end > TASK_SIZE)
		return -ENOMEM;
	if (!len)
		return 0;
	for (a = start; a < end; a = vma->vm_end) { /* all of it must be mapped */
		vma = find_vma(mm, a);
		if (!vma || vma->vm_start > a)
			return -ENOMEM;
	}
	for (a = start; a < end; a = vma->vm_end) {
		vma = find_vma(mm, a);
		if (vma->vm_start < a) {
			vma = split_vma(vma, a);
			if (!vma)
				return -ENOMEM;
		}
		if (vma->vm_end > end && !split_vma(vma, end))
			return -ENOMEM;
		/* A shared file mapping writes the file: it must be open for writing. */
		if ((prot & PROT_WRITE) && vma->vm_file && (vma->vm_flags & VM_SHARED) &&
		    !(vma->vm_file->f_mode & FMODE_WRITE))
			return -EACCES;
		/* Becoming writable makes private memory count in Committed_AS. */
		if ((prot & PROT_WRITE) && !(vma->vm_flags & VM_ACCOUNT) &&
		    accountable(vma, vma->vm_flags | VM_WRITE)) {
			if (__vm_enough_memory(mm, (long)vma_pages(vma)))
				return -ENOMEM;
			vma->vm_flags |= VM_ACCOUNT;
		}
		oldflags = vma->vm_flags;
		vma->vm_flags =
		    (vma->vm_flags & ~(unsigned long)(VM_READ | VM_WRITE | VM_EXEC)) | prot;
		change_protection(vma, vma->vm_start, vma->vm_end);
		/* Locked and now writable: break copy-on-write now, as Linux's mprotect_fixup. */
		if ((oldflags & (VM_WRITE | VM_SHARED | VM_LOCKED)) == VM_LOCKED &&
		    (prot & PROT_WRITE))
			populate_vma_page_range(vma, vma->vm_start, vma->vm_end);
	}
	return 0;
}
