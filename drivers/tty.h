/* /dev/console and its line discipline (drivers/tty.c); tty_init and console_on_rootfs are in fs/fs.h. */
#ifndef DRIVERS_TTY_H
#define DRIVERS_TTY_H

#include "kernel/types.h"

#define TTY_MAJOR 5		/* /dev/tty is 5:0, /dev/console 5:1 */
#define N_TTY_BUF_SIZE 4096

/* Feed one received character to the line discipline (interrupts off). */
void n_tty_receive_char(unsigned char c);
/* Drop all buffered input (for tests; interrupts may be on). */
void n_tty_flush(void);

#endif
