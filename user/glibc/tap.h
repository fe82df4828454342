/*
 * TAP output for user/glibc's test programs: CHECK(name, cond) prints
 * "ok N - name" or "not ok N - name # cond" and counts; the program ends
 * with tap_done, whose value is its exit status (0 when all passed).
 */
#ifndef USER_GLIBC_TAP_H
#define USER_GLIBC_TAP_H

#include <stdio.h>

static int tests, failures;

static void check(int ok, const char *what, const char *why)
{
	tests++;
	if (!ok)
		failures++;
	printf("%sok %d - %s%s%s\n", ok ? "" : "not ", tests, what, ok ? "" : " # ", ok ? "" : why);
	fflush(stdout); /* before a fork, and before a signal may end the program */
}

#define CHECK(name, cond) check(!!(cond), name, #cond)

/* The plan and the summary line ("# prog: N passed, N failed"); the exit status. */
static int tap_done(const char *prog)
{
	printf("1..%d\n# %s: %d passed, %d failed\n", tests, prog, tests - failures, failures);
	return failures ? 1 : 0;
}

#endif
