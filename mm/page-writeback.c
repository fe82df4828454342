/*
 * Dirty pages and writeback (Linux's mm/page-writeback.c and
 * fs/fs-writeback.c, reduced to one flusher for every disk).
 *
 *   set_page_dirty ---> Dirty +1; a mapping's first dirty page puts it on
 *                       wb_dirty (oldest first) with dirtied_when = now
 *   balance_dirty_pages: dirty = Dirty + Writeback, against the limits of
 *     global_dirty_limits (docs/linux-formulas.md, Dirty limits):
 *       > bg_thresh              wake the flusher (background writeback)
 *       > freerun = (bg+thresh)/2 the writer sleeps a little, more the
 *                                closer it is to thresh
 *       >= thresh                it sleeps MAX_PAUSE at a time until the
 *                                flusher brings dirty under thresh
 *   the flusher ("writeback"): every dirty_writeback_centisecs it writes
 *     the mappings dirtied more than dirty_expire_centisecs ago (kupdate);
 *     woken for background work it writes oldest first until Dirty is
 *     under bg_thresh.
 *
 * Writes are synchronous (the block layer has no queue), so a page is
 * under PG_writeback for as long as its write takes. Linux computes a
 * pause from the disk's measured bandwidth (pos_ratio); Tidemark scales
 * the pause linearly between freerun and thresh.
 */
#include "mm/shmem_fs.h"
#include "mm/pagemap.h"
#include "kernel/lib/radix-tree.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "mm/lru.h"
#include "mm/mmzone.h"
#include "mm/rmap.h"
#include "mm/vmstat.h"

int dirty_background_ratio = 10;
int vm_dirty_ratio = 20;
unsigned long dirty_background_bytes;
unsigned long vm_dirty_bytes;
int dirty_writeback_interval = 500; /* centisecs: 5 s (0: no periodic writeback) */
int dirty_expire_interval = 3000;   /* centisecs: 30 s */

#define MAX_PAUSE (HZ / 5) /* 200 ms */
#define WRITEBACK_BATCH 32 /* pages handed to a file system at once */

static LIST_HEAD(wb_dirty); /* mappings with dirty pages, oldest first (Linux's b_dirty) */
static struct task_struct *flusher;
static bool flusher_background;
static bool flusher_all;     /* reclaim asked for everything dirty (WB_REASON_VMSCAN) */
static bool flusher_writing; /* awake and working: its writes will end */

void mark_mapping_dirty(struct address_space *mapping)
{
	mapping->dirtied_when = jiffies;
	list_add_tail(&mapping->i_wb_list, &wb_dirty);
}

void mapping_clean(struct address_space *mapping)
{
	list_del_init(&mapping->i_wb_list);
}

void set_page_dirty(struct page *page)
{
	struct address_space *mapping = page_mapping(page);

	if (PageDirty(page) || !mapping)
		return; /* already, or truncated away while someone still held it */
	SetPageDirty(page);
	if (shmem_mapping(mapping))
		return; /* Linux's noop_dirty_folio: shmem is not written back, only swapped */
	nr_file_dirty++;
	if (!mapping->nrdirty++)
		mark_mapping_dirty(mapping);
}

/*
 * The page goes to the disk now: Dirty -1, Writeback +1. Page locked. A
 * page some shared mapping writes is write-protected there first
 * (page_mkclean), so a later write faults and dirties it again.
 */
static void clear_page_dirty_for_io(struct page *page)
{
	struct address_space *mapping = page_mapping(page);

	if (page_mapped(page))
		page_mkclean(page);
	ClearPageDirty(page);
	nr_file_dirty--;
	if (!--mapping->nrdirty)
		mapping_clean(mapping);
	SetPageWriteback(page);
	nr_writeback++;
}

static DECLARE_WAIT_QUEUE_HEAD(writeback_wait);

/*
 * The page's write is over. A page reclaim wanted (PG_reclaim) goes to
 * the tail of its inactive list, to be freed by the next pass (Linux's
 * folio_end_writeback and folio_rotate_reclaimable).
 */
void end_page_writeback(struct page *page, int err)
{
	if (err) {
		SetPageError(page);
		mapping_set_error(page_mapping(page), err);
	}
	ClearPageWriteback(page);
	nr_writeback--;
	if (PageReclaim(page))
		rotate_reclaimable_page(page);
	wake_up(&writeback_wait);
}

