/*
 * BUG() as a trap (kernel/bug.c). kernel/kernel.h's BUG() emits a ud2
 * instruction and records its address, file and line in the __bug_table
 * section (linker.ld keeps it in .rodata between __start___bug_table and
 * __stop___bug_table), like Linux's x86 BUG(). The #UD handler looks the
 * address up, prints "kernel BUG at FILE:LINE!" and oopses with the
 * registers of the BUG() site.
 */
#ifndef KERNEL_BUG_H
#define KERNEL_BUG_H

#include "kernel/types.h"

struct bug_entry {
	unsigned long bug_addr; /* address of the ud2 */
	const char *file;
	unsigned short line;
	unsigned short flags;
};

/* If ip is a BUG() site, print Linux's "kernel BUG at" lines and return true. */
bool report_bug(unsigned long ip);

/* The bug table entry for ip, or NULL. */
const struct bug_entry *find_bug(unsigned long ip);

#endif
