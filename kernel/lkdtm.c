/*
 * LKDTM, the Linux Kernel Dump Test Module, built in: `lkdtm=NAME` on the
 * command line makes the kernel crash on purpose, in a named way, once the
 * traps are set up, so the tests can check every failure path reports
 * what Linux would. Names, functions and messages are LKDTM's
 * (drivers/misc/lkdtm/):
 *
 *   PANIC          panic("dumptest")
 *   BUG            BUG(): "kernel BUG at ...", invalid opcode oops
 *   EXCEPTION      write to a kernel NULL pointer: "BUG: kernel NULL pointer dereference"
 *   ACCESS_NULL    read from a NULL pointer: "#PF: supervisor read access in kernel mode"
 *   EXEC_NULL      call a NULL function pointer: EIP 0, no code bytes to show
 *   WRITE_RO       write to a const object in .rodata, mapped read-only with
 *                  CR0.WP: "#PF: error_code(0x0003) - permissions violation"
 *   DOUBLE_FAULT   load an unmapped esp and raise int3: the CPU cannot push
 *                  the #PF frame either, so #DF, through its task gate:
 *                  "PANIC: double fault, error_code: 0x0"
 *   EXHAUST_STACK  recurse until the stack runs into the guard page below
 *                  it: a double fault that reports "stack guard page was hit"
 *
 * Every one ends in a panic (QEMU exits 255). An unknown name is logged
 * and ignored.
 *
 * What mm/ must preserve for EXHAUST_STACK: boot/boot.asm leaves the page
 * at boot_stack_guard (just below boot_stack) unmapped. When paging_init()
 * builds the kernel's own page tables it must leave that page unmapped in
 * the direct map too (and call tss_set_doublefault_cr3() with the new page
 * directory), or a stack overflow silently overwrites the boot page tables
 * below the stack instead of being reported.
 */
#include "kernel/lkdtm.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "kernel/params.h"
#include "kernel/traps.h"
#include "kernel/x86.h"
#include "mm/layout.h"

#define pr_fmt "lkdtm: "
/* Keep each crash point a real, separately named function in every trace. */
#define lkdtm_noinline __attribute__((noinline, noipa))

static const char *cpoint_type;

static int lkdtm_setup(char *val)
{
	cpoint_type = val;
	return 0;
}
__setup("lkdtm=", lkdtm_setup);

/* Keep the compiler from reasoning about a pointer (Linux's OPTIMIZER_HIDE_VAR). */
#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "+r"(var))

static const unsigned long rodata = 0xAA55AA55;

static lkdtm_noinline void lkdtm_PANIC(void)
{
	panic("dumptest");
}

static lkdtm_noinline void lkdtm_BUG(void)
{
	BUG();
}

static lkdtm_noinline void lkdtm_EXCEPTION(void)
{
	volatile int *p = NULL;

	OPTIMIZER_HIDE_VAR(p);
	*p = 0;
}

static lkdtm_noinline void lkdtm_ACCESS_NULL(void)
{
	volatile unsigned long *ptr = NULL;

	OPTIMIZER_HIDE_VAR(ptr);
	pr_info(pr_fmt "attempting bad read at %p\n", (void *)ptr);
	(void)*ptr;
	pr_err(pr_fmt "FAIL: survived bad read\n");
}

static lkdtm_noinline void lkdtm_EXEC_NULL(void)
{
	void (*func)(void) = NULL;

	OPTIMIZER_HIDE_VAR(func);
	pr_info(pr_fmt "attempting bad execution at %p\n", (void *)func);
	func();
	pr_err(pr_fmt "FAIL: func returned\n");
}

static lkdtm_noinline void lkdtm_WRITE_RO(void)
{
	volatile unsigned long *ptr = (volatile unsigned long *)&rodata;

	OPTIMIZER_HIDE_VAR(ptr);
	pr_info(pr_fmt "attempting bad rodata write at %p\n", (void *)ptr);
	*ptr ^= 0xabcdef;
	pr_err(pr_fmt "FAIL: survived bad write\n");
}

static lkdtm_noinline void lkdtm_DOUBLE_FAULT(void)
{
	/*
	 * 0x1000 lies in the never-mapped first 64 KiB. int3 needs to push a
	 * frame there: #PF; the #PF needs to push one there too: #DF. ebp
	 * still holds this frame, so the report's call trace works.
	 */
	cli();
	__asm__ volatile("movl %0, %%esp\n\tint3" : : "i"(MMAP_MIN_ADDR / 16) : "memory");
	pr_err(pr_fmt "FAIL: tried to double fault but didn't\n");
}

#define REC_STACK_SIZE 1024
/* Burn REC_STACK_SIZE of stack per call until remaining reaches 0. */
static lkdtm_noinline int recursive_loop(int remaining)
{
	volatile char buf[REC_STACK_SIZE];
	unsigned int i;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (char)remaining;
	if (!remaining)
		return 0;
	return recursive_loop(remaining - 1) + buf[remaining % sizeof(buf)];
}

static lkdtm_noinline void lkdtm_EXHAUST_STACK(void)
{
	int depth = (int)((boot_stack_top - boot_stack) / REC_STACK_SIZE) * 2; /* twice the stack */

	pr_info(pr_fmt "Calling function with %d frame size to depth %d ...\n", REC_STACK_SIZE,
		depth);
	recursive_loop(depth);
	pr_err(pr_fmt "FAIL: survived without exhausting stack?!\n");
}

struct crashtype {
	const char *name;
	void (*func)(void);
};
#define CRASHTYPE(name)                                                                            \
	{                                                                                          \
#name, lkdtm_##name                                                                \
	}

static const struct crashtype crashtypes[] = {
	CRASHTYPE(PANIC),	 CRASHTYPE(BUG),	   CRASHTYPE(EXCEPTION),
	CRASHTYPE(ACCESS_NULL),	 CRASHTYPE(EXEC_NULL),	   CRASHTYPE(WRITE_RO),
	CRASHTYPE(DOUBLE_FAULT), CRASHTYPE(EXHAUST_STACK),
};

static lkdtm_noinline void lkdtm_do_action(const struct crashtype *crashtype)
{
	crashtype->func();
}

void lkdtm_init(void)
{
	unsigned int i;

	if (!cpoint_type)
		return;
	for (i = 0; i < ARRAY_SIZE(crashtypes); i++) {
		if (!strcmp(cpoint_type, crashtypes[i].name)) {
			pr_info(pr_fmt "Performing direct entry %s\n", crashtypes[i].name);
			lkdtm_do_action(&crashtypes[i]);
			return;
		}
	}
	pr_err(pr_fmt "Unknown crashtype '%s', ignored\n", cpoint_type);
}
