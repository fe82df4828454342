/* VGA text console, 80x25 at physical 0xB8000 (drivers/vga.c). */
#ifndef DRIVERS_VGA_H
#define DRIVERS_VGA_H

void vga_init(void);

#endif
