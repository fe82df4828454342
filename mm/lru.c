/*
 * The LRU lists and the last reference to a user page. See mm/lru.h.
 * Every list change also moves the zone's NR_ZONE_* LRU counter, which
 * /proc/zoneinfo, /proc/meminfo and show_mem print.
 *
 * A page-cache page climbs the file lists by use (mark_page_accessed,
 * Linux's folio_mark_accessed), a three-step ladder:
 *
 *   inactive            --read/write-->  inactive, PG_referenced
 *   inactive, referenced --read/write--> active (pgactivate; the workingset
 *                                        clock ticks: mm/workingset.c)
 *   active              --read/write-->  active, PG_referenced
 *
 * so a file read once (a stream) never leaves the inactive list, and a
 * file read twice is protected from it.
 */
#include "mm/lru.h"
#include "mm/gfp.h"
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "kernel/x86.h"
#include "mm/mlock.h"
#include "mm/vmstat.h"
#include "mm/workingset.h"

const char *const lru_list_names[NR_LRU_LISTS] = {
	"inactive_anon", "active_anon", "inactive_file", "active_file", "unevictable",
};

/* One wait queue for every page lock (Linux hashes them; one CPU needs few). */
static DECLARE_WAIT_QUEUE_HEAD(page_wait);

/* Empty lists for the node (Linux's lruvec_init, from pgdat_init_internals). */
void lru_init(void)
{
	struct lruvec *lruvec = node_lruvec(NODE_DATA(0));
	int i;

	for (i = 0; i < NR_LRU_LISTS; i++)
		INIT_LIST_HEAD(&lruvec->lists[i]);
}

enum lru_list page_lru(const struct page *page)
{
	if (PageUnevictable(page))
		return LRU_UNEVICTABLE;
	if (!PageSwapBacked(
		page)) /* the page cache's (mm/filemap.c), as Linux's page_is_file_lru */
		return PageActive(page) ? LRU_ACTIVE_FILE : LRU_INACTIVE_FILE;
	return PageActive(page) ? LRU_ACTIVE_ANON : LRU_INACTIVE_ANON;
}

static void lru_account(struct page *page, enum lru_list lru, long delta)
{
	node_lruvec(page_pgdat(page))->nr_pages[lru] += delta;
	__mod_zone_page_state(page_zone(page), (enum zone_stat_item)(NR_ZONE_INACTIVE_ANON + lru),
			      delta);
}

/* Put page on lru, at its head (the youngest end) or its tail (the oldest). */
static void __add_page_to_lru_list(struct page *page, enum lru_list lru, bool tail)
{
	struct list_head *list = &node_lruvec(page_pgdat(page))->lists[lru];

	if (PageLRU(page))
		panic("add_page_to_lru_list: pfn %#lx already on an LRU list", page_to_pfn(page));
	if (is_active_lru(lru))
		SetPageActive(page);
	else
		ClearPageActive(page);
	if (lru == LRU_UNEVICTABLE)
		SetPageUnevictable(page);
	SetPageLRU(page);
	if (tail)
		list_add_tail(&page->lru, list);
	else
		list_add(&page->lru, list);
	lru_account(page, lru, 1);
}

void add_page_to_lru_list(struct page *page, enum lru_list lru)
{
	__add_page_to_lru_list(page, lru, false);
}

void del_page_from_lru_list(struct page *page)
{
	if (!PageLRU(page))
		panic("del_page_from_lru_list: pfn %#lx not on an LRU list", page_to_pfn(page));
	list_del_init(&page->lru);
	lru_account(page, page_lru(page), -1);
	ClearPageLRU(page);
}

/*
 * Pages whose swap write ended, to go to the tail of the inactive list
 * (Linux's folio_rotate_reclaimable and its per-CPU lru_rotate batch):
 * the disk interrupt adds them here, since the lists are changed with
 * interrupts on; lru_rotate_drain moves them. A full ring drops the
 * request: the page is then freed on a later pass.
 */
#define LRU_ROTATE_RING 256
static struct page *lru_rotate_ring[LRU_ROTATE_RING];
static unsigned int lru_rotate_head, lru_rotate_tail; /* tail - head pages waiting */

void rotate_reclaimable_page(struct page *page)
{
	unsigned long flags = local_irq_save();

	if (lru_rotate_tail - lru_rotate_head < LRU_ROTATE_RING)
		lru_rotate_ring[lru_rotate_tail++ % LRU_ROTATE_RING] = page;
	local_irq_restore(flags);
}

/*
 * Move the pages rotate_reclaimable_page collected to the tail of their
 * inactive list, if they are still on a list, clean, written and wanted
 * by reclaim (a page freed meanwhile lost PG_reclaim and PG_lru): Linux's
 * lru_move_tail_fn, which also deactivates a file page reclaim had
 * activated while the flusher wrote it. Clears PG_reclaim; counts
 * pgrotated. Process context.
 */
