/*
 * i386 two-level page tables, 4 KiB pages, no PAE (Linux's
 * pgtable-2level.h and pgtable_types.h).
 *
 *   virtual address:  31        22 21        12 11            0
 *                    | PGD index  | PTE index  | page offset   |
 *
 * A page directory (pgd, x86's "PDE" table) of 1024 entries each points to
 * a page table of 1024 PTEs; each PTE maps one 4 KiB frame:
 *
 *   31                          12 11 9  8   7   6   5   4   3   2   1   0
 *  +------------------------------+----+---+---+---+---+---+---+---+---+---+
 *  |   page frame number (pfn)    |AVL | G |PAT| D | A |PCD|PWT|U/S|R/W| P |
 *  +------------------------------+----+---+---+---+---+---+---+---+---+---+
 *   P present, R/W writable, U/S user may access, PWT/PCD caching,
 *   A accessed (set by the CPU on any access), D dirty (set on a write),
 *   PAT (PSE in a PDE: a 4 MiB page), G global (kept in the TLB on CR3
 *   writes), AVL three bits for the OS.
 *
 * A PDE has the same layout with the page table's pfn; P, R/W and U/S of
 * both levels must allow an access. The kernel's half (from PAGE_OFFSET,
 * PDE 768 up) is the same in every page directory: it is copied from
 * swapper_pg_dir, the kernel's own directory built by paging_init().
 * A non-present PTE with other bits set holds a swap entry (mm/swapops.h).
 */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include "kernel/types.h"
#include "mm/layout.h"

#define PGDIR_SHIFT 22
#define PGDIR_SIZE (1UL << PGDIR_SHIFT) /* 4 MiB mapped by one PDE */
#define PGDIR_MASK (~(PGDIR_SIZE - 1))
#define PTRS_PER_PGD 1024
#define PTRS_PER_PTE 1024
#define KERNEL_PGD_BOUNDARY (PAGE_OFFSET >> PGDIR_SHIFT) /* 768 */

#define _PAGE_PRESENT 0x001
#define _PAGE_RW 0x002
#define _PAGE_USER 0x004
#define _PAGE_PWT 0x008
#define _PAGE_PCD 0x010
#define _PAGE_ACCESSED 0x020
#define _PAGE_DIRTY 0x040
#define _PAGE_PSE 0x080 /* in a PDE: 4 MiB page */
#define _PAGE_PAT 0x080 /* in a PTE */
#define _PAGE_GLOBAL 0x100
#define _PAGE_FLAGS_MASK 0xfff

#define _PAGE_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _KERNPG_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL_RO (_PAGE_PRESENT | _PAGE_ACCESSED)

typedef struct {
	u32 pte;
} pte_t;
typedef struct {
	u32 pgd;
} pgd_t;

static inline u32 pte_val(pte_t pte)
{
	return pte.pte;
}
static inline u32 pgd_val(pgd_t pgd)
{
	return pgd.pgd;
}
static inline pte_t __pte(u32 v)
{
	return (pte_t){ v };
}
static inline pgd_t __pgd(u32 v)
{
	return (pgd_t){ v };
}

static inline unsigned long pgd_index(unsigned long va)
{
	return va >> PGDIR_SHIFT;
}
static inline unsigned long pte_index(unsigned long va)
{
	return (va >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

static inline bool pgd_present(pgd_t pgd)
{
	return pgd.pgd & _PAGE_PRESENT;
}
static inline bool pte_none(pte_t pte)
{
	return pte.pte == 0;
}
static inline bool pte_present(pte_t pte)
{
	return pte.pte & _PAGE_PRESENT;
}
static inline bool pte_write(pte_t pte)
{
	return pte.pte & _PAGE_RW;
}
static inline unsigned long pte_pfn(pte_t pte)
{
	return pte.pte >> PAGE_SHIFT;
}
static inline unsigned long pgd_pfn(pgd_t pgd)
{
	return pgd.pgd >> PAGE_SHIFT;
}
static inline pte_t pfn_pte(unsigned long pfn, u32 prot)
{
	return __pte((u32)(pfn << PAGE_SHIFT) | prot);
}

/* Do a and b hold the same entry? ("did the PTE change while we slept") */
static inline bool pte_same(pte_t a, pte_t b)
{
	return a.pte == b.pte;
}

/*
 * The end of the range [addr, end) that one PDE maps: the next 4 MiB
 * boundary, or end if that comes first (Linux's; the "- 1"s make a
 * boundary that wraps to 0 at the top of the address space compare
 * right).
 */
static inline unsigned long pgd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PGDIR_SIZE) & PGDIR_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}

/* The page table a present PDE points to (in the direct map). */
static inline pte_t *pgd_page_vaddr(pgd_t pgd)
{
	return phys_to_virt((uintptr_t)pgd_pfn(pgd) << PAGE_SHIFT);
}

extern pgd_t swapper_pg_dir[PTRS_PER_PGD];

void paging_init(void);
pte_t *lookup_address(unsigned long va);

#endif
