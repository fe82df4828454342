/* The x87/SSE state of user tasks, saved with fxsave (kernel/fpu.c). */
#ifndef KERNEL_FPU_H
#define KERNEL_FPU_H

#include "kernel/types.h"

/* The 512-byte fxsave image (Linux's struct fxregs_state), 16-byte aligned. */
struct fxregs_state {
	u16 cwd, swd, twd, fop;
	u32 fip, fcs, foo, fos;
	u32 mxcsr, mxcsr_mask;
	u32 st_space[32];  /* 8 x87 registers, 16 bytes each */
	u32 xmm_space[32]; /* 8 XMM registers, 16 bytes each */
	u32 padding[56];
} __attribute__((aligned(16)));

struct task_struct;

/* At boot: turn on SSE (CR4.OSFXSR) and record the clean state. Panics without FXSR. */
void fpu_init(void);
/* p's saved state becomes the clean one (a new task). */
void fpu_init_state(struct task_struct *p);
/* execve: the current task's state, saved and live, becomes the clean one. */
void fpu_load_initial(void);
/* Save prev's live state, load next's (from context_switch). */
void fpu_switch(struct task_struct *prev, struct task_struct *next);
/* fork: the caller's live state into dst's saved one. */
void fpu_copy_live(struct task_struct *dst);
/* The live state as a 512-byte fxsave image at fx (any alignment). */
void fpu_save_live(void *fx);
/* Load the image at fx; 0, or -EINVAL (reserved MXCSR bits) with nothing loaded. */
int fpu_restore_live(const void *fx);

#endif
