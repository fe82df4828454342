/*
 * The out-of-memory killer (Linux's mm/oom_kill.c).
 *
 * NOT DONE YET: the OOM killer arrives with issue 7 (it needs processes to
 * choose from and kill). Until then out_of_memory() reports that it could
 * not free anything, and the allocation that asked fails cleanly.
 */
#include "mm/oom.h"

/* Returns true if memory was (or will soon be) freed: never, yet. */
bool out_of_memory(struct oom_control *oc)
{
	(void)oc;
	return false;
}
