/*
 * vmtrace: a vmstat trace on the serial line, so memory pressure can be
 * plotted (tools/plot-vmtrace; docs/vmtrace.md).
 *
 * vmtrace=MS on the command line: every MS milliseconds (rounded up to
 * whole ticks of 10 ms) the timer tick takes a snapshot of what reclaim
 * looks at; reclaim adds one at each event a sample could miss. The
 * kernel thread "vmtrace" prints them, one line each, at KERN_INFO:
 *
 *   vmtrace: sample t=1530 DMA.free=3553 DMA.min=81 DMA.low=101 DMA.high=121
 *            Normal.free=3755 Normal.min=91 ... nr_inactive_anon=16
 *            nr_active_anon=0 nr_inactive_file=0 nr_active_file=0
 *            nr_dirty=0 nr_writeback=0 nr_unevictable=0 swap_used=0 kswapd=sleeping
 *            pgscan_kswapd=0 pgscan_direct=0 ... oom_kill=0 pswpin=0 pswpout=0
 *   vmtrace: kswapd_wake t=1544 (the same fields)
 *
 * (one line on the console). t is milliseconds since boot, on printk's
 * clock; every managed zone has its free pages and min/low/high
 * watermarks; the LRU sizes, the page cache's dirty pages and those being
 * written (nr_dirty, nr_writeback) and swap_used are pages; kswapd is "running"
 * while it is runnable; the counters are /proc/vmstat's and cumulative
 * (allocstall sums allocstall_<zone>), so the difference between two lines
 * is what happened between them. Compressed memory: zswap_pool (the zbud
 * pages), zswap_stored (pages zswap holds), zram_used (all zram devices'
 * pages), with the zswpin/zswpout counters for zswap's traffic. An event line is taken just after
 * its counter moved: kswapd_wake with pageoutrun, allocstall with allocstall, oom_kill with
 * oom_kill; kswapd_sleep when kswapd's run ends.
 *
 *   timer tick ----\                         /--> printk, serial
 *   reclaim events -+--> ring of snapshots --+   (thread "vmtrace")
 *
 * Snapshots are taken where things happen, printing waits: the kernel is
 * not preemptible, so a thread that sampled by itself would see nothing
 * while a task is deep in direct reclaim, which is when the picture
 * matters. A full ring drops the snapshot and says so ("lost N").
 */
#include "mm/vmtrace.h"
#include "kernel/lib/string.h"
#include "kernel/params.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "kernel/x86.h"
#include "mm/mmzone.h"
#include "mm/pagemap.h"
#include "mm/swap.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"
#include "mm/zswap.h"
#include "drivers/zram_drv.h"

#define VMTRACE_MAX_MS 60000
#define VMTRACE_RING 128 /* snapshots waiting to be printed */

/* The /proc/vmstat counters a line carries; nr > 1 sums the per-zone ones. */
static const struct {
	const char *name;
	enum vm_event_item item;
	int nr;
} traced_events[] = {
	{ "pgscan_kswapd", PGSCAN_KSWAPD, 1 },
	{ "pgscan_direct", PGSCAN_DIRECT, 1 },
	{ "pgsteal_kswapd", PGSTEAL_KSWAPD, 1 },
	{ "pgsteal_direct", PGSTEAL_DIRECT, 1 },
	{ "pgsteal_anon", PGSTEAL_ANON, 1 },
	{ "pgsteal_file", PGSTEAL_FILE, 1 },
	{ "allocstall", ALLOCSTALL_DMA, MAX_NR_ZONES }, /* Linux < 4.10 had this one sum */
	{ "pageoutrun", PAGEOUTRUN, 1 },
	{ "oom_kill", OOM_KILL, 1 },
	{ "pswpin", PSWPIN, 1 },
	{ "pswpout", PSWPOUT, 1 },
	{ "zswpin", ZSWPIN, 1 },
	{ "zswpout", ZSWPOUT, 1 },
};
#define NR_TRACED_EVENTS ARRAY_SIZE(traced_events)

