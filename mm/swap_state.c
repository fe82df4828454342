/*
 * The swap cache and swap-in readahead (see mm/swap_state.h).
 *
 * Reading a slot back: swapin_readahead allocates a page, puts it in the
 * cache (so a second fault on the same entry waits for this read instead
 * of starting another), locks it and reads it. Around the faulting slot it
 * also reads the other used slots of its aligned block of 2^page_cluster
 * (Linux's swap_cluster_readahead with a fixed window): pages evicted
 * together tend to be needed together. A page brought in early is marked
 * PG_readahead; the fault that later finds it counts swap_ra_hit.
 */
#include "mm/swap_state.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sysctl.h"
#include "mm/gfp.h"
#include "mm/lru.h"
#include "mm/mmap.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

#define SWAP_CACHE_HASH_BITS 10
#define SWAP_CACHE_HASH_SIZE (1U << SWAP_CACHE_HASH_BITS)

struct swap_cache_node {
	swp_entry_t entry;
	struct page *page;
	struct swap_cache_node *next;
};

static struct swap_cache_node *swap_cache_hash[SWAP_CACHE_HASH_SIZE];
static struct kmem_cache *swap_cache_nodes;
unsigned long nr_swapcache_pages;

void swap_cache_init(void)
{
	swap_cache_nodes = kmem_cache_create("swap_cache", sizeof(struct swap_cache_node), 0, 0, NULL);
	if (!swap_cache_nodes)
		panic("swap_cache_init: cannot create the swap cache");
}

static struct swap_cache_node **hash_slot(swp_entry_t entry)
{
	unsigned long h = entry.val * 2654435761u;

	return &swap_cache_hash[(h >> (32 - SWAP_CACHE_HASH_BITS)) & (SWAP_CACHE_HASH_SIZE - 1)];
}

static struct page *__lookup_swap_cache(swp_entry_t entry)
{
	struct swap_cache_node *n;

	for (n = *hash_slot(entry); n; n = n->next)
		if (n->entry.val == entry.val)
			return n->page;
	return NULL;
}

struct page *lookup_swap_cache(swp_entry_t entry)
{
	struct page *page = __lookup_swap_cache(entry);

	if (page) {
		get_page(page);
		if (PageReadahead(page)) {
			ClearPageReadahead(page);
			count_vm_event(SWAP_RA_HIT);
		}
	}
	return page;
}

/* The slot already carries SWAP_HAS_CACHE (swapcache_prepare). Returns 0 or -ENOMEM. */
static int add_to_swap_cache(struct page *page, swp_entry_t entry)
{
	struct swap_cache_node *n;

	n = kmem_cache_alloc(swap_cache_nodes, GFP_NOIO);
	if (!n)
		return -ENOMEM;
	n->entry = entry;
	n->page = page;
	n->next = *hash_slot(entry);
	*hash_slot(entry) = n;
	get_page(page);		/* the cache's reference */
	SetPageSwapCache(page);
	SetPageSwapBacked(page);
	page->private = entry.val;
	nr_swapcache_pages++;
	return 0;
}

/* Remove a page from the cache; the slot loses SWAP_HAS_CACHE (and is freed if unused). */
void delete_from_swap_cache(struct page *page)
{
	swp_entry_t entry = page_swap_entry(page);
	struct swap_cache_node **pp, *n;

	for (pp = hash_slot(entry); (n = *pp) != NULL; pp = &n->next) {
		if (n->page == page) {
			*pp = n->next;
			kmem_cache_free(swap_cache_nodes, n);
			ClearPageSwapCache(page);
			page->private = 0;
			nr_swapcache_pages--;
			swapcache_clear(entry);
			put_page(page);	/* the cache's reference */
			return;
		}
	}
	panic("delete_from_swap_cache: pfn %#lx not in the swap cache", page_to_pfn(page));
}

/*
 * Reclaim: give an anonymous page a swap slot and put it in the cache.
 * False if swap is full (or absent) or memory for the cache ran out.
 */
bool add_to_swap(struct page *page)
{
	swp_entry_t entry = get_swap_page();

	if (!entry.val)
		return false;
	if (add_to_swap_cache(page, entry)) {
		swapcache_clear(entry);
		return false;
	}
	SetPageDirty(page);	/* its contents are not in the slot yet */
	return true;
}

/*
 * A PTE holding entry is going away (munmap, exit): drop its slot
 * reference; if that was the last one and the page sits idle in the cache,
 * free the page too (Linux's free_swap_and_cache).
 */
void free_swap_and_cache(swp_entry_t entry)
{
	struct page *page;

	swap_free(entry);
	if (__swap_count(entry) > 0)
		return;
	page = __lookup_swap_cache(entry);
	if (page && !PageLocked(page) && page->_mapcount < 0) {
		get_page(page);
		SetPageLocked(page);
		delete_from_swap_cache(page);
		unlock_page(page);
		put_page(page);	/* frees it unless reclaim holds it isolated */
	}
}

