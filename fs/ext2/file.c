/*
 * ext2 regular files through the page cache (Linux's fs/ext2/file.c and
 * the address_space_operations of fs/ext2/inode.c): the kernel's half of
 * ext2, not built into the host tests.
 *
 *   readpage(s)  map each page's block(s) with ext2_get_block; a hole
 *                reads as zeros; with 4 KiB blocks a run of pages whose
 *                blocks are consecutive on the disk is one request
 *   write_begin  the page, filled where the write does not cover it, and
 *                blocks allocated for the bytes written (ENOSPC here)
 *   writepage(s) the same runs, written; the bytes past the end of the
 *                file in its last page are zeroed first
 *
 * With blocks smaller than a page, a page's blocks are scattered, and the
 * block layer moves whole pages: file data then goes through the block
 * device's buffers (copied between the page and sb_bread's blocks).
 * atime follows relatime: it is written when it is older than mtime or
 * ctime, or a day old.
 */
#include "fs/ext2/ext2.h"
#include "mm/vmstat.h"
#include "drivers/blkdev.h"
#include "kernel/lib/string.h"
#include "mm/highmem.h"
#include "mm/lru.h"
#include "mm/pagemap.h"

static bool whole_page_blocks(struct inode *inode)
{
	return inode->i_sb->s_blocksize == PAGE_SIZE;
}

static sector_t block_sector(struct inode *inode, u32 bno)
{
	return (sector_t)bno << (inode->i_sb->s_blocksize_bits - SECTOR_SHIFT);
}

/* Fill a locked page from its blocks (holes and bytes past EOF: zeros); 0 or -errno. */
static int ext2_fill_page(struct inode *inode, struct page *page)
{
	unsigned int bs = inode->i_sb->s_blocksize, per = PAGE_SIZE / bs, i;
	u64 first = (u64)page->index * per;
	char *kaddr;
	int err = 0;

	if (whole_page_blocks(inode)) {
		u32 bno;

		err = ext2_get_block(inode, first, false, &bno, NULL);
		if (!err && bno)
			return bdev_read_page(inode->i_sb->s_bdev, block_sector(inode, bno), page);
	}
	kaddr = kmap_local_page(page);
	memset(kaddr, 0, PAGE_SIZE);
	for (i = 0; i < per && !err && !whole_page_blocks(inode); i++) {
		struct buffer_head *bh;
		u32 bno;

		if ((loff_t)((first + i) * bs) >= inode->size)
			break;
		err = ext2_get_block(inode, first + i, false, &bno, NULL);
		if (err || !bno)
			continue;
		bh = sb_bread(inode->i_sb, bno);
		if (!bh) {
			err = -EIO;
			break;
		}
		memcpy(kaddr + i * bs, bh->b_data, bs);
		brelse(bh);
	}
	kunmap_local(kaddr);
	return err;
}

static int ext2_readpage(struct file *file, struct page *page)
{
	(void)file;
	if (!ext2_fill_page(page_mapping(page)->host, page))
		SetPageUptodate(page);
	else
		SetPageError(page);
	unlock_page(page);
	return 0;
}

/* The disk blocks of nr pages (4 KiB blocks), 0 for a hole; 0 or -errno. */
static int map_pages(struct inode *inode, struct page **pages, unsigned int nr, u32 *bnos,
		     bool create)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		int err = ext2_get_block(inode, pages[i]->index, create, &bnos[i], NULL);

		if (err)
			return err;
	}
	return 0;
}

/* Runs of pages whose blocks follow each other on the disk, one request each. */
static int rw_runs(struct inode *inode, enum req_op op, struct page **pages, u32 *bnos,
		   unsigned int nr)
{
	unsigned int i = 0;
	int err = 0;

	while (i < nr) {
		unsigned int run = 1;

		if (!bnos[i]) {
			i++;
			continue;
		}
		while (i + run < nr && bnos[i + run] == bnos[i] + run)
			run++;
		if (bdev_rw_pages(inode->i_sb->s_bdev, op, block_sector(inode, bnos[i]), pages + i,
				  run, 0))
			err = -EIO;
		i += run;
	}
	return err;
}

