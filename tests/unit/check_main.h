/*
 * The end of every host unit test's main(): run the suite, let Check print
 * its summary (tools/unit-run.sh reads the "Checks: N" line), and return
 * main's exit status. fork is CK_FORK_GETENV (Check's default: a child per
 * test unless CK_FORK=no) or CK_NOFORK (every test in this process).
 */
#ifndef TESTS_UNIT_CHECK_MAIN_H
#define TESTS_UNIT_CHECK_MAIN_H

#include <check.h>
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

#endif
