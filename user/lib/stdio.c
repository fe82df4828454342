/*
 * FILE streams over file descriptors 0, 1 and 2 (there is no fopen yet).
 * Output is line buffered (see stdio.h); input is read BUFSIZ bytes at a
 * time, so a program that mixes stdio and read(2) on fd 0 loses what stdio
 * read ahead (as with any libc).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"

static FILE files[3] = {
	{ .fd = 0 },
	{ .fd = 1 },
	{ .fd = 2, .flags = F_FLUSHCALL },
};

FILE *stdin = &files[0];
FILE *stdout = &files[1];
FILE *stderr = &files[2];

/* Writes the buffered bytes; returns 0, or EOF (and marks the error). */
static int flush_one(FILE *f)
{
	int done = 0;

	while (done < f->len) {
		ssize_t n = write(f->fd, f->buf + done, f->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			f->flags |= F_ERR;
			f->len = 0;
			return EOF;
		}
		done += n;
	}
	f->len = 0;
	return 0;
}

int fflush(FILE *f)
{
	if (!f)
		return (flush_one(stdout) | flush_one(stderr)) ? EOF : 0;
	return f == stdin ? 0 : flush_one(f);
}

/* Buffers c; writes the buffer out at a newline or when it is full. */
int __fputc_buffered(int c, FILE *f)
{
	f->buf[f->len++] = (char)c;
	if ((c == '\n' || f->len == BUFSIZ) && flush_one(f))
		return EOF;
	return (unsigned char)c;
}

int fputc(int c, FILE *f)
{
	if (__fputc_buffered(c, f) == EOF || ((f->flags & F_FLUSHCALL) && flush_one(f)))
		return EOF;
	return (unsigned char)c;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}
int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *s, FILE *f)
{
	while (*s)
		if (__fputc_buffered(*s++, f) == EOF)
			return EOF;
	if (f->flags & F_FLUSHCALL)
		return flush_one(f);
	return 0;
}

int puts(const char *s)
{
	return fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF ? EOF : 0;
}

int fgetc(FILE *f)
{
	if (f->pos == f->len) {
		ssize_t n;

		if (f == stdin)
			fflush(stdout); /* a prompt shows before we block */
		do
			n = read(f->fd, f->buf, BUFSIZ);
		while (n < 0 && errno == EINTR);
		if (n <= 0) {
			f->flags |= n ? F_ERR : F_EOF;
			f->pos = f->len = 0;
			return EOF;
		}
		f->pos = 0;
		f->len = n;
	}
	return (unsigned char)f->buf[f->pos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}
int getchar(void)
{
	return fgetc(stdin);
}

/* Reads up to size-1 bytes, stopping after a '\n'; NULL at end of file with nothing read. */
char *fgets(char *buf, int size, FILE *f)
{
	int n = 0, c = 0;

	while (n < size - 1 && (c = fgetc(f)) != EOF) {
		buf[n++] = (char)c;
		if (c == '\n')
			break;
	}
	if (n == 0 && size > 0 && c == EOF)
		return NULL;
	if (size > 0)
		buf[n] = '\0';
	return buf;
}

int fileno(FILE *f)
{
	return f->fd;
}
int ferror(FILE *f)
{
	return f->flags & F_ERR;
}
int feof(FILE *f)
{
	return f->flags & F_EOF;
}

void perror(const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strerror(errno));
	else
		fprintf(stderr, "%s\n", strerror(errno));
}
