/*
 * Reading another process's memory (Linux's get_user_pages_remote in
 * mm/gup.c and access_remote_vm in mm/memory.c): /proc/PID/cmdline and
 * environ read the argument and environment strings where the process
 * keeps them, in its own address space.
 *
 * A page that is not present (swapped out, or never touched) is faulted
 * in for the reader, as a read fault by the owner would: handle_mm_fault
 * on the owner's VMA, which may read from swap and sleep. The reader holds
 * a reference on the mm (mm_users) across the sleep, so the page tables
 * stay even if the owner exits meanwhile, and looks the page up again
 * after every fault, since the owner may have unmapped it.
 */
#include "mm/gup.h"
#include "kernel/kernel.h"
#include "mm/highmem.h"
#include "mm/mm.h"

#define REMOTE_FAULT_TRIES 3 /* a page faulted in may be reclaimed again before we look */

/* The page at addr in mm, faulted in if need be; NULL outside a VMA or if the fault failed. */
static struct page *get_user_page_remote(struct mm_struct *mm, unsigned long addr)
{
	int tries;

	for (tries = 0; tries < REMOTE_FAULT_TRIES; tries++) {
		struct page *page = follow_page(mm, addr);
		struct vm_area_struct *vma;

		if (page)
			return page;
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr || !(vma->vm_flags & VM_READ))
			return NULL;
		if (handle_mm_fault(vma, addr, 0) &
		    (VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV))
			return NULL;
	}
	return NULL;
}

int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len)
{
	char *to = buf;
	int done = 0;

	mm->mm_users++; /* Linux's mmget: the page tables outlive an exit while we sleep */
	while (done < len) {
		unsigned long off = addr & (PAGE_SIZE - 1);
		int n = (int)min((unsigned long)(len - done), PAGE_SIZE - off);
		struct page *page = get_user_page_remote(mm, addr);

		if (!page)
			break;
		memcpy_from_page(to + done, page, off, (size_t)n); /* no sleep: the page stays */
		done += n;
		addr += (unsigned long)n;
	}
	mmput(mm);
	return done;
}
