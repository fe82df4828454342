/*
 * snprintf, written once for the kernel and the user library: the kernel
 * builds this file with the rest of kernel/lib, and the Makefile builds it
 * into user/lib with the user flags, as kernel/lib/string_core.c. Each side
 * formats with its own vsnprintf (kernel/lib/vsprintf.c, user/lib/printf.c)
 * and declares snprintf in its own header (kernel/kernel.h, user/lib/stdio.h).
 */
#include <stdarg.h>
#include <stddef.h>

/* Each side's own. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/*
 * Formats into buf, at most size bytes with the terminating NUL; returns
 * the length the whole output would have had (C99), so a result >= size
 * means the output was cut.
 */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
