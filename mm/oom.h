/*
 * The out-of-memory killer's entry point (mm/oom_kill.c), Linux's
 * include/linux/oom.h.
 */
#ifndef MM_OOM_H
#define MM_OOM_H

#include "mm/gfp.h"

struct oom_control {
	gfp_t gfp_mask;		/* of the allocation that failed */
	int order;
};

bool out_of_memory(struct oom_control *oc);

#endif
