/*
 * What fs/ext2's on-disk code needs, for the host: buffers over an image
 * file (fs/buffer_head.h), a clock, and file data through the same
 * buffers instead of the page cache (host_file_read / host_file_write).
 * Every block is cached in memory from the first read until host_umount
 * (or host_sync) writes the dirty ones back with pwrite.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/unit/ext2_host.h"
#include "tests/unit/ext2_hostio.h"

struct hblock {
	char *data;
	bool dirty;
};

struct host_disk {
	int fd;
	u64 bytes;
	unsigned int bs; /* block size the cache is in */
	u64 nblocks;
	struct hblock *blocks;
};

const struct file_operations ext2_file_operations;
const struct address_space_operations ext2_aops;

u32 ext2_now(void)
{
	return 1700000000u;
}

void ext2_init_mapping(struct inode *inode)
{
	(void)inode;
}

bool ext2_mapping_can_go(struct inode *inode)
{
	(void)inode;
	return true; /* no page cache on the host */
}

void ext2_release_mapping(struct inode *inode)
{
	(void)inode;
}

void clean_bdev_aliases(struct super_block *sb, u64 block, unsigned long count)
{
	(void)sb, (void)block, (void)count; /* data goes through the same buffers here */
}

static struct host_disk *disk_of(struct super_block *sb)
{
	return (struct host_disk *)sb->s_bdev;
}

/* Write every dirty block back, and drop them all if forget. */
static void flush_blocks(struct host_disk *d, bool forget)
{
	u64 i;

	for (i = 0; i < d->nblocks; i++) {
		struct hblock *b = &d->blocks[i];

		if (b->data && b->dirty) {
			if (pwrite(d->fd, b->data, d->bs, (off_t)(i * d->bs)) != (ssize_t)d->bs)
				abort();
			b->dirty = false;
		}
		if (forget) {
			free(b->data);
			b->data = NULL;
		}
	}
	if (forget) {
		free(d->blocks);
		d->blocks = NULL;
		d->nblocks = 0;
	}
}

struct buffer_head *sb_bread(struct super_block *sb, u64 block)
{
	struct host_disk *d = disk_of(sb);
	struct buffer_head *bh;

	if (d->bs != sb->s_blocksize) {
		flush_blocks(d, true);
		d->bs = sb->s_blocksize;
	}
	if ((block + 1) * d->bs > d->bytes)
		return NULL;
	if (!d->blocks) {
		d->nblocks = d->bytes / d->bs;
		d->blocks = calloc(d->nblocks, sizeof(*d->blocks));
	}
	if (!d->blocks[block].data) {
		d->blocks[block].data = malloc(d->bs);
		if (pread(d->fd, d->blocks[block].data, d->bs, (off_t)(block * d->bs)) !=
		    (ssize_t)d->bs)
			abort();
	}
	bh = calloc(1, sizeof(*bh));
	bh->b_blocknr = block;
	bh->b_size = d->bs;
	bh->b_data = d->blocks[block].data;
	bh->b_private = &d->blocks[block];
	return bh;
}

void brelse(struct buffer_head *bh)
{
	free(bh);
}

void mark_buffer_dirty(struct buffer_head *bh)
{
	((struct hblock *)bh->b_private)->dirty = true;
}

/* Zero the bytes of the block holding size from size on (the page cache's job in the kernel). */
void ext2_truncate_pagecache(struct inode *inode, loff_t size)
{
	unsigned int bs = inode->i_sb->s_blocksize;
	struct buffer_head *bh;
	u32 bno;

	if (!(size % bs) || size >= inode->size)
		return;
	if (ext2_get_block(inode, (u64)size / bs, false, &bno, NULL) || !bno)
		return;
	bh = sb_bread(inode->i_sb, bno);
	memset(bh->b_data + size % bs, 0, bs - size % bs);
	mark_buffer_dirty(bh);
	brelse(bh);
}

struct super_block *host_mount(const char *image, const char *opts, int *err)
{
	struct super_block *sb = calloc(1, sizeof(*sb));
	struct host_disk *d = calloc(1, sizeof(*d));

	d->fd = hio_open_rw(image);
	if (d->fd < 0)
		abort();
	d->bytes = (u64)lseek(d->fd, 0, SEEK_END);
	sb->s_bdev = (struct block_device *)d;
	strcpy(sb->s_id, "sda");
	*err = ext2_fill_super(sb, d->bytes, opts, 0);
	if (*err) {
		flush_blocks(d, true);
		close(d->fd);
		free(d);
		free(sb);
		return NULL;
	}
	return sb;
}

void host_sync(struct super_block *sb)
{
	sb->s_op->sync_fs(sb, 1);
	flush_blocks(disk_of(sb), false);
}

int host_umount(struct super_block *sb)
{
	struct host_disk *d = disk_of(sb);
	struct inode *root = sb->s_root;

	iput(root);
	root->count++; /* ext2_forget_inodes expects the mount's reference */
	if (ext2_forget_inodes(sb)) {
		root->count--;
		return -EBUSY;
	}
	sb->s_op->put_super(sb);
	flush_blocks(d, true);
	close(d->fd);
	free(d);
	free(sb);
	return 0;
}

ssize_t host_file_write(struct inode *inode, loff_t pos, const void *buf, size_t len)
{
	unsigned int bs = inode->i_sb->s_blocksize;
	size_t done = 0;

	while (done < len) {
		size_t off = (size_t)((pos + done) % bs),
		       n = len - done < bs - off ? len - done : bs - off;
		struct buffer_head *bh;
		bool new;
		u32 bno;
		int err = ext2_get_block(inode, (u64)(pos + done) / bs, true, &bno, &new);

		if (err)
			return done ? (ssize_t)done : err;
		bh = sb_bread(inode->i_sb, bno);
		if (new)
			memset(bh->b_data, 0, bs);
		memcpy(bh->b_data + off, (const char *)buf + done, n);
		mark_buffer_dirty(bh);
		brelse(bh);
		done += n;
		if (pos + (loff_t)done > inode->size)
			inode->size = pos + (loff_t)done;
	}
	inode->mtime = inode->ctime = ext2_now();
	ext2_write_inode(inode);
	return (ssize_t)done;
}

ssize_t host_file_read(struct inode *inode, loff_t pos, void *buf, size_t len)
{
	unsigned int bs = inode->i_sb->s_blocksize;
	size_t done = 0;

	if (pos >= inode->size)
		return 0;
	if ((loff_t)len > inode->size - pos)
		len = (size_t)(inode->size - pos);
	while (done < len) {
		size_t off = (size_t)((pos + done) % bs),
		       n = len - done < bs - off ? len - done : bs - off;
		u32 bno;
		int err = ext2_get_block(inode, (u64)(pos + done) / bs, false, &bno, NULL);

		if (err)
			return err;
		if (bno) {
			struct buffer_head *bh = sb_bread(inode->i_sb, bno);

			if (!bh)
				return -EIO;
			memcpy((char *)buf + done, bh->b_data + off, n);
			brelse(bh);
		} else {
			memset((char *)buf + done, 0, n);
		}
		done += n;
	}
	return (ssize_t)done;
}
