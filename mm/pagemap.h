/*
 * The page cache (mm/filemap.c, mm/readahead.c, mm/page-writeback.c;
 * Linux's include/linux/pagemap.h and writeback.h).
 *
 * A cached page belongs to one address_space (page->mapping) at one index
 * (page->index), holds one reference for the cache, and sits on the file
 * LRU lists, where reclaim finds it (mm/vmscan.c). An evicted page leaves
 * a shadow entry in its radix-tree slot (mm/workingset.c). Its flags:
 *
 *   PG_locked     I/O or a change is in progress; others wait (lock_page)
 *   PG_uptodate   the contents are the file's
 *   PG_dirty      newer than the disk: writeback must write it
 *   PG_writeback  being written; truncate and fsync wait for it to clear
 *   PG_readahead  the readahead marker: reading it starts the next window
 *
 * Counters with Linux's meaning: nr_file_pages (NR_FILE_PAGES: every
 * cached page), nr_bdev_pages (the block devices' own: "Buffers"),
 * nr_file_dirty (NR_FILE_DIRTY: "Dirty"), nr_writeback (NR_WRITEBACK),
 * nr_file_mapped (NR_FILE_MAPPED: cached pages some PTE maps: "Mapped",
 * kept by mm/rmap.c).
 */
#ifndef MM_PAGEMAP_H
#define MM_PAGEMAP_H

#include "fs/fs.h"
#include "mm/mm.h"

extern unsigned long nr_file_pages, nr_bdev_pages, nr_file_dirty, nr_writeback;
extern unsigned long nr_file_mapped; /* mm/rmap.c */

/* The address_space a page-cache page belongs to; NULL for an anonymous page (mm/rmap.h). */
static inline struct address_space *page_mapping(const struct page *page)
{
	return (unsigned long)page->mapping & 1UL /* PAGE_MAPPING_ANON */ ? NULL : page->mapping;
}

/* ---- mm/filemap.c ---------------------------------------------------------- */

/* Make mapping empty, for host with a_ops; bdev mappings keep to low memory. */
void address_space_init(struct address_space *mapping, struct inode *host,
			const struct address_space_operations *a_ops, struct block_device *bdev,
			bool is_bdev);
/* The page at index with a reference, or NULL. */
struct page *find_get_page(struct address_space *mapping, unsigned long index);
/* Insert a new, locked page at index (the cache takes a reference); 0, -EEXIST, -ENOMEM. */
int add_to_page_cache_lru(struct page *page, struct address_space *mapping, unsigned long index);
/* The page at index, locked and referenced, made (not uptodate) if missing; NULL: no memory. */
struct page *find_or_create_page(struct address_space *mapping, unsigned long index);
/* The page at index, referenced and uptodate (read if needed); ERR_PTR(-EIO / -ENOMEM). */
struct page *read_mapping_page(struct address_space *mapping, unsigned long index,
			       struct file *file);
/* Take a clean, locked page out of the cache and drop the cache's reference. */
void delete_from_page_cache(struct page *page);
/* Copy n bytes of page from offset to the iter (through kmap_local_page); bytes copied. */
size_t copy_page_to_iter(struct page *page, size_t offset, size_t n, struct iov_iter *to);
/* The same, leaving shadow (reclaim's eviction, mm/workingset.c) in its slot if not NULL. */
void __delete_from_page_cache(struct page *page, void *shadow);
/* find_or_create_page for a write(2): a new page is no refault (Linux: FGP_WRITE). */
struct page *grab_cache_page_write_begin(struct address_space *mapping, unsigned long index);
/* read(2) through the cache: copy from *pos, with readahead; bytes, or -errno. */
ssize_t filemap_read(struct file *file, struct iov_iter *to, loff_t *pos);

/*
 * What a file system does around one page of a write (Linux's write_begin /
 * write_end): begin returns the page locked, uptodate where the write
 * does not cover it, with disk blocks for [pos, pos + len) (so a full disk
 * fails here, with -ENOSPC, not at writeback); end updates the size.
 */
struct write_ops {
	int (*write_begin)(struct file *file, struct address_space *mapping, loff_t pos,
			   unsigned int len, struct page **pagep);
	void (*write_end)(struct file *file, struct address_space *mapping, loff_t pos,
			  unsigned int copied, struct page *page);
};
/* write(2) through the cache; bytes written, or -errno if none. */
ssize_t generic_perform_write(struct file *file, struct iov_iter *from, loff_t pos,
			      const struct write_ops *ops);

