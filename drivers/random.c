/*
 * Random numbers for user space: getrandom(2), /dev/urandom and
 * /dev/random (Linux's drivers/char/random.c, much reduced).
 *
 * The generator is Linux's: ChaCha20 in "fast key erasure" mode. A 256-bit
 * key produces blocks; each request first takes a fresh key from the
 * stream, so the key that produced earlier output is gone (nothing read
 * later reveals it). The key starts from what the machine offers at boot:
 * the TSC (cycles since power-on, varying with QEMU's timing), the RTC's
 * wall time, and RDRAND when the CPU has it; the TSC of each timer tick is
 * mixed in too (add_timer_randomness). Linux collects and estimates far
 * more entropy before it calls the generator ready; this kernel calls it
 * ready at boot, so its output is unpredictable in practice but not to
 * Linux's standard (say so where it matters: docs/userland.md).
 *
 * /dev/random and /dev/urandom are the same generator, as in Linux since
 * 5.6 once it is ready; getrandom never blocks here.
 */
#include "drivers/random.h"
#include "drivers/rtc.h"
#include "fs/fs.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"

#define CHACHA_BLOCK_SIZE 64
#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM 0x0002
#define GRND_INSECURE 0x0004

static u32 crng_key[8];
static u64 crng_generation; /* counts requests: the nonce */

static u32 rol32(u32 v, int n)
{
	return (v << n) | (v >> (32 - n));
}

#define QR(a, b, c, d)                                                                             \
	do {                                                                                       \
		a += b;                                                                            \
		d = rol32(d ^ a, 16);                                                              \
		c += d;                                                                            \
		b = rol32(b ^ c, 12);                                                              \
		a += b;                                                                            \
		d = rol32(d ^ a, 8);                                                               \
		c += d;                                                                            \
		b = rol32(b ^ c, 7);                                                               \
	} while (0)

/* One ChaCha20 block (RFC 8439) of key, counter and nonce into out. */
static void chacha20_block(const u32 key[8], u64 counter, u64 nonce, u8 out[CHACHA_BLOCK_SIZE])
{
	u32 s[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 }, x[16];

	memcpy(&s[4], key, 32);
	s[12] = (u32)counter;
	s[13] = (u32)(counter >> 32);
	s[14] = (u32)nonce;
	s[15] = (u32)(nonce >> 32);
	memcpy(x, s, sizeof(x));
	for (int i = 0; i < 10; i++) {
		QR(x[0], x[4], x[8], x[12]);
		QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]);
		QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]);
		QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]);
		QR(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++)
		x[i] += s[i];
	memcpy(out, x, CHACHA_BLOCK_SIZE);
}

/* Fold v into the key: the key becomes the first half of a block keyed by key ^ v. */
static void mix_into_key(u64 v)
{
	u8 block[CHACHA_BLOCK_SIZE];

	crng_key[0] ^= (u32)v;
	crng_key[1] ^= (u32)(v >> 32);
	chacha20_block(crng_key, 0, ~crng_generation++, block);
	memcpy(crng_key, block, sizeof(crng_key));
	memset(block, 0, sizeof(block));
}

static bool cpu_has_rdrand(void)
{
	u32 a = 1, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return c & (1U << 30);
}

void rand_initialize(void)
{
	mix_into_key(rdtsc());
	mix_into_key((u64)rtc_read_seconds());
	if (cpu_has_rdrand()) {
		for (int i = 0; i < 8; i++) {
			u32 r;
			u8 ok;

			__asm__ volatile("rdrand %0; setc %1" : "=r"(r), "=qm"(ok));
			if (ok)
				mix_into_key(r);
		}
	}
	mix_into_key(rdtsc());
}

void add_timer_randomness(void)
{
	crng_key[7] ^= (u32)rdtsc(); /* the cheap part; the next request folds it in */
}

/*
 * n random bytes into the iterator: a fresh key first (fast key erasure),
 * then blocks from the old stream. The bytes given, or -EFAULT if none.
 */
static ssize_t get_random_bytes_iter(struct iov_iter *to)
{
	u8 block[CHACHA_BLOCK_SIZE];
	u32 key[8];
	u64 nonce;
	size_t done = 0;

	mix_into_key(rdtsc());
	chacha20_block(crng_key, 0, crng_generation, block);
	memcpy(key, crng_key, sizeof(key));
	memcpy(crng_key, block, sizeof(crng_key)); /* the next request's key */
	nonce = crng_generation++;
	for (u64 counter = 1; to->count; counter++) {
		size_t n = min(to->count, (size_t)CHACHA_BLOCK_SIZE), got;

		chacha20_block(key, counter, nonce, block);
		got = copy_to_iter(block, n, to);
		done += got;
		if (got < n)
			break;
	}
	memset(block, 0, sizeof(block));
	memset(key, 0, sizeof(key));
	return done || !to->count ? (ssize_t)done : -EFAULT;
}

/* getrandom(buf, count, flags): count bytes (at most 32 MiB - 1, as Linux) or -errno. */
long sys_getrandom(char __user *buf, size_t count, unsigned int flags)
{
	struct iov_iter to = { true, buf, min(count, (size_t)(32 << 20) - 1) };

	if (flags & ~(unsigned int)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	if (!access_ok(buf, to.count))
		return -EFAULT;
	return get_random_bytes_iter(&to);
}

ssize_t urandom_read_iter(struct file *file, struct iov_iter *to, loff_t *pos)
{
	(void)file;
	(void)pos;
	return get_random_bytes_iter(to);
}
