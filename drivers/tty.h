/*
 * The console terminal (drivers/tty.c) and its line discipline
 * (drivers/n_tty.c), with Linux's termios layout and ioctl numbers
 * (asm-generic/termbits.h, ioctls.h); tty_init and console_on_rootfs are
 * in fs/fs.h.
 */
#ifndef DRIVERS_TTY_H
#define DRIVERS_TTY_H

#include "kernel/kernel.h"
#include "kernel/wait.h"
#include "uapi/asm-generic/poll.h"

#define TTY_MAJOR 5 /* /dev/tty is 5:0, /dev/console 5:1 */
#define N_TTY_BUF_SIZE 4096

/* struct termios as the TCGETS/TCSETS ioctls pass it (Linux's, NCCS 19). */
#define NCCS 19
struct termios {
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line;
	unsigned char c_cc[NCCS];
};

struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* c_cc */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSWTC 7
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16
/* c_iflag */
#define ISTRIP 0000040
#define INLCR 0000100
#define IGNCR 0000200
#define ICRNL 0000400
#define IXON 0002000
/* c_oflag */
#define OPOST 0000001
#define ONLCR 0000004
/* c_cflag */
#define B38400 0000017
#define CS8 0000060
#define CREAD 0000200
#define HUPCL 0002000
/* c_lflag */
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010
#define ECHOE 0000020
#define ECHOK 0000040
#define ECHONL 0000100
#define NOFLSH 0000200
#define TOSTOP 0000400
#define ECHOCTL 0001000
#define ECHOKE 0004000
#define IEXTEN 0100000

/* ioctls */
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCSBRK 0x5409
#define TCXONC 0x540A
#define TCFLSH 0x540B
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429
#define TCIFLUSH 0
#define TCIOFLUSH 2

extern struct termios tty_termios;
extern wait_queue_head_t tty_read_wait;

/* drivers/tty.c */
/*
 * sig to the foreground process group (or, while no session owns the terminal,
 * every user process but init).
 */
void tty_signal(int sig);

/*
 * The console's device number (stat's tty_nr) if it is session's terminal,
 * else 0; *tpgid its foreground group.
 */
int tty_of_session(int session, int *tpgid);

/* drivers/n_tty.c */
/* Feed one received character to the line discipline (interrupts off). */
void n_tty_receive_char(unsigned char c);
/* Drop all buffered input (for tests; interrupts may be on). */
void n_tty_flush(void);
/* Characters a read may take now. */
unsigned int n_tty_chars_ready(void);
/* Up to size of them into kbuf; *eol when a canonical line (or VEOF) ended. */
size_t n_tty_take(char *kbuf, size_t size, bool *eol);
/* termios changed; was_canon: ICANON before the change. */
void n_tty_set_termios(bool was_canon);
/* Text to the terminal (echo and writes). */
void tty_output(const char *s, size_t n);

#endif