static const char *const kind_names[NR_VMTRACE_KINDS] = {
	[VMTRACE_SAMPLE] = "sample",
	[VMTRACE_KSWAPD_WAKE] = "kswapd_wake",
	[VMTRACE_KSWAPD_SLEEP] = "kswapd_sleep",
	[VMTRACE_ALLOCSTALL] = "allocstall",
	[VMTRACE_OOM_KILL] = "oom_kill",
};

struct vmtrace_snapshot {
	enum vmtrace_kind kind;
	unsigned long t_ms;
	unsigned long free[MAX_NR_ZONES];
	unsigned long wmark[MAX_NR_ZONES][WMARK_HIGH + 1];
	unsigned long inactive_anon, active_anon, unevictable, swap_used;
	unsigned long inactive_file, active_file, dirty, writeback; /* the page cache */
	unsigned long zswap_pool, zswap_stored, zram_used;	    /* compressed memory, pages */
	bool kswapd_running;
	unsigned long events[NR_TRACED_EVENTS];
};

unsigned long vmtrace_ticks;
static struct task_struct *vmtrace_task;
static DECLARE_WAIT_QUEUE_HEAD(vmtrace_wait);
static struct vmtrace_snapshot ring[VMTRACE_RING];
static unsigned int ring_head, ring_tail; /* free-running: head - tail are queued */
static unsigned long nr_lost;
static unsigned long next_sample; /* jiffies */

/* vmtrace=MS: 1..60000 milliseconds between samples. The last one given wins. */
static int vmtrace_param(char *val)
{
	unsigned long ms;

	if (kstrtoul(val, 10, &ms) || ms == 0 || ms > VMTRACE_MAX_MS) {
		vmtrace_ticks = 0;
		pr_err("vmtrace: \"%s\" is not an interval of 1..%d milliseconds: no trace\n", val,
		       VMTRACE_MAX_MS);
		return -1;
	}
	vmtrace_ticks = DIV_ROUND_UP(ms, 1000 / HZ);
	return 0;
}
__setup("vmtrace=", vmtrace_param);

static void take_snapshot(struct vmtrace_snapshot *s, enum vmtrace_kind kind)
{
	struct zone *zone;
	unsigned int i;
	int j;

	s->kind = kind;
	s->t_ms = (unsigned long)(local_clock() / 1000000);
	for_each_zone(zone) {
		i = (unsigned int)zone_idx(zone);
		s->free[i] = zone_page_state(zone, NR_FREE_PAGES);
		s->wmark[i][WMARK_MIN] = min_wmark_pages(zone);
		s->wmark[i][WMARK_LOW] = low_wmark_pages(zone);
		s->wmark[i][WMARK_HIGH] = high_wmark_pages(zone);
	}
	s->inactive_anon = global_zone_page_state(NR_ZONE_INACTIVE_ANON);
	s->active_anon = global_zone_page_state(NR_ZONE_ACTIVE_ANON);
	s->unevictable = global_zone_page_state(NR_ZONE_UNEVICTABLE);
	s->inactive_file = global_zone_page_state(NR_ZONE_INACTIVE_FILE);
	s->active_file = global_zone_page_state(NR_ZONE_ACTIVE_FILE);
	s->dirty = nr_file_dirty;
	s->writeback = nr_writeback;
	s->swap_used = (unsigned long)(total_swap_pages - get_nr_swap_pages());
	s->zswap_pool = zswap_stats.pool_total_size >> PAGE_SHIFT;
	s->zswap_stored = zswap_stats.stored_pages;
	s->zram_used = 0;
	for (i = 0; i < num_devices; i++)
		s->zram_used += zram_used_pages(&zram_devices[i]);
	s->kswapd_running = kswapd_is_running();
	for (i = 0; i < NR_TRACED_EVENTS; i++) {
		s->events[i] = 0;
		for (j = 0; j < traced_events[i].nr; j++)
			s->events[i] += vm_event_count(traced_events[i].item + j);
	}
}

