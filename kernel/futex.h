/* futex(2) wait and wake (kernel/futex.c), with Linux's op codes (uapi/linux/futex.h). */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H

#include "kernel/kernel.h"

#ifndef __user
#define __user
#endif

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY 0xffffffff

#define ROBUST_LIST_HEAD_SIZE 12 /* struct robust_list_head on i386 */

long sys_set_robust_list(unsigned long head, size_t len);
long sys_get_robust_list(int pid, unsigned long __user *head_ptr, size_t __user *len_ptr);
/* old32: utime is the old 32-bit timespec (futex, 240), else 64-bit (futex_time64, 422). */
long sys_futex(u32 __user *uaddr, int op, u32 val, const void __user *utime, u32 __user *uaddr2,
	       u32 val3, bool old32);

#endif
