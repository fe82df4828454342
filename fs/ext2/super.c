/*
 * The ext2 superblock: mounting (checks in Linux's order, with Linux's
 * EXT2-fs messages), the errors= policy, statfs, and the clean/dirty state
 * a mount leaves on the disk.
 *
 * A read-write mount clears EXT2_VALID_FS on the disk and counts the mount;
 * put_super (umount) writes back the state found at mount time, so a
 * cleanly unmounted file system reads "clean" for e2fsck. Features: an
 * INCOMPAT bit Tidemark does not know refuses the mount; an unknown
 * RO_COMPAT bit makes it read-only (Linux's ext2 refuses a read-write
 * mount instead; Tidemark mounts read-only and says so).
 */
#include "fs/ext2/ext2.h"
#include "kernel/lib/string.h"
#include "mm/slab.h"
#ifndef HOST_TEST
#include "kernel/sys_time.h"
#endif

void ext2_msg(struct super_block *sb, const char *prefix, const char *fmt, ...)
{
	char buf[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("%sEXT2-fs (%s): %s\n", prefix, sb->s_id, buf);
}

void ext2_error(struct super_block *sb, const char *function, const char *fmt, ...)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	char buf[192];
	va_list ap;

	if (!sb_rdonly(sb) && sbi->s_es) {
		sbi->s_mount_state |= EXT2_ERROR_FS;
		sbi->s_es->s_state |= EXT2_ERROR_FS;
		mark_buffer_dirty(sbi->s_sbh);
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_CRIT "EXT2-fs error (device %s): %s: %s\n", sb->s_id, function, buf);
	if (sbi->s_errors == EXT2_ERRORS_PANIC)
		panic("EXT2-fs: panic from previous error\n");
	if (sbi->s_errors == EXT2_ERRORS_RO && !sb_rdonly(sb)) {
		ext2_msg(sb, KERN_CRIT, "error: remounting filesystem read-only");
		sb->s_flags |= SB_RDONLY;
	}
}

#ifndef HOST_TEST
/* The wall clock (from the RTC at boot): seconds since 1970, as Linux. */
u32 ext2_now(void)
{
	return (u32)(ktime_get_real_ns() / 1000000000LL);
}
#endif

void ext2_sync_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (sb_rdonly(sb))
		return;
	sbi->s_es->s_wtime = ext2_now();
	mark_buffer_dirty(sbi->s_sbh);
}

/* Parse "ro,errors=remount-ro,..." into sb->s_flags and sbi->s_errors; 0 or -EINVAL. */
static int parse_options(struct super_block *sb, const char *data)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	char opt[64];

	while (data && *data) {
		const char *comma = strchr(data, ',');
		size_t n = comma ? (size_t)(comma - data) : strlen(data);

		if (n >= sizeof(opt))
			n = sizeof(opt) - 1;
		memcpy(opt, data, n);
		opt[n] = '\0';
		data += n + (data[n] == ',');
		if (!strcmp(opt, "ro"))
			sb->s_flags |= SB_RDONLY;
		else if (!strcmp(opt, "rw"))
			sb->s_flags &= ~SB_RDONLY;
		else if (!strcmp(opt, "errors=continue"))
			sbi->s_errors = EXT2_ERRORS_CONTINUE;
		else if (!strcmp(opt, "errors=remount-ro"))
			sbi->s_errors = EXT2_ERRORS_RO;
		else if (!strcmp(opt, "errors=panic"))
			sbi->s_errors = EXT2_ERRORS_PANIC;
		else if (*opt && strcmp(opt, "defaults") && strcmp(opt, "relatime")) {
			ext2_msg(sb, KERN_ERR,
				 "error: unrecognized mount option \"%s\" or missing value", opt);
			return -EINVAL;
		}
	}
	return 0;
}

/* Read the superblock at byte 1024 with the block size set in sb; 0 or -errno. */
static int read_super_block(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u64 block = EXT2_SB_OFFSET / sb->s_blocksize;
	struct buffer_head *bh = sb_bread(sb, block);

	if (!bh) {
		ext2_msg(sb, KERN_ERR, "error: unable to read superblock");
		return -EIO;
	}
	brelse(sbi->s_sbh);
	sbi->s_sbh = bh;
	sbi->s_es = (struct ext2_super_block *)(bh->b_data + EXT2_SB_OFFSET % sb->s_blocksize);
	return 0;
}

