/*
 * A segment descriptor as the CPU reads it from the GDT (Linux's
 * asm/desc_defs.h, reduced). kernel/gdt.c builds the fixed ones;
 * kernel/tls.c builds the per-task thread-local-storage ones from a
 * user's struct user_desc.
 *
 *   byte  7      6              5                       4      3..2    1..0
 *       base2  G D 0 AVL lim1  P DPL(2) S type(4)     base1   base0   limit0
 */
#ifndef KERNEL_DESC_DEFS_H
#define KERNEL_DESC_DEFS_H

#include "kernel/types.h"

struct desc_struct {
	u16 limit0;
	u16 base0;
	u8 base1;
	u8 access;	 /* P | DPL(2) | S | type(4) */
	u8 limit1_flags; /* G | D/B | L | AVL | limit 19..16 */
	u8 base2;
} __attribute__((packed));

#define DESC_PRESENT 0x80 /* the P bit of access */

#endif
