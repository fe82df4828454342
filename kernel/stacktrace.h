/* Backtraces by frame pointer (kernel/stacktrace.c). */
#ifndef KERNEL_STACKTRACE_H
#define KERNEL_STACKTRACE_H

#include "kernel/types.h"

/* "Call Trace:", then one line per frame from ebp up (ebp 0 ends it). */
void show_trace(unsigned long ebp);

/* The frame lines alone, for callers that print their own first lines. */
void show_trace_frames(unsigned long ebp);

/* " [<c0101234>] func+0x12/0x40"; with reliable false: " [<...>] ? func+..." */
void print_ip_sym(unsigned long ip, bool reliable);

#endif
