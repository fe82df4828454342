/*
 * Exceptions and the oops path (kernel/traps.c, kernel/dumpstack.c,
 * kernel/doublefault.c). Vector numbers and page-fault error-code bits
 * have Linux's names (arch/x86/include/asm/trapnr.h, asm/trap_pf.h).
 */
#ifndef KERNEL_TRAPS_H
#define KERNEL_TRAPS_H

#include "kernel/kernel.h"
#include "kernel/ptrace.h"

enum {
	X86_TRAP_DE = 0,	/* divide error */
	X86_TRAP_DB = 1,	/* debug */
	X86_TRAP_NMI = 2,	/* non-maskable interrupt */
	X86_TRAP_BP = 3,	/* breakpoint (int3) */
	X86_TRAP_OF = 4,	/* overflow (into) */
	X86_TRAP_BR = 5,	/* bound range exceeded */
	X86_TRAP_UD = 6,	/* invalid opcode */
	X86_TRAP_NM = 7,	/* device not available */
	X86_TRAP_DF = 8,	/* double fault */
	X86_TRAP_OLD_MF = 9,	/* coprocessor segment overrun */
	X86_TRAP_TS = 10,	/* invalid TSS */
	X86_TRAP_NP = 11,	/* segment not present */
	X86_TRAP_SS = 12,	/* stack segment fault */
	X86_TRAP_GP = 13,	/* general protection fault */
	X86_TRAP_PF = 14,	/* page fault */
	X86_TRAP_SPURIOUS = 15, /* reserved; old CPUs' spurious interrupt bug */
	X86_TRAP_MF = 16,	/* x87 floating point error */
	X86_TRAP_AC = 17,	/* alignment check */
	X86_TRAP_MC = 18,	/* machine check */
	X86_TRAP_XF = 19,	/* SIMD floating point exception */
	X86_TRAP_VE = 20,	/* virtualization exception */
	X86_TRAP_CP = 21,	/* control protection exception */
	NR_EXCEPTION_VECTORS = 32,
};

#define FIRST_EXTERNAL_VECTOR 0x20 /* the 8259's IRQ 0..15 land on 0x20..0x2f */
#define IA32_SYSCALL_VECTOR 0x80   /* int $0x80 */

/* Page-fault error code bits (what the CPU pushes for #PF). */
#define X86_PF_PROT (1UL << 0)	/* 0: page not present, 1: protection violation */
#define X86_PF_WRITE (1UL << 1) /* 0: read, 1: write */
#define X86_PF_USER (1UL << 2)	/* 0: kernel mode, 1: user mode */
#define X86_PF_RSVD (1UL << 3)	/* a reserved bit was set in a paging entry */
#define X86_PF_INSTR (1UL << 4) /* instruction fetch */
#define X86_PF_PK (1UL << 5)	/* protection key */

/* Build the IDT and load it (start_kernel, after gdt_init). */
void trap_init(void);

/*
 * The page-fault handler (kernel/traps.c): a fault at a user address, or
 * from user mode, goes to mm/fault.c's do_user_addr_fault (demand paging,
 * copy-on-write, swap-in, or SIGSEGV); what that cannot fix is an oops.
 */
void do_page_fault(struct pt_regs *regs, unsigned long error_code);

/*
 * Print a Linux-style oops for regs ("Oops: 0002 [#1]", registers, call
 * trace) and panic("Fatal exception"). str is Linux's die() string.
 */
void die(const char *str, struct pt_regs *regs, long err) __noreturn;

/* The register dump of an oops (EIP, Code:, EAX.., CR0..). */
void show_regs(struct pt_regs *regs);

/* A user-mode exception: Linux's "traps:" log line, then the signal for it. */
void do_user_trap(const char *prefix, const char *str, int signr, struct pt_regs *regs, long err);

#endif

/*
 * The boot stack (boot/boot.asm): 16 KiB, and below it one page left
 * unmapped in the boot page tables, so running off the stack faults
 * (and, since the CPU cannot push the fault's frame, double faults).
 * paging_init() must keep the guard page unmapped (see kernel/lkdtm.c).
 */
extern char boot_stack_guard[], boot_stack[], boot_stack_top[];
