/*
 * A small stdio. stdout and stderr are line buffered: output goes to the
 * file descriptor at each '\n', when the buffer fills, at fflush and at
 * exit; stderr is also flushed at the end of every call (printf family,
 * fputs, fputc), so a message without a newline appears at once and in one
 * write(2). stdin reads through a buffer.
 */
#ifndef ULIB_STDIO_H
#define ULIB_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)
#define BUFSIZ 1024

typedef struct FILE FILE;

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vprintf(const char *fmt, va_list ap);
int vfprintf(FILE *f, const char *fmt, va_list ap);
int vsprintf(char *buf, const char *fmt, va_list ap);
/* Writes at most size bytes including the NUL; returns the untruncated length. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int puts(const char *s);
int fflush(FILE *f); /* NULL flushes stdout and stderr */
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
char *fgets(char *buf, int size, FILE *f);
int fileno(FILE *f);
int ferror(FILE *f);
int feof(FILE *f);
int rename(const char *oldpath, const char *newpath);
void perror(const char *s);

#endif
