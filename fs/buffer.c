/*
 * Buffers: a mounted file system's metadata blocks, cached in the pages of
 * the block device's own address_space (see fs/buffer_head.h). Block b of
 * size bs is at byte b * bs of the disk: page (b * bs) / PAGE_SIZE of the
 * mapping, at offset (b * bs) % PAGE_SIZE. A page is read whole, dirtied
 * whole and written whole; blocks smaller than a page share one. These
 * pages are "Buffers" in /proc/meminfo, in low memory so b_data can point
 * into them.
 *
 * With blocks of a page, file data goes straight between the file's pages
 * and the disk, so a block that held metadata and now holds file data
 * must lose its dirty copy here (clean_bdev_aliases). With smaller blocks
 * the file system moves file data through these buffers too (fs/ext2/file.c),
 * so there is only one copy of any block.
 */
#include "fs/buffer_head.h"
#include "drivers/blkdev.h"
#include "mm/highmem.h"
#include "mm/lru.h"
#include "mm/pagemap.h"
#include "mm/slab.h"

static int blkdev_readpage(struct file *file, struct page *page)
{
	struct block_device *bdev = page_mapping(page)->bdev;
	int err = bdev_read_page(bdev, (sector_t)page->index * PAGE_SECTORS, page);

	(void)file;
	if (!err)
		SetPageUptodate(page);
	unlock_page(page);
	return 0;
}

static int blkdev_writepages(struct address_space *mapping, struct page **pages, unsigned int nr)
{
	return bdev_rw_pages(mapping->bdev, REQ_OP_WRITE, (sector_t)pages[0]->index * PAGE_SECTORS,
			     pages, nr, 0);
}

static int blkdev_writepage(struct page *page)
{
	return blkdev_writepages(page_mapping(page), &page, 1);
}

static const struct address_space_operations def_blk_aops = {
	.readpage = blkdev_readpage,
	.writepage = blkdev_writepage,
	.writepages = blkdev_writepages,
};

/* The block device's cache, set up at first use. */
struct address_space *bdev_mapping(struct block_device *bdev)
{
	if (!bdev->bd_mapping_ready) {
		address_space_init(&bdev->bd_mapping, NULL, &def_blk_aops, bdev, true);
		bdev->bd_mapping_ready = true;
	}
	return &bdev->bd_mapping;
}

struct buffer_head *sb_bread(struct super_block *sb, u64 block)
{
	u64 pos = block << sb->s_blocksize_bits;
	struct block_device *bdev = sb->s_bdev;
	struct buffer_head *bh;
	struct page *page;

	if (pos + sb->s_blocksize > (bdev->nr_sects << SECTOR_SHIFT)) {
		pr_err("attempt to access beyond end of device\n%s: rw=0, want=%llu, limit=%llu\n",
		       bdev->name, (unsigned long long)((pos + sb->s_blocksize) >> SECTOR_SHIFT),
		       (unsigned long long)bdev->nr_sects);
		return NULL;
	}
	bh = kmalloc(sizeof(*bh), GFP_KERNEL);
	if (!bh)
		return NULL;
	page = read_mapping_page(bdev_mapping(bdev), (unsigned long)(pos >> PAGE_SHIFT), NULL);
	if (IS_ERR(page)) {
		kfree(bh);
		return NULL;
	}
	bh->b_blocknr = block;
	bh->b_size = sb->s_blocksize;
	bh->b_page = page;
	bh->b_data = (char *)page_address(page) + (pos & (PAGE_SIZE - 1));
	bh->b_private = NULL;
	return bh;
}

void brelse(struct buffer_head *bh)
{
	if (!bh)
		return;
	put_page(bh->b_page);
	kfree(bh);
}

void mark_buffer_dirty(struct buffer_head *bh)
{
	set_page_dirty(bh->b_page);
}

void clean_bdev_aliases(struct super_block *sb, u64 block, unsigned long count)
{
	struct address_space *mapping = bdev_mapping(sb->s_bdev);
	unsigned long i;

	if (sb->s_blocksize != PAGE_SIZE)
		return; /* smaller blocks: file data goes through these buffers too */
	for (i = 0; i < count; i++) {
		struct page *page = find_get_page(mapping, (unsigned long)(block + i));

		if (!page)
			continue;
		wait_on_page_writeback(page);
		lock_page(page);
		if (page->mapping == mapping)
			delete_from_page_cache(page); /* dirty or not: the copy is stale now */
		unlock_page(page);
		put_page(page);
	}
}
