/*
 * tmpfs, the file system of shmem (Linux's mm/shmem.c, the file-system
 * half; the pages are mm/shmem.c's). Directories are ramfs's (fs/ramfs.c:
 * an inode with an sb is a tmpfs inode); regular files keep their pages in
 * the page cache, swap-backed, so a tmpfs file can be larger than free RAM
 * as long as swap holds the rest.
 *
 *   mount -t tmpfs -o size=64m,nr_inodes=1000,mode=1777 tmpfs /tmp
 *     size=      pages the mount's files may hold, in memory or in swap
 *                (k/m/g suffixes, or N% of RAM; default half of RAM; 0: no limit)
 *     nr_inodes= inodes, the root included (default: half of RAM's
 *                pages, at most the low-memory pages; 0: no limit)
 *     mode=      the root directory's permissions (octal, default 1777)
 *   mount -o remount,size=... resizes it (never below what is in use)
 *
 * A write past size= fails with ENOSPC, a create past nr_inodes= too.
 * statfs (df) reports both. At boot shmem_init mounts tmpfs on /dev/shm
 * and /tmp, as systemd does on Linux (there it is user space's job). An
 * internal mount with no limits (Linux's shm_mnt) holds the unnamed
 * files of System V shared memory and memfd_create.
 */
#include "fs/file.h"
#include "fs/internal.h"
#include "fs/proc/internal.h"
#include "kernel/lib/string.h"
#include "mm/highmem.h"
#include "mm/lru.h"
#include "mm/pagemap.h"
#include "mm/shmem_fs.h"
#include "mm/slab.h"

#define TMPFS_MAGIC 0x01021994
#define TMPFS_ROOT_MODE 01777 /* S_ISVTX | 0777 */

static struct super_block *shm_mnt; /* the internal mount */
static unsigned int tmpfs_anon_minor;

static unsigned long shmem_default_max_blocks(void)
{
	return totalram_pages() / 2;
}

static unsigned long shmem_default_max_inodes(void)
{
	unsigned long nr_pages = totalram_pages();

	return min(nr_pages - totalhigh_pages(), nr_pages / 2);
}

/* ---- limits ----------------------------------------------------------------------- */

bool shmem_inode_acct_block(struct inode *inode, unsigned long pages)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);

	if (sbinfo->max_blocks && sbinfo->used_blocks + pages > sbinfo->max_blocks)
		return false;
	sbinfo->used_blocks += pages;
	return true;
}

void shmem_inode_unacct_blocks(struct inode *inode, unsigned long pages)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);

	if (pages > sbinfo->used_blocks)
		panic("shmem_inode_unacct_blocks: %lu pages back, %lu charged", pages,
		      sbinfo->used_blocks);
	sbinfo->used_blocks -= pages;
}

int shmem_reserve_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	if (!sbinfo->max_inodes)
		return 0;
	if (!sbinfo->free_inodes)
		return -ENOSPC;
	sbinfo->free_inodes--;
	return 0;
}

void shmem_free_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	if (sbinfo->max_inodes)
		sbinfo->free_inodes++;
}

/* ---- regular files ---------------------------------------------------------------- */

