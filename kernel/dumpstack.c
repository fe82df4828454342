/*
 * die(): the oops report, in Linux i386's format (arch/x86/kernel/
 * dumpstack.c and process_32.c). For a kernel NULL write it reads:
 *
 *   BUG: kernel NULL pointer dereference, address: 00000000   <- page fault only
 *   #PF: supervisor write access in kernel mode
 *   #PF: error_code(0x0002) - not-present page
 *   *pde = 00000000
 *   Oops: 0002 [#1]
 *   CPU: 0 PID: 0 Comm: swapper/0 Not tainted 6.12.0-tidemark #1
 *   EIP: lkdtm_EXCEPTION+0x9/0x20
 *   Code: 42 bytes before EIP <the byte at EIP> 21 bytes after
 *   EAX: 00000000 EBX: ... ECX: ... EDX: ...
 *   ESI: ... EDI: ... EBP: c0110fa8 ESP: c0110fa0
 *   DS: 0010 ES: 0010 FS: 0000 GS: 0000 SS: 0010 EFLAGS: 00010246
 *   CR0: 80010011 CR2: 00000000 CR3: 00111000 CR4: 00000000
 *   Call Trace:
 *    [<c0102abc>] lkdtm_do_action+0x1c/0x30
 *    [<c0100f00>] start_kernel+0x80/0x120
 *   ---[ end trace 0000000000000000 ]---
 *   Kernel panic - not syncing: Fatal exception
 *
 * The header is Linux before 6.10 ("Oops: 0002 [#1]"; newer kernels print
 * "Oops: Oops: 0002 [#1]"). Linux kills the current task after an oops and
 * panics only in interrupt context or with panic_on_oops; Tidemark does
 * not try to kill the task and go on: every oops ends in
 * panic("Fatal exception"). PID and Comm are the current task's.
 */
#include "kernel/kernel.h"
#include "kernel/kallsyms.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/segment.h"
#include "kernel/stacktrace.h"
#include "kernel/traps.h"
#include "kernel/version.h"
#include "kernel/x86.h"
#include "mm/layout.h"

static int die_counter;
static bool oops_in_progress;

/* Linux's show_opcodes(): the code around EIP, the faulting byte in <>. */
#define PROLOGUE_SIZE 42
#define EPILOGUE_SIZE 21
static void show_opcodes(struct pt_regs *regs)
{
	unsigned long start = regs->ip - PROLOGUE_SIZE, i;
	char line[3 * (PROLOGUE_SIZE + EPILOGUE_SIZE + 1) + 8];
	size_t n = 0;

	/* Only read bytes we know are mapped: the kernel image. */
	if (regs->ip < PROLOGUE_SIZE || start < (unsigned long)__kernel_start ||
	    regs->ip + EPILOGUE_SIZE + 1 > (unsigned long)__ro_end) {
		printk("Code: Unable to access opcode bytes at 0x%lx.\n", start);
		return;
	}
	for (i = start; i <= regs->ip + EPILOGUE_SIZE; i++) {
		u8 byte = *(const u8 *)i;
		n += snprintf(line + n, sizeof(line) - n, i == regs->ip ? "<%02x>%s" : "%02x%s",
			      byte, i == regs->ip + EPILOGUE_SIZE ? "" : " ");
	}
	printk("Code: %s\n", line);
}

static void show_ip(struct pt_regs *regs)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(regs->ip, &off, &size);

	if (name)
		printk("EIP: %s+0x%lx/0x%lx\n", name, off, size);
	else
		printk("EIP: 0x%lx\n", regs->ip);
	show_opcodes(regs);
}

/*
 * The interrupted esp and ss. The entry code saves them only for traps
 * from user mode; doublefault_shim copies a complete frame from the TSS.
 */
static unsigned long regs_sp(struct pt_regs *regs)
{
	return regs->trapno == X86_TRAP_DF ? regs->sp : kernel_stack_pointer(regs);
}

static unsigned short regs_ss(struct pt_regs *regs)
{
	return user_mode(regs) || regs->trapno == X86_TRAP_DF ? regs->ss : __KERNEL_DS;
}

/* Is addr mapped in the current page tables? (read-only walk, 2-level i386) */
static bool kernel_addr_mapped(unsigned long addr)
{
	unsigned long *pgd = phys_to_virt(read_cr3() & PAGE_MASK);
	unsigned long pde = pgd[addr >> 22];

	if (!(pde & 0x1))
		return false;
	if (pde & 0x80) /* a 4 MiB page */
		return true;
	if ((pde & PAGE_MASK) >= MAXMEM)
		return false;
	return ((unsigned long *)phys_to_virt(pde & PAGE_MASK))[(addr >> PAGE_SHIFT) & 1023] & 0x1;
}

/* A plausible return address: in kernel text, just after a call instruction. */
static bool looks_like_return_address(unsigned long addr)
{
	const u8 *p = (const u8 *)addr;

	if (addr < (unsigned long)__text_start + 6 || addr >= (unsigned long)__text_end)
		return false;
	return p[-5] == 0xe8 || p[-2] == 0xff || p[-3] == 0xff || p[-6] == 0xff;
}

/*
 * The oops's call trace, from the faulting frame up: the faulting
 * function itself (regs->ip); then stack words between the interrupted
 * esp and the first saved frame that look like return addresses, marked
 * "? " (GCC gives small leaf functions no frame, so their caller is only
 * found this way); then the frame-pointer chain from regs->bp.
 */
static void show_trace_regs(struct pt_regs *regs)
{
	unsigned long sp = regs_sp(regs), *p;

	printk("Call Trace:\n");
	print_ip_sym(regs->ip, true);
	if (regs->bp > sp && regs->bp - sp <= 1024 && kernel_addr_mapped(sp) &&
	    kernel_addr_mapped(regs->bp))
		for (p = (unsigned long *)sp; p < (unsigned long *)regs->bp; p++)
			if (looks_like_return_address(*p))
				print_ip_sym(*p, false);
	show_trace_frames(regs->bp);
}

void show_regs(struct pt_regs *regs)
{
	printk("CPU: 0 PID: %d Comm: %s %s %s #1\n", current->pid, current->comm,
	       die_counter > 1 ? "Tainted: G      D" : "Not tainted", UTS_RELEASE);
	show_ip(regs);
	printk("EAX: %08lx EBX: %08lx ECX: %08lx EDX: %08lx\n", regs->ax, regs->bx, regs->cx,
	       regs->dx);
	printk("ESI: %08lx EDI: %08lx EBP: %08lx ESP: %08lx\n", regs->si, regs->di, regs->bp,
	       regs_sp(regs));
	printk("DS: %04x ES: %04x FS: %04x GS: %04x SS: %04x EFLAGS: %08lx\n", regs->ds, regs->es,
	       regs->fs, regs->gs, regs_ss(regs), regs->flags);
	printk("CR0: %08lx CR2: %08lx CR3: %08lx CR4: %08lx\n", read_cr0(), read_cr2(), read_cr3(),
	       read_cr4());
	if (!user_mode(regs))
		show_trace_regs(regs);
}

void die(const char *str, struct pt_regs *regs, long err)
{
	cli();
	if (oops_in_progress) /* faulted while reporting: stop, keep what was printed */
		panic("Fatal exception while reporting an oops (%s)", str);
	oops_in_progress = true;
	console_loglevel = 15; /* console_verbose(): the report is always shown */
	printk("%s: %04lx [#%d]\n", str, (unsigned long)err & 0xffff, ++die_counter);
	show_regs(regs);
	printk("---[ end trace 0000000000000000 ]---\n");
	panic("Fatal exception");
}
