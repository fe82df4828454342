/*
 * echo [-n] [ARG]...: print the arguments separated by spaces; -n: no
 * newline. A failed write is reported as coreutils does
 * ("echo: write error: Invalid argument") and exits 1.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int newline = 1, i = 1;

	if (argc > 1 && !strcmp(argv[1], "-n"))
		newline = 0, i++;
	for (; i < argc; i++)
		printf("%s%s", argv[i], i + 1 < argc ? " " : "");
	if (newline)
		putchar('\n');
	if (fflush(stdout) || ferror(stdout)) {
		perror("echo: write error");
		return 1;
	}
	return 0;
}
