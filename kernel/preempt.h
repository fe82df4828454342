/*
 * Atomic sections (Linux's include/linux/preempt.h and the pagefault_*
 * helpers of linux/uaccess.h). Tidemark never preempts the kernel (a task
 * runs until it sleeps), so preempt_disable() does not stop anything: it
 * counts, and schedule() panics if a task sleeps inside an atomic section
 * (Linux's "BUG: scheduling while atomic"). pagefault_disable() makes a
 * fault on a user address fail at once (copy_from_user returns what it
 * could not copy) instead of sleeping to bring the page in; kmap_atomic()
 * uses both.
 */
#ifndef KERNEL_PREEMPT_H
#define KERNEL_PREEMPT_H

#include "kernel/sched.h"

static inline void preempt_disable(void)
{
	current->preempt_count++;
}

static inline void preempt_enable(void)
{
	if (--current->preempt_count < 0)
		panic("preempt_enable: count below zero");
}

static inline bool in_atomic(void)
{
	return current->preempt_count != 0;
}

static inline void pagefault_disable(void)
{
	current->pagefault_disabled++;
}

static inline void pagefault_enable(void)
{
	if (--current->pagefault_disabled < 0)
		panic("pagefault_enable: count below zero");
}

static inline bool pagefault_disabled(void)
{
	return current->pagefault_disabled != 0;
}

#endif
