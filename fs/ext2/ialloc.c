/*
 * Inode allocation (Linux's fs/ext2/ialloc.c, simplified).
 *
 * Inode number ino lives in group (ino - 1) / inodes_per_group, bit
 * (ino - 1) % inodes_per_group of that group's inode bitmap. A new
 * directory goes to the group with the most free blocks among those with
 * at least the average number of free inodes (Linux's Orlov allocator
 * spreads directories the same way, with more rules); a new file goes to
 * its directory's group, or the next one with a free inode.
 */
#include "fs/ext2/ext2.h"
#include "kernel/lib/string.h"
#include "mm/slab.h"

/* Move the group's and the superblock's free-inode counts (and used dirs). */
static void adjust_inode_counts(struct super_block *sb, unsigned long group, int delta, bool dir)
{
	struct buffer_head *gd_bh;
	struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, &gd_bh);

	gdp->bg_free_inodes_count = (u16)(gdp->bg_free_inodes_count + delta);
	if (dir)
		gdp->bg_used_dirs_count = (u16)(gdp->bg_used_dirs_count - delta);
	EXT2_SB(sb)->s_es->s_free_inodes_count += delta;
	mark_buffer_dirty(gd_bh);
	mark_buffer_dirty(EXT2_SB(sb)->s_sbh);
}

/* The group for a new directory (see above); -1 if no group has a free inode. */
static long find_group_dir(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long avg = sbi->s_es->s_free_inodes_count / sbi->s_groups_count, g;
	long best = -1;
	u16 best_blocks = 0;

	for (g = 0; g < sbi->s_groups_count; g++) {
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, g, NULL);

		if (!gdp->bg_free_inodes_count || gdp->bg_free_inodes_count < avg)
			continue;
		if (best < 0 || gdp->bg_free_blocks_count > best_blocks) {
			best = (long)g;
			best_blocks = gdp->bg_free_blocks_count;
		}
	}
	return best;
}

/* Take a free inode in group; its number, 0 if none, -EIO. */
static long alloc_in_group(struct super_block *sb, unsigned long group, bool dir)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, NULL);
	struct buffer_head *bh;
	u32 bit;

	if (!gdp->bg_free_inodes_count)
		return 0;
	bh = sb_bread(sb, gdp->bg_inode_bitmap);
	if (!bh)
		return -EIO;
	for (bit = 0; bit < sbi->s_inodes_per_group; bit++) {
		unsigned long ino = group * sbi->s_inodes_per_group + bit + 1;

		if (test_bit_le(bh->b_data, bit) || ino < sbi->s_first_ino)
			continue;
		change_bit_le(bh->b_data, bit, true);
		mark_buffer_dirty(bh);
		brelse(bh);
		adjust_inode_counts(sb, group, -1, dir);
		return (long)ino;
	}
	brelse(bh);
	return 0;
}

/* A free inode number for a new inode of mode in dir; >0 or -errno. */
static long pick_inode(struct inode *dir, umode_t mode)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	long start = S_ISDIR(mode) ? find_group_dir(sb) : (long)EXT2_I(dir)->i_block_group;
	unsigned long n;

	if (!sbi->s_es->s_free_inodes_count || start < 0)
		return -ENOSPC;
	for (n = 0; n < sbi->s_groups_count; n++) {
		long ino = alloc_in_group(sb, ((unsigned long)start + n) % sbi->s_groups_count,
					  S_ISDIR(mode));

		if (ino)
			return ino;
	}
	return -ENOSPC;
}

struct inode *ext2_new_inode(struct inode *dir, umode_t mode)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_inode_info *ei;
	struct inode *inode;
	long ino;
	u32 now = ext2_now();

	if (sb_rdonly(sb))
		return ERR_PTR(-EROFS);
	ei = kzalloc(sizeof(*ei), GFP_KERNEL);
	if (!ei)
		return ERR_PTR(-ENOMEM);
	ino = pick_inode(dir, mode);
	if (ino < 0) {
		kfree(ei);
		return ERR_PTR(ino);
	}
	inode = &ei->vfs_inode;
	inode->mode = mode;
	inode->ino = (unsigned long)ino;
	inode->count = 1;
	inode->nlink = 1;
	inode->i_sb = sb;
	inode->atime = inode->ctime = inode->mtime = now;
	ei->i_block_group = (u32)((ino - 1) / EXT2_SB(sb)->s_inodes_per_group);
	ei->i_new = true;
	list_add(&inode->i_sb_list, &sb->s_inodes);
	ext2_set_inode_ops(inode);
	ext2_init_mapping(inode);
	if (ext2_write_inode(inode)) {
		inode->nlink = 0;
		iput(inode);
		return ERR_PTR(-EIO);
	}
	return inode;
}

void ext2_free_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long group = (inode->ino - 1) / sbi->s_inodes_per_group;
	u32 bit = (u32)((inode->ino - 1) % sbi->s_inodes_per_group);
	struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, NULL);

	if (gdp && !ext2_clear_bitmap_bit(sb, gdp->bg_inode_bitmap, bit, "ext2_free_inode", "inode",
					  inode->ino))
		adjust_inode_counts(sb, group, 1, S_ISDIR(inode->mode));
}

unsigned long ext2_count_free_inodes(struct super_block *sb)
{
	unsigned long i, n = 0;

	for (i = 0; i < EXT2_SB(sb)->s_groups_count; i++)
		n += ext2_get_group_desc(sb, i, NULL)->bg_free_inodes_count;
	return n;
}
