/*
 * Signals (kernel/signal.c, kernel/signal_32.c): Linux's numbers, default
 * actions, user handlers and the wait-status encoding. A signal is made
 * pending on the target task, with a siginfo saying who sent it, and acted
 * on when that task next returns to user mode (do_signal).
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "uapi/asm/signal.h"
#include "uapi/asm/sigcontext.h"

#define SIG_DFL 0UL
#define SIG_IGN 1UL

#define sigmask(sig) (1ULL << ((sig)-1))

/* Wait status, as Linux encodes it for wait4. */
#define W_EXITCODE(ret, sig) (((ret)&0xff) << 8 | ((sig)&0x7f))

/* A signal about to be delivered: its number, why it came, the action. */
struct ksignal {
	int sig;
	struct kernel_siginfo info;
	struct k_sigaction ka;
};

int send_sig(int sig, struct task_struct *p); /* from the kernel (SI_KERNEL); 0 or -EINVAL */
int send_sig_info(int sig, const struct kernel_siginfo *info, struct task_struct *p);
void force_sig(int sig); /* to current, even if blocked or ignored */
void force_sig_fault(int sig, int code, unsigned long addr); /* with si_code and si_addr */
void force_sigsegv(int sig);	       /* a frame for sig could not be built */
bool get_signal(struct ksignal *ksig); /* true: run ksig's handler */
void signal_setup_done(bool failed, struct ksignal *ksig);
void set_current_blocked(u64 blocked);
void do_signal(struct pt_regs *regs); /* on the way back to user mode (signal_32.c) */
bool sig_default_ignored(int sig);
/* kernel/signal_calls.c */
void set_restore_sigmask(u64 newmask); /* block newmask until the next return to user mode */
u64 sigmask_to_save(void);	       /* the mask a signal frame saves */
void restore_saved_sigmask(void);
bool on_sig_stack(unsigned long sp);
long sys_rt_sigsuspend(const u64 __user *umask, size_t sigsetsize);
long sys_rt_sigpending(u64 __user *uset, size_t sigsetsize);
long sys_rt_sigtimedwait(const u64 __user *uthese, siginfo_t __user *uinfo, const void __user *uts,
			 size_t sigsetsize, bool old32);
long sys_sigaltstack(const stack_t __user *uss, stack_t __user *uoss, unsigned long sp);
/* kernel/signal_32.c: the siginfo a handler or sigtimedwait sees; 0 or -EFAULT. */
int copy_siginfo_to_user(siginfo_t __user *to, const struct kernel_siginfo *from);
bool is_pgrp_orphaned(pid_t pgrp);   /* no member's parent in another group of its session */
void kill_orphaned_pgrp(pid_t pgrp); /* SIGHUP+SIGCONT if it just became orphaned with stops */

struct sigaction32 { /* rt_sigaction's struct, Linux's i386 layout */
	unsigned long handler, flags, restorer;
	u64 mask;
};
long sys_rt_sigaction(int sig, const struct sigaction32 __user *act,
		      struct sigaction32 __user *oact, size_t sigsetsize);
long sys_rt_sigprocmask(int how, const u64 __user *set, u64 __user *oset, size_t size);
long sys_pause(void);
long sys_kill(pid_t pid, int sig);
long sys_tgkill(pid_t tgid, pid_t tid, int sig);
void kill_pgrp(pid_t pgrp, int sig); /* from the kernel, to a process group */
long sys_sigreturn(struct pt_regs *regs);
long sys_rt_sigreturn(struct pt_regs *regs);

#endif
