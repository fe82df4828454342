/*
 * The PIT (Intel 8253/8254), Linux's i8253 clock event: channel 0 as a
 * rate generator interrupting on IRQ 0 HZ times a second, and channel 2
 * (the speaker's channel, gated by port 0x61) as a stopwatch to measure
 * the TSC's frequency once at boot, as Linux's pit_calibrate_tsc() does.
 *
 *   port 0x40  channel 0 count    port 0x42  channel 2 count
 *   port 0x43  mode/command       port 0x61  bit 0: channel 2 gate, bit 5: its output
 */
#include "drivers/pit.h"
#include "kernel/irq.h"
#include "kernel/kernel.h"
#include "kernel/time.h"
#include "kernel/x86.h"

#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_MODE 0x43
#define PIT_PORT_B 0x61 /* NMI status and control: speaker gate */

#define LATCH ((PIT_TICK_RATE + HZ / 2) / HZ) /* input clocks per tick: 11932 */

#define CALIBRATE_MS 10
#define CALIBRATE_LATCH (PIT_TICK_RATE / (1000 / CALIBRATE_MS))

static void timer_interrupt(int irq)
{
	(void)irq;
	tick_periodic();
}

void pit_timer_init(void)
{
	unsigned long flags = local_irq_save();

	outb(PIT_MODE, 0x34); /* channel 0, lobyte/hibyte, mode 2 (rate generator), binary */
	outb(PIT_CH0, LATCH & 0xff);
	outb(PIT_CH0, LATCH >> 8);
	local_irq_restore(flags);
	if (request_irq(0, timer_interrupt, "timer"))
		panic("pit_timer_init: IRQ 0 is taken");
}

unsigned long pit_calibrate_tsc(void)
{
	unsigned long flags = local_irq_save();
	unsigned long loops = 0;
	u64 t1, t2;

	/* Gate high, speaker off; channel 2 one-shot (mode 0) for CALIBRATE_MS. */
	outb(PIT_PORT_B, (inb(PIT_PORT_B) & ~0x02) | 0x01);
	outb(PIT_MODE, 0xb0);
	outb(PIT_CH2, CALIBRATE_LATCH & 0xff);
	outb(PIT_CH2, CALIBRATE_LATCH >> 8);
	t1 = t2 = rdtsc();
	while (!(inb(PIT_PORT_B) & 0x20) && ++loops < 100000000UL)
		t2 = rdtsc();
	local_irq_restore(flags);
	if (!(inb(PIT_PORT_B) & 0x20) || t2 <= t1)
		return 0;
	return (unsigned long)((t2 - t1) / CALIBRATE_MS);
}
