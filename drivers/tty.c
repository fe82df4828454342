/*
 * /dev/console: the serial line (and the screen) as a terminal, with a
 * small canonical line discipline (Linux's drivers/tty/n_tty.c with the
 * default termios: ICANON ECHO ECHOE ISIG ICRNL).
 *
 *   output  a write goes to every enabled console (serial and VGA, as
 *           console= chose), without printk's timestamps or the log.
 *   input   the UART's receive interrupt (IRQ 4) hands each character to
 *           n_tty_receive_char, which edits the current line:
 *             CR or LF   ends the line (stored as '\n'; readers wake)
 *             DEL or ^H  erases the last character (echo "\b \b")
 *             ^U         erases the line
 *             ^D         ends the line without a character: at the start
 *                        of a line the reader gets 0 bytes (end of file)
 *             ^C / ^\    SIGINT / SIGQUIT to the processes on the terminal
 *                        (below), and the input so far is discarded
 *           everything else is stored and echoed (control characters as ^X).
 *   read    waits for a complete line and returns at most one line.
 *
 * Linux sends ^C to the terminal's foreground process group. There are no
 * process groups or sessions here: every user process is taken to be in
 * the console's one foreground group (what a shell without job control
 * makes of everything it starts), so the signal goes to all of them but
 * init (pid 1), which Linux keeps in a session of its own. The interactive
 * shell ignores SIGINT, and has its background jobs ignore it
 * (user/sh.c), so ^C stops just the foreground program.
 *
 * The buffer is a ring indexed by free-running counters:
 *   read_tail <= canon_head <= head, read_tail .. canon_head: complete
 *   lines ready to read; canon_head .. head: the line being typed.
 * The interrupt handler and readers share it; readers look at it with
 * interrupts off.
 */
#include "drivers/tty.h"
#include "drivers/serial.h"
#include "fs/file.h"
#include "kernel/irq.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/wait.h"
#include "kernel/x86.h"

#define EOF_CHAR 0x04		/* ^D, kept in the buffer as the end-of-file mark */
#define INTR_CHAR 0x03		/* ^C */
#define QUIT_CHAR 0x1c		/* ^\ */
#define KILL_CHAR 0x15		/* ^U */
#define ERASE_CHAR 0x7f		/* DEL; ^H erases too */

static struct {
	char buf[N_TTY_BUF_SIZE];
	unsigned long read_tail, canon_head, head;
} ldata;

static DECLARE_WAIT_QUEUE_HEAD(tty_read_wait);

static void echo(const char *s, size_t n)
{
	console_write(s, n);
}

static void echo_char(unsigned char c)
{
	char ctl[2] = { '^', (char)(c ^ 0x40) };

	if (c < 0x20 && c != '\n' && c != '\t')
		echo(ctl, 2);
	else
		echo((const char *)&c, 1);
}

/* Signal the processes on the terminal (see the file comment) and drop the input. */
static void isig(int sig)
{
	struct task_struct *p;

	ldata.head = ldata.canon_head = ldata.read_tail;
	for_each_process(p)
		if (p->pid > 1 && !(p->flags & PF_KTHREAD) && !p->exit_state)
			send_sig(sig, p);
}

static void commit_line(void)
{
	ldata.canon_head = ldata.head;
	wake_up(&tty_read_wait);
}

void n_tty_receive_char(unsigned char c)
{
	if (c == '\r')
		c = '\n';
	switch (c) {
	case INTR_CHAR:
	case QUIT_CHAR:
		echo_char(c);
		echo("\n", 1);
		isig(c == INTR_CHAR ? SIGINT : SIGQUIT);
		return;
	case ERASE_CHAR:
	case '\b':
		if (ldata.head > ldata.canon_head) {
			ldata.head--;
			echo("\b \b", 3);
		}
		return;
	case KILL_CHAR:
		while (ldata.head > ldata.canon_head) {
			ldata.head--;
			echo("\b \b", 3);
		}
		return;
	}
	/* Keep one byte free for the newline or ^D that ends the line. */
	if (ldata.head - ldata.read_tail >= (unsigned long)(N_TTY_BUF_SIZE - (c == '\n' || c == EOF_CHAR ? 0 : 1)))
		return;
	ldata.buf[ldata.head++ % N_TTY_BUF_SIZE] = (char)c;
	if (c != EOF_CHAR)
		echo_char(c);
	if (c == '\n' || c == EOF_CHAR)
		commit_line();
}

