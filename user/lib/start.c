/*
 * Program start-up after crt0: find argv, envp and the auxiliary vector on
 * the stack Linux's execve built, run main, exit with its result.
 */
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp);

char **environ;
/* The auxiliary vector: (type, value) pairs ending with AT_NULL (0). */
unsigned long *__auxv;
/* The stack pointer at _start (it points at argc), for tests of execve's layout. */
long *__initial_sp;
int errno;

void __libc_start_main(long *sp) __attribute__((noreturn));

/* sp points at argc, as crt0 found it at _start. */
void __libc_start_main(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;

	while (*p)
		p++;
	environ = envp;
	__initial_sp = sp;
	__auxv = (unsigned long *)(p + 1);
	exit(main(argc, argv, envp));
}

/* The value of auxv entry `type` (AT_PAGESZ is 6 ...), or 0 if absent. */
unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = __auxv; a && a[0]; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}
