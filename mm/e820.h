/* The BIOS memory map (mm/e820.c), Linux's e820 names and types. */
#ifndef MM_E820_H
#define MM_E820_H

#include "kernel/types.h"

#define E820_MAX_ENTRIES 32
#define MAX_NONPAE_ADDR (1ULL << 32) /* without PAE nothing above 4 GiB */

enum e820_type {
	E820_TYPE_RAM = 1,
	E820_TYPE_RESERVED = 2,
	E820_TYPE_ACPI = 3,
	E820_TYPE_NVS = 4,
	E820_TYPE_UNUSABLE = 5,
};

struct e820_entry {
	u64 addr, size;
	u32 type;
};

struct e820_table {
	int nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES];
};

extern struct e820_table e820_table;

void e820__memory_setup(void);
unsigned long e820__memblock_setup(void);

#endif
