/*
 * ext2 inodes: reading and writing the on-disk inode, the in-memory inode
 * cache, the block map and truncation (Linux's fs/ext2/inode.c).
 *
 * The block map of a file (i_block[15]):
 *
 *   i_block[0..11] ---------------------------> data (file blocks 0..11)
 *   i_block[12] -> [apb pointers] ------------> data (the next apb blocks)
 *   i_block[13] -> [apb] -> [apb] ------------> data (apb^2 blocks)
 *   i_block[14] -> [apb] -> [apb] -> [apb] ---> data (apb^3 blocks)
 *
 * apb = block size / 4. A 0 pointer is a hole (reads as zeros) or a
 * missing map block. Every pointer read from the disk is checked to lie in
 * the data zone; one that does not is an EXT2-fs error and -EIO.
 *
 * In-memory inodes are cached per super_block (s_inodes) so a file has one
 * struct inode (and one page cache) however it is reached. Linux drops
 * unused inodes under memory pressure; Tidemark keeps them until umount
 * or the superblock's shrinker (ext2_free_cached_objects: memory pressure,
 * drop_caches 2), which frees unused ones
 * that are not directories. A directory's parent pointer is not a
 * reference: cached directory inodes live until umount, and an rmdir'ed
 * directory is empty.
 */
#include "fs/ext2/ext2.h"
#include "kernel/lib/string.h"
#include "mm/slab.h"
#include "mm/vmstat.h"

/* Linux's old and new dev_t encodings in i_block[0] / i_block[1]. */
static dev_t decode_dev(const u32 *blocks)
{
	u32 x = blocks[0] ? blocks[0] : blocks[1];

	if (blocks[0])
		return MKDEV((x >> 8) & 0xff, x & 0xff);
	return MKDEV((x & 0xfff00) >> 8, (x & 0xff) | ((x >> 12) & 0xfff00));
}

static void encode_dev(dev_t dev, u32 *blocks)
{
	if (MAJOR(dev) < 256 && MINOR(dev) < 256) {
		blocks[0] = (MAJOR(dev) << 8) | MINOR(dev);
		blocks[1] = 0;
	} else {
		blocks[0] = 0;
		blocks[1] = (MINOR(dev) & 0xff) | (MAJOR(dev) << 8) | ((MINOR(dev) & ~0xffu) << 12);
	}
}

/* The buffer holding the raw inode ino, and the inode in it; NULL on -EIO. */
static struct ext2_inode *get_raw_inode(struct super_block *sb, unsigned long ino,
					struct buffer_head **bh)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long group = (ino - 1) / sbi->s_inodes_per_group;
	unsigned long offset = ((ino - 1) % sbi->s_inodes_per_group) * sbi->s_inode_size;
	struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, NULL);

	if (!gdp)
		return NULL;
	*bh = sb_bread(sb, gdp->bg_inode_table + (offset >> sb->s_blocksize_bits));
	if (!*bh) {
		ext2_error(sb, "ext2_get_inode", "unable to read inode block - inode=%lu", ino);
		return NULL;
	}
	return (struct ext2_inode *)((*bh)->b_data + (offset & (sb->s_blocksize - 1)));
}

/* Fill inode from the raw on-disk inode. */
static void fill_inode(struct inode *inode, const struct ext2_inode *raw)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	inode->mode = raw->i_mode;
	inode->uid = raw->i_uid | ((u32)raw->i_uid_high << 16);
	inode->gid = raw->i_gid | ((u32)raw->i_gid_high << 16);
	inode->nlink = raw->i_links_count;
	inode->size = raw->i_size;
	if (S_ISREG(inode->mode))
		inode->size |= (loff_t)raw->i_size_high << 32;
	inode->atime = raw->i_atime;
	inode->ctime = raw->i_ctime;
	inode->mtime = raw->i_mtime;
	inode->i_blocks = raw->i_blocks;
	ei->i_dtime = raw->i_dtime;
	ei->i_flags = raw->i_flags;
	ei->i_faddr = raw->i_faddr;
	ei->i_file_acl = raw->i_file_acl;
	ei->i_generation = raw->i_generation;
	memcpy(ei->i_data, raw->i_block, sizeof(ei->i_data));
	if (S_ISCHR(inode->mode) || S_ISBLK(inode->mode))
		inode->rdev = decode_dev(raw->i_block);
}

/* An inode's number is one a file may have; logs and returns false if not. */
static bool ino_valid(struct super_block *sb, unsigned long ino)
{
	if ((ino != EXT2_ROOT_INO && ino < EXT2_SB(sb)->s_first_ino) ||
	    ino > EXT2_SB(sb)->s_es->s_inodes_count) {
		ext2_error(sb, "ext2_get_inode", "bad inode number: %lu", ino);
		return false;
	}
	return true;
}

