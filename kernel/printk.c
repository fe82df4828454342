/*
 * printk: formatted kernel messages.
 *
 * Every message goes into the kernel log buffer (__log_buf, a byte ring of
 * LOG_BUF_LEN, each line "<level>[seconds] text"), and to every enabled
 * console if its level is below console_loglevel (loglevel= and quiet set
 * it, as in Linux). Lines on the console look like Linux's:
 *
 *     [    0.123456] Kernel command line: console=ttyS0
 *
 * Linux keeps structured records and a separate console thread; one CPU
 * and a polled serial port need neither.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/params.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"

char __log_buf[LOG_BUF_LEN];
unsigned long log_next;
int console_loglevel = 7; /* CONSOLE_LOGLEVEL_DEFAULT */

#define MAX_CONSOLES 4
static struct console *consoles[MAX_CONSOLES];
static int nr_consoles;
static bool line_open; /* the last message did not end in '\n' */

void register_console(struct console *con)
{
	if (nr_consoles < MAX_CONSOLES)
		consoles[nr_consoles++] = con;
}

/* console=NAME: from the first one on, only the consoles named are used. */
static bool console_chosen;
static int console_param(char *val)
{
	int i;

	if (!console_chosen) {
		for (i = 0; i < nr_consoles; i++)
			consoles[i]->enabled = false;
		console_chosen = true;
	}
	for (i = 0; i < nr_consoles; i++) {
		size_t n = strlen(consoles[i]->name);
		if (!strncmp(val, consoles[i]->name, n) && (val[n] == '\0' || val[n] == ','))
			consoles[i]->enabled = true;
	}
	return 0;
}
__setup("console=", console_param);

static int loglevel_param(char *val)
{
	unsigned long v;

	if (kstrtoul(val, 10, &v) || v > 15)
		return -1;
	console_loglevel = (int)v;
	return 0;
}
__setup("loglevel=", loglevel_param);

static int quiet_param(char *val)
{
	(void)val;
	console_loglevel = 4; /* CONSOLE_LOGLEVEL_QUIET */
	return 0;
}
__setup("quiet", quiet_param);

static void log_store(const char *s, size_t n)
{
	while (n--)
		__log_buf[log_next++ % LOG_BUF_LEN] = *s++;
}

static void console_emit(const char *s, size_t n)
{
	int i;

	for (i = 0; i < nr_consoles; i++)
		if (consoles[i]->enabled)
			consoles[i]->write(s, n);
}

void console_write(const char *s, size_t n)
{
	unsigned long flags = local_irq_save();

	console_emit(s, n);
	local_irq_restore(flags);
}

/*
 * Copy log text from *from (a log_next value) into dst; advances *from.
 * Returns the bytes copied. Text older than the ring holds is skipped.
 */
size_t log_buf_copy(char *dst, size_t size, unsigned long *from)
{
	size_t n = 0;

	if (log_next - *from > LOG_BUF_LEN)
		*from = log_next - LOG_BUF_LEN;
	while (*from < log_next && n < size)
		dst[n++] = __log_buf[(*from)++ % LOG_BUF_LEN];
	return n;
}

