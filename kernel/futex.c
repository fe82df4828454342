/*
 * Fast user-space locks: futex(2)'s wait and wake (Linux's kernel/futex/).
 *
 * A C library's lock is a word in user memory that user code changes with
 * atomic instructions; only a contended lock calls the kernel: FUTEX_WAIT
 * sleeps if the word still holds the value the caller saw (else EAGAIN:
 * it changed, look again), FUTEX_WAKE wakes up to n sleepers on the word.
 * The _BITSET forms add a mask: a wake reaches the waiters whose mask
 * shares a bit with it (and WAIT_BITSET's timeout is absolute).
 *
 * Each sleeper is a futex_q on its own kernel stack, in one list for the
 * whole system, keyed by (address space, user address). Linux hashes the
 * keys into buckets and keys a shared mapping by its page and offset so
 * that two processes can meet on it; Tidemark has no threads and the key
 * is always private, which is what glibc asks for (FUTEX_PRIVATE_FLAG) in
 * a single-threaded program. Requeueing and FUTEX_WAKE_OP, which only
 * threaded condition variables use, answer ENOSYS.
 */
#include "kernel/futex.h"
#include "kernel/errno.h"
#include "kernel/list.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/sys_time.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "uapi/linux/time.h"

struct futex_q {
	struct list_head list;
	struct mm_struct *mm;
	unsigned long uaddr;
	u32 bitset;
	struct task_struct *task;
	bool woken;
};

static LIST_HEAD(futex_queue);

/*
 * Sleep on uaddr while it holds val, for at most ticks (< 0: forever).
 * 0 when woken, -EAGAIN if the word differs, -ETIMEDOUT, -EINTR (a signal:
 * Linux restarts an untimed wait, which glibc retries anyway), -EFAULT.
 */
static long futex_wait(u32 __user *uaddr, u32 val, u32 bitset, long ticks)
{
	struct futex_q q = {
		.mm = current->mm, .uaddr = (unsigned long)uaddr, .bitset = bitset, .task = current
	};
	unsigned long word;
	long err = 0;

	if (!bitset)
		return -EINVAL;
	list_add_tail(&q.list, &futex_queue);
	/* Queued before the word is read: a wake from here on is seen. */
	if (get_user_ulong(&word, (const unsigned long __user *)uaddr))
		err = -EFAULT;
	else if ((u32)word != val)
		err = -EAGAIN;
	while (!err && !q.woken) {
		long left;

		current->state = TASK_INTERRUPTIBLE;
		left = schedule_timeout(ticks < 0 ? 0x7fffffff : ticks);
		if (q.woken)
			break;
		if (signal_pending_current())
			err = -EINTR;
		else if (ticks >= 0 && !left)
			err = -ETIMEDOUT;
		else if (ticks >= 0)
			ticks = left;
	}
	list_del(&q.list);
	return err;
}

/* Wake up to nr sleepers on uaddr whose bitset meets bitset; how many were woken. */
static long futex_wake(u32 __user *uaddr, int nr, u32 bitset)
{
	struct futex_q *q, *n;
	long woken = 0;

	if (!bitset)
		return -EINVAL;
	list_for_each_entry_safe(q, n, &futex_queue, list) {
		if (woken >= nr)
			break;
		if (q->mm != current->mm || q->uaddr != (unsigned long)uaddr ||
		    !(q->bitset & bitset))
			continue;
		q->woken = true;
		wake_up_process(q->task);
		woken++;
	}
	return woken;
}

/* The wait's timeout in ticks (< 0: none); absolute for WAIT_BITSET. 0 or -errno. */
static long futex_timeout(int cmd, int op, const void __user *utime, bool old32, long *ticks)
{
	struct timespec64 ts, now;
	s64 ns;

	*ticks = -1;
	if (!utime)
		return 0;
	if (old32) {
		struct old_timespec32 t;

		if (copy_from_user(&t, utime, sizeof(t)))
			return -EFAULT;
		ts.tv_sec = t.tv_sec;
		ts.tv_nsec = t.tv_nsec;
	} else if (copy_from_user(&ts, utime, sizeof(ts))) {
		return -EFAULT;
	}
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	ns = ts.tv_sec * (s64)NSEC_PER_SEC + ts.tv_nsec;
	if (cmd == FUTEX_WAIT_BITSET) {
		kclock_gettime((op & FUTEX_CLOCK_REALTIME) ? CLOCK_REALTIME : CLOCK_MONOTONIC,
			       &now);
		ns -= now.tv_sec * (s64)NSEC_PER_SEC + now.tv_nsec;
		if (ns < 0)
			ns = 0;
	}
	*ticks = (long)((ns + (s64)TICK_NSEC - 1) / (s64)TICK_NSEC);
	return 0;
}

/*
 * set_robust_list(head, len): where the thread keeps the list of robust
 * futexes it holds; Linux walks it at exit to wake the waiters of a dead
 * owner. With one thread per process and private futexes, nobody else can
 * wait on them, so the head is only kept (get_robust_list reports it).
 */
long sys_set_robust_list(unsigned long head, size_t len)
{
	if (len != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

long sys_get_robust_list(int pid, unsigned long __user *head_ptr, size_t __user *len_ptr)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	if (!p)
		return -ESRCH;
	if (put_user_ulong(p->robust_list, head_ptr) ||
	    put_user_ulong(ROBUST_LIST_HEAD_SIZE, (unsigned long __user *)len_ptr))
		return -EFAULT;
	return 0;
}

long sys_futex(u32 __user *uaddr, int op, u32 val, const void __user *utime, u32 __user *uaddr2,
	       u32 val3, bool old32)
{
	int cmd = op & FUTEX_CMD_MASK;
	long ticks, err;

	(void)uaddr2;
	if ((unsigned long)uaddr & 3)
		return -EINVAL;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAIT_BITSET:
		err = futex_timeout(cmd, op, utime, old32, &ticks);
		return err ? err : futex_wait(uaddr, val, val3, ticks);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, (int)val, val3);
	default:
		return -ENOSYS;
	}
}
