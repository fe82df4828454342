/*
 * ext2 in memory (Linux's fs/ext2/ext2.h, the in-memory half).
 *
 * The on-disk code (super.c, balloc.c, ialloc.c, inode.c, dir.c, namei.c,
 * symlink.c) reaches the disk only through fs/buffer_head.h, so the host
 * unit tests build it unchanged against images made by mke2fs. file.c is
 * the kernel's half: regular files through the page cache.
 *
 * Every change to an on-disk inode is copied into its inode-table buffer
 * at once (ext2_write_inode), so metadata reaches the disk with the
 * buffers; Linux keeps dirty inodes on a list and copies them at
 * writeback instead.
 */
#ifndef FS_EXT2_EXT2_H
#define FS_EXT2_EXT2_H

#include "fs/buffer_head.h"
#include "fs/ext2/ext2_fs.h"
#include "fs/fs.h"

struct ext2_sb_info {
	struct ext2_super_block *s_es; /* points into s_sbh */
	struct buffer_head *s_sbh;
	struct buffer_head **s_group_desc; /* the descriptor blocks, held */
	unsigned long s_groups_count;
	unsigned long s_gdb_count; /* descriptor blocks */
	unsigned long s_desc_per_block;
	unsigned long s_inodes_per_block;
	unsigned long s_itb_per_group; /* inode-table blocks per group */
	u32 s_blocks_per_group;
	u32 s_inodes_per_group;
	u32 s_first_ino;
	unsigned int s_inode_size;
	unsigned int s_addr_per_block_bits;
	unsigned short s_mount_state; /* s_state at mount time */
	unsigned short s_errors;      /* EXT2_ERRORS_* in force (errors=) */
	bool s_filetype;	      /* INCOMPAT_FILETYPE: directory entries carry the type */
};

struct ext2_inode_info {
	u32 i_data[EXT2_N_BLOCKS];
	u32 i_flags;
	u32 i_faddr;
	u32 i_file_acl;
	u32 i_dtime;
	u32 i_generation;
	u32 i_block_group; /* the group holding the inode */
	u32 i_alloc_goal;  /* where the next block should go (after the last one) */
	bool i_new;	   /* never written: clear the whole on-disk inode */
	struct address_space i_mapping_data; /* regular files: the page cache (kernel) */
	struct inode vfs_inode;
};

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return container_of(inode, struct ext2_inode_info, vfs_inode);
}

static inline unsigned long ext2_addr_per_block(struct super_block *sb)
{
	return sb->s_blocksize / sizeof(u32);
}

/* Bitmaps on disk: bit b is bit (b % 8) of byte b / 8. */
static inline bool test_bit_le(const char *map, unsigned long bit)
{
	return map[bit >> 3] & (1 << (bit & 7));
}

static inline void change_bit_le(char *map, unsigned long bit, bool set)
{
	if (set)
		map[bit >> 3] |= (char)(1 << (bit & 7));
	else
		map[bit >> 3] &= (char)~(1 << (bit & 7));
}

/* ---- super.c -------------------------------------------------------------- */

/*
 * Read and check the superblock of the disk behind sb (s_bdev, s_id set by
 * the caller; the disk holds dev_bytes) and fill sb. data: mount options ("ro", "errors=..."), may
 * be NULL. Logs Linux's EXT2-fs lines; 0, -EINVAL (not ext2 or corrupt), -EIO, -ENOMEM.
 */
int ext2_fill_super(struct super_block *sb, u64 dev_bytes, const char *data, int silent);
/* An error in the file system: log it, mark the superblock, follow errors=. */
void ext2_error(struct super_block *sb, const char *function, const char *fmt, ...) __printf(3, 4);
/* "EXT2-fs (sda): ..." at level prefix (KERN_ERR ...). */
void ext2_msg(struct super_block *sb, const char *prefix, const char *fmt, ...) __printf(3, 4);
/* Copy the counts into the superblock buffer and mark it dirty. */
void ext2_sync_super(struct super_block *sb);
u32 ext2_now(void); /* seconds, for the inode times */
extern const struct super_operations ext2_sops;

/* ---- balloc.c ------------------------------------------------------------ */

struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb, unsigned long group,
					    struct buffer_head **bh);
/* A free block near goal for inode, marked used and counted; 0 and *err set on failure. */
u32 ext2_new_block(struct inode *inode, u32 goal, int *err);
/* Give count blocks from block back (bad ranges are logged and skipped). */
void ext2_free_blocks(struct inode *inode, u32 block, unsigned long count);
/* Is [block, block + count) inside the data zone of the file system? */
bool ext2_data_block_valid(struct super_block *sb, u32 block, unsigned long count);
unsigned long ext2_count_free_blocks(struct super_block *sb);
/*
 * Clear bit of the bitmap in block bitmap (a group's block or inode bitmap)
 * and mark the buffer dirty, for ext2_free_blocks and ext2_free_inode: 0,
 * -EIO if the bitmap cannot be read, or -ENOENT if the bit was clear already,
 * logged for function as Linux logs it ("bit already cleared for block 1234").
 */