static void ext2_readpages(struct file *file, struct address_space *mapping, struct page **pages,
			   unsigned int nr)
{
	struct inode *inode = mapping->host;
	u32 bnos[32];
	unsigned int i;
	int err;

	if (!whole_page_blocks(inode) || nr > 32) {
		for (i = 0; i < nr; i++)
			ext2_readpage(file, pages[i]);
		return;
	}
	err = map_pages(inode, pages, nr, bnos, false);
	if (!err)
		err = rw_runs(inode, REQ_OP_READ, pages, bnos, nr);
	for (i = 0; i < nr; i++) {
		if (!err && !bnos[i]) {
			char *kaddr = kmap_local_page(pages[i]);

			memset(kaddr, 0, PAGE_SIZE);
			kunmap_local(kaddr);
		}
		if (!err)
			SetPageUptodate(pages[i]);
		unlock_page(pages[i]);
	}
}

/* Zero the part of the file's last page past its end, so the disk holds zeros there. */
static void zero_past_eof(struct inode *inode, struct page *page)
{
	loff_t start = (loff_t)page->index << PAGE_SHIFT;
	char *kaddr;

	if (inode->size >= start + (loff_t)PAGE_SIZE || inode->size <= start)
		return;
	kaddr = kmap_local_page(page);
	memset(kaddr + (inode->size - start), 0, PAGE_SIZE - (size_t)(inode->size - start));
	kunmap_local(kaddr);
}

/* Sub-page blocks: copy the page's blocks inside the file into their buffers. */
static int write_through_buffers(struct inode *inode, struct page *page)
{
	unsigned int bs = inode->i_sb->s_blocksize, per = PAGE_SIZE / bs, i;
	u64 first = (u64)page->index * per;
	char *kaddr = kmap_local_page(page);
	int err = 0;

	for (i = 0; i < per && (loff_t)((first + i) * bs) < inode->size && !err; i++) {
		struct buffer_head *bh;
		u32 bno;

		err = ext2_get_block(inode, first + i, true, &bno, NULL);
		bh = err ? NULL : sb_bread(inode->i_sb, bno);
		if (!bh) {
			err = err ? err : -EIO;
			break;
		}
		memcpy(bh->b_data, kaddr + i * bs, bs);
		mark_buffer_dirty(bh);
		brelse(bh);
	}
	kunmap_local(kaddr);
	return err;
}

static int ext2_writepages(struct address_space *mapping, struct page **pages, unsigned int nr)
{
	struct inode *inode = mapping->host;
	u32 bnos[32];
	unsigned int i;
	int err = 0;

	for (i = 0; i < nr; i++)
		zero_past_eof(inode, pages[i]);
	if (!whole_page_blocks(inode) || nr > 32) {
		for (i = 0; i < nr; i++)
			err = write_through_buffers(inode, pages[i]) ?: err;
		return err;
	}
	err = map_pages(inode, pages, nr, bnos, true);
	return err ? err : rw_runs(inode, REQ_OP_WRITE, pages, bnos, nr);
}

static int ext2_writepage(struct page *page)
{
	return ext2_writepages(page_mapping(page), &page, 1);
}

const struct address_space_operations ext2_aops = {
	.readpage = ext2_readpage,
	.readpages = ext2_readpages,
	.writepage = ext2_writepage,
	.writepages = ext2_writepages,
};

/* Blocks for the bytes [pos, pos + len) of inode; 0 or -errno (none left allocated past EOF). */
static int alloc_range(struct inode *inode, loff_t pos, unsigned int len)
{
	unsigned int bits = inode->i_sb->s_blocksize_bits;
	u64 b, last = (u64)(pos + len - 1) >> bits;

	for (b = (u64)pos >> bits; b <= last; b++) {
		u32 bno;
		int err = ext2_get_block(inode, b, true, &bno, NULL);

		if (err) {
			if (pos + len > inode->size)
				ext2_truncate_blocks(inode, inode->size);
			return err;
		}
	}
	return 0;
}