void lru_rotate_drain(void)
{
	unsigned long flags = local_irq_save(), n = 0;

	while (lru_rotate_head != lru_rotate_tail) {
		struct page *page = lru_rotate_ring[lru_rotate_head++ % LRU_ROTATE_RING];

		if (PageLRU(page) && PageReclaim(page) && !PageUnevictable(page) &&
		    !PageWriteback(page) && !PageDirty(page)) {
			del_page_from_lru_list(page);
			ClearPageActive(page);
			ClearPageReclaim(page);
			__add_page_to_lru_list(page, page_lru(page), true);
			n++;
		}
	}
	local_irq_restore(flags);
	count_vm_events(PGROTATED, n);
}

/*
 * A read or write used page (Linux's folio_mark_accessed): the ladder in
 * the picture above. A page reclaim has isolated (off its list) only
 * loses PG_referenced, as in Linux when it is in no per-CPU batch.
 */
void mark_page_accessed(struct page *page)
{
	if (!PageReferenced(page)) {
		SetPageReferenced(page);
	} else if (PageUnevictable(page)) {
		/* Linux: unevictable pages are not moved */
	} else if (!PageActive(page)) {
		if (PageLRU(page)) {
			del_page_from_lru_list(page);
			add_page_to_lru_list(page, page_lru(page) + LRU_ACTIVE);
			count_vm_event(PGACTIVATE);
		}
		ClearPageReferenced(page);
		workingset_activation(page);
	}
}

/*
 * Reclaiming nr_pages of one type cost that much I/O (Linux's
 * lru_note_cost): pages written to swap, or refaults that had been
 * active. Both costs halve once their sum passes a quarter of the LRU
 * pages, so recent events weigh most.
 */
void lru_note_cost(struct lruvec *lruvec, bool file, unsigned long nr_pages)
{
	unsigned long lrusize =
	    lruvec->nr_pages[LRU_INACTIVE_ANON] + lruvec->nr_pages[LRU_ACTIVE_ANON] +
	    lruvec->nr_pages[LRU_INACTIVE_FILE] + lruvec->nr_pages[LRU_ACTIVE_FILE];

	if (file)
		lruvec->file_cost += nr_pages;
	else
		lruvec->anon_cost += nr_pages;
	if (lruvec->file_cost + lruvec->anon_cost > lrusize / 4) {
		lruvec->file_cost /= 2;
		lruvec->anon_cost /= 2;
	}
}

/*
 * A new anonymous page starts on the inactive list, as in Linux since
 * 5.9; an mlocked one (a fault in a VM_LOCKED area) on the unevictable
 * list (Linux's folio_add_lru_vma and mlock_new_folio).
 */
void lru_cache_add(struct page *page)
{
	ClearPageReferenced(page);
	SetPageSwapBacked(page); /* anonymous: the anon lists, and swap when evicted */
	putback_lru_page(page);
}

/*
 * Put a page that is on no list on the one it belongs on: the unevictable
 * list if it may not be evicted now (unevictable_pgs_culled if it was
 * not there before), else the list its flags name (unevictable_pgs_rescued
 * if it was). Linux's lru_add_fn.
 */
void putback_lru_page(struct page *page)
{
	bool was_unevictable = PageUnevictable(page);

	ClearPageUnevictable(page);
	if (page_evictable(page)) {
		add_page_to_lru_list(page, page_lru(page));
		if (was_unevictable)
			count_vm_event(UNEVICTABLE_PGRESCUED);
	} else {
		ClearPageActive(page);
		add_page_to_lru_list(page, LRU_UNEVICTABLE);
		if (!was_unevictable)
			count_vm_event(UNEVICTABLE_PGCULLED);
	}
}

void put_page(struct page *page)
{
	if (page->_refcount <= 0)
		panic("put_page: pfn %#lx has no reference", page_to_pfn(page));
	if (page->_refcount == 1) {
		if (PageSwapCache(page) || PageLocked(page) || page->_mapcount >= 0)
			panic("put_page: freeing pfn %#lx still in use (flags %#lx, mapcount %d)",
			      page_to_pfn(page), page->flags, page->_mapcount);
		if (PageLRU(page))
			del_page_from_lru_list(page);
		mlock_page_freed(page);
		ClearPageActive(page);
		ClearPageReferenced(page);
		ClearPageDirty(page);
		ClearPageUnevictable(page);
		ClearPageSwapBacked(page);
		ClearPageError(page);
		ClearPageReclaim(page);
		ClearPageReadahead(page);
		ClearPageWorkingset(page);
		page->mapping = NULL;
	}
	__free_pages(page, 0);
}

/*
 * Take the page lock if nobody holds it. Returns false, without waiting,
 * if somebody does. No preemption and one CPU: nobody can come in between
 * the test and the set (Linux: test_and_set_bit_lock).
 */
bool trylock_page(struct page *page)
{
	if (PageLocked(page))
		return false;
	SetPageLocked(page);
	return true;
}

/* Take the page lock, sleeping until its holder lets go. */
void lock_page(struct page *page)
{
	io_wait_event(page_wait, trylock_page(page));
}

void unlock_page(struct page *page)
{
	ClearPageLocked(page);
	wake_up(&page_wait);
}

void wait_on_page_locked(struct page *page)
{
	io_wait_event(page_wait, !PageLocked(page));
}
