/*
 * ext2 directories: linear lists of records (Linux's fs/ext2/dir.c).
 *
 *   block: | inode | rec_len | name_len | type | name ... pad | next record ...
 *
 * Records tile every block exactly; rec_len is a multiple of 4 and at
 * least 8 + name_len rounded up. A record with inode 0 is free space. An
 * insertion takes the slack at the end of a record (or a free record), a
 * deletion merges the record into the one before it in the block. Every
 * block is checked as it is read (Linux's ext2_check_page), and a bad one
 * is an EXT2-fs error and -EIO. Directory blocks are read through the
 * block device's buffers (Linux reads them through the directory's own
 * page cache). A change clears EXT2_INDEX_FL as Linux's ext2 does, so a
 * hash index left by another system is not trusted after it.
 */
#include "fs/ext2/ext2.h"
#include "kernel/lib/string.h"

static struct ext2_dir_entry_2 *de_at(struct buffer_head *bh, unsigned int offs)
{
	return (struct ext2_dir_entry_2 *)(bh->b_data + offs);
}

/* Check every record of directory block n in bh; 0 or -EIO (logged). */
static int ext2_check_block(struct inode *dir, struct buffer_head *bh, unsigned long n)
{
	struct super_block *sb = dir->i_sb;
	unsigned int offs = 0, bs = sb->s_blocksize;
	const char *error = NULL;
	struct ext2_dir_entry_2 *p = NULL;

	while (offs < bs) {
		p = de_at(bh, offs);
		if (offs + 8 > bs || p->rec_len < EXT2_DIR_REC_LEN(1))
			error = "rec_len is smaller than minimal";
		else if (p->rec_len & 3)
			error = "unaligned directory entry";
		else if (p->rec_len < EXT2_DIR_REC_LEN(p->name_len))
			error = "rec_len is too small for name_len";
		else if (offs + p->rec_len > bs)
			error = "directory entry across blocks";
		else if (p->inode > EXT2_SB(sb)->s_es->s_inodes_count)
			error = "inode out of bounds";
		if (error)
			break;
		offs += p->rec_len;
	}
	if (!error)
		return 0;
	ext2_error(
	    sb, "ext2_check_block",
	    "bad entry in directory #%lu: : %s - offset=%llu, inode=%lu, rec_len=%d, name_len=%d",
	    dir->ino, error, (unsigned long long)n * bs + offs,
	    (unsigned long)(offs + 8 <= bs ? p->inode : 0), offs + 8 <= bs ? p->rec_len : 0,
	    offs + 8 <= bs ? p->name_len : 0);
	return -EIO;
}

/* Directory block n of dir, read and checked, or ERR_PTR(-EIO). */
static struct buffer_head *dir_block(struct inode *dir, unsigned long n)
{
	struct buffer_head *bh;
	u32 bno;
	int err;

	if (dir->size & (dir->i_sb->s_blocksize - 1)) {
		ext2_error(dir->i_sb, "ext2_check_block",
			   "size of directory #%lu is not a multiple of chunk size", dir->ino);
		return ERR_PTR(-EIO);
	}
	err = ext2_get_block(dir, n, false, &bno, NULL);
	if (err)
		return ERR_PTR(err);
	if (!bno) {
		ext2_error(dir->i_sb, "ext2_check_block",
			   "directory #%lu contains a hole at offset %llu", dir->ino,
			   (unsigned long long)n << dir->i_sb->s_blocksize_bits);
		return ERR_PTR(-EIO);
	}
	bh = sb_bread(dir->i_sb, bno);
	if (!bh)
		return ERR_PTR(-EIO);
	if (ext2_check_block(dir, bh, n)) {
		brelse(bh);
		return ERR_PTR(-EIO);
	}
	return bh;
}

static unsigned long dir_blocks(struct inode *dir)
{
	return (unsigned long)(dir->size >> dir->i_sb->s_blocksize_bits);
}

static bool name_is(const struct ext2_dir_entry_2 *de, const char *name, size_t len)
{
	return de->inode && de->name_len == len && !memcmp(de->name, name, len);
}

/*
 * Find name in dir: its block in *res_bh (to brelse), the record in *res
 * and the record before it in the block (or NULL) in *prev. 0, -ENOENT, -EIO.
 */
static int find_entry(struct inode *dir, const char *name, size_t len, struct buffer_head **res_bh,
		      struct ext2_dir_entry_2 **res, struct ext2_dir_entry_2 **prev)
{
	unsigned long n;

