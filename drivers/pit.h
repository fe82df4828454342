/* The 8253/8254 programmable interval timer (drivers/pit.c). */
#ifndef DRIVERS_PIT_H
#define DRIVERS_PIT_H

#include "kernel/types.h"

#define PIT_TICK_RATE 1193182UL /* the PIT's input clock, Hz */

/* Program channel 0 to interrupt HZ times a second on IRQ 0 ("timer"). */
void pit_timer_init(void);

/* Measure the TSC against PIT channel 2 over 10 ms; returns kHz, 0 on failure. */
unsigned long pit_calibrate_tsc(void);

#endif
