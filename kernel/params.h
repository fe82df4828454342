/*
 * Kernel command line (kernel/params.c).
 *
 * A subsystem claims a word with __setup("name=", fn) next to the code it
 * configures, as Linux does; fn gets the text after '=' (or "" for a bare
 * word such as "quiet") and returns 0, or -1 if the value is bad (logged).
 * Words nobody claims are logged and ignored. Everything after "--" is
 * init's argv.
 */
#ifndef KERNEL_PARAMS_H
#define KERNEL_PARAMS_H

#include "kernel/kernel.h"

struct kernel_param {
	const char *name;
	int (*setup)(char *val);
};

#define __setup(str, fn)                                                                           \
	static const struct kernel_param __setup_##fn __used __section(".init.setup")              \
	    __attribute__((aligned(4))) = { str, fn }

#define COMMAND_LINE_SIZE 2048
#define MAX_INIT_ARGS 32

extern char boot_command_line[COMMAND_LINE_SIZE];
extern const char *execute_command;	   /* init=, or NULL if not given */
extern char *init_argv[MAX_INIT_ARGS + 2]; /* [0] is set by the caller, then the args after "--" */
extern int init_argc;

/*
 * Copy the loader's command line into boot_command_line: at most
 * COMMAND_LINE_SIZE - 1 bytes, as Linux's x86. What does not fit is
 * reported by parse_args (the words lost, e.g. an init= at the end).
 */
void save_command_line(const char *cmdline);
void parse_args(void);

#endif
