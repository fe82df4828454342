/*
 * The global descriptor table and the task state segments (kernel/gdt.c).
 * Selectors and the GDT layout are in kernel/segment.h.
 */
#ifndef KERNEL_GDT_H
#define KERNEL_GDT_H

#include "kernel/desc_defs.h"
#include "kernel/types.h"

/*
 * The hardware's 32-bit task state segment, field names as Linux's
 * struct x86_hw_tss. Tidemark, like Linux, switches tasks in software:
 * the CPU only reads sp0/ss0 (the kernel stack for a trap from user mode)
 * and io_bitmap_base. The exception is the double fault, which arrives
 * through a task gate; the CPU then saves the interrupted state in
 * cpu_tss (ip, sp, registers) and loads doublefault_tss.
 */
struct x86_hw_tss {
	u16 back_link, __blh; /* the previous task's TSS selector (set by a task gate) */
	u32 sp0;
	u16 ss0, __ss0h;
	u32 sp1;
	u16 ss1, __ss1h;
	u32 sp2;
	u16 ss2, __ss2h;
	u32 __cr3;
	u32 ip;
	u32 flags;
	u32 ax, cx, dx, bx, sp, bp, si, di;
	u16 es, __esh;
	u16 cs, __csh;
	u16 ss, __ssh;
	u16 ds, __dsh;
	u16 fs, __fsh;
	u16 gs, __gsh;
	u16 ldt, __ldth;
	u16 trace;
	u16 io_bitmap_base;
} __attribute__((packed));

extern struct desc_struct gdt_table[];	  /* GDT_ENTRIES descriptors (kernel/segment.h) */
extern struct x86_hw_tss cpu_tss;	  /* the one CPU's TSS (Linux: cpu_tss_rw) */
extern struct x86_hw_tss doublefault_tss; /* #DF runs as this task */

#define DOUBLEFAULT_STACK_SIZE 8192
extern unsigned long doublefault_stack[DOUBLEFAULT_STACK_SIZE / sizeof(unsigned long)];

/* Load the GDT and both TSSs, reload every segment register and the task register. */
void gdt_init(void);

/*
 * The stack the CPU switches to on a trap from user mode (TSS.sp0). The
 * scheduler sets it to the top of the next task's kernel stack on every
 * switch (kernel/sched.c, context_switch).
 */
void tss_set_kernel_stack(unsigned long esp0);

/*
 * The page directory the double-fault task runs on. gdt_init() uses the
 * boot page directory; paging_init() (mm/) must call this after it loads
 * its own page directory, or a double fault would run on stale tables.
 */
void tss_set_doublefault_cr3(unsigned long cr3);

#endif
