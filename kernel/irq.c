/*
 * Hardware interrupt dispatch: IRQ line -> the handler request_irq()
 * installed, with per-line counts for /proc/interrupts.
 *
 * Flow for IRQ n (vector 0x20 + n), interrupts off throughout:
 *   entry.asm -> dispatch_interrupt -> do_IRQ:
 *     spurious IRQ 7/15?  count in irq_err_count, no EOI (but the master's
 *                         for 15), return;
 *     count it, EOI the PIC(s), run the handler (none: "unexpected IRQ
 *     trap", count in irq_err_count).
 * The EOI comes before the handler, as Linux's mask_and_ack does, so a
 * handler that switches tasks (the scheduler tick) cannot leave
 * the PIC waiting. The line cannot re-enter meanwhile: interrupts stay
 * off until iret. Linux's generic irq layer (chips, flow handlers, shared
 * lines, threaded handlers) is one PIC and one handler per line here.
 */
#include "kernel/irq.h"
#include "drivers/pic.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/traps.h"
#include "kernel/x86.h"

struct irq_desc irq_desc[NR_IRQS];
unsigned long irq_err_count;
unsigned long nmi_count;
static u16 spurious_irq_mask; /* lines whose spurious IRQ was already logged */

void init_IRQ(void)
{
	init_8259A(FIRST_EXTERNAL_VECTOR, FIRST_EXTERNAL_VECTOR + 8);
	irq_desc[PIC_CASCADE_IR].name = "cascade";
}

int request_irq(unsigned int irq, irq_handler_t handler, const char *name)
{
	unsigned long flags;

	if (irq >= NR_IRQS || irq == PIC_CASCADE_IR || !handler)
		return -EINVAL;
	if (irq_desc[irq].handler)
		return -EBUSY;
	flags = local_irq_save();
	irq_desc[irq].handler = handler;
	irq_desc[irq].name = name;
	unmask_8259A_irq(irq);
	local_irq_restore(flags);
	return 0;
}

/* Linux's i8259 spurious path: log once per line, count every time. */
static void handle_spurious_irq(unsigned int irq)
{
	irq_err_count++;
	if (!(spurious_irq_mask & (1 << irq))) {
		pr_debug("spurious 8259A interrupt: IRQ%u.\n", irq);
		spurious_irq_mask |= (u16)(1 << irq);
	}
	if (irq == 15) /* the master did see its cascade line */
		eoi_8259A(0);
}

static struct pt_regs *irq_regs;

struct pt_regs *get_irq_regs(void)
{
	return irq_regs;
}

void do_IRQ(struct pt_regs *regs)
{
	unsigned int irq = (unsigned int)(regs->trapno - FIRST_EXTERNAL_VECTOR);
	struct pt_regs *old_regs;
	struct irq_desc *desc;

	BUG_ON(irq >= NR_IRQS);
	if (spurious_8259A_irq(irq)) {
		handle_spurious_irq(irq);
		return;
	}
	desc = &irq_desc[irq];
	desc->count++;
	eoi_8259A(irq);
	if (!desc->handler) { /* Linux's ack_bad_irq() */
		irq_err_count++;
		pr_err("unexpected IRQ trap at vector %02lx\n", regs->trapno);
		return;
	}
	old_regs = irq_regs; /* Linux's set_irq_regs: the handler may ask what it interrupted */
	irq_regs = regs;
	desc->handler((int)irq);
	irq_regs = old_regs;
}

/*
 * /proc/interrupts, as Linux 2.6's i386 show_interrupts() printed it on a
 * uniprocessor with the 8259 ("XT-PIC" chip, "XT" flow handler):
 *
 *              CPU0
 *     0:       1234         XT-PIC-XT        timer
 *     2:          0         XT-PIC-XT        cascade
 *   NMI:          0
 *   ERR:          0
 *
 * Lines without a handler (and that are not the cascade) are left out.
 */
int show_interrupts(char *buf, size_t size)
{
	size_t n = 0;
	unsigned int i;

#define emit(...) (n += (size_t)snprintf(buf + min(n, size), size - min(n, size), __VA_ARGS__))
	emit("           CPU0       \n");
	for (i = 0; i < NR_IRQS; i++) {
		if (!irq_desc[i].name)
			continue;
		emit("%3u: %10lu  %14s-%-8s  %s\n", i, irq_desc[i].count, "XT-PIC", "XT",
		     irq_desc[i].name);
	}
	emit("NMI: %10lu \n", nmi_count);
	emit("ERR: %10lu\n", irq_err_count);
#undef emit
	return (int)n;
}
