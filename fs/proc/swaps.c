/*
 * /proc/swaps (Linux's swap_show, which Linux keeps in mm/swapfile.c):
 * a header line, then one row per swap area in swap_info[] order, sizes
 * in kB. mm exports the areas (swap_info[], mm/swap.h); the layout is
 * procfs's business.
 */
#include "fs/proc/internal.h"
#include "kernel/lib/string.h"
#include "mm/swap.h"

#define K(pages) ((unsigned long)(pages) << (PAGE_SHIFT - 10))

/* One area's row: the name padded to 40 columns, then tab-separated fields. */
static void swap_show(struct seq_file *m, const struct swap_info_struct *si)
{
	unsigned long bytes = K(si->pages), inuse = K(si->inuse_pages);
	int len = (int)strlen(si->name);

	seq_printf(m, "%s%*s%s\t%lu\t%s%lu\t%s%d\n", si->name, len < 40 ? 40 - len : 1, " ",
		   "partition", bytes, bytes < 10000000 ? "\t" : "", inuse,
		   inuse < 10000000 ? "\t" : "", si->prio);
}

int swaps_proc_show(struct seq_file *m, struct task_struct *task)
{
	int type;

	(void)task;
	seq_puts(m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	for (type = 0; type < MAX_SWAPFILES; type++)
		if (swap_info[type].flags & SWP_USED)
			swap_show(m, &swap_info[type]);
	return 0;
}
