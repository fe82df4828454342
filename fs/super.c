/*
 * Mounted file systems (Linux's fs/super.c, fs/namespace.c, fs/sync.c,
 * fs/statfs.c, reduced): mount(2) of an ext2 disk on a directory,
 * umount2(2), sync(2), syncfs(2), fsync(2), fdatasync(2), statfs64(2),
 * fstatfs64(2), and /proc/mounts.
 *
 *   mount("/dev/sda", "/mnt", "ext2", flags, "errors=remount-ro")
 *     -> the disk (fs/block_dev.c) -> a super_block -> ext2_fill_super
 *     -> its root directory covers /mnt (mount_inode, fs/namei.c)
 *   umount2("/mnt"): EBUSY while any inode of it is in use (open files,
 *     working directories); else write everything back, let the file
 *     system mark itself clean (put_super), write that too, and drop the
 *     disk's cached blocks.
 *
 * One mount per disk and per directory; no bind mounts, no namespaces.
 */
#include "fs/ext2/ext2.h"
#include "drivers/blkdev.h"
#include "fs/file.h"
#include "fs/internal.h"
#include "fs/proc/internal.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"
#include "mm/pagemap.h"
#include "mm/shmem_fs.h"
#include "mm/slab.h"

#define MS_RDONLY 1
#define MS_REMOUNT 32
#define MNT_FORCE 1
#define MNT_DETACH 2
#define RAMFS_MAGIC 0x858458f6
#define ST_RDONLY 1
#define ST_VALID 0x20
#define ST_RELATIME 0x1000

static LIST_HEAD(super_blocks);

/*
 * The superblock shrinker's count (Linux's super_cache_count): the file
 * system's unused cached objects. Linux adds the sb's dentry and inode
 * LRUs (none here: ext2 frees its unused inodes in free_cached_objects)
 * and scales by vfs_cache_pressure (100 here: no change).
 */
static unsigned long super_cache_count(struct shrinker *shrink, struct shrink_control *sc)
{
	struct super_block *sb = container_of(shrink, struct super_block, s_shrink);
	long total = sb->s_op->nr_cached_objects ? sb->s_op->nr_cached_objects(sb, sc) : 0;

	return total > 0 ? (unsigned long)total : SHRINK_EMPTY;
}

/*
 * Free up to sc->nr_to_scan unused objects (Linux's super_cache_scan);
 * how many went. An allocation that may not recurse into file systems
 * (no __GFP_FS) gets SHRINK_STOP.
 */
static unsigned long super_cache_scan(struct shrinker *shrink, struct shrink_control *sc)
{
	struct super_block *sb = container_of(shrink, struct super_block, s_shrink);

	if (!(sc->gfp_mask & __GFP_FS) || !sb->s_op->free_cached_objects)
		return SHRINK_STOP;
	return (unsigned long)sb->s_op->free_cached_objects(sb, sc);
}

/* sb joins super_blocks with its shrinker (Linux: alloc_super sets it, mount registers it). */
void insert_super(struct super_block *sb)
{
	sb->s_shrink = (struct shrinker){
		.count_objects = super_cache_count,
		.scan_objects = super_cache_scan,
		.seeks = DEFAULT_SEEKS,
		.batch = 1024,
	};
	register_shrinker(&sb->s_shrink, "sb");
	list_add_tail(&sb->s_list, &super_blocks);
}

/* The end of sb: off super_blocks, its shrinker gone (Linux's deactivate_locked_super). */
static void remove_super(struct super_block *sb)
{
	unregister_shrinker(&sb->s_shrink);
	list_del(&sb->s_list);
}

/* Write every dirty page of sb's files, then its own metadata and buffers. */
static int sync_filesystem(struct super_block *sb)
{
	struct inode *inode;

	if (!sb->s_bdev)
		return 0; /* tmpfs: nothing to write (its pages go only to swap) */
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		if (inode->i_mapping)
			write_cache_pages(inode->i_mapping, 0);
	if (!sb_rdonly(sb))
		sb->s_op->sync_fs(sb, 1);
	write_cache_pages(bdev_mapping(sb->s_bdev), 0);
	return 0;
}

/* The ext2 super_block for disk bdev, mounted read-only if flags say so; ERR_PTR. */
static struct super_block *ext2_mount(struct block_device *bdev, unsigned long flags,
				      const char *data)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	int err;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_bdev = bdev;
	sb->s_dev = MKDEV(bdev->major, bdev->minor);
	sb->s_flags = flags & MS_RDONLY ? SB_RDONLY : 0;
	strlcpy(sb->s_id, bdev->name, sizeof(sb->s_id));
	err = ext2_fill_super(sb, bdev->nr_sects << SECTOR_SHIFT, data, 0);
	if (err) {
		invalidate_mapping_pages(bdev_mapping(bdev));
		kfree(sb);
		return ERR_PTR(err);
	}
	bdev->bd_super = sb;
	insert_super(sb);
	return sb;
}

