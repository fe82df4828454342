/*
 * Seeded data for workloads that verify memory word by word after it went
 * through swap: every word is a pure function of (seed, index), so a
 * checker needs no copy of what was written.
 */
#ifndef _PATTERN_H
#define _PATTERN_H

/* lowbias32 (hash-prospector): every input bit moves about half the output bits. */
static inline unsigned hash32(unsigned x)
{
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

#endif