/* read(2): pages from the page cache or swap; holes read as zeros. */
static ssize_t shmem_file_read_iter(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct inode *inode = file->inode;
	size_t done = 0;

	while (to->count && *pos < inode->size) {
		size_t offset = (size_t)(*pos & (PAGE_SIZE - 1)), got;
		size_t n = min(min(PAGE_SIZE - offset, to->count), (size_t)(inode->size - *pos));
		struct page *page;
		int err =
		    shmem_get_page(inode, (unsigned long)(*pos >> PAGE_SHIFT), &page, SGP_READ);

		if (err)
			return done ? (ssize_t)done : err;
		if (page) {
			unlock_page(page);
			got = copy_page_to_iter(page, offset, n, to);
			SetPageReferenced(page);
			put_page(page);
		} else {
			got = iov_iter_zero(n, to); /* a hole */
		}
		done += got;
		*pos += (loff_t)got;
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return (ssize_t)done;
}

/* write(2): into the page cache; -ENOSPC once the mount's size= is used up. */
static ssize_t shmem_file_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct inode *inode = file->inode;
	size_t done = 0;

	if (generic_write_checks(file, from, pos, MAX_NON_LFS))
		return -EFBIG;
	while (from->count) {
		size_t offset = (size_t)(*pos & (PAGE_SIZE - 1)), got;
		size_t n = min(PAGE_SIZE - offset, from->count);
		struct page *page;
		int err =
		    shmem_get_page(inode, (unsigned long)(*pos >> PAGE_SHIFT), &page, SGP_WRITE);
		char *kaddr;

		if (err)
			return done ? (ssize_t)done : err;
		kaddr = kmap_local_page(page);
		got = copy_from_iter(kaddr + offset, n, from);
		kunmap_local(kaddr);
		SetPageDirty(page); /* Linux's noop_dirty_folio: no writeback, only swap */
		unlock_page(page);
		put_page(page);
		done += got;
		*pos += (loff_t)got;
		if (*pos > inode->size)
			inode->size = *pos;
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return (ssize_t)done;
}

/* ftruncate and O_TRUNC: pages past size go (and their swap); a larger size is a hole. */
static int shmem_truncate(struct inode *inode, loff_t size)
{
	if (size < 0 || size > MAX_NON_LFS)
		return -EINVAL;
	if (size < inode->size) {
		/* mapped pages past the end go from every mapping first (SIGBUS there now) */
		unmap_mapping_pages(inode->i_mapping, (unsigned long)DIV_ROUND_UP(size, PAGE_SIZE),
				    0);
		shmem_truncate_range(inode, size);
	}
	inode->size = size;
	return 0;
}

static void shmem_evict_inode(struct inode *inode)
{
	shmem_evict_file(inode);
	ramfs_free_inode(inode);
}

const struct inode_operations shmem_inode_operations = {
	.truncate = shmem_truncate,
	.evict_inode = shmem_evict_inode,
};

const struct file_operations shmem_file_operations = {
	.read_iter = shmem_file_read_iter,
	.write_iter = shmem_file_write_iter,
	.llseek = generic_file_llseek,
	.mmap = shmem_mmap,
};

/* ---- the super block ---------------------------------------------------------------- */

static int shmem_statfs(struct super_block *sb, struct kstatfs *buf)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	buf->f_type = TMPFS_MAGIC;
	buf->f_bsize = buf->f_frsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	if (sbinfo->max_blocks) {
		buf->f_blocks = sbinfo->max_blocks;
		buf->f_bavail = buf->f_bfree = sbinfo->max_blocks - sbinfo->used_blocks;
	}
	if (sbinfo->max_inodes) {
		buf->f_files = sbinfo->max_inodes;
		buf->f_ffree = sbinfo->free_inodes;
	}
	return 0;
}

/* /proc/mounts: size= and nr_inodes= only when not the defaults, mode= when not 1777 (Linux). */
static void shmem_show_options(struct seq_file *m, struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	if (sbinfo->max_blocks != shmem_default_max_blocks())
		seq_printf(m, ",size=%luk", sbinfo->max_blocks << (PAGE_SHIFT - 10));
	if (sbinfo->max_inodes != shmem_default_max_inodes())
		seq_printf(m, ",nr_inodes=%lu", sbinfo->max_inodes);
	if (sbinfo->mode != TMPFS_ROOT_MODE)
		seq_printf(m, ",mode=%03o", sbinfo->mode);
}

/*
 * Parse "size=...,nr_inodes=...,mode=..." into sbinfo (Linux's
 * shmem_parse_one); unset fields stay. 0, or -EINVAL with Linux's message.
 */
