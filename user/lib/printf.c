/*
 * The printf family. One engine, __vformat, reads the format and produces
 * characters into a sink (a buffer or a FILE). Supported: flags "-+ #0",
 * width and precision (numbers or '*'), lengths hh h l ll z j t, and the
 * conversions d i u o x X c s p %. Output matches glibc's for these (e.g.
 * "%p" of NULL is "(nil)"). No floating point: %f and friends print as-is.
 * snprintf is the kernel's kernel/lib/snprintf.c, built into user/lib.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"

struct spec {
	int left, plus, space, alt, zero;
	int width;
	int prec; /* -1: not given */
	int len;  /* 0, 'H' (hh), 'h', 'l', 'L' (ll) */
};

static void put(struct sink *s, char c)
{
	if (s->f)
		__fputc_buffered(c, s->f);
	else if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void pad(struct sink *s, char c, int n)
{
	while (n-- > 0)
		put(s, c);
}

static void put_str(struct sink *s, const char *str, struct spec *sp)
{
	int n;

	if (!str)
		str = sp->prec < 0 || sp->prec >= 6 ? "(null)" : "";
	n = sp->prec < 0 ? (int)strlen(str) : (int)strnlen(str, sp->prec);
	if (!sp->left)
		pad(s, ' ', sp->width - n);
	for (int i = 0; i < n; i++)
		put(s, str[i]);
	if (sp->left)
		pad(s, ' ', sp->width - n);
}

/*
 * An integer: sign or "0x" prefix, zeros up to the precision (or to the
 * width with the '0' flag), the digits, spaces up to the width.
 */
static void put_num(struct sink *s, unsigned long long v, int neg, int base, int upper,
		    const char *prefix, struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, plen = strlen(prefix), zeros, spaces;

	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	if (n == 0 && sp->prec != 0)
		tmp[n++] = '0';
	if (base == 8 && sp->alt && (n == 0 || tmp[n - 1] != '0'))
		tmp[n++] = '0';
	if (neg || sp->plus || sp->space)
		prefix = neg ? "-" : sp->plus ? "+" : " ", plen = 1;
	zeros = sp->prec > n ? sp->prec - n : 0;
	if (sp->zero && !sp->left && sp->prec < 0 && sp->width > plen + n)
		zeros = sp->width - plen - n;
	spaces = sp->width - plen - zeros - n;
	if (!sp->left)
		pad(s, ' ', spaces);
	while (*prefix)
		put(s, *prefix++);
	pad(s, '0', zeros);
	while (n)
		put(s, tmp[--n]);
	if (sp->left)
		pad(s, ' ', spaces);
}

static unsigned long long get_unsigned(struct spec *sp, va_list *ap)
{
	switch (sp->len) {
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned int);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned int);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'L':
		return va_arg(*ap, unsigned long long);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static long long get_signed(struct spec *sp, va_list *ap)
{
	switch (sp->len) {
	case 'H':
		return (signed char)va_arg(*ap, int);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'l':
		return va_arg(*ap, long);
	case 'L':
		return va_arg(*ap, long long);
	default:
		return va_arg(*ap, int);
	}
}

/* Reads flags, width, precision and length at *fmt; advances past them. */
static void parse_spec(const char **fmt, struct spec *sp, va_list *ap)
{
	const char *f = *fmt;

	memset(sp, 0, sizeof(*sp));
	sp->prec = -1;
	for (;; f++) {
		if (*f == '-')
			sp->left = 1;
		else if (*f == '+')
			sp->plus = 1;
		else if (*f == ' ')
			sp->space = 1;
		else if (*f == '#')
			sp->alt = 1;
		else if (*f == '0')
			sp->zero = 1;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0)
			sp->left = 1, sp->width = -sp->width;
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1;
			f++;
		}
		while (*f >= '0' && *f <= '9')
			sp->prec = sp->prec * 10 + (*f++ - '0');
	}
	if (f[0] == 'h' && f[1] == 'h')
		sp->len = 'H', f += 2;
	else if (f[0] == 'l' && f[1] == 'l')
		sp->len = 'L', f += 2;
	else if (*f == 'h')
		sp->len = 'h', f++;
	else if (*f == 'l' || *f == 'z' || *f == 't')
		sp->len = 'l', f++;
	else if (*f == 'j')
		sp->len = 'L', f++;
	*fmt = f;
}

int __vformat(struct sink *s, const char *fmt, va_list ap)
{
	struct spec sp;
	va_list args;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		const char *start = fmt;
		long long v;

		if (*fmt != '%') {
			put(s, *fmt);
			continue;
		}
		fmt++;
		parse_spec(&fmt, &sp, &args);
		switch (*fmt) {
		case 'd':
		case 'i':
			v = get_signed(&sp, &args);
			put_num(s, v < 0 ? -(unsigned long long)v : (unsigned long long)v, v < 0,
				10, 0, "", &sp);
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X': {
			unsigned long long u = get_unsigned(&sp, &args);
			int base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
			const char *prefix =
			    sp.alt && u && base == 16 ? (*fmt == 'X' ? "0X" : "0x") : "";

			sp.plus = sp.space = 0;
			put_num(s, u, 0, base, *fmt == 'X', prefix, &sp);
			break;
		}
		case 'p': {
			void *p = va_arg(args, void *);

			sp.prec = p ? sp.prec : -1;
			if (p)
				put_num(s, (uintptr_t)p, 0, 16, 0, "0x", &sp);
			else
				put_str(s, "(nil)", &sp);
			break;
		}
		case 'c': {
			char c = (char)va_arg(args, int);

			if (!sp.left)
				pad(s, ' ', sp.width - 1);
			put(s, c);
			if (sp.left)
				pad(s, ' ', sp.width - 1);
			break;
		}
		case 's':
			put_str(s, va_arg(args, const char *), &sp);
			break;
		case '%':
			put(s, '%');
			break;
		default: /* unknown or unsupported: print the text as is */
			for (; start <= fmt && *start; start++)
				put(s, *start);
			if (!*fmt)
				fmt--;
			break;
		}
	}
	va_end(args);
	return s->len > 0x7fffffff ? 0x7fffffff : (int)s->len;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { .buf = buf, .size = size };
	int n = __vformat(&s, fmt, ap);

	if (size)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return n;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, (size_t)-1 >> 1, fmt, ap);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct sink s = { .f = f };
	int n = __vformat(&s, fmt, ap);

	if (f->flags & F_FLUSHCALL)
		fflush(f);
	return f->flags & F_ERR ? -1 : n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

/* Formats into a stack buffer, then one write(2): no FILE involved. */
int dprintf(int fd, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	return write(fd, buf, n) == n ? n : -1;
}
