/*
 * /dev/console and /dev/tty: the serial line (and the screen) as one
 * terminal (Linux's drivers/tty/tty_io.c and tty_jobctrl.c). What the
 * characters typed do is the line discipline's business (drivers/n_tty.c);
 * this file is the device: its termios and window size, reads and writes,
 * poll, the ioctls, and the terminal's part in job control.
 *
 *   output  a write goes to every enabled console (serial and VGA, as
 *           console= chose), without printk's timestamps or the log.
 *   input   the UART's receive interrupt (IRQ 4) hands each character to
 *           n_tty_receive_char.
 *   termios TCGETS/TCSETS/TCSETSW/TCSETSF read and set Linux's struct
 *           termios (default: Linux's tty_std_termios, cooked with echo);
 *           TIOCGWINSZ/TIOCSWINSZ the window size (0x0 until someone sets
 *           it, as a serial line on Linux; a change sends SIGWINCH).
 *
 * Job control, as Linux's: a session leader that opens the terminal (or
 * asks with TIOCSCTTY) makes it its controlling terminal, and its process
 * group the foreground one; TIOCSPGRP (tcsetpgrp) moves the foreground to
 * another group of the session. ^C, ^\ and ^Z signal the foreground group;
 * a process of the session outside it that reads gets SIGTTIN (and EIO if
 * it ignores or blocks that), writes with TOSTOP or changes termios get
 * SIGTTOU. /dev/tty is the caller's controlling terminal (ENXIO without).
 *
 * Before any session owns the terminal (a program started directly as
 * init, the tests' usual way), the signal characters go to every user
 * process but init, as this kernel did before it had sessions: Linux would
 * signal no one, having no foreground group.
 */
#include "drivers/tty.h"
#include "drivers/serial.h"
#include "fs/file.h"
#include "kernel/irq.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"

/* Linux's tty_std_termios with INIT_C_CC. */
struct termios tty_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = { [VINTR] = 003,
		  [VQUIT] = 034,
		  [VERASE] = 0177,
		  [VKILL] = 025,
		  [VEOF] = 004,
		  [VTIME] = 0,
		  [VMIN] = 1,
		  [VSTART] = 021,
		  [VSTOP] = 023,
		  [VSUSP] = 032,
		  [VREPRINT] = 022,
		  [VDISCARD] = 017,
		  [VWERASE] = 027,
		  [VLNEXT] = 026 },
};
static struct winsize tty_winsize;
static pid_t tty_session; /* the session whose controlling terminal this is; 0: none */
static pid_t tty_pgrp;	  /* its foreground process group */

/* Is the console current's controlling terminal? */
static bool is_current_tty(void)
{
	return tty_session && current->session == tty_session;
}

void tty_signal(int sig)
{
	struct task_struct *p;

	for_each_process(p) {
		if (p->pid <= 1 || (p->flags & PF_KTHREAD) || p->exit_state)
			continue;
		if (tty_session ? p->pgrp == tty_pgrp : sig != SIGTSTP)
			send_sig(sig, p);
	}
}

/*
 * A process of the session outside the foreground group touches the
 * terminal (Linux's tty_check_change / __tty_check_change): its group gets
 * sig and the call is restarted after it; -EIO if sig would be lost.
 */
static int tty_check_change(int sig)
{
	if (!is_current_tty() || current->pgrp == tty_pgrp)
		return 0;
	if (current->sighand[sig - 1].handler == SIG_IGN || (current->sig_blocked & sigmask(sig)))
		return sig == SIGTTOU ? 0 : -EIO; /* Linux: an ignored SIGTTOU lets it write */
	if (is_pgrp_orphaned(current->pgrp))
		return -EIO;
	kill_pgrp(current->pgrp, sig);
	return -ERESTARTSYS;
}

/* Enough input for a read: a line, or VMIN characters in raw mode. */
static bool input_ready(size_t want)
{
	if (tty_termios.c_lflag & ICANON)
		return n_tty_chars_ready() > 0;
	return n_tty_chars_ready() >= min(want, (size_t)max(tty_termios.c_cc[VMIN], 1));
}

static ssize_t tty_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	char kbuf[256];
	size_t total = 0;
	bool eol = false;
	int err = tty_check_change(SIGTTIN);
	bool raw = !(tty_termios.c_lflag & ICANON);
	long vtime = raw ? tty_termios.c_cc[VTIME] * HZ / 10 : 0;

	(void)pos;
	if (err)
		return err;
	if (!input_ready(to->count) && (file->f_flags & O_NONBLOCK))
		return -EAGAIN;
	if (raw && !tty_termios.c_cc[VMIN] && !vtime && !n_tty_chars_ready())
		return 0; /* MIN 0, TIME 0: a poll */
	if (vtime) {
		DEFINE_WAIT(w);

		prepare_to_wait(&tty_read_wait, &w, TASK_INTERRUPTIBLE);
		if (!input_ready(to->count) && !signal_pending_current())
			schedule_timeout(vtime); /* TIME: at most this long */
		finish_wait(&tty_read_wait, &w);
	} else {
		err = wait_event_interruptible(tty_read_wait, input_ready(to->count));
		if (err)
			return err; /* -ERESTARTSYS: EINTR or a restart (kernel/signal_32.c) */
	}
	while (!eol && to->count) {
		size_t n = n_tty_take(kbuf, min(sizeof(kbuf), to->count), &eol);

		if (!n)
			break;
		/* Bytes a bad buffer could not take are lost, as in Linux. */
		if (copy_to_iter(kbuf, n, to) < n)
			return total ? (ssize_t)total : -EFAULT;
		total += n;
	}
	if (!total && signal_pending_current())
		return -ERESTARTSYS;
	return total;
}