static int shmem_parse_options(const char *data, struct shmem_sb_info *sbinfo)
{
	char opts[256], *s = opts, *opt;

	if (!data)
		return 0;
	strlcpy(opts, data, sizeof(opts));
	while ((opt = strsep(&s, ","))) {
		char *value = strchr(opt, '='), *rest;
		unsigned long long n;

		if (!*opt || !strcmp(opt, "rw") || !strcmp(opt, "remount"))
			continue;
		if (value)
			*value++ = '\0';
		if (!value || !*value ||
		    (strcmp(opt, "size") && strcmp(opt, "nr_inodes") && strcmp(opt, "mode"))) {
			pr_err("tmpfs: Unknown parameter '%s'\n", opt);
			return -EINVAL;
		}
		if (!strcmp(opt, "mode")) {
			sbinfo->mode = (umode_t)(simple_strtoul(value, &rest, 8) & 07777);
		} else {
			n = memparse(value, &rest);
			if (!strcmp(opt, "size") && *rest == '%') {
				n = (n << PAGE_SHIFT) * totalram_pages() / 100;
				rest++;
			}
			if (!strcmp(opt, "size"))
				sbinfo->max_blocks = (unsigned long)DIV_ROUND_UP(n, PAGE_SIZE);
			else
				sbinfo->max_inodes = (unsigned long)n;
		}
		if (*rest) {
			pr_err("tmpfs: Bad value for '%s'\n", opt);
			return -EINVAL;
		}
	}
	return 0;
}

/* mount -o remount: new limits, never below what is in use (Linux's shmem_reconfigure). */
static int shmem_remount(struct super_block *sb, unsigned long *flags, const char *data)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb), ctx = *sbinfo;
	unsigned long inodes = sbinfo->max_inodes - sbinfo->free_inodes;
	int err = shmem_parse_options(data, &ctx);

	if (err)
		return err;
	if (ctx.max_blocks && ctx.max_blocks < sbinfo->used_blocks) {
		pr_err("tmpfs: Too small a size for current use\n");
		return -EINVAL;
	}
	if (ctx.max_inodes && ctx.max_inodes < inodes) {
		pr_err("tmpfs: Too few inodes for current use\n");
		return -EINVAL;
	}
	if ((ctx.max_blocks && !sbinfo->max_blocks) || (ctx.max_inodes && !sbinfo->max_inodes)) {
		pr_err("tmpfs: Cannot retroactively limit size\n");
		return -EINVAL;
	}
	sbinfo->max_blocks = ctx.max_blocks;
	sbinfo->max_inodes = ctx.max_inodes;
	sbinfo->free_inodes = ctx.max_inodes ? ctx.max_inodes - inodes : 0;
	sb->s_flags = (sb->s_flags & ~SB_RDONLY) | (*flags & SB_RDONLY);
	return 0;
}

/* umount: every file and directory goes, with its pages and swap. */
static void shmem_put_super(struct super_block *sb)
{
	struct inode *root = igrab(sb->s_root);

	ramfs_kill_tree(root);
	root->nlink = 0;
	iput(root);
	kfree(sb->s_fs_info);
}

static const struct super_operations shmem_ops = {
	.statfs = shmem_statfs,
	.remount_fs = shmem_remount,
	.put_super = shmem_put_super,
	.show_options = shmem_show_options,
};

/* A new tmpfs super_block; limits from data unless internal (no limits). ERR_PTR. */
static struct super_block *shmem_fill_super(const char *data, bool internal)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	struct shmem_sb_info *sbinfo = kzalloc(sizeof(*sbinfo), GFP_KERNEL);
	int err = -ENOMEM;

	if (!sb || !sbinfo)
		goto fail;
	sbinfo->mode = TMPFS_ROOT_MODE;
	if (!internal) {
		sbinfo->max_blocks = shmem_default_max_blocks();
		sbinfo->max_inodes = shmem_default_max_inodes();
	}
	err = shmem_parse_options(data, sbinfo);
	if (err)
		goto fail;
	sbinfo->free_inodes = sbinfo->max_inodes;
	sb->s_type = "tmpfs";
	strlcpy(sb->s_id, "tmpfs", sizeof(sb->s_id));
	sb->s_dev = MKDEV(0, ++tmpfs_anon_minor); /* Linux's get_anon_bdev */
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_op = &shmem_ops;
	sb->s_fs_info = sbinfo;
	INIT_LIST_HEAD(&sb->s_inodes);
	INIT_LIST_HEAD(&sb->s_list);
	err = -ENOSPC;
	sb->s_root = ramfs_get_inode(sb, S_IFDIR | sbinfo->mode, 0);
	if (!sb->s_root)
		goto fail;
	sb->s_root->parent = sb->s_root;
	sb->s_root->nlink = 2; /* pinned until umount */
	return sb;