/* The super_block whose root is inode, or NULL. */
static struct super_block *sb_of_root(struct inode *inode)
{
	struct super_block *sb;

	list_for_each_entry(sb, &super_blocks, s_list)
		if (sb->s_root == inode)
			return sb;
	return NULL;
}

/* The last of a super_block: written back, marked clean, freed. */
static void kill_super(struct super_block *sb)
{
	struct block_device *bdev = sb->s_bdev;

	if (!bdev) { /* tmpfs: its files and their pages go */
		remove_super(sb);
		sb->s_op->put_super(sb);
		kfree(sb);
		return;
	}
	remove_super(sb); /* no shrinker frees an inode from here on */
	sync_filesystem(sb);
	ext2_forget_inodes(sb);
	sb->s_op->put_super(sb);
	write_cache_pages(bdev_mapping(bdev), 0);
	invalidate_mapping_pages(bdev_mapping(bdev));
	bdev->bd_super = NULL;
	kfree(sb);
}

/* mount(2) for a disk on directory dir (referenced; kept by the mount). */
static int do_new_mount(const char *dev_name, struct inode *dir, unsigned long flags,
			const char *data)
{
	struct block_device *bdev = blkdev_get_by_path(dev_name);
	struct super_block *sb;
	int err;

	if (IS_ERR(bdev))
		return (int)PTR_ERR(bdev);
	if (bdev->bd_super)
		return -EBUSY;
	sb = ext2_mount(bdev, flags, data);
	if (IS_ERR(sb))
		return (int)PTR_ERR(sb);
	err = mount_inode(dir, sb->s_root);
	if (err) {
		kill_super(sb);
		return err;
	}
	iput(sb->s_root); /* mount_inode holds its own reference */
	return 0;
}

static int do_remount(struct inode *dir, unsigned long flags, const char *data)
{
	struct super_block *sb = sb_of_root(dir);
	unsigned long sb_flags = flags & MS_RDONLY ? SB_RDONLY : 0;

	if (!sb)
		return -EINVAL;
	if (sb_flags & SB_RDONLY)
		sync_filesystem(sb);
	return sb->s_op->remount_fs(sb, &sb_flags, data);
}

/* Copy a mount(2) string argument (NULL stays NULL); ERR_PTR on a bad pointer. */
static char *copy_mount_string(const char __user *s)
{
	return s ? getname(s) : NULL;
}

static void put_mount_string(char *s)
{
	if (s && !IS_ERR(s))
		putname(s);
}

long sys_mount(const char __user *dev_name, const char __user *dir_name, const char __user *type,
	       unsigned long flags, const void __user *data)
{
	char *dev = copy_mount_string(dev_name), *dir = NULL, *fstype = NULL, *opts = NULL;
	struct inode *inode = NULL;
	long err = IS_ERR(dev) ? PTR_ERR(dev) : 0;

	if (!err) {
		dir = copy_mount_string(dir_name);
		fstype = copy_mount_string(type);
		opts = copy_mount_string(data);
		if (IS_ERR(dir) || IS_ERR(fstype) || IS_ERR(opts) || !dir)
			err = -EFAULT;
	}
	if (!err) {
		inode = path_lookupat(current_cwd(), dir);
		err = IS_ERR(inode) ? PTR_ERR(inode) : S_ISDIR(inode->mode) ? 0 : -ENOTDIR;
	}
	if (!err && (flags & MS_REMOUNT))
		err = do_remount(inode, flags, opts);
	else if (!err && fstype && !strcmp(fstype, "tmpfs"))
		err = tmpfs_mount(igrab(inode), flags, opts);
	else if (!err && (!fstype || strcmp(fstype, "ext2")))
		err = -ENODEV;
	else if (!err && !dev)
		err = -EFAULT;
	else if (!err)
		err = do_new_mount(dev, igrab(inode), flags, opts);
	if (inode && !IS_ERR(inode))
		iput(inode);
	put_mount_string(dev);
	put_mount_string(dir);
	put_mount_string(fstype);
	put_mount_string(opts);
	return err;
}

/* Is any inode of sb in use, other than its root by the mount? */
static bool sb_busy(struct super_block *sb)
{
	struct inode *inode;

	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		int held = inode == sb->s_root ? 1 : 0;

		if (!sb->s_bdev && S_ISDIR(inode->mode))
			held += (int)inode->nlink -
				2; /* a tmpfs subdirectory holds its parent for ".." */
		if (inode->count > held)
			return true;
	}
	return false;
}

