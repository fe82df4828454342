/*
 * ktest: in-kernel tests in the spirit of Linux's KUnit.
 *
 * A suite is a named, {}-terminated array of cases placed in the
 * .ktest.suites section; `ktest=all` or `ktest=name[,name...]` on the
 * command line runs suites at the end of boot, prints KTAP version 1 on
 * the console (as KUnit does) and exits QEMU by the exit protocol: status 0
 * (QEMU 33) if every case passed, 1 (QEMU 35) otherwise.
 *
 *   static void frees_merge(struct ktest *t)
 *   {
 *           KTEST_EXPECT_EQ(t, nr_free_pages(), before);
 *   }
 *   static struct ktest_case buddy_cases[] = { KTEST_CASE(frees_merge), {} };
 *   KTEST_SUITE(buddy, buddy_cases);
 *
 * EXPECT records a failure and goes on; ASSERT also returns from the
 * function it is written in (KUnit aborts the whole case; a plain return
 * is the honest C equivalent, so use ASSERT in the case function itself).
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include "kernel/kernel.h"

struct ktest {
	const char *name; /* the case being run */
	bool failed;
	const char *skip_reason; /* set by KTEST_SKIP */
};

struct ktest_case {
	void (*run)(struct ktest *t);
	const char *name;
};

struct ktest_suite {
	const char *name;
	struct ktest_case *cases;
	bool explicit_only; /* not part of ktest=all (e.g. the runner's own failure demo) */
};

#define KTEST_CASE(fn)                                                                             \
	{                                                                                          \
		fn, #fn                                                                            \
	}

#define __KTEST_SUITE(sname, cases_, explicit_)                                                    \
	static const struct ktest_suite __ktest_suite_##sname __used __section(".ktest.suites")    \
	    __attribute__((aligned(4))) = { #sname, cases_, explicit_ }
#define KTEST_SUITE(sname, cases_) __KTEST_SUITE(sname, cases_, false)
#define KTEST_SUITE_EXPLICIT(sname, cases_) __KTEST_SUITE(sname, cases_, true)

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...) __printf(4, 5);

#define KTEST_EXPECT_TRUE(t, cond)                                                                 \
	({                                                                                         \
		bool __ok = !!(cond);                                                              \
		if (!__ok)                                                                         \
			ktest_fail(t, __FILE__, __LINE__, "Expected %s to be true, but is false",  \
				   #cond);                                                         \
		__ok;                                                                              \
	})
#define KTEST_EXPECT_FALSE(t, cond) KTEST_EXPECT_TRUE(t, !(cond))

#define __KTEST_EXPECT_OP(t, a, op, b)                                                             \
	({                                                                                         \
		long long __a = (long long)(a), __b = (long long)(b);                              \
		bool __ok = __a op __b;                                                            \
		if (!__ok)                                                                         \
			ktest_fail(t, __FILE__, __LINE__,                                          \
				   "Expected %s %s %s, but\n        %s == %lld (%#llx)\n"          \
				   "        %s == %lld (%#llx)",                                   \
				   #a, #op, #b, #a, __a, (unsigned long long)__a, #b, __b,         \
				   (unsigned long long)__b);                                       \
		__ok;                                                                              \
	})
#define KTEST_EXPECT_EQ(t, a, b) __KTEST_EXPECT_OP(t, a, ==, b)
#define KTEST_EXPECT_NE(t, a, b) __KTEST_EXPECT_OP(t, a, !=, b)
#define KTEST_EXPECT_LT(t, a, b) __KTEST_EXPECT_OP(t, a, <, b)
#define KTEST_EXPECT_LE(t, a, b) __KTEST_EXPECT_OP(t, a, <=, b)
#define KTEST_EXPECT_GT(t, a, b) __KTEST_EXPECT_OP(t, a, >, b)
#define KTEST_EXPECT_GE(t, a, b) __KTEST_EXPECT_OP(t, a, >=, b)

#define KTEST_EXPECT_STREQ(t, a, b)                                                                \
	({                                                                                         \
		const char *__a = (a), *__b = (b);                                                 \
		bool __ok = !strcmp(__a, __b);                                                     \
		if (!__ok)                                                                         \
			ktest_fail(                                                                \
			    t, __FILE__, __LINE__,                                                 \
			    "Expected %s == %s, but\n        %s == \"%s\"\n        %s == \"%s\"",  \
			    #a, #b, #a, __a, #b, __b);                                             \
		__ok;                                                                              \
	})

#define KTEST_ASSERT_TRUE(t, cond)                                                                 \
	do {                                                                                       \
		if (!KTEST_EXPECT_TRUE(t, cond))                                                   \
			return;                                                                    \
	} while (0)
#define KTEST_ASSERT_EQ(t, a, b)                                                                   \
	do {                                                                                       \
		if (!KTEST_EXPECT_EQ(t, a, b))                                                     \
			return;                                                                    \
	} while (0)
#define KTEST_ASSERT_NE(t, a, b)                                                                   \
	do {                                                                                       \
		if (!KTEST_EXPECT_NE(t, a, b))                                                     \
			return;                                                                    \
	} while (0)
#define KTEST_SKIP(t, reason)                                                                      \
	do {                                                                                       \
		(t)->skip_reason = (reason);                                                       \
		return;                                                                            \
	} while (0)

/* Run the suites named by ktest= (if any). Returns only if none were asked for. */
void ktest_run_requested(void);

#endif
