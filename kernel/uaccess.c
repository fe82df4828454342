/* The C side of kernel/uaccess.h: range checks and the exception table. */
#include "kernel/uaccess.h"
#include "kernel/errno.h"

unsigned long __copy_user(void *to, const void *from, unsigned long n);
unsigned long __clear_user(void *to, unsigned long n);
long __strncpy_from_user(char *dst, const char *src, long count);

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

unsigned long search_exception_tables(unsigned long ip)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == ip)
			return e->fixup;
	return 0;
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (!access_ok(from, n))
		return n;
	return __copy_user(to, from, n);
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return __copy_user(to, from, n);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return __clear_user(to, n);
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long n;

	if ((uintptr_t)src >= TASK_SIZE)
		return -EFAULT;
	if ((unsigned long)count > TASK_SIZE - (uintptr_t)src)
		count = (long)(TASK_SIZE - (uintptr_t)src); /* stop at the kernel boundary */
	n = __strncpy_from_user(dst, src, count);
	if (n < 0)
		return n;
	if (n == count)
		return -ENAMETOOLONG;
	return n;
}

int get_user_ulong(unsigned long *val, const unsigned long __user *uaddr)
{
	return copy_from_user(val, uaddr, sizeof(*val)) ? -EFAULT : 0;
}

int put_user_ulong(unsigned long val, unsigned long __user *uaddr)
{
	return copy_to_user(uaddr, &val, sizeof(val)) ? -EFAULT : 0;
}

int put_user_int(int val, int __user *uaddr)
{
	return copy_to_user(uaddr, &val, sizeof(val)) ? -EFAULT : 0;
}