void n_tty_flush(void)
{
	unsigned long flags = local_irq_save();

	ldata.head = ldata.canon_head = ldata.read_tail;
	local_irq_restore(flags);
}

static bool line_ready(void)
{
	return ldata.canon_head != ldata.read_tail;
}

/*
 * Take up to size bytes of the first complete line into kbuf (interrupts
 * off); sets *done when the line (or an end-of-file mark) was finished.
 */
static size_t take_line(char *kbuf, size_t size, bool *done)
{
	unsigned long flags = local_irq_save();
	size_t n = 0;

	*done = false;
	while (n < size && ldata.read_tail != ldata.canon_head) {
		char c = ldata.buf[ldata.read_tail++ % N_TTY_BUF_SIZE];

		if (c == EOF_CHAR) {
			*done = true;
			break;
		}
		kbuf[n++] = c;
		if (c == '\n') {
			*done = true;
			break;
		}
	}
	local_irq_restore(flags);
	return n;
}

static ssize_t tty_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	char kbuf[256];
	size_t total = 0;
	bool done = false;
	int err;

	(void)pos;
	if (!line_ready() && (file->f_flags & O_NONBLOCK))
		return -EAGAIN;
	err = wait_event_interruptible(tty_read_wait, line_ready());
	if (err)
		return err;	/* -ERESTARTSYS: EINTR or a restart (kernel/signal_32.c) */
	while (!done && to->count) {
		size_t n = take_line(kbuf, min(sizeof(kbuf), to->count), &done);

		if (!n)
			break;
		/* Bytes a bad buffer could not take are lost, as in Linux. */
		if (copy_to_iter(kbuf, n, to) < n)
			return total ? (ssize_t)total : -EFAULT;
		total += n;
	}
	return total;
}

static ssize_t tty_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	char kbuf[256];
	size_t total = 0;

	(void)file;
	(void)pos;
	while (from->count) {
		size_t want = min(sizeof(kbuf), from->count);
		size_t n = copy_from_iter(kbuf, want, from);

		console_write(kbuf, n);
		total += n;
		if (n < want)
			return total ? (ssize_t)total : -EFAULT;
	}
	return total;
}

static int tty_open(struct inode *inode, struct file *file)
{
	(void)file;
	/* 5:0 is /dev/tty, 5:1 /dev/console: both are the one console here */
	return MINOR(inode->rdev) <= 1 ? 0 : -ENXIO;
}

static const struct file_operations tty_fops = {
	.open = tty_open,
	.read_iter = tty_read,
	.write_iter = tty_write,
};

/* IRQ 4: drain the UART's receive FIFO into the line discipline. */
static void serial_rx_interrupt(int irq)
{
	int c;

	(void)irq;
	while ((c = serial_getc_nowait()) >= 0)
		n_tty_receive_char((unsigned char)c);
}

void tty_init(void)
{
	if (register_chrdev(TTY_MAJOR, "console", &tty_fops))
		panic("tty_init: major %d taken", TTY_MAJOR);
	if (request_irq(4, serial_rx_interrupt, "serial"))
		panic("tty_init: IRQ 4 taken");
	serial_enable_rx_interrupt();
}

int console_on_rootfs(void)
{
	struct file *f = filp_open("/dev/console", O_RDWR, 0);
	int fd;

	if (IS_ERR(f)) {
		pr_err("Warning: unable to open an initial console.\n");
		return (int)PTR_ERR(f);
	}
	fd = fd_install_lowest(f, false);
	if (fd < 0) {
		fput(f);
		return fd;
	}
	if (fd != 0 || sys_dup(0) != 1 || sys_dup(0) != 2)
		panic("console_on_rootfs: fds 0, 1, 2 were not free");
	return 0;
}