int vprintk(const char *fmt, va_list ap)
{
	char text[1024], stamp[24], prefix[4];
	int level = LOGLEVEL_DEFAULT, len;
	bool cont = false, show;
	unsigned long flags;
	char *p, *line, *body;

	len = vsnprintf(text, sizeof(text), fmt, ap);
	if (len >= (int)sizeof(text))
		len = sizeof(text) - 1;
	/* The level is read after formatting, as Linux's printk_parse_prefix,
	 * so printk("%sEXT2-fs ...", KERN_CRIT) is a level too. */
	body = text;
	if (body[0] == KERN_SOH[0] && ((body[1] >= '0' && body[1] <= '7') || body[1] == 'c')) {
		if (body[1] == 'c')
			cont = true;
		else
			level = body[1] - '0';
		body += 2;
	}
	show = level < console_loglevel;

	flags = local_irq_save();
	if (line_open && !cont) {
		log_store("\n", 1);
		console_emit("\n", 1);
		line_open = false;
	}
	for (line = body; *line; line = p) {
		size_t n;

		p = strchr(line, '\n');
		p = p ? p + 1 : line + strlen(line);
		n = (size_t)(p - line);
		if (!line_open) {
			u64 ns = local_clock();
			u32 sec = (u32)(ns / 1000000000ULL);
			u32 usec = (u32)((ns % 1000000000ULL) / 1000);
			int sn = snprintf(stamp, sizeof(stamp), "[%5u.%06u] ", sec, usec);

			snprintf(prefix, sizeof(prefix), "<%d>", level);
			log_store(prefix, strlen(prefix));
			log_store(stamp, sn);
			if (show)
				console_emit(stamp, sn);
		}
		log_store(line, n);
		if (show)
			console_emit(line, n);
		line_open = line[n - 1] != '\n';
	}
	local_irq_restore(flags);
	return len;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/* ---- syslog(2): the log for dmesg (Linux's do_syslog) ------------------------- */

#define SYSLOG_ACTION_CLOSE 0
#define SYSLOG_ACTION_OPEN 1
#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10

static unsigned long clear_seq;	 /* where READ_ALL starts after a CLEAR */
static unsigned long syslog_seq; /* what READ has consumed */
static int saved_console_loglevel = -1;

/* The oldest whole line at or after seq that the ring still holds. */
static unsigned long first_line(unsigned long seq)
{
	if (log_next - seq > LOG_BUF_LEN) {
		seq = log_next - LOG_BUF_LEN;
		while (seq < log_next && __log_buf[(seq - 1) % LOG_BUF_LEN] != '\n')
			seq++;
	}
	return seq;
}

/* Copy the log from *seq, whole lines, at most len bytes, to buf; the bytes given or -EFAULT. */
static long syslog_copy(char __user *buf, long len, unsigned long *seq)
{
	char chunk[256];
	long done = 0;

	*seq = first_line(*seq);
	while (done < len && *seq < log_next) {
		unsigned long from = *seq;
		size_t n = log_buf_copy(chunk, min(sizeof(chunk), (size_t)(len - done)), &from);

		if (copy_to_user(buf + done, chunk, n))
			return -EFAULT;
		done += (long)n;
		*seq = from;
	}
	return done;
}

/*
 * syslog(type, buf, len): the kernel log as dmesg reads it, lines of
 * "<level>[seconds] text". READ_ALL gives the last len bytes (whole lines)
 * since the last CLEAR; READ gives what earlier READs did not, without
 * waiting (Linux sleeps until there is some). CONSOLE_LEVEL sets the
 * console's level (dmesg -n), CONSOLE_OFF/ON silence and restore it.
 */
long sys_syslog(int type, char __user *buf, int len)
{
	unsigned long seq;
	long ret;

	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
		if (!buf || len < 0)
			return -EINVAL;
		return syslog_copy(buf, len, &syslog_seq);
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		seq = log_next - clear_seq > (unsigned long)len ? log_next - (unsigned long)len
								: clear_seq;
		while (seq > clear_seq && seq < log_next &&
		       __log_buf[(seq - 1) % LOG_BUF_LEN] != '\n')
			seq++; /* start at a line */
		ret = syslog_copy(buf, len, &seq);
		if (type == SYSLOG_ACTION_READ_CLEAR && ret >= 0)
			clear_seq = log_next;
		return ret;
	case SYSLOG_ACTION_CLEAR:
		clear_seq = log_next;
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel < 0)
			saved_console_loglevel = console_loglevel;
		console_loglevel = 1; /* CONSOLE_LOGLEVEL_MIN: emergencies only */
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel >= 0)
			console_loglevel = saved_console_loglevel;
		saved_console_loglevel = -1;
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = len < 1 ? 1 : len;
		saved_console_loglevel = -1;
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD:
		return (long)(log_next - first_line(syslog_seq));
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	default:
		return -EINVAL;
	}
}