static int ext2_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			    unsigned int len, struct page **pagep)
{
	struct inode *inode = mapping->host;
	struct page *page =
	    grab_cache_page_write_begin(mapping, (unsigned long)(pos >> PAGE_SHIFT));
	int err = 0;

	(void)file;
	if (!page)
		return -ENOMEM;
	if (!PageUptodate(page)) {
		if (len == PAGE_SIZE || (pos & PAGE_MASK) >= inode->size) {
			char *kaddr = kmap_local_page(page);

			memset(kaddr, 0, PAGE_SIZE);
			kunmap_local(kaddr);
		} else {
			err = ext2_fill_page(inode, page);
		}
		if (!err)
			SetPageUptodate(page);
	}
	if (!err)
		err = alloc_range(inode, pos, len);
	if (err) {
		unlock_page(page);
		put_page(page);
		return err;
	}
	*pagep = page;
	return 0;
}

static void ext2_write_end(struct file *file, struct address_space *mapping, loff_t pos,
			   unsigned int copied, struct page *page)
{
	struct inode *inode = mapping->host;

	(void)file;
	if (copied)
		set_page_dirty(page);
	if (pos + copied > inode->size)
		inode->size = pos + copied;
	unlock_page(page);
	put_page(page);
}

static const struct write_ops ext2_write_ops = {
	.write_begin = ext2_write_begin,
	.write_end = ext2_write_end,
};

static ssize_t ext2_file_read_iter(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct inode *inode = file->inode;
	ssize_t ret = filemap_read(file, to, pos);
	u32 now = ext2_now();

	if (ret > 0 && !sb_rdonly(inode->i_sb) &&
	    (inode->atime <= inode->mtime || inode->atime <= inode->ctime ||
	     now - inode->atime >= 24 * 60 * 60)) { /* relatime */
		inode->atime = now;
		ext2_write_inode(inode);
	}
	return ret;
}

static ssize_t ext2_file_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct inode *inode = file->inode;
	u64 max = ext2_max_size(inode->i_sb);
	ssize_t ret;

	if (sb_rdonly(inode->i_sb))
		return -EROFS;
	if (file->f_flags & O_APPEND)
		*pos = inode->size;
	if ((u64)*pos >= max)
		return -EFBIG;
	if ((u64)*pos + from->count > max)
		from->count = (size_t)(max - (u64)*pos);
	ret = generic_perform_write(file, from, *pos, &ext2_write_ops);
	if (ret > 0) {
		*pos += ret;
		inode->mtime = inode->ctime = ext2_now();
		ext2_write_inode(inode);
	}
	return ret;
}

const struct file_operations ext2_file_operations = {
	.read_iter = ext2_file_read_iter,
	.write_iter = ext2_file_write_iter,
	.llseek = generic_file_llseek,
	.mmap = generic_file_mmap, /* blocks of holes written by mmap are allocated at writeback */
};

void ext2_init_mapping(struct inode *inode)
{
	if (!S_ISREG(inode->mode))
		return;
	address_space_init(&EXT2_I(inode)->i_mapping_data, inode, &ext2_aops, inode->i_sb->s_bdev,
			   false);
	inode->i_mapping = &EXT2_I(inode)->i_mapping_data;
}

bool ext2_mapping_can_go(struct inode *inode)
{
	struct address_space *mapping = inode->i_mapping;

	if (!mapping)
		return true;
	return !mapping->nrdirty && !mapping_busy(mapping);
}

void ext2_release_mapping(struct inode *inode)
{
	if (inode->i_mapping)
		truncate_inode_pages(inode->i_mapping, 0);
}

void ext2_truncate_pagecache(struct inode *inode, loff_t size)
{
	unsigned int bits = inode->i_sb->s_blocksize_bits;
	struct page *page;
	char *kaddr;
	u32 bno;

	if (!inode->i_mapping)
		return;
	truncate_inode_pages(inode->i_mapping, size);
	if (!(size & (PAGE_SIZE - 1)) || size >= inode->size ||
	    ext2_get_block(inode, (u64)size >> bits, false, &bno, NULL) || !bno)
		return;
	page = read_mapping_page(inode->i_mapping, (unsigned long)(size >> PAGE_SHIFT), NULL);
	if (IS_ERR(page))
		return;
	lock_page(page);
	kaddr = kmap_local_page(page);
	memset(kaddr + (size & (PAGE_SIZE - 1)), 0, PAGE_SIZE - (size_t)(size & (PAGE_SIZE - 1)));
	kunmap_local(kaddr);
	set_page_dirty(page);
	unlock_page(page);
	put_page(page);
}
