/*
 * msync(2) (Linux's mm/msync.c): write a shared file mapping's changes to
 * the file.
 *
 * Dirty pages are known as soon as they are written (the write fault makes
 * the page dirty, mm/filemap_fault.c), so MS_ASYNC has nothing left to do:
 * the flusher writes them, as in Linux since 2.6.19. MS_SYNC writes the
 * file's dirty pages and waits (vfs_fsync: the whole file here, Linux
 * limits it to the range). MS_INVALIDATE only checks (EBUSY on a locked
 * area), as Linux: the cache is coherent with the mappings.
 *
 * Errors as Linux: EINVAL for unknown flags, MS_ASYNC with MS_SYNC, or a
 * start not page aligned; ENOMEM if part of the range is not mapped (the
 * mapped parts are still synced, except with plain MS_ASYNC).
 */
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "fs/fs.h"
#include "mm/mmap.h"

long sys_msync(unsigned long start, unsigned long len, int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end;
	int unmapped_error = 0, error;

	if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) || (start & ~PAGE_MASK) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	for (vma = find_vma(mm, start);; vma = find_vma(mm, start)) {
		struct file *file;

		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) { /* a hole: skip it, ENOMEM at the end */
			if (flags == MS_ASYNC)
				return -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				return -ENOMEM;
			unmapped_error = -ENOMEM;
		}
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED))
			return -EBUSY;
		file = vma->vm_file;
		start = vma->vm_end;
		if ((flags & MS_SYNC) && file && (vma->vm_flags & VM_SHARED)) {
			get_file(file); /* vfs_fsync sleeps: the VMA may go meanwhile */
			error = vfs_fsync(file);
			fput(file);
			if (error)
				return error;
		}
		if (start >= end)
			return unmapped_error;
	}
}
