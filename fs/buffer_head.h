/*
 * Metadata blocks of a mounted file system (Linux's buffer heads, reduced).
 *
 * A file system reads its superblock, bitmaps, inode tables, indirect
 * blocks and directories one block at a time with sb_bread, changes them
 * in place, calls mark_buffer_dirty and lets go with brelse. In the kernel
 * (fs/buffer.c) the blocks live in the pages of the block device's own
 * address_space, so they are "Buffers" in /proc/meminfo and are written
 * back with the rest of the page cache; a page remembers which of its
 * blocks are dirty, so only those go back to the disk. The host unit tests
 * supply the same four functions over an image file.
 *
 * Linux keeps a buffer_head attached to its page for as long as the page
 * is cached; here a buffer_head lives from sb_bread to brelse only, and the
 * page (held by a reference) is the cache.
 */
#ifndef FS_BUFFER_HEAD_H
#define FS_BUFFER_HEAD_H

#include "kernel/types.h"

struct super_block;
struct page;

struct buffer_head {
	u64 b_blocknr;	     /* block number in the file system's block size */
	size_t b_size;	     /* the block size */
	char *b_data;	     /* the block's bytes (in a low-memory page in the kernel) */
	struct page *b_page; /* the block device page holding it (kernel) */
	void *b_private;     /* the host tests' own */
};

/*
 * Block number block of sb, read from the disk unless cached. Returns the
 * buffer, or NULL on an I/O error or a block past the end of the device
 * (logged by the block layer). The caller must brelse it.
 */
struct buffer_head *sb_bread(struct super_block *sb, u64 block);
/* Let go of bh (NULL-safe). Its page stays cached. */
void brelse(struct buffer_head *bh);
/* The block's contents changed: write it back later (sync, the flusher, umount). */
void mark_buffer_dirty(struct buffer_head *bh);
/*
 * The blocks [block, block + count) now hold file data written through the
 * file's own pages: forget any dirty metadata copy of them in the block
 * device's cache so an old copy never overwrites the data (Linux's
 * clean_bdev_aliases).
 */
void clean_bdev_aliases(struct super_block *sb, u64 block, unsigned long count);

#endif
