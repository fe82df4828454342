/*
 * Parse the kernel command line into __setup handlers, init= and init's
 * arguments. The multiboot loader puts the kernel's own path first (GRUB:
 * "/boot/kernel.elf", QEMU: the -kernel file name); that word is skipped.
 */
#include "kernel/params.h"
#include "kernel/lib/string.h"

char boot_command_line[COMMAND_LINE_SIZE];
static char cmdline_copy[COMMAND_LINE_SIZE]; /* parse_args cuts this one up */
const char *execute_command;
char *init_argv[MAX_INIT_ARGS + 2];
int init_argc;

extern const struct kernel_param __setup_start[], __setup_end[];

static int init_param(char *val)
{
	if (val[0] != '/')
		return -1;
	execute_command = val;
	return 0;
}
__setup("init=", init_param);

/* Returns true if some __setup handler claimed the word. */
static bool do_setup(char *word)
{
	const struct kernel_param *p;

	for (p = __setup_start; p < __setup_end; p++) {
		size_t n = strlen(p->name);
		bool has_eq = n && p->name[n - 1] == '=';

		if (has_eq ? strncmp(word, p->name, n) : strcmp(word, p->name))
			continue;
		if (p->setup(has_eq ? word + n : word + n) < 0)
			pr_warn("Malformed kernel command line parameter \"%s\", ignored\n", word);
		return true;
	}
	return false;
}

static size_t cmdline_full_len;	 /* the loader's length, if over the size */
static char cmdline_dropped[80]; /* the start of what was cut */

void save_command_line(const char *cmdline)
{
	size_t len = strlcpy(boot_command_line, cmdline, COMMAND_LINE_SIZE);

	if (len < COMMAND_LINE_SIZE)
		return;
	cmdline_full_len = len;
	strlcpy(cmdline_dropped, cmdline + COMMAND_LINE_SIZE - 1, sizeof(cmdline_dropped));
}

void parse_args(void)
{
	char *s = cmdline_copy, *word;
	bool first = true;
	char unknown[256] = "";

	if (cmdline_full_len)
		pr_warn("Kernel command line is %zu bytes, longer than COMMAND_LINE_SIZE (%d): "
			"everything from \"%s%s\" on is ignored\n",
			cmdline_full_len, COMMAND_LINE_SIZE, cmdline_dropped,
			cmdline_full_len - COMMAND_LINE_SIZE + 1 >= sizeof(cmdline_dropped) ? "..."
											    : "");
	strlcpy(cmdline_copy, boot_command_line, sizeof(cmdline_copy));
	init_argc = 1;
	while ((word = strsep(&s, " \t")) != NULL) {
		if (!*word)
			continue;
		if (first) {
			first = false;
			if (!strchr(word, '='))
				continue; /* the loader's kernel path */
		}
		if (!strcmp(word, "--")) {
			while ((word = strsep(&s, " \t")) != NULL)
				if (*word && init_argc <= MAX_INIT_ARGS)
					init_argv[init_argc++] = word;
			break;
		}
		if (!do_setup(word)) {
			size_t n = strlen(unknown);
			snprintf(unknown + n, sizeof(unknown) - n, "%s%s", n ? " " : "", word);
		}
	}
	init_argv[init_argc] = NULL;
	if (unknown[0])
		pr_notice("Unknown kernel command line parameters \"%s\", ignored.\n", unknown);
}
