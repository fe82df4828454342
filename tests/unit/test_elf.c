/*
 * kernel/elf.c against a real program (build/rootfs/bin/sh) and damaged
 * copies of it: every truncation, each header field made wrong, random
 * damage. Every image is an exact-size malloc'd copy, so ASan reports any
 * read past its end; a damaged image must give -ENOEXEC, never a crash.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "kernel/elf.h"
#include "kernel/errno.h"

#define PROGRAM "build/rootfs/bin/sh"

static unsigned char *image;
static size_t image_len;

static void load_program(void)
{
	image = read_build_file(PROGRAM, &image_len);
}

static void free_program(void)
{
	free(image);
}

/* elf_check on an exact-size heap copy of buf[0..len). */
static int check_copy(const void *buf, size_t len)
{
	void *copy = malloc(len ? len : 1);
	int ret;

	memcpy(copy, buf, len);
	ret = elf_check(copy, len);
	free(copy);
	return ret;
}

static Elf32_Ehdr *ehdr(void *buf)
{
	return buf;
}

static Elf32_Phdr *phdr(void *buf, int i)
{
	return (Elf32_Phdr *)((char *)buf + ehdr(buf)->e_phoff) + i;
}

/* The index of the n-th PT_LOAD header of buf. */
static int load_index(void *buf, int n)
{
	for (int i = 0; i < ehdr(buf)->e_phnum; i++)
		if (phdr(buf, i)->p_type == PT_LOAD && n-- == 0)
			return i;
	ck_abort_msg("no PT_LOAD number %d", n);
	return -1;
}

/* The end of the last byte the loader needs: the headers and every PT_LOAD's file data. */
static size_t needed_len(void *buf)
{
	size_t end = ehdr(buf)->e_phoff + ehdr(buf)->e_phnum * sizeof(Elf32_Phdr);

	for (int i = 0; i < ehdr(buf)->e_phnum; i++) {
		Elf32_Phdr *ph = phdr(buf, i);

		if (ph->p_type == PT_LOAD && ph->p_offset + ph->p_filesz > end)
			end = ph->p_offset + ph->p_filesz;
	}
	return end;
}

struct walk {
	int count;
	Elf32_Addr vaddr[8];
	const void *data[8];
	int stop_at;
};

static int record(const Elf32_Phdr *ph, const void *data, void *arg)
{
	struct walk *w = arg;

	if (w->count < 8) {
		w->vaddr[w->count] = ph->p_vaddr;
		w->data[w->count] = data;
	}
	return w->count++ == w->stop_at ? 7 : 0;
}

START_TEST(real_program_passes)
{
	struct walk w = { .stop_at = -1 };
	int loads = 0;

	ck_assert_int_eq(check_copy(image, image_len), 0);
	ck_assert_int_eq(elf_check(image, image_len), 0);
	for (int i = 0; i < ehdr(image)->e_phnum; i++)
		loads += phdr(image, i)->p_type == PT_LOAD;
	ck_assert_int_eq(elf_for_each_load(image, image_len, record, &w), 0);
	ck_assert_int_eq(w.count, loads);
	for (int n = 0; n < loads && n < 8; n++) {
		Elf32_Phdr *ph = phdr(image, load_index(image, n));

		ck_assert_uint_eq(w.vaddr[n], ph->p_vaddr);
		ck_assert_ptr_eq(w.data[n], image + ph->p_offset);
	}
	w = (struct walk){ .stop_at = 1 };
	ck_assert_int_eq(elf_for_each_load(image, image_len, record, &w), 7);
	ck_assert_int_eq(w.count, 2);
}
END_TEST

/* AT_PHDR: where the loaded program finds its own program headers. */
START_TEST(phdr_address)
{
	Elf32_Phdr *first = phdr(image, load_index(image, 0));
	void *b = malloc(image_len);

	ck_assert_uint_eq(first->p_offset, 0); /* ld maps the headers with the first segment */
	ck_assert_uint_eq(elf_phdr_addr(image, image_len), first->p_vaddr + ehdr(image)->e_phoff);
	memcpy(b, image, image_len);
	phdr(b, load_index(b, 0))->p_offset = 0x1000; /* now nothing maps them */
	phdr(b, load_index(b, 0))->p_vaddr += 0x1000;
	ck_assert_uint_eq(elf_phdr_addr(b, image_len), 0);
	phdr(b, ehdr(b)->e_phnum - 1)->p_type = PT_PHDR;
	phdr(b, ehdr(b)->e_phnum - 1)->p_vaddr = 0x0804a000;
	ck_assert_uint_eq(elf_phdr_addr(b, image_len), 0x0804a000);
	ck_assert_uint_eq(elf_phdr_addr(b, 40), 0); /* not a valid image */
	free(b);
}
END_TEST

START_TEST(every_truncation)
{
	size_t need = needed_len(image);

	for (size_t len = 0; len < need; len++)
		ck_assert_msg(check_copy(image, len) == -ENOEXEC, "len %zu", len);
	/* section headers and debug info are never read: cutting them is fine */
	ck_assert_int_eq(check_copy(image, need), 0);
}
END_TEST

/* Applies one change to a copy of the program; elf_check must refuse it. */
typedef void (*mutation_t)(void *buf);

#define MUTATION(name, body)                                                                       \
	static void name(void *b)                                                                  \
	{                                                                                          \
		body;                                                                              \
	}

