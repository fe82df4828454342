/*
 * The GDT and the two task state segments.
 *
 * The flat model: four 4 GiB segments (kernel and user, code and data),
 * so a linear address is the virtual address and only the privilege level
 * differs. The layout is pictured in kernel/segment.h.
 *
 * cpu_tss holds sp0/ss0, the kernel stack the CPU switches to when a trap
 * or interrupt arrives in user mode. doublefault_tss is a whole second
 * task with its own stack: the IDT's #DF entry is a task gate to it, so a
 * double fault (typically a kernel stack overflow: the CPU cannot push the
 * exception frame) switches to a good stack and reports, instead of
 * escalating into a triple fault and a silent reset. Linux i386 does the
 * same (arch/x86/kernel/doublefault_32.c).
 */
#include "kernel/gdt.h"
#include "kernel/desc_defs.h"
#include "kernel/kernel.h"
#include "kernel/segment.h"
#include "kernel/x86.h"
#include "mm/layout.h"

struct desc_ptr {
	u16 size;
	u32 address;
} __attribute__((packed));

/* Access bytes: present, DPL, code/data (S=1) or system (S=0), type. */
#define DESC_KERNEL_CODE 0x9a /* P, DPL0, code, execute/read */
#define DESC_KERNEL_DATA 0x92 /* P, DPL0, data, read/write */
#define DESC_USER_CODE 0xfa   /* P, DPL3, code, execute/read */
#define DESC_USER_DATA 0xf2   /* P, DPL3, data, read/write */
#define DESC_TSS 0x89	      /* P, DPL0, 32-bit available TSS */
#define DESC_FLAGS_4G 0xc     /* G (4 KiB units) and D (32-bit) */
#define DESC_FLAGS_BYTE 0x0   /* byte granular, for the TSSs */

#define X86_EFLAGS_FIXED 0x2 /* bit 1 of EFLAGS always reads 1 */

struct desc_struct gdt_table[GDT_ENTRIES] __attribute__((aligned(8)));
struct x86_hw_tss cpu_tss __attribute__((aligned(64)));
struct x86_hw_tss doublefault_tss __attribute__((aligned(64)));
unsigned long doublefault_stack[DOUBLEFAULT_STACK_SIZE / sizeof(unsigned long)]
    __attribute__((aligned(16)));

extern char boot_stack_top[];		/* boot/boot.asm */
extern void asm_exc_double_fault(void); /* boot/entry.asm: the #DF task's first instruction */

static void set_desc(int idx, u32 base, u32 limit, u8 access, u8 flags)
{
	struct desc_struct *d = &gdt_table[idx];

	d->limit0 = limit & 0xffff;
	d->base0 = base & 0xffff;
	d->base1 = (base >> 16) & 0xff;
	d->access = access;
	d->limit1_flags = (u8)((flags << 4) | ((limit >> 16) & 0xf));
	d->base2 = (base >> 24) & 0xff;
}

/* cpu_tss: only the kernel stack and "no I/O bitmap" (user port I/O faults). */
static void cpu_tss_init(void)
{
	cpu_tss.ss0 = __KERNEL_DS;
	cpu_tss.sp0 = (u32)boot_stack_top;
	cpu_tss.io_bitmap_base = sizeof(struct x86_hw_tss);
}

/*
 * doublefault_tss: a complete register state. The CPU loads all of it on
 * the task switch, so the handler starts on doublefault_stack with kernel
 * segments, interrupts off, and EBP = 0 (its backtrace ends there).
 */
static void doublefault_tss_init(void)
{
	struct x86_hw_tss *t = &doublefault_tss;
	u32 top = (u32)doublefault_stack + sizeof(doublefault_stack);

	t->sp0 = top;
	t->ss0 = __KERNEL_DS;
	t->__cr3 = (u32)read_cr3();
	t->ip = (u32)asm_exc_double_fault;
	t->flags = X86_EFLAGS_FIXED;
	t->sp = top;
	t->bp = 0;
	t->cs = __KERNEL_CS;
	t->ss = t->ds = t->es = t->fs = t->gs = __KERNEL_DS;
	t->io_bitmap_base = sizeof(struct x86_hw_tss);
}

/* Load the GDT, then reload CS (far jump) and the data segment registers. */
static void load_gdt(void)
{
	struct desc_ptr gdtr = { sizeof(gdt_table) - 1, (u32)gdt_table };

	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\n\t"
			 "mov %2, %%ax\n\t"
			 "mov %%ax, %%ds\n\t"
			 "mov %%ax, %%es\n\t"
			 "mov %%ax, %%ss\n\t"
			 "xor %%eax, %%eax\n\t"
			 "mov %%ax, %%fs\n\t"
			 "mov %%ax, %%gs\n\t"
			 :
			 : "m"(gdtr), "i"(__KERNEL_CS), "i"(__KERNEL_DS)
			 : "eax", "memory");
	__asm__ volatile("ltr %w0" : : "r"(__TSS));
}

void gdt_init(void)
{
	set_desc(GDT_ENTRY_KERNEL_CS, 0, 0xfffff, DESC_KERNEL_CODE, DESC_FLAGS_4G);
	set_desc(GDT_ENTRY_KERNEL_DS, 0, 0xfffff, DESC_KERNEL_DATA, DESC_FLAGS_4G);
	set_desc(GDT_ENTRY_DEFAULT_USER_CS, 0, 0xfffff, DESC_USER_CODE, DESC_FLAGS_4G);
	set_desc(GDT_ENTRY_DEFAULT_USER_DS, 0, 0xfffff, DESC_USER_DATA, DESC_FLAGS_4G);
	cpu_tss_init();
	doublefault_tss_init();
	set_desc(GDT_ENTRY_TSS, (u32)&cpu_tss, sizeof(cpu_tss) - 1, DESC_TSS, DESC_FLAGS_BYTE);
	set_desc(GDT_ENTRY_DOUBLEFAULT_TSS, (u32)&doublefault_tss, sizeof(doublefault_tss) - 1,
		 DESC_TSS, DESC_FLAGS_BYTE);
	load_gdt();
}

void tss_set_kernel_stack(unsigned long esp0)
{
	cpu_tss.sp0 = esp0;
}

void tss_set_doublefault_cr3(unsigned long cr3)
{
	doublefault_tss.__cr3 = cr3;
}