/* The block size from the superblock, checked; 0 or -EINVAL. */
static int set_block_size(struct super_block *sb, int silent)
{
	struct ext2_super_block *es = EXT2_SB(sb)->s_es;
	unsigned int size;
	int err;

	if (es->s_magic != EXT2_SUPER_MAGIC) {
		if (!silent)
			ext2_msg(sb, KERN_ERR, "error: can't find an ext2 filesystem on dev %s.",
				 sb->s_id);
		return -EINVAL;
	}
	if (es->s_log_block_size > EXT2_MAX_BLOCK_LOG_SIZE - EXT2_MIN_BLOCK_LOG_SIZE) {
		ext2_msg(sb, KERN_ERR, "Invalid log block size: %u", es->s_log_block_size);
		return -EINVAL;
	}
	size = 1024u << es->s_log_block_size;
	if (size > 4096) { /* PAGE_SIZE: a block must fit in a page */
		ext2_msg(sb, KERN_ERR, "error: bad blocksize %u", size);
		return -EINVAL;
	}
	if (size == sb->s_blocksize)
		return 0;
	sb->s_blocksize = size;
	sb->s_blocksize_bits = 10 + es->s_log_block_size;
	err = read_super_block(sb);
	if (!err && EXT2_SB(sb)->s_es->s_magic != EXT2_SUPER_MAGIC) {
		ext2_msg(sb, KERN_ERR, "error: magic mismatch");
		err = -EINVAL;
	}
	return err;
}

/* Feature bits: unknown INCOMPAT refuses, unknown RO_COMPAT forces ro; 0 or -EINVAL. */
static int check_features(struct super_block *sb)
{
	struct ext2_super_block *es = EXT2_SB(sb)->s_es;
	u32 f;

	if (es->s_rev_level == EXT2_GOOD_OLD_REV &&
	    (es->s_feature_compat || es->s_feature_ro_compat || es->s_feature_incompat))
		ext2_msg(sb, KERN_WARNING,
			 "warning: feature flags set on rev 0 fs, running e2fsck is recommended");
	f = es->s_rev_level == EXT2_GOOD_OLD_REV
		? 0
		: es->s_feature_incompat & ~EXT2_FEATURE_INCOMPAT_SUPP;
	if (f) {
		ext2_msg(sb, KERN_ERR,
			 "error: couldn't mount because of unsupported optional features (%x)", f);
		return -EINVAL;
	}
	f = es->s_rev_level == EXT2_GOOD_OLD_REV
		? 0
		: es->s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP;
	if (f && !sb_rdonly(sb)) {
		ext2_msg(sb, KERN_ERR,
			 "error: couldn't mount RDWR because of unsupported optional features (%x)",
			 f);
		ext2_msg(sb, KERN_WARNING, "warning: mounting read-only");
		sb->s_flags |= SB_RDONLY;
	}
	EXT2_SB(sb)->s_filetype = es->s_rev_level != EXT2_GOOD_OLD_REV &&
				  (es->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE);
	return 0;
}

/* Inode size, group sizes and the inode count, checked; 0 or -EINVAL. */
static int check_geometry(struct super_block *sb, u64 dev_bytes)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;
	u64 inodes;

	sbi->s_inode_size =
	    es->s_rev_level == EXT2_GOOD_OLD_REV ? EXT2_GOOD_OLD_INODE_SIZE : es->s_inode_size;
	sbi->s_first_ino =
	    es->s_rev_level == EXT2_GOOD_OLD_REV ? EXT2_GOOD_OLD_FIRST_INO : es->s_first_ino;
	if (sbi->s_inode_size < EXT2_GOOD_OLD_INODE_SIZE || sbi->s_inode_size > sb->s_blocksize ||
	    (sbi->s_inode_size & (sbi->s_inode_size - 1))) {
		ext2_msg(sb, KERN_ERR, "error: unsupported inode size: %u", sbi->s_inode_size);
		return -EINVAL;
	}
	sbi->s_blocks_per_group = es->s_blocks_per_group;
	sbi->s_inodes_per_group = es->s_inodes_per_group;
	sbi->s_inodes_per_block = sb->s_blocksize / sbi->s_inode_size;
	if (!sbi->s_blocks_per_group || !sbi->s_inodes_per_group ||
	    es->s_first_data_block >= es->s_blocks_count) {
		ext2_msg(sb, KERN_ERR, "error: can't find an ext2 filesystem on dev %s.", sb->s_id);
		return -EINVAL;
	}
	if (sbi->s_blocks_per_group > sb->s_blocksize * 8) {
		ext2_msg(sb, KERN_ERR, "error: #blocks per group too big: %u",
			 sbi->s_blocks_per_group);
		return -EINVAL;
	}
	if (sbi->s_inodes_per_group > sb->s_blocksize * 8) {
		ext2_msg(sb, KERN_ERR, "error: #inodes per group too big: %u",
			 sbi->s_inodes_per_group);
		return -EINVAL;
	}
	sbi->s_itb_per_group = sbi->s_inodes_per_group / sbi->s_inodes_per_block;
	sbi->s_desc_per_block = sb->s_blocksize / sizeof(struct ext2_group_desc);
	sbi->s_addr_per_block_bits = sb->s_blocksize_bits - 2;
	sbi->s_groups_count =
	    (es->s_blocks_count - es->s_first_data_block - 1) / sbi->s_blocks_per_group + 1;
	sbi->s_gdb_count = DIV_ROUND_UP(sbi->s_groups_count, sbi->s_desc_per_block);
	inodes = (u64)sbi->s_groups_count * sbi->s_inodes_per_group;
	if (inodes != es->s_inodes_count) {
		ext2_msg(sb, KERN_ERR, "error: invalid #inodes: %u vs computed %llu",
			 es->s_inodes_count, (unsigned long long)inodes);
		return -EINVAL;
	}
	if ((u64)es->s_blocks_count * sb->s_blocksize > dev_bytes) {
		ext2_msg(sb, KERN_ERR,
			 "error: bad geometry: block count %u exceeds size of device (%llu blocks)",
			 es->s_blocks_count,
			 (unsigned long long)(dev_bytes >> sb->s_blocksize_bits));
		return -EINVAL;
	}
	return 0;
}

