/*
 * Traps: the IDT, the exception handlers and the page-fault handler.
 *
 * Every vector enters through boot/entry.asm, which saves a struct pt_regs
 * and calls dispatch_interrupt(). Exceptions 0-31 go to the handlers
 * below, IRQ vectors 0x20-0x2f to do_IRQ() (kernel/irq.c), int $0x80 to
 * do_int80_syscall() (kernel/syscall.c). The double fault is the one that
 * does not come through here: it is a task gate (kernel/doublefault.c).
 *
 * An exception in kernel mode is a kernel bug: the handler prints Linux's
 * report (die(), kernel/dumpstack.c) and panics. An exception in user mode
 * becomes a signal for the process, with Linux's signal for each vector
 * and its "traps:" log line (do_user_trap); page faults go to mm/fault.c.
 *
 * All exceptions use interrupt gates (interrupts off in the handler).
 * int3, into and int $0x80 have DPL 3 so user code may raise them, as in
 * Linux.
 */
#include "kernel/traps.h"
#include "kernel/bug.h"
#include "kernel/gdt.h"
#include "kernel/irq.h"
#include "kernel/segment.h"
#include "kernel/syscall.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/x86.h"
#include "mm/fault.h"
#include "mm/layout.h"

/* One IDT entry: an interrupt, trap or task gate. */
struct gate_struct {
	u16 offset_low;
	u16 segment;
	u8 reserved;
	u8 type_attr; /* P | DPL(2) | 0 | type(4) */
	u16 offset_high;
} __attribute__((packed));

#define GATE_INTERRUPT 0x8e /* P, DPL 0, 32-bit interrupt gate (clears IF) */
#define GATE_TRAP 0x8f	    /* P, DPL 0, 32-bit trap gate (keeps IF) */
#define GATE_TASK 0x85	    /* P, DPL 0, task gate */
#define GATE_DPL3 0x60	    /* or-ed in: user mode may use int N */

#define IDT_ENTRIES 256
static struct gate_struct idt_table[IDT_ENTRIES] __attribute__((aligned(8)));

extern const unsigned long idt_stub_table[NR_EXCEPTION_VECTORS + NR_IRQS]; /* entry.asm */
extern void entry_INT80_32(void);

static void set_gate(int vector, unsigned long addr, u16 selector, u8 type_attr)
{
	struct gate_struct *g = &idt_table[vector];

	g->offset_low = addr & 0xffff;
	g->offset_high = addr >> 16;
	g->segment = selector;
	g->reserved = 0;
	g->type_attr = type_attr;
}

