/*
 * shmem's pages (Linux's mm/shmem.c, the page half; the file system is
 * fs/tmpfs.c). A shmem file's pages live in its page cache but, unlike a
 * disk file's, are swap-backed: they sit on the anon LRU lists, and the
 * only place reclaim can put them is swap. The life of one page:
 *
 *   shmem_get_page(SGP_WRITE) on a hole: a zeroed page, charged to the
 *       mount (ENOSPC past size=), into i_pages[index]: Shmem +1
 *   reclaim picks it off the inactive anon list -> shmem_writepage:
 *       a swap slot (add_to_swap: the swap cache, dirty), one slot
 *       reference for the index, i_pages[index] = value(entry): Shmem -1,
 *       SwapCached +1; vmscan writes and frees it like an anon page
 *   shmem_get_page on the value entry -> shmem_swapin_page: the page from
 *       the swap cache or read back, into i_pages[index] again; the slot
 *       is freed (the page is the only copy now, so it is dirty)
 *   truncate or unlink: pages freed, swap entries' slots freed
 *
 * A page's charge to the mount (info->alloced, sb used_blocks) stays while
 * it is in swap: a full tmpfs stays full however much of it is swapped.
 * Linux marks a shmem slot SWAP_MAP_SHMEM in swap_map; here the index's
 * reference is an ordinary count of 1. One CPU and no preemption: only a
 * sleep (allocation, I/O, lock_page) lets others in, and the code looks
 * again after each.
 */
#include "mm/shmem_fs.h"
#include "kernel/kernel.h"
#include "kernel/lib/radix-tree.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "kernel/capability.h"
#include "kernel/sched.h"
#include "mm/lru.h"
#include "mm/mlock.h"
#include "mm/mmap.h"
#include "mm/mmap.h"
#include "mm/pagemap.h"
#include "mm/rmap.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/vmstat.h"

unsigned long nr_shmem;
static LIST_HEAD(shmem_swaplist); /* inodes with pages in swap (Linux's shmem_swaplist) */

/* A swap entry as a page-cache value entry and back (Linux's swp_to_radix_entry). */
static void *swp_to_radix_entry(swp_entry_t entry)
{
	return xa_mk_value(entry.val >> 1); /* bit 0 of an entry is always clear */
}

static swp_entry_t radix_to_swp_entry(const void *item)
{
	swp_entry_t entry = { xa_to_value(item) << 1 };
	return entry;
}

static const struct address_space_operations shmem_aops = { 0 };

int shmem_init_file(struct inode *inode)
{
	struct shmem_inode_info *info = kzalloc(sizeof(*info), GFP_KERNEL);

	if (!info)
		return -ENOMEM;
	address_space_init(&info->mapping, inode, &shmem_aops, NULL, false);
	INIT_LIST_HEAD(&info->swaplist);
	info->inode = inode;
	inode->i_private = info;
	inode->i_mapping = &info->mapping;
	inode->i_op = &shmem_inode_operations;
	inode->i_fop = &shmem_file_operations;
	return 0;
}

/* An anonymous page's page->mapping is its rmap chain (PageAnon); a shmem page's, its file's. */
bool page_is_shmem(const struct page *page)
{
	return !PageAnon(page) && page->mapping && shmem_mapping(page->mapping) &&
	       !PageSwapCache(page);
}

bool shmem_mapping(const struct address_space *mapping)
{
	return mapping->a_ops == &shmem_aops;
}

/*
 * Put the locked page at index of mapping, in place of expected (a value
 * entry, or NULL for a hole): the cache takes a reference. 0 or -ENOMEM.
 */
static int shmem_add_to_page_cache(struct page *page, struct address_space *mapping,
				   unsigned long index, void *expected)
{
	if (expected) {
		if (radix_tree_lookup(&mapping->i_pages, index) != expected)
			panic("shmem_add_to_page_cache: index %lu changed under a locked page",
			      index);
		radix_tree_replace(&mapping->i_pages, index, page);
	} else if (radix_tree_insert(&mapping->i_pages, index, page)) {
		return -ENOMEM;
	}
	get_page(page); /* the cache's reference */
	SetPageSwapBacked(page);
	page->mapping = mapping;
	page->index = index;
	mapping->nrpages++;
	nr_file_pages++;
	nr_shmem++;
	return 0;
}

