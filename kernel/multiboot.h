/*
 * The multiboot 1 information structure (the Multiboot Specification
 * 0.6.96, section 3.3), as GRUB and QEMU's -kernel hand it over.
 */
#ifndef KERNEL_MULTIBOOT_H
#define KERNEL_MULTIBOOT_H

#include "kernel/types.h"

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002

#define MULTIBOOT_INFO_MEMORY (1 << 0)
#define MULTIBOOT_INFO_CMDLINE (1 << 2)
#define MULTIBOOT_INFO_MODS (1 << 3)
#define MULTIBOOT_INFO_MEM_MAP (1 << 6)
#define MULTIBOOT_INFO_BOOT_LOADER_NAME (1 << 9)

struct multiboot_info {
	u32 flags;
	u32 mem_lower, mem_upper; /* KiB below 1 MiB, KiB above 1 MiB */
	u32 boot_device;
	u32 cmdline; /* physical address of a C string */
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
	u32 drives_length, drives_addr;
	u32 config_table;
	u32 boot_loader_name;
	u32 apm_table;
} __attribute__((packed));

struct multiboot_mmap_entry {
	u32 size; /* of the rest of the entry, not counting this field */
	u64 addr, len;
	u32 type;
} __attribute__((packed));

#define MULTIBOOT_MEMORY_AVAILABLE 1
#define MULTIBOOT_MEMORY_RESERVED 2
#define MULTIBOOT_MEMORY_ACPI_RECLAIMABLE 3
#define MULTIBOOT_MEMORY_NVS 4
#define MULTIBOOT_MEMORY_BADRAM 5

struct multiboot_module {
	u32 mod_start, mod_end; /* physical, end exclusive */
	u32 cmdline;
	u32 pad;
} __attribute__((packed));

/*
 * What the kernel keeps from the multiboot information, copied early
 * (before anything may overwrite the loader's memory).
 */
#define MAX_BOOT_MMAP 32
#define MAX_BOOT_MODULES 8

struct boot_mem_region {
	u64 addr, len;
	u32 type;
};

struct boot_module {
	u32 start, end; /* physical, end exclusive */
	char cmdline[64];
};

struct boot_params {
	u32 mem_lower_kb, mem_upper_kb;
	int nr_mmap;
	struct boot_mem_region mmap[MAX_BOOT_MMAP];
	int nr_modules;
	struct boot_module modules[MAX_BOOT_MODULES];
	char loader_name[64];
};

extern struct boot_params boot_params;

void multiboot_save(u32 magic, u32 mbi_phys);

#endif