MUTATION(bad_magic, ((char *)b)[1] = 'X')
MUTATION(class64, ehdr(b)->e_ident[EI_CLASS] = 2)
MUTATION(big_endian, ehdr(b)->e_ident[EI_DATA] = 2)
MUTATION(ident_version, ehdr(b)->e_ident[EI_VERSION] = 0)
MUTATION(type_dyn, ehdr(b)->e_type = ET_DYN)
MUTATION(type_rel, ehdr(b)->e_type = 1)
MUTATION(machine_x86_64, ehdr(b)->e_machine = 62)
MUTATION(version0, ehdr(b)->e_version = 0)
MUTATION(phentsize, ehdr(b)->e_phentsize = sizeof(Elf32_Phdr) - 1)
MUTATION(phnum0, ehdr(b)->e_phnum = 0)
MUTATION(phnum_huge, ehdr(b)->e_phnum = 0xffff)
MUTATION(phnum_above_limit, ehdr(b)->e_phnum = ELF_MAX_PHNUM + 1)
MUTATION(phdrs_cut_by_end, ehdr(b)->e_phoff = image_len - ehdr(b)->e_phnum * sizeof(Elf32_Phdr) + 4)
MUTATION(phoff_huge, ehdr(b)->e_phoff = 0xfffffff0)
MUTATION(phoff_past_end, ehdr(b)->e_phoff = image_len - 8)
MUTATION(entry_outside, ehdr(b)->e_entry = 0x1000)
MUTATION(entry_zero, ehdr(b)->e_entry = 0)
MUTATION(offset_past_end, phdr(b, load_index(b, 1))->p_offset = image_len + 0x1000)
MUTATION(offset_wraps, phdr(b, load_index(b, 1))->p_offset = 0xfffff000)
MUTATION(filesz_wraps, phdr(b, load_index(b, 1))->p_filesz = 0xffffffff)
MUTATION(filesz_past_end, phdr(b, load_index(b, 1))->p_filesz = image_len;
	 phdr(b, load_index(b, 1))->p_memsz = image_len)
MUTATION(filesz_above_memsz,
	 phdr(b, load_index(b, 0))->p_memsz = phdr(b, load_index(b, 0))->p_filesz - 1)
MUTATION(vaddr_kernel, phdr(b, load_index(b, 0))->p_vaddr = 0xC0000000)
MUTATION(memsz_into_kernel, phdr(b, load_index(b, 0))->p_memsz = 0xC0000000 - 0x08048000 + 1)
MUTATION(memsz_wraps, phdr(b, load_index(b, 0))->p_memsz = 0xffffffff)
MUTATION(vaddr_wraps, phdr(b, load_index(b, 0))->p_vaddr = 0xfffff000)
MUTATION(misaligned, phdr(b, load_index(b, 1))->p_vaddr += 4)
MUTATION(unsorted, phdr(b, load_index(b, 1))->p_vaddr = phdr(b, load_index(b, 0))->p_vaddr - 0x1000)
MUTATION(interp, phdr(b, ehdr(b)->e_phnum - 1)->p_type = PT_INTERP)
MUTATION(no_load, for (int i = 0; i < ehdr(b)->e_phnum; i++) if (phdr(b, i)->p_type == PT_LOAD)
		      phdr(b, i)
			  ->p_type = PT_NOTE)

static const struct {
	const char *name;
	mutation_t fn;
} mutations[] = {
#define M(n)                                                                                       \
	{                                                                                          \
#n, n                                                                              \
	}
	M(bad_magic),	     M(class64),
	M(big_endian),	     M(ident_version),
	M(type_dyn),	     M(type_rel),
	M(machine_x86_64),   M(version0),
	M(phentsize),	     M(phnum0),
	M(phnum_huge),	     M(phnum_above_limit),
	M(phdrs_cut_by_end), M(phoff_huge),
	M(phoff_past_end),   M(entry_outside),
	M(entry_zero),	     M(offset_past_end),
	M(offset_wraps),     M(filesz_wraps),
	M(filesz_past_end),  M(filesz_above_memsz),
	M(vaddr_kernel),     M(memsz_into_kernel),
	M(memsz_wraps),	     M(vaddr_wraps),
	M(misaligned),	     M(unsorted),
	M(interp),	     M(no_load),
};

START_TEST(corrupted_fields)
{
	struct walk w = { .stop_at = -1 };
	void *b = malloc(image_len);

	for (size_t i = 0; i < sizeof(mutations) / sizeof(mutations[0]); i++) {
		memcpy(b, image, image_len);
		mutations[i].fn(b);
		ck_assert_msg(check_copy(b, image_len) == -ENOEXEC, "%s accepted",
			      mutations[i].name);
		ck_assert_int_eq(elf_for_each_load(b, image_len, record, &w), -ENOEXEC);
		ck_assert_int_eq(w.count, 0);
	}
	free(b);
}
END_TEST

/* Random damage to the headers: 0 or -ENOEXEC, and no bad read either way. */
START_TEST(random_header_damage)
{
	size_t need = needed_len(image),
	       hdrs = ehdr(image)->e_phoff + ehdr(image)->e_phnum * sizeof(Elf32_Phdr);
	unsigned char *b = malloc(need);

	srand(4321);
	for (int round = 0; round < 20000; round++) {
		struct walk w = { .stop_at = -1 };
		int ret;

		memcpy(b, image, need);
		for (int k = 0; k < 1 + round % 3; k++)
			b[rand() % hdrs] = rand() % 4 ? rand() : 0xff;
		ret = check_copy(b, need);
		ck_assert(ret == 0 || ret == -ENOEXEC);
		if (ret == 0)
			ck_assert_int_eq(elf_for_each_load(b, need, record, &w), 0);
	}
	free(b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, load_program, free_program);
	tcase_add_test(tc, real_program_passes);
	tcase_add_test(tc, phdr_address);
	tcase_add_test(tc, every_truncation);
	tcase_add_test(tc, corrupted_fields);
	tcase_add_test(tc, random_header_damage);
	suite_add_tcase(s, tc);
	return run_suite(s, CK_NOFORK);
}
