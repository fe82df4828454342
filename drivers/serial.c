/*
 * 16550 UART, COM1 at 0x3F8, 115200 baud 8N1, polled output. It is the
 * console the tests read (console=ttyS0). Output translates "\n" to
 * "\r\n" as a terminal expects, and the first thing sent turns the
 * terminal's line wrap back on.
 */
#include "drivers/serial.h"
#include "kernel/printk.h"
#include "kernel/x86.h"

#define UART_THR 0	   /* transmit holding (write) */
#define UART_RBR 0	   /* receive buffer (read) */
#define UART_IER 1	   /* interrupt enable */
#define UART_DLL 0	   /* divisor latch low (DLAB=1) */
#define UART_DLM 1	   /* divisor latch high (DLAB=1) */
#define UART_FCR 2	   /* FIFO control */
#define UART_LCR 3	   /* line control */
#define UART_MCR 4	   /* modem control */
#define UART_LSR 5	   /* line status */
#define UART_LSR_DR 0x01   /* data ready */
#define UART_LSR_THRE 0x20 /* transmit holding register empty */

static bool serial_present;

void serial_putc(char c)
{
	int spins = 100000;

	if (!serial_present)
		return;
	while (!(inb(COM1_BASE + UART_LSR) & UART_LSR_THRE) && --spins)
		cpu_relax();
	outb(COM1_BASE + UART_THR, (u8)c);
}

int serial_getc_nowait(void)
{
	if (!serial_present || !(inb(COM1_BASE + UART_LSR) & UART_LSR_DR))
		return -1;
	return inb(COM1_BASE + UART_RBR);
}

/* Interrupt on received data (IRQ 4); the caller has requested the IRQ. */
void serial_enable_rx_interrupt(void)
{
	if (serial_present)
		outb(COM1_BASE + UART_IER, 0x01); /* ERBFI: received data available */
}

static void serial_console_write(const char *s, size_t n)
{
	while (n--) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s++);
	}
}

static struct console serial_console = { "ttyS0", serial_console_write, true };

void serial_init(void)
{
	outb(COM1_BASE + UART_IER, 0x00);
	outb(COM1_BASE + UART_LCR, 0x80); /* DLAB on */
	outb(COM1_BASE + UART_DLL, 1);	  /* 115200 / 1 */
	outb(COM1_BASE + UART_DLM, 0);
	outb(COM1_BASE + UART_LCR, 0x03); /* 8N1, DLAB off */
	outb(COM1_BASE + UART_FCR, 0xC7); /* FIFOs on, cleared, 14-byte threshold */
	outb(COM1_BASE + UART_MCR, 0x0B); /* DTR, RTS, OUT2 (IRQs reach the PIC) */
	/* A missing UART reads back 0xFF from the line status register. */
	serial_present = inb(COM1_BASE + UART_LSR) != 0xFF;
	/*
	 * The firmware turned the terminal's line wrap off (SeaBIOS sends
	 * ESC [?7l); turn it on again (DECAWM, ESC [?7h) so long lines, the
	 * OOM report's Mem-Info, wrap instead of being cut at the edge.
	 */
	serial_console_write("\033[?7h", 5);
	register_console(&serial_console);
}
