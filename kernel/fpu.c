/*
 * The FPU and SSE state of user tasks (Linux's arch/x86/kernel/fpu/).
 *
 * A program built by an ordinary compiler and C library uses SSE: glibc
 * picks its string functions by CPUID (strrchr in SSE2, ...). For the
 * CPU to execute SSE instructions, CR4.OSFXSR must say the kernel saves
 * the XMM registers (fxsave/fxrstor, a 512-byte image), and CR4.OSXMMEXCPT
 * that it handles SIMD exceptions. fpu_init sets both, with CR0.MP and
 * CR0.NE, clears CR0.EM and CR0.TS, and keeps the state a new program
 * starts with (fninit's x87 state, MXCSR 0x1f80: all exceptions masked).
 *
 * Every switch saves the outgoing task's image and loads the next one's
 * (Linux defers the load to the return to user mode, and XSAVE CPUs save
 * more). The kernel itself never touches the FPU (-mgeneral-regs-only).
 * A CPU without FXSR (older than the Pentium II) is refused at boot.
 */
#include "kernel/fpu.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"

#define X86_CR4_OSFXSR (1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)
#define X86_FEATURE_FXSR (1U << 24) /* CPUID 1, EDX */
#define MXCSR_DEFAULT 0x1f80

static struct fxregs_state fpu_initial_state; /* what a new program starts with */
u32 mxcsr_feature_mask = 0x0000ffbf;	      /* the MXCSR bits fxrstor accepts */

static u32 cpuid_edx(u32 leaf)
{
	u32 a = leaf, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return d;
}

void fpu_init(void)
{
	static struct fxregs_state probe;
	u32 mxcsr = MXCSR_DEFAULT;

	if (!(cpuid_edx(1) & X86_FEATURE_FXSR))
		panic("fpu: the CPU has no FXSR (fxsave/fxrstor): a Pentium II or later is needed");
	write_cr0((read_cr0() | X86_CR0_MP | X86_CR0_NE) & ~(X86_CR0_EM | X86_CR0_TS));
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	__asm__ volatile("fxsave %0" : "=m"(probe));
	if (probe.mxcsr_mask) /* 0 means the default (Linux's fpu__init_system_mxcsr) */
		mxcsr_feature_mask = probe.mxcsr_mask;
	__asm__ volatile("fninit; ldmxcsr %1; fxsave %0" : "=m"(fpu_initial_state) : "m"(mxcsr));
	memset(fpu_initial_state.xmm_space, 0, sizeof(fpu_initial_state.xmm_space));
	__asm__ volatile("fxrstor %0" : : "m"(fpu_initial_state));
}

void fpu_init_state(struct task_struct *p)
{
	p->thread.fpu = fpu_initial_state;
}

void fpu_load_initial(void)
{
	fpu_init_state(current);
	__asm__ volatile("fxrstor %0" : : "m"(current->thread.fpu));
}

void fpu_switch(struct task_struct *prev, struct task_struct *next)
{
	__asm__ volatile("fxsave %0" : "=m"(prev->thread.fpu));
	__asm__ volatile("fxrstor %0" : : "m"(next->thread.fpu));
}

void fpu_copy_live(struct task_struct *dst)
{
	__asm__ volatile("fxsave %0" : "=m"(dst->thread.fpu));
}

/*
 * fxsave and fxrstor need a 16-byte aligned image and the kernel stack
 * promises no alignment, so the signal code's copies go through this one
 * buffer (one CPU; nothing sleeps between its use and the copy).
 */
static struct fxregs_state fx_scratch;

void fpu_save_live(void *fx)
{
	__asm__ volatile("fxsave %0" : "=m"(fx_scratch));
	memcpy(fx, &fx_scratch, sizeof(fx_scratch));
}

int fpu_restore_live(const void *fx)
{
	memcpy(&fx_scratch, fx, sizeof(fx_scratch));
	if (fx_scratch.mxcsr & ~mxcsr_feature_mask)
		return -EINVAL; /* a reserved MXCSR bit: fxrstor would fault */
	__asm__ volatile("fxrstor %0" : : "m"(fx_scratch));
	return 0;
}
