/*
 * Shadow entries of anonymous pages: the swap cache's half of refault
 * detection (mm/workingset.c).
 *
 * When reclaim frees a page of the swap cache (mm/vmscan.c:remove_mapping),
 * workingset_eviction's shadow stays behind for its swap slot; when the
 * slot is read back (mm/swap_state.c:read_swap_cache_async), the shadow is
 * taken and workingset_refault decides whether the page goes straight to
 * the active list. A slot that is freed forgets its shadow (swapfile.c:
 * swap_entry_free), so the next page to use it never sees a stale one.
 *
 * Linux 6.1 keeps the shadow in the swap cache's xarray, in the slot the
 * page left (one address space per 64 MiB of swap); its shadow-node
 * shrinker frees xarray nodes that hold only shadows. The swap cache here
 * is a hash of pages, so the shadows live beside it: one word per slot,
 * allocated with the area at swapon and freed at swapoff. The array comes
 * from the page allocator in one piece (no vmalloc here: at most 4 MiB,
 * so 4 GiB of swap); if swapon cannot have it, the area is used without
 * shadows and says so, rather than refusing the swap space.
 *
 *   swap_shadows[type].shadow[offset]   NULL, or a value entry (bit 0 set)
 *
 * That costs 4 bytes per slot (1/1024 of the area's size: 128 KiB for
 * 128 MiB of swap), fixed however many shadows there are, so there is
 * nothing for a shrinker to give back, and storing a shadow during reclaim
 * never allocates. One CPU, no interrupt touches it: no lock.
 */
#include "mm/swap_state.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/lib/radix-tree.h"
#include "mm/slab.h"
#include "mm/swap.h"

static struct {
	void **shadow;	  /* one entry per slot, NULL: no shadow */
	unsigned long nr; /* slots, the area's max */
} swap_shadows[MAX_SWAPFILES];

/* The shadow word of entry, or NULL if entry's area has no shadows (not active). */
static void **shadow_slot(swp_entry_t entry)
{
	unsigned int type = swp_type(entry);
	unsigned long offset = swp_offset(entry);

	if (type >= MAX_SWAPFILES || !swap_shadows[type].shadow)
		return NULL;
	if (offset >= swap_shadows[type].nr)
		panic("swap_shadow: offset %lu past the %lu slots of area %u", offset,
		      swap_shadows[type].nr, type);
	return &swap_shadows[type].shadow[offset];
}

int init_swap_address_space(unsigned int type, unsigned long nr_pages)
{
	void **shadow = kzalloc(nr_pages * sizeof(void *), GFP_KERNEL);

	if (!shadow)
		return -ENOMEM;
	swap_shadows[type].shadow = shadow;
	swap_shadows[type].nr = nr_pages;
	return 0;
}

void exit_swap_address_space(unsigned int type)
{
	kfree(swap_shadows[type].shadow);
	swap_shadows[type].shadow = NULL;
	swap_shadows[type].nr = 0;
}

void *get_shadow_from_swap_cache(swp_entry_t entry)
{
	void **slot = shadow_slot(entry);

	return slot ? *slot : NULL;
}

void store_shadow_in_swap_cache(swp_entry_t entry, void *shadow)
{
	void **slot = shadow_slot(entry);

	if (shadow && !xa_is_value(shadow))
		panic("store_shadow_in_swap_cache: %p is not a value entry", shadow);
	if (slot)
		*slot = shadow;
}

void clear_shadow_from_swap_cache(int type, unsigned long begin, unsigned long end)
{
	unsigned long offset;

	for (offset = begin; offset <= end; offset++)
		store_shadow_in_swap_cache(swp_entry((unsigned int)type, offset), NULL);
}
