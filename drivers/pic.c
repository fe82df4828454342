/*
 * The 8259A PIC pair (Linux: arch/x86/kernel/i8259.c).
 *
 * The BIOS leaves IRQ 0-7 on vectors 8-15, on top of the CPU's exceptions,
 * so init_8259A() remaps master and slave to new vector bases (Tidemark:
 * 0x20 and 0x28) with the four initialization words, then masks every line
 * but the cascade. request_irq() unmasks lines one by one.
 *
 *   master: ports 0x20 (command) 0x21 (data)   IRQ 0-7
 *   slave:  ports 0xa0 (command) 0xa1 (data)   IRQ 8-15, wired to master IR2
 *
 * An interrupt stays "in service" until the handler's EOI; for a slave
 * line both chips need one. Spurious interrupts (IRQ 7 / 15 with no
 * in-service bit) must not be acknowledged.
 */
#include "drivers/pic.h"
#include "kernel/x86.h"

#define PIC_MASTER_CMD 0x20
#define PIC_MASTER_IMR 0x21
#define PIC_SLAVE_CMD 0xa0
#define PIC_SLAVE_IMR 0xa1

#define ICW1_INIT 0x11 /* edge triggered, cascade, ICW4 follows */
#define ICW4_8086 0x01 /* 8086 mode, normal EOI */
#define OCW2_EOI 0x20  /* non-specific end of interrupt */
#define OCW3_READ_IRR 0x0a
#define OCW3_READ_ISR 0x0b

static u16 cached_irq_mask = 0xffff; /* 1 = masked */

static void write_imr(void)
{
	outb(PIC_MASTER_IMR, cached_irq_mask & 0xff);
	outb(PIC_SLAVE_IMR, cached_irq_mask >> 8);
}

void init_8259A(u8 master_vector, u8 slave_vector)
{
	unsigned long flags = local_irq_save();

	outb(PIC_MASTER_IMR, 0xff); /* mask all while reprogramming */
	outb(PIC_SLAVE_IMR, 0xff);
	outb(PIC_MASTER_CMD, ICW1_INIT);
	io_delay();
	outb(PIC_MASTER_IMR, master_vector); /* ICW2: vector base */
	io_delay();
	outb(PIC_MASTER_IMR, 1 << PIC_CASCADE_IR); /* ICW3: slave on IR2 */
	io_delay();
	outb(PIC_MASTER_IMR, ICW4_8086);
	io_delay();
	outb(PIC_SLAVE_CMD, ICW1_INIT);
	io_delay();
	outb(PIC_SLAVE_IMR, slave_vector);
	io_delay();
	outb(PIC_SLAVE_IMR, PIC_CASCADE_IR); /* ICW3: slave identity */
	io_delay();
	outb(PIC_SLAVE_IMR, ICW4_8086);
	io_delay();
	cached_irq_mask = 0xffff & ~(1 << PIC_CASCADE_IR);
	write_imr();
	local_irq_restore(flags);
}

void mask_8259A_irq(unsigned int irq)
{
	unsigned long flags = local_irq_save();

	cached_irq_mask |= (u16)(1 << irq);
	write_imr();
	local_irq_restore(flags);
}

void unmask_8259A_irq(unsigned int irq)
{
	unsigned long flags = local_irq_save();

	cached_irq_mask &= (u16) ~(1 << irq);
	write_imr();
	local_irq_restore(flags);
}

void eoi_8259A(unsigned int irq)
{
	if (irq >= 8)
		outb(PIC_SLAVE_CMD, OCW2_EOI);
	outb(PIC_MASTER_CMD, OCW2_EOI);
}

static u16 read_pic_reg(u8 ocw3)
{
	outb(PIC_MASTER_CMD, ocw3);
	outb(PIC_SLAVE_CMD, ocw3);
	return (u16)(inb(PIC_MASTER_CMD) | (inb(PIC_SLAVE_CMD) << 8));
}

u16 get_8259A_irr(void)
{
	return read_pic_reg(OCW3_READ_IRR);
}
u16 get_8259A_isr(void)
{
	return read_pic_reg(OCW3_READ_ISR);
}
u16 get_8259A_imr(void)
{
	return cached_irq_mask;
}

bool spurious_8259A_irq(unsigned int irq)
{
	if (irq != 7 && irq != 15)
		return false;
	return !(get_8259A_isr() & (1 << irq));
}
