/*
 * fs/cpio.c against archives built here (every padding case, concatenation,
 * each kind of damage) and against the real build/initramfs.cpio. Every
 * buffer handed to cpio_walk is a malloc'd copy of exactly the bytes under
 * test, so ASan reports any read past its end.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/unit/check_main.h"
#include "fs/cpio.h"
#include "kernel/errno.h"

#define INITRAMFS "build/initramfs.cpio"

/* An archive under construction. */
struct arch {
	char buf[1 << 16];
	size_t len;
};

static void pad(struct arch *a)
{
	while (a->len % 4)
		a->buf[a->len++] = '\0';
}

static void add_member(struct arch *a, const char *name, unsigned mode, const void *data,
		       size_t size)
{
	a->len +=
	    sprintf(a->buf + a->len, "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		    1u, mode, 0u, 0u, 1u, 0u, size, 0u, 0u, 0u, 0u, strlen(name) + 1, 0u);
	memcpy(a->buf + a->len, name, strlen(name) + 1);
	a->len += strlen(name) + 1;
	pad(a);
	memcpy(a->buf + a->len, data, size);
	a->len += size;
	pad(a);
}

static void add_trailer(struct arch *a)
{
	add_member(a, "TRAILER!!!", 0, "", 0);
}

/* What the actor saw. */
struct seen {
	int count;
	char names[16][64];
	unsigned modes[16];
	unsigned sizes[16];
	char data[16][64];
	int stop_at; /* return 99 at this entry (-1: never) */
};

static int record(const struct cpio_entry *e, void *arg)
{
	struct seen *s = arg;
	int i = s->count++;

	if (i < 16) {
		snprintf(s->names[i], sizeof(s->names[i]), "%s", e->name);
		s->modes[i] = e->mode;
		s->sizes[i] = e->size;
		memcpy(s->data[i], e->data, e->size < 63 ? e->size : 63);
	}
	return i == s->stop_at ? 99 : 0;
}

/* cpio_walk over an exact-size heap copy of the first len bytes of buf. */
static int walk_copy(const void *buf, size_t len, struct seen *s)
{
	void *copy = malloc(len ? len : 1);
	int ret;

	memcpy(copy, buf, len);
	memset(s, 0, sizeof(*s));
	s->stop_at = -1;
	ret = cpio_walk(copy, len, record, s);
	free(copy);
	return ret;
}

static void build_sample(struct arch *a)
{
	a->len = 0;
	add_member(a, ".", S_IFDIR | 0755, "", 0);
	add_member(a, "bin", S_IFDIR | 0755, "", 0);
	add_member(a, "bin/a", S_IFREG | 0644, "hello", 5);	/* name 6: pad 0 */
	add_member(a, "bin/bb", S_IFREG | 0644, "12345678", 8); /* name 7 */
	add_member(a, "bin/ccc", S_IFREG | 0600, "x", 1);	/* name 8 */
	add_member(a, "bin/dddd", S_IFREG | 0755, "", 0);	/* name 9 */
	add_trailer(a);
}

START_TEST(walks_every_member)
{
	static struct arch a;
	struct seen s;

	build_sample(&a);
	ck_assert_int_eq(walk_copy(a.buf, a.len, &s), 0);
	ck_assert_int_eq(s.count, 6);
	ck_assert_str_eq(s.names[0], ".");
	ck_assert_str_eq(s.names[2], "bin/a");
	ck_assert_uint_eq(s.modes[1], S_IFDIR | 0755);
	ck_assert_uint_eq(s.sizes[2], 5);
	ck_assert_str_eq(s.data[2], "hello");
	ck_assert_str_eq(s.data[3], "12345678");
	ck_assert_str_eq(s.data[4], "x");
	ck_assert_str_eq(s.names[5], "bin/dddd");
	ck_assert_uint_eq(s.sizes[5], 0);
}
END_TEST

START_TEST(actor_stops_the_walk)
{
	static struct arch a;
	struct seen s;

	build_sample(&a);
	memset(&s, 0, sizeof(s));
	s.stop_at = 2;
	ck_assert_int_eq(cpio_walk(a.buf, a.len, record, &s), 99);
	ck_assert_int_eq(s.count, 3);
}
END_TEST

START_TEST(concatenated_archives_and_padding)
{
	static struct arch a;
	struct seen s;

	a.len = 0;
	add_member(&a, "one", S_IFREG | 0644, "1", 1);
	add_trailer(&a);
	memset(a.buf + a.len, 0, 512); /* as cpio pads to 512-byte blocks */
	a.len += 512;
	add_member(&a, "two", S_IFREG | 0644, "22", 2);
	add_trailer(&a);
	a.len += 100; /* trailing NULs */
	ck_assert_int_eq(walk_copy(a.buf, a.len, &s), 0);
	ck_assert_int_eq(s.count, 2);
	ck_assert_str_eq(s.names[1], "two");
	ck_assert_str_eq(s.data[1], "22");
}
END_TEST

/* Every truncation before the end of the trailer is an error, never a bad read. */
START_TEST(every_truncation_is_an_error)
{
	static struct arch a;
	struct seen s;

	build_sample(&a);
	for (size_t len = 0; len < a.len; len++)
		ck_assert_msg(walk_copy(a.buf, len, &s) == -EINVAL, "len %zu", len);
	ck_assert_int_eq(walk_copy(a.buf, a.len, &s), 0);
}
END_TEST

/* Replaces the 8 hex digits of field i (0 = ino) of the first member. */
static void set_field(struct arch *a, int i, const char *hex8)
{
	memcpy(a->buf + 6 + 8 * i, hex8, 8);
}

START_TEST(malformed_headers)
{
	static struct arch a;
	struct seen s;
	const int namesize = 11, filesize = 6;
	struct {
		int field;
		const char *val;
	} bad[] = {
		{ namesize, "00000000" }, /* no room even for the NUL */
		{ namesize, "FFFFFFFF" }, /* far past the end */
		{ namesize, "FFFFFFF0" },
		{ namesize, "00000001" }, /* name "" but the NUL is not there */
		{ namesize, "00000005" }, /* one short: the last name byte is not NUL */
		{ filesize, "FFFFFFFF" }, /* data would wrap a 32-bit sum */
		{ filesize, "7FFFFFFF" },
		{ filesize, "00010000" }, /* larger than the archive */
		{ 1, "0000075G" },	  /* not hex */
		{ 0, " 0000001" },
		{ 12, "-0000001" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		a.len = 0;
		add_member(&a, "bin/a", S_IFREG | 0644, "hello", 5);
		add_trailer(&a);
		set_field(&a, bad[i].field, bad[i].val);
		ck_assert_msg(walk_copy(a.buf, a.len, &s) == -EINVAL, "case %zu", i);
		ck_assert_int_eq(s.count, 0);
	}
	/* bad magic; a name with a NUL inside; no trailer; junk after the trailer */
	build_sample(&a);
	memcpy(a.buf, "070707", 6);
	ck_assert_int_eq(walk_copy(a.buf, a.len, &s), -EINVAL);
	a.len = 0;
	add_member(&a, "ab", S_IFREG, "", 0);
	a.buf[110 + 1] = '\0';
	add_trailer(&a);
	ck_assert_int_eq(walk_copy(a.buf, a.len, &s), -EINVAL);
	a.len = 0;
	add_member(&a, "only", S_IFREG, "data", 4);
	ck_assert_int_eq(walk_copy(a.buf, a.len, &s), -EINVAL);
	ck_assert_int_eq(s.count, 1); /* what came before the damage was seen */
	build_sample(&a);
	memcpy(a.buf + a.len, "junk", 4);
	ck_assert_int_eq(walk_copy(a.buf, a.len + 4, &s), -EINVAL);
}
END_TEST

/* Random damage to a valid archive: an error or success, never a bad read. */
START_TEST(random_corruption)
{
	static struct arch a, b;
	struct seen s;

	build_sample(&a);
	srand(1234);
	for (int round = 0; round < 20000; round++) {
		memcpy(b.buf, a.buf, a.len);
		for (int k = 0; k < 1 + round % 4; k++)
			b.buf[rand() % a.len] = "0123456789abcdefF\0\xff 7"[rand() % 21];
		int ret = walk_copy(b.buf, rand() % 3 ? a.len : (size_t)rand() % a.len, &s);
		ck_assert(ret == 0 || ret == -EINVAL);
	}
}
END_TEST

static int find_sh(const struct cpio_entry *e, void *arg)
{
	const struct cpio_entry **out = arg;

	if (!strcmp(e->name, "bin/sh")) {
		static struct cpio_entry copy;

		copy = *e;
		*out = &copy;
	}
	return 0;
}

START_TEST(the_real_initramfs)
{
	const struct cpio_entry *sh = NULL;
	struct stat st;
	size_t len;
	char *buf = read_build_file(INITRAMFS, &len);

	ck_assert_int_eq(cpio_walk(buf, len, find_sh, &sh), 0);
	ck_assert_msg(sh != NULL, "bin/sh not in the initramfs");
	ck_assert_uint_eq(sh->mode & S_IFMT, S_IFREG);
	ck_assert_int_eq(stat("build/rootfs/bin/sh", &st), 0);
	ck_assert_uint_eq(sh->size, st.st_size);
	ck_assert_int_eq(memcmp(sh->data, "\177ELF", 4), 0);
	free(buf);
}
END_TEST

int main(void)
{
	const TTest *tests[] = { walks_every_member,
				 actor_stops_the_walk,
				 concatenated_archives_and_padding,
				 every_truncation_is_an_error,
				 malformed_headers,
				 random_corruption,
				 the_real_initramfs,
				 NULL };

	return run_tests("cpio", tests, 60, CK_NOFORK);
}
