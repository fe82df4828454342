/* ktest suites for kernel/lib and printk: the helpers every parser relies on. */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"

static void kstrtoul_accepts_numbers(struct ktest *t)
{
	unsigned long v = 0;

	KTEST_EXPECT_EQ(t, kstrtoul("4096", 10, &v), 0);
	KTEST_EXPECT_EQ(t, v, 4096);
	KTEST_EXPECT_EQ(t, kstrtoul("60\n", 10, &v), 0); /* echo 60 > /proc/... */
	KTEST_EXPECT_EQ(t, v, 60);
	KTEST_EXPECT_EQ(t, kstrtoul("0x1f", 0, &v), 0);
	KTEST_EXPECT_EQ(t, v, 31);
	KTEST_EXPECT_EQ(t, kstrtoul("010", 0, &v), 0);
	KTEST_EXPECT_EQ(t, v, 8);
}

static void kstrtoul_rejects_garbage(struct ktest *t)
{
	unsigned long v = 1234;

	KTEST_EXPECT_EQ(t, kstrtoul("", 10, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoul("12abc", 10, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoul("-1", 10, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoul("99999999999999999999999", 10, &v), -ERANGE);
	KTEST_EXPECT_EQ(t, v, 1234); /* untouched on error */
}

static void kstrtol_signs_and_range(struct ktest *t)
{
	long v = 0;

	KTEST_EXPECT_EQ(t, kstrtol("-1000", 10, &v), 0);
	KTEST_EXPECT_EQ(t, v, -1000);
	KTEST_EXPECT_EQ(t, kstrtol("1000", 10, &v), 0);
	KTEST_EXPECT_EQ(t, v, 1000);
	KTEST_EXPECT_EQ(t, kstrtol("--5", 10, &v), -EINVAL);
}

static void memparse_suffixes(struct ktest *t)
{
	char *end;

	KTEST_EXPECT_EQ(t, memparse("64M", &end), 64ULL << 20);
	KTEST_EXPECT_EQ(t, *end, '\0');
	KTEST_EXPECT_EQ(t, memparse("512k", NULL), 512ULL << 10);
	KTEST_EXPECT_EQ(t, memparse("1G", NULL), 1ULL << 30);
	KTEST_EXPECT_EQ(t, memparse("4096", NULL), 4096);
}

static void strsep_splits_words(struct ktest *t)
{
	char buf[] = "a=1  b";
	char *s = buf;

	KTEST_EXPECT_STREQ(t, strsep(&s, " "), "a=1");
	KTEST_EXPECT_STREQ(t, strsep(&s, " "), "");
	KTEST_EXPECT_STREQ(t, strsep(&s, " "), "b");
	KTEST_EXPECT_TRUE(t, strsep(&s, " ") == NULL);
}

/* A KERN_DEBUG line is kept in the log buffer even when the console filters it. */
static void printk_logs_every_level(struct ktest *t)
{
	static char copy[256];
	unsigned long from = log_next;
	size_t n;

	printk(KERN_DEBUG "ktest: debug line %d\n", 42);
	n = log_buf_copy(copy, sizeof(copy) - 1, &from);
	copy[n] = '\0';
	KTEST_EXPECT_TRUE(t, strncmp(copy, "<7>[", 4) == 0);
	KTEST_EXPECT_TRUE(t, strstr(copy, "] ktest: debug line 42\n") != NULL);
}

static struct ktest_case lib_cases[] = { KTEST_CASE(kstrtoul_accepts_numbers),
					 KTEST_CASE(kstrtoul_rejects_garbage),
					 KTEST_CASE(kstrtol_signs_and_range),
					 KTEST_CASE(memparse_suffixes),
					 KTEST_CASE(strsep_splits_words),
					 KTEST_CASE(printk_logs_every_level),
					 {} };
KTEST_SUITE(lib, lib_cases);

/* Only with ktest=ktest_selftest: proves the runner reports a failure. */
static void deliberately_fails(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, 1 + 1, 3);
}

static void is_skipped(struct ktest *t)
{
	KTEST_SKIP(t, "demonstrates a skipped case");
}

static struct ktest_case selftest_cases[] = { KTEST_CASE(deliberately_fails),
					      KTEST_CASE(is_skipped),
					      {} };
KTEST_SUITE_EXPLICIT(ktest_selftest, selftest_cases);
