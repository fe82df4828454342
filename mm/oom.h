/*
 * The out-of-memory killer's entry point (mm/oom_kill.c), Linux's
 * include/linux/oom.h.
 */
#ifndef MM_OOM_H
#define MM_OOM_H

#include "mm/gfp.h"

struct oom_control {
	gfp_t gfp_mask; /* of the allocation that failed */
	int order;
};

bool out_of_memory(struct oom_control *oc);

struct task_struct;
long oom_badness(struct task_struct *p, unsigned long totalpages); /* LONG_MIN: never */
unsigned long oom_totalpages(void); /* RAM + swap, the scale of oom_score_adj */

extern int sysctl_oom_dump_tasks;

#endif