/* Does group have a superblock copy (sparse_super: 0, 1 and powers of 3, 5, 7)? */
static bool ext2_bg_has_super(struct super_block *sb, unsigned long group)
{
	unsigned long p;

	if (!(EXT2_SB(sb)->s_es->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER) ||
	    group <= 1)
		return true;
	if (!(group & 1))
		return false;
	for (p = 3; p <= 7; p += 2) {
		unsigned long n = p;

		while (n < group)
			n *= p;
		if (n == group)
			return true;
	}
	return false;
}

/*
 * Where descriptor block nr is (Linux's descriptor_loc). Without meta_bg
 * the blocks follow the superblock; with it, descriptor block nr from
 * s_first_meta_bg on lives in the first group it describes (its
 * "meta group"), after that group's superblock copy if it has one:
 *
 *   group  0: sb | gdt 0 .. first_meta_bg-1 | ...
 *   group  k = nr * desc_per_block: [sb] | gdt nr | bitmaps | inodes ...
 */
static u64 descriptor_loc(struct super_block *sb, unsigned long nr)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;
	unsigned long bg = sbi->s_desc_per_block * nr;

	if (!(es->s_feature_incompat & EXT2_FEATURE_INCOMPAT_META_BG) || nr < es->s_first_meta_bg)
		return es->s_first_data_block + nr + 1;
	return es->s_first_data_block + (u64)bg * sbi->s_blocks_per_group +
	       ext2_bg_has_super(sb, bg);
}

/* Read and hold the group descriptor blocks, then check them; 0 or -errno. */
static int load_group_desc(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long i;

	sbi->s_group_desc = kzalloc(sbi->s_gdb_count * sizeof(void *), GFP_KERNEL);
	if (!sbi->s_group_desc)
		return -ENOMEM;
	for (i = 0; i < sbi->s_gdb_count; i++) {
		sbi->s_group_desc[i] = sb_bread(sb, descriptor_loc(sb, i));
		if (!sbi->s_group_desc[i]) {
			ext2_msg(sb, KERN_ERR, "error: unable to read group descriptors");
			return -EIO;
		}
	}
	if (ext2_check_descriptors(sb)) {
		ext2_msg(sb, KERN_ERR, "group descriptors corrupted");
		return -EINVAL;
	}
	return 0;
}

/* Mark the disk "in use" for a read-write mount (Linux's ext2_setup_super). */
static void ext2_setup_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;

	if (!(sbi->s_mount_state & EXT2_VALID_FS))
		ext2_msg(sb, KERN_WARNING,
			 "warning: mounting unchecked fs, running e2fsck is recommended");
	else if (sbi->s_mount_state & EXT2_ERROR_FS)
		ext2_msg(sb, KERN_WARNING,
			 "warning: mounting fs with errors, running e2fsck is recommended");
	if (sb_rdonly(sb))
		return;
	es->s_state &= (u16)~EXT2_VALID_FS;
	es->s_mnt_count++;
	es->s_mtime = ext2_now();
	ext2_sync_super(sb);
}

/* Free what fill_super built (the caller frees nothing). */
static void ext2_free_sbi(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long i;

	if (!sbi)
		return;
	for (i = 0; sbi->s_group_desc && i < sbi->s_gdb_count; i++)
		brelse(sbi->s_group_desc[i]);
	kfree(sbi->s_group_desc);
	brelse(sbi->s_sbh);
	kfree(sbi);
	sb->s_fs_info = NULL;
}

