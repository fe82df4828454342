/* Look up BUG() sites in the bug table (see kernel/bug.h). */
#include "kernel/bug.h"
#include "kernel/kernel.h"

extern const struct bug_entry __start___bug_table[], __stop___bug_table[];

const struct bug_entry *find_bug(unsigned long ip)
{
	const struct bug_entry *b;

	for (b = __start___bug_table; b < __stop___bug_table; b++)
		if (b->bug_addr == ip)
			return b;
	return NULL;
}

bool report_bug(unsigned long ip)
{
	const struct bug_entry *b = find_bug(ip);

	if (!b)
		return false;
	printk(KERN_EMERG "------------[ cut here ]------------\n");
	printk(KERN_EMERG "kernel BUG at %s:%u!\n", b->file, b->line);
	return true;
}
