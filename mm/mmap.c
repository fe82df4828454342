/*
 * VMAs: creating, finding, splitting and removing the areas of an address
 * space, and the system calls on them (brk, mmap2, munmap, mprotect).
 * mm/mmap.h has the picture of the layout. Linux keeps VMAs in a maple
 * tree; a sorted list is enough for the few dozen areas a process here has.
 *
 * A file mapping (vm_file set) is on its file's i_mmap list from the moment
 * it exists until it is freed, so the file's reverse map (mm/rmap.c) finds
 * it; it holds a reference on the file. Its pages come from the page cache
 * on fault (mm/filemap_fault.c). A file whose f_op has no mmap (ramfs,
 * procfs, devices) answers ENODEV.
 */
#include "mm/mmap.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "kernel/sched.h"
#include "fs/file.h"
#include "fs/fs.h"
#include "mm/internal.h"
#include "mm/layout.h"
#include "mm/mlock.h"
#include "mm/mman.h"
#include "mm/shmem_fs.h"
#include "mm/slab.h"

/* A zeroed VMA of mm, on no list; NULL if out of memory. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (vma) {
		vma->vm_mm = mm;
		INIT_LIST_HEAD(&vma->vm_list);
		INIT_LIST_HEAD(&vma->shared);
	}
	return vma;
}

/* A copy of old's mapping (file, ops, flags, offset) for new, which joins the file's i_mmap. */
void vma_copy_file(struct vm_area_struct *new, const struct vm_area_struct *old)
{
	new->vm_flags = old->vm_flags;
	new->vm_pgoff = old->vm_pgoff;
	new->vm_ops = old->vm_ops;
	new->vm_file = old->vm_file ? get_file(old->vm_file) : NULL;
	if (new->vm_file)
		list_add_tail(&new->shared, &new->vm_file->inode->i_mapping->i_mmap);
}

/* Free a VMA that is in no list of mm's: off its file's i_mmap, the file dropped. */
static void vm_area_free(struct vm_area_struct *vma)
{
	if (vma->vm_file) {
		list_del(&vma->shared);
		fput(vma->vm_file);
	}
	kfree(vma);
}

/* The first VMA that ends above addr (it may start above addr too), or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (addr < vma->vm_end)
			return vma;
	return NULL;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end ? vma : NULL;
}

static struct vm_area_struct *prev_vma(struct vm_area_struct *vma)
{
	if (vma->vm_list.prev == &vma->vm_mm->mmap)
		return NULL;
	return list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list);
}

void update_hiwater_vm(struct mm_struct *mm)
{
	if (mm->total_vm > mm->hiwater_vm)
		mm->hiwater_vm = mm->total_vm;
}

void insert_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_start);

	if (next && next->vm_start < vma->vm_end)
		panic("insert_vma: %08lx-%08lx overlaps %08lx-%08lx", vma->vm_start, vma->vm_end,
		      next->vm_start, next->vm_end);
	list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap);
	mm->map_count++;
	mm->total_vm += vma_pages(vma);
	update_hiwater_vm(mm);
}

/*
 * Does an area with these flags count towards Committed_AS? Private
 * writable memory and shared anonymous memory do, unless MAP_NORESERVE
 * (which strict mode ignores); of a file (vma's), only private writable
 * memory. Linux's accountable_mapping.
 */
bool accountable(const struct vm_area_struct *vma, unsigned long vm_flags)
{
	if (vma && vma->vm_file) /* Linux's accountable_mapping */
		return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
	if ((vm_flags & VM_NORESERVE) && sysctl_overcommit_memory != OVERCOMMIT_NEVER)
		return false;
	return (vm_flags & VM_SHARED) || (vm_flags & VM_WRITE);
}

