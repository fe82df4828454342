/*
 * Thread-local storage segments: set_thread_area(243) and
 * get_thread_area(244), as Linux's arch/x86/kernel/tls.c.
 *
 * glibc keeps its thread pointer in %gs: at start-up it asks for a data
 * segment whose base is its thread control block (entry_number -1: "any
 * free TLS entry") and loads the selector the kernel reports back, entry
 * * 8 + 3. Each task owns three such descriptors (thread.tls_array); they
 * are GDT entries 6, 7 and 8 while the task runs: context_switch copies
 * the next task's three into the GDT (load_TLS), and the user's %fs/%gs,
 * popped from pt_regs on the way back to user mode, then load them.
 *
 * fork copies the array, execve clears it. A selector left in a saved
 * segment register that no longer names a usable segment (its TLS entry
 * was cleared) is replaced by the null selector, as Linux's loadsegment
 * fixup does, so the return to user mode cannot fault in the kernel.
 */
#include "kernel/tls.h"
#include "kernel/desc_defs.h"
#include "kernel/errno.h"
#include "kernel/gdt.h"
#include "kernel/ptrace.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"

/* Linux's struct user_desc (asm/ldt.h): what the two calls exchange. */
struct user_desc {
	unsigned int entry_number;
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit : 1;
	unsigned int contents : 2; /* 0 data, 1 expand-down data, 2 code */
	unsigned int read_exec_only : 1;
	unsigned int limit_in_pages : 1;
	unsigned int seg_not_present : 1;
	unsigned int useable : 1;
};

/* The descriptor bits the user asks for (Linux's fill_ldt). */
static void fill_ldt(struct desc_struct *d, const struct user_desc *info)
{
	d->limit0 = info->limit & 0xffff;
	d->base0 = info->base_addr & 0xffff;
	d->base1 = (info->base_addr >> 16) & 0xff;
	d->access = (u8)((!info->seg_not_present) << 7 | 3 << 5 | 1 << 4 | info->contents << 2 |
			 (!info->read_exec_only) << 1 | 1); /* P, DPL 3, S, type, accessed */
	d->limit1_flags = (u8)(info->limit_in_pages << 7 | info->seg_32bit << 6 |
			       info->useable << 4 | ((info->limit >> 16) & 0xf));
	d->base2 = (info->base_addr >> 24) & 0xff;
}

/* The user_desc a descriptor came from (Linux's fill_user_desc). */
static void fill_user_desc(struct user_desc *info, int idx, const struct desc_struct *d)
{
	memset(info, 0, sizeof(*info));
	info->entry_number = (unsigned int)idx;
	info->base_addr = d->base0 | (u32)d->base1 << 16 | (u32)d->base2 << 24;
	info->limit = d->limit0 | (u32)(d->limit1_flags & 0xf) << 16;
	info->seg_32bit = (d->limit1_flags >> 6) & 1;
	info->contents = (d->access >> 2) & 3;
	info->read_exec_only = !((d->access >> 1) & 1);
	info->limit_in_pages = (d->limit1_flags >> 7) & 1;
	info->seg_not_present = !(d->access & DESC_PRESENT);
	info->useable = (d->limit1_flags >> 4) & 1;
}

/* "Clear this entry": all zero, or Linux's LDT_empty pattern. */
static bool user_desc_empty(const struct user_desc *info)
{
	bool zero = !info->base_addr && !info->limit && !info->contents && !info->seg_32bit &&
		    !info->limit_in_pages && !info->useable;

	return zero && ((!info->read_exec_only && !info->seg_not_present) ||
			(info->read_exec_only && info->seg_not_present));
}

static bool desc_empty(const struct desc_struct *d)
{
	static const struct desc_struct zero;

	return !memcmp(d, &zero, sizeof(zero));
}

/* Linux's tls_desc_okay: only 32-bit data segments go in the TLS array. */
static bool tls_desc_okay(const struct user_desc *info)
{
	return user_desc_empty(info) || (info->seg_32bit && info->contents <= 1);
}

