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

/* Fill the len bytes at p with seed's words: word i is hash32(seed ^ i). */
static inline void pattern_fill(unsigned *p, unsigned long len, unsigned seed)
{
	for (unsigned long i = 0; i < len / 4; i++)
		p[i] = hash32(seed ^ (unsigned)i);
}

/* The index of the first word of the len bytes at p that is not seed's, or -1. */
static inline long pattern_verify(const unsigned *p, unsigned long len, unsigned seed)
{
	for (unsigned long i = 0; i < len / 4; i++)
		if (p[i] != hash32(seed ^ (unsigned)i))
			return (long)i;
	return -1;
}

#endif