/* Unmap a whole VMA's pages and free it. */
void remove_vma(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;

	if (vma->vm_flags & VM_ACCOUNT)
		vm_unacct_memory((long)vma_pages(vma));
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm -= vma_pages(vma); /* its pages are munlocked as they are unmapped */
	zap_page_range(vma, vma->vm_start, vma->vm_end);
	list_del(&vma->vm_list);
	mm->map_count--;
	mm->total_vm -= vma_pages(vma);
	vm_area_free(vma);
}

/* Cut vma at addr: vma keeps [start, addr), the returned new VMA [addr, end); NULL: no memory. */
struct vm_area_struct *split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *new = vm_area_alloc(vma->vm_mm);

	if (!new)
		return NULL;
	vma_copy_file(new, vma);
	new->vm_start = addr;
	new->vm_end = vma->vm_end;
	new->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	vma->vm_end = addr;
	list_add(&new->vm_list, &vma->vm_list);
	vma->vm_mm->map_count++;
	return new;
}

/*
 * Can a and the area right after it be one? Same flags, not shared, not
 * the stack or the image; the same file (or none) and, for a file, the
 * next offsets (Linux's is_mergeable_vma and can_vma_merge_after).
 */
static bool vma_can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	if (a->vm_end != b->vm_start || a->vm_flags != b->vm_flags ||
	    (a->vm_flags & (VM_SHARED | VM_GROWSDOWN | VM_EXECUTABLE)))
		return false;
	if (a->vm_file != b->vm_file || a->vm_ops != b->vm_ops)
		return false;
	return !a->vm_file || b->vm_pgoff == a->vm_pgoff + vma_pages(a);
}

/* b, the area after a, joins a and is freed. */
static void vma_absorb_next(struct vm_area_struct *a, struct vm_area_struct *b)
{
	a->vm_end = b->vm_end;
	list_del(&b->vm_list);
	a->vm_mm->map_count--;
	vm_area_free(b);
}

/*
 * Merge vma with its neighbours where they are alike (Linux's vma_merge,
 * for a range whose flags just changed: mlock). Returns the area that
 * now covers vma's range.
 */
struct vm_area_struct *vma_merge_neighbours(struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = prev_vma(vma), *next;

	if (prev && vma_can_merge(prev, vma)) {
		vma_absorb_next(prev, vma);
		vma = prev;
	}
	if (vma->vm_list.next != &vma->vm_mm->mmap) {
		next = list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
		if (vma_can_merge(vma, next))
			vma_absorb_next(vma, next);
	}
	return vma;
}

/*
 * Unmap [start, start+len): VMAs that straddle an end are split first.
 * Returns 0, -EINVAL for a bad range, -ENOMEM if a split could not allocate.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end;
	struct vm_area_struct *vma;

	if ((start & ~PAGE_MASK) || start >= TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	end = start + len;
	while ((vma = find_vma_intersection(mm, start, end)) != NULL) {
		if (vma->vm_start < start) {
			if (!split_vma(vma, start))
				return -ENOMEM;
			continue;
		}
		if (vma->vm_end > end && !split_vma(vma, end))
			return -ENOMEM;
		remove_vma(vma);
	}
	return 0;
}

/*
 * Where to put a new mapping of len bytes: the hint if it is free,
 * otherwise the highest free gap below mmap_base (Linux's top-down
 * layout). Returns the address, or -ENOMEM.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len,
				unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long end = mm->mmap_base;

	if (len > TASK_SIZE - MMAP_MIN_ADDR)
		return -ENOMEM;
	if (flags & MAP_FIXED)
		return addr;
	if (addr) {
		addr = PAGE_ALIGN(addr);
		if (addr >= MMAP_MIN_ADDR && addr <= TASK_SIZE - len &&
		    !find_vma_intersection(mm, addr, addr + len))
			return addr;
	}
	/* Walk down from the highest VMA, looking for a gap of len below end. */
	for (vma = list_empty(&mm->mmap)
		       ? NULL
		       : list_last_entry(&mm->mmap, struct vm_area_struct, vm_list);
	     vma; vma = prev_vma(vma)) {
		unsigned long floor = vma->vm_end;

		if (vma->vm_start >= end)
			continue;
		if (floor <= end && end - floor >= len)
			return end - len;
		end = vma->vm_start;
		if (vma->vm_flags & VM_GROWSDOWN)
			end = end > STACK_GUARD_GAP ? end - STACK_GUARD_GAP : 0;
	}
	if (end >= MMAP_MIN_ADDR + len)
		return end - len;
	return -ENOMEM;
}

