/*
 * madvise(2): advice about a range of the caller's memory (Linux's
 * mm/madvise.c), for anonymous memory, the only kind mapped here:
 *
 *   MADV_DONTNEED   the pages go now (zap_page_range): the next touch of a
 *                   private page reads zeros, as Linux
 *   MADV_FREE       the pages may go; Linux frees them lazily, under
 *                   memory pressure, and a write before that keeps them.
 *                   Tidemark frees them at once, which is one of the
 *                   outcomes Linux allows (the next read gives zeros)
 *   MADV_WILLNEED   pages out in swap are read back now, so the coming
 *                   accesses do not fault on the disk (Linux starts the
 *                   reads into the swap cache; here they are mapped too)
 *   MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL
 *                   readahead hints for file pages: accepted, nothing to do
 *
 * Other advice is -EINVAL, and so is DONTNEED or FREE on a VM_LOCKED area
 * (mm/mlock.c). As Linux, the advice applies to the mapped
 * parts of the range and a hole in it gives -ENOMEM at the end.
 */
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "mm/mm.h"
#include "mm/mmap.h"

/* Swapped-out pages of [start, end) in vma back in (read faults); stops at an error. */
static void madvise_willneed(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		pte_t *pte = pte_offset_map(vma->vm_mm, a);

		if (!pte) {
			a = (a | (PGDIR_SIZE - 1)) - PAGE_SIZE + 1;
			continue;
		}
		if (!pte_none(*pte) && !pte_present(*pte) && handle_mm_fault(vma, a, 0))
			return;
	}
}

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
		return true;
	default:
		return false;
	}
}

/* madvise(start, len, behavior): 0, -EINVAL, or -ENOMEM for a hole in the range. */
long sys_madvise(unsigned long start, unsigned long len, int behavior)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, a;
	struct vm_area_struct *vma;
	bool hole = false;

	if ((start & ~PAGE_MASK) || !madvise_behavior_valid(behavior))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -EINVAL;
	for (a = start; a < end; a = vma->vm_end) {
		vma = find_vma(mm, a);
		if (!vma || vma->vm_start >= end) {
			hole = true;
			break;
		}
		if (vma->vm_start > a) {
			hole = true;
			a = vma->vm_start;
		}
		if ((behavior == MADV_DONTNEED || behavior == MADV_FREE) &&
		    (vma->vm_flags & VM_LOCKED))
			return -EINVAL; /* locked pages stay (Linux's
					   madvise_dontneed_free_valid_vma) */
		if (behavior == MADV_DONTNEED || behavior == MADV_FREE)
			zap_page_range(vma, a, min(end, vma->vm_end));
		else if (behavior == MADV_WILLNEED)
			madvise_willneed(vma, a, min(end, vma->vm_end));
	}
	return hole ? -ENOMEM : 0;
}
