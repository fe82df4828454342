/*
 * System calls: Linux's i386 ABI. `int $0x80` arrives in entry_INT80_32
 * (boot/entry.asm) with the number in eax (saved as orig_ax) and the
 * arguments in ebx, ecx, edx, esi, edi, ebp; the result goes back in eax,
 * errors as -errno. The table (kernel/syscall_32.c) is indexed by Linux's
 * i386 numbers (arch/x86/entry/syscalls/syscall_32.tbl), so a program
 * built for Linux runs here.
 *
 * A number with no entry answers -ENOSYS, as Linux does for calls it was
 * built without, and logs one line naming the call and the program, so
 * the next gap a new program finds is easy to see:
 *
 *   [    1.234567] ls[7]: unimplemented system call 318 (getcpu), returning -ENOSYS
 *
 * The line is rate limited as Linux's printk_ratelimit (10 lines per 5 s,
 * then "N callbacks suppressed"), so a program that retries a call in a
 * loop cannot flood the log.
 */
#include "kernel/syscall.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/time.h"

#define RATELIMIT_INTERVAL (5 * HZ) /* Linux's DEFAULT_RATELIMIT_INTERVAL */
#define RATELIMIT_BURST 10	    /* and DEFAULT_RATELIMIT_BURST */

/* Linux's struct ratelimit_state, for the one user here. */
static struct {
	unsigned long begin; /* jiffies the interval started */
	int printed, missed;
} ni_ratelimit;

/* Linux's __ratelimit: may one more line be printed now? */
static bool ni_ratelimit_ok(void)
{
	if (!ni_ratelimit.begin || (long)(jiffies - ni_ratelimit.begin) >= RATELIMIT_INTERVAL) {
		if (ni_ratelimit.missed)
			pr_warn("sys_ni_syscall: %d callbacks suppressed\n", ni_ratelimit.missed);
		ni_ratelimit.begin = jiffies ? jiffies : 1;
		ni_ratelimit.printed = ni_ratelimit.missed = 0;
	}
	if (ni_ratelimit.printed < RATELIMIT_BURST) {
		ni_ratelimit.printed++;
		return true;
	}
	ni_ratelimit.missed++;
	return false;
}

/* A call this kernel does not have: -ENOSYS, and the log line. */
static long sys_ni_syscall(unsigned long nr)
{
	const char *name = nr < nr_syscall_names ? syscall_names[nr] : NULL;

	if (ni_ratelimit_ok())
		pr_warn("%s[%d]: unimplemented system call %lu (%s), returning -ENOSYS\n",
			current->comm, current->pid, nr, name ? name : "unknown");
	return -ENOSYS;
}

/*
 * Called from entry_INT80_32 with interrupts on. Signals and rescheduling
 * are handled on the way out (exit_to_user_mode).
 */
void do_int80_syscall(struct pt_regs *regs)
{
	unsigned long nr = regs->orig_ax;
	long (*fn)(struct pt_regs *) = syscall_entry(nr);

	regs->ax = (unsigned long)(fn ? fn(regs) : sys_ni_syscall(nr));
}