/*
 * Make [addr, addr+len) a new anonymous area with vm_flags, merging with a
 * neighbour that has the same flags and is private. Charges Committed_AS
 * first if the area is accountable. Returns 0 or -ENOMEM.
 */
int map_anon_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
		    unsigned long vm_flags)
{
	struct vm_area_struct *next = find_vma(mm, addr), *prev, *vma;

	if (!may_expand_vm(mm, vm_flags, len >> PAGE_SHIFT))
		return -ENOMEM; /* RLIMIT_AS, RLIMIT_DATA */
	if (accountable(NULL, vm_flags)) {
		if (__vm_enough_memory(mm, (long)(len >> PAGE_SHIFT)))
			return -ENOMEM;
		vm_flags |= VM_ACCOUNT;
	}

	prev = next ? prev_vma(next)
		    : (list_empty(&mm->mmap)
			   ? NULL
			   : list_last_entry(&mm->mmap, struct vm_area_struct, vm_list));
	if (vm_flags & VM_LOCKED)
		mm->locked_vm += len >> PAGE_SHIFT;
	if (!(vm_flags & (VM_SHARED | VM_GROWSDOWN)) && prev && prev->vm_end == addr &&
	    prev->vm_flags == vm_flags && !prev->vm_file) {
		prev->vm_end = addr + len;
		mm->total_vm += len >> PAGE_SHIFT;
		update_hiwater_vm(mm);
		return 0;
	}
	vma = vm_area_alloc(mm);
	if (!vma) {
		if (vm_flags & VM_ACCOUNT)
			vm_unacct_memory((long)(len >> PAGE_SHIFT));
		if (vm_flags & VM_LOCKED)
			mm->locked_vm -= len >> PAGE_SHIFT;
		return -ENOMEM;
	}
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	insert_vma(mm, vma);
	return 0;
}

/*
 * A new file mapping [addr, addr+len) of file from page pgoff: a VMA of its
 * own (file VMAs are never merged), set up by f_op->mmap and put on the
 * file's i_mmap. Private writable mappings count in Committed_AS (their
 * pages may all be copied), shared ones do not (Linux's
 * accountable_mapping). Returns 0 or -errno.
 */
static int mmap_region(struct mm_struct *mm, struct file *file, unsigned long addr,
		       unsigned long len, unsigned long vm_flags, unsigned long pgoff)
{
	struct vm_area_struct *vma;
	int err = -ENOMEM;

	if (!may_expand_vm(mm, vm_flags, len >> PAGE_SHIFT))
		return -ENOMEM; /* RLIMIT_AS, RLIMIT_DATA */
	if ((vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE) {
		if (__vm_enough_memory(mm, (long)(len >> PAGE_SHIFT)))
			return -ENOMEM;
		vm_flags |= VM_ACCOUNT;
	}
	vma = vm_area_alloc(mm);
	if (!vma)
		goto fail;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_pgoff = pgoff;
	err = file->f_op->mmap(file, vma);
	if (err) {
		kfree(vma);
		goto fail;
	}
	vma->vm_file = get_file(file);
	list_add_tail(&vma->shared, &file->inode->i_mapping->i_mmap);
	insert_vma(mm, vma);
	return 0;
fail:
	if (vm_flags & VM_ACCOUNT)
		vm_unacct_memory((long)(len >> PAGE_SHIFT));
	return err;
}

/*
 * Can file be mapped so? Linux's checks in do_mmap: ENODEV if its file
 * system cannot map files, EACCES if it is not open for reading, or for a
 * writable shared mapping not open for writing or open for appending.
 * EOVERFLOW if the pages would run past the largest page index.
 */
static int check_file_mapping(struct file *file, unsigned long len, unsigned long prot,
			      unsigned long type, unsigned long pgoff)
{
	if (!file->f_op->mmap || !file->inode->i_mapping)
		return -ENODEV;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if (type == MAP_SHARED && (prot & PROT_WRITE) &&
	    (!(file->f_mode & FMODE_WRITE) || (file->f_flags & O_APPEND)))
		return -EACCES;
	return 0;
}

/* Where the mapping goes: MAP_FIXED's address (unmapping what is there) or a free gap. */
static unsigned long mmap_place(struct mm_struct *mm, unsigned long addr, unsigned long len,
				unsigned long flags)
{
	int err;

	if (!(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)))
		return get_unmapped_area(mm, addr, len, flags);
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (addr > TASK_SIZE - len)
		return -ENOMEM;
	if (addr < MMAP_MIN_ADDR)
		return -EPERM;
	if (find_vma_intersection(mm, addr, addr + len)) {
		if (flags & MAP_FIXED_NOREPLACE)
			return -EEXIST;
		err = do_munmap(mm, addr, len);
		if (err)
			return err;
	}
	return addr;
}

