/*
 * Walking a cpio "newc" archive (the format of Linux's initramfs,
 * Documentation/driver-api/early-userspace/buffer-format.rst).
 *
 * Each member is a 110-byte header of ASCII: the magic "070701" (or
 * "070702", the variant with checksums, which are not verified), then
 * thirteen 8-digit hex fields:
 *
 *   ino mode uid gid nlink mtime filesize devmajor devminor
 *   rdevmajor rdevminor namesize check
 *
 * then the name (namesize bytes, NUL included) padded with NULs so that
 * header + name is a multiple of 4, then filesize bytes of data padded to a
 * multiple of 4. The member named "TRAILER!!!" ends the archive. Archives may
 * be concatenated, with NUL padding between them (as Linux accepts).
 *
 * The buffer is not trusted: every field is parsed strictly and every length
 * is compared with what is left of the buffer by subtraction (no sum can
 * wrap), so a truncated or malicious archive gives -EINVAL and never a read
 * outside [buf, buf + len). This file uses no allocator and no file system;
 * the caller's actor decides what to do with each member.
 */
#include "fs/cpio.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

#define CPIO_HDR_LEN 110
#define CPIO_TRAILER "TRAILER!!!"

enum {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_DEVMAJOR,
	F_DEVMINOR,
	F_RDEVMAJOR,
	F_RDEVMINOR,
	F_NAMESIZE,
	F_CHECK,
	NR_FIELDS
};

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Parses exactly 8 hex digits; returns 0, or -EINVAL on any other character. */
static int parse_hex8(const char *s, u32 *val)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		u32 d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -EINVAL;
		v = v << 4 | d;
	}
	*val = v;
	return 0;
}

/*
 * Parses the member at p (left bytes remain in the buffer) into e; returns
 * its total length including padding, or -EINVAL. The name padding must be
 * present; the data padding may be cut off only at the very end of a buffer.
 */
static long parse_member(const char *p, size_t left, struct cpio_entry *e)
{
	u32 f[NR_FIELDS];
	size_t name_end, data_end;

	if (left < CPIO_HDR_LEN || memcmp(p, "07070", 5) || (p[5] != '1' && p[5] != '2'))
		return -EINVAL;
	for (int i = 0; i < NR_FIELDS; i++)
		if (parse_hex8(p + 6 + 8 * i, &f[i]))
			return -EINVAL;
	if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > left - CPIO_HDR_LEN)
		return -EINVAL;
	name_end = pad4(CPIO_HDR_LEN + (size_t)f[F_NAMESIZE]);
	if (name_end > left)
		return -EINVAL;
	/* the name is exactly namesize - 1 characters and a NUL */
	if (p[CPIO_HDR_LEN + f[F_NAMESIZE] - 1] != '\0' ||
	    strnlen(p + CPIO_HDR_LEN, f[F_NAMESIZE]) != f[F_NAMESIZE] - 1)
		return -EINVAL;
	if (f[F_FILESIZE] > left - name_end)
		return -EINVAL;
	data_end = name_end + f[F_FILESIZE];
	e->name = p + CPIO_HDR_LEN;
	e->mode = f[F_MODE];
	e->ino = f[F_INO];
	e->nlink = f[F_NLINK];
	e->mtime = f[F_MTIME];
	e->rdevmajor = f[F_RDEVMAJOR];
	e->rdevminor = f[F_RDEVMINOR];
	e->data = p + name_end;
	e->size = f[F_FILESIZE];
	return pad4(data_end) <= left ? (long)pad4(data_end) : (long)left;
}

/*
 * Calls actor for every member of the archive(s) in buf, in order, except
 * the trailers. Returns 0 when the buffer ends right after a trailer (and
 * optional NUL padding), -EINVAL if it is malformed or truncated anywhere
 * (members before the damage have been passed to actor), or the first
 * nonzero value actor returns.
 */
int cpio_walk(const void *buf, size_t len, cpio_actor_t actor, void *arg)
{
	const char *p = buf;
	size_t off = 0;
	int after_trailer = 0;

	while (off < len) {
		struct cpio_entry e;
		long n;
		int ret;

		if (after_trailer && p[off] == '\0') {
			off++; /* padding between concatenated archives */
			continue;
		}
		n = parse_member(p + off, len - off, &e);
		if (n < 0)
			return n;
		off += n;
		after_trailer = !strcmp(e.name, CPIO_TRAILER);
		if (after_trailer)
			continue;
		ret = actor(&e, arg);
		if (ret)
			return ret;
	}
	return after_trailer ? 0 : -EINVAL;
}
