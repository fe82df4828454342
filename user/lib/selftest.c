/* The user test programs' runner (see selftest.h). */
#include <selftest.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;
static const char *current;

void selftest_fail_begin(void)
{
	printf("FAIL %s: ", current);
	failures++;
}

void selftest_fail_end(const char *file, int line)
{
	printf(" (%s:%d)\n", file, line);
}

int selftest_run(const struct selftest *tests, unsigned int n, int argc, char **argv,
		 const char *prog)
{
	unsigned int i;
	int a;

	for (i = 0; i < n; i++) {
		int wanted = argc < 2, before = failures;

		for (a = 1; a < argc; a++)
			if (!strcmp(argv[a], tests[i].name))
				wanted = 1;
		if (!wanted)
			continue;
		current = tests[i].name;
		tests[i].fn();
		if (failures == before)
			printf("PASS %s\n", tests[i].name);
	}
	printf("%s: %d failed\n", prog, failures);
	return failures;
}

int in_child(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}

int selftest_report(const char *prog, const char *cmd, int failed)
{
	printf("%s %s %s\n", failed ? "FAIL" : "PASS", prog, cmd);
	return failed;
}