unsigned long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags)
{
	return do_mmap_file(mm, NULL, addr, len, prot, flags, 0);
}

/* mmap of a file, or of anonymous memory (file NULL). The address or -errno (IS_ERR_VALUE). */
unsigned long do_mmap_file(struct mm_struct *mm, struct file *file, unsigned long addr,
			   unsigned long len, unsigned long prot, unsigned long flags,
			   unsigned long pgoff)
{
	unsigned long type = flags & MAP_TYPE, vm_flags;
	int err;

	if (!len)
		return -EINVAL;
	if (len > TASK_SIZE || PAGE_ALIGN(len) == 0)
		return -ENOMEM;
	len = PAGE_ALIGN(len);
	if ((type != MAP_SHARED && type != MAP_PRIVATE) ||
	    (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if (!file && !(flags & MAP_ANONYMOUS))
		return -EBADF; /* a file mapping without a file */
	if (file) {
		err = check_file_mapping(file, len, prot, type, pgoff);
		if (err)
			return (unsigned long)err;
	}
	vm_flags = prot | (type == MAP_SHARED ? VM_SHARED : 0) |
		   (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
		   (flags & MAP_NORESERVE ? VM_NORESERVE : 0) |
		   (flags & MAP_LOCKED ? VM_LOCKED : 0) | mm->def_flags;
	if ((flags & MAP_LOCKED) && !can_do_mlock())
		return -EPERM;
	if (mlock_future_check(mm, vm_flags, len))
		return -EAGAIN;
	addr = mmap_place(mm, addr, len, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	err = file ? mmap_region(mm, file, addr, len, vm_flags, pgoff)
		   : map_anon_region(mm, addr, len, vm_flags);
	if (!err && !file && type == MAP_SHARED) /* shared anonymous memory is a shmem file */
		err = shmem_zero_setup(find_vma(mm, addr));
	if (err)
		return (unsigned long)err;
	if ((vm_flags & VM_LOCKED) || (flags & MAP_POPULATE))
		__mm_populate(mm, addr, len, true); /* as Linux: best effort */
	return addr;
}

/*
 * Grow a VM_GROWSDOWN area down to cover address. Fails with -ENOMEM past
 * the stack limit or into the guard gap above the next lower area.
 */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct vm_area_struct *prev = prev_vma(vma);

	address &= PAGE_MASK;
	if (!(vma->vm_flags & VM_GROWSDOWN) || address >= vma->vm_start)
		return address >= vma->vm_start ? 0 : -EFAULT;
	if (vma->vm_end - address > rlimit(RLIMIT_STACK) ||
	    !may_expand_vm(vma->vm_mm, vma->vm_flags, (vma->vm_start - address) >> PAGE_SHIFT))
		return -ENOMEM; /* RLIMIT_STACK, RLIMIT_AS (Linux's acct_stack_growth) */
	if (prev && address < prev->vm_end + STACK_GUARD_GAP)
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) &&
	    __vm_enough_memory(vma->vm_mm, (long)((vma->vm_start - address) >> PAGE_SHIFT)))
		return -ENOMEM;
	if (mlock_future_check(vma->vm_mm, vma->vm_flags, vma->vm_start - address))
		return -ENOMEM; /* Linux's acct_stack_growth: RLIMIT_MEMLOCK */
	if (vma->vm_flags & VM_LOCKED)
		vma->vm_mm->locked_vm += (vma->vm_start - address) >> PAGE_SHIFT;
	vma->vm_mm->total_vm += (vma->vm_start - address) >> PAGE_SHIFT;
	update_hiwater_vm(vma->vm_mm);
	vma->vm_start = address;
	return 0;
}

/* ---- system calls ------------------------------------------------------- */

long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long newbrk = PAGE_ALIGN(brk), oldbrk = PAGE_ALIGN(mm->brk);
	struct vm_area_struct *heap;

	if (brk < mm->start_brk || brk > TASK_SIZE)
		return mm->brk;
	if (brk > mm->brk && check_data_rlimit(rlimit(RLIMIT_DATA), brk, mm->start_brk,
					       mm->end_data, mm->start_data))
		return mm->brk;
	if (newbrk == oldbrk)
		goto set;
	if (brk < mm->brk) {
		if (do_munmap(mm, newbrk, oldbrk - newbrk))
			return mm->brk;
		goto set;
	}
	/* Leave a page (and the stack's guard gap) between the heap and the next area. */
	if (find_vma_intersection(mm, oldbrk, newbrk + PAGE_SIZE))
		return mm->brk;
	if (mlock_future_check(mm, mm->def_flags, newbrk - oldbrk))
		return mm->brk; /* mlockall(MCL_FUTURE) and RLIMIT_MEMLOCK */
	heap = find_vma(mm, oldbrk - 1);
	if (heap && heap->vm_end == oldbrk && heap->vm_start >= mm->start_brk &&
	    (heap->vm_flags & VM_LOCKED_MASK) == (mm->def_flags & VM_LOCKED_MASK)) {
		if (!may_expand_vm(mm, heap->vm_flags, (newbrk - oldbrk) >> PAGE_SHIFT))
			return mm->brk;
		if ((heap->vm_flags & VM_ACCOUNT) &&
		    __vm_enough_memory(mm, (long)((newbrk - oldbrk) >> PAGE_SHIFT)))
			return mm->brk;
		heap->vm_end = newbrk;
		mm->total_vm += (newbrk - oldbrk) >> PAGE_SHIFT;
		if (heap->vm_flags & VM_LOCKED)
			mm->locked_vm += (newbrk - oldbrk) >> PAGE_SHIFT;
		update_hiwater_vm(mm);
	} else if (map_anon_region(mm, oldbrk, newbrk - oldbrk,
				   VM_READ | VM_WRITE | mm->def_flags)) {
		return mm->brk;
	}
	if (mm->def_flags & VM_LOCKED)
		__mm_populate(mm, oldbrk, newbrk - oldbrk, true);
set:
	mm->brk = brk;
	return brk;
}

long sys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
		    unsigned long fd, unsigned long pgoff)
{
	struct file *file = NULL;

	if (!(flags & MAP_ANONYMOUS)) { /* anonymous mappings ignore fd and offset, as Linux */
		file = fget((int)fd);
		if (!file)
			return -EBADF;
	} else {
		pgoff = 0;
	}
	return (long)do_mmap_file(current->mm, file, addr, len, prot, flags, pgoff);
}

long sys_munmap(unsigned long addr, unsigned long len)
{
	return do_munmap(current->mm, addr, len);
}
