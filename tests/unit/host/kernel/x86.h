/*
 * The host unit tests' kernel/x86.h: what the host-built kernel files use
 * of it, without the i386 instructions. There are no interrupts on the
 * host, so saving and restoring the interrupt flag does nothing.
 */
#ifndef KERNEL_X86_H
#define KERNEL_X86_H

static inline unsigned long local_irq_save(void)
{
	return 0;
}

static inline void local_irq_restore(unsigned long flags)
{
	(void)flags;
}

#endif
