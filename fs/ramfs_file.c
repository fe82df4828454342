/*
 * ramfs's regular files (see fs/ramfs.c for its directories).
 *
 * A regular file's pages hang off a two-level table, like a page table:
 *
 *   ri->leaves[i / 1023] --> leaf: nr, pages[nr]   (nr doubles from 4
 *                            pages[i % 1023] --> struct page i  up to 1023)
 *                            = bytes [i * PAGE_SIZE, (i + 1) * PAGE_SIZE)
 *
 * A NULL leaf or page, or a slot past a leaf's nr, is a hole that reads
 * as zeros, so a sparse file costs only what was written: a byte at
 * 2 GiB - 1 takes its page, a 512-slot leaf and a 513-pointer top (each
 * leaf maps about 4 MiB of file), and a small file a 4-slot leaf.
 * Truncation frees the pages and leaves past the new end, and the top
 * with the last page.
 * Linux's ramfs keeps the pages in the page cache and never writes them
 * back; here ramfs owns its pages directly, outside the page cache. As
 * Linux's, they are GFP_HIGHUSER pages (HighMem first, so files leave low
 * memory to the kernel) and their bytes are reached through kmap_local_page.
 */
#include "fs/ramfs.h"
#include "kernel/lib/string.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/layout.h"
#include "mm/slab.h"

/* One leaf of a file's page table: grows by doubling up to a page. */
struct ramfs_leaf {
	unsigned long nr; /* slots in pages[] */
	void *pages[];
};

#define RAMFS_LEAF_PAGES (PAGE_SIZE / sizeof(void *) - 1) /* a full leaf fills a page */
#define RAMFS_MAX_LEAVES DIV_ROUND_UP(MAX_NON_LFS / PAGE_SIZE + 1, RAMFS_LEAF_PAGES)

/* Make the top long enough for leaf index t; 0 or -ENOMEM. */
static int grow_leaves(struct ramfs_inode *ri, unsigned long t)
{
	unsigned long n = ri->nr_leaves ? ri->nr_leaves : 1;
	struct ramfs_leaf **leaves;

	while (n <= t)
		n *= 2;
	n = min(n, (unsigned long)RAMFS_MAX_LEAVES);
	leaves = kzalloc(n * sizeof(*leaves), GFP_KERNEL);
	if (!leaves)
		return -ENOMEM;
	if (ri->leaves)
		memcpy(leaves, ri->leaves, ri->nr_leaves * sizeof(*leaves));
	kfree(ri->leaves);
	ri->leaves = leaves;
	ri->nr_leaves = n;
	return 0;
}

/* A copy of leaf (NULL if there is none) with room for slot j, or NULL (leaf is kept). */
static struct ramfs_leaf *grow_leaf(struct ramfs_leaf *leaf, unsigned long j)
{
	unsigned long n = leaf ? leaf->nr : 4;
	struct ramfs_leaf *bigger;

	while (n <= j)
		n *= 2;
	n = min(n, (unsigned long)RAMFS_LEAF_PAGES);
	bigger = kzalloc(sizeof(*bigger) + n * sizeof(void *), GFP_KERNEL);
	if (!bigger)
		return NULL;
	bigger->nr = n;
	if (leaf)
		memcpy(bigger->pages, leaf->pages, leaf->nr * sizeof(void *));
	kfree(leaf);
	return bigger;
}

/* Page idx of the file, or NULL for a hole. */
static struct page *find_page(struct ramfs_inode *ri, unsigned long idx)
{
	unsigned long t = idx / RAMFS_LEAF_PAGES, j = idx % RAMFS_LEAF_PAGES;

	if (t >= ri->nr_leaves || !ri->leaves[t] || j >= ri->leaves[t]->nr)
		return NULL;
	return ri->leaves[t]->pages[j];
}

/* Page idx, allocated (zeroed, with room in its leaf) if missing; NULL when out of memory. */
static struct page *get_page_for_write(struct ramfs_inode *ri, unsigned long idx)
{
	unsigned long t = idx / RAMFS_LEAF_PAGES, j = idx % RAMFS_LEAF_PAGES;
	void **slot;

