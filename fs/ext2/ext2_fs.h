/*
 * The ext2 on-disk format, revision 1 (Linux's fs/ext2/ext2.h, the part
 * that describes the disk). Everything on disk is little-endian, which is
 * also the CPU's order on i386 and on the host tests' x86-64, so the
 * structures are read in place.
 *
 *   block 0 (1 KiB blocks) / byte 1024 of block 0 (larger blocks): superblock
 *   then the group descriptor table, then per group:
 *
 *   | [sb copy + gdt copy] | block bitmap | inode bitmap | inode table | data ... |
 *     (sparse_super: copies only in groups 0, 1 and powers of 3, 5, 7)
 *
 * An inode's i_block[15] maps file blocks: 12 direct, then one single,
 * one double and one triple indirect block (each a block of u32 block
 * numbers). Block 0 in a map is a hole. A directory is a file of records
 * (inode, rec_len, name_len, file_type, name) that tile each block.
 */
#ifndef FS_EXT2_EXT2_FS_H
#define FS_EXT2_EXT2_FS_H

#include "kernel/types.h"

#define EXT2_SUPER_MAGIC 0xEF53
#define EXT2_SB_OFFSET 1024 /* the superblock's byte offset on the disk */
#define EXT2_MIN_BLOCK_LOG_SIZE 10
#define EXT2_MAX_BLOCK_LOG_SIZE 16
#define EXT2_ROOT_INO 2
#define EXT2_GOOD_OLD_FIRST_INO 11
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_REV 0
#define EXT2_DYNAMIC_REV 1
#define EXT2_LINK_MAX 32000

#define EXT2_NDIR_BLOCKS 12
#define EXT2_IND_BLOCK 12
#define EXT2_DIND_BLOCK 13
#define EXT2_TIND_BLOCK 14
#define EXT2_N_BLOCKS 15

/* s_state */
#define EXT2_VALID_FS 0x0001 /* unmounted cleanly */
#define EXT2_ERROR_FS 0x0002 /* errors detected */

/* s_errors: what to do when an error is found (errors= mount option) */
#define EXT2_ERRORS_CONTINUE 1
#define EXT2_ERRORS_RO 2
#define EXT2_ERRORS_PANIC 3

/* Feature bits. Linux's ext2 supports the _SUPP sets; see fs/ext2/super.c. */
#define EXT2_FEATURE_COMPAT_EXT_ATTR 0x0008
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE 0x0002
#define EXT2_FEATURE_RO_COMPAT_BTREE_DIR 0x0004
#define EXT2_FEATURE_INCOMPAT_FILETYPE 0x0002
#define EXT2_FEATURE_INCOMPAT_META_BG 0x0010

/* Linux's ext2 knows these two (meta_bg: super.c's descriptor_loc). */
#define EXT2_FEATURE_INCOMPAT_SUPP (EXT2_FEATURE_INCOMPAT_FILETYPE | EXT2_FEATURE_INCOMPAT_META_BG)
#define EXT2_FEATURE_RO_COMPAT_SUPP                                                                \
	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE |                 \
	 EXT2_FEATURE_RO_COMPAT_BTREE_DIR)

struct ext2_super_block {
	u32 s_inodes_count;
	u32 s_blocks_count;
	u32 s_r_blocks_count; /* reserved for root */
	u32 s_free_blocks_count;
	u32 s_free_inodes_count;
	u32 s_first_data_block; /* 1 with 1 KiB blocks, else 0 */
	u32 s_log_block_size;	/* block size = 1024 << this */
	u32 s_log_frag_size;
	u32 s_blocks_per_group;
	u32 s_frags_per_group;
	u32 s_inodes_per_group;
	u32 s_mtime; /* last mount */
	u32 s_wtime; /* last write */
	u16 s_mnt_count;
	s16 s_max_mnt_count;
	u16 s_magic;
	u16 s_state;
	u16 s_errors;
	u16 s_minor_rev_level;
	u32 s_lastcheck;
	u32 s_checkinterval;
	u32 s_creator_os;
	u32 s_rev_level;
	u16 s_def_resuid;
	u16 s_def_resgid;
	/* EXT2_DYNAMIC_REV */
	u32 s_first_ino;
	u16 s_inode_size;
	u16 s_block_group_nr;
	u32 s_feature_compat;
	u32 s_feature_incompat;
	u32 s_feature_ro_compat;
	u8 s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	u32 s_algorithm_usage_bitmap;
	u8 s_prealloc_blocks;
	u8 s_prealloc_dir_blocks;
	u16 s_padding1;
	u8 s_journal_uuid[16];
	u32 s_journal_inum;
	u32 s_journal_dev;
	u32 s_last_orphan;
	u32 s_hash_seed[4];
	u8 s_def_hash_version;
	u8 s_reserved_char_pad;
	u16 s_reserved_word_pad;
	u32 s_default_mount_opts;
	u32 s_first_meta_bg;
	u32 s_reserved[190];
};

struct ext2_group_desc {
	u32 bg_block_bitmap;
	u32 bg_inode_bitmap;
	u32 bg_inode_table;
	u16 bg_free_blocks_count;
	u16 bg_free_inodes_count;
	u16 bg_used_dirs_count;
	u16 bg_pad;
	u32 bg_reserved[3];
};

struct ext2_inode {
	u16 i_mode;
	u16 i_uid;
	u32 i_size;
	u32 i_atime;
	u32 i_ctime;
	u32 i_mtime;
	u32 i_dtime; /* deletion time */
	u16 i_gid;
	u16 i_links_count;
	u32 i_blocks; /* 512-byte sectors in use, maps included */
	u32 i_flags;
	u32 i_osd1;
	u32 i_block[EXT2_N_BLOCKS];
	u32 i_generation;
	u32 i_file_acl;	 /* extended attribute block */
	u32 i_size_high; /* regular files: bits 32..63 of the size (large_file) */
	u32 i_faddr;
	u8 i_frag, i_fsize;
	u16 i_pad1;
	u16 i_uid_high;
	u16 i_gid_high;
	u32 i_reserved2;
};

#define EXT2_INDEX_FL 0x00001000 /* hash-indexed directory (Linux's ext2 clears it on change) */

struct ext2_dir_entry_2 {
	u32 inode;   /* 0: unused record */
	u16 rec_len; /* bytes to the next record */
	u8 name_len;
	u8 file_type; /* EXT2_FT_* (INCOMPAT_FILETYPE) */
	char name[];
};

enum {
	EXT2_FT_UNKNOWN,
	EXT2_FT_REG_FILE,
	EXT2_FT_DIR,
	EXT2_FT_CHRDEV,
	EXT2_FT_BLKDEV,
	EXT2_FT_FIFO,
	EXT2_FT_SOCK,
	EXT2_FT_SYMLINK,
	EXT2_FT_MAX
};

#define EXT2_DIR_PAD 4
#define EXT2_DIR_REC_LEN(name_len) (((name_len) + 8 + EXT2_DIR_PAD - 1) & ~(EXT2_DIR_PAD - 1))

_Static_assert(sizeof(struct ext2_super_block) == 1024, "ext2 superblock is 1024 bytes");
_Static_assert(sizeof(struct ext2_group_desc) == 32, "ext2 group descriptor is 32 bytes");
_Static_assert(sizeof(struct ext2_inode) == 128, "ext2 inode is 128 bytes");

#endif
