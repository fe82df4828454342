/*
 * Small /proc files (Linux's fs/proc/uptime.c, loadavg.c, interrupts.c).
 *
 * /proc/uptime: seconds since boot and seconds the idle task ran, both
 * with two decimals (jiffies at HZ=100 give exactly that). The scheduler
 * does not account CPU time to tasks yet (utime/stime stay 0), so the
 * idle figure reads 0.00 until it does: NOT DONE.
 * /proc/loadavg: Tidemark does not compute the load average yet (no
 * calc_load in the tick): the three averages read 0.00 honestly. The
 * runnable/total counts are real; the last field is the largest pid in
 * use (Linux's is the last pid allocated, which the scheduler does not
 * export).
 * /proc/interrupts: kernel/irq.c's show_interrupts.
 */
#include "fs/proc/internal.h"
#include "kernel/irq.h"
#include "kernel/time.h"

int uptime_proc_show(struct seq_file *m, struct task_struct *task)
{
	unsigned long up = jiffies, idle = init_task.utime + init_task.stime;

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
	pid_t last = 0;

	(void)task;
	for_each_process(p) {
		if (p->pid == 0 || p->exit_state)
			continue;
		threads++;
		if (p->state == TASK_RUNNING)
			running++;
		last = max(last, p->pid);
	}
	seq_printf(m, "0.00 0.00 0.00 %u/%d %d\n", running, threads, last);
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
