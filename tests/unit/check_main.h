/*
 * The end of every host unit test's main(): run the suite, let Check print
 * its summary (tools/unit-run.sh reads the "Checks: N" line), and return
 * main's exit status; run_tests builds the usual one-case suite first. fork is CK_FORK_GETENV
 * (Check's default: a child per test unless CK_FORK=no) or CK_NOFORK (every test in this process).
 */
#ifndef TESTS_UNIT_CHECK_MAIN_H
#define TESTS_UNIT_CHECK_MAIN_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

static inline int run_suite(Suite *s, enum fork_status fork)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_set_fork_status(sr, fork);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* A whole host file (one the build made) in a malloc'd buffer; its size in *len. */
static inline void *read_build_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	void *buf;

	ck_assert_msg(f != NULL, "%s is missing (make builds it)", path);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	buf = malloc(*len);
	ck_assert_uint_eq(fread(buf, 1, *len, f), *len);
	fclose(f);
	return buf;
}

/*
 * The usual main(): a suite called name with one test case of tests (a
 * NULL-ended list of START_TEST names), setup run before each (a checked
 * fixture; NULL for none), each allowed timeout seconds (0: Check's
 * default of 4), run as run_suite does with fork. run_tests: no setup.
 */
static inline int run_tests_with(const char *name, const TTest **tests, SFun setup, double timeout,
				 enum fork_status fork)
{
	Suite *s = suite_create(name);
	TCase *tc = tcase_create(name);

	if (setup)
		tcase_add_checked_fixture(tc, setup, NULL);
	if (timeout)
		tcase_set_timeout(tc, timeout);
	for (; *tests; tests++)
		tcase_add_test(tc, *tests);
	suite_add_tcase(s, tc);
	return run_suite(s, fork);
}

static inline int run_tests(const char *name, const TTest **tests, double timeout,
			    enum fork_status fork)
{
	return run_tests_with(name, tests, NULL, timeout, fork);
}

#endif
