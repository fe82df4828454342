/*
 * Integer square root (Linux's lib/math/int_sqrt.c): the digit-by-digit
 * method in base 4, one result bit per step, no multiplication or
 * division, so its cost is fixed by the word size, not by x. Used by the
 * watermarks (min_free_kbytes) and by reclaim (inactive_is_low).
 */
#include "kernel/lib/int_sqrt.h"

/* The largest r with r * r <= x. */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << (sizeof(long) * 8 - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}
