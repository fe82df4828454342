/*
 * The kernel's vsnprintf against the host C library's, format by format:
 * printk output is what every test reads, so it must be exact.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tests/unit/check_main.h"

int kernel_snprintf(char *buf, size_t size, const char *fmt, ...);

#define SAME(fmt, ...)                                                                             \
	do {                                                                                       \
		char want[256], got[256];                                                          \
		int wn = snprintf(want, sizeof(want), fmt, __VA_ARGS__);                           \
		int gn = kernel_snprintf(got, sizeof(got), fmt, __VA_ARGS__);                      \
		ck_assert_str_eq(got, want);                                                       \
		ck_assert_int_eq(gn, wn);                                                          \
	} while (0)

START_TEST(integers)
{
	SAME("%d %i %u", 0, -1, 4000000000U);
	SAME("%5d|%-5d|%05d", 42, 42, -42);
	SAME("%x %X %#x %#o %o", 0xbeefU, 0xbeefU, 255U, 8U, 8U);
	SAME("%ld %lu %lx", -123456789L, 123456789UL, 0xdeadbeefUL);
	SAME("%lld %llu %llx", -1234567890123LL, 18446744073709551615ULL, 0x123456789abcULL);
	SAME("%zu %zd", (size_t)77, (ssize_t)-77);
	SAME("%+d % d %.3d %8.3d", 5, 5, 7, -7);
	SAME("%*d|%-*d", 6, 1, 6, 2);
	SAME("[%6lu ]", 12345UL);
	SAME("%08x", 0xc0101234U);
}
END_TEST

START_TEST(strings_and_chars)
{
	SAME("%s|%10s|%-10s|%.2s", "abc", "abc", "abc", "abc");
	SAME("%c%c%%", 'o', 'k');
	SAME("%-16s%8lu kB", "MemTotal:", 16318808UL);
}
END_TEST

START_TEST(truncation)
{
	char buf[8];
	int n = kernel_snprintf(buf, sizeof(buf), "%s", "0123456789");

	ck_assert_int_eq(n, 10);
	ck_assert_str_eq(buf, "0123456");
	n = kernel_snprintf(NULL, 0, "%d", 12345);
	ck_assert_int_eq(n, 5);
}
END_TEST

int main(void)
{
	const TTest *tests[] = { integers, strings_and_chars, truncation, NULL };

	return run_tests("vsprintf", tests, 0, CK_NOFORK);
}