fail:
	kfree(sbinfo);
	kfree(sb);
	return ERR_PTR(err);
}

int tmpfs_mount(struct inode *dir, unsigned long flags, const char *data)
{
	struct super_block *sb = shmem_fill_super(data, false);
	int err;

	if (IS_ERR(sb)) {
		iput(dir);
		return (int)PTR_ERR(sb);
	}
	sb->s_flags = flags & SB_RDONLY;
	err = mount_inode(dir, sb->s_root);
	if (err) {
		sb->s_root->nlink = 0;
		iput(sb->s_root); /* the empty root goes */
		kfree(sb->s_fs_info);
		kfree(sb);
		return err;
	}
	iput(sb->s_root); /* mount_inode holds its own reference */
	insert_super(sb);
	return 0;
}

struct inode *shmem_kernel_file_setup(const char *name, loff_t size)
{
	struct inode *inode;
	char *path;

	if (size < 0 || size > MAX_NON_LFS)
		return ERR_PTR(-EINVAL);
	path = kmalloc(strlen(name) + sizeof("/ (deleted)"), GFP_KERNEL);
	inode = path ? ramfs_get_inode(shm_mnt, S_IFREG | 0777, 0) : NULL;
	if (!inode) {
		kfree(path);
		return ERR_PTR(-ENOMEM);
	}
	snprintf(path, strlen(name) + sizeof("/ (deleted)"), "/%s (deleted)", name);
	SHMEM_I(inode)->name = path; /* Linux's d_path of an unlinked file */
	inode->size = size;
	return inode;
}

struct file *shmem_file_open(struct inode *inode, int flags)
{
	const char *name = SHMEM_I(inode)->name;
	struct file *file = open_inode(inode, flags);

	if (IS_ERR(file) || !name)
		return file;
	file->f_name = kmalloc(strlen(name) + 1, GFP_KERNEL);
	if (!file->f_name) {
		fput(file);
		return ERR_PTR(-ENOMEM);
	}
	memcpy(file->f_name, name, strlen(name) + 1);
	return file;
}

struct file *shmem_file_setup(const char *name, loff_t size, int flags)
{
	struct inode *inode = shmem_kernel_file_setup(name, size);
	struct file *file;

	if (IS_ERR(inode))
		return (struct file *)inode;
	file = shmem_file_open(inode, flags);
	iput(inode); /* the open file holds it */
	return file;
}

/* Mount a tmpfs on path, making the directory if it is missing (/dev/shm). */
static void mount_tmpfs_on(const char *path, const char *data)
{
	struct inode *dir = path_lookupat(NULL, path);
	int err;

	if (IS_ERR(dir)) {
		err = do_mkdirat(NULL, path, 01777);
		dir = err ? ERR_PTR(err) : path_lookupat(NULL, path);
	}
	err = IS_ERR(dir) ? (int)PTR_ERR(dir) : tmpfs_mount(dir, 0, data);
	if (err)
		pr_warn("tmpfs: cannot mount on %s: error %d\n", path, err);
}

void shmem_init(void)
{
	shm_mnt = shmem_fill_super(NULL, true);
	if (IS_ERR(shm_mnt))
		panic("shmem_init: no memory for the internal mount");
	mount_tmpfs_on("/dev/shm", NULL);
	mount_tmpfs_on("/tmp", NULL);
}
