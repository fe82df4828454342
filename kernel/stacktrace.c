/*
 * dump_stack: print the call chain by following saved frame pointers
 * (the kernel is built with -fno-omit-frame-pointer). Each frame is
 * [ebp] = caller's ebp, [ebp+4] = return address; start_kernel's caller
 * set ebp to 0, which ends the walk. Lines look like Linux's:
 *
 *   Call Trace:
 *    [<c0101234>] start_kernel+0x12/0x40
 */
#include "kernel/kernel.h"
#include "kernel/kallsyms.h"
#include "kernel/stacktrace.h"
#include "mm/layout.h"

/* One trace line; reliable = false marks a guess as Linux does ("? "). */
void print_ip_sym(unsigned long ip, bool reliable)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(ip, &off, &size);

	if (name)
		printk(KERN_EMERG " [<%08lx>] %s%s+0x%lx/0x%lx\n", ip, reliable ? "" : "? ", name, off,
		       size);
	else
		printk(KERN_EMERG " [<%08lx>] ?\n", ip);
}

/* Walk from a given frame pointer; used by dump_stack and the trap code. */
void show_trace(unsigned long ebp)
{
	printk(KERN_EMERG "Call Trace:\n");
	show_trace_frames(ebp);
}

/* The frame-pointer walk alone, without the "Call Trace:" header. */
void show_trace_frames(unsigned long ebp)
{
	int depth = 0;

	while (ebp && depth++ < 32) {
		unsigned long *frame = (unsigned long *)ebp;

		if (ebp < PAGE_OFFSET || (ebp & 3))
			break;
		print_ip_sym(frame[1], true);
		if (frame[0] <= ebp)	/* stacks grow down: callers sit higher */
			break;
		ebp = frame[0];
	}
}

void dump_stack(void)
{
	unsigned long ebp;

	__asm__ volatile("mov %%ebp, %0" : "=r"(ebp));
	show_trace(ebp);
}
