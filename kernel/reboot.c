/* The exit protocol (see reboot.h). */
#include "kernel/reboot.h"
#include "kernel/x86.h"
#include "fs/fs.h"
#include "mm/vmtrace.h"

void machine_halt_with(u8 code)
{
	cli();
	outl(DEBUG_EXIT_PORT, code);
	for (;;)
		hlt();
}

void kernel_exit_status(int status)
{
	if (status < 0 || status > 99)
		status = 99;
	vmtrace_flush();     /* the trace's last lines, before the machine stops */
	emergency_remount(); /* the disks' files and superblocks, clean */
	printk(KERN_EMERG "init exited with status %d\n", status);
	machine_halt_with((u8)(DEBUG_EXIT_STATUS_BASE + status));
}
