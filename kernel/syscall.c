/*
 * int $0x80 system calls. NOT DONE: the system call table (Linux's i386
 * numbers, sys_exit, sys_write, sys_brk ...) comes with issue 4, together
 * with processes. Until then every call fails with -ENOSYS, which is what
 * Linux answers for a number it does not know.
 */
#include "kernel/syscall.h"
#include "kernel/errno.h"

void do_int80_syscall(struct pt_regs *regs)
{
	regs->ax = (unsigned long)-ENOSYS;
}
