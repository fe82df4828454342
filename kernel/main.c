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
#include "kernel/sys_time.h"
#include "kernel/traps.h"
#include "kernel/multiboot.h"
#include "kernel/params.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/errno.h"
#include "fs/fs.h"
#include "fs/proc/proc_fs.h"
#include "fs/sysfs.h"
#include "kernel/version.h"
#include "drivers/ata.h"
#include "drivers/blkdev.h"
#include "drivers/pci.h"
#include "drivers/random.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "mm/gfp.h"
#include "mm/pagemap.h"
#include "drivers/zram_drv.h"
#include "mm/mm.h"
#include "mm/swap.h"
#include "mm/slab.h"
#include "mm/lru.h"
#include "mm/workingset.h"
#include "mm/rmap.h"
#include "mm/shmem_fs.h"
#include "mm/swap_state.h"
#include "mm/mman.h"
#include "mm/vmscan.h"
#include "mm/vmtrace.h"
#include "mm/zswap.h"

void start_kernel(u32 magic, u32 mbi_phys);
static void rest_init(void) __noreturn;

void start_kernel(u32 magic, u32 mbi_phys)
{
	serial_init();			 /* COM1 first: every later line reaches the test log */
	vga_init();			 /* the screen: the second console */
	multiboot_save(magic, mbi_phys); /* copy the loader's info before memory is reused */
	trap_init();  /* GDT, TSSs, IDT: from here a fault is an oops, not a reset */
	parse_args(); /* console=, loglevel=, mem=, init= ... before anything reads them */
	pr_notice("%s\n", tidemark_banner);
	pr_notice("Kernel command line: %s\n", boot_command_line);
	setup_memory();	      /* BIOS map, mem=, memblock, swapper_pg_dir, mem_map, zones */
	mem_init();	      /* free RAM to the buddy allocator, watermarks: alloc_pages works */
	kmem_cache_init();    /* slab caches and kmalloc, on top of the buddy allocator */
	init_IRQ();	      /* remap the 8259s onto vectors 0x20-0x2f, all lines masked */
	time_init();	      /* TSC clock for printk, PIT at HZ on IRQ 0 */
	time_init_realtime(); /* the wall clock from the CMOS RTC */
	rand_initialize();    /* getrandom's key, from the TSC, the RTC and RDRAND */
	local_irq_enable();   /* interrupts on: jiffies advance from here */
	lkdtm_init();	      /* lkdtm=NAME: crash on purpose, traps and timer ready */
	lru_init();	      /* the LRU lists, before the first user page */
	workingset_init();    /* shadow entries' clock granularity for this much RAM */
	rmap_init();	      /* reverse-mapping items, for every mapped user page */
	swap_cache_init();    /* the swap cache's index */
	blkdev_init();	      /* the block layer's bio cache */
	init_overcommit_reserves(); /* user/admin_reserve_kbytes from free memory */
	pci_subsys_init();	    /* scan the PCI bus: the IDE controller's BARs */
	ata_init();		    /* IDE disks as sda, sdb ...: needs IRQs, jiffies, pages */
	zswap_init();		    /* zswap's pool (used once zswap.enabled=1 or sysfs says so) */
	zram_init();	/* /dev/zram0 ... (zram.num_devices=), empty until a disksize is set */
	tty_init();	/* /dev/console: output to the consoles, input on IRQ 4 */
	chr_dev_init(); /* /dev/null, /dev/zero, /dev/random, /dev/urandom */
	sched_init();	/* the idle task (this code) and the FPU, before any thread */
	rest_init();	/* start pid 1, then become the idle task */
}

/* Exec a program as init; returns only on failure, with -errno. */
static int run_init_process(const char *filename)
{
	static const char *const envp_init[] = { "HOME=/", "TERM=linux", NULL };
	int err;

	init_argv[0] = (char *)filename;
	pr_info("Run %s as init process\n", filename);
	err = kernel_execve(filename, (const char *const *)init_argv, envp_init);
	if (!err)
		ret_to_user(task_pt_regs(current)); /* into user mode as pid 1 */
	return err;
}

static int try_to_run_init_process(const char *filename)
{
	int err = run_init_process(filename);

	if (err && err != -ENOENT)
		pr_err("Starting init: %s exists but couldn't execute it (error %d)\n", filename,
		       err);
	return err;
}

/*
 * Process 1 starts as a kernel thread: it unpacks the initramfs, runs the
 * in-kernel tests if ktest= asked for them (they may sleep, so they need
 * the scheduler), opens the console and executes init, as Linux's
 * kernel_init does (same order of candidates, same messages).
 */
static int kernel_init(void *unused)
{
	int err;

	(void)unused;
	gfp_allowed_mask = __GFP_BITS_MASK; /* tasks exist now: allocations may reclaim, OOM-kill */
	populate_rootfs();		    /* "/" from the cpio boot modules, and /dev/console */
	proc_root_init();      /* /proc: after "/" exists, before ktests and init read it */
	sysfs_init();	       /* /sys and debugfs at /sys/kernel/debug */
	blkdev_populate_dev(); /* /dev/sda ...: block device nodes for the disks found */
	swap_boot_activate();  /* swapon every disk with a swap signature, unless swap=off */
	prepare_namespace();   /* root=: an ext2 disk becomes "/" (else the initramfs stays) */
	shmem_init();	       /* tmpfs on /dev/shm and /tmp; the internal mount for SysV shm */
	ktest_run_requested(); /* ktest=: run the in-kernel tests and exit (never returns) */
	console_on_rootfs();   /* fds 0, 1, 2 of init: /dev/console (or a warning) */
	if (execute_command) {
		err = run_init_process(execute_command);
		panic("Requested init %s failed (error %d).", execute_command, err);
	}
	if (!try_to_run_init_process("/sbin/init") || !try_to_run_init_process("/etc/init") ||
	    !try_to_run_init_process("/bin/init") || !try_to_run_init_process("/bin/sh"))
		return 0;
	panic("No working init found.  Try passing init= option to kernel. "
	      "See Linux Documentation/admin-guide/init.rst for guidance.");
}

static void rest_init(void)
{
	if (!kthread_run(kernel_init, NULL, "init")) /* pid 1 */
		panic("rest_init: cannot create the init task");
	kswapd_run();	  /* kswapd0: reclaim in the background */
	writeback_init(); /* the flusher: dirty page-cache pages to the disks */
	ata_eh_start();	  /* ata_eh: ends failed and timed-out disk requests */
	vmtrace_init();	  /* vmtrace=: the thread that prints the samples */
	cpu_idle_loop();
}
