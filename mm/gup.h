/* Another process's memory, read from the kernel (mm/gup.c). */
#ifndef MM_GUP_H
#define MM_GUP_H

#include "mm/mmap.h"

/*
 * Copy len bytes at addr in mm into buf, faulting pages in (from swap too)
 * as a read by the owner would. Returns the bytes copied: fewer than len
 * if addr + done is outside a readable VMA or a fault failed. May sleep.
 */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len);

#endif
