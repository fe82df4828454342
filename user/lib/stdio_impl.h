/* Internal to user/lib: the FILE structure and the formatting engine. */
#ifndef ULIB_STDIO_IMPL_H
#define ULIB_STDIO_IMPL_H

#include <stdarg.h>
#include <stdio.h>

#define F_ERR 1	      /* a write or read failed */
#define F_EOF 2	      /* read returned 0 */
#define F_FLUSHCALL 4 /* flush at the end of every call (stderr) */

struct FILE {
	int fd;
	int flags;
	int len; /* output: bytes buffered; input: bytes valid */
	int pos; /* input: next byte to return */
	char buf[BUFSIZ];
};

/* Where formatted output goes: a FILE, or a buffer of `size` bytes. */
struct sink {
	FILE *f;
	char *buf;
	size_t size;
	size_t len; /* characters produced so far (may exceed size) */
};

/* fputc without stderr's flush at the end of the call (see stdio.h). */
int __fputc_buffered(int c, FILE *f);

/* printf's format language into `s`; returns the characters produced. */
int __vformat(struct sink *s, const char *fmt, va_list ap);

#endif
