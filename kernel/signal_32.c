/*
 * Signal frames on the user stack, Linux's i386 ABI
 * (arch/x86/kernel/signal_32.c, signal.c): how a handler is entered and
 * how sigreturn leaves it.
 *
 * A handler installed without SA_SIGINFO gets the old `struct sigframe`,
 * one with SA_SIGINFO the `struct rt_sigframe`; both are written just below
 * the interrupted stack pointer, aligned so that the handler's
 * (esp + 4) is a multiple of 16, as after a call:
 *
 *   rt_sigframe (handler(sig, info, uc))      sigframe (handler(sig))
 *   +--------------------+ higher             +--------------------+
 *   | x87 state          | <- sc.fpstate      | x87 state          |
 *   | retcode[8]         |                    | retcode[8]         |
 *   | uc: ucontext       |  uc_mcontext:      | extramask[1]       |
 *   |   (the interrupted |  the interrupted   | fpstate_unused     |
 *   |   registers, mask) |  registers         | sc: sigcontext     |
 *   | info: siginfo_t    |                    | sig                |
 *   | puc, pinfo, sig    |  the arguments     | pretcode           | <- esp
 *   | pretcode           | <- esp             +--------------------+
 *   +--------------------+
 *
 * pretcode is the handler's return address: sa_restorer with SA_RESTORER
 * (libc's __restore_rt: `mov $173,%eax; int $0x80`), else retcode, the same
 * bytes on the stack (Linux would point at its vDSO; Tidemark has none and
 * its stacks are executable: no NX without PAE). The handler also finds
 * sig, &info and &uc in eax, edx and ecx, for regparm code, as on Linux.
 *
 * sigreturn / rt_sigreturn load the registers and the blocked mask back
 * from the frame. The frame is user memory the handler may have changed,
 * so what comes back is checked: CS and SS must be the user segments, the
 * data segments the user data segment, a present TLS segment (kernel/tls.c)
 * or null, and only the arithmetic and
 * trap flags of EFLAGS are taken (never IOPL, IF or VM). Linux lets iret
 * fault on a bad selector and turns that into SIGSEGV; Tidemark has no
 * fixup for iret, so it refuses the frame first: SIGSEGV either way.
 *
 * The x87 and SSE state goes above the frame in Linux's struct
 * _fpstate_32, and sigcontext.fpstate points at it: the x87 registers in
 * the legacy (fnsave) part, then magic 0 ("FXSR data follows") and the
 * whole fxsave image with MXCSR and the XMM registers. The handler starts
 * with a clean state and sigreturn loads the saved one back (the x87 part
 * from the legacy area, as Linux's convert_to_fxsr, MXCSR and XMM from
 * the fxsave image; an MXCSR with reserved bits is refused), so floating
 * point and SSE code in a handler leave the interrupted code's alone.
 */
#include "kernel/signal.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/ptrace.h"
#include "kernel/rseq.h"
#include "kernel/segment.h"
#include "kernel/tls.h"
#include "kernel/traps.h"
#include "kernel/lib/string.h"
#include "uapi/asm/unistd_32.h"

#define X86_EFLAGS_CF 0x00000001
#define X86_EFLAGS_PF 0x00000004
#define X86_EFLAGS_AF 0x00000010
#define X86_EFLAGS_ZF 0x00000040
#define X86_EFLAGS_SF 0x00000080
#define X86_EFLAGS_TF 0x00000100
#define X86_EFLAGS_DF 0x00000400
#define X86_EFLAGS_OF 0x00000800
#define X86_EFLAGS_RF 0x00010000
#define X86_EFLAGS_AC 0x00040000

/* The flags sigreturn may take from the frame (Linux's FIX_EFLAGS). */
#define FIX_EFLAGS                                                                                 \
	(X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF | X86_EFLAGS_SF |           \
	 X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF | X86_EFLAGS_CF | X86_EFLAGS_RF)

struct fpstate_32 {	       /* Linux's struct _fpstate_32, FXSR form: 624 bytes */
	u8 fsave[108];	       /* cw, sw, tag, ipoff, cssel, dataoff, datasel, _st[8] */
	unsigned short status; /* the status word */
	unsigned short magic;  /* 0xffff: fsave data only; X86_FXSR_MAGIC: fx follows */
	u8 fx[512];	       /* the fxsave image: _fxsr_env, mxcsr, _fxsr_st, _xmm, padding */
};
#define X86_FXSR_MAGIC 0x0000

struct sigframe {
	unsigned long pretcode;
	int sig;
	struct sigcontext sc;
	u8 fpstate_unused[624]; /* sizeof(struct _fpstate_32): keeps extramask where Linux has it */
	unsigned long extramask[1]; /* the blocked mask's second word */
	u8 retcode[8];
};

