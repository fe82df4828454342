/*
 * File readahead: Linux's on-demand window (mm/readahead.c,
 * docs/linux-formulas.md, Readahead window).
 *
 * Each open file keeps a window (file_ra_state): start, size, and the
 * async_size pages at its end, the first of which carries PG_readahead.
 *
 *   miss at index 0, or right after the last read  -> initial window
 *       size = get_init_ra_size(request): 4x, 2x the request, or the max
 *   a read reaches the marker, or the window's end -> the next window
 *       start += size, size = get_next_ra_size (4x, 2x, up to ra_pages)
 *   a miss elsewhere -> context readahead (as many pages as are cached
 *       just before it), or just the request when that history is short:
 *       a random reader's window collapses to what it asks for
 *
 * With ra_pages = 32 (128 KiB) and one-page reads from 0: pages 0..3
 * (marker 1), then 4..11 (marker 4), 12..27 (marker 12), 28..59 and 32 at
 * a time from then on. Reads stop at the page holding the last byte.
 */
#include "mm/pagemap.h"
#include "kernel/lib/radix-tree.h"
#include "mm/gfp.h"
#include "mm/lru.h"

#define READ_BATCH 32

/* Is a page (not a shadow entry) cached at index? */
static bool page_cache_present(struct address_space *mapping, unsigned long index)
{
	void *entry = radix_tree_lookup(&mapping->i_pages, index);

	return entry && !xa_is_value(entry);
}

void file_ra_state_init(struct file_ra_state *ra)
{
	*ra = (struct file_ra_state){ 0 };
	ra->ra_pages = VM_READAHEAD_PAGES;
	ra->prev_pos = -1;
}

