/*
 * Thin wrappers around x86 instructions the C code needs: port I/O,
 * control registers, TLB and interrupt flag. One instruction each.
 */
#ifndef KERNEL_X86_H
#define KERNEL_X86_H

#include "kernel/types.h"

static inline void outb(u16 port, u8 v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline void outw(u16 port, u16 v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}
static inline void outl(u16 port, u32 v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}
static inline u8 inb(u16 port)
{
	u8 v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline u16 inw(u16 port)
{
	u16 v;
	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline u32 inl(u16 port)
{
	u32 v;
	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline void io_delay(void)
{
	outb(0x80, 0);
}

static inline void cli(void)
{
	__asm__ volatile("cli" ::: "memory");
}
static inline void sti(void)
{
	__asm__ volatile("sti" ::: "memory");
}
static inline void hlt(void)
{
	__asm__ volatile("hlt" ::: "memory");
}
static inline void cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}

/* CR0 bits (Linux's X86_CR0_*, uapi/asm/processor-flags.h). */
#define X86_CR0_PE (1UL << 0)  /* protected mode */
#define X86_CR0_MP (1UL << 1)  /* monitor coprocessor: wait/fwait honour TS */
#define X86_CR0_EM (1UL << 2)  /* emulate the FPU: x87 instructions trap */
#define X86_CR0_TS (1UL << 3)  /* task switched: the next x87 instruction traps */
#define X86_CR0_ET (1UL << 4)  /* extension type (387) */
#define X86_CR0_NE (1UL << 5)  /* numeric error: x87 errors as #MF, not IRQ 13 */
#define X86_CR0_WP (1UL << 16) /* write protect: the kernel obeys read-only PTEs too */
#define X86_CR0_AM (1UL << 18) /* alignment mask */
#define X86_CR0_NW (1UL << 29) /* not write-through */
#define X86_CR0_CD (1UL << 30) /* cache disable */
#define X86_CR0_PG (1UL << 31) /* paging */

static inline unsigned long read_cr0(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}
static inline unsigned long read_cr2(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}
static inline unsigned long read_cr3(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}
static inline unsigned long read_cr4(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}
static inline void write_cr0(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}
static inline void write_cr3(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}
static inline void write_cr4(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}
static inline void invlpg(unsigned long va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline unsigned long read_eflags(void)
{
	unsigned long f;
	__asm__ volatile("pushfl; popl %0" : "=r"(f));
	return f;
}
#define X86_EFLAGS_IF 0x200

/* Save the interrupt flag and disable; restore it later. */
static inline unsigned long local_irq_save(void)
{
	unsigned long f = read_eflags();
	cli();
	return f;
}
static inline void local_irq_restore(unsigned long f)
{
	if (f & X86_EFLAGS_IF)
		sti();
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

#endif
