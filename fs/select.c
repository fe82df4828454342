/*
 * poll, ppoll, select (_newselect) and pselect6 (Linux's fs/select.c).
 *
 * One loop does them all (do_poll): ask each file what it is ready for
 * (its f_op->poll; a file without one is always readable and writable,
 * Linux's DEFAULT_POLLMASK), and if nothing is, sleep on every wait queue
 * the files named until one of them is woken, a signal arrives or the
 * timeout passes, then ask again. select's three fd sets are turned into
 * poll events and back (Linux's POLLIN_SET, POLLOUT_SET, POLLEX_SET).
 *
 * ppoll and pselect6 block the given signal mask while they wait and put
 * the old one back on the way out (set_restore_sigmask), so a handler for
 * a signal they let through runs with the caller's mask. Timeouts are in
 * ticks, rounded up; select and pselect6 write the time left back, as
 * Linux does. An interrupted call fails with EINTR.
 */
#include "fs/file.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/sys_time.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"
#include "mm/slab.h"
#include "uapi/asm-generic/poll.h"

#define POLLIN_SET (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET POLLPRI
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct pollfd {
	int fd;
	short events, revents;
};

/* fd's ready events now, and where to wait for a change (*wq, may stay NULL). */
static unsigned int vfs_poll(int fd, struct wait_queue_head **wq)
{
	struct file *f = fget(fd);

	if (!f)
		return POLLNVAL;
	return f->f_op->poll ? f->f_op->poll(f, wq) : DEFAULT_POLLMASK;
}

/*
 * Fill each pfd's revents until one is ready, ticks pass (< 0: no limit)
 * or a signal comes. The number ready, 0 at the timeout, -EINTR, -ENOMEM.
 * *left gets the ticks left.
 */
static long do_poll(struct pollfd *pfds, unsigned int n, long ticks, long *left)
{
	struct wait_queue_entry *waits = kzalloc((n ? n : 1) * sizeof(*waits), GFP_KERNEL);
	struct wait_queue_head **wqs = kzalloc((n ? n : 1) * sizeof(*wqs), GFP_KERNEL);
	long count = -ENOMEM;

	if (!waits || !wqs)
		goto out;
	for (unsigned int i = 0; i < n; i++)
		INIT_LIST_HEAD(&waits[i].entry);
	for (;;) {
		count = 0;
		for (unsigned int i = 0; i < n; i++) {
			unsigned int mask = pfds[i].fd < 0 ? 0 : vfs_poll(pfds[i].fd, &wqs[i]);

			if (wqs[i])
				prepare_to_wait(wqs[i], &waits[i], TASK_INTERRUPTIBLE);
			pfds[i].revents = (short)(mask & ((unsigned short)pfds[i].events | POLLERR |
							  POLLHUP | POLLNVAL));
			count += pfds[i].revents != 0;
		}
		if (count || !ticks)
			break;
		if (signal_pending_current()) {
			count = -EINTR;
			break;
		}
		current->state = TASK_INTERRUPTIBLE;
		ticks = ticks < 0 ? (schedule_timeout(0x7fffffff), -1) : schedule_timeout(ticks);
	}
	for (unsigned int i = 0; i < n; i++)
		if (wqs[i])
			finish_wait(wqs[i], &waits[i]);
	current->state = TASK_RUNNING;
	*left = ticks;
out:
	kfree(waits);
	kfree(wqs);
	return count;
}

static long ms_to_ticks(int ms)
{
	return ms < 0 ? -1 : (long)DIV_ROUND_UP((unsigned long)ms * HZ, 1000);
}

static long ts_to_ticks(const struct timespec64 *ts)
{
	s64 ns = ts->tv_sec * (s64)NSEC_PER_SEC + ts->tv_nsec;

	return (long)min((ns + (s64)TICK_NSEC - 1) / (s64)TICK_NSEC, (s64)0x7ffffffe);
}

/* poll/ppoll's common part: copy the pollfds in and the revents out. */
static long poll_user(struct pollfd __user *ufds, unsigned int nfds, long ticks)
{
	struct pollfd *pfds;
	long ret, left;

	if (nfds > current->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EINVAL;
	pfds = kmalloc((nfds ? nfds : 1) * sizeof(*pfds), GFP_KERNEL);
	if (!pfds)
		return -ENOMEM;
	ret = copy_from_user(pfds, ufds, nfds * sizeof(*pfds)) ? -EFAULT : 0;
	if (!ret)
		ret = do_poll(pfds, nfds, ticks, &left);
	for (unsigned int i = 0; ret >= 0 && i < nfds; i++)
		if (copy_to_user(&ufds[i].revents, &pfds[i].revents, sizeof(short)))
			ret = -EFAULT;
	kfree(pfds);
	return ret == -EINTR ? -ERESTARTNOHAND : ret;
}

long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_ms)
{
	return poll_user(ufds, nfds, ms_to_ticks(timeout_ms));
}

/* Block *usigmask (if given) until the return to user mode; 0 or -errno. */
static long set_user_sigmask(const u64 __user *usigmask, size_t sigsetsize)
{
	u64 mask;

	if (!usigmask)
		return 0;
	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&mask, usigmask, sizeof(mask)))
		return -EFAULT;
	set_restore_sigmask(mask);
	return 0;
}

/* A ppoll/pselect6 timeout from user space in ticks; 0, -EFAULT or -EINVAL (a bad timespec). */
static long timeout_ticks(const void __user *tsp, bool old32, long *ticks)
{
	struct timespec64 ts;

	if (get_timespec(&ts, tsp, old32))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	*ticks = ts_to_ticks(&ts);
	return 0;
}

