/*
 * Wait queues: a task that must wait for something puts itself on the
 * queue of that something and sleeps; whoever makes it happen calls
 * wake_up. Linux's names. The condition is always re-checked after the
 * task is marked sleeping, so a wake-up between the check and schedule()
 * is never lost (wake_up makes the task runnable again).
 */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include "kernel/errno.h"
#include "kernel/list.h"

struct task_struct;

typedef struct wait_queue_head {
	struct list_head head;
} wait_queue_head_t;

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

/* A waiter on the caller's stack, not yet on any queue. */
#define DEFINE_WAIT(name) struct wait_queue_entry name = { NULL, LIST_HEAD_INIT((name).entry) }

#define __WAIT_QUEUE_HEAD_INITIALIZER(name)                                                        \
	{                                                                                          \
		LIST_HEAD_INIT((name).head)                                                        \
	}
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

static inline void init_waitqueue_head(wait_queue_head_t *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *w, long state);
void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *w);
void wake_up(wait_queue_head_t *wq); /* wake every waiter */
bool signal_pending_current(void);

/*
 * Sleep until cond is true. The _interruptible form also returns early,
 * with -ERESTARTSYS, when a signal is pending (as Linux's wait_event_interruptible;
 * the signal code makes that EINTR or restarts the system call).
 * __wait_event is the uninterruptible loop, sleeping with sched().
 */
#define __wait_event(wq, cond, sched)                                                              \
	do {                                                                                       \
		DEFINE_WAIT(__w);                                                                  \
		for (;;) {                                                                         \
			prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE);                        \
			if (cond)                                                                  \
				break;                                                             \
			sched();                                                                   \
		}                                                                                  \
		finish_wait(&(wq), &__w);                                                          \
	} while (0)

#define wait_event(wq, cond) __wait_event(wq, cond, schedule)

/* wait_event for a wait on the disk: the sleep counts as iowait (Linux's io_wait_event). */
#define io_wait_event(wq, cond) __wait_event(wq, cond, io_schedule)

#define wait_event_interruptible(wq, cond)                                                         \
	({                                                                                         \
		DEFINE_WAIT(__w);                                                                  \
		int __ret = 0;                                                                     \
		for (;;) {                                                                         \
			prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE);                          \
			if (cond)                                                                  \
				break;                                                             \
			if (signal_pending_current()) {                                            \
				__ret = -ERESTARTSYS;                                              \
				break;                                                             \
			}                                                                          \
			schedule();                                                                \
		}                                                                                  \
		finish_wait(&(wq), &__w);                                                          \
		__ret;                                                                             \
	})

#endif
