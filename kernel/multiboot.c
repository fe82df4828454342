/*
 * Copy what the kernel needs from the multiboot information into
 * boot_params and boot_command_line. It runs first in start_kernel, while
 * the boot page tables map the low 64 MiB where the loader left it.
 */
#include "kernel/multiboot.h"
#include "kernel/kernel.h"
#include "kernel/params.h"
#include "kernel/lib/string.h"
#include "mm/layout.h"

struct boot_params boot_params;

void multiboot_save(u32 magic, u32 mbi_phys)
{
	const struct multiboot_info *mbi = phys_to_virt(mbi_phys);
	u32 off;

	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not booted by a multiboot loader (magic %#x)", magic);

	if (mbi->flags & MULTIBOOT_INFO_CMDLINE)
		save_command_line(phys_to_virt(mbi->cmdline));
	if (mbi->flags & MULTIBOOT_INFO_BOOT_LOADER_NAME)
		strlcpy(boot_params.loader_name, phys_to_virt(mbi->boot_loader_name),
			sizeof(boot_params.loader_name));
	if (mbi->flags & MULTIBOOT_INFO_MEMORY) {
		boot_params.mem_lower_kb = mbi->mem_lower;
		boot_params.mem_upper_kb = mbi->mem_upper;
	}
	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP) {
		for (off = 0; off + sizeof(u32) <= mbi->mmap_length;) {
			const struct multiboot_mmap_entry *e = phys_to_virt(mbi->mmap_addr + off);
			struct boot_mem_region *r;

			if (boot_params.nr_mmap == MAX_BOOT_MMAP)
				break;
			r = &boot_params.mmap[boot_params.nr_mmap++];
			r->addr = e->addr;
			r->len = e->len;
			r->type = e->type;
			off += e->size + sizeof(e->size);
		}
	}
	if (mbi->flags & MULTIBOOT_INFO_MODS) {
		const struct multiboot_module *m = phys_to_virt(mbi->mods_addr);
		u32 i;

		for (i = 0; i < mbi->mods_count && i < MAX_BOOT_MODULES; i++) {
			struct boot_module *b = &boot_params.modules[i];

			b->start = m[i].mod_start;
			b->end = m[i].mod_end;
			if (m[i].cmdline)
				strlcpy(b->cmdline, phys_to_virt(m[i].cmdline), sizeof(b->cmdline));
			boot_params.nr_modules++;
		}
	}
}