static struct inode *find_cached(struct super_block *sb, unsigned long ino)
{
	struct inode *inode;

	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		if (inode->ino == ino)
			return igrab(inode);
	return NULL;
}

struct inode *ext2_iget(struct super_block *sb, unsigned long ino)
{
	struct inode *inode = find_cached(sb, ino);
	struct ext2_inode_info *ei;
	struct ext2_inode *raw;
	struct buffer_head *bh;

	if (inode)
		return inode;
	if (!ino_valid(sb, ino))
		return ERR_PTR(-EIO);
	raw = get_raw_inode(sb, ino, &bh);
	if (!raw)
		return ERR_PTR(-EIO);
	if (!raw->i_links_count && (!raw->i_mode || raw->i_dtime)) {
		brelse(bh);
		return ERR_PTR(-ESTALE); /* deleted */
	}
	ei = kzalloc(sizeof(*ei), GFP_KERNEL);
	if (!ei) {
		brelse(bh);
		return ERR_PTR(-ENOMEM);
	}
	inode = &ei->vfs_inode;
	inode->ino = ino;
	inode->count = 1;
	inode->i_sb = sb;
	ei->i_block_group = (u32)((ino - 1) / EXT2_SB(sb)->s_inodes_per_group);
	fill_inode(inode, raw);
	brelse(bh);
	list_add(&inode->i_sb_list, &sb->s_inodes);
	ext2_set_inode_ops(inode);
	ext2_init_mapping(inode);
	return inode;
}

/* Copy the size into raw, setting LARGE_FILE when a size needs 64 bits. */
static void put_size(struct inode *inode, struct ext2_inode *raw)
{
	struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);

	raw->i_size = (u32)inode->size;
	raw->i_size_high = S_ISREG(inode->mode) ? (u32)((u64)inode->size >> 32) : 0;
	if (inode->size > 0x7fffffffLL &&
	    !(sbi->s_es->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)) {
		sbi->s_es->s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
		mark_buffer_dirty(sbi->s_sbh);
	}
}

int ext2_write_inode(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct buffer_head *bh;
	struct ext2_inode *raw = get_raw_inode(inode->i_sb, inode->ino, &bh);

	if (!raw)
		return -EIO;
	if (ei->i_new)
		memset(raw, 0, EXT2_SB(inode->i_sb)->s_inode_size);
	raw->i_mode = inode->mode;
	raw->i_uid = (u16)inode->uid;
	raw->i_uid_high = (u16)(inode->uid >> 16);
	raw->i_gid = (u16)inode->gid;
	raw->i_gid_high = (u16)(inode->gid >> 16);
	raw->i_links_count = (u16)inode->nlink;
	put_size(inode, raw);
	raw->i_atime = inode->atime;
	raw->i_ctime = inode->ctime;
	raw->i_mtime = inode->mtime;
	raw->i_dtime = ei->i_dtime;
	raw->i_blocks = (u32)inode->i_blocks;
	raw->i_flags = ei->i_flags;
	raw->i_faddr = ei->i_faddr;
	raw->i_file_acl = ei->i_file_acl;
	raw->i_generation = ei->i_generation;
	memcpy(raw->i_block, ei->i_data, sizeof(raw->i_block));
	if (S_ISCHR(inode->mode) || S_ISBLK(inode->mode))
		encode_dev(inode->rdev, raw->i_block);
	ei->i_new = false;
	mark_buffer_dirty(bh);
	brelse(bh);
	return 0;
}

/* Split iblock into the path through the map (Linux's ext2_block_to_path); depth or 0. */
static int block_to_path(struct inode *inode, u64 iblock, unsigned long offsets[4])
{
	u64 apb = ext2_addr_per_block(inode->i_sb);

	if (iblock < EXT2_NDIR_BLOCKS) {
		offsets[0] = (unsigned long)iblock;
		return 1;
	}
	iblock -= EXT2_NDIR_BLOCKS;
	if (iblock < apb) {
		offsets[0] = EXT2_IND_BLOCK;
		offsets[1] = (unsigned long)iblock;
		return 2;
	}
	iblock -= apb;
	if (iblock < apb * apb) {
		offsets[0] = EXT2_DIND_BLOCK;
		offsets[1] = (unsigned long)(iblock / apb);
		offsets[2] = (unsigned long)(iblock % apb);
		return 3;
	}
	iblock -= apb * apb;
	if (iblock < apb * apb * apb) {
		offsets[0] = EXT2_TIND_BLOCK;
		offsets[1] = (unsigned long)(iblock / (apb * apb));
		offsets[2] = (unsigned long)(iblock / apb % apb);
		offsets[3] = (unsigned long)(iblock % apb);
		return 4;
	}
	return 0;
}

