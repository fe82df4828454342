/*
 * Small /proc files (Linux's fs/proc/uptime.c, loadavg.c, interrupts.c).
 *
 * /proc/uptime: seconds since boot and the CPU's idle seconds (its
 * CPUTIME_IDLE ticks, iowait not included, as Linux), both with two
 * decimals (jiffies at HZ=100 give exactly that).
 * /proc/loadavg: the 1, 5 and 15 minute load averages (kernel/loadavg.c)
 * rounded to two decimals as Linux's loadavg_proc_show does, runnable/total
 * tasks, and the largest pid in use (Linux's is the last pid allocated,
 * which the scheduler does not export).
 * /proc/interrupts: kernel/irq.c's show_interrupts.
 */
#include "fs/proc/internal.h"
#include "kernel/irq.h"
#include "kernel/kernel_stat.h"
#include "kernel/loadavg.h"
#include "kernel/time.h"

int uptime_proc_show(struct seq_file *m, struct task_struct *task)
{
	unsigned long up = jiffies, idle = (unsigned long)kcpustat_cpu0.cpustat[CPUTIME_IDLE];

	(void)task;
	seq_printf(m, "%lu.%02lu %lu.%02lu\n", up / HZ, (up % HZ) * 100 / HZ, idle / HZ,
		   (idle % HZ) * 100 / HZ);
	return 0;
}

int loadavg_proc_show(struct seq_file *m, struct task_struct *task)
{
	struct task_struct *p;
	unsigned int running = 0;
	int threads = 0;
	unsigned long avnrun[3];
	pid_t last = 0;

	(void)task;
	get_avenrun(avnrun, FIXED_1 / 200);
	for_each_process(p) {
		if (p->pid == 0 || p->exit_state)
			continue;
		threads++;
		if (p->state == TASK_RUNNING)
			running++;
		last = max(last, p->pid);
	}
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d %d\n", LOAD_INT(avnrun[0]),
		   LOAD_FRAC(avnrun[0]), LOAD_INT(avnrun[1]), LOAD_FRAC(avnrun[1]),
		   LOAD_INT(avnrun[2]), LOAD_FRAC(avnrun[2]), running, threads, last);
	return 0;
}

int interrupts_proc_show(struct seq_file *m, struct task_struct *task)
{
	size_t room = m->size - m->count;

	(void)task;
	m->count += (size_t)show_interrupts(m->buf + m->count, room);
	if (m->count > m->size)
		m->count = m->size;
	return 0;
}
