/* Restartable sequences (kernel/rseq.c). */
#ifndef KERNEL_RSEQ_H
#define KERNEL_RSEQ_H

#include "kernel/types.h"

struct pt_regs;

long sys_rseq(unsigned long rseq, u32 rseq_len, int flags, u32 sig);
/*
 * On the way to user mode after a switch (current->rseq_event) and before
 * a signal frame: refresh cpu_id, abort an interrupted critical section.
 */
void rseq_handle_notify_resume(struct pt_regs *regs);

#endif