/* Take the locked page out of its page cache, leaving item (a value entry, or NULL) in its slot. */
static void shmem_delete_from_page_cache(struct page *page, void *item)
{
	struct address_space *mapping = page->mapping;

	if (item)
		radix_tree_replace(&mapping->i_pages, page->index, item);
	else
		radix_tree_delete(&mapping->i_pages, page->index);
	page->mapping = NULL;
	mapping->nrpages--;
	nr_file_pages--;
	nr_shmem--;
	put_page(page); /* the cache's reference; the caller holds another */
}

/*
 * Bring index's page back from swap (entry is the value in its slot): from
 * the swap cache, or read now. On success the page is in the page cache,
 * locked and referenced, and the slot is free. -EAGAIN: the slot changed
 * while we slept, look again; -ENOMEM; -EIO: the read failed (the entry
 * stays, so the data is not silently replaced by zeros).
 */
static int shmem_swapin_page(struct inode *inode, unsigned long index, void *item,
			     struct page **pagep)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	swp_entry_t entry = radix_to_swp_entry(item);
	struct page *page = lookup_swap_cache(entry, NULL, 0);
	bool major;
	int err = 0;

	if (!page)
		page = swapin_readahead(entry, NULL, 0, &major);
	if (!page)
		return radix_tree_lookup(&info->mapping.i_pages, index) == item ? -ENOMEM : -EAGAIN;
	lock_page(page);
	if (radix_tree_lookup(&info->mapping.i_pages, index) != item || !PageSwapCache(page) ||
	    page_swap_entry(page).val != entry.val) {
		err = -EAGAIN; /* truncated, or swapped in by someone else meanwhile */
		goto fail;
	}
	if (PageError(page)) {
		err = -EIO;
		goto fail;
	}
	shmem_add_to_page_cache(page, &info->mapping, index, item);
	delete_from_swap_cache(page);
	swap_free(entry);   /* the index's reference: the slot is free now */
	SetPageDirty(page); /* no copy in swap any more */
	SetPageUptodate(page);
	if (!--info->swapped)
		list_del_init(&info->swaplist);
	*pagep = page;
	return 0;
fail:
	unlock_page(page);
	put_page(page);
	return err;
}

/* A hole at index of a SGP_WRITE: a new zeroed page, charged to the mount; 0 or -errno. */
static int shmem_alloc_page(struct inode *inode, unsigned long index, struct page **pagep)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	struct page *page;

	if (!shmem_inode_acct_block(inode, 1))
		return -ENOSPC;
	page = alloc_page(info->mapping.gfp_mask | __GFP_ZERO);
	if (!page)
		goto unacct;
	if (radix_tree_lookup(&info->mapping.i_pages, index)) { /* filled while we slept */
		__free_pages(page, 0);
		shmem_inode_unacct_blocks(inode, 1);
		return -EAGAIN;
	}
	SetPageLocked(page);
	if (shmem_add_to_page_cache(page, &info->mapping, index, NULL)) {
		ClearPageLocked(page);
		__free_pages(page, 0);
		goto unacct;
	}
	SetPageUptodate(page);
	lru_cache_add(page); /* the inactive anon list: shmem is swap-backed */
	info->alloced++;
	inode->i_blocks += PAGE_SIZE / 512;
	*pagep = page;
	return 0;
unacct:
	shmem_inode_unacct_blocks(inode, 1);
	return -ENOMEM;
}

int shmem_get_page(struct inode *inode, unsigned long index, struct page **pagep, enum sgp_type sgp)
{
	struct address_space *mapping = inode->i_mapping;
	int err;

	for (;;) {
		void *item = radix_tree_lookup(&mapping->i_pages, index);
		struct page *page = item;

		if (item && xa_is_value(item)) {
			err = shmem_swapin_page(inode, index, item, pagep);
		} else if (item) {
			get_page(page);
			lock_page(page);
			if (page->mapping == mapping) {
				*pagep = page;
				return 0;
			}
			unlock_page(page); /* moved to swap or truncated while we waited */
			put_page(page);
			err = -EAGAIN;
		} else if (sgp == SGP_READ) {
			*pagep = NULL;
			return 0;
		} else {
			err = shmem_alloc_page(inode, index, pagep);
		}
		if (err != -EAGAIN)
			return err;
	}
}

