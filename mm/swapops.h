/*
 * Swap entries and their encoding in a non-present PTE (Linux's
 * include/linux/swapops.h and arch/x86/include/asm/pgtable-2level.h,
 * i386 without PAE):
 *
 *   31                                   9   8   7   6   5         1   0
 *  +--------------------------------------+---+---+---+-------------+---+
 *  |          swap offset (23 bits)       | 0 | E | 0 | type (5 bits)| 0 |
 *  +--------------------------------------+---+---+---+-------------+---+
 *   bit 0 Present = 0 (so the CPU faults), bit 8 (Global, PROTNONE when
 *   not present) = 0 so a swap PTE is never taken for PROT_NONE, bit 7 is
 *   Linux's "exclusive" marker (unused here). At most 2^23 slots (32 GiB)
 *   per area and 32 area types.
 *
 * swp_entry_t uses the same bit positions, so converting between an entry
 * and its PTE is a copy.
 */
#ifndef MM_SWAPOPS_H
#define MM_SWAPOPS_H

#include "mm/pgtable.h"

typedef struct {
	unsigned long val;
} swp_entry_t;

#define SWP_TYPE_SHIFT 1
#define SWP_TYPE_BITS 5
#define SWP_OFFSET_SHIFT 9
#define SWP_OFFSET_BITS 23
#define MAX_SWAPFILES (1 << SWP_TYPE_BITS)
#define SWP_OFFSET_MAX ((1UL << SWP_OFFSET_BITS) - 1)

static inline swp_entry_t swp_entry(unsigned int type, unsigned long offset)
{
	swp_entry_t e = { ((unsigned long)(type & ((1U << SWP_TYPE_BITS) - 1)) << SWP_TYPE_SHIFT) |
			  ((offset & SWP_OFFSET_MAX) << SWP_OFFSET_SHIFT) };
	return e;
}

static inline unsigned int swp_type(swp_entry_t e)
{
	return (unsigned int)((e.val >> SWP_TYPE_SHIFT) & ((1U << SWP_TYPE_BITS) - 1));
}

static inline unsigned long swp_offset(swp_entry_t e)
{
	return (e.val >> SWP_OFFSET_SHIFT) & SWP_OFFSET_MAX;
}

static inline pte_t swp_entry_to_pte(swp_entry_t e)
{
	return __pte((u32)e.val);
}

static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	swp_entry_t e = { pte_val(pte) & ~((1UL << 7) | 1UL) }; /* drop Present and "exclusive" */
	return e;
}

/* Neither empty nor present: the PTE holds a swap entry. */
static inline bool is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

#endif