int ext2_clear_bitmap_bit(struct super_block *sb, u32 bitmap, u32 bit, const char *function,
			  const char *what, unsigned long nr);
int ext2_check_descriptors(struct super_block *sb);

/* ---- ialloc.c ------------------------------------------------------------ */

/* A new inode of mode in a group near dir's, in memory and on disk; ERR_PTR on failure. */
struct inode *ext2_new_inode(struct inode *dir, umode_t mode);
void ext2_free_inode(struct inode *inode);
unsigned long ext2_count_free_inodes(struct super_block *sb);

/* ---- inode.c ------------------------------------------------------------- */

/* Inode ino of sb, referenced (cached in memory while anything uses it); ERR_PTR. */
struct inode *ext2_iget(struct super_block *sb, unsigned long ino);
/* Copy inode into its on-disk slot (buffer marked dirty); 0 or -EIO. */
int ext2_write_inode(struct inode *inode);
/*
 * The disk block holding file block iblock of inode, in *bno (0: a hole).
 * With create, a hole gets a new block (and the map blocks it needs);
 * *new says the block is fresh (its old contents are garbage). 0, -EIO
 * (a block number outside the file system: logged), -ENOSPC, -EFBIG.
 */
int ext2_get_block(struct inode *inode, u64 iblock, bool create, u32 *bno, bool *new);
/* Free every block past size bytes (the page cache is the caller's); 0 or -errno. */
int ext2_truncate_blocks(struct inode *inode, loff_t size);
void ext2_evict_inode(struct inode *inode);
/* Drop every cached inode of sb (umount); -EBUSY if one is still in use. */
int ext2_forget_inodes(struct super_block *sb);
/* super_operations nr_cached_objects / free_cached_objects: unused inodes (fs/fs.h). */
long ext2_nr_cached_objects(struct super_block *sb, struct shrink_control *sc);
long ext2_free_cached_objects(struct super_block *sb, struct shrink_control *sc);
/* May inode's page cache go with it: nothing dirty, locked or being written? */
bool ext2_mapping_can_go(struct inode *inode);
void ext2_set_inode_ops(struct inode *inode);
/* Is inode a symbolic link kept in i_block (no data block)? */
bool ext2_is_fast_symlink(struct inode *inode);
u64 ext2_max_size(struct super_block *sb);

/* ---- dir.c --------------------------------------------------------------- */

/* The inode number name has in dir: >0, 0 if none, or -errno. */
long ext2_inode_by_name(struct inode *dir, const char *name, size_t len);
int ext2_add_link(struct inode *dir, const char *name, size_t len, struct inode *inode);
int ext2_delete_entry(struct inode *dir, const char *name, size_t len);
/* Point the entry name in dir at inode instead (rename over a name, ".."). */
int ext2_set_link(struct inode *dir, const char *name, size_t len, struct inode *inode);
/* The first block of a new directory: "." and "..". */
int ext2_make_empty(struct inode *inode, struct inode *parent);
/* 1 if dir holds only "." and "..", 0 if not, -errno. */
int ext2_empty_dir(struct inode *dir);
int ext2_readdir(struct file *file, struct dir_context *ctx);
extern const struct file_operations ext2_dir_operations;

/* ---- namei.c, symlink.c -------------------------------------------------- */

extern const struct inode_operations ext2_dir_inode_operations;
extern const struct inode_operations ext2_file_inode_operations;
extern const struct inode_operations ext2_symlink_inode_operations;
int ext2_symlink_write(struct inode *inode, const char *target, size_t len);

/* ---- xattr.c ---------------------------------------------------------------- */

/* A deleted inode lets go of its extended-attribute block (freed at its last user). */
void ext2_xattr_delete_inode(struct inode *inode);

/* ---- file.c (kernel) / the host tests --------------------------------------- */

extern const struct file_operations ext2_file_operations;
extern const struct address_space_operations ext2_aops;
/* Give inode its page cache (kernel); the host tests keep none. */
void ext2_init_mapping(struct inode *inode);
/* Drop the cached pages of inode from byte size on, zeroing the partial last one. */
void ext2_truncate_pagecache(struct inode *inode, loff_t size);
/* Free the page cache of an inode that is going away. */
void ext2_release_mapping(struct inode *inode);

#endif