struct rt_sigframe {
	unsigned long pretcode;
	int sig;
	unsigned long pinfo; /* &info */
	unsigned long puc;   /* &uc */
	siginfo_t info;
	struct ucontext uc;
	u8 retcode[8];
};

_Static_assert(sizeof(struct sigcontext) == 88, "sigcontext_32");
_Static_assert(sizeof(struct fpstate_32) == 624, "_fpstate_32");
_Static_assert(sizeof(siginfo_t) == 128, "siginfo_t");
_Static_assert(offsetof(struct ucontext, uc_mcontext) == 20, "ucontext");
_Static_assert(offsetof(struct sigframe, extramask) == 720, "sigframe");
_Static_assert(offsetof(struct rt_sigframe, uc) == 144, "rt_sigframe");

/* popl %eax; movl $__NR_sigreturn,%eax; int $0x80 */
static const u8 retcode[8] = { 0x58, 0xb8, __NR_sigreturn, 0, 0, 0, 0xcd, 0x80 };
/* movl $__NR_rt_sigreturn,%eax; int $0x80 */
static const u8 rt_retcode[8] = { 0xb8, __NR_rt_sigreturn, 0, 0, 0, 0xcd, 0x80, 0 };

/* Was regs saved by int $0x80 for a system call that may be restarted? */
static bool in_syscall(const struct pt_regs *regs)
{
	return regs->trapno == IA32_SYSCALL_VECTOR && (long)regs->orig_ax >= 0;
}

/*
 * Where the x87 state goes: just below the user's esp, or the top of the
 * alternate stack for an SA_ONSTACK handler not already on it; 64-byte
 * aligned as Linux's.
 */
static unsigned long get_fpstate(const struct pt_regs *regs, const struct ksignal *ksig)
{
	unsigned long sp = regs->sp;

	if ((ksig->ka.flags & SA_ONSTACK) && current->sas_ss_size && !on_sig_stack(sp))
		sp = current->sas_ss_sp + current->sas_ss_size;
	return (sp - sizeof(struct fpstate_32)) & -64UL;
}

/* Where a frame of size bytes goes: below the x87 state, (esp + 4) % 16 == 0. */
static unsigned long get_sigframe(const struct pt_regs *regs, const struct ksignal *ksig,
				  size_t size)
{
	return ((get_fpstate(regs, ksig) - size + 4) & -16UL) - 4;
}

/*
 * Save the x87/SSE state at buf and give the handler a clean one (Linux's
 * copy_fpstate_to_sigframe, then fpu__clear_user_states). On a fault the
 * state is put back and -EFAULT returned.
 */
static int copy_fpstate_to_sigframe(unsigned long buf)
{
	struct fpstate_32 fp;

	fpu_save_live(fp.fx);
	__asm__ volatile("fnsave %0" : "=m"(fp.fsave)); /* the legacy form of the same x87 state */
	memcpy(&fp.status, fp.fsave + 4, sizeof(fp.status));
	fp.magic = X86_FXSR_MAGIC;
	if (copy_to_user((void __user *)buf, &fp, sizeof(fp))) {
		fpu_restore_live(fp.fx);
		return -EFAULT;
	}
	fpu_load_initial();
	return 0;
}

/*
 * sigreturn's half: load the state at buf (a clean one for 0). 0, or
 * -EFAULT / -EINVAL (an MXCSR fxrstor would fault on) with the live state
 * unchanged.
 */
static int restore_fpstate(unsigned long buf)
{
	struct fpstate_32 fp;

	if (!buf) {
		fpu_load_initial();
		return 0;
	}
	if (copy_from_user(&fp, (const void __user *)buf, sizeof(fp)))
		return -EFAULT;
	if (fp.magic == X86_FXSR_MAGIC) {
		if (fpu_restore_live(fp.fx))
			return -EINVAL;
	} else {
		fpu_load_initial(); /* an fsave-only frame: SSE state clean */
	}
	__asm__ volatile("frstor %0" : : "m"(fp.fsave));
	return 0;
}

static void setup_sigcontext(struct sigcontext *sc, const struct pt_regs *regs, u64 mask,
			     unsigned long fpstate)
{
	memset(sc, 0, sizeof(*sc));
	sc->gs = regs->gs;
	sc->fs = regs->fs;
	sc->es = regs->es;
	sc->ds = regs->ds;
	sc->di = regs->di;
	sc->si = regs->si;
	sc->bp = regs->bp;
	sc->sp = regs->sp;
	sc->bx = regs->bx;
	sc->dx = regs->dx;
	sc->cx = regs->cx;
	sc->ax = regs->ax;
	sc->trapno = current->thread.trap_nr;
	sc->err = current->thread.error_code;
	sc->ip = regs->ip;
	sc->cs = regs->cs;
	sc->flags = regs->flags;
	sc->sp_at_signal = regs->sp;
	sc->ss = regs->ss;
	sc->fpstate = fpstate;
	sc->oldmask = (unsigned long)mask;
	sc->cr2 = current->thread.cr2;
}