	for (n = 0; n < dir_blocks(dir); n++) {
		struct buffer_head *bh = dir_block(dir, n);
		struct ext2_dir_entry_2 *pde = NULL;
		unsigned int offs;

		if (IS_ERR(bh))
			return (int)PTR_ERR(bh);
		for (offs = 0; offs < bh->b_size; offs += de_at(bh, offs)->rec_len) {
			if (name_is(de_at(bh, offs), name, len)) {
				*res_bh = bh;
				*res = de_at(bh, offs);
				if (prev)
					*prev = pde;
				return 0;
			}
			pde = de_at(bh, offs);
		}
		brelse(bh);
	}
	return -ENOENT;
}

long ext2_inode_by_name(struct inode *dir, const char *name, size_t len)
{
	struct ext2_dir_entry_2 *de;
	struct buffer_head *bh;
	int err = find_entry(dir, name, len, &bh, &de, NULL);
	long ino;

	if (err)
		return err == -ENOENT ? 0 : err;
	ino = de->inode;
	brelse(bh);
	return ino;
}

static u8 ext2_type_by_mode(struct inode *dir, umode_t mode)
{
	static const u8 types[16] = {
		[S_IFREG >> 12] = EXT2_FT_REG_FILE, [S_IFDIR >> 12] = EXT2_FT_DIR,
		[S_IFCHR >> 12] = EXT2_FT_CHRDEV,   [S_IFBLK >> 12] = EXT2_FT_BLKDEV,
		[S_IFIFO >> 12] = EXT2_FT_FIFO,	    [S_IFSOCK >> 12] = EXT2_FT_SOCK,
		[S_IFLNK >> 12] = EXT2_FT_SYMLINK,
	};

	return EXT2_SB(dir->i_sb)->s_filetype ? types[(mode & S_IFMT) >> 12] : 0;
}

/* The directory changed: new times, no hash index, inode written. */
static void dir_changed(struct inode *dir)
{
	dir->mtime = dir->ctime = ext2_now();
	EXT2_I(dir)->i_flags &= ~EXT2_INDEX_FL;
	ext2_write_inode(dir);
}

static void set_entry(struct inode *dir, struct ext2_dir_entry_2 *de, const char *name, size_t len,
		      struct inode *inode)
{
	de->inode = (u32)inode->ino;
	de->name_len = (u8)len;
	de->file_type = ext2_type_by_mode(dir, inode->mode);
	memcpy(de->name, name, len);
}

/* A record in bh with room for a name of len: the record to split or reuse, or NULL. */
static struct ext2_dir_entry_2 *find_room(struct buffer_head *bh, size_t len)
{
	unsigned int offs, need = EXT2_DIR_REC_LEN(len);

	for (offs = 0; offs < bh->b_size; offs += de_at(bh, offs)->rec_len) {
		struct ext2_dir_entry_2 *de = de_at(bh, offs);
		unsigned int used = de->inode ? EXT2_DIR_REC_LEN(de->name_len) : 0;

		if (de->rec_len >= used + need)
			return de;
	}
	return NULL;
}

/* Append a new, empty block to dir; the buffer or ERR_PTR. */
static struct buffer_head *grow_dir(struct inode *dir)
{
	struct buffer_head *bh;
	u32 bno;
	int err = ext2_get_block(dir, dir_blocks(dir), true, &bno, NULL);

	if (err)
		return ERR_PTR(err);
	bh = sb_bread(dir->i_sb, bno);
	if (!bh)
		return ERR_PTR(-EIO);
	memset(bh->b_data, 0, bh->b_size);
	de_at(bh, 0)->rec_len = (u16)bh->b_size;
	dir->size += bh->b_size;
	return bh;
}

int ext2_add_link(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	struct ext2_dir_entry_2 *de = NULL;
	struct buffer_head *bh = NULL;
	unsigned long n;

	if (!find_entry(dir, name, len, &bh, &de, NULL)) {
		brelse(bh);
		return -EEXIST;
	}
	for (n = 0; n < dir_blocks(dir) && !de; n++) {
		bh = dir_block(dir, n);
		if (IS_ERR(bh))
			return (int)PTR_ERR(bh);
		de = find_room(bh, len);
		if (!de)
			brelse(bh);
	}
	if (!de) {
		bh = grow_dir(dir);
		if (IS_ERR(bh))
			return (int)PTR_ERR(bh);
		de = de_at(bh, 0);
	}
	if (de->inode) { /* split off the slack at its end */
		unsigned int used = EXT2_DIR_REC_LEN(de->name_len);
		struct ext2_dir_entry_2 *de1 = (struct ext2_dir_entry_2 *)((char *)de + used);

		de1->rec_len = (u16)(de->rec_len - used);
		de->rec_len = (u16)used;
		de = de1;
	}
	set_entry(dir, de, name, len, inode);
	mark_buffer_dirty(bh);
	brelse(bh);
	dir_changed(dir);
	return 0;
}