/* Build the IDT: exceptions, the 16 legacy IRQs, the #DF task gate, int $0x80. */
static void idt_setup(void)
{
	struct {
		u16 size;
		u32 address;
	} __attribute__((packed)) idtr = { sizeof(idt_table) - 1, (u32)idt_table };
	int v;

	for (v = 0; v < NR_EXCEPTION_VECTORS + NR_IRQS; v++)
		set_gate(v, idt_stub_table[v], __KERNEL_CS, GATE_INTERRUPT);
	set_gate(X86_TRAP_BP, idt_stub_table[X86_TRAP_BP], __KERNEL_CS, GATE_INTERRUPT | GATE_DPL3);
	set_gate(X86_TRAP_OF, idt_stub_table[X86_TRAP_OF], __KERNEL_CS, GATE_INTERRUPT | GATE_DPL3);
	set_gate(X86_TRAP_DF, 0, __DOUBLEFAULT_TSS, GATE_TASK);
	set_gate(IA32_SYSCALL_VECTOR, (unsigned long)entry_INT80_32, __KERNEL_CS,
		 GATE_TRAP | GATE_DPL3);
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

void trap_init(void)
{
	gdt_init(); /* the TSSs must exist before the #DF task gate can work */
	idt_setup();
}

/* The signal Linux sends for an exception in user mode. */
static int trap_signal(int trapnr)
{
	switch (trapnr) {
	case X86_TRAP_DE:
	case X86_TRAP_MF:
	case X86_TRAP_XF:
		return SIGFPE;
	case X86_TRAP_DB:
	case X86_TRAP_BP:
		return SIGTRAP;
	case X86_TRAP_UD:
		return SIGILL;
	case X86_TRAP_AC:
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

/*
 * A user-mode exception: log it as Linux's show_signal does
 *   traps: prog[pid] trap divide error ip:8048123 sp:bffff000 error:0
 * and send the signal (the process dies on its way back to user mode).
 */
void do_user_trap(const char *prefix, const char *str, int signr, struct pt_regs *regs, long err)
{
	printk(KERN_INFO "traps: %s[%d] %s%s ip:%lx sp:%lx error:%lx\n", current->comm,
	       current->pid, prefix, str, regs->ip, regs->sp, (unsigned long)err);
	current->thread.trap_nr = regs->trapno;
	current->thread.error_code = (unsigned long)err;
	force_sig(signr);
}

/* Linux's do_trap(): a signal for user mode, an oops for the kernel. */
static void do_trap(int trapnr, const char *str, struct pt_regs *regs, long error_code)
{
	if (user_mode(regs)) {
		do_user_trap("trap ", str, trap_signal(trapnr), regs, error_code);
		return;
	}
	die(str, regs, error_code);
}

/*
 * #UD: a BUG() is a ud2 listed in the bug table (kernel/bug.h); report the
 * file and line first, as Linux's report_bug() does, then oops.
 */
static void exc_invalid_op(struct pt_regs *regs)
{
	if (!user_mode(regs))
		report_bug(regs->ip);
	do_trap(X86_TRAP_UD, "invalid opcode", regs, 0);
}

/* #GP: a selector error code means a segment problem (Linux's wording). */
static void exc_general_protection(struct pt_regs *regs, long error_code)
{
	if (user_mode(regs)) {
		do_user_trap("", "general protection fault", SIGSEGV, regs, error_code);
		return;
	}
	die(error_code ? "segment-related general protection fault" : "general protection fault",
	    regs, error_code);
}

/* An NMI with no known source: Linux reports it and carries on. */
static void exc_nmi(struct pt_regs *regs)
{
	(void)regs;
	nmi_count++;
	pr_emerg("Uhhuh. NMI received for unknown reason %02x on CPU 0.\n", inb(0x61) & 0xff);
	pr_emerg("Dazed and confused, but trying to continue\n");
}

/* die() strings of the remaining exceptions, as Linux's traps.c spells them. */
static const char *const exception_names[NR_EXCEPTION_VECTORS] = {
	[X86_TRAP_DE] = "divide error",
	[X86_TRAP_DB] = "debug",
	[X86_TRAP_BP] = "int3",
	[X86_TRAP_OF] = "overflow",
	[X86_TRAP_BR] = "bounds",
	[X86_TRAP_NM] = "unexpected #NM exception",
	[X86_TRAP_OLD_MF] = "coprocessor segment overrun",
	[X86_TRAP_TS] = "invalid TSS",
	[X86_TRAP_NP] = "segment not present",
	[X86_TRAP_SS] = "stack segment",
	[X86_TRAP_MF] = "fpu exception",
	[X86_TRAP_AC] = "alignment check",
	[X86_TRAP_MC] = "machine check",
	[X86_TRAP_XF] = "simd exception",
	[X86_TRAP_VE] = "virtualization exception",
	[X86_TRAP_CP] = "control protection fault",
};

static void do_exception(struct pt_regs *regs)
{
	int trapnr = (int)regs->trapno;
	long err = (long)regs->orig_ax;

	switch (trapnr) {
	case X86_TRAP_PF:
		do_page_fault(regs, regs->orig_ax);
		return;
	case X86_TRAP_GP:
		exc_general_protection(regs, err);
		return;
	case X86_TRAP_UD:
		exc_invalid_op(regs);
		return;
	case X86_TRAP_NMI:
		exc_nmi(regs);
		return;
	case X86_TRAP_SPURIOUS: /* Linux ignores it too */
		return;
	case X86_TRAP_DF: /* only the task gate delivers #DF; this is int $8 */
	default:
		do_trap(trapnr,
			exception_names[trapnr] ? exception_names[trapnr] : "reserved exception",
			regs, err);
	}
}

/*
 * Called by boot/entry.asm for every vector with the saved registers;
 * whatever it returns to leaves through ret_from_intr.
 */
void dispatch_interrupt(struct pt_regs *regs);
void dispatch_interrupt(struct pt_regs *regs)
{
	unsigned long vector = regs->trapno;

	if (vector < NR_EXCEPTION_VECTORS)
		do_exception(regs);
	else if (vector < FIRST_EXTERNAL_VECTOR + NR_IRQS)
		do_IRQ(regs);
	else if (vector == IA32_SYSCALL_VECTOR)
		do_int80_syscall(regs);
	else
		panic("dispatch_interrupt: vector %#lx has no handler", vector);
}

/*
 * Page faults. A fault at a user address (from user mode, or from the
 * kernel copying to or from user memory) goes to do_user_addr_fault in
 * mm/fault.c: demand paging, stack growth, SIGSEGV, or an exception-table
 * fixup. What it cannot handle, and every fault at a kernel address, is a
 * kernel bug: the oops below.
 */

/* "*pde = 0063e067 *pte = 00000000", Linux's dump_pagetable() for 2-level i386. */
static void dump_pagetable(unsigned long address)
{
	unsigned long *pgd = phys_to_virt(read_cr3() & PAGE_MASK);
	unsigned long pde = pgd[address >> 22], *pt;

	/* present, a page table (not a 4 MiB page), in the direct map */
	if ((pde & 0x1) && !(pde & 0x80) && (pde & PAGE_MASK) < MAXMEM) {
		pt = phys_to_virt(pde & PAGE_MASK);
		printk(KERN_ALERT "*pde = %08lx *pte = %08lx \n", pde,
		       pt[(address >> PAGE_SHIFT) & 1023]);
	} else {
		printk(KERN_ALERT "*pde = %08lx \n", pde);
	}
}

/* The first lines of a kernel page-fault oops, in Linux's words. */
static void show_fault_oops(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	if (address < PAGE_SIZE && !user_mode(regs))
		printk(KERN_ALERT "BUG: kernel NULL pointer dereference, address: %08lx\n",
		       address);
	else
		printk(KERN_ALERT "BUG: unable to handle page fault for address: %08lx\n", address);
	printk(KERN_ALERT "#PF: %s %s in %s mode\n",
	       (error_code & X86_PF_USER) ? "user" : "supervisor",
	       (error_code & X86_PF_INSTR)   ? "instruction fetch"
	       : (error_code & X86_PF_WRITE) ? "write access"
					     : "read access",
	       user_mode(regs) ? "user" : "kernel");
	printk(KERN_ALERT "#PF: error_code(0x%04lx) - %s\n", error_code,
	       !(error_code & X86_PF_PROT)  ? "not-present page"
	       : (error_code & X86_PF_RSVD) ? "reserved bit violation"
	       : (error_code & X86_PF_PK)   ? "protection keys violation"
					    : "permissions violation");
	dump_pagetable(address);
}

/* A kernel-mode fault nothing can fix: report it and die ("Oops"). */
static __attribute__((noinline)) void __noreturn page_fault_oops(struct pt_regs *regs,
								 unsigned long error_code,
								 unsigned long address)
{
	show_fault_oops(regs, error_code, address);
	die("Oops", regs, (long)error_code);
}

void do_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2();

	if ((user_mode(regs) || address < TASK_SIZE) &&
	    do_user_addr_fault(regs, error_code, address))
		return;
	page_fault_oops(regs, error_code, address);
}
