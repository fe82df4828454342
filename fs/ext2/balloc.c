/*
 * Block groups and block allocation (Linux's fs/ext2/balloc.c, without the
 * reservation windows).
 *
 * Each group has a block bitmap: bit b set means block
 * first_data_block + group * blocks_per_group + b is in use. A new block
 * is looked for at the goal (the block after the file's last one, so a
 * file written in order is contiguous), then further on in the goal's
 * group, then in the following groups. Every allocation and free moves
 * three counts together: the bitmap, the group descriptor's free count
 * and the superblock's, which is what e2fsck compares.
 */
#include "fs/ext2/ext2.h"

struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb, unsigned long group,
					    struct buffer_head **bh)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long block = group / sbi->s_desc_per_block;
	unsigned long offset = group % sbi->s_desc_per_block;

	if (group >= sbi->s_groups_count) {
		ext2_error(sb, "ext2_get_group_desc",
			   "block_group >= groups_count - block_group = %lu, groups_count = %lu",
			   group, sbi->s_groups_count);
		return NULL;
	}
	if (bh)
		*bh = sbi->s_group_desc[block];
	return (struct ext2_group_desc *)sbi->s_group_desc[block]->b_data + offset;
}

/* Blocks in group (the last group may be short). */
static u32 group_blocks(struct super_block *sb, unsigned long group)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u64 first = sbi->s_es->s_first_data_block + (u64)group * sbi->s_blocks_per_group;

	return (u32)min((u64)sbi->s_blocks_per_group, sbi->s_es->s_blocks_count - first);
}

static u32 group_first_block(struct super_block *sb, unsigned long group)
{
	return EXT2_SB(sb)->s_es->s_first_data_block + (u32)group * EXT2_SB(sb)->s_blocks_per_group;
}

int ext2_check_descriptors(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long i;

	for (i = 0; i < sbi->s_groups_count; i++) {
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, i, NULL);
		u32 first = group_first_block(sb, i);
		u32 last = first + group_blocks(sb, i) - 1;

		if (gdp->bg_block_bitmap < first || gdp->bg_block_bitmap > last) {
			ext2_error(sb, "ext2_check_descriptors",
				   "Block bitmap for group %lu not in group (block %u)!", i,
				   gdp->bg_block_bitmap);
			return -EINVAL;
		}
		if (gdp->bg_inode_bitmap < first || gdp->bg_inode_bitmap > last) {
			ext2_error(sb, "ext2_check_descriptors",
				   "Inode bitmap for group %lu not in group (block %u)!", i,
				   gdp->bg_inode_bitmap);
			return -EINVAL;
		}
		if (gdp->bg_inode_table < first ||
		    gdp->bg_inode_table + sbi->s_itb_per_group - 1 > last) {
			ext2_error(sb, "ext2_check_descriptors",
				   "Inode table for group %lu not in group (block %u)!", i,
				   gdp->bg_inode_table);
			return -EINVAL;
		}
	}
	return 0;
}

bool ext2_data_block_valid(struct super_block *sb, u32 block, unsigned long count)
{
	struct ext2_super_block *es = EXT2_SB(sb)->s_es;

	return block > es->s_first_data_block && count && block + count - 1 >= block &&
	       block + count - 1 < es->s_blocks_count;
}

/* Is block one of group's own bitmaps or inode-table blocks? */
static bool in_system_zone(struct super_block *sb, struct ext2_group_desc *gdp, u32 block)
{
	return block == gdp->bg_block_bitmap || block == gdp->bg_inode_bitmap ||
	       (block >= gdp->bg_inode_table &&
		block < gdp->bg_inode_table + EXT2_SB(sb)->s_itb_per_group);
}

/* Move the free counts of group (descriptor and superblock) by delta. */
static void adjust_free_blocks(struct super_block *sb, unsigned long group, int delta)
{
	struct buffer_head *gd_bh;
	struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, &gd_bh);

	gdp->bg_free_blocks_count = (u16)(gdp->bg_free_blocks_count + delta);
	EXT2_SB(sb)->s_es->s_free_blocks_count += delta;
	mark_buffer_dirty(gd_bh);
	mark_buffer_dirty(EXT2_SB(sb)->s_sbh);
}

