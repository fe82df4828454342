/*
 * Segment selectors, with Linux's names (kernel/segment.h).
 *
 * Tidemark uses the flat model as Linux does: every code and data segment
 * covers 0..4 GiB, so segmentation only carries the privilege level (DPL
 * 0 for the kernel, 3 for user space). The GDT (kernel/gdt.c) is small and
 * its order is ours, not Linux's (Linux puts __KERNEL_CS at entry 12):
 *
 *   index  selector  descriptor
 *     0     0x00     null (the CPU requires it)
 *     1     0x08     __KERNEL_CS   code, DPL 0
 *     2     0x10     __KERNEL_DS   data, DPL 0
 *     3     0x1b     __USER_CS     code, DPL 3 (selector RPL 3)
 *     4     0x23     __USER_DS     data, DPL 3 (selector RPL 3)
 *     5     0x28     __TSS         the task state segment (esp0 for traps from user mode)
 *     6     0x33     TLS #1        \
 *     7     0x3b     TLS #2         } thread-local storage, user data, DPL 3: set per task
 *     8     0x43     TLS #3        /  by set_thread_area (kernel/tls.c), as Linux's 6..8
 *     9     0x48     __DOUBLEFAULT_TSS  a second TSS: #DF runs in it, on its own stack
 *
 * boot/entry.asm repeats __KERNEL_DS and the double-fault numbers (NASM
 * cannot read this file); keep them in step.
 */
#ifndef KERNEL_SEGMENT_H
#define KERNEL_SEGMENT_H

#define GDT_ENTRY_KERNEL_CS 1
#define GDT_ENTRY_KERNEL_DS 2
#define GDT_ENTRY_DEFAULT_USER_CS 3
#define GDT_ENTRY_DEFAULT_USER_DS 4
#define GDT_ENTRY_TSS 5
#define GDT_ENTRY_TLS_MIN 6
#define GDT_ENTRY_TLS_ENTRIES 3
#define GDT_ENTRY_TLS_MAX (GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES - 1)
#define GDT_ENTRY_DOUBLEFAULT_TSS 9
#define GDT_ENTRIES 10

#define __KERNEL_CS (GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS (GDT_ENTRY_KERNEL_DS * 8)
#define __USER_CS (GDT_ENTRY_DEFAULT_USER_CS * 8 + 3)
#define __USER_DS (GDT_ENTRY_DEFAULT_USER_DS * 8 + 3)
#define __TSS (GDT_ENTRY_TSS * 8)
#define __DOUBLEFAULT_TSS (GDT_ENTRY_DOUBLEFAULT_TSS * 8)

#define SEGMENT_RPL_MASK 0x3 /* requested privilege level bits of a selector */
#define USER_RPL 0x3

#endif