bool shmem_writepage(struct page *page)
{
	struct address_space *mapping = page->mapping;
	struct shmem_inode_info *info = SHMEM_I(mapping->host);
	swp_entry_t entry;

	if (info->flags & VM_LOCKED)
		return false; /* SHM_LOCK: Linux redirties and keeps it the same way */
	if (page_mapped(page) || !add_to_swap(page))
		return false; /* try_to_unmap left a PTE (a racing fault), or swap is full */
	entry = page_swap_entry(page);
	if (swap_duplicate(entry) < 0) { /* the index's reference */
		delete_from_swap_cache(page);
		return false;
	}
	shmem_delete_from_page_cache(page, swp_to_radix_entry(entry));
	if (!info->swapped++)
		list_add_tail(&info->swaplist, &shmem_swaplist);
	return true;
}

/* Drop the item at index (a page, or a swap entry); how many charged pages went. */
static unsigned long shmem_free_index(struct shmem_inode_info *info, unsigned long index,
				      void *item)
{
	struct page *page = item;

	if (xa_is_value(item)) {
		radix_tree_delete(&info->mapping.i_pages, index);
		free_swap_and_cache(radix_to_swp_entry(item)); /* may sleep for a read in flight */
		if (!--info->swapped)
			list_del_init(&info->swaplist);
		return 1;
	}
	get_page(page);
	lock_page(page);
	if (page->mapping != &info->mapping) { /* went to swap meanwhile: look again */
		unlock_page(page);
		put_page(page);
		return 0;
	}
	shmem_delete_from_page_cache(page, NULL);
	unlock_page(page);
	put_page(page); /* frees it, unless reclaim holds it isolated */
	return 1;
}

/* Zero the part of the page holding byte lstart that lies past it (truncate to mid-page). */
static void shmem_zero_partial(struct inode *inode, loff_t lstart)
{
	struct page *page;

	if (!(lstart & (PAGE_SIZE - 1)))
		return;
	if (shmem_get_page(inode, (unsigned long)(lstart >> PAGE_SHIFT), &page, SGP_READ) || !page)
		return; /* a hole, or unreadable: nothing to zero */
	memset_page(page, lstart & (PAGE_SIZE - 1), 0, PAGE_SIZE - (lstart & (PAGE_SIZE - 1)));
	unlock_page(page);
	put_page(page);
}

void shmem_truncate_range(struct inode *inode, loff_t lstart)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	unsigned long first = (unsigned long)((lstart + PAGE_SIZE - 1) >> PAGE_SHIFT);
	unsigned long idx[16], freed = 0;
	void *items[16];
	unsigned int n, i;

	shmem_zero_partial(inode, lstart);
	while ((n = radix_tree_gang_lookup(&info->mapping.i_pages, items, idx, first, 16))) {
		for (i = 0; i < n; i++)
			freed += shmem_free_index(info, idx[i], items[i]);
	}
	info->alloced -= freed;
	inode->i_blocks -= freed * (PAGE_SIZE / 512);
	shmem_inode_unacct_blocks(inode, freed);
}

void shmem_evict_file(struct inode *inode)
{
	struct shmem_inode_info *info = SHMEM_I(inode);

	shmem_truncate_range(inode, 0);
	if (info->alloced || info->swapped)
		panic("shmem_evict_file: inode %lu keeps %lu pages", inode->ino, info->alloced);
	kfree(info->name);
	kfree(info);
	inode->i_private = NULL;
	inode->i_mapping = NULL;
}

/* ---- mappings ------------------------------------------------------------------- */

/*
 * ->fault of a shmem mapping (Linux's shmem_fault): the page at
 * vmf->pgoff, locked and referenced, made if it is a hole (a read fault
 * too, as Linux's SGP_CACHE) or read back from swap (VM_FAULT_MAJOR,
 * pgmajfault). VM_FAULT_SIGBUS past the end of the file, at the mount's
 * size= or on a swap read error; VM_FAULT_OOM without memory.
 */
static int shmem_fault(struct vm_fault *vmf)
{
	struct inode *inode = vmf->vma->vm_file->inode;
	void *item;
	int err, ret = VM_FAULT_LOCKED;

	if (vmf->pgoff >= (unsigned long)DIV_ROUND_UP(inode->size, PAGE_SIZE))
		return VM_FAULT_SIGBUS;
	item = radix_tree_lookup(&inode->i_mapping->i_pages, vmf->pgoff);
	if (item && xa_is_value(item)) {
		count_vm_event(PGMAJFAULT);
		ret |= VM_FAULT_MAJOR;
	}
	err = shmem_get_page(inode, vmf->pgoff, &vmf->page, SGP_WRITE);
	if (err)
		return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	return ret;
}