long sys_umount(const char __user *name, int flags)
{
	char *path = getname(name);
	struct inode *inode;
	struct super_block *sb;

	if (IS_ERR(path))
		return PTR_ERR(path);
	if (flags & ~(MNT_FORCE | MNT_DETACH | 4 | 8)) {
		putname(path);
		return -EINVAL;
	}
	inode = path_lookupat(current_cwd(), path);
	putname(path);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	sb = sb_of_root(inode);
	iput(inode);
	if (!sb)
		return -EINVAL;
	if (sb_busy(sb) || sb->s_root == root_inode)
		return -EBUSY;
	umount_inode(sb->s_root); /* drops the mount's reference to the root */
	kill_super(sb);
	return 0;
}

/* sync(2): every file system, then everything else dirty (Linux's ksys_sync). */
long sys_sync(void)
{
	struct super_block *sb;

	list_for_each_entry(sb, &super_blocks, s_list)
		sync_filesystem(sb);
	writeback_all();
	return 0;
}

long sys_syncfs(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (f->inode->i_sb)
		sync_filesystem(f->inode->i_sb);
	return 0;
}

/* fsync(2) and fdatasync(2): the file's pages and its file system's metadata. */
long sys_fsync(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return vfs_fsync(f);
}

int vfs_fsync(struct file *f)
{
	struct inode *inode = f->inode;

	if (S_ISFIFO(inode->mode) || S_ISCHR(inode->mode))
		return -EINVAL;
	if (!inode->i_mapping || !inode->i_sb || !inode->i_sb->s_bdev)
		return 0; /* ramfs, tmpfs: nothing to write (Linux's noop_fsync) */
	write_cache_pages(inode->i_mapping, 0);
	write_cache_pages(bdev_mapping(inode->i_sb->s_bdev), 0);
	return errseq_check_and_advance(&inode->i_mapping->wb_err, &f->f_wb_err);
}

/* i386's struct statfs64 (include/uapi/asm-generic/statfs.h), 84 bytes. */
struct statfs64 {
	u32 f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	u32 f_fsid[2];
	u32 f_namelen, f_frsize, f_flags;
	u32 f_spare[4];
} __attribute__((packed, aligned(4)));

