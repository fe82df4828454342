/*
 * Restartable sequences: rseq(2) (Linux's kernel/rseq.c).
 *
 * A thread registers a struct rseq in its memory; the kernel keeps its
 * cpu_id fields current and, when the thread was preempted or gets a
 * signal inside a critical section the area names (rseq_cs: a code range
 * and an abort address), moves its instruction pointer to the abort
 * handler before it runs again, so the section restarts instead of
 * finishing with stale per-CPU data. glibc registers one at start-up and
 * reads cpu_id for sched_getcpu.
 *
 * There is one CPU: cpu_id is always 0 and never changes, but a critical
 * section can still be preempted, so the abort rule is kept. The check runs
 * on the way back to user mode after the task was switched out (rseq_event,
 * set by context_switch) and before a signal frame is built.
 */
#include "kernel/rseq.h"
#include "kernel/errno.h"
#include "kernel/ptrace.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"
#include "mm/layout.h"

#define RSEQ_FLAG_UNREGISTER 1
#define ORIG_RSEQ_SIZE 32

/* The user's struct rseq (uapi/linux/rseq.h), the fields the kernel writes. */
struct rseq {
	u32 cpu_id_start;
	u32 cpu_id;
	u64 rseq_cs;
	u32 flags;
	u32 node_id;
	u32 mm_cid;
};

struct rseq_cs {
	u32 version;
	u32 flags;
	u64 start_ip;
	u64 post_commit_offset;
	u64 abort_ip;
};

long sys_rseq(unsigned long rseq, u32 rseq_len, int flags, u32 sig)
{
	if (flags & RSEQ_FLAG_UNREGISTER) {
		if (flags & ~RSEQ_FLAG_UNREGISTER)
			return -EINVAL;
		if (current->rseq != rseq || current->rseq_len != rseq_len)
			return -EINVAL;
		if (current->rseq_sig != sig)
			return -EPERM;
		current->rseq = 0;
		return 0;
	}
	if (flags)
		return -EINVAL;
	if (current->rseq) {
		if (current->rseq != rseq || current->rseq_len != rseq_len)
			return -EINVAL;
		return current->rseq_sig == sig ? -EBUSY : -EPERM;
	}
	if (rseq_len < ORIG_RSEQ_SIZE || (rseq & (ORIG_RSEQ_SIZE - 1)))
		return -EINVAL;
	if (!access_ok((void __user *)rseq, rseq_len))
		return -EFAULT;
	current->rseq = rseq;
	current->rseq_len = rseq_len;
	current->rseq_sig = sig;
	current->rseq_event = true; /* fill cpu_id before the return */
	return 0;
}

/* If regs->ip is inside the registered critical section, send it to the abort handler. */
static int rseq_ip_fixup(struct pt_regs *regs, struct rseq __user *rs)
{
	struct rseq_cs cs;
	u64 ptr;
	u32 sig;

	if (copy_from_user(&ptr, &rs->rseq_cs, sizeof(ptr)))
		return -EFAULT;
	if (!ptr)
		return 0;
	if (ptr >= TASK_SIZE ||
	    copy_from_user(&cs, (const void __user *)(unsigned long)ptr, sizeof(cs)))
		return -EFAULT;
	if (cs.version || cs.start_ip >= TASK_SIZE ||
	    cs.start_ip + cs.post_commit_offset > TASK_SIZE || cs.abort_ip >= TASK_SIZE ||
	    cs.abort_ip < 4 ||
	    (cs.abort_ip >= cs.start_ip && cs.abort_ip < cs.start_ip + cs.post_commit_offset))
		return -EINVAL;
	if (regs->ip - cs.start_ip >= cs.post_commit_offset)
		return 0; /* not in the section (unsigned: below start too) */
	if (copy_from_user(&sig, (const void __user *)(unsigned long)(cs.abort_ip - 4),
			   sizeof(sig)))
		return -EFAULT;
	if (sig != current->rseq_sig)
		return -EINVAL; /* Linux: the abort handler must carry the signature */
	regs->ip = (unsigned long)cs.abort_ip;
	ptr = 0;
	return copy_to_user(&rs->rseq_cs, &ptr, sizeof(ptr)) ? -EFAULT : 0;
}

void rseq_handle_notify_resume(struct pt_regs *regs)
{
	struct rseq __user *rs = (struct rseq __user *)current->rseq;
	u32 zero[2] = { 0, 0 };

	current->rseq_event = false;
	if (!rs)
		return;
	if (copy_to_user(&rs->cpu_id_start, zero, sizeof(zero)) || /* one CPU: 0 */
	    copy_to_user(&rs->node_id, zero, sizeof(zero)) || rseq_ip_fixup(regs, rs))
		force_sigsegv(0);
}
