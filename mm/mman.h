/* Overcommit accounting (mm/util.c): Committed_AS, CommitLimit, the policies. */
#ifndef MM_MMAN_H
#define MM_MMAN_H

#include "kernel/types.h"
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
/*
 * May mm grow by npages of an area with vm_flags (Linux's may_expand_vm)?
 * False past RLIMIT_AS (all of it) or RLIMIT_DATA (private writable, not stack).
 */
bool may_expand_vm(struct mm_struct *mm, unsigned long vm_flags, unsigned long npages);
/* brk's RLIMIT_DATA check: heap + data segment past rlim is -ENOSPC (Linux's check_data_rlimit). */
int check_data_rlimit(unsigned long rlim, unsigned long new, unsigned long start,
		      unsigned long end_data, unsigned long start_data);

#endif
