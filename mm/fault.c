/*
 * The page-fault handler for user addresses (Linux's do_user_addr_fault).
 *
 * kernel/traps.c sends here every #PF at an address below TASK_SIZE, from
 * user mode or from the kernel touching user memory (copy_from_user...):
 *
 *   no VMA, or below a VMA that cannot grow   -> bad access
 *   below a stack VMA                         -> grow it (8 MiB limit, guard gap)
 *   access the VMA does not allow             -> bad access
 *   otherwise                                 -> handle_mm_fault (demand zero ...)
 *   handle_mm_fault says VM_FAULT_SIGBUS      -> SIGBUS, si_code BUS_ADRERR (a
 *                                                file mapping past EOF, a read error)
 *
 * A bad access from user mode kills the process with SIGSEGV and logs
 * Linux's line
 *   prog[pid]: segfault at ADDR ip IP sp SP error N in prog[START+SIZE]
 * From the kernel, the faulting instruction's exception-table fixup makes
 * the copy return EFAULT; without a fixup it is a kernel bug (oops).
 */
#include "mm/fault.h"
#include "kernel/kernel.h"
#include "kernel/preempt.h"
#include "kernel/ptrace.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "mm/mmap.h"
#include "mm/vmstat.h"

static bool access_error(unsigned long error_code, const struct vm_area_struct *vma)
{
	if (error_code & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	return !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
}

static void show_signal_msg(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	struct vm_area_struct *vma = current->mm ? find_vma(current->mm, regs->ip) : NULL;

	printk(KERN_INFO "%s[%d]: segfault at %lx ip %08lx sp %08lx error %lx", current->comm,
	       current->pid, address, regs->ip, regs->sp, error_code);
	if (vma && vma->vm_start <= regs->ip)
		pr_cont(" in %s[%lx+%lx]", current->comm, vma->vm_start,
			vma->vm_end - vma->vm_start);
	pr_cont("\n");
}

/* Returns true if the fault was dealt with; false means a kernel oops. */
bool do_user_addr_fault(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int fault, si_code = SEGV_MAPERR; /* no mapping; SEGV_ACCERR: one that forbids the access */

	if (regs->flags & X86_EFLAGS_IF)
		sti(); /* the fault may take a while (and later sleep on I/O) */
	count_vm_event(PGFAULT);
	if (pagefault_disabled() || !mm || address >= TASK_SIZE) /* kmap_atomic: no sleeping */
		goto bad_area;
	vma = find_vma(mm, address);
	if (!vma)
		goto bad_area;
	if (vma->vm_start > address && expand_stack(vma, address))
		goto bad_area;
	if (access_error(error_code, vma)) {
		si_code = SEGV_ACCERR;
		goto bad_area;
	}
	fault = handle_mm_fault(vma, address,
				(error_code & X86_PF_WRITE ? FAULT_FLAG_WRITE : 0) |
				    (error_code & X86_PF_USER ? FAULT_FLAG_USER : 0));
	if (fault & VM_FAULT_SIGSEGV) {
		si_code = SEGV_ACCERR;
		goto bad_area;
	}
	if (fault & VM_FAULT_SIGBUS) { /* Linux's do_sigbus */
		if (!user_mode(regs))
			goto no_context; /* copy_to_user & co: EFAULT */
		current->thread.trap_nr = X86_TRAP_PF;
		current->thread.error_code = error_code;
		current->thread.cr2 = address;
		force_sig_fault(SIGBUS, BUS_ADRERR, address);
		return true;
	}
	if (fault & VM_FAULT_OOM) {
		/*
		 * The allocator ran reclaim and the OOM killer and still failed:
		 * usually because this task is the OOM killer's victim (it then
		 * dies on the way out); otherwise kill it here.
		 */
		if (!(current->sig_pending & sigmask(SIGKILL)))
			pr_err("%s[%d]: out of memory in page fault at %lx, killed\n",
			       current->comm, current->pid, address);
		force_sig(SIGKILL);
		return true;
	}
	if (fault & VM_FAULT_MAJOR)
		current->maj_flt++;
	else
		current->min_flt++;
	return true;

bad_area:
	if (user_mode(regs)) {
		show_signal_msg(regs, error_code, address);
		current->thread.trap_nr = X86_TRAP_PF;
		current->thread.error_code = error_code;
		current->thread.cr2 = address;
		force_sig_fault(SIGSEGV, si_code, address);
		return true;
	}
no_context:
	if (address < TASK_SIZE) {
		unsigned long fixup = search_exception_tables(regs->ip);

		if (fixup) {
			regs->ip = fixup;
			return true;
		}
	}
	return false;
}