/*
 * Reclaim freed nothing: wait up to HZ/10 for a file write to end (Linux's
 * reclaim_throttle for VMSCAN_THROTTLE_WRITEBACK), but only if one will:
 * pages under writeback, or the flusher asked to write or writing. A dirty
 * page nobody writes yet (kupdate takes it dirty_expire_centisecs after it
 * was dirtied) ends no write: waiting for it cost reclaim HZ/10 a priority.
 */
void writeback_throttle(void)
{
	DEFINE_WAIT(w);

	if (!nr_writeback && !flusher_all && !flusher_background && !flusher_writing)
		return;
	prepare_to_wait(&writeback_wait, &w, TASK_UNINTERRUPTIBLE);
	io_schedule_timeout(HZ / 10);
	finish_wait(&writeback_wait, &w);
}

void wait_on_page_writeback(struct page *page)
{
	io_wait_event(writeback_wait, !PageWriteback(page));
}

/* Write nr locked pages at consecutive indices, then unlock them. */
static void write_batch(struct address_space *mapping, struct page **pages, unsigned int nr)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < nr; i++)
		clear_page_dirty_for_io(pages[i]);
	if (mapping->a_ops->writepages)
		err = mapping->a_ops->writepages(mapping, pages, nr);
	for (i = 0; i < nr; i++) {
		if (!mapping->a_ops->writepages)
			err = mapping->a_ops->writepage(pages[i]);
		end_page_writeback(pages[i], err);
		unlock_page(pages[i]);
		put_page(pages[i]);
	}
}

unsigned long write_cache_pages(struct address_space *mapping, unsigned long nr_to_write)
{
	struct page *found[WRITEBACK_BATCH], *batch[WRITEBACK_BATCH];
	unsigned long idx[WRITEBACK_BATCH], next = 0, written = 0;
	unsigned int n, i, nb = 0;

	while (mapping->nrdirty && (!nr_to_write || written < nr_to_write) &&
	       (n = radix_tree_gang_lookup(&mapping->i_pages, (void **)found, idx, next,
					   WRITEBACK_BATCH))) {
		next = idx[n - 1] + 1;
		for (i = 0; i < n; i++) {
			struct page *page = found[i];

			if (xa_is_value(page) || !PageDirty(page))
				continue; /* a shadow entry, or clean */
			get_page(page);
			lock_page(page);
			if (!PageDirty(page) || page->mapping != mapping) {
				unlock_page(page);
				put_page(page);
				continue;
			}
			if (nb &&
			    (nb == WRITEBACK_BATCH || batch[nb - 1]->index + 1 != page->index)) {
				write_batch(mapping, batch, nb);
				nb = 0;
			}
			batch[nb++] = page;
			written++;
		}
	}
	if (nb)
		write_batch(mapping, batch, nb);
	return written;
}

int filemap_write_and_wait(struct address_space *mapping)
{
	write_cache_pages(mapping, 0);
	return mapping->wb_err & 0xfff ? -EIO : 0;
}

void writeback_all(void)
{
	while (!list_empty(&wb_dirty))
		write_cache_pages(list_first_entry(&wb_dirty, struct address_space, i_wb_list), 0);
}

/* Free low memory a writer could dirty (Linux's global_dirtyable_memory, highmem_is_dirtyable 0).
 */
static unsigned long global_dirtyable_memory(void)
{
	struct zone *zone = &contig_page_data.node_zones[ZONE_HIGHMEM];
	unsigned long free = nr_free_pages(), d, h = 0;

	d = free - min(free, totalreserve_pages) +
	    node_lruvec(&contig_page_data)->nr_pages[LRU_INACTIVE_FILE] +
	    node_lruvec(&contig_page_data)->nr_pages[LRU_ACTIVE_FILE];
	if (populated_zone(zone)) {
		unsigned long hfree = zone_page_state(zone, NR_FREE_PAGES);

		h = hfree - min(hfree, high_wmark_pages(zone)) +
		    zone_page_state(zone, NR_ZONE_INACTIVE_FILE) +
		    zone_page_state(zone, NR_ZONE_ACTIVE_FILE);
	}
	return d - min(h, d) + 1;
}