/* The kernel's fields spread into the user's layout. */
static void fill_siginfo(siginfo_t *to, const struct kernel_siginfo *from)
{
	memset(to, 0, sizeof(*to));
	to->si_signo = from->si_signo;
	to->si_errno = from->si_errno;
	to->si_code = from->si_code;
	if (from->si_code == SI_USER || from->si_code == SI_TKILL || from->si_signo == SIGCHLD) {
		to->si_pid = from->pid;
		to->si_uid = 0; /* everyone is root */
		to->si_status = from->status;
	} else if (from->si_code > 0 && from->si_code < SI_KERNEL) {
		to->si_addr = (void *)from->addr; /* a fault's si_code */
	}
}

int copy_siginfo_to_user(siginfo_t __user *to, const struct kernel_siginfo *from)
{
	siginfo_t info;

	fill_siginfo(&info, from);
	return copy_to_user(to, &info, sizeof(info)) ? -EFAULT : 0;
}

/* Point the user registers at the handler, with the user segments. */
static void enter_handler(struct pt_regs *regs, const struct ksignal *ksig, unsigned long frame)
{
	regs->sp = frame;
	regs->ip = ksig->ka.handler;
	regs->ax = (unsigned long)ksig->sig;
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->cs = __USER_CS;
}

static int setup_frame(struct ksignal *ksig, struct pt_regs *regs)
{
	unsigned long frame = get_sigframe(regs, ksig, sizeof(struct sigframe));
	struct sigframe f;

	memset(&f, 0, sizeof(f));
	f.sig = ksig->sig;
	setup_sigcontext(&f.sc, regs, sigmask_to_save(), get_fpstate(regs, ksig));
	f.extramask[0] = (unsigned long)(sigmask_to_save() >> 32);
	memcpy(f.retcode, retcode, sizeof(retcode));
	f.pretcode = (ksig->ka.flags & SA_RESTORER) ? ksig->ka.restorer
						    : frame + offsetof(struct sigframe, retcode);
	if (copy_to_user((void __user *)frame, &f, sizeof(f)) ||
	    copy_fpstate_to_sigframe(f.sc.fpstate))
		return -EFAULT;
	enter_handler(regs, ksig, frame);
	regs->dx = regs->cx = 0;
	return 0;
}

static int setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs)
{
	unsigned long frame = get_sigframe(regs, ksig, sizeof(struct rt_sigframe));
	struct rt_sigframe f;

	memset(&f, 0, sizeof(f));
	f.sig = ksig->sig;
	f.pinfo = frame + offsetof(struct rt_sigframe, info);
	f.puc = frame + offsetof(struct rt_sigframe, uc);
	fill_siginfo(&f.info, &ksig->info);
	f.uc.uc_stack.ss_sp = (void *)current->sas_ss_sp; /* Linux's __save_altstack */
	f.uc.uc_stack.ss_size = current->sas_ss_size;
	f.uc.uc_stack.ss_flags = !current->sas_ss_size	  ? SS_DISABLE
				 : on_sig_stack(regs->sp) ? SS_ONSTACK
							  : 0;
	setup_sigcontext(&f.uc.uc_mcontext, regs, sigmask_to_save(), get_fpstate(regs, ksig));
	f.uc.uc_sigmask = sigmask_to_save();
	memcpy(f.retcode, rt_retcode, sizeof(rt_retcode));
	f.pretcode = (ksig->ka.flags & SA_RESTORER) ? ksig->ka.restorer
						    : frame + offsetof(struct rt_sigframe, retcode);
	if (copy_to_user((void __user *)frame, &f, sizeof(f)) ||
	    copy_fpstate_to_sigframe(f.uc.uc_mcontext.fpstate))
		return -EFAULT;
	enter_handler(regs, ksig, frame);
	regs->dx = f.pinfo;
	regs->cx = f.puc;
	return 0;
}

/*
 * Deliver ksig to its handler. A system call the signal interrupted
 * (it returned -ERESTART...) either fails with EINTR or is restarted when
 * the handler returns: eax gets the call number back and eip goes back
 * over the 2-byte `int $0x80`, so the frame saves a state that re-enters
 * it (Linux's handle_signal).
 */