static const struct vm_operations_struct shmem_vm_ops = {
	.fault = shmem_fault,
};

int shmem_mmap(struct file *file, struct vm_area_struct *vma)
{
	(void)file;
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct file *file =
	    shmem_file_setup("dev/zero", (loff_t)(vma->vm_end - vma->vm_start), O_RDWR);

	if (IS_ERR(file)) {
		do_munmap(vma->vm_mm, vma->vm_start, vma->vm_end - vma->vm_start);
		return (int)PTR_ERR(file);
	}
	vma->vm_file = file; /* the open reference becomes the area's */
	vma->vm_pgoff = 0;
	vma->vm_ops = &shmem_vm_ops;
	list_add_tail(&vma->shared, &file->inode->i_mapping->i_mmap);
	return 0;
}

/* ---- SHM_LOCK ---------------------------------------------------------------------- */

static unsigned long
    shm_locked_pages; /* SHM_LOCKed pages (Linux counts them per user; one user here) */

/*
 * SHM_LOCK: the pages stay in memory (Linux's shmem_lock): reclaim culls
 * them to the unevictable list (the mapping is unevictable) and
 * shmem_writepage refuses them. Charged against RLIMIT_MEMLOCK unless
 * the caller holds CAP_IPC_LOCK (-ENOMEM past it). SHM_UNLOCK moves the
 * pages back to the normal lists.
 */
/* SHM_UNLOCK: the mapping's pages on the unevictable list go back to their lists. */
static void shmem_unlock_mapping(struct address_space *mapping)
{
	unsigned long next = 0, idx[16];
	struct page *pages[16];
	void *items[16];
	unsigned int n, i, nr;

	while ((n = radix_tree_gang_lookup(&mapping->i_pages, items, idx, next, 16))) {
		for (i = nr = 0; i < n; i++)
			if (!xa_is_value(items[i]))
				pages[nr++] = items[i];
		check_move_unevictable_pages(pages, nr);
		next = idx[n - 1] + 1;
	}
}

int shmem_lock(struct inode *inode, bool lock)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	unsigned long pages = (unsigned long)DIV_ROUND_UP(inode->size, PAGE_SIZE);

	if (lock) {
		if (!capable(CAP_IPC_LOCK) &&
		    (shm_locked_pages + pages) << PAGE_SHIFT > rlimit(RLIMIT_MEMLOCK))
			return -ENOMEM;
		shm_locked_pages += pages;
		info->flags |= VM_LOCKED;
		mapping_set_unevictable(&info->mapping);
		return 0;
	}
	shm_locked_pages -= min(pages, shm_locked_pages);
	info->flags &= ~VM_LOCKED;
	mapping_clear_unevictable(&info->mapping);
	shmem_unlock_mapping(&info->mapping);
	return 0;
}

/* Bring the pages of info that are in swap area type back into memory; 0 or -errno. */
static int shmem_unuse_inode(struct shmem_inode_info *info, unsigned int type)
{
	unsigned long next = 0, idx[16];
	void *items[16];
	unsigned int n, i;

	while ((n = radix_tree_gang_lookup(&info->mapping.i_pages, items, idx, next, 16))) {
		for (i = 0; i < n; i++) {
			struct page *page;
			int err;

			if (!xa_is_value(items[i]) ||
			    swp_type(radix_to_swp_entry(items[i])) != type)
				continue;
			err = shmem_get_page(info->inode, idx[i], &page, SGP_READ);
			if (err)
				return err;
			if (page) {
				unlock_page(page);
				put_page(page);
			}
		}
		next = idx[n - 1] + 1;
	}
	return 0;
}

int shmem_unuse(unsigned int type)
{
	LIST_HEAD(done); /* looked at: swap-in takes an inode off whichever list it is on */
	int err = 0;

	while (!err && !list_empty(&shmem_swaplist)) {
		struct shmem_inode_info *info =
		    list_first_entry(&shmem_swaplist, struct shmem_inode_info, swaplist);
		struct inode *inode = igrab(info->inode); /* stays while we sleep */

		list_move_tail(&info->swaplist, &done);
		err = shmem_unuse_inode(info, type);
		iput(inode);
	}
	list_splice(&done, &shmem_swaplist);
	return err;
}