/* Mark a cached page dirty (Dirty grows; the mapping joins the flusher's list). */
void set_page_dirty(struct page *page);
void end_page_writeback(struct page *page, int err);
void wait_on_page_writeback(struct page *page);
/*
 * Write the dirty pages of mapping: all of them (nr_to_write 0) or about
 * nr_to_write; only those dirtied before older_than (jiffies; 0: any).
 * Returns the pages written.
 */
unsigned long write_cache_pages(struct address_space *mapping, unsigned long nr_to_write);
/* Write every dirty page and wait; 0, or -EIO if a write failed (errseq, for fsync). */
int filemap_write_and_wait(struct address_space *mapping);
/* Is a page of mapping locked, being written or mapped (so its inode must stay)? */
bool mapping_busy(struct address_space *mapping);
/* Drop every page from byte lstart on (dirty ones are discarded: truncate). */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);
/*
 * Drop the clean, unused pages of mapping and its shadow entries (umount,
 * drop_caches); pages that stay are deactivated. How many pages went.
 */
unsigned long invalidate_mapping_pages(struct address_space *mapping);

/* errseq_t (Linux's lib/errseq.c, reduced): an error with a sequence number. */
void mapping_set_error(struct address_space *mapping, int err);
/*
 * errseq_t (Linux's lib/errseq.c): bits 0-11 the last error, bit 12 "seen"
 * (someone was told), 13 and up a counter bumped by every new error.
 */
#define ERRSEQ_SHIFT 12
#define ERRSEQ_SEEN (1u << ERRSEQ_SHIFT)
#define ERRSEQ_CTR_INC (1u << (ERRSEQ_SHIFT + 1))

/* What an opener samples: 0 while the last error is unseen, so it is reported to it too. */
static inline u32 errseq_sample(const u32 *eseq)
{
	return *eseq & ERRSEQ_SEEN ? *eseq : 0;
}
/* The error once for each new one since *since was sampled, then 0; marks it seen. */
int errseq_check_and_advance(u32 *eseq, u32 *since);

/* ---- mm/readahead.c -------------------------------------------------------- */

#define VM_READAHEAD_PAGES 32 /* 128 KiB */

void file_ra_state_init(struct file_ra_state *ra);
/* A read missed at index wanting req pages: read a window (Linux's page_cache_sync_ra). */
void page_cache_sync_ra(struct address_space *mapping, struct file_ra_state *ra, struct file *file,
			unsigned long index, unsigned long req);
/* Read the window ra describes now, the marker async_size from its end (Linux's ra_submit). */
void ra_submit(struct file_ra_state *ra, struct address_space *mapping, struct file *file);
/* A read hit the PG_readahead page at index: read the next window ahead. */
void page_cache_async_ra(struct address_space *mapping, struct file_ra_state *ra, struct file *file,
			 struct page *page, unsigned long index, unsigned long req);

/* ---- mm/filemap_fault.c ---------------------------------------------------- */

struct vm_area_struct;
extern unsigned long fault_around_bytes;
/* debugfs's fault_around_bytes written (Linux's checks and rounding); 0 or -EINVAL. */
int fault_around_bytes_set(const char *val);
extern const struct vm_operations_struct generic_file_vm_ops;
/* f_op->mmap of a page-cache file: faults go to filemap_fault; 0 or -ENOEXEC. */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);
/* Unmap the PTEs of the file pages [start, start + nr) from every mapping (0: to the end). */
void unmap_mapping_pages(struct address_space *mapping, unsigned long start, unsigned long nr);

/* ---- mm/page-writeback.c --------------------------------------------------- */

extern int dirty_background_ratio, vm_dirty_ratio;
extern unsigned long dirty_background_bytes, vm_dirty_bytes;
extern int dirty_writeback_interval, dirty_expire_interval; /* centisecs */

/* A page was dirtied by the current task: throttle it if over the limit. */
void balance_dirty_pages_ratelimited(struct address_space *mapping);
/* The mapping got its first dirty page: put it on the flusher's list. */
void mark_mapping_dirty(struct address_space *mapping);
void mapping_clean(struct address_space *mapping); /* its last dirty page went */
/* The background and hard dirty limits in pages (Linux's global_dirty_limits). */
void global_dirty_limits(unsigned long *pbackground, unsigned long *pdirty);
/* Write back everything dirty now (sync(2), umount). */
void writeback_all(void);
/* Start the flusher thread (boot). */
void writeback_init(void);
/* Wake the flusher at once (a sysctl changed, or background writeback is due). */
void wakeup_flusher_threads(void);
/* Reclaim found dirty pages nobody writes: the flusher writes every dirty page (WB_REASON_VMSCAN).
 */
void wakeup_flusher_threads_vmscan(void);
/* Reclaim freed nothing: wait (HZ/10 at most) for a file write to end, if one will. */
void writeback_throttle(void);

#endif