static ssize_t tty_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	char kbuf[256];
	size_t total = 0;
	int err = (tty_termios.c_lflag & TOSTOP) ? tty_check_change(SIGTTOU) : 0;

	(void)file;
	(void)pos;
	if (err)
		return err;
	while (from->count) {
		size_t want = min(sizeof(kbuf), from->count);
		size_t n = copy_from_iter(kbuf, want, from);

		tty_output(kbuf, n);
		total += n;
		if (n < want)
			return total ? (ssize_t)total : -EFAULT;
	}
	return total;
}

static unsigned int tty_poll(struct file *file, struct wait_queue_head **wait)
{
	(void)file;
	*wait = &tty_read_wait;
	return (input_ready(1) ? POLLIN | POLLRDNORM : 0) | POLLOUT | POLLWRNORM;
}

/* A session leader without a terminal takes this one, unless O_NOCTTY (Linux's tty_open). */
static void tty_open_ctty(struct file *file)
{
	if (!(file->f_flags & O_NOCTTY) && current->session == current->pid && !tty_session) {
		tty_session = current->session;
		tty_pgrp = current->pgrp;
	}
}

static int tty_open(struct inode *inode, struct file *file)
{
	if (MINOR(inode->rdev) > 1)
		return -ENXIO;
	if (MINOR(inode->rdev) == 0 && !is_current_tty())
		return -ENXIO; /* /dev/tty: no controlling terminal */
	tty_open_ctty(file);
	return 0;
}

int tty_of_session(pid_t session, pid_t *tpgid)
{
	if (!session || session != tty_session)
		return 0;
	*tpgid = tty_pgrp;
	return (int)((TTY_MAJOR << 8) | 1); /* new_encode_dev(5:1): /dev/console */
}

/* The terminal leaves session: it has none now. */
static void tty_session_ended(pid_t session)
{
	if (session && session == tty_session) {
		tty_session = 0;
		tty_pgrp = 0;
	}
}

void disassociate_ctty(pid_t session)
{
	if (!session || session != tty_session)
		return;
	if (tty_pgrp) { /* Linux: the foreground group gets SIGHUP, and SIGCONT if stopped */
		kill_pgrp(tty_pgrp, SIGHUP);
		kill_pgrp(tty_pgrp, SIGCONT);
	}
	tty_session_ended(session);
}

static long tiocspgrp(const pid_t __user *arg)
{
	struct task_struct *p;
	pid_t pgrp;
	int err;

	if (!is_current_tty())
		return -ENOTTY;
	err = tty_check_change(SIGTTOU);
	if (err)
		return err;
	if (get_user_ulong((unsigned long *)&pgrp, (const unsigned long __user *)arg))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	/*
	 * Linux finds the group by its struct pid, which a zombie member keeps
	 * until it is reaped: a shell may make a pipeline's group the foreground
	 * after its processes have exited but before it has waited for them.
	 */
	for_each_process(p)
		if (p->pgrp == pgrp) {
			if (p->session != tty_session)
				return -EPERM; /* another session's group */
			tty_pgrp = pgrp;
			return 0;
		}
	return -ESRCH; /* no such group */
}

static long tty_set_termios(unsigned int cmd, const struct termios __user *arg)
{
	struct termios t;
	bool was_canon = tty_termios.c_lflag & ICANON;
	int err = tty_check_change(SIGTTOU);

	if (err)
		return err;
	if (copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	if (cmd == TCSETSF)
		n_tty_flush();
	tty_termios = t;
	n_tty_set_termios(was_canon);
	return 0;
}

static long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *argp = (void __user *)arg;

	(void)file;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(argp, &tty_termios, sizeof(tty_termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return tty_set_termios(cmd, argp);
	case TIOCGWINSZ:
		return copy_to_user(argp, &tty_winsize, sizeof(tty_winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ: {
		struct winsize ws;

		if (copy_from_user(&ws, argp, sizeof(ws)))
			return -EFAULT;
		if (memcmp(&ws, &tty_winsize, sizeof(ws)) && tty_pgrp)
			kill_pgrp(tty_pgrp, SIGWINCH);
		tty_winsize = ws;
		return 0;
	}
	case TIOCGPGRP:
		if (!is_current_tty())
			return -ENOTTY;
		return put_user_int(tty_pgrp, argp);
	case TIOCGSID:
		if (!is_current_tty())
			return -ENOTTY;
		return put_user_int(tty_session, argp);
	case TIOCSPGRP:
		return tiocspgrp(argp);
	case TIOCSCTTY:
		if (current->session != current->pid)
			return -EPERM; /* only a session leader */
		if (tty_session && tty_session != current->session && arg != 1)
			return -EPERM; /* another session's (root may steal with arg 1) */
		tty_session = current->session;
		tty_pgrp = current->pgrp;
		return 0;
	case TIOCNOTTY:
		if (!is_current_tty())
			return -ENOTTY;
		if (current->session == current->pid)
			tty_session_ended(current->session);
		return 0;
	case FIONREAD:
		return put_user_int((int)n_tty_chars_ready(), argp);
	case TCFLSH:
		if (arg == TCIFLUSH || arg == TCIOFLUSH)
			n_tty_flush();
		return arg <= TCIOFLUSH ? 0 : -EINVAL;
	case TCSBRK: /* tcdrain: the console writes synchronously */
	case TCXONC:
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tty_fops = {
	.open = tty_open,
	.read_iter = tty_read,
	.write_iter = tty_write,
	.unlocked_ioctl = tty_ioctl,
	.poll = tty_poll,
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
	if (fd < 0)
		return fd;
	if (fd != 0 || sys_dup(0) != 1 || sys_dup(0) != 2)
		panic("console_on_rootfs: fds 0, 1, 2 were not free");
	return 0;
}
