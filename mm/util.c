/*
 * Overcommit accounting (Linux's mm/util.c __vm_enough_memory and
 * vm_commit_limit; docs/linux-formulas.md, Overcommit).
 *
 * Every private writable mapping, brk and stack growth is "committed": it
 * may need that much RAM or swap some day. Committed_AS adds them up;
 * vm.overcommit_memory decides what may be committed:
 *
 *   0  heuristic: refuse a single request larger than RAM + swap
 *   1  always yes
 *   2  strict: Committed_AS may not pass CommitLimit =
 *        RAM * overcommit_ratio / 100 (or overcommit_kbytes) + swap
 *
 * Tidemark's processes all run as root, which in Linux holds CAP_SYS_ADMIN:
 * so, as for root on Linux, admin_reserve_kbytes is never held back; the
 * user reserve (min(total_vm / 32, user_reserve_kbytes)) is.
 *
 * The address-space limits sit beside it (Linux keeps them in mm/mmap.c):
 * RLIMIT_AS caps total_vm, RLIMIT_DATA the private writable areas that are
 * not stack (Linux's data_vm, counted here by walking the VMAs when the
 * limit is set). A refused mmap, mremap or stack growth is -ENOMEM, a
 * refused brk leaves the break where it was.
 */
#include "mm/mman.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/sysctl.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/swap.h"

/* vm.overcommit_memory and vm.overcommit_ratio live with the other knobs in kernel/sysctl.c. */
unsigned long sysctl_overcommit_kbytes;
unsigned long sysctl_user_reserve_kbytes = 128UL << 10; /* set at boot from free memory */
unsigned long sysctl_admin_reserve_kbytes = 8UL << 10;
long vm_committed_as; /* pages */

/* At boot (Linux's init_user_reserve / init_admin_reserve): 3% of free memory, capped. */
void init_overcommit_reserves(void)
{
	unsigned long free_kbytes = nr_free_pages() * (PAGE_SIZE / 1024);

	sysctl_user_reserve_kbytes = min(free_kbytes / 32, 1UL << 17);
	sysctl_admin_reserve_kbytes = min(free_kbytes / 32, 1UL << 13);
}

/* CommitLimit in pages. */
unsigned long vm_commit_limit(void)
{
	unsigned long allowed;

	if (sysctl_overcommit_kbytes)
		allowed = sysctl_overcommit_kbytes >> (PAGE_SHIFT - 10);
	else
		allowed = totalram_pages() * (unsigned long)sysctl_overcommit_ratio / 100;
	return allowed + (unsigned long)total_swap_pages;
}

/* Committed_AS in pages. */
unsigned long vm_memory_committed(void)
{
	return vm_committed_as > 0 ? (unsigned long)vm_committed_as : 0;
}

/*
 * Charge pages to Committed_AS if the policy allows. Returns 0, or -ENOMEM
 * (with Linux's log line) and charges nothing.
 */
int __vm_enough_memory(struct mm_struct *mm, long pages)
{
	unsigned long allowed;

	vm_committed_as += pages;
	if (sysctl_overcommit_memory == OVERCOMMIT_ALWAYS)
		return 0;
	if (sysctl_overcommit_memory == OVERCOMMIT_GUESS) {
		if ((unsigned long)pages <= totalram_pages() + (unsigned long)total_swap_pages)
			return 0;
		goto error;
	}
	allowed = vm_commit_limit();
	if (mm) /* leave the process a little room (user_reserve_kbytes) */
		allowed -= min(mm->total_vm / 32, sysctl_user_reserve_kbytes >> (PAGE_SHIFT - 10));
	if (vm_memory_committed() < allowed)
		return 0;
error:
	pr_info("__vm_enough_memory: pid: %d, comm: %s, bytes: %lu not enough memory for the "
		"allocation\n",
		current->pid, current->comm, (unsigned long)pages << PAGE_SHIFT);
	vm_committed_as -= pages;
	return -ENOMEM;
}

void vm_unacct_memory(long pages)
{
	vm_committed_as -= pages;
}

/* Linux's is_data_mapping: private, writable, not a stack. */
static bool is_data_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE;
}

/* Pages of mm's data mappings (Linux keeps this count in mm->data_vm). */
static unsigned long data_vm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long pages = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (is_data_mapping(vma->vm_flags))
			pages += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	return pages;
}

bool may_expand_vm(struct mm_struct *mm, unsigned long vm_flags, unsigned long npages)
{
	static bool warned;
	unsigned long data;

	if (mm->total_vm + npages > rlimit(RLIMIT_AS) >> PAGE_SHIFT)
		return false;
	if (!is_data_mapping(vm_flags) || rlimit(RLIMIT_DATA) == RLIM_INFINITY)
		return true;
	data = data_vm(mm);
	if (data + npages <= rlimit(RLIMIT_DATA) >> PAGE_SHIFT)
		return true;
	if (!warned) { /* Linux's pr_warn_once; Tidemark has no ignore_rlimit_data */
		warned = true;
		pr_warn("%s (%d): VmData %lu exceed data ulimit %lu. Update limits.\n",
			current->comm, current->pid, (data + npages) << PAGE_SHIFT,
			rlimit(RLIMIT_DATA));
	}
	return false;
}

int check_data_rlimit(unsigned long rlim, unsigned long new, unsigned long start,
		      unsigned long end_data, unsigned long start_data)
{
	if (rlim < RLIM_INFINITY && (new - start) + (end_data - start_data) > rlim)
		return -ENOSPC;
	return 0;
}
