/* Thread-local storage segments, GDT entries 6..8 per task (kernel/tls.c). */
#ifndef KERNEL_TLS_H
#define KERNEL_TLS_H

#include "kernel/kernel.h"

struct pt_regs;
struct task_struct;
struct user_desc;

#ifndef __user
#define __user
#endif

/* Copy t's three TLS descriptors into the GDT (at every switch to t). */
void load_TLS(const struct task_struct *t);
/* Is sel a ring-3 selector of one of t's TLS entries that is present? */
bool tls_selector_usable(const struct task_struct *t, unsigned short sel);
/* execve: the new program starts with no TLS segments (t is current). */
void tls_exec_reset(struct task_struct *t);

/* clone(CLONE_SETTLS): the child p's TLS entry from u_info (no -1); 0 or -errno. */
long tls_set_for(struct task_struct *p, struct user_desc __user *u_info);
long sys_set_thread_area(struct pt_regs *regs, struct user_desc __user *u_info);
long sys_get_thread_area(struct user_desc __user *u_info);

#endif
