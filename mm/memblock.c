/*
 * The boot-time memory allocator (a small memblock, Linux's mm/memblock.c).
 *
 * Before mem_map and the buddy allocator exist, memory is two lists of
 * physical ranges: "memory" (usable RAM from the BIOS map, after mem=)
 * and "reserved" (what is in use: the first MiB, the kernel image, the
 * multiboot modules, and everything memblock_alloc hands out, such as
 * page tables and mem_map). memblock_alloc takes from the top of memory
 * below current_limit, which stays at what the boot page tables map until
 * paging_init has mapped all of low memory. At the end of boot,
 * memblock_free_all() gives every usable page that is not reserved to the
 * buddy allocator; memblock is not used afterwards. Built for the host
 * too (tests/unit).
 */
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "mm/internal.h"

#define MEMBLOCK_MAX 64

struct memblock_region {
	phys_addr_t base, size;
};

struct memblock_type {
	unsigned long cnt;
	struct memblock_region regions[MEMBLOCK_MAX];
	const char *name;
};

static struct memblock {
	phys_addr_t current_limit;
	struct memblock_type memory, reserved;
} memblock = {
	.current_limit = 64UL << 20, /* what boot/boot.asm maps */
	.memory = { .name = "memory" },
	.reserved = { .name = "reserved" },
};

#define PFN_UP(x) ((unsigned long)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(x) ((unsigned long)((x) >> PAGE_SHIFT))

/* Add [base, base+size) to type, keeping it sorted and merged. */
static void memblock_add_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	unsigned long i, j;

	if (!size)
		return;
	if (type->cnt == MEMBLOCK_MAX)
		panic("memblock: too many %s regions", type->name);
	for (i = type->cnt; i > 0 && type->regions[i - 1].base > base; i--)
		type->regions[i] = type->regions[i - 1];
	type->regions[i] = (struct memblock_region){ base, size };
	type->cnt++;
	/* Merge overlapping or touching neighbours. */
	for (i = 0, j = 1; j < type->cnt; j++) {
		struct memblock_region *a = &type->regions[i], *b = &type->regions[j];

		if (b->base <= a->base + a->size) {
			phys_addr_t end = max(a->base + a->size, b->base + b->size);
			a->size = end - a->base;
		} else {
			type->regions[++i] = *b;
		}
	}
	type->cnt = i + 1;
}

void memblock_add(phys_addr_t base, phys_addr_t size)
{
	memblock_add_range(&memblock.memory, base, size);
}

void memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	memblock_add_range(&memblock.reserved, base, size);
}

void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

/* The reserved region overlapping [base, base+size), or NULL. */
static struct memblock_region *reserved_overlap(phys_addr_t base, phys_addr_t size)
{
	unsigned long i;

	for (i = 0; i < memblock.reserved.cnt; i++) {
		struct memblock_region *r = &memblock.reserved.regions[i];

		if (r->base < base + size && base < r->base + r->size)
			return r;
	}
	return NULL;
}

/*
 * size bytes aligned on align, as high as possible below current_limit,
 * reserved and zeroed; returns the kernel virtual address, or NULL.
 */
void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	unsigned long i;

	size = ALIGN(size, (phys_addr_t)PAGE_SIZE);
	for (i = memblock.memory.cnt; i-- > 0;) {
		struct memblock_region *m = &memblock.memory.regions[i];
		phys_addr_t end = min(m->base + m->size, memblock.current_limit);
		phys_addr_t cand;

		if (end < m->base + size)
			continue;
		cand = ALIGN_DOWN(end - size, align);
		while (cand >= m->base) {
			struct memblock_region *r = reserved_overlap(cand, size);

			if (!r) {
				memblock_reserve(cand, size);
				memset(pfn_to_virt(PFN_DOWN(cand)), 0, size);
				return pfn_to_virt(PFN_DOWN(cand));
			}
			if (r->base < m->base + size)
				break;
			cand = ALIGN_DOWN(r->base - size, align);
		}
	}
	return NULL;
}

/* Usable pfns in [start_pfn, end_pfn) (whole pages only). */
unsigned long memblock_present_pages(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long i, n = 0;

	for (i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *m = &memblock.memory.regions[i];
		unsigned long s = max(PFN_UP(m->base), start_pfn);
		unsigned long e = min(PFN_DOWN(m->base + m->size), end_pfn);

		if (s < e)
			n += e - s;
	}
	return n;
}

/* Free the usable, unreserved pfns of [start, end) to the buddy allocator. */
static void free_unreserved(unsigned long start, unsigned long end)
{
	unsigned long i;

	for (i = 0; i < memblock.reserved.cnt && start < end; i++) {
		struct memblock_region *r = &memblock.reserved.regions[i];
		unsigned long rs = PFN_DOWN(r->base), re = PFN_UP(r->base + r->size);

		if (re <= start || rs >= end)
			continue;
		if (rs > start)
			__free_pages_memory(start, rs);
		start = max(start, re);
	}
	if (start < end)
		__free_pages_memory(start, end);
}

/*
 * Hand all free memory to the buddy allocator (end of boot): low memory,
 * then HighMem, apart so that no block straddles max_low_pfn.
 */
void memblock_free_all(void)
{
	unsigned long i;

	for (i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *m = &memblock.memory.regions[i];
		unsigned long s = PFN_UP(m->base);
		unsigned long e = min(PFN_DOWN(m->base + m->size), max_pfn);

		if (s < min(e, max_low_pfn))
			free_unreserved(s, min(e, max_low_pfn));
		if (max(s, max_low_pfn) < e)
			free_unreserved(max(s, max_low_pfn), e);
	}
}

/* The region lists at KERN_DEBUG (Linux's memblock=debug). */
void memblock_dump(void)
{
	const struct memblock_type *types[] = { &memblock.memory, &memblock.reserved };
	unsigned long t, i;

	for (t = 0; t < ARRAY_SIZE(types); t++) {
		pr_debug(" %s.cnt  = 0x%lx\n", types[t]->name, types[t]->cnt);
		for (i = 0; i < types[t]->cnt; i++) {
			const struct memblock_region *r = &types[t]->regions[i];

			pr_debug(" %s[0x%lx]\t[0x%016llx-0x%016llx], %#llx bytes\n", types[t]->name,
				 i, (unsigned long long)r->base,
				 (unsigned long long)(r->base + r->size - 1),
				 (unsigned long long)r->size);
		}
	}
}
