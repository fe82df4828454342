/*
 * Addresses, in one place (i386, non-PAE, 3G/1G split as Linux).
 *
 *   0x00000000  unmapped (NULL guard, first 64 KiB)
 *   0x08048000  program text, data, bss (ELF), then the heap (brk) growing up
 *      ...      mmap area growing down from below the stack gap
 *   0xBFFFF000  top of the user stack (grows down, limit 8 MiB, guard page)
 *   0xC0000000  PAGE_OFFSET: direct map of low memory (phys 0 .. 896 MiB max)
 *   0xC0100000  the kernel image (loaded at phys 1 MiB)
 *   0xF8000000  VMALLOC_START: vmalloc / kmap / fixmap area
 *   0xFFFFFFFF
 */
#ifndef MM_LAYOUT_H
#define MM_LAYOUT_H

#include "kernel/types.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

#define PAGE_OFFSET 0xC0000000UL	/* start of the kernel's direct map */
#define KERNEL_LOAD_PHYS 0x00100000UL	/* where the image sits in RAM */
#define VMALLOC_START 0xF8000000UL
#define MAXMEM (VMALLOC_START - PAGE_OFFSET)	/* 896 MiB of low memory at most */
#define MAX_LOW_PFN (MAXMEM >> PAGE_SHIFT)

#define TASK_SIZE PAGE_OFFSET		/* user addresses are below this */
#define USER_STACK_TOP 0xBFFFF000UL
#define MMAP_MIN_ADDR 0x00010000UL	/* first 64 KiB never mapped */

#define phys_to_virt(pa) ((void *)((uintptr_t)(pa) + PAGE_OFFSET))
#define virt_to_phys(va) ((uintptr_t)(va) - PAGE_OFFSET)
#define __pa(va) virt_to_phys(va)
#define __va(pa) phys_to_virt(pa)

/* Symbols from linker.ld, all virtual addresses. */
extern char __kernel_start[], __kernel_end[];
extern char __ro_start[], __ro_end[];
extern char __text_start[], __text_end[];
extern char __bss_start[], __bss_end[];

#endif