/*
 * The live %fs and %gs still hold the last user values (the kernel does
 * not use them, and the entry code saves them only into pt_regs). Once the
 * TLS entries change under them, an interrupt taken in the kernel would
 * save a selector that no longer names a usable segment and fault when it
 * pops it, so they become null: what user mode gets back comes from the
 * saved pt_regs anyway.
 */
void load_TLS(const struct task_struct *t)
{
	__asm__ volatile("mov %0, %%fs\n\tmov %0, %%gs" : : "r"(0));
	memcpy(&gdt_table[GDT_ENTRY_TLS_MIN], t->thread.tls_array, sizeof(t->thread.tls_array));
}

bool tls_selector_usable(const struct task_struct *t, unsigned short sel)
{
	unsigned int idx = sel >> 3;

	if ((sel & 7) != USER_RPL) /* a GDT selector (TI 0) asking for ring 3 */
		return false;
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return false;
	return t->thread.tls_array[idx - GDT_ENTRY_TLS_MIN].access & DESC_PRESENT;
}

/* Saved segment registers that name an unusable TLS entry become null. */
static void fixup_user_segments(struct pt_regs *regs)
{
	unsigned short *seg[] = { &regs->ds, &regs->es, &regs->fs, &regs->gs };

	for (size_t i = 0; i < ARRAY_SIZE(seg); i++) {
		unsigned int idx = *seg[i] >> 3;

		if (idx >= GDT_ENTRY_TLS_MIN && idx <= GDT_ENTRY_TLS_MAX &&
		    !tls_selector_usable(current, *seg[i]))
			*seg[i] = 0;
	}
}

/* t's first free TLS entry's GDT index, or -ESRCH if all three are in use. */
static int get_free_idx(const struct task_struct *t)
{
	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		if (desc_empty(&t->thread.tls_array[i]))
			return GDT_ENTRY_TLS_MIN + i;
	return -ESRCH;
}

/*
 * Install (or clear) t's TLS descriptor u_info->entry_number, 6..8, or
 * with can_allocate the first free one for -1, whose number is then
 * written back (Linux's do_set_thread_area). 0, or -EFAULT, -EINVAL (bad
 * entry or segment), -ESRCH (no free entry).
 */
static long do_set_thread_area(struct task_struct *t, struct user_desc __user *u_info,
			       bool can_allocate)
{
	struct user_desc info;
	struct desc_struct *d;
	int idx;

	if (copy_from_user(&info, u_info, sizeof(info)))
		return -EFAULT;
	if (!tls_desc_okay(&info))
		return -EINVAL;
	idx = (int)info.entry_number;
	if (idx == -1 && can_allocate) {
		idx = get_free_idx(t);
		if (idx < 0)
			return idx;
		if (put_user_int(idx, (int __user *)&u_info->entry_number))
			return -EFAULT;
	}
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	d = &t->thread.tls_array[idx - GDT_ENTRY_TLS_MIN];
	if (user_desc_empty(&info))
		memset(d, 0, sizeof(*d));
	else
		fill_ldt(d, &info);
	return 0;
}

/* set_thread_area(u_info): see do_set_thread_area; the new segment is live at once. */
long sys_set_thread_area(struct pt_regs *regs, struct user_desc __user *u_info)
{
	long err = do_set_thread_area(current, u_info, true);

	if (err)
		return err;
	load_TLS(current);
	fixup_user_segments(regs);
	return 0;
}

long tls_set_for(struct task_struct *p, struct user_desc __user *u_info)
{
	return do_set_thread_area(p, u_info, false);
}

/* get_thread_area(u_info): the descriptor of entry u_info->entry_number; 0, -EFAULT or -EINVAL. */
long sys_get_thread_area(struct user_desc __user *u_info)
{
	struct user_desc info;
	int idx;

	if (get_user_ulong((unsigned long *)&idx,
			   (const unsigned long __user *)&u_info->entry_number))
		return -EFAULT;
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	fill_user_desc(&info, idx, &current->thread.tls_array[idx - GDT_ENTRY_TLS_MIN]);
	return copy_to_user(u_info, &info, sizeof(info)) ? -EFAULT : 0;
}

void tls_exec_reset(struct task_struct *t)
{
	memset(t->thread.tls_array, 0, sizeof(t->thread.tls_array));
	load_TLS(t);
}
