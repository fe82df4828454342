/* The two cascaded 8259A programmable interrupt controllers (drivers/pic.c). */
#ifndef DRIVERS_PIC_H
#define DRIVERS_PIC_H

#include "kernel/types.h"

#define PIC_CASCADE_IR 2 /* the slave hangs off the master's IRQ 2 */

void init_8259A(u8 master_vector, u8 slave_vector);
void mask_8259A_irq(unsigned int irq);
void unmask_8259A_irq(unsigned int irq);
void eoi_8259A(unsigned int irq);

/*
 * IRQ 7 and 15 also arrive when a request goes away before the CPU
 * acknowledges it. True if irq is such a spurious one (its in-service
 * bit is clear); the caller must then not send an EOI for it, except to
 * the master for a spurious IRQ 15 (the cascade line was really in service).
 */
bool spurious_8259A_irq(unsigned int irq);

u16 get_8259A_irr(void); /* interrupt request register, slave << 8 | master */
u16 get_8259A_isr(void); /* in-service register */
u16 get_8259A_imr(void); /* interrupt mask register (1 = masked) */

#endif