static long do_statfs64(struct inode *inode, size_t sz, struct statfs64 __user *buf)
{
	struct statfs64 st = { 0 };
	struct kstatfs k = { 0 };

	if (sz != sizeof(st))
		return -EINVAL;
	if (inode->i_sb) {
		inode->i_sb->s_op->statfs(inode->i_sb, &k);
		st.f_fsid[0] = inode->i_sb->s_dev; /* Linux: ext2 hashes the UUID */
	} else {
		k.f_type = RAMFS_MAGIC;
		k.f_bsize = k.f_frsize = PAGE_SIZE;
		k.f_namelen = NAME_MAX;
	}
	st.f_type = (u32)k.f_type;
	st.f_bsize = (u32)k.f_bsize;
	st.f_blocks = k.f_blocks;
	st.f_bfree = k.f_bfree;
	st.f_bavail = k.f_bavail;
	st.f_files = k.f_files;
	st.f_ffree = k.f_ffree;
	st.f_namelen = (u32)k.f_namelen;
	st.f_frsize = (u32)k.f_frsize;
	st.f_flags =
	    ST_VALID | ST_RELATIME | (inode->i_sb && sb_rdonly(inode->i_sb) ? ST_RDONLY : 0);
	return copy_to_user(buf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_statfs64(const char __user *path, size_t sz, struct statfs64 __user *buf)
{
	struct inode *inode = lookup_at(AT_FDCWD, path, 0);
	long err;

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	err = do_statfs64(inode, sz, buf);
	iput(inode);
	return err;
}

long sys_fstatfs64(int fd, size_t sz, struct statfs64 __user *buf)
{
	struct file *f = fget(fd);

	return f ? do_statfs64(f->inode, sz, buf) : -EBADF;
}

/*
 * Show what the old root had at name ("/dev", "/proc": a directory, or the
 * file system mounted on it) on the new root's directory of that name.
 */
static void carry_over(struct inode *old_root, const char *name)
{
	struct inode *what = path_lookupat(old_root, name + 1), *dir;

	if (IS_ERR(what))
		return;
	dir = path_lookupat(NULL, name);
	if (IS_ERR(dir)) {
		pr_warn("VFS: the root file system has no %s\n", name);
	} else if (what->mountpoint) { /* a file system mounted there: move it */
		struct inode *old_dir = what->mountpoint;

		old_dir->mounted = NULL;
		what->mountpoint = NULL;
		if (!mount_inode(dir, what)) {
			iput(what);    /* the old mount's reference */
			iput(old_dir); /* the old mount point's pin */
		}
	} else {
		mount_inode(dir, what);
	}
	iput(what);
}

int mount_root(const char *name, unsigned long flags, const char *data)
{
	struct block_device *bdev = blkdev_get_by_name(name);
	struct super_block *sb = bdev ? ext2_mount(bdev, flags, data) : ERR_PTR(-ENXIO);
	struct inode *old_root = root_inode;

	if (IS_ERR(sb))
		return (int)PTR_ERR(sb);
	root_inode = sb->s_root; /* the mount keeps get_root's reference */
	carry_over(old_root, "/dev");
	carry_over(old_root, "/proc");
	pr_info("VFS: Mounted root (ext2 filesystem)%s on device %u:%u.\n",
		sb_rdonly(sb) ? " readonly" : "", MAJOR(sb->s_dev), MINOR(sb->s_dev));
	return 0;
}

void iterate_mappings(void (*fn)(struct address_space *mapping, void *arg), void *arg)
{
	struct block_device *bdev = NULL;
	struct super_block *sb;
	struct inode *inode;

	list_for_each_entry(sb, &super_blocks, s_list)
		list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
			if (inode->i_mapping && sb->s_bdev) /* tmpfs pages are not cache */
				fn(inode->i_mapping, arg);
	while ((bdev = bdev_next(bdev)))
		if (bdev->bd_mapping_ready)
			fn(&bdev->bd_mapping, arg);
}

static void drop_mapping(struct address_space *mapping, void *arg)
{
	(void)arg;
	invalidate_mapping_pages(mapping);
}

void drop_pagecache(void)
{
	iterate_mappings(drop_mapping, NULL);
}

void emergency_remount(void)
{
	struct super_block *sb;

	list_for_each_entry(sb, &super_blocks, s_list) {
		unsigned long ro = SB_RDONLY;

		if (!sb->s_bdev)
			continue; /* tmpfs: nothing on a disk */
		sync_filesystem(sb);
		if (!sb_rdonly(sb))
			sb->s_op->remount_fs(sb, &ro, NULL); /* writes the clean state */
		write_cache_pages(bdev_mapping(sb->s_bdev), 0);
	}
}

/*
 * ext2's errors= as Linux's ext2_show_options shows it: continue and panic
 * whenever in force, remount-ro only when the superblock's own default
 * (set by mke2fs -e or tune2fs -e) is another policy.
 */
static void ext2_show_errors(struct seq_file *m, struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u16 def_errors = sbi->s_es->s_errors;

	if (sbi->s_errors == EXT2_ERRORS_RO &&
	    (def_errors == EXT2_ERRORS_PANIC || def_errors == EXT2_ERRORS_CONTINUE))
		seq_puts(m, ",errors=remount-ro");
	if (sbi->s_errors == EXT2_ERRORS_CONTINUE)
		seq_puts(m, ",errors=continue");
	if (sbi->s_errors == EXT2_ERRORS_PANIC)
		seq_puts(m, ",errors=panic");
}

/* One /proc/mounts line: device, mount point, type, options, 0 0. */
static void show_sb_options(struct seq_file *m, struct super_block *sb, const char *dev,
			    const char *dir)
{
	seq_printf(m, "%s %s %s %s,relatime", dev, dir, sb->s_type, sb_rdonly(sb) ? "ro" : "rw");
	if (sb->s_op->show_options)
		sb->s_op->show_options(m, sb);
	else
		ext2_show_errors(m, sb);
	seq_puts(m, " 0 0\n");
}

/* /proc/mounts in Linux's format: the root first, then /proc, then the rest in mount order. */
int mounts_proc_show(struct seq_file *m, struct task_struct *task)
{
	struct super_block *sb, *root = sb_of_root(root_inode);
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);

	(void)task;
	if (!path)
		return -ENOMEM;
	if (root) /* Linux names the root's device /dev/root */
		show_sb_options(m, root, "/dev/root", "/");
	else
		seq_puts(m, "rootfs / rootfs rw 0 0\n");
	proc_mounts_show(m); /* proc, sysfs, debugfs */
	list_for_each_entry(sb, &super_blocks, s_list) {
		char dev[40];

		if (sb == root || inode_path(sb->s_root, path, PATH_MAX) < 0)
			continue;
		snprintf(dev, sizeof(dev), sb->s_bdev ? "/dev/%s" : "%s", sb->s_id);
		show_sb_options(m, sb, dev, path);
	}
	kfree(path);
	return 0;
}
