/*
 * ktest suite "initramfs": the cpio walker and the ELF checks on the real
 * boot modules, in the kernel (32-bit, the loader's own memory), where the
 * host unit tests (tests/unit/test_cpio.c, test_elf.c) cannot go. Every
 * module that starts with a cpio magic must walk cleanly, and every program
 * under bin/ must pass elf_check, while truncated views of them must not.
 */
#include "kernel/ktest.h"
#include "fs/cpio.h"
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/multiboot.h"
#include "mm/layout.h"

/* boot.asm maps the first 64 MiB (BOOT_MAP_MB); modules above it are not reachable yet. */
#define BOOT_MAPPED_END (64u << 20)

struct scan {
	struct ktest *t;
	int entries, programs, loads;
	bool have_init, have_sh;
};

static int count_load(const Elf32_Phdr *ph, const void *data, void *arg)
{
	(void)ph;
	(void)data;
	(*(int *)arg)++;
	return 0;
}

static int check_entry(const struct cpio_entry *e, void *arg)
{
	struct scan *s = arg;
	int loads = 0;

	s->entries++;
	if (strncmp(e->name, "bin/", 4) || (e->mode & S_IFMT) != S_IFREG)
		return 0;
	s->programs++;
	s->have_init |= !strcmp(e->name, "bin/init");
	s->have_sh |= !strcmp(e->name, "bin/sh");
	KTEST_EXPECT_EQ(s->t, elf_check(e->data, e->size), 0);
	KTEST_EXPECT_EQ(s->t, elf_for_each_load(e->data, e->size, count_load, &loads), 0);
	KTEST_EXPECT_GE(s->t, loads, 1);
	s->loads += loads;
	/* a view cut anywhere before the segments end is refused */
	KTEST_EXPECT_EQ(s->t, elf_check(e->data, 0), -ENOEXEC);
	KTEST_EXPECT_EQ(s->t, elf_check(e->data, sizeof(Elf32_Ehdr) - 1), -ENOEXEC);
	KTEST_EXPECT_EQ(s->t, elf_check(e->data, sizeof(Elf32_Ehdr) + 8), -ENOEXEC);
	KTEST_EXPECT_EQ(s->t, elf_check(e->data, e->size / 4), -ENOEXEC);
	return 0;
}

static void boot_modules_hold_the_programs(struct ktest *t)
{
	struct scan s = { .t = t }, cut = { .t = t };
	int archives = 0;

	if (boot_params.nr_modules == 0)
		KTEST_SKIP(t, "no boot modules");
	for (int i = 0; i < boot_params.nr_modules; i++) {
		const struct boot_module *m = &boot_params.modules[i];
		const char *p = phys_to_virt(m->start);

		if (m->end > BOOT_MAPPED_END || m->end - m->start < 6 || memcmp(p, "07070", 5))
			continue;
		archives++;
		KTEST_EXPECT_EQ(t, cpio_walk(p, m->end - m->start, check_entry, &s), 0);
		/* the same archive cut short is an error, never a fault */
		KTEST_EXPECT_EQ(t, cpio_walk(p, (m->end - m->start) / 2, check_entry, &cut),
				-EINVAL);
	}
	KTEST_ASSERT_TRUE(t, archives >= 1);
	KTEST_EXPECT_GE(t, s.programs, 9);
	KTEST_EXPECT_TRUE(t, s.have_init);
	KTEST_EXPECT_TRUE(t, s.have_sh);
}

static struct ktest_case initramfs_cases[] = {
	KTEST_CASE(boot_modules_hold_the_programs),
	{},
};

KTEST_SUITE(initramfs, initramfs_cases);