/*
 * Queue a snapshot for the vmtrace thread. Any context, interrupts on or
 * off; does not sleep. Does nothing before the thread runs.
 */
void vmtrace_record(enum vmtrace_kind kind)
{
	unsigned long flags = local_irq_save();

	if (!vmtrace_task) {
		local_irq_restore(flags);
		return;
	}
	if (ring_head - ring_tail == VMTRACE_RING)
		nr_lost++;
	else
		take_snapshot(&ring[ring_head++ % VMTRACE_RING], kind);
	local_irq_restore(flags);
	wake_up(&vmtrace_wait);
}

void vmtrace_tick(void)
{
	if (!vmtrace_ticks || (long)(jiffies - next_sample) < 0)
		return;
	next_sample = jiffies + vmtrace_ticks;
	vmtrace_record(VMTRACE_SAMPLE);
}

/* Append to buf[*len..size), never past its end (the line is cut instead). */
static void __printf(4, 5) append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len = min(*len + (size_t)n, size - 1);
}

static void print_snapshot(const struct vmtrace_snapshot *s)
{
	char line[1024];
	size_t len = 0;
	struct zone *zone;
	unsigned int i;

	append(line, sizeof(line), &len, "%s t=%lu", kind_names[s->kind], s->t_ms);
	for_each_managed_zone(zone) {
		i = (unsigned int)zone_idx(zone);
		append(line, sizeof(line), &len, " %s.free=%lu %s.min=%lu %s.low=%lu %s.high=%lu",
		       zone->name, s->free[i], zone->name, s->wmark[i][WMARK_MIN], zone->name,
		       s->wmark[i][WMARK_LOW], zone->name, s->wmark[i][WMARK_HIGH]);
	}
	append(line, sizeof(line), &len,
	       " nr_inactive_anon=%lu nr_active_anon=%lu nr_inactive_file=%lu nr_active_file=%lu"
	       " nr_dirty=%lu nr_writeback=%lu nr_unevictable=%lu swap_used=%lu kswapd=%s",
	       s->inactive_anon, s->active_anon, s->inactive_file, s->active_file, s->dirty,
	       s->writeback, s->unevictable, s->swap_used,
	       s->kswapd_running ? "running" : "sleeping");
	append(line, sizeof(line), &len, " zswap_pool=%lu zswap_stored=%lu zram_used=%lu",
	       s->zswap_pool, s->zswap_stored, s->zram_used);
	for (i = 0; i < NR_TRACED_EVENTS; i++)
		append(line, sizeof(line), &len, " %s=%lu", traced_events[i].name, s->events[i]);
	pr_info("vmtrace: %s\n", line);
}

/* Print every queued snapshot, oldest first. Process context. */
void vmtrace_flush(void)
{
	struct vmtrace_snapshot s;
	unsigned long flags, lost;

	for (;;) {
		flags = local_irq_save();
		if (ring_tail == ring_head) {
			lost = nr_lost;
			nr_lost = 0;
			local_irq_restore(flags);
			break;
		}
		s = ring[ring_tail++ % VMTRACE_RING];
		local_irq_restore(flags);
		print_snapshot(&s);
	}
	if (lost)
		pr_warn("vmtrace: lost %lu snapshots (the ring was full)\n", lost);
}

static int vmtrace_thread(void *unused)
{
	(void)unused;
	for (;;) {
		wait_event_interruptible(vmtrace_wait, ring_head != ring_tail || nr_lost);
		vmtrace_flush();
	}
	return 0;
}

void vmtrace_init(void)
{
	if (!vmtrace_ticks)
		return;
	vmtrace_task = kthread_run(vmtrace_thread, NULL, "vmtrace");
	if (!vmtrace_task) {
		pr_err("vmtrace: cannot start the thread: no trace\n");
		vmtrace_ticks = 0;
		return;
	}
	pr_info("vmtrace: a sample every %lu ms\n", vmtrace_ticks * (1000 / HZ));
	next_sample = jiffies + vmtrace_ticks;
	vmtrace_record(VMTRACE_SAMPLE); /* the state before anything runs */
}
