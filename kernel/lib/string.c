/*
 * Memory and string functions. gcc may emit calls to memcpy and memset on
 * its own, so these must exist even in a freestanding kernel. Plain byte
 * loops: clear first, fast later if a benchmark says so.
 */
#include "kernel/lib/string.h"
#include "kernel/errno.h"

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d < s)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

/* Copy at most size-1 bytes and always terminate; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len >= size ? size - 1 : len;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

char *strsep(char **sp, const char *delim)
{
	char *s = *sp, *p;

	if (!s)
		return NULL;
	for (p = s; *p; p++) {
		if (strchr(delim, *p)) {
			*p = '\0';
			*sp = p + 1;
			return s;
		}
	}
	*sp = NULL;
	return s;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* base 0: "0x" means 16, a leading "0" means 8, otherwise 10. */
unsigned long simple_strtoul(const char *s, char **end, unsigned int base)
{
	unsigned long v = 0;

	if (base == 0) {
		base = 10;
		if (s[0] == '0') {
			base = 8;
			if (s[1] == 'x' || s[1] == 'X') {
				base = 16;
				s += 2;
			}
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	while (digit_value(*s) < (int)base)
		v = v * base + digit_value(*s++);
	if (end)
		*end = (char *)s;
	return v;
}

long simple_strtol(const char *s, char **end, unsigned int base)
{
	if (*s == '-')
		return -(long)simple_strtoul(s + 1, end, base);
	return (long)simple_strtoul(s, end, base);
}

/*
 * Strict conversion, as Linux's kstrtoul: the whole string must be a
 * number (one trailing newline allowed). Returns 0, -EINVAL or -ERANGE.
 */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long v = 0, prev;
	const char *p = s;

	if (base == 0 || base == 16) {
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
			base = 16;
			p += 2;
		} else if (base == 0) {
			base = (p[0] == '0' && p[1]) ? 8 : 10;
		}
	}
	if (*p == '+')
		p++;
	if (digit_value(*p) >= (int)base)
		return -EINVAL;
	while (digit_value(*p) < (int)base) {
		prev = v;
		v = v * base + digit_value(*p++);
		if (v / base != prev)
			return -ERANGE;
	}
	if (*p == '\n')
		p++;
	if (*p)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	unsigned long v;
	int neg = 0, err;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	err = kstrtoul(s, base, &v);
	if (err)
		return err;
	if (v > (unsigned long)LONG_MAX + neg)
		return -ERANGE;
	*res = neg ? -(long)v : (long)v;
	return 0;
}

/* A size with an optional K, M or G suffix, as Linux's memparse. */
unsigned long long memparse(const char *s, char **end)
{
	char *e;
	unsigned long long v = simple_strtoul(s, &e, 0);

	switch (*e) {
	case 'G':
	case 'g':
		v <<= 10;
		/* fall through */
	case 'M':
	case 'm':
		v <<= 10;
		/* fall through */
	case 'K':
	case 'k':
		v <<= 10;
		e++;
		break;
	default:
		break;
	}
	if (end)
		*end = e;
	return v;
}

/*
 * A yes/no word, as Linux's kstrtobool: y, Y, 1, on -> true; n, N, 0,
 * off -> false (only the first characters are looked at). 0 or -EINVAL.
 */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y':
	case 'Y':
	case '1':
		*res = true;
		return 0;
	case 'n':
	case 'N':
	case '0':
		*res = false;
		return 0;
	case 'o':
	case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*res = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*res = false;
			return 0;
		}
		return -EINVAL;
	default:
		return -EINVAL;
	}
}

/* Cut trailing white space (a written "lz4\n") in place; returns s (Linux's strim, tail only). */
char *strim_tail(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}
