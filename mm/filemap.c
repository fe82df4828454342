/*
 * The page cache (Linux's mm/filemap.c and mm/truncate.c, reduced): the
 * pages of every file, and of every block device ("Buffers"), found by
 * (address_space, index) through a radix tree per mapping.
 *
 *   read(2)  -> filemap_read: find_get_page; on a miss, readahead reads a
 *               window (mm/readahead.c) through a_ops->readpage; copy out
 *   write(2) -> generic_perform_write: the file system's write_begin
 *               (page locked, blocks allocated), copy in, write_end,
 *               set_page_dirty, then balance_dirty_pages may throttle
 *   flusher, sync, fsync -> write_cache_pages (mm/page-writeback.c)
 *
 * Pages may be HighMem: their contents are reached only through
 * kmap_local_page. Block-device pages are low memory (buffers point into
 * them). Every cached page is on the file LRU lists: it enters the
 * inactive one, a second read or write activates it (mark_page_accessed,
 * mm/lru.c), and reclaim (mm/vmscan.c) evicts clean pages from the
 * inactive tail, leaving a shadow entry in the page's slot
 * (mm/workingset.c). A page read back where a shadow lies is a refault:
 * add_to_page_cache_lru asks workingset_refault whether it goes straight
 * to the active list. Lookups see shadows as holes.
 */
#include "mm/pagemap.h"
#include "kernel/lib/radix-tree.h"
#include "kernel/sched.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/lru.h"
#include "mm/rmap.h"
#include "mm/shmem_fs.h"
#include "mm/vmstat.h"
#include "mm/workingset.h"

unsigned long nr_file_pages, nr_bdev_pages, nr_file_dirty, nr_writeback;

void address_space_init(struct address_space *mapping, struct inode *host,
			const struct address_space_operations *a_ops, struct block_device *bdev,
			bool is_bdev)
{
	*mapping = (struct address_space){ 0 };
	mapping->host = host;
	mapping->a_ops = a_ops;
	mapping->bdev = bdev;
	mapping->is_bdev = is_bdev;
	mapping->gfp_mask = is_bdev ? GFP_KERNEL : GFP_HIGHUSER_MOVABLE;
	INIT_LIST_HEAD(&mapping->i_wb_list);
	INIT_LIST_HEAD(&mapping->i_mmap);
	if (!shmem_mapping(mapping)) /* shmem's value entries are swap entries (Linux too) */
		mapping->i_pages.update_node = workingset_update_node;
}

struct page *find_get_page(struct address_space *mapping, unsigned long index)
{
	struct page *page = radix_tree_lookup(&mapping->i_pages, index);

	if (!page || xa_is_value(page))
		return NULL; /* a hole, or a shadow: not cached */
	get_page(page);
	return page;
}

/*
 * Insert the new page at index, in place of a shadow entry if one is
 * there; 0, -EEXIST or -ENOMEM. *shadowp gets the shadow, or NULL.
 */
static int page_cache_insert(struct address_space *mapping, unsigned long index, struct page *page,
			     void **shadowp)
{
	void *old = radix_tree_lookup(&mapping->i_pages, index);

	*shadowp = NULL;
	if (old && !xa_is_value(old))
		return -EEXIST;
	if (old) {
		*shadowp = radix_tree_replace(&mapping->i_pages, index, page);
		return 0;
	}
	return radix_tree_insert(&mapping->i_pages, index, page);
}

/*
 * add_to_page_cache_lru; a page for a write (write set) is no refault
 * (Linux: __GFP_WRITE skips workingset_refault).
 */
static int __add_to_page_cache_lru(struct page *page, struct address_space *mapping,
				   unsigned long index, bool write)
{
	void *shadow;
	int err = page_cache_insert(mapping, index, page, &shadow);

	if (err)
		return err;
	SetPageLocked(page);
	get_page(page); /* the cache's reference */
	page->mapping = mapping;
	page->index = index;
	mapping->nrpages++;
	nr_file_pages++;
	if (mapping->is_bdev)
		nr_bdev_pages++;
	ClearPageSwapBacked(page); /* a file page: on the file lists */
	ClearPageActive(page);
	if (shadow && !write)
		workingset_refault(page, shadow);
	add_page_to_lru_list(page, page_lru(page));
	return 0;
}

int add_to_page_cache_lru(struct page *page, struct address_space *mapping, unsigned long index)
{
	return __add_to_page_cache_lru(page, mapping, index, false);
}

void __delete_from_page_cache(struct page *page, void *shadow)
{
	struct address_space *mapping = page_mapping(page);

	if (page_mapped(page))
		panic("delete_from_page_cache: pfn %#lx is still mapped", page_to_pfn(page));
	if (PageDirty(page)) { /* truncated before it was written: its data is gone */
		ClearPageDirty(page);
		nr_file_dirty--;
		if (!--mapping->nrdirty)
			mapping_clean(mapping);
	}
	if (shadow)
		radix_tree_replace(&mapping->i_pages, page->index, shadow);
	else
		radix_tree_delete(&mapping->i_pages, page->index);
	mapping->nrpages--;
	nr_file_pages--;
	if (mapping->is_bdev)
		nr_bdev_pages--;
	ClearPageUptodate(page);
	page->mapping = NULL;
	page->_refcount--; /* the cache's reference; the caller holds another */
}

