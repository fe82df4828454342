/*
 * vsnprintf: the printf family for the kernel. Supports the conversions
 * Linux code uses most: %d %i %u %x %X %o %c %s %p %%, the length
 * modifiers hh h l ll z t, and the flags - 0 + space # with width and
 * precision (also as *). Output is always terminated; the return value is
 * the length the full output would have had, as C99 says. snprintf over
 * it is kernel/lib/snprintf.c, which the user library shares.
 */
#include "kernel/kernel.h"
#include "kernel/lib/string.h"

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

#define F_LEFT 1
#define F_ZERO 2
#define F_PLUS 4
#define F_SPACE 8
#define F_ALT 16
#define F_UPPER 32

static void put_number(struct out *o, unsigned long long v, int neg, unsigned base, int flags,
		       int width, int prec)
{
	const char *digits = (flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, i, pad;
	char sign = 0;
	const char *prefix = "";

	if (neg)
		sign = '-';
	else if (flags & F_PLUS)
		sign = '+';
	else if (flags & F_SPACE)
		sign = ' ';
	if ((flags & F_ALT) && v) {
		if (base == 16)
			prefix = (flags & F_UPPER) ? "0X" : "0x";
		else if (base == 8)
			prefix = "0";
	}
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (prec >= 0)
		flags &= ~F_ZERO;
	if (prec < n)
		prec = n;
	pad = width - prec - (sign ? 1 : 0) - (int)strlen(prefix);
	if (!(flags & (F_LEFT | F_ZERO)))
		for (; pad > 0; pad--)
			put(o, ' ');
	if (sign)
		put(o, sign);
	for (i = 0; prefix[i]; i++)
		put(o, prefix[i]);
	if (flags & F_ZERO)
		for (; pad > 0; pad--)
			put(o, '0');
	for (i = prec; i > n; i--)
		put(o, '0');
	while (n)
		put(o, tmp[--n]);
	for (; pad > 0; pad--)
		put(o, ' ');
}

static void put_string(struct out *o, const char *s, int flags, int width, int prec)
{
	int n, pad;

	if (!s)
		s = "(null)";
	n = (int)strnlen(s, prec >= 0 ? (size_t)prec : (size_t)-1);
	pad = width - n;
	if (!(flags & F_LEFT))
		for (; pad > 0; pad--)
			put(o, ' ');
	while (n--)
		put(o, *s++);
	for (; pad > 0; pad--)
		put(o, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int flags = 0, width = -1, prec = -1, lng = 0, base = 10, is_signed = 0;
		unsigned long long v;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (;;) {
			fmt++;
			if (*fmt == '-')
				flags |= F_LEFT;
			else if (*fmt == '0')
				flags |= F_ZERO;
			else if (*fmt == '+')
				flags |= F_PLUS;
			else if (*fmt == ' ')
				flags |= F_SPACE;
			else if (*fmt == '#')
				flags |= F_ALT;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = -width;
			}
			fmt++;
		} else {
			for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
				width = width * 10 + (*fmt - '0');
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				for (prec = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
					prec = prec * 10 + (*fmt - '0');
			}
		}
		for (;; fmt++) {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'h')
				;
			else if (*fmt == 'z' || *fmt == 't')
				lng = (sizeof(size_t) == sizeof(long)) ? 1 : 0;
			else
				break;
		}
		switch (*fmt) {
		case 'c':
			put(&o, (char)va_arg(ap, int));
			continue;
		case 's':
			put_string(&o, va_arg(ap, const char *), flags, width, prec);
			continue;
		case '%':
			put(&o, '%');
			continue;
		case 'p':
			v = (uintptr_t)va_arg(ap, void *);
			put_number(&o, v, 0, 16, flags | F_ZERO, (int)sizeof(void *) * 2, -1);
			continue;
		case 'd':
		case 'i':
			is_signed = 1;
			break;
		case 'u':
			break;
		case 'x':
			base = 16;
			break;
		case 'X':
			base = 16;
			flags |= F_UPPER;
			break;
		case 'o':
			base = 8;
			break;
		case '\0':
			fmt--;
			continue;
		default:
			put(&o, '%');
			put(&o, *fmt);
			continue;
		}
		if (is_signed) {
			long long s = lng >= 2	 ? va_arg(ap, long long)
				      : lng == 1 ? va_arg(ap, long)
						 : va_arg(ap, int);
			int neg = s < 0;
			v = neg ? 0ULL - (unsigned long long)s : (unsigned long long)s;
			put_number(&o, v, neg, base, flags, width, prec);
		} else {
			v = lng >= 2   ? va_arg(ap, unsigned long long)
			    : lng == 1 ? va_arg(ap, unsigned long)
				       : va_arg(ap, unsigned int);
			put_number(&o, v, 0, base, flags, width, prec);
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}
