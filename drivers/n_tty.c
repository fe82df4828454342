/*
 * The line discipline of the console (Linux's drivers/tty/n_tty.c): what
 * happens to each character typed, and what a read returns, as the
 * terminal's termios says (drivers/tty.c keeps it; TCSETS changes it).
 *
 *   input    c_iflag: ISTRIP, IGNCR, ICRNL (CR -> NL), INLCR
 *   signals  ISIG: VINTR (^C) SIGINT, VQUIT (^\) SIGQUIT, VSUSP (^Z)
 *            SIGTSTP to the foreground process group (tty_signal), and
 *            the pending input is flushed unless NOFLSH
 *   ICANON   lines: VERASE (DEL) erases a character, VWERASE (^W) a word
 *            (IEXTEN), VKILL (^U) the line, VEOF (^D) ends a line without
 *            a character (at its start: end of file), NL, VEOL and VEOL2
 *            end it; a read returns at most one line, once it is complete
 *   raw      (no ICANON) every character is data at once; a read waits for
 *            VMIN of them, or VTIME tenths of a second (Linux's rules)
 *   echo     ECHO echoes the input (ECHOCTL: control characters as ^X),
 *            ECHOE erases with "\b \b", ECHOK/ECHOKE the line, ECHONL the
 *            newline even without ECHO; OPOST|ONLCR output turns NL into
 *            CR NL (the serial driver also does it for the console)
 *
 * The buffer is a ring indexed by free-running counters:
 *   read_tail <= canon_head <= head; read_tail .. canon_head is what a
 *   reader may take (complete lines, or everything in raw mode);
 *   canon_head .. head is the line being edited.
 * The receive interrupt and readers share it; readers look at it with
 * interrupts off.
 */
#include "drivers/tty.h"
#include "kernel/printk.h"
#include "uapi/asm/signal.h"
#include "kernel/x86.h"

static struct {
	unsigned char buf[N_TTY_BUF_SIZE];
	unsigned long read_tail, canon_head, head;
	unsigned long eof_at; /* head position + 1 of the last VEOF mark, 0: none */
} ldata;

DECLARE_WAIT_QUEUE_HEAD(tty_read_wait);

#define L(f) (tty_termios.c_lflag & (f))
#define I(f) (tty_termios.c_iflag & (f))
#define CC(v) (tty_termios.c_cc[v])

/* Output with OPOST processing (ONLCR): the console already sends CR before NL. */
void tty_output(const char *s, size_t n)
{
	console_write(s, n);
}

static void echo_char(unsigned char c)
{
	char ctl[2] = { '^', (char)(c ^ 0x40) };

	if (L(ECHOCTL) && (c < 0x20 || c == 0x7f) && c != '\n' && c != '\t')
		tty_output(ctl, 2);
	else
		tty_output((const char *)&c, 1);
}

/* Erase one character of the line being edited, on the screen too. */
static void erase_char(void)
{
	unsigned char c = ldata.buf[(ldata.head - 1) % N_TTY_BUF_SIZE];

	ldata.head--;
	if (!L(ECHO))
		return;
	if (L(ECHOE)) {
		tty_output("\b \b", 3);
		if (L(ECHOCTL) && (c < 0x20 || c == 0x7f) && c != '\t')
			tty_output("\b \b", 3); /* its ^X took two columns */
	} else {
		echo_char(CC(VERASE));
	}
}

static bool is_line_end(unsigned char c)
{
	return c == '\n' || (CC(VEOL) && c == CC(VEOL)) || (CC(VEOL2) && c == CC(VEOL2));
}

static void commit(void)
{
	ldata.canon_head = ldata.head;
	wake_up(&tty_read_wait);
}

