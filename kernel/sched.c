/*
 * The scheduler. NOT DONE: it arrives with issue 4 (tasks, context switch,
 * time slices). Until then there is one context (the boot code) and the
 * timer tick has nothing to account.
 */
#include "kernel/sched.h"

void scheduler_tick(void)
{
	/* Issue 4: account the tick to current, expire its slice, set need_resched. */
}
