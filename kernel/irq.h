/*
 * Hardware interrupts (kernel/irq.c): the 16 legacy IRQ lines of the two
 * 8259 PICs, delivered on vectors 0x20-0x2f.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "kernel/ptrace.h"
#include "kernel/types.h"

#define NR_IRQS 16

/* An interrupt handler runs with interrupts off; irq is the line (0-15). */
typedef void (*irq_handler_t)(int irq);

/*
 * One IRQ line (Linux's struct irq_desc, reduced): its handler, the name
 * /proc/interrupts shows, and how many times it fired (Linux's kstat_irqs).
 */
struct irq_desc {
	irq_handler_t handler;
	const char *name;
	unsigned long count;
};

extern struct irq_desc irq_desc[NR_IRQS];
extern unsigned long irq_err_count; /* /proc/interrupts "ERR:": spurious and unexpected IRQs */
extern unsigned long nmi_count;	    /* /proc/interrupts "NMI:" */

/* Program the PICs (everything masked) so the IRQ vectors can be taken. */
void init_IRQ(void);

/*
 * Install handler for irq and unmask the line. Returns 0, -EINVAL for a
 * bad line or handler, -EBUSY if the line already has a handler (Linux
 * would share it; nothing here needs sharing).
 */
int request_irq(unsigned int irq, irq_handler_t handler, const char *name);

/*
 * The text of /proc/interrupts, in Linux i386's layout (one CPU, the
 * 8259 as "XT-PIC-XT"), into buf (NUL-terminated, truncated to size).
 * Returns the length the whole text needs, like snprintf.
 */
int show_interrupts(char *buf, size_t size);

/* The registers the running interrupt handler interrupted (NULL outside one): Linux's get_irq_regs.
 */
struct pt_regs *get_irq_regs(void);

/* Called from dispatch_interrupt() for vectors 0x20-0x2f. */
void do_IRQ(struct pt_regs *regs);

/* Interrupt flag, Linux's names. */
static inline void local_irq_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}
static inline void local_irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
}

#endif