/* A pointer read from the map must be in the data zone; -EIO (logged) if not. */
static int check_ptr(struct inode *inode, u32 block)
{
	if (ext2_data_block_valid(inode->i_sb, block, 1))
		return 0;
	ext2_error(inode->i_sb, "ext2_get_branch", "inode #%lu: block %u out of the data zone",
		   inode->ino, block);
	return -EIO;
}

/* A new block for inode's map or data, zeroed if it is a map block; 0 or -errno. */
static int alloc_block(struct inode *inode, bool map_block, u32 *slot)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	int err;
	u32 block = ext2_new_block(inode, ei->i_alloc_goal, &err);
	struct buffer_head *bh;

	if (!block)
		return err;
	if (map_block) {
		bh = sb_bread(inode->i_sb, block);
		if (!bh) {
			ext2_free_blocks(inode, block, 1);
			return -EIO;
		}
		memset(bh->b_data, 0, bh->b_size);
		mark_buffer_dirty(bh);
		brelse(bh);
	} else {
		clean_bdev_aliases(inode->i_sb, block, 1);
	}
	*slot = block;
	return 0;
}

int ext2_get_block(struct inode *inode, u64 iblock, bool create, u32 *bno, bool *new)
{
	unsigned long offsets[4] = { 0 };
	int depth = block_to_path(inode, iblock, offsets), level, err = 0;
	u32 *slot = &EXT2_I(inode)->i_data[offsets[0]];
	struct buffer_head *bh = NULL; /* holds slot when level > 0 */

	*bno = 0;
	if (new)
		*new = false;
	if (!depth)
		return -EFBIG;
	if (create && sb_rdonly(inode->i_sb))
		return -EROFS;
	for (level = 0; level < depth; level++) {
		struct buffer_head *next;
		bool leaf = level == depth - 1;

		if (!*slot) {
			if (!create)
				goto out;
			err = alloc_block(inode, !leaf, slot);
			if (err)
				goto out;
			if (bh)
				mark_buffer_dirty(bh);
			else
				ext2_write_inode(inode);
			if (leaf && new)
				*new = true;
		}
		err = check_ptr(inode, *slot);
		if (err || leaf)
			break;
		next = sb_bread(inode->i_sb, *slot);
		if (!next) {
			err = -EIO;
			goto out;
		}
		brelse(bh);
		bh = next;
		slot = (u32 *)bh->b_data + offsets[level + 1];
	}
	if (!err)
		*bno = *slot;
out:
	brelse(bh);
	return err;
}

/* Free the blocks (and the trees below them, depth levels deep) in [p, end). */
static void free_branches(struct inode *inode, u32 *p, u32 *end, int depth)
{
	for (; p < end; p++) {
		u32 nr = *p;
		struct buffer_head *bh;

		if (!nr)
			continue;
		*p = 0;
		if (check_ptr(inode, nr))
			continue;
		if (depth > 0) {
			bh = sb_bread(inode->i_sb, nr);
			if (bh) {
				free_branches(inode, (u32 *)bh->b_data,
					      (u32 *)bh->b_data + ext2_addr_per_block(inode->i_sb),
					      depth - 1);
				brelse(bh);
			}
		}
		ext2_free_blocks(inode, nr, 1);
	}
}

/* In the tree at *slot (depth levels of map), free file blocks from first on. */
static void trunc_tree(struct inode *inode, u32 *slot, int depth, u64 first)
{
	u64 apb = ext2_addr_per_block(inode->i_sb), span = 1;
	struct buffer_head *bh;
	u32 *map;
	int i;

	if (!first) {
		free_branches(inode, slot, slot + 1, depth);
		return;
	}
	if (!depth || !*slot || check_ptr(inode, *slot))
		return;
	for (i = 1; i < depth; i++)
		span *= apb;
	bh = sb_bread(inode->i_sb, *slot);
	if (!bh)
		return;
	map = (u32 *)bh->b_data;
	trunc_tree(inode, &map[first / span], depth - 1, first % span);
	free_branches(inode, &map[first / span + 1], &map[apb], depth - 1);
	mark_buffer_dirty(bh);
	brelse(bh);
}