void global_dirty_limits(unsigned long *pbackground, unsigned long *pdirty)
{
	unsigned long avail = global_dirtyable_memory();
	unsigned long long r = (unsigned long long)vm_dirty_ratio * PAGE_SIZE / 100;
	unsigned long long br = (unsigned long long)dirty_background_ratio * PAGE_SIZE / 100;
	unsigned long thresh, bg;

	thresh = vm_dirty_bytes ? DIV_ROUND_UP(vm_dirty_bytes, PAGE_SIZE)
				: (unsigned long)(r * avail / PAGE_SIZE);
	bg = dirty_background_bytes ? DIV_ROUND_UP(dirty_background_bytes, PAGE_SIZE)
				    : (unsigned long)(br * avail / PAGE_SIZE);
	if (bg >= thresh)
		bg = thresh / 2;
	*pbackground = bg;
	*pdirty = thresh;
}

void wakeup_flusher_threads(void)
{
	if (flusher)
		wake_up_process(flusher);
}

void wakeup_flusher_threads_vmscan(void)
{
	flusher_all = true;
	wakeup_flusher_threads();
}

/* One throttling step for the current writer (Linux's balance_dirty_pages). */
static void balance_dirty_pages(void)
{
	unsigned long bg, thresh, freerun, dirty;

	for (;;) {
		global_dirty_limits(&bg, &thresh);
		freerun = (bg + thresh) / 2;
		dirty = nr_file_dirty + nr_writeback;
		if (nr_file_dirty > bg && !flusher_background) {
			flusher_background = true;
			wakeup_flusher_threads();
		}
		if (dirty <= freerun || signal_pending_current())
			return;
		if (dirty < thresh) {
			io_schedule_timeout((long)max(1UL, MAX_PAUSE * (dirty - freerun) /
							       max(1UL, thresh - freerun)));
			return;
		}
		io_schedule_timeout(MAX_PAUSE);
	}
}

void balance_dirty_pages_ratelimited(struct address_space *mapping)
{
	static unsigned int ratelimit;

	if (mapping->is_bdev || ++ratelimit < 8) /* Linux: every 32 pages, 8 when exceeded */
		return;
	ratelimit = 0;
	balance_dirty_pages();
}

/* Write the mappings dirtied before older_than (any, if 0) until stop() says enough. */
static void writeback_older(unsigned long older_than, bool (*stop)(void))
{
	while (!list_empty(&wb_dirty) && !stop()) {
		struct address_space *m =
		    list_first_entry(&wb_dirty, struct address_space, i_wb_list);

		if (older_than && (long)(m->dirtied_when - older_than) >= 0)
			return;
		write_cache_pages(m, 1024);
		if (m->nrdirty && !list_empty(&m->i_wb_list)) {
			list_del(&m->i_wb_list); /* the rest waits its turn at the tail */
			list_add_tail(&m->i_wb_list, &wb_dirty);
		}
	}
}

static bool under_background(void)
{
	unsigned long bg, thresh;

	global_dirty_limits(&bg, &thresh);
	return nr_file_dirty <= bg;
}

static bool never(void)
{
	return false;
}

static int flusher_thread(void *unused)
{
	(void)unused;
	for (;;) {
		long interval = dirty_writeback_interval > 0
				    ? (long)dirty_writeback_interval * HZ / 100
				    : 3600L * HZ;

		if (!flusher_background && !flusher_all)
			schedule_timeout_interruptible(interval);
		flusher_writing = true;
		if (flusher_all) { /* Linux: nr_pages = every dirty page, oldest first */
			flusher_all = false;
			writeback_older(0, never);
		}
		if (flusher_background || !under_background()) {
			writeback_older(0, under_background);
			flusher_background = false;
		}
		if (dirty_writeback_interval > 0) /* kupdate: what expired */
			writeback_older(jiffies - (unsigned long)dirty_expire_interval * HZ / 100,
					never);
		flusher_writing = false;
	}
	return 0;
}

void writeback_init(void)
{
	flusher = kthread_run(flusher_thread, NULL, "writeback");
	if (!flusher)
		panic("writeback_init: cannot start the flusher");
}
