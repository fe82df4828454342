/*
 * VGA text mode console: 80x25 cells of (character, attribute) at
 * physical 0xB8000, reached through the kernel's direct map. Scrolls by
 * moving the rows up; keeps the hardware cursor after the last character.
 */
#include "drivers/vga.h"
#include "kernel/printk.h"
#include "kernel/x86.h"
#include "mm/layout.h"

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x07 /* light grey on black */

static volatile u16 *const vga_mem = (u16 *)phys_to_virt(0xB8000);
static int row, col;

static void vga_move_cursor(void)
{
	u16 pos = (u16)(row * VGA_COLS + col);

	outb(0x3D4, 0x0F);
	outb(0x3D5, pos & 0xFF);
	outb(0x3D4, 0x0E);
	outb(0x3D5, pos >> 8);
}

static void vga_scroll(void)
{
	int i;

	for (i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
		vga_mem[i] = vga_mem[i + VGA_COLS];
	for (; i < VGA_ROWS * VGA_COLS; i++)
		vga_mem[i] = (VGA_ATTR << 8) | ' ';
	row = VGA_ROWS - 1;
}

static void vga_putc(char c)
{
	switch (c) {
	case '\n':
		col = 0;
		row++;
		break;
	case '\r':
		col = 0;
		break;
	case '\b':
		if (col)
			col--;
		break;
	case '\t':
		col = (col + 8) & ~7;
		break;
	default:
		vga_mem[row * VGA_COLS + col] = (VGA_ATTR << 8) | (u8)c;
		col++;
	}
	if (col >= VGA_COLS) {
		col = 0;
		row++;
	}
	if (row >= VGA_ROWS)
		vga_scroll();
}

static void vga_console_write(const char *s, size_t n)
{
	while (n--)
		vga_putc(*s++);
	vga_move_cursor();
}

static struct console vga_console = { "tty0", vga_console_write, true };

void vga_init(void)
{
	int i;

	for (i = 0; i < VGA_ROWS * VGA_COLS; i++)
		vga_mem[i] = (VGA_ATTR << 8) | ' ';
	row = col = 0;
	register_console(&vga_console);
}
