/*
 * The double fault (#DF), as Linux i386 handles it
 * (arch/x86/kernel/doublefault_32.c).
 *
 * A double fault means the CPU failed to deliver an exception: most often
 * a kernel stack overflow (it cannot push the #PF frame on a stack that
 * runs into an unmapped page). Running the handler on the same stack would
 * fault a third time and reset the machine (a triple fault), so the IDT
 * entry is a task gate: the CPU saves the interrupted registers in
 * cpu_tss, loads doublefault_tss (its own stack, kernel segments) and
 * starts asm_exc_double_fault (boot/entry.asm), which calls
 * doublefault_shim() with the error code. The shim turns the saved TSS
 * into a struct pt_regs, and exc_double_fault() reports like any oops.
 * There is no way back: the interrupted task is marked busy and linked.
 */
#include "kernel/gdt.h"
#include "kernel/kernel.h"
#include "kernel/segment.h"
#include "kernel/traps.h"
#include "kernel/x86.h"
#include "mm/layout.h"

void doublefault_shim(unsigned long error_code) __noreturn;

/*
 * Linux's handle_stack_overflow(): the fault address is the guard page
 * below the stack, so say so before the oops.
 */
static void __noreturn handle_stack_overflow(struct pt_regs *regs, unsigned long address)
{
	printk(KERN_EMERG "BUG: TASK stack guard page was hit at %08lx (stack is %08lx..%08lx)\n",
	       address, (unsigned long)boot_stack, (unsigned long)boot_stack_top);
	die("stack guard page", regs, 0);
}

static void __noreturn exc_double_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2();

	if (address - (unsigned long)boot_stack_guard < PAGE_SIZE)
		handle_stack_overflow(regs, address);
	pr_emerg("PANIC: double fault, error_code: 0x%lx\n", error_code);
	die("double fault", regs, (long)error_code);
}

/* Rebuild the interrupted context from the TSS the CPU saved it in. */
void doublefault_shim(unsigned long error_code)
{
	struct x86_hw_tss *t = &cpu_tss;
	struct pt_regs regs;

	if (doublefault_tss.back_link != __TSS)
		panic("double fault: came from TSS %#x, not the kernel's",
		      doublefault_tss.back_link);
	regs = (struct pt_regs){
		.bx = t->bx,
		.cx = t->cx,
		.dx = t->dx,
		.si = t->si,
		.di = t->di,
		.bp = t->bp,
		.ax = t->ax,
		.ds = t->ds,
		.es = t->es,
		.fs = t->fs,
		.gs = t->gs,
		.trapno = X86_TRAP_DF,
		.orig_ax = error_code,
		.ip = t->ip,
		.cs = t->cs,
		.flags = t->flags,
		.sp = t->sp,
		.ss = t->ss,
	};
	exc_double_fault(&regs, error_code);
}
