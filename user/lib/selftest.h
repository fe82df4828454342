/*
 * A small runner for the user test programs (proctest, memtest,
 * procfstest). Each check is a function in a table; CHECK() prints
 *
 *   FAIL name: why (file.c:LINE)
 *
 * and returns from the check. selftest_run() runs the checks named on the
 * command line (all of them by default), prints "PASS name" for each one
 * that did not fail and "PROG: N failed" at the end, and returns N, which
 * the program returns as its exit status. in_child() runs a part that
 * must crash (or must not) in a child and gives back its wait status.
 */
#ifndef ULIB_SELFTEST_H
#define ULIB_SELFTEST_H

#include <stdio.h>

struct selftest {
	const char *name;
	void (*fn)(void);
};

void selftest_fail_begin(void);
void selftest_fail_end(const char *file, int line);
int selftest_run(const struct selftest *tests, unsigned int n, int argc, char **argv,
		 const char *prog);

/*
 * The last line of a program that runs one command (swaptest seq ...):
 * "PASS prog cmd" or "FAIL prog cmd" as failed is 0 or not. Returns failed,
 * the program's exit status.
 */
int selftest_report(const char *prog, const char *cmd, int failed);

/* Runs fn in a child that exits 0 when fn returns; the child's wait status, -1 if fork fails. */
int in_child(void (*fn)(void));

/* The main() of a program whose checks are the array tests[]: selftest_run as prog. */
#define SELFTEST_MAIN(tests, prog)                                                                 \
	int main(int argc, char **argv)                                                            \
	{                                                                                          \
		return selftest_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv, prog);    \
	}

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			selftest_fail_begin();                                                     \
			printf(__VA_ARGS__);                                                       \
			selftest_fail_end(__FILE__, __LINE__);                                     \
			return;                                                                    \
		}                                                                                  \
	} while (0)

#endif