int ext2_delete_entry(struct inode *dir, const char *name, size_t len)
{
	struct ext2_dir_entry_2 *de, *prev;
	struct buffer_head *bh;
	int err = find_entry(dir, name, len, &bh, &de, &prev);

	if (err)
		return err;
	if (prev)
		prev->rec_len = (u16)(prev->rec_len + de->rec_len);
	de->inode = 0;
	mark_buffer_dirty(bh);
	brelse(bh);
	dir_changed(dir);
	return 0;
}

int ext2_set_link(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	struct ext2_dir_entry_2 *de;
	struct buffer_head *bh;
	int err = find_entry(dir, name, len, &bh, &de, NULL);

	if (err)
		return err;
	de->inode = (u32)inode->ino;
	de->file_type = ext2_type_by_mode(dir, inode->mode);
	mark_buffer_dirty(bh);
	brelse(bh);
	dir_changed(dir);
	return 0;
}

int ext2_make_empty(struct inode *inode, struct inode *parent)
{
	struct buffer_head *bh = grow_dir(inode);
	struct ext2_dir_entry_2 *de;

	if (IS_ERR(bh))
		return (int)PTR_ERR(bh);
	de = de_at(bh, 0);
	de->rec_len = EXT2_DIR_REC_LEN(1);
	set_entry(inode, de, ".", 1, inode);
	de = de_at(bh, EXT2_DIR_REC_LEN(1));
	de->rec_len = (u16)(bh->b_size - EXT2_DIR_REC_LEN(1));
	set_entry(inode, de, "..", 2, parent);
	mark_buffer_dirty(bh);
	brelse(bh);
	return ext2_write_inode(inode);
}

int ext2_empty_dir(struct inode *dir)
{
	unsigned long n;

	for (n = 0; n < dir_blocks(dir); n++) {
		struct buffer_head *bh = dir_block(dir, n);
		unsigned int offs;

		if (IS_ERR(bh))
			return (int)PTR_ERR(bh);
		for (offs = 0; offs < bh->b_size; offs += de_at(bh, offs)->rec_len) {
			struct ext2_dir_entry_2 *de = de_at(bh, offs);

			if (!de->inode || (de->name_len == 1 && de->name[0] == '.') ||
			    (de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.'))
				continue;
			brelse(bh);
			return 0;
		}
		brelse(bh);
	}
	return 1;
}

static unsigned char dtype(struct inode *dir, u8 file_type)
{
	static const unsigned char dt[EXT2_FT_MAX] = {
		DT_UNKNOWN, DT_REG, DT_DIR, DT_CHR, DT_BLK, DT_FIFO, DT_SOCK, DT_LNK,
	};

	return EXT2_SB(dir->i_sb)->s_filetype && file_type < EXT2_FT_MAX ? dt[file_type]
									 : DT_UNKNOWN;
}

/* getdents64: ctx->pos is the byte offset of the next record in the directory. */
int ext2_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file->inode;
	unsigned int bs = dir->i_sb->s_blocksize;
	unsigned long n;

	for (n = (unsigned long)(ctx->pos / bs); n < dir_blocks(dir); n++) {
		struct buffer_head *bh = dir_block(dir, n);
		unsigned int offs;

		if (IS_ERR(bh))
			return (int)PTR_ERR(bh);
		for (offs = 0; offs < bs; offs += de_at(bh, offs)->rec_len) {
			struct ext2_dir_entry_2 *de = de_at(bh, offs);
			loff_t pos = (loff_t)n * bs + offs;

			if (pos < ctx->pos || !de->inode)
				continue;
			ctx->pos = pos;
			if (!dir_emit(ctx, de->name, de->name_len, de->inode,
				      dtype(dir, de->file_type))) {
				brelse(bh);
				return 0;
			}
			ctx->pos = pos + de->rec_len;
		}
		ctx->pos = (loff_t)(n + 1) * bs;
		brelse(bh);
	}
	return 0;
}

const struct file_operations ext2_dir_operations = {
	.llseek = generic_file_llseek,
	.iterate_shared = ext2_readdir,
};
