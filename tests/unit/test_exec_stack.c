/*
 * kernel/exec_stack.c: the initial stack a new program finds, read back the
 * way crt0 (user/lib/crt0.asm, start.c) reads it. Buffers are exact-size
 * heap blocks, so ASan reports any write outside them.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "kernel/errno.h"
#include "kernel/exec_stack.h"

#define TOP 0xBFFFF000u

static const struct elf_stack_info info = {
	.phdr = 0x08048034,
	.phnum = 5,
	.entry = 0x08049240,
	.hwcap = 0x178bfbff,
	.random = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 },
};

/* A stack image: buf[0] is user address TOP - size. */
struct image {
	unsigned char *buf;
	size_t size;
};

static unsigned int word(struct image *im, unsigned int addr)
{
	unsigned int v;

	ck_assert_uint_ge(addr, TOP - im->size);
	ck_assert_uint_le(addr + 4, TOP);
	memcpy(&v, im->buf + (addr - (TOP - im->size)), 4);
	return v;
}

static const char *string(struct image *im, unsigned int addr)
{
	ck_assert_uint_ge(addr, TOP - im->size);
	ck_assert_uint_lt(addr, TOP);
	return (const char *)im->buf + (addr - (TOP - im->size));
}

static int build(struct image *im, size_t size, const char *const argv[], const char *const envp[],
		 unsigned int *esp)
{
	im->size = size;
	im->buf = calloc(1, size ? size : 1);
	return create_elf_tables(im->buf, size, TOP, "/bin/prog", argv, envp, &info, esp);
}

START_TEST(layout_as_linux)
{
	const char *argv[] = { "prog", "-x", "arg with spaces", NULL };
	const char *envp[] = { "HOME=/", "PATH=/bin", NULL };
	/* Linux's order; the three strings' addresses are checked by what they point to */
	const struct {
		unsigned int type, val;
	} auxv[] = { { AT_HWCAP, info.hwcap }, { AT_PAGESZ, 4096 },
		     { AT_CLKTCK, 100 },       { AT_PHDR, info.phdr },
		     { AT_PHENT, 32 },	       { AT_PHNUM, 5 },
		     { AT_BASE, 0 },	       { AT_FLAGS, 0 },
		     { AT_ENTRY, info.entry }, { AT_UID, 0 },
		     { AT_EUID, 0 },	       { AT_GID, 0 },
		     { AT_EGID, 0 },	       { AT_SECURE, 0 },
		     { AT_RANDOM, 0 },	       { AT_EXECFN, 0 },
		     { AT_PLATFORM, 0 },       { AT_NULL, 0 } };
	struct image im;
	unsigned int sp, p, str_end = 0;

	ck_assert_int_eq(build(&im, 8192, argv, envp, &sp), 0);
	ck_assert_uint_eq(sp % 16, 0);
	ck_assert_uint_eq(word(&im, sp), 3);
	p = sp + 4;
	for (int i = 0; i < 3; i++, p += 4) {
		ck_assert_str_eq(string(&im, word(&im, p)), argv[i]);
		if (i) /* strings are back to back, argv[0] lowest */
			ck_assert_uint_eq(word(&im, p), str_end);
		str_end = word(&im, p) + strlen(argv[i]) + 1;
	}
	ck_assert_uint_eq(word(&im, p), 0);
	p += 4;
	for (int i = 0; i < 2; i++, p += 4) {
		ck_assert_uint_eq(word(&im, p), str_end);
		ck_assert_str_eq(string(&im, word(&im, p)), envp[i]);
		str_end += strlen(envp[i]) + 1;
	}
	ck_assert_uint_eq(word(&im, p), 0);
	p += 4;
	for (size_t i = 0; i < sizeof(auxv) / sizeof(auxv[0]); i++, p += 8) {
		unsigned int type = word(&im, p), val = word(&im, p + 4);

		ck_assert_uint_eq(type, auxv[i].type);
		switch (type) {
		case AT_EXECFN:
			ck_assert_str_eq(string(&im, val), "/bin/prog");
			ck_assert_uint_eq(val, str_end); /* right above envp's strings */
			ck_assert_uint_eq(val + sizeof("/bin/prog"), TOP - 4);
			break;
		case AT_PLATFORM:
			ck_assert_str_eq(string(&im, val), "i686");
			break;
		case AT_RANDOM:
			ck_assert_int_eq(memcmp(string(&im, val), info.random, 16), 0);
			ck_assert_uint_gt(val, p); /* above the vectors */
			break;
		default:
			ck_assert_uint_eq(val, auxv[i].val);
			break;
		}
	}
	ck_assert_uint_eq(word(&im, TOP - 4), 0);
	free(im.buf);
}
END_TEST

START_TEST(empty_lists)
{
	struct image im;
	unsigned int sp;

	ck_assert_int_eq(build(&im, 4096, NULL, NULL, &sp), 0);
	ck_assert_uint_eq(word(&im, sp), 0);
	ck_assert_uint_eq(word(&im, sp + 4), 0); /* argv's NULL */
	ck_assert_uint_eq(word(&im, sp + 8), 0); /* envp's NULL */
	ck_assert_uint_eq(word(&im, sp + 12), AT_HWCAP);
	free(im.buf);
}
END_TEST

/* Every buffer too small gives -E2BIG and writes nothing outside itself. */
START_TEST(too_small_is_e2big)
{
	char big[600];
	const char *argv[] = { big, big, "x", NULL };
	const char *envp[] = { big, NULL };
	struct image im;
	unsigned int sp;
	size_t need = 0;

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (size_t size = 0; size <= 4096; size += 16) {
		int ret = build(&im, size, argv, envp, &sp);

		free(im.buf);
		if (ret == 0) {
			need = size;
			break;
		}
		ck_assert_int_eq(ret, -E2BIG);
	}
	ck_assert_uint_gt(need, 3 * sizeof(big));
	ck_assert_uint_lt(need, 3 * sizeof(big) + 400);
}
END_TEST

int main(void)
{
	const TTest *tests[] = { layout_as_linux, empty_lists, too_small_is_e2big, NULL };

	return run_tests("exec_stack", tests, 0, CK_NOFORK);
}
