/*
 * Extended attributes, the part a delete needs (Linux's
 * fs/ext2/xattr.c:ext2_xattr_delete_inode).
 *
 * An inode's attributes that do not fit elsewhere live in one block
 * (i_file_acl) that starts with this header; inodes with the same
 * attributes share the block and h_refcount counts them:
 *
 *   +------------------------------------------------------------+
 *   | h_magic 0xEA020000 | h_refcount | h_blocks (1) | h_hash ... |
 *   | entries (name index, name, value offset) ->  <- values     |
 *   +------------------------------------------------------------+
 *
 * Tidemark neither reads nor sets attributes (no getxattr/setxattr);
 * images made by mke2fs -d from host files that carry them have such
 * blocks. Deleting the inode drops its share: the block is freed when it
 * was the last one, else h_refcount goes down by one. Linux also keeps a
 * cache of blocks by hash (mb_cache) to share new ones; nothing here
 * makes new ones.
 */
#include "fs/ext2/ext2.h"

#define EXT2_XATTR_MAGIC 0xEA020000

/* The xattr block's header (Linux's struct ext2_xattr_header), 32 bytes. */
struct ext2_xattr_header {
	u32 h_magic;	/* EXT2_XATTR_MAGIC */
	u32 h_refcount; /* inodes that share the block */
	u32 h_blocks;	/* always 1 */
	u32 h_hash;	/* of all the attributes */
	u32 h_reserved[4];
};

/*
 * The inode is being deleted (nlink 0, the file system writable): let go
 * of its attribute block. A block outside the data zone, unreadable, or
 * without the xattr header is an ext2_error with Linux's words, and the
 * block is left as it is. Clears i_file_acl; the caller writes the inode.
 */
void ext2_xattr_delete_inode(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct buffer_head *bh;
	struct ext2_xattr_header *hdr;

	if (!ei->i_file_acl)
		return;
	if (!ext2_data_block_valid(inode->i_sb, ei->i_file_acl, 1)) {
		ext2_error(inode->i_sb, "ext2_xattr_delete_inode",
			   "inode %lu: xattr block %u is out of data blocks range", inode->ino,
			   ei->i_file_acl);
		return;
	}
	bh = sb_bread(inode->i_sb, ei->i_file_acl);
	if (!bh) {
		ext2_error(inode->i_sb, "ext2_xattr_delete_inode", "inode %lu: block %u read error",
			   inode->ino, ei->i_file_acl);
		return;
	}
	hdr = (struct ext2_xattr_header *)bh->b_data;
	if (hdr->h_magic != EXT2_XATTR_MAGIC || hdr->h_blocks != 1) {
		ext2_error(inode->i_sb, "ext2_xattr_delete_inode", "inode %lu: bad block %u",
			   inode->ino, ei->i_file_acl);
	} else if (hdr->h_refcount == 1) {
		ext2_free_blocks(inode, ei->i_file_acl, 1);
		ei->i_file_acl = 0;
	} else {
		hdr->h_refcount--;
		mark_buffer_dirty(bh);
		inode->i_blocks -= inode->i_sb->s_blocksize >> 9; /* its share is gone */
		ei->i_file_acl = 0;
	}
	brelse(bh);
}
