/*
 * Addresses, in one place (i386, non-PAE, 3G/1G split as Linux).
 *
 *   0x00000000  unmapped (NULL guard, first 64 KiB)
 *   0x08048000  program text, data, bss (ELF), then the heap (brk) growing up
 *      ...      mmap area growing down from below the stack gap
 *   0xBFFFF000  top of the user stack (grows down, limit 8 MiB, guard page)
 *   0xC0000000  PAGE_OFFSET: direct map of low memory (phys 0 .. max_low_pfn)
 *   0xC0100000  the kernel image (loaded at phys 1 MiB)
 *      ...      high_memory: the end of the direct map (887 MiB at most)
 *      ...      the vmalloc reserve: __VMALLOC_RESERVE (128 MiB) kept out of
 *               the direct map, so that low memory ends below VMALLOC_END
 *   0xFF7FE000  VMALLOC_END (2 guard pages below PKMAP_BASE)
 *   0xFF800000  PKMAP_BASE: kmap()'s LAST_PKMAP = 1024 slots, one page table
 *   0xFFC00000  the fixmap's page table; kmap_local slots end at FIXADDR_TOP
 *   0xFFFFF000  FIXADDR_TOP (the last page stays unmapped)
 *
 * Linux puts the cpu_entry_area and the LDT remap (one 4 MiB slot each)
 * between the fixmap and PKMAP_BASE; Tidemark has neither, so its
 * PKMAP_BASE is the 4 MiB slot right below the fixmap's, and MAXMEM is
 * VMALLOC_END - PAGE_OFFSET - 128 MiB = 887 MiB ("887MB LOWMEM available."
 * as on Linux 2.6.2x-3.x, whose top of memory had the same shape).
 */
#ifndef MM_LAYOUT_H
#define MM_LAYOUT_H

#include "kernel/types.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

#define PAGE_OFFSET 0xC0000000UL      /* start of the kernel's direct map */
#define KERNEL_LOAD_PHYS 0x00100000UL /* where the image sits in RAM */
#define PMD_SIZE (1UL << 22)	      /* what one page table maps (no PAE) */
#define PMD_MASK (~(PMD_SIZE - 1))

/* The top of kernel space (Linux's pgtable_32_areas.h, fixmap.h). */
#define FIXADDR_TOP 0xFFFFF000UL
#define KM_MAX_IDX 16 /* kmap_local nesting depth per task */
#define NR_CPUS 1

/*
 * Fixed addresses, counted down from FIXADDR_TOP: slot x is the page at
 * FIXADDR_TOP - x * PAGE_SIZE (Linux's __fix_to_virt). Linux has many more
 * (APIC, early ioremap...); Tidemark only needs the kmap_local slots.
 */
enum fixed_addresses {
	FIX_HOLE,
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_MAX_IDX * NR_CPUS - 1,
	__end_of_fixed_addresses
};
#define __fix_to_virt(x) (FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define FIXADDR_SIZE ((unsigned long)__end_of_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_START (FIXADDR_TOP - FIXADDR_SIZE)
#define LAST_PKMAP 1024
#define LAST_PKMAP_MASK (LAST_PKMAP - 1)
#define PKMAP_BASE ((FIXADDR_START - PAGE_SIZE - LAST_PKMAP * PAGE_SIZE) & PMD_MASK)
#define VMALLOC_END (PKMAP_BASE - 2 * PAGE_SIZE)
#define VMALLOC_OFFSET (8UL << 20) /* gap between high_memory and VMALLOC_START */
#define __VMALLOC_RESERVE_DEFAULT (128UL << 20)

/*
 * The most low memory the direct map may cover (Linux's MAXMEM): what is
 * left below VMALLOC_END once the vmalloc reserve (vmalloc=) is set aside.
 */
extern unsigned long __VMALLOC_RESERVE;
#define MAXMEM (VMALLOC_END - PAGE_OFFSET - __VMALLOC_RESERVE)
#define MAXMEM_PFN (MAXMEM >> PAGE_SHIFT)
#define MAX_NONPAE_PFN (1UL << 20) /* 4 GiB: all a 32-bit PTE can name */

#define TASK_SIZE PAGE_OFFSET /* user addresses are below this */
#define USER_STACK_TOP 0xBFFFF000UL
#define MMAP_MIN_ADDR 0x00010000UL /* first 64 KiB never mapped */

#define phys_to_virt(pa) ((void *)((uintptr_t)(pa) + PAGE_OFFSET))
#define virt_to_phys(va) ((uintptr_t)(va)-PAGE_OFFSET)
#define __pa(va) virt_to_phys(va)
#define __va(pa) phys_to_virt(pa)

/* Symbols from linker.ld, all virtual addresses. */
extern char __kernel_start[], __kernel_end[];
extern char __ro_start[], __ro_end[];
extern char __text_start[], __text_end[];
extern char __bss_start[], __bss_end[];

#endif
