/* System calls through int $0x80 (kernel/syscall.c). */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "kernel/ptrace.h"

/*
 * Linux's i386 ABI: number in regs->orig_ax (eax at entry), arguments in
 * bx, cx, dx, si, di, bp; the result or -errno goes back in regs->ax.
 */
void do_int80_syscall(struct pt_regs *regs);

#endif