/* ICANON's editing characters; true if c was one. */
static bool canon_edit(unsigned char c)
{
	if (c == CC(VERASE)) {
		if (ldata.head > ldata.canon_head)
			erase_char();
		return true;
	}
	if (c == CC(VKILL)) {
		while (ldata.head > ldata.canon_head)
			erase_char();
		if (L(ECHO) && L(ECHOK) && !L(ECHOKE))
			tty_output("\n", 1);
		return true;
	}
	if (L(IEXTEN) && c == CC(VWERASE)) {
		while (ldata.head > ldata.canon_head &&
		       ldata.buf[(ldata.head - 1) % N_TTY_BUF_SIZE] == ' ')
			erase_char();
		while (ldata.head > ldata.canon_head &&
		       ldata.buf[(ldata.head - 1) % N_TTY_BUF_SIZE] != ' ')
			erase_char();
		return true;
	}
	return false;
}

/* The signal characters (ISIG); true if c was one. */
static bool isig_char(unsigned char c)
{
	int sig = 0;

	if (c == CC(VINTR))
		sig = SIGINT;
	else if (c == CC(VQUIT))
		sig = SIGQUIT;
	else if (c == CC(VSUSP))
		sig = SIGTSTP;
	if (!sig || !c)
		return false;
	if (!L(NOFLSH))
		ldata.head = ldata.canon_head = ldata.read_tail;
	if (L(ECHO)) {
		echo_char(c);
		if (L(ICANON))
			tty_output("\n", 1);
	}
	tty_signal(sig);
	return true;
}

void n_tty_receive_char(unsigned char c)
{
	if (I(ISTRIP))
		c &= 0x7f;
	if (c == '\r') {
		if (I(IGNCR))
			return;
		if (I(ICRNL))
			c = '\n';
	} else if (c == '\n' && I(INLCR)) {
		c = '\r';
	}
	if (L(ISIG) && isig_char(c))
		return;
	if (L(ICANON) && canon_edit(c))
		return;
	/* Keep one byte free for the newline or EOF that ends a line. */
	if (ldata.head - ldata.read_tail >=
	    (unsigned long)(N_TTY_BUF_SIZE - (L(ICANON) && !is_line_end(c) && c != CC(VEOF))))
		return;
	if (L(ICANON) && c == CC(VEOF)) {
		ldata.eof_at = ldata.head + 1;
		ldata.buf[ldata.head++ % N_TTY_BUF_SIZE] = 0;
		commit();
		return;
	}
	ldata.buf[ldata.head++ % N_TTY_BUF_SIZE] = c;
	if (L(ECHO) || (c == '\n' && L(ECHONL) && L(ICANON)))
		echo_char(c);
	if (!L(ICANON) || is_line_end(c))
		commit();
}

void n_tty_flush(void)
{
	unsigned long flags = local_irq_save();

	ldata.head = ldata.canon_head = ldata.read_tail;
	local_irq_restore(flags);
}

unsigned int n_tty_chars_ready(void)
{
	return (unsigned int)(ldata.canon_head - ldata.read_tail);
}

/* Raw mode moves the line being edited to the reader's side; canonical mode starts a new one. */
void n_tty_set_termios(bool was_canon)
{
	unsigned long flags = local_irq_save();

	if (was_canon && !L(ICANON))
		ldata.canon_head = ldata.head;
	local_irq_restore(flags);
	wake_up(&tty_read_wait);
}

/*
 * Take up to size bytes the reader may have into kbuf (interrupts off).
 * In canonical mode it stops after a line; *eol tells the caller so. A
 * VEOF mark ends the line without being returned.
 */
size_t n_tty_take(char *kbuf, size_t size, bool *eol)
{
	unsigned long flags = local_irq_save();
	size_t n = 0;

	*eol = false;
	while (n < size && ldata.read_tail != ldata.canon_head) {
		unsigned long at = ldata.read_tail++;
		unsigned char c = ldata.buf[at % N_TTY_BUF_SIZE];

		if (L(ICANON) && ldata.eof_at == at + 1) {
			ldata.eof_at = 0;
			*eol = true;
			break;
		}
		kbuf[n++] = (char)c;
		if (L(ICANON) && is_line_end(c)) {
			*eol = true;
			break;
		}
	}
	local_irq_restore(flags);
	return n;
}
