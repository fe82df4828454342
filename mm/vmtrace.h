/*
 * vmtrace: memory pressure on the serial line, for plotting (mm/vmtrace.c).
 *
 * Boot with vmtrace=MS and the kernel prints a "vmtrace: sample" line every
 * MS milliseconds, plus a line at each reclaim event below. Reclaim calls
 * vmtrace_event() right after counting the event in /proc/vmstat; without
 * vmtrace= that is one test of a global.
 */
#ifndef MM_VMTRACE_H
#define MM_VMTRACE_H

#include "kernel/kernel.h"

enum vmtrace_kind {
	VMTRACE_SAMPLE,	      /* the periodic one, from the timer tick */
	VMTRACE_KSWAPD_WAKE,  /* kswapd starts a run (pageoutrun) */
	VMTRACE_KSWAPD_SLEEP, /* kswapd's run is over: it goes to sleep */
	VMTRACE_ALLOCSTALL,   /* a task enters direct reclaim (allocstall_<zone>) */
	VMTRACE_OOM_KILL,     /* the OOM killer chose a victim (oom_kill) */
	NR_VMTRACE_KINDS
};

extern unsigned long vmtrace_ticks; /* ticks between samples; 0: no trace */

void vmtrace_record(enum vmtrace_kind kind);

static inline void vmtrace_event(enum vmtrace_kind kind)
{
	if (unlikely(vmtrace_ticks))
		vmtrace_record(kind);
}

void vmtrace_init(void);  /* start the printing thread (kernel/main.c) */
void vmtrace_tick(void);  /* from the timer interrupt: a sample if one is due */
void vmtrace_flush(void); /* print what is still queued: the machine is about to stop */

#endif
