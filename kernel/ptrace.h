/*
 * struct pt_regs: the registers of an interrupted context, as the common
 * entry in boot/entry.asm saves them on the kernel stack. Field names and
 * order are Linux's i386 ones; `trapno` is Tidemark's addition (Linux keeps
 * the vector in per-entry code instead).
 *
 *   higher addresses
 *   +----------+
 *   |    ss    |  \  pushed by the CPU only on a trap from user mode
 *   |    sp    |  /  (a kernel-mode trap does not switch stacks: see kernel_stack_pointer)
 *   |  flags   |  \
 *   |    cs    |   } pushed by the CPU
 *   |    ip    |  /
 *   | orig_ax  |  error code (CPU or stub pushes 0); eax for int $0x80; -1 for an IRQ
 *   |  trapno  |  vector number, pushed by the stub
 *   |    gs    |  \
 *   |    fs    |   |
 *   |    es    |   |
 *   |    ds    |   |
 *   |    ax    |   } pushed by the common entry, then esp is the struct pt_regs *
 *   |    bp    |   |
 *   |    di    |   |
 *   |    si    |   |
 *   |    dx    |   |
 *   |    cx    |   |
 *   |    bx    |  /   <- regs
 *   +----------+
 *   lower addresses
 *
 * Exit is the reverse (ret_from_intr, then iret). A new task's kernel
 * stack is prepared with a pt_regs and started at ret_from_intr.
 */
#ifndef KERNEL_PTRACE_H
#define KERNEL_PTRACE_H

#include "kernel/segment.h"
#include "kernel/types.h"

struct pt_regs {
	unsigned long bx;
	unsigned long cx;
	unsigned long dx;
	unsigned long si;
	unsigned long di;
	unsigned long bp;
	unsigned long ax;
	unsigned short ds, __dsh; /* a 32-bit push of a segment register: upper half undefined */
	unsigned short es, __esh;
	unsigned short fs, __fsh;
	unsigned short gs, __gsh;
	unsigned long trapno;
	unsigned long orig_ax;
	unsigned long ip;
	unsigned short cs, __csh;
	unsigned long flags;
	unsigned long sp;	  /* valid only if user_mode(regs) */
	unsigned short ss, __ssh; /* valid only if user_mode(regs) */
};

/* True if the trap came from user mode (CPL 3 in the saved CS). */
static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & SEGMENT_RPL_MASK) == USER_RPL;
}

/*
 * The interrupted stack pointer. From user mode the CPU saved it; from
 * kernel mode it did not switch stacks, so the old stack continues right
 * where sp would have been stored (Linux's old kernel_stack_pointer).
 */
static inline unsigned long kernel_stack_pointer(const struct pt_regs *regs)
{
	return user_mode(regs) ? regs->sp : (unsigned long)&regs->sp;
}

#endif