int ext2_truncate_blocks(struct inode *inode, loff_t size)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	u64 apb = ext2_addr_per_block(inode->i_sb);
	u64 first = DIV_ROUND_UP((u64)size, inode->i_sb->s_blocksize), start = EXT2_NDIR_BLOCKS;
	u64 span = 1;
	int level;

	if (sb_rdonly(inode->i_sb))
		return -EROFS;
	if (first < EXT2_NDIR_BLOCKS)
		free_branches(inode, &ei->i_data[first], &ei->i_data[EXT2_NDIR_BLOCKS], 0);
	for (level = 1; level <= 3; level++) {
		u32 *slot = &ei->i_data[EXT2_NDIR_BLOCKS + level - 1];

		span *= apb;
		if (first <= start)
			free_branches(inode, slot, slot + 1, level);
		else if (first < start + span)
			trunc_tree(inode, slot, level, first - start);
		start += span;
	}
	inode->size = size;
	inode->mtime = inode->ctime = ext2_now();
	ei->i_alloc_goal = 0;
	return ext2_write_inode(inode);
}

bool ext2_is_fast_symlink(struct inode *inode)
{
	u64 ea_blocks = EXT2_I(inode)->i_file_acl ? inode->i_sb->s_blocksize >> 9 : 0;

	return S_ISLNK(inode->mode) && inode->i_blocks == ea_blocks;
}

/* Free the in-memory inode (the on-disk one is the caller's business). */
static void destroy_inode(struct inode *inode)
{
	ext2_release_mapping(inode);
	list_del(&inode->i_sb_list);
	kfree(EXT2_I(inode));
}

void ext2_evict_inode(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	if (!inode->nlink && !sb_rdonly(inode->i_sb)) {
		ext2_truncate_pagecache(inode, 0);
		ei->i_dtime = ext2_now();
		if (!ext2_is_fast_symlink(inode) && !S_ISCHR(inode->mode) && !S_ISBLK(inode->mode))
			ext2_truncate_blocks(inode, 0);
		ext2_xattr_delete_inode(inode);
		inode->size = 0;
		ext2_write_inode(inode);
		ext2_free_inode(inode);
	}
	destroy_inode(inode);
}

/*
 * Is inode unused: no reference, still linked, not a directory (children
 * point to it), not the root, no dirty page? The shrinker's count; the
 * scan also asks ext2_mapping_can_go (no page locked, under writeback or
 * mapped), which walks the pages. Everything else of an ext2 inode is on
 * disk already: every change writes it.
 */
static bool inode_unused(struct super_block *sb, struct inode *inode)
{
	return !inode->count && inode->nlink && !S_ISDIR(inode->mode) && inode != sb->s_root &&
	       !(inode->i_mapping && inode->i_mapping->nrdirty);
}

/* Unused inodes, without walking their pages (reclaim counts at every pass). */
long ext2_nr_cached_objects(struct super_block *sb, struct shrink_control *sc)
{
	struct inode *inode;
	long n = 0;

	(void)sc;
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		n += inode_unused(sb, inode);
	return n;
}

/*
 * The superblock shrinker's work (reclaim, drop_caches 2): look at up to
 * sc->nr_to_scan unused inodes, oldest first (Linux's prune_icache_sb
 * walks the inode LRU), and free those whose pages are idle. Their clean pages go with them,
 * counted in pginodesteal. Returns how many inodes were freed.
 */
long ext2_free_cached_objects(struct super_block *sb, struct shrink_control *sc)
{
	struct inode *inode, *next;
	unsigned long left = sc->nr_to_scan;
	long freed = 0;

	list_for_each_entry_safe(inode, next, &sb->s_inodes, i_sb_list) {
		if (!inode_unused(sb, inode))
			continue;
		if (!left--)
			break;
		if (!ext2_mapping_can_go(inode))
			continue;
		if (inode->i_mapping)
			count_vm_events(PGINODESTEAL, inode->i_mapping->nrpages);
		destroy_inode(inode);
		freed++;
	}
	return freed;
}

int ext2_forget_inodes(struct super_block *sb)
{
	struct inode *inode, *next;

	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		if (inode->count > (inode == sb->s_root ? 1 : 0))
			return -EBUSY;
	list_for_each_entry_safe(inode, next, &sb->s_inodes, i_sb_list)
		destroy_inode(inode);
	return 0;
}

u64 ext2_max_size(struct super_block *sb)
{
	u64 apb = ext2_addr_per_block(sb);
	u64 blocks = EXT2_NDIR_BLOCKS + apb + apb * apb + apb * apb * apb;
	u64 sector_cap = (((1ULL << 32) - 1) >> (sb->s_blocksize_bits - 9)) - 1 - apb - apb * apb;

	return min(blocks, sector_cap) << sb->s_blocksize_bits; /* i_blocks is 32 bits */
}