int ext2_clear_bitmap_bit(struct super_block *sb, u32 bitmap, u32 bit, const char *function,
			  const char *what, unsigned long nr)
{
	struct buffer_head *bh = sb_bread(sb, bitmap);

	if (!bh)
		return -EIO;
	if (!test_bit_le(bh->b_data, bit)) {
		brelse(bh);
		ext2_error(sb, function, "bit already cleared for %s %lu", what, nr);
		return -ENOENT;
	}
	change_bit_le(bh->b_data, bit, false);
	mark_buffer_dirty(bh);
	brelse(bh);
	return 0;
}

/* Take the first free bit at or after start in group; its block, 0 if none, or -EIO. */
static long alloc_in_group(struct super_block *sb, unsigned long group, u32 start)
{
	struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, NULL);
	u32 n = group_blocks(sb, group), bit;
	struct buffer_head *bh;

	if (!gdp->bg_free_blocks_count)
		return 0;
	bh = sb_bread(sb, gdp->bg_block_bitmap);
	if (!bh)
		return -EIO;
	for (bit = start; bit < n; bit++) {
		u32 block = group_first_block(sb, group) + bit;

		if (test_bit_le(bh->b_data, bit))
			continue;
		change_bit_le(bh->b_data, bit, true);
		mark_buffer_dirty(bh);
		adjust_free_blocks(sb, group, -1);
		if (in_system_zone(sb, gdp, block)) {
			/* marked used now, so it is never handed out again */
			ext2_error(sb, "ext2_new_blocks",
				   "Allocating block in system zone - blocks from %u, length 1",
				   block);
			continue;
		}
		brelse(bh);
		return block;
	}
	brelse(bh);
	return 0;
}

u32 ext2_new_block(struct inode *inode, u32 goal, int *err)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long group, n;
	u32 start;

	if (!sbi->s_es->s_free_blocks_count) {
		*err = -ENOSPC;
		return 0;
	}
	if (goal <= sbi->s_es->s_first_data_block || goal >= sbi->s_es->s_blocks_count)
		goal = group_first_block(sb, EXT2_I(inode)->i_block_group);
	group = (goal - sbi->s_es->s_first_data_block) / sbi->s_blocks_per_group;
	start = (goal - sbi->s_es->s_first_data_block) % sbi->s_blocks_per_group;
	for (n = 0; n <= sbi->s_groups_count; n++) {
		unsigned long g = (group + n) % sbi->s_groups_count;
		long block = alloc_in_group(sb, g, n ? 0 : start);

		if (block < 0) {
			*err = (int)block;
			return 0;
		}
		if (block) {
			inode->i_blocks += sb->s_blocksize >> 9;
			EXT2_I(inode)->i_alloc_goal = (u32)block + 1;
			*err = 0;
			return (u32)block;
		}
	}
	*err = -ENOSPC;
	return 0;
}

void ext2_free_blocks(struct inode *inode, u32 block, unsigned long count)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long i;

	if (!ext2_data_block_valid(sb, block, count)) {
		ext2_error(sb, "ext2_free_blocks",
			   "Freeing blocks not in datazone - block = %u, count = %lu", block,
			   count);
		return;
	}
	for (i = 0; i < count; i++) {
		u32 b = block + (u32)i - sbi->s_es->s_first_data_block;
		unsigned long group = b / sbi->s_blocks_per_group;
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, NULL);
		int err = gdp ? ext2_clear_bitmap_bit(sb, gdp->bg_block_bitmap,
						      b % sbi->s_blocks_per_group,
						      "ext2_free_blocks", "block", block + i)
			      : -EIO;

		if (err == -EIO)
			return;
		if (!err) {
			adjust_free_blocks(sb, group, 1);
			inode->i_blocks -= sb->s_blocksize >> 9;
		}
	}
}

unsigned long ext2_count_free_blocks(struct super_block *sb)
{
	unsigned long i, n = 0;

	for (i = 0; i < EXT2_SB(sb)->s_groups_count; i++)
		n += ext2_get_group_desc(sb, i, NULL)->bg_free_blocks_count;
	return n;
}
