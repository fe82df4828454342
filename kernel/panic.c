/*
 * panic: a broken invariant or an unrecoverable kernel fault. Prints
 * Linux's lines and a backtrace, then follows the exit protocol (QEMU exits
 * with 255) or halts.
 */
#include "kernel/kernel.h"
#include "kernel/reboot.h"
#include "kernel/x86.h"

static int panic_nesting;

void panic(const char *fmt, ...)
{
	static char buf[256];
	va_list ap;

	cli();
	if (panic_nesting++) /* a panic while panicking: just stop */
		machine_halt_with(DEBUG_EXIT_PANIC);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", buf);
	machine_halt_with(DEBUG_EXIT_PANIC);
}
