/*
 * Leaving the machine (kernel/reboot.c). Under QEMU with
 * "-device isa-debug-exit,iobase=0xf4,iosize=0x04" a write of V to port
 * 0xf4 makes QEMU exit with status (V << 1) | 1:
 *
 *   init exited with status S (0..99)  ->  0x10 + S  ->  QEMU exits 33 + 2*S
 *   kernel panic                       ->  0x7f      ->  QEMU exits 255
 *
 * Without the device the write does nothing and the CPU halts.
 */
#ifndef KERNEL_REBOOT_H
#define KERNEL_REBOOT_H

#include "kernel/kernel.h"

#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_STATUS_BASE 0x10
#define DEBUG_EXIT_PANIC 0x7f

void machine_halt_with(u8 code) __noreturn;
void kernel_exit_status(int status) __noreturn; /* "init exited with status S" */

#endif
