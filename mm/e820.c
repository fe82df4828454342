/*
 * The BIOS memory map (Linux's arch/x86/kernel/e820.c), as the multiboot
 * loader passed it on: read, clipped by mem=, logged in Linux's words,
 * and its usable RAM handed to memblock.
 *
 *   BIOS-provided physical RAM map:
 *   BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
 *   BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved
 *
 * mem=SIZE removes all RAM at and above physical address SIZE; the map
 * that results is printed again as "user-defined physical RAM map:".
 */
#include "kernel/kernel.h"
#include "kernel/multiboot.h"
#include "kernel/params.h"
#include "kernel/lib/string.h"
#include "mm/internal.h"
#include "mm/e820.h"

struct e820_table e820_table;
static u64 mem_limit; /* mem=, 0: none */

static int parse_memopt(char *val)
{
	char *end;
	u64 size = memparse(val, &end);

	if (!size || *end)
		return -1;
	mem_limit = size;
	return 0;
}
__setup("mem=", parse_memopt);

static const char *e820_type_name(u32 type)
{
	switch (type) {
	case E820_TYPE_RAM:
		return "usable";
	case E820_TYPE_RESERVED:
		return "reserved";
	case E820_TYPE_ACPI:
		return "ACPI data";
	case E820_TYPE_NVS:
		return "ACPI NVS";
	case E820_TYPE_UNUSABLE:
		return "unusable";
	default:
		return NULL;
	}
}

static void e820_print_table(const char *who)
{
	int i;

	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		const char *name = e820_type_name(e->type);

		if (name)
			pr_info("%s: [mem 0x%016llx-0x%016llx] %s\n", who,
				(unsigned long long)e->addr,
				(unsigned long long)(e->addr + e->size - 1), name);
		else
			pr_info("%s: [mem 0x%016llx-0x%016llx] type %u\n", who,
				(unsigned long long)e->addr,
				(unsigned long long)(e->addr + e->size - 1), e->type);
	}
}

/* Drop RAM at and above limit (Linux's e820__range_remove for mem=). */
static void e820_remove_ram_above(u64 limit)
{
	int i, n = 0;

	for (i = 0; i < e820_table.nr_entries; i++) {
		struct e820_entry e = e820_table.entries[i];

		if (e.type == E820_TYPE_RAM && e.addr + e.size > limit) {
			if (e.addr >= limit)
				continue;
			e.size = limit - e.addr;
		}
		e820_table.entries[n++] = e;
	}
	e820_table.nr_entries = n;
}

/*
 * Copy the loader's map (or, without one, mem_lower/mem_upper), apply
 * mem= and log both maps. Without any map there is no way to go on.
 */
void e820__memory_setup(void)
{
	int i;

	for (i = 0; i < boot_params.nr_mmap && i < E820_MAX_ENTRIES; i++) {
		struct e820_entry *e = &e820_table.entries[i];

		e->addr = boot_params.mmap[i].addr;
		e->size = boot_params.mmap[i].len;
		e->type = boot_params.mmap[i].type;
	}
	e820_table.nr_entries = i;
	if (!i && boot_params.mem_upper_kb) {
		e820_table.entries[0] =
		    (struct e820_entry){ 0, (u64)boot_params.mem_lower_kb << 10, E820_TYPE_RAM };
		e820_table.entries[1] =
		    (struct e820_entry){ 1 << 20, (u64)boot_params.mem_upper_kb << 10,
					 E820_TYPE_RAM };
		e820_table.nr_entries = 2;
	}
	if (!e820_table.nr_entries)
		panic("e820: the loader passed no memory map");
	pr_info("BIOS-provided physical RAM map:\n");
	e820_print_table("BIOS-e820");
	if (mem_limit) {
		e820_remove_ram_above(mem_limit);
		pr_info("user-defined physical RAM map:\n");
		e820_print_table("user");
	}
}

/* Usable RAM to memblock; returns max_pfn (the first pfn above RAM, < 4 GiB). */
unsigned long e820__memblock_setup(void)
{
	unsigned long end_pfn = 0;
	int i;

	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		u64 end = min(e->addr + e->size, MAX_NONPAE_ADDR);

		if (e->type != E820_TYPE_RAM || e->addr >= end)
			continue;
		memblock_add(e->addr, end - e->addr);
		if ((unsigned long)(end >> PAGE_SHIFT) > end_pfn)
			end_pfn = (unsigned long)(end >> PAGE_SHIFT);
	}
	return end_pfn;
}
