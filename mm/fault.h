/* The user side of the page-fault handler (mm/fault.c). */
#ifndef MM_FAULT_H
#define MM_FAULT_H

#include "kernel/traps.h" /* the X86_PF_* error code bits */

struct pt_regs;
bool do_user_addr_fault(struct pt_regs *regs, unsigned long error_code, unsigned long address);

#endif