void delete_from_page_cache(struct page *page)
{
	__delete_from_page_cache(page, NULL);
}

/* find_or_create_page; a page made for a write is no refault. */
static struct page *__find_or_create_page(struct address_space *mapping, unsigned long index,
					  bool write)
{
	struct page *page = find_get_page(mapping, index);

	if (page) {
		lock_page(page);
		return page;
	}
	page = alloc_page(mapping->gfp_mask);
	if (!page)
		return NULL;
	if (__add_to_page_cache_lru(page, mapping, index, write)) {
		put_page(page);
		return NULL;
	}
	return page;
}

struct page *find_or_create_page(struct address_space *mapping, unsigned long index)
{
	return __find_or_create_page(mapping, index, false);
}

struct page *grab_cache_page_write_begin(struct address_space *mapping, unsigned long index)
{
	return __find_or_create_page(mapping, index, true);
}

/* Read a locked, not uptodate page; it comes back unlocked. 0 or -EIO. */
static int filemap_read_page(struct file *file, struct page *page)
{
	int err;

	ClearPageError(page);
	err = page_mapping(page)->a_ops->readpage(file, page);
	if (err)
		return err;
	wait_on_page_locked(page);
	return PageUptodate(page) ? 0 : -EIO;
}

struct page *read_mapping_page(struct address_space *mapping, unsigned long index,
			       struct file *file)
{
	struct page *page = find_or_create_page(mapping, index);
	int err;

	if (!page)
		return ERR_PTR(-ENOMEM);
	if (PageUptodate(page)) {
		unlock_page(page);
		return page;
	}
	err = filemap_read_page(file, page);
	if (err) {
		put_page(page);
		return ERR_PTR(err);
	}
	return page;
}

/* The uptodate page at index for a read, via readahead; referenced, or ERR_PTR. */
static struct page *filemap_get_page(struct file *file, struct address_space *mapping,
				     unsigned long index, unsigned long last_index)
{
	struct page *page = find_get_page(mapping, index);

	if (!page) {
		page_cache_sync_ra(mapping, &file->f_ra, file, index, last_index - index + 1);
		page = find_get_page(mapping, index);
		if (!page)
			return read_mapping_page(mapping, index, file);
	}
	if (PageReadahead(page))
		page_cache_async_ra(mapping, &file->f_ra, file, page, index,
				    last_index - index + 1);
	if (!PageUptodate(page)) {
		int err = 0;

		lock_page(page);
		if (!PageUptodate(page))
			err = filemap_read_page(file, page);
		else
			unlock_page(page);
		if (err) {
			put_page(page);
			return ERR_PTR(err);
		}
	}
	return page;
}

/* Copy n bytes at offset of page to the reader; bytes copied. */
size_t copy_page_to_iter(struct page *page, size_t offset, size_t n, struct iov_iter *to)
{
	char *kaddr = kmap_local_page(page);
	size_t done = copy_to_iter(kaddr + offset, n, to);

	kunmap_local(kaddr);
	return done;
}

ssize_t filemap_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct inode *inode = file->inode;
	struct address_space *mapping = inode->i_mapping;
	loff_t last_pos = file->f_ra.prev_pos; /* where the last read ended */
	size_t done = 0;

	while (to->count && *pos < inode->size) {
		unsigned long index = (unsigned long)(*pos >> PAGE_SHIFT);
		unsigned long last = (unsigned long)((*pos + (loff_t)to->count - 1) >> PAGE_SHIFT);
		size_t offset = (size_t)(*pos & (PAGE_SIZE - 1)), n, got;
		struct page *page = filemap_get_page(file, mapping, index, last);

		if (IS_ERR(page))
			return done ? (ssize_t)done : PTR_ERR(page);
		n = min(min(PAGE_SIZE - offset, to->count), (size_t)(inode->size - *pos));
		got = copy_page_to_iter(page, offset, n, to);
		/* "When a read accesses the same folio several times, only mark it ... the first
		 * time" */
		if (last_pos <= 0 || (unsigned long)((last_pos - 1) >> PAGE_SHIFT) != index)
			mark_page_accessed(page);
		last_pos = *pos + (loff_t)got;
		put_page(page);
		done += got;
		*pos += (loff_t)got;
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	file->f_ra.prev_pos = *pos;
	return (ssize_t)done;
}

