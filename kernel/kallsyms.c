/* Look up the function holding an address in the generated table. */
#include "kernel/kallsyms.h"
#include "mm/layout.h"

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	unsigned int lo = 0, hi = kallsyms_num;

	if (!kallsyms_num || addr < kallsyms[0].addr || addr >= (unsigned long)__text_end)
		return NULL;
	while (hi - lo > 1) { /* last entry with .addr <= addr */
		unsigned int mid = (lo + hi) / 2;
		if (kallsyms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - kallsyms[lo].addr;
	*size = (lo + 1 < kallsyms_num ? kallsyms[lo + 1].addr : (unsigned long)__text_end) -
		kallsyms[lo].addr;
	return kallsyms[lo].name;
}
