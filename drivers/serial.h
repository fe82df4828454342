/* 16550 UART on COM1 (drivers/serial.c). */
#ifndef DRIVERS_SERIAL_H
#define DRIVERS_SERIAL_H

#include "kernel/types.h"

#define COM1_BASE 0x3F8

void serial_init(void);
void serial_putc(char c);
int serial_getc_nowait(void); /* a received byte, or -1 if none */
void serial_enable_rx_interrupt(void);

#endif
