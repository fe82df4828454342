/*
 * start_kernel: the boot order, one call per line, each with why it comes
 * where it does. boot/boot.asm calls it on the boot stack with paging on
 * (boot page tables), interrupts off, and the multiboot magic and
 * information address from the loader.
 */
#include "kernel/kernel.h"
#include "kernel/irq.h"
#include "kernel/ktest.h"
#include "kernel/lkdtm.h"
#include "kernel/time.h"
#include "kernel/traps.h"
#include "kernel/multiboot.h"
#include "kernel/params.h"
#include "kernel/version.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "mm/mm.h"
#include "mm/slab.h"

void start_kernel(u32 magic, u32 mbi_phys);

void start_kernel(u32 magic, u32 mbi_phys)
{
	serial_init();			/* COM1 first: every later line reaches the test log */
	vga_init();			/* the screen: the second console */
	multiboot_save(magic, mbi_phys);	/* copy the loader's info before memory is reused */
	trap_init();			/* GDT, TSSs, IDT: from here a fault is an oops, not a reset */
	parse_args();			/* console=, loglevel=, mem=, init= ... before anything reads them */
	pr_notice("%s\n", tidemark_banner);
	pr_notice("Kernel command line: %s\n", boot_command_line);
	setup_memory();			/* BIOS map, mem=, memblock, swapper_pg_dir, mem_map, zones */
	mem_init();			/* free RAM to the buddy allocator, watermarks: alloc_pages works */
	kmem_cache_init();		/* slab caches and kmalloc, on top of the buddy allocator */
	init_IRQ();			/* remap the 8259s onto vectors 0x20-0x2f, all lines masked */
	time_init();			/* TSC clock for printk, PIT at HZ on IRQ 0 */
	local_irq_enable();		/* interrupts on: jiffies advance from here */
	lkdtm_init();			/* lkdtm=NAME: crash on purpose, traps and timer ready */

	ktest_run_requested();		/* ktest=: run the in-kernel tests and exit (never returns) */

	panic("No working init found.  Try passing init= option to kernel.");
}