	if (t >= ri->nr_leaves && grow_leaves(ri, t))
		return NULL;
	if (!ri->leaves[t] || j >= ri->leaves[t]->nr) {
		struct ramfs_leaf *leaf = grow_leaf(ri->leaves[t], j);

		if (!leaf)
			return NULL;
		ri->leaves[t] = leaf;
	}
	slot = &ri->leaves[t]->pages[j];
	if (!*slot) {
		*slot = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
		if (*slot)
			ri->vfs_inode.i_blocks += PAGE_SIZE / 512;
	}
	return *slot;
}

static ssize_t ramfs_read_iter(struct file *file, struct iov_iter *to, loff_t *pos)
{
	static const char zeros[256];
	struct ramfs_inode *ri = RAMFS_I(file->inode);
	size_t done = 0;

	while (to->count && *pos < file->inode->size) {
		unsigned long idx = (unsigned long)(*pos / PAGE_SIZE);
		size_t off = (size_t)(*pos % PAGE_SIZE);
		size_t n = min(min(to->count, PAGE_SIZE - off), (size_t)(file->inode->size - *pos));
		struct page *page = find_page(ri, idx);
		size_t got;

		if (page) {
			const char *src = kmap_local_page(page);

			got = copy_to_iter(src + off, n, to);
			kunmap_local(src);
		} else {
			n = min(n, sizeof(zeros)); /* a hole */
			got = copy_to_iter(zeros, n, to);
		}
		done += got;
		*pos += got;
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

static ssize_t ramfs_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct ramfs_inode *ri = RAMFS_I(file->inode);
	size_t done = 0;

	if (generic_write_checks(file, from, pos, MAX_NON_LFS))
		return -EFBIG;
	while (from->count) {
		unsigned long idx = (unsigned long)(*pos / PAGE_SIZE);
		size_t off = (size_t)(*pos % PAGE_SIZE);
		size_t n = min(from->count, PAGE_SIZE - off);
		struct page *page = get_page_for_write(ri, idx);
		char *dst;
		size_t got;

		if (!page)
			return done ? (ssize_t)done : -ENOSPC;
		dst = kmap_local_page(page);
		got = copy_from_iter(dst + off, n, from);
		kunmap_local(dst);
		done += got;
		*pos += got;
		if (*pos > file->inode->size)
			file->inode->size = *pos;
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

/* Free the pages of leaf t from page index first on, and the leaf if that is all of it. */
static void free_leaf_from(struct ramfs_inode *ri, unsigned long t, unsigned long first)
{
	struct ramfs_leaf *leaf = ri->leaves[t];
	unsigned long base = t * RAMFS_LEAF_PAGES, j;

	if (!leaf)
		return;
	for (j = first > base ? first - base : 0; j < leaf->nr; j++) {
		if (leaf->pages[j]) {
			__free_page((struct page *)leaf->pages[j]);
			ri->vfs_inode.i_blocks -= PAGE_SIZE / 512;
		}
		leaf->pages[j] = NULL;
	}
	if (first <= base) {
		kfree(leaf);
		ri->leaves[t] = NULL;
	}
}

int ramfs_truncate(struct inode *inode, loff_t size)
{
	struct ramfs_inode *ri = RAMFS_I(inode);
	unsigned long first_gone = (unsigned long)DIV_ROUND_UP(size, PAGE_SIZE);
	unsigned long t;
	struct page *last;

	if (size < 0 || size > MAX_NON_LFS)
		return -EINVAL;
	for (t = first_gone / RAMFS_LEAF_PAGES; t < ri->nr_leaves; t++)
		free_leaf_from(ri, t, first_gone);
	if (!first_gone) {
		kfree(ri->leaves);
		ri->leaves = NULL;
		ri->nr_leaves = 0;
	}
	last = size % PAGE_SIZE ? find_page(ri, (unsigned long)(size / PAGE_SIZE)) : NULL;
	if (last)
		memset_page(last, size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
	inode->size = size;
	return 0;
}

const struct file_operations ramfs_file_operations = {
	.read_iter = ramfs_read_iter,
	.write_iter = ramfs_write_iter,
	.llseek = generic_file_llseek,
};
