/* System-call entry and the process-level sys_* calls (numbers: uapi/asm/unistd_32.h). */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "kernel/ptrace.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "uapi/linux/resource.h"
#include "uapi/asm/unistd_32.h"

/*
 * Linux's i386 ABI: number in regs->orig_ax (eax at entry), arguments in
 * bx, cx, dx, si, di, bp; the result or -errno goes back in regs->ax.
 */
void do_int80_syscall(struct pt_regs *regs);
/* The table's entry for nr, or NULL (kernel/syscall_32.c). */
long (*syscall_entry(unsigned long nr))(struct pt_regs *);
/* Every i386 call's name by number, NULL in the gaps (generated: build/syscalltbl.c). */
extern const char *const syscall_names[];
extern const unsigned long nr_syscall_names;
long do_fork(struct pt_regs *regs);
long sys_execve(struct pt_regs *regs);
long sys_wait4(pid_t pid, int __user *status, int options, struct rusage __user *rusage);
long sys_exit(int code) __noreturn;
long sys_exit_group(int code) __noreturn;
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);

#endif