ssize_t generic_perform_write(struct file *file, struct iov_iter *from, loff_t pos,
			      const struct write_ops *ops)
{
	struct address_space *mapping = file->inode->i_mapping;
	ssize_t done = 0;

	while (from->count) {
		size_t offset = (size_t)(pos & (PAGE_SIZE - 1));
		unsigned int n = (unsigned int)min(PAGE_SIZE - offset, from->count), got;
		struct page *page;
		char *kaddr;
		int err = ops->write_begin(file, mapping, pos, n, &page);

		if (err)
			return done ? done : err;
		kaddr = kmap_local_page(page);
		got = (unsigned int)copy_from_iter(kaddr + offset, n, from);
		kunmap_local(kaddr);
		mark_page_accessed(page);
		ops->write_end(file, mapping, pos, got, page);
		done += got;
		pos += got;
		balance_dirty_pages_ratelimited(mapping);
		if (got < n)
			return done ? done : -EFAULT;
	}
	return done;
}

/* Drop page from the cache if nobody else holds it; it stays if it is busy or dirty. */
static bool invalidate_page(struct page *page)
{
	if (PageLocked(page) || PageWriteback(page) || PageDirty(page))
		return false;
	lock_page(page);
	delete_from_page_cache(page);
	unlock_page(page);
	return true;
}

/*
 * A page that could not be dropped is deactivated, so reclaim finds it
 * sooner (Linux's deactivate_file_folio; a dirty one is left where it is).
 */
static void deactivate_file_page(struct page *page)
{
	if (!PageLRU(page) || !PageActive(page) || PageUnevictable(page) || PageDirty(page))
		return;
	del_page_from_lru_list(page);
	ClearPageReferenced(page);
	add_page_to_lru_list(page, page_lru(page) - LRU_ACTIVE);
	count_vm_event(PGDEACTIVATE);
}

bool mapping_busy(struct address_space *mapping)
{
	unsigned long next = 0;
	struct page *pages[16];
	unsigned long idx[16];
	unsigned int n, i;

	while ((n = radix_tree_gang_lookup(&mapping->i_pages, (void **)pages, idx, next, 16))) {
		for (i = 0; i < n; i++)
			if (!xa_is_value(pages[i]) &&
			    (PageLocked(pages[i]) || PageWriteback(pages[i]) ||
			     page_mapped(pages[i])))
				return true;
		next = idx[n - 1] + 1;
	}
	return false;
}

void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	unsigned long first = (unsigned long)((lstart + PAGE_SIZE - 1) >> PAGE_SHIFT);
	struct page *pages[16];
	unsigned long idx[16];
	unsigned int n, i;

	unmap_mapping_pages(mapping, first, 0); /* no PTE may keep a page we drop */
	while ((n = radix_tree_gang_lookup(&mapping->i_pages, (void **)pages, idx, first, 16))) {
		for (i = 0; i < n; i++) {
			struct page *page = pages[i];

			if (xa_is_value(page)) { /* a shadow: the page is gone for good */
				radix_tree_delete_item(&mapping->i_pages, idx[i], page);
				continue;
			}
			get_page(page);
			wait_on_page_writeback(page);
			lock_page(page);
			if (page->mapping == mapping && page_mapped(page))
				try_to_unmap(page); /* faulted in again while we slept */
			if (page->mapping == mapping)
				delete_from_page_cache(page);
			unlock_page(page);
			put_page(page);
		}
	}
}

unsigned long invalidate_mapping_pages(struct address_space *mapping)
{
	unsigned long next = 0, dropped = 0;
	struct page *pages[16];
	unsigned long idx[16];
	unsigned int n, i;

	while ((n = radix_tree_gang_lookup(&mapping->i_pages, (void **)pages, idx, next, 16))) {
		for (i = 0; i < n; i++) {
			if (xa_is_value(pages[i])) { /* Linux clears shadows here too */
				radix_tree_delete_item(&mapping->i_pages, idx[i], pages[i]);
				continue;
			}
			get_page(pages[i]);
			if (page_count(pages[i]) == 2 && !page_mapped(pages[i]) &&
			    invalidate_page(pages[i]))
				dropped++;
			else
				deactivate_file_page(pages[i]);
			put_page(pages[i]);
		}
		next = idx[n - 1] + 1;
	}
	return dropped;
}

/* errseq_t: see mm/pagemap.h. */
static void errseq_set(u32 *eseq, int err)
{
	*eseq = ((*eseq & ~(ERRSEQ_SEEN | (ERRSEQ_SEEN - 1))) + ERRSEQ_CTR_INC) | (u32)-err;
}

void mapping_set_error(struct address_space *mapping, int err)
{
	errseq_set(&mapping->wb_err, err);
	if (!mapping->is_bdev && mapping->host && mapping->host->i_sb)
		errseq_set(&mapping->host->i_sb->s_wb_err, err);
}

int errseq_check_and_advance(u32 *eseq, u32 *since)
{
	if ((*eseq | ERRSEQ_SEEN) == (*since | ERRSEQ_SEEN) && *since)
		return 0;
	if (!(*eseq & (ERRSEQ_SEEN - 1)))
		return 0; /* no error recorded */
	*eseq |= ERRSEQ_SEEN;
	*since = *eseq;
	return -(int)(*eseq & (ERRSEQ_SEEN - 1));
}
