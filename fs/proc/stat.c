/*
 * /proc/stat in Linux's layout (Linux's fs/proc/stat.c, show_stat):
 *
 *   cpu  user nice system idle iowait irq softirq steal guest guest_nice
 *   cpu0 the same for CPU 0 (the only one)
 *   intr total, then one count per IRQ line
 *   ctxt context switches since boot
 *   btime boot time in seconds since the epoch
 *   processes forks since boot
 *   procs_running / procs_blocked (runnable tasks / tasks in io_schedule)
 *   softirq total, then one count per softirq
 *
 * CPU times are in USER_HZ ticks (kernel/kernel_stat.h). Tidemark has no
 * real-time clock: its clocks count from boot, so btime is 0 (the boot is
 * the epoch), and it has no softirqs, so their line is zeros.
 */
#include "fs/proc/internal.h"
#include "kernel/irq.h"
#include "kernel/kernel_stat.h"

#define NR_SOFTIRQS 10 /* Linux's softirq kinds: the softirq line's width */

/* The columns of a cpu line, in /proc/stat's order. */
static const enum cpu_usage_stat cpu_columns[NR_STATS] = {
	CPUTIME_USER, CPUTIME_NICE,    CPUTIME_SYSTEM, CPUTIME_IDLE,  CPUTIME_IOWAIT,
	CPUTIME_IRQ,  CPUTIME_SOFTIRQ, CPUTIME_STEAL,  CPUTIME_GUEST, CPUTIME_GUEST_NICE,
};

static void show_cpu_line(struct seq_file *m, const char *name)
{
	int i;

	seq_puts(m, name);
	for (i = 0; i < NR_STATS; i++)
		seq_printf(m, " %llu", kcpustat_cpu0.cpustat[cpu_columns[i]]);
	seq_puts(m, "\n");
}

static void show_irqs(struct seq_file *m)
{
	unsigned long long sum = irq_err_count + nmi_count; /* Linux adds arch_irq_stat */
	int i;

	for (i = 0; i < NR_IRQS; i++)
		sum += irq_desc[i].count;
	seq_printf(m, "intr %llu", sum);
	for (i = 0; i < NR_IRQS; i++)
		seq_printf(m, " %lu", irq_desc[i].count);
	seq_puts(m, "\n");
}

int show_stat(struct seq_file *m, struct task_struct *task)
{
	int i;

	(void)task;
	show_cpu_line(m, "cpu ");
	show_cpu_line(m, "cpu0");
	show_irqs(m);
	seq_printf(m, "ctxt %llu\nbtime 0\nprocesses %lu\nprocs_running %u\nprocs_blocked %u\n",
		   nr_context_switches(), total_forks, nr_running(), nr_iowait());
	seq_puts(m, "softirq 0");
	for (i = 0; i < NR_SOFTIRQS; i++)
		seq_puts(m, " 0");
	seq_puts(m, "\n");
	return 0;
}