long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds, const void __user *tsp,
	       const u64 __user *sigmask, size_t sigsetsize, bool old32)
{
	long ticks = -1, err;

	err = tsp ? timeout_ticks(tsp, old32, &ticks) : 0;
	if (err)
		return err;
	err = set_user_sigmask(sigmask, sigsetsize);
	if (err)
		return err;
	err = poll_user(ufds, nfds, ticks);
	return err == -ERESTARTNOHAND ? -EINTR : err;
}

/* ---- select ------------------------------------------------------------------- */

#define FDS_BYTES(n) (DIV_ROUND_UP((unsigned long)(n), 32) * 4)

static bool fd_isset(const u32 *set, int fd)
{
	return set && (set[fd / 32] >> (fd % 32) & 1);
}

/*
 * select over the n first fds of three user bitmaps (any may be NULL);
 * the count of bits set in the result, which replaces the bitmaps.
 */
static long do_select(int n, u32 __user *uin, u32 __user *uout, u32 __user *uex, long *ticks)
{
	u32 *sets[3] = { NULL, NULL, NULL };
	u32 __user *usets[3] = { uin, uout, uex };
	static const unsigned int want[3] = { POLLIN_SET, POLLOUT_SET, POLLEX_SET };
	struct pollfd *pfds = NULL;
	u8 *member = NULL; /* bit s: the fd was in set s */
	unsigned int nr = 0;
	long ret = -ENOMEM;

	if (n < 0)
		return -EINVAL;
	for (int s = 0; s < 3; s++) {
		if (!usets[s])
			continue;
		sets[s] = kzalloc(FDS_BYTES(n) + 4, GFP_KERNEL);
		if (!sets[s])
			goto out;
		if (copy_from_user(sets[s], usets[s], FDS_BYTES(n))) {
			ret = -EFAULT;
			goto out;
		}
	}
	pfds = kmalloc((n ? (unsigned int)n : 1) * sizeof(*pfds), GFP_KERNEL);
	member = kmalloc(n ? (unsigned int)n : 1, GFP_KERNEL);
	if (!pfds || !member)
		goto out;
	for (int fd = 0; fd < n; fd++) {
		short events = 0;

		member[nr] = 0;
		for (int s = 0; s < 3; s++) {
			if (fd_isset(sets[s], fd)) {
				events |= (short)want[s];
				member[nr] |= 1 << s;
			}
		}
		if (!events)
			continue;
		if (!fget(fd)) {
			ret = -EBADF;
			goto out;
		}
		pfds[nr++] = (struct pollfd){ fd, events, 0 };
	}
	ret = do_poll(pfds, nr, *ticks, ticks);
	if (ret < 0)
		goto out;
	ret = 0;
	for (int s = 0; s < 3; s++)
		if (sets[s])
			memset(sets[s], 0, FDS_BYTES(n));
	for (unsigned int i = 0; i < nr; i++) {
		for (int s = 0; s < 3; s++) {
			if ((member[i] & (1 << s)) && (want[s] & (unsigned short)pfds[i].revents)) {
				sets[s][pfds[i].fd / 32] |= 1U << (pfds[i].fd % 32);
				ret++;
			}
		}
	}
	for (int s = 0; s < 3; s++)
		if (sets[s] && copy_to_user(usets[s], sets[s], FDS_BYTES(n)))
			ret = -EFAULT;
out:
	for (int s = 0; s < 3; s++)
		kfree(sets[s]);
	kfree(pfds);
	kfree(member);
	return ret;
}

/* _newselect(n, in, out, ex, tv): select with a timeval, updated with the time left. */
long sys_select(int n, u32 __user *in, u32 __user *out, u32 __user *ex,
		struct old_timeval32 __user *tvp)
{
	struct old_timeval32 tv;
	long ticks = -1, ret;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		ticks = (long)min(((s64)tv.tv_sec * 1000000 + tv.tv_usec + 1000000 / HZ - 1) /
				      (1000000 / HZ),
				  (s64)0x7ffffffe);
	}
	ret = do_select(n, in, out, ex, &ticks);
	if (tvp && ret != -EFAULT) {
		tv.tv_sec = (s32)(ticks < 0 ? 0 : ticks / HZ);
		tv.tv_usec = (s32)(ticks < 0 ? 0 : ticks % HZ * (1000000 / HZ));
		if (copy_to_user(tvp, &tv, sizeof(tv)))
			return -EFAULT;
	}
	return ret == -EINTR ? -ERESTARTNOHAND : ret;
}

/*
 * pselect6(n, in, out, ex, ts, sig): select with a timespec (left as it
 * was: glibc does not read it back) and the mask in sig, which points at
 * { const sigset_t *ss; size_t ss_len }.
 */
long sys_pselect6(int n, u32 __user *in, u32 __user *out, u32 __user *ex, void __user *tsp,
		  const u32 __user *sig, bool old32)
{
	u32 sigargs[2] = { 0, 0 };
	long ticks = -1, err;

	err = tsp ? timeout_ticks(tsp, old32, &ticks) : 0;
	if (err)
		return err;
	if (sig && copy_from_user(sigargs, sig, sizeof(sigargs)))
		return -EFAULT;
	err = set_user_sigmask((const u64 __user *)(unsigned long)sigargs[0], sigargs[1]);
	if (err)
		return err;
	return do_select(n, in, out, ex, &ticks);
}
