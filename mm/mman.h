/* Overcommit accounting (mm/util.c): Committed_AS, CommitLimit, the policies. */
#ifndef MM_MMAN_H
#define MM_MMAN_H

#include "kernel/sysctl.h" /* vm.overcommit_memory, overcommit_ratio, OVERCOMMIT_* */

struct mm_struct;

extern unsigned long sysctl_overcommit_kbytes;
extern unsigned long sysctl_user_reserve_kbytes;
extern unsigned long sysctl_admin_reserve_kbytes;

void init_overcommit_reserves(void);
unsigned long vm_commit_limit(void);			  /* pages */
unsigned long vm_memory_committed(void);		  /* pages */
int __vm_enough_memory(struct mm_struct *mm, long pages); /* 0 or -ENOMEM */
void vm_unacct_memory(long pages);

#endif
