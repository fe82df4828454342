/* Linux Kernel Dump Test Module, built in (kernel/lkdtm.c). */
#ifndef KERNEL_LKDTM_H
#define KERNEL_LKDTM_H

/* If lkdtm=NAME was given, trigger that crash point now (after trap_init and time_init). */
void lkdtm_init(void);

#endif