/*
 * The page for entry, from the cache or freshly read. *new_read tells
 * whether this call started a read. Returns NULL if no memory; the page
 * comes back with a reference and unlocked once its read has finished
 * (PG_error set if the read failed).
 */
static struct page *read_swap_cache_async(swp_entry_t entry, bool *new_read, bool readahead)
{
	struct page *page, *new_page = NULL;
	int err;

	*new_read = false;
	for (;;) {
		page = readahead ? __lookup_swap_cache(entry) : lookup_swap_cache(entry);
		if (page) {
			if (readahead)
				get_page(page);
			if (new_page)
				__free_pages(new_page, 0);
			return page;
		}
		if (!new_page) {
			/* Allocate first: it may sleep, so look the entry up again after. */
			new_page = alloc_page(GFP_HIGHUSER_MOVABLE);
			if (!new_page)
				return NULL;
			continue;
		}
		err = swapcache_prepare(entry);
		if (!err)
			break;
		if (err != -EEXIST) {	/* the slot was freed meanwhile */
			__free_pages(new_page, 0);
			return NULL;
		}
		schedule_timeout_interruptible(1);	/* another task is putting it in the cache: wait */
	}
	page = new_page;
	SetPageLocked(page);
	if (add_to_swap_cache(page, entry)) {
		ClearPageLocked(page);
		__free_pages(page, 0);
		swapcache_clear(entry);
		return NULL;
	}
	*new_read = true;
	lru_cache_add(page);
	if (swap_readpage(page, entry))
		SetPageError(page);
	if (readahead)
		SetPageReadahead(page);
	unlock_page(page);
	return page;
}

/*
 * The swap-in of a fault at entry: read it (and its neighbours) unless it
 * is cached. *major is set when the fault had to wait for the disk.
 */
struct page *swapin_readahead(swp_entry_t entry, bool *major)
{
	unsigned long offset = swp_offset(entry), start, end, o;
	unsigned long mask = (1UL << page_cluster) - 1;
	struct page *page;
	bool new_read;

	page = read_swap_cache_async(entry, &new_read, false);
	*major = new_read;
	if (!page || !new_read || !page_cluster)
		return page;
	start = offset & ~mask;
	end = start + mask + 1;
	for (o = start; o < end; o++) {
		swp_entry_t e = swp_entry(swp_type(entry), o);
		struct page *ra;
		bool started;

		if (o == offset || o == 0 || __swap_count(e) <= 0)
			continue;
		ra = read_swap_cache_async(e, &started, true);
		if (ra) {
			if (started)
				count_vm_event(SWAP_RA);
			put_page(ra);
		}
	}
	return page;
}

/* Drop the cached pages of area type that nobody maps or holds (readahead leftovers). */
static void drop_unused_swap_cache(unsigned int type)
{
	unsigned int b;

	for (b = 0; b < SWAP_CACHE_HASH_SIZE; b++) {
		struct swap_cache_node *n;
again:
		for (n = swap_cache_hash[b]; n; n = n->next) {
			struct page *page = n->page;

			if (swp_type(n->entry) != type || PageLocked(page) || page->_mapcount >= 0 ||
			    __swap_count(n->entry) > 0)
				continue;
			get_page(page);
			SetPageLocked(page);
			delete_from_swap_cache(page);
			unlock_page(page);
			put_page(page);
			goto again;	/* the chain changed */
		}
	}
}

/*
 * swapoff: bring every page of swap area type back into memory (Linux's
 * try_to_unuse), walking the page tables of every process, then drop what
 * the swap cache still holds for the area. The caller has stopped new
 * slots being handed out there. Returns 0 or -errno; the caller then
 * checks that no slot is left in use.
 */
int try_to_unuse(unsigned int type)
{
	struct task_struct *p;
	pid_t *pids;
	int nr = 0, i, err = 0;

	for_each_process(p)
		nr++;
	pids = kmalloc((size_t)nr * sizeof(*pids), GFP_KERNEL);
	if (!pids)
		return -ENOMEM;
	nr = 0;
	for_each_process(p)		/* pids, not pointers: tasks may exit while we sleep */
		if (p->mm && !p->exit_state)
			pids[nr++] = p->pid;
	for (i = 0; i < nr && !err; i++) {
		struct mm_struct *mm;

		p = find_task_by_pid(pids[i]);
		if (!p || !p->mm || p->exit_state)
			continue;
		mm = p->mm;
		mm->mm_users++;		/* its page tables stay while we sleep, even if it exits */
		err = unuse_mm(mm, type);
		mmput(mm);
	}
	kfree(pids);
	drop_unused_swap_cache(type);
	return err;
}