static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	int failed;

	if (in_syscall(regs)) {
		switch ((long)regs->ax) {
		case -ERESTARTNOHAND:
			regs->ax = (unsigned long)-EINTR;
			break;
		case -ERESTARTSYS:
			if (!(ksig->ka.flags & SA_RESTART)) {
				regs->ax = (unsigned long)-EINTR;
				break;
			}
			__attribute__((fallthrough));
		case -ERESTARTNOINTR:
			regs->ax = regs->orig_ax;
			regs->ip -= 2;
			break;
		}
	}
	if (current->rseq)
		rseq_handle_notify_resume(regs); /* the frame saves the abort address */
	if (ksig->ka.flags & SA_SIGINFO)
		failed = setup_rt_frame(ksig, regs);
	else
		failed = setup_frame(ksig, regs);
	if (!failed) /* the handler starts with a clean direction flag, not single-stepped */
		regs->flags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
	signal_setup_done(failed, ksig);
}

/*
 * On the way back to user mode with a signal pending (exit_to_user_mode):
 * run a handler, or, when the signal needed none (it was ignored), restart
 * an interrupted system call as if nothing had happened (Linux's
 * arch_do_signal_or_restart).
 */
void do_signal(struct pt_regs *regs)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		handle_signal(&ksig, regs);
		return;
	}
	restore_saved_sigmask(); /* no handler ran: rt_sigsuspend's mask goes */
	if (in_syscall(regs)) {
		switch ((long)regs->ax) {
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
			regs->ax = regs->orig_ax;
			regs->ip -= 2;
			break;
		}
	}
}

/* A data segment register may hold the user data segment, a present TLS segment or null. */
static bool user_data_selector(unsigned short sel)
{
	return sel == __USER_DS || (sel & ~SEGMENT_RPL_MASK) == 0 ||
	       tls_selector_usable(current, sel);
}

/*
 * Load the registers a handler's frame holds into regs, and the x87 state,
 * refusing what user code may not have (see the file comment). False for a
 * bad context; regs are then untouched.
 */
static bool restore_sigcontext(struct pt_regs *regs, const struct sigcontext *sc)
{
	if ((sc->cs | USER_RPL) != __USER_CS || (sc->ss | USER_RPL) != __USER_DS ||
	    !user_data_selector(sc->ds) || !user_data_selector(sc->es) ||
	    !user_data_selector(sc->fs) || !user_data_selector(sc->gs))
		return false;
	if (restore_fpstate(sc->fpstate))
		return false;
	regs->gs = sc->gs;
	regs->fs = sc->fs;
	regs->es = sc->es;
	regs->ds = sc->ds;
	regs->di = sc->di;
	regs->si = sc->si;
	regs->bp = sc->bp;
	regs->sp = sc->sp;
	regs->bx = sc->bx;
	regs->dx = sc->dx;
	regs->cx = sc->cx;
	regs->ax = sc->ax;
	regs->ip = sc->ip;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc->flags & FIX_EFLAGS);
	regs->orig_ax = (unsigned long)-1; /* no system call to restart any more */
	return true;
}

/* A frame sigreturn cannot use: Linux's signal_fault, the log line and SIGSEGV. */
static long signal_fault(struct pt_regs *regs, unsigned long frame, const char *where)
{
	printk(KERN_INFO "%s[%d] bad frame in %s frame:%08lx ip:%lx sp:%lx orax:%lx\n",
	       current->comm, current->pid, where, frame, regs->ip, regs->sp, regs->orig_ax);
	force_sig(SIGSEGV);
	return 0;
}

/* sigreturn (119): the handler returned through sigframe's pretcode, which popped sig. */
long sys_sigreturn(struct pt_regs *regs)
{
	unsigned long frame = regs->sp - 8; /* pretcode and sig are popped */
	struct sigframe f;

	if (copy_from_user(&f, (const void __user *)frame, sizeof(f)) ||
	    !restore_sigcontext(regs, &f.sc))
		return signal_fault(regs, frame, "sigreturn");
	set_current_blocked(f.sc.oldmask | (u64)f.extramask[0] << 32);
	return (long)regs->ax;
}

/* rt_sigreturn (173): the handler returned through rt_sigframe's pretcode. */
long sys_rt_sigreturn(struct pt_regs *regs)
{
	unsigned long frame = regs->sp - 4; /* pretcode is popped */
	struct rt_sigframe f;

	if (copy_from_user(&f, (const void __user *)frame, sizeof(f)) ||
	    !restore_sigcontext(regs, &f.uc.uc_mcontext))
		return signal_fault(regs, frame, "rt_sigreturn");
	set_current_blocked(f.uc.uc_sigmask);
	return (long)regs->ax;
}