/* The root directory, checked as Linux does ("corrupt root inode"); 0 or -errno. */
static int get_root(struct super_block *sb)
{
	struct inode *root = ext2_iget(sb, EXT2_ROOT_INO);

	if (IS_ERR(root))
		return (int)PTR_ERR(root);
	if (!S_ISDIR(root->mode) || !root->i_blocks || !root->size) {
		ext2_msg(sb, KERN_ERR, "error: corrupt root inode, run e2fsck");
		iput(root);
		ext2_forget_inodes(sb);
		return -EINVAL;
	}
	root->parent = root;
	sb->s_root = root;
	return 0;
}

int ext2_fill_super(struct super_block *sb, u64 dev_bytes, const char *data, int silent)
{
	struct ext2_sb_info *sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	int err;

	if (!sbi)
		return -ENOMEM;
	sb->s_fs_info = sbi;
	sb->s_type = "ext2";
	sb->s_op = &ext2_sops;
	sb->s_blocksize = 1024;
	sb->s_blocksize_bits = 10;
	INIT_LIST_HEAD(&sb->s_inodes);
	err = read_super_block(sb);
	if (!err)
		err = set_block_size(sb, silent);
	if (err)
		goto fail;
	sbi->s_errors = sbi->s_es->s_errors == EXT2_ERRORS_PANIC      ? EXT2_ERRORS_PANIC
			: sbi->s_es->s_errors == EXT2_ERRORS_CONTINUE ? EXT2_ERRORS_CONTINUE
								      : EXT2_ERRORS_RO;
	err = parse_options(sb, data);
	if (!err)
		err = check_features(sb);
	if (!err)
		err = check_geometry(sb, dev_bytes);
	if (!err)
		err = load_group_desc(sb);
	if (!err)
		err = get_root(sb);
	if (err)
		goto fail;
	sbi->s_mount_state = sbi->s_es->s_state;
	ext2_setup_super(sb);
	return 0;
fail:
	ext2_free_sbi(sb);
	return err;
}

/* umount: drop the inodes, write the state found at mount back (clean if it was). */
static void ext2_put_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (!sb_rdonly(sb)) {
		sbi->s_es->s_state = sbi->s_mount_state;
		ext2_sync_super(sb);
	}
	ext2_free_sbi(sb);
}

static int ext2_sync_fs(struct super_block *sb, int wait)
{
	(void)wait;
	ext2_sync_super(sb);
	return 0;
}

/* Linux's ext2_statfs (bsddf): the blocks count leaves out the metadata overhead. */
static int ext2_statfs(struct super_block *sb, struct kstatfs *buf)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;
	u64 overhead = es->s_first_data_block;
	unsigned long i;

	for (i = 0; i < sbi->s_groups_count; i++)
		if (ext2_bg_has_super(sb, i))
			overhead += 1 + sbi->s_gdb_count;
	overhead += sbi->s_groups_count * (2 + sbi->s_itb_per_group);
	buf->f_type = EXT2_SUPER_MAGIC;
	buf->f_bsize = sb->s_blocksize;
	buf->f_frsize = sb->s_blocksize;
	buf->f_blocks = es->s_blocks_count - overhead;
	buf->f_bfree = es->s_free_blocks_count;
	buf->f_bavail =
	    buf->f_bfree > es->s_r_blocks_count ? buf->f_bfree - es->s_r_blocks_count : 0;
	buf->f_files = es->s_inodes_count;
	buf->f_ffree = es->s_free_inodes_count;
	buf->f_namelen = 255;
	buf->f_flags = sb->s_flags & SB_RDONLY;
	return 0;
}

/* mount -o remount,ro / rw: mark the disk clean or in use again. */
static int ext2_remount(struct super_block *sb, unsigned long *flags, const char *data)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	(void)data; /* Linux re-parses errors= here; the mount keeps the one it had */
	if ((*flags & SB_RDONLY) == (sb->s_flags & SB_RDONLY))
		return 0;
	if (*flags & SB_RDONLY) {
		sbi->s_es->s_state = sbi->s_mount_state;
		ext2_sync_super(sb);
		sb->s_flags |= SB_RDONLY;
		return 0;
	}
	if (sbi->s_es->s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP)
		return -EROFS;
	sb->s_flags &= ~SB_RDONLY;
	sbi->s_mount_state = sbi->s_es->s_state;
	ext2_setup_super(sb);
	return 0;
}

const struct super_operations ext2_sops = {
	.sync_fs = ext2_sync_fs,
	.put_super = ext2_put_super,
	.statfs = ext2_statfs,
	.remount_fs = ext2_remount,
	.nr_cached_objects = ext2_nr_cached_objects,
	.free_cached_objects = ext2_free_cached_objects,
};
