/*
 * Reading and writing user memory from the kernel (kernel/uaccess.c,
 * boot/uaccess.asm).
 *
 * A user pointer is first range-checked (access_ok: entirely below
 * TASK_SIZE). The copy itself runs with the user's page tables, so a page
 * not yet present is faulted in by the page-fault handler like any user
 * access; if the address is not mapped at all (or not writable), the fault
 * handler finds the faulting instruction in the exception table (__ex_table)
 * and resumes at its fixup, and the copy reports the bytes it could not
 * move. So a bad pointer gives EFAULT, never a kernel oops (Linux's design).
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include "kernel/types.h"
#include "mm/layout.h"

#define __user

static inline bool access_ok(const void __user *addr, unsigned long size)
{
	uintptr_t a = (uintptr_t)addr;

	return a <= TASK_SIZE && size <= TASK_SIZE - a;
}

/* Both return the number of bytes NOT copied (0 on success). */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);

/* Copy a string of at most count bytes (including the NUL): its length,
 * -EFAULT, or -ENAMETOOLONG if no NUL within count. */
long strncpy_from_user(char *dst, const char __user *src, long count);

int get_user_ulong(unsigned long *val, const unsigned long __user *uaddr); /* 0 or -EFAULT */
int put_user_ulong(unsigned long val, unsigned long __user *uaddr);
int put_user_int(int val, int __user *uaddr);

/* The exception table: a faulting kernel instruction and where to resume. */
struct exception_table_entry {
	unsigned long insn, fixup;
};
unsigned long search_exception_tables(unsigned long ip); /* fixup address or 0 */

#endif
