/*
 * mremap(2): grow, shrink or move a mapping (Linux's mm/mremap.c).
 *
 * glibc's realloc of a large block (one with its own mmap) calls mremap
 * with MREMAP_MAYMOVE, so the block can grow without copying:
 *
 *   shrink            the tail is unmapped; the address stays
 *   grow in place     the area ends at the old end and the pages after it
 *                     are free: the VMA is extended
 *   move (MAYMOVE)    a new area of new_len elsewhere (or at new_addr with
 *                     MREMAP_FIXED); the PTEs move over with their rmap
 *                     items (move_page_tables), then the old range is
 *                     unmapped. Pages in swap move as their swap entries.
 *
 * The old range must lie in one VMA. Committed_AS (strict overcommit)
 * counts a move's new area before the old one is given back, so a move
 * needs room for both for a moment (Linux charges only the growth).
 * A locked area stays locked wherever it goes, and its growth is populated
 * (EAGAIN past RLIMIT_MEMLOCK). MREMAP_DONTUNMAP answers EINVAL, as does
 * moving a part of the executable's image or any file mapping (growing one
 * in place works).
 */
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "mm/mm.h"
#include "mm/mlock.h"
#include "mm/mman.h"
#include "mm/mmap.h"

/* Extend vma from its end to new_end; 0 or -ENOMEM (no room or no commit). */
static long grow_in_place(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long new_end)
{
	unsigned long delta = new_end - vma->vm_end;

	if (new_end > TASK_SIZE || (vma->vm_flags & VM_GROWSDOWN) ||
	    find_vma_intersection(mm, vma->vm_end, new_end))
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) && __vm_enough_memory(mm, (long)(delta >> PAGE_SHIFT)))
		return -ENOMEM;
	vma->vm_end = new_end;
	mm->total_vm += delta >> PAGE_SHIFT;
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += delta >> PAGE_SHIFT;
	update_hiwater_vm(mm);
	return 0;
}

/*
 * The area at addr grew from old_len to new_len: if it is locked, its
 * new part is faulted in now, as Linux's mremap does. Returns addr.
 */
static long populate_locked_growth(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
				   unsigned long new_len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (new_len > old_len && vma && (vma->vm_flags & VM_LOCKED))
		__mm_populate(mm, addr + old_len, new_len - old_len, true);
	return (long)addr;
}

/* Move [addr, addr+old_len) to a new area of new_len; its address, or -errno. */
static long move_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		     unsigned long old_len, unsigned long new_len, unsigned long dest)
{
	unsigned long flags = vma->vm_flags & ~(unsigned long)VM_ACCOUNT;
	int err;

	if ((vma->vm_flags & VM_EXECUTABLE) || vma->vm_file)
		return -EINVAL; /* moving a file mapping: not supported (see the comment above) */
	err = map_anon_region(mm, dest, new_len, flags);
	if (err)
		return err;
	err = move_page_tables(mm, addr, dest, min(old_len, new_len));
	if (err) { /* put back what moved, then drop the new area */
		move_page_tables(mm, dest, addr, min(old_len, new_len));
		do_munmap(mm, dest, new_len);
		return err;
	}
	do_munmap(mm, addr, old_len); /* its PTEs are empty now: only the VMA goes */
	return (long)dest;
}

/* Where a move goes: new_addr with MREMAP_FIXED (cleared first), else a free gap. */
static long move_target(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	if (!(flags & MREMAP_FIXED))
		return (long)get_unmapped_area(mm, 0, new_len, 0);
	if ((new_addr & ~PAGE_MASK) || new_addr > TASK_SIZE - new_len || new_addr < MMAP_MIN_ADDR)
		return -EINVAL;
	if (new_addr < addr + old_len && addr < new_addr + new_len)
		return -EINVAL; /* the two ranges overlap */
	return do_munmap(mm, new_addr, new_len) ?: (long)new_addr;
}

/*
 * mremap(addr, old_len, new_len, flags, new_addr): the new address, or
 * -EINVAL (bad alignment, flags or lengths), -EFAULT (the old range is not
 * one mapping), -ENOMEM (cannot grow in place and may not move, or no room).
 */
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long dest;

	if ((flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED)) || (addr & ~PAGE_MASK) ||
	    ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len || !old_len || old_len > TASK_SIZE - addr)
		return -EINVAL; /* old_len 0 (duplicate a shared mapping) is not supported */
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr || vma->vm_end < addr + old_len)
		return -EFAULT;
	if (new_len > old_len && mlock_future_check(mm, vma->vm_flags, new_len - old_len))
		return -EAGAIN; /* a locked area may not grow past RLIMIT_MEMLOCK */
	if (new_len > old_len &&
	    !may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return -ENOMEM; /* RLIMIT_AS, RLIMIT_DATA */
	if (!(flags & MREMAP_FIXED)) {
		if (new_len <= old_len) {
			if (new_len < old_len)
				do_munmap(mm, addr + new_len, old_len - new_len);
			return (long)addr;
		}
		if (vma->vm_end == addr + old_len && !grow_in_place(mm, vma, addr + new_len))
			return populate_locked_growth(mm, addr, old_len, new_len);
		if (!(flags & MREMAP_MAYMOVE))
			return -ENOMEM;
	}
	dest = move_target(mm, addr, old_len, new_len, flags, new_addr);
	if (IS_ERR_VALUE((unsigned long)dest))
		return dest;
	vma = find_vma(mm, addr); /* a MREMAP_FIXED unmap may have split things */
	dest = move_vma(mm, vma, addr, old_len, new_len, (unsigned long)dest);
	if (IS_ERR_VALUE((unsigned long)dest))
		return dest;
	return populate_locked_growth(mm, (unsigned long)dest, old_len, new_len);
}
