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
#include "kernel/sched.h"
#include "kernel/stacktrace.h"
#include "kernel/traps.h"
#include "mm/layout.h"

/* One trace line; reliable = false marks a guess as Linux does ("? "). */
void print_ip_sym(unsigned long ip, bool reliable)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(ip, &off, &size);

	if (name)
		printk(KERN_EMERG " [<%08lx>] %s%s+0x%lx/0x%lx\n", ip, reliable ? "" : "? ", name,
		       off, size);
	else
		printk(KERN_EMERG " [<%08lx>] ?\n", ip);
}

/* Walk from a given frame pointer; used by dump_stack and the trap code. */
void show_trace(unsigned long ebp)
{
	printk(KERN_EMERG "Call Trace:\n");
	show_trace_frames(ebp);
}

/*
 * The top of the kernel stack holding address sp: the boot stack, or a
 * task's THREAD_SIZE stack (aligned to its size, as the buddy allocator
 * hands it out).
 */
static unsigned long stack_top_of(unsigned long sp)
{
	if (sp >= (unsigned long)boot_stack && sp < (unsigned long)boot_stack_top)
		return (unsigned long)boot_stack_top;
	return (sp & ~(THREAD_SIZE - 1)) + THREAD_SIZE;
}

/*
 * The frame-pointer walk alone, without the "Call Trace:" header. It
 * stays on the stack it starts on: the frame below a system call or
 * interrupt entry holds the interrupted user ebp, any value at all (the
 * fuzzer passes kernel addresses there), which must end the walk, not be
 * read.
 */
void show_trace_frames(unsigned long ebp)
{
	unsigned long top = stack_top_of(ebp);
	int depth = 0;

	while (ebp && depth++ < 32) {
		unsigned long *frame = (unsigned long *)ebp;

		if (ebp < PAGE_OFFSET || (ebp & 3) || ebp + 2 * sizeof(long) > top)
			break;
		print_ip_sym(frame[1], true);
		if (frame[0] <= ebp) /* stacks grow down: callers sit higher */
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
