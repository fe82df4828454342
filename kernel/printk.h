/* printk's consoles, log buffer and log level (kernel/printk.c). */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include "kernel/types.h"

struct console {
	const char *name; /* "ttyS0", "tty0": what console= names */
	void (*write)(const char *s, size_t n);
	bool enabled;
};

#define LOG_BUF_LEN (64 * 1024)
extern char __log_buf[LOG_BUF_LEN];
extern unsigned long log_next; /* bytes ever written; ring index = log_next % LOG_BUF_LEN */
extern int console_loglevel;

void register_console(struct console *con);
/* Text to every enabled console as is: no timestamp, not in the log (the tty's output). */
void console_write(const char *s, size_t n);
int console_setup_done(void);
size_t log_buf_copy(char *dst, size_t size, unsigned long *from);
/* syslog(2), for dmesg; type is Linux's SYSLOG_ACTION_*. */
long sys_syslog(int type, char *buf, int len);

#endif