static unsigned long roundup_pow_of_two(unsigned long n)
{
	unsigned long p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

static unsigned long get_init_ra_size(unsigned long req, unsigned long max)
{
	unsigned long n = roundup_pow_of_two(req);

	if (n <= max / 32)
		return n * 4;
	if (n <= max / 4)
		return n * 2;
	return max;
}

static unsigned long get_next_ra_size(unsigned long size, unsigned long max)
{
	if (size < max / 16)
		return size * 4;
	if (size <= max / 2)
		return size * 2;
	return max;
}

/* Hand the locked new pages to the file system, then drop the allocation references. */
static void read_pages(struct file *file, struct address_space *mapping, struct page **pages,
		       unsigned int nr)
{
	unsigned int i;

	if (!nr)
		return;
	if (mapping->a_ops->readpages)
		mapping->a_ops->readpages(file, mapping, pages, nr);
	else
		for (i = 0; i < nr; i++)
			mapping->a_ops->readpage(file, pages[i]);
	for (i = 0; i < nr; i++)
		put_page(pages[i]);
}

/* Read the missing pages of [index, index + nr); mark page nr - lookahead (Linux's
 * page_cache_ra_unbounded). */
static void ra_unbounded(struct address_space *mapping, struct file *file, unsigned long index,
			 unsigned long nr, unsigned long lookahead)
{
	struct page *batch[READ_BATCH];
	unsigned int n = 0;
	unsigned long i;

	for (i = 0; i < nr; i++) {
		struct page *page;

		if (page_cache_present(mapping, index + i) || n == READ_BATCH) {
			read_pages(file, mapping, batch, n); /* only consecutive pages per batch */
			n = 0;
			if (page_cache_present(mapping, index + i))
				continue;
		}
		page = alloc_page(mapping->gfp_mask);
		if (!page)
			break;
		if (add_to_page_cache_lru(page, mapping, index + i)) {
			put_page(page);
			break;
		}
		if (lookahead && i == nr - lookahead)
			SetPageReadahead(page);
		batch[n++] = page;
	}
	read_pages(file, mapping, batch, n);
}

/* ra_unbounded, but never past the page holding the file's last byte. */
static void do_page_cache_ra(struct address_space *mapping, struct file *file, unsigned long index,
			     unsigned long nr, unsigned long lookahead)
{
	loff_t isize = mapping->host->size;
	unsigned long end;

	if (!isize)
		return;
	end = (unsigned long)((isize - 1) >> PAGE_SHIFT);
	if (index > end)
		return;
	if (nr > end - index + 1)
		nr = end - index + 1;
	if (lookahead > nr)
		lookahead = 0;
	ra_unbounded(mapping, file, index, nr, lookahead);
}

void ra_submit(struct file_ra_state *ra, struct address_space *mapping, struct file *file)
{
	do_page_cache_ra(mapping, file, ra->start, ra->size, ra->async_size);
}

/* Pages cached contiguously just before index, up to max (Linux's count_history_pages). */
static unsigned long count_history_pages(struct address_space *mapping, unsigned long index,
					 unsigned long max)
{
	unsigned long n = 0;

	while (n < max && n < index && page_cache_present(mapping, index - n - 1))
		n++;
	return n;
}

/* The first page after index not cached, within max pages; 0 if none. */
static unsigned long next_miss(struct address_space *mapping, unsigned long index,
			       unsigned long max)
{
	unsigned long i;

	for (i = index + 1; i <= index + max; i++)
		if (!page_cache_present(mapping, i))
			return i;
	return 0;
}

/* Set ra to the first window at index for a request of req pages. */
static void initial_window(struct file_ra_state *ra, unsigned long index, unsigned long req,
			   unsigned long max)
{
	ra->start = index;
	ra->size = (unsigned int)get_init_ra_size(req, max);
	ra->async_size = ra->size > req ? (unsigned int)(ra->size - req) : ra->size;
}

static void ondemand_readahead(struct address_space *mapping, struct file_ra_state *ra,
			       struct file *file, bool marker, unsigned long index,
			       unsigned long req)
{
	unsigned long max = ra->ra_pages, prev = (unsigned long)((u64)ra->prev_pos >> PAGE_SHIFT);
	unsigned long start, count;

	if (!index || req > max) {
		initial_window(ra, index, req, max);
	} else if (index == ra->start + ra->size - ra->async_size ||
		   index == ra->start + ra->size) {
		ra->start += ra->size;
		ra->size = (unsigned int)get_next_ra_size(ra->size, max);
		ra->async_size = ra->size;
	} else if (marker) { /* a marker without this window: another reader's stream */
		start = next_miss(mapping, index, max);
		if (!start)
			return;
		ra->start = start;
		ra->size = (unsigned int)get_next_ra_size(start - index + req, max);
		ra->async_size = ra->size;
	} else if (index - prev <= 1) {
		initial_window(ra, index, req, max);
	} else { /* context readahead */
		count = count_history_pages(mapping, index, max);
		if (count <= req) { /* random: just what was asked */
			do_page_cache_ra(mapping, file, index, req, 0);
			return;
		}
		if (count >= index)
			count *= 2;
		ra->start = index;
		ra->size = (unsigned int)min(count + req, max);
		ra->async_size = 1;
	}
	if (index == ra->start && ra->size == ra->async_size) { /* merge the next window in */
		unsigned long add = get_next_ra_size(ra->size, max);

		if (ra->size + add <= max) {
			ra->async_size = (unsigned int)add;
			ra->size += (unsigned int)add;
		} else {
			ra->size = (unsigned int)max;
			ra->async_size = (unsigned int)(max / 2);
		}
	}
	do_page_cache_ra(mapping, file, ra->start, ra->size, ra->async_size);
}

void page_cache_sync_ra(struct address_space *mapping, struct file_ra_state *ra, struct file *file,
			unsigned long index, unsigned long req)
{
	if (!ra->ra_pages) {
		do_page_cache_ra(mapping, file, index, 1, 0);
		return;
	}
	ondemand_readahead(mapping, ra, file, false, index, req);
}

void page_cache_async_ra(struct address_space *mapping, struct file_ra_state *ra, struct file *file,
			 struct page *page, unsigned long index, unsigned long req)
{
	ClearPageReadahead(page);
	if (!ra->ra_pages || PageWriteback(page))
		return;
	ondemand_readahead(mapping, ra, file, true, index, req);
}
