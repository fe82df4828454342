/*
 * VFS-lite: the file-system interface every file system and every caller
 * of files uses (fs/inode.c, namei.c, file_table.c, read_write.c,
 * readdir.c, open.c, file.c, pipe.c, char_dev.c, ramfs.c, initramfs.c).
 *
 * Linux's three objects, reduced:
 *
 *   struct inode   one object in a file system: its type and size, and two
 *                  operation tables (i_op: name lookup and creation inside a
 *                  directory; f_op: what an open file of it does).
 *   struct file    one open of an inode: position, flags, f_op, refcounted
 *                  (fork and dup share it).
 *   fd table       per process, in fs/file.h.
 *
 * Linux caches names in dentries and mounts file systems on vfsmounts.
 * Tidemark has no dentry cache: a directory inode knows its parent (for
 * "..") and the file system's lookup finds a name each time. A directory
 * can have another file system's root mounted on it (mount_at): path
 * lookup steps onto the mounted root, which is how procfs (fs/proc/) plugs
 * in: it only supplies inodes whose i_op->lookup and f_op->iterate_shared
 * generate their entries, and f_op->read_iter generating file text.
 */
#ifndef FS_FS_H
#define FS_FS_H

#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/list.h"

#ifndef __user
#define __user
#endif

#include "fs/fs_types.h" /* loff_t, dev_t */
#include "mm/shrinker.h" /* struct shrinker, in struct super_block */
typedef unsigned short umode_t;

/* Device numbers, Linux's in-kernel encoding (12-bit major, 20-bit minor). */
#define MINORBITS 20
#define MKDEV(ma, mi) (((dev_t)(ma) << MINORBITS) | (dev_t)(mi))
#define MAJOR(dev) ((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev) ((unsigned int)((dev) & ((1U << MINORBITS) - 1)))

#include "uapi/linux/stat.h" /* S_IF* and S_IS*: the file-type bits */
#define S_IALLUGO 07777

#include "uapi/asm-generic/fcntl.h" /* open(2) flags */

/* f_mode: what an open file may do, from the access mode (Linux's FMODE_). */
#define FMODE_READ 0x1
#define FMODE_WRITE 0x2
#define FMODE_LSEEK 0x4

#include "uapi/linux/fs.h"	      /* SEEK_* and DT_* */
#include "uapi/linux/limits.h"	      /* NAME_MAX, PATH_MAX, PIPE_BUF */
#define MAX_NON_LFS ((1LL << 31) - 1) /* largest offset without O_LARGEFILE */

/* d_type in getdents64, from the file type (Linux's fs_umode_to_dtype). */
static inline unsigned char fs_umode_to_dtype(umode_t mode)
{
	return (mode & S_IFMT) >> 12;
}

struct file;
struct inode;
struct pipe_inode_info;
struct wait_queue_head;
struct page;
struct super_block;
struct block_device;
struct address_space;
struct seq_file;
struct vm_area_struct;

/*
 * Where a read puts its bytes or a write takes them from: a user buffer
 * (copied with copy_*_user, so a bad pointer gives a short copy) or a
 * kernel buffer (exec, the initramfs unpacker). Linux's iov_iter with one
 * segment.
 */
struct iov_iter {
	bool user;
	char *buf;
	size_t count; /* bytes left */
};

/* Both return the bytes moved (fewer than n only on a user-memory fault). */
size_t copy_to_iter(const void *from, size_t n, struct iov_iter *to);
size_t copy_from_iter(void *to, size_t n, struct iov_iter *from);
size_t iov_iter_zero(size_t n, struct iov_iter *to); /* n zero bytes (a hole read) */

/*
 * The directory walk of getdents64: iterate_shared calls dir_emit for each
 * entry from ctx->pos on, advancing ctx->pos past each entry emitted, and
 * stops early when dir_emit returns false (the caller's buffer is full).
 */
struct dir_context;
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int namelen, loff_t pos,
			  u64 ino, unsigned int d_type);
struct dir_context {
	filldir_t actor;
	loff_t pos;
};
static inline bool dir_emit(struct dir_context *ctx, const char *name, int namelen, u64 ino,
			    unsigned int d_type)
{
	return ctx->actor(ctx, name, namelen, ctx->pos, ino, d_type);
}

struct file_operations {
	/* Prepare a new open file (private_data); 0 or -errno. Optional. */
	int (*open)(struct inode *inode, struct file *file);
	/* Move bytes at *pos, advance *pos; bytes moved, 0 at end, or -errno. */
	ssize_t (*read_iter)(struct file *file, struct iov_iter *to, loff_t *pos);
	ssize_t (*write_iter)(struct file *file, struct iov_iter *from, loff_t *pos);
	/* The new position or -errno. NULL means the file cannot seek (ESPIPE). */
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	/* Directories only: emit entries from ctx->pos on (see dir_context). */
	int (*iterate_shared)(struct file *file, struct dir_context *ctx);
	/* ioctl(2) requests the VFS does not answer itself (fs/fcntl.c); -ENOTTY if absent. */
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	/*
	 * poll(2): the POLLIN/POLLOUT/POLLHUP/POLLERR events ready now (no
	 * wait); NULL means always readable and writable (Linux's
	 * DEFAULT_POLLMASK). wait, if not NULL, is where a change is announced.
	 */
	unsigned int (*poll)(struct file *file, struct wait_queue_head **wait);
	/* The last reference to the open file went away. Optional. */
	void (*release)(struct inode *inode, struct file *file);
	/*
	 * mmap(2) of a file (Linux's f_op->mmap): check the file can be mapped
	 * and set vma->vm_ops (mm/filemap_fault.c's generic_file_mmap for a
	 * page-cache file); 0 or -errno. NULL: mmap of it answers ENODEV.
	 */
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
};

/*
 * Directory operations. lookup returns the named inode with a reference
 * (NULL if there is none); create makes a new entry of any type (Linux's
 * create, mkdir and mknod in one: the type is in mode) and returns it
 * referenced in *res. evict_inode frees an inode nobody uses or links to
 * any more (Linux's super_operations evict_inode and destroy_inode
 * together).
 *
 * unlink, rmdir and rename are called by vfs_unlink, vfs_rmdir and
 * vfs_rename (fs/namei.c) once the VFS has checked what Linux's VFS
 * checks: the names exist as described, types agree (a directory is only
 * replaced by a directory), nothing is a mount point, both directories are
 * on this file system and a directory does not move into itself. Linux
 * passes dentries; with no dentry cache here each name comes with its
 * inode (referenced by the caller, who drops it after the call: a removed
 * inode is freed at its last iput, so an open file stays readable). The
 * file system removes or moves the entry and keeps nlink right (the
 * removed inode's, and a directory's for its subdirectories' ".."); rmdir
 * and a rename over a directory fail with -ENOTEMPTY if it has entries.
 */
struct renamedata;
struct inode_operations {
	struct inode *(*lookup)(struct inode *dir, const char *name, size_t len);
	int (*create)(struct inode *dir, const char *name, size_t len, umode_t mode, dev_t rdev,
		      struct inode **res);
	int (*unlink)(struct inode *dir, const char *name, size_t len, struct inode *inode);
	int (*rmdir)(struct inode *dir, const char *name, size_t len, struct inode *inode);
	int (*rename)(const struct renamedata *rd);
	int (*truncate)(struct inode *inode, loff_t size); /* regular files */
	void (*evict_inode)(struct inode *inode);
	/*
	 * Optional (disk file systems): link makes a second name for inode;
	 * symlink a symbolic link holding target; get_link copies a symbolic
	 * link's target into buf (NUL-terminated) and returns its length. All
	 * 0 (or the length) or -errno.
	 */
	int (*link)(struct inode *inode, struct inode *dir, const char *name, size_t len);
	int (*symlink)(struct inode *dir, const char *name, size_t len, const char *target);
	int (*get_link)(struct inode *inode, char *buf, size_t size);
	/* Optional: mode or times changed in the inode (chmod, utimensat): store them. */
	int (*setattr)(struct inode *inode);
};

/*
 * The page cache of one file (Linux's address_space): the file's cached
 * pages by index (page i holds bytes [i * PAGE_SIZE, (i + 1) * PAGE_SIZE)),
 * and how to fill and write them (a_ops). mm/filemap.c runs it.
 */
struct address_space_operations {
	/* Fill a locked, not uptodate page from the disk; unlock it. 0 or -errno. */
	int (*readpage)(struct file *file, struct page *page);
	/* Write a locked page that was dirty (PG_writeback set); 0 or -errno. */
	int (*writepage)(struct page *page);
	/* Optional: read nr new locked pages at consecutive indices (readahead); unlocks them. */
	void (*readpages)(struct file *file, struct address_space *mapping, struct page **pages,
			  unsigned int nr);
	/* Optional: write nr such pages at consecutive indices at once; 0 or -errno. */
	int (*writepages)(struct address_space *mapping, struct page **pages, unsigned int nr);
};

struct radix_tree_node;
struct radix_tree_root {
	unsigned int height; /* 0: empty; levels of 64-way nodes */
	struct radix_tree_node *rnode;
	/*
	 * Called when a leaf node's counts change or before it is freed
	 * (kernel/lib/radix-tree.h); NULL for none. The page cache of a file
	 * sets workingset_update_node (mm/workingset.c).
	 */
	void (*update_node)(struct radix_tree_node *node);
};

struct address_space {
	struct inode *host;
	struct radix_tree_root i_pages; /* index -> struct page */
	unsigned long nrpages;
	unsigned long nrdirty; /* pages with PG_dirty */
	const struct address_space_operations *a_ops;
	struct block_device *bdev;  /* where its blocks are */
	bool is_bdev;		    /* the block device's own mapping: Buffers, not Cached */
	unsigned int gfp_mask;	    /* for its new pages */
	u32 wb_err;		    /* errseq_t of the last writeback error */
	unsigned long dirtied_when; /* jiffies when it went from clean to dirty */
	struct list_head i_wb_list; /* on the flusher's dirty list while nrdirty */
	unsigned long flags;	    /* AS_* bits */
	/*
	 * The VMAs that map this file, private and shared (Linux's i_mmap, an
	 * interval tree there; a list here): the file pages' reverse map,
	 * walked by mm/rmap.c to find every PTE of a page-cache page.
	 */
	struct list_head i_mmap;
};

/* address_space flags (Linux's enum mapping_flags) */
#define AS_UNEVICTABLE 3 /* its pages stay on the unevictable list (mm/mlock.h) */

/* What statfs64 reports (Linux's struct kstatfs). */
struct kstatfs {
	long f_type;
	long f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	long f_namelen;
	long f_frsize;
	long f_flags;
};

struct super_operations {
	/* Write everything dirty of the file system's own (superblock); 0 or -errno. */
	int (*sync_fs)(struct super_block *sb, int wait);
	/* The last step of umount: write the superblock clean, free what fill_super made. */
	void (*put_super)(struct super_block *sb);
	int (*statfs)(struct super_block *sb, struct kstatfs *buf);
	/* Change SB_RDONLY to what flags say, and the options in data (may be NULL); 0 or -errno.
	 */
	int (*remount_fs)(struct super_block *sb, unsigned long *flags, const char *data);
	/* Optional: the file system's own options for /proc/mounts (",size=64k"). */
	void (*show_options)(struct seq_file *m, struct super_block *sb);
	/*
	 * Optional, both or neither: the cached objects nobody uses (unused
	 * inodes) that could be freed now, and free up to sc->nr_to_scan of
	 * them, returning how many went. The superblock's shrinker calls them
	 * (fs/super.c:super_cache_scan) for reclaim and drop_caches 2.
	 */
	long (*nr_cached_objects)(struct super_block *sb, struct shrink_control *sc);
	long (*free_cached_objects)(struct super_block *sb, struct shrink_control *sc);
};

#define SB_RDONLY 1 /* mount flags, Linux's values */
#define SB_NOATIME 1024
#define SB_LAZYTIME (1 << 25)

/* One mounted file system (Linux's super_block). */
struct super_block {
	const char *s_type; /* "ext2" */
	char s_id[32];	    /* the device's name: "sda" */
	dev_t s_dev;
	unsigned long s_flags; /* SB_RDONLY ... */
	unsigned int s_blocksize;
	unsigned int s_blocksize_bits;
	struct block_device *s_bdev;
	struct inode *s_root;
	const struct super_operations *s_op;
	void *s_fs_info;	   /* the file system's own */
	struct list_head s_inodes; /* every in-memory inode (i_sb_list) */
	struct list_head s_list;   /* on super_blocks (fs/super.c) */
	u32 s_wb_err;		   /* errseq_t: writeback errors, for syncfs */
	struct shrinker s_shrink;  /* frees unused inodes under pressure (super_cache_scan) */
};

static inline bool sb_rdonly(const struct super_block *sb)
{
	return sb->s_flags & SB_RDONLY;
}

struct inode {
	umode_t mode;	    /* S_IFxxx | permissions */
	unsigned int nlink; /* names that refer to it (directory entries) */
	unsigned long ino;
	loff_t size;
	unsigned long i_blocks;	  /* 512-byte units allocated (holes take none) */
	dev_t rdev;		  /* character and block devices */
	u32 mtime;		  /* seconds (the initramfs's; no clock writes it) */
	unsigned int i_flags;	  /* S_DEAD */
	int count;		  /* references: open files, cwd, lookups in progress */
	struct inode *parent;	  /* directories: what ".." is (the root: itself) */
	struct inode *mounted;	  /* a file system's root mounted on this directory */
	struct inode *mountpoint; /* a mounted root: the directory it covers */
	const struct inode_operations *i_op;
	const struct file_operations *i_fop; /* f_op of files opened on it */
	struct pipe_inode_info *i_pipe;
	void *i_private; /* the file system's own data */
	/* Disk file systems (ext2); zero on ramfs and procfs. */
	struct super_block *i_sb;
	struct list_head i_sb_list; /* on i_sb->s_inodes */
	u32 uid, gid;
	u32 atime, ctime;		 /* seconds */
	struct address_space *i_mapping; /* its page cache, or NULL */
};

/* i_flags: a directory removed while still in use (a cwd): nothing is created in it. */
#define S_DEAD (1 << 4)
#define IS_DEADDIR(inode) ((inode)->i_flags & S_DEAD)

/*
 * A rename as vfs_rename hands it to the file system (Linux's struct
 * renamedata, with a name and an inode in place of each dentry): new_inode
 * is what the new name refers to now, NULL if nothing.
 */
struct renamedata {
	struct inode *old_dir;
	const char *old_name;
	size_t old_len;
	struct inode *old_inode;
	struct inode *new_dir;
	const char *new_name;
	size_t new_len;
	struct inode *new_inode;
	unsigned int flags; /* RENAME_NOREPLACE */
};

struct file {
	const struct file_operations *f_op;
	struct inode *inode;
	loff_t f_pos;
	unsigned int f_flags; /* O_ flags given to open (O_APPEND, O_NONBLOCK ...) */
	unsigned int f_mode;  /* FMODE_READ | FMODE_WRITE */
	int f_count;
	void *private_data;
	u32 f_wb_err;			 /* the mapping's wb_err this file has seen (fsync) */
	struct file_ra_state {		 /* readahead window (mm/readahead.c) */
		unsigned long start;	 /* first page of the last window */
		unsigned int size;	 /* its pages */
		unsigned int async_size; /* the last async_size pages hold the marker */
		unsigned int ra_pages;	 /* the largest window */
		unsigned int mmap_miss; /* page faults that missed the cache (mm/filemap_fault.c) */
		loff_t prev_pos;	/* where the last read ended */
	} f_ra;
	char *f_name; /* the absolute path it was opened by, or NULL (maps, smaps) */
};

/* ---- inodes (fs/inode.c) ------------------------------------------------ */

extern struct inode *root_inode; /* "/" */

unsigned long get_next_ino(void);
struct inode *igrab(struct inode *inode);	    /* take a reference; returns inode */
void iput(struct inode *inode);			    /* drop one; NULL-safe */
void inode_init(struct inode *inode, umode_t mode); /* a new inode: count 1, fresh ino */
/* Is directory dir anc itself or below it, by the parent pointers (Linux's is_subdir)? */
bool is_subdir(struct inode *dir, struct inode *anc);

/* ---- names (fs/namei.c, fs/namei_ops.c, fs/namespace.c) ----------------- */

/*
 * Resolve path (absolute, or relative to cwd) to a referenced inode, or
 * ERR_PTR(-ENOENT / -ENOTDIR / -ENAMETOOLONG / -ELOOP ...). "." and ".."
 * are understood, symbolic links followed; a trailing '/' requires a
 * directory.
 */
struct inode *path_lookupat(struct inode *cwd, const char *path);
/*
 * The same with Linux's lookup flags: a symbolic link as the last
 * component is followed only with LOOKUP_FOLLOW (lstat and readlink leave
 * it out); links before it always are. ELOOP after MAXSYMLINKS links.
 */
#define LOOKUP_FOLLOW 0x0001
struct inode *filename_lookup(struct inode *cwd, const char *path, unsigned int flags);
/* open(2) without the fd: the file, or ERR_PTR (Linux's do_filp_open). */
struct file *do_filp_open(struct inode *cwd, const char *path, int flags, umode_t mode);
int do_mkdirat(struct inode *cwd, const char *path, umode_t mode); /* 0 or -errno */
/*
 * Remove a name (do_unlinkat: not a directory; do_rmdir: an empty
 * directory) or move one (do_renameat2, flags 0 or RENAME_NOREPLACE), by
 * paths from cwd; 0 or -errno, Linux's errors. The vfs_ forms act on a
 * directory and a name already looked up there.
 */
int do_unlinkat(struct inode *cwd, const char *path);
int do_rmdir(struct inode *cwd, const char *path);
int do_renameat2(struct inode *old_cwd, const char *old_path, struct inode *new_cwd,
		 const char *new_path, unsigned int flags);
int vfs_unlink(struct inode *dir, const char *name, size_t len, struct inode *inode);
int vfs_rmdir(struct inode *dir, const char *name, size_t len, struct inode *inode);
int vfs_rename(struct renamedata *rd);
/* link(2) (old_path's last link followed only with LOOKUP_FOLLOW) and symlink(2); 0 or -errno. */
int do_linkat(struct inode *old_cwd, const char *old_path, struct inode *new_cwd,
	      const char *new_path, unsigned int flags);
int do_symlinkat(const char *target, struct inode *cwd, const char *path);
/* Mount the root of another file system on the directory path; 0 or -errno. */
int mount_at(const char *path, struct inode *fs_root);
/* The same with the directory found: dir's reference goes to the mount (even on failure). */
int mount_inode(struct inode *dir, struct inode *fs_root);
/* Undo mount_inode: the directory shows again; both references are dropped. */
void umount_inode(struct inode *fs_root);
/* The absolute path of directory dir into buf; its length, or -ERANGE / -ENOENT. */
int inode_path(struct inode *dir, char *buf, size_t size);

/* ---- open files (fs/file_table.c, fs/read_write.c) ----------------------- */

/* A new open file on inode (takes its own inode reference); ERR_PTR on error. */
struct file *open_inode(struct inode *inode, int flags);
struct file *get_file(struct file *f); /* take a reference; returns f */
void fput(struct file *f);	       /* drop one; the last closes the file */
/* Record the absolute path f was opened by, from cwd (f->f_name; maps shows it). */
void file_set_name(struct file *f, struct inode *cwd, const char *path);

/* Open path from the current task's directory: for exec and the kernel. */
struct file *filp_open(const char *path, int flags, umode_t mode);
ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos);
loff_t vfs_llseek(struct file *f, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *f, loff_t offset, int whence);
/*
 * Before a write (Linux's generic_write_checks): O_APPEND moves *pos to the
 * end; a write reaching past max bytes is cut short there. 0, or -EFBIG if
 * *pos is at or past max already.
 */
int generic_write_checks(struct file *file, struct iov_iter *from, loff_t *pos, loff_t max);

/* ---- devices, the root file system, the console -------------------------- */

/* Character devices by major (fs/char_dev.c); 0 or -EBUSY / -EINVAL. */
int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops);

void init_rootfs(void);		    /* an empty ramfs as "/" (fs/ramfs.c) */
struct inode *ramfs_new_root(void); /* a fresh ramfs tree, for tests */
/* Unpack a cpio newc archive into the tree under root; 0 or -errno (fs/initramfs.c). */
int unpack_to_rootfs(struct inode *root, const void *buf, size_t len);
void populate_rootfs(void); /* "/" from every cpio boot module, plus /dev/console */

/*
 * /dev/console (drivers/tty.c): tty_init registers the device and turns on
 * the serial receive interrupt; console_on_rootfs opens /dev/console as
 * fds 0, 1 and 2 of the current task (Linux's init/main.c), 0 or -errno.
 */
void tty_init(void);
/* A session leader exits: its terminal hangs up its foreground group and is free again. */
void disassociate_ctty(int session);
int console_on_rootfs(void);
void chr_dev_init(void); /* /dev/null and /dev/zero (drivers/mem.c) */

/* ---- system calls (Linux's i386 semantics; errors as -errno) -------------- */

long sys_open(const char __user *path, int flags, int mode);
long sys_close(int fd);
long sys_read(int fd, char __user *buf, size_t count);
long sys_write(int fd, const char __user *buf, size_t count);
long sys_lseek(int fd, long offset, int whence);
long sys_readv(int fd, const void __user *vec, unsigned long vlen);
long sys_writev(int fd, const void __user *vec, unsigned long vlen);
long sys_preadv(int fd, const void __user *vec, unsigned long vlen, loff_t pos);
long sys_pwritev(int fd, const void __user *vec, unsigned long vlen, loff_t pos);
long sys_pread64(int fd, char __user *buf, size_t count, loff_t pos);
long sys_pwrite64(int fd, const char __user *buf, size_t count, loff_t pos);
long sys_llseek(int fd, unsigned long offset_high, unsigned long offset_low, loff_t __user *result,
		unsigned int whence);
long sys_getdents64(int fd, void __user *dirent, unsigned int count);
long sys_dup(int fd);
long sys_dup2(int oldfd, int newfd);
long sys_pipe(int __user *fds);
long sys_pipe2(int __user *fds, int flags);
long sys_fcntl64(int fd, unsigned int cmd, unsigned long arg); /* fs/fcntl.c */
long sys_dup3(int oldfd, int newfd, int flags);
long sys_ioctl(int fd, unsigned int cmd, unsigned long arg);
/* fs/select.c; old32: the old 32-bit timespec, else the 64-bit one. */
struct pollfd;
struct old_timeval32;
long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_ms);
long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds, const void __user *tsp,
	       const u64 __user *sigmask, size_t sigsetsize, bool old32);
long sys_select(int n, u32 __user *in, u32 __user *out, u32 __user *ex,
		struct old_timeval32 __user *tvp);
long sys_pselect6(int n, u32 __user *in, u32 __user *out, u32 __user *ex, void __user *tsp,
		  const u32 __user *sig, bool old32);
long sys_chdir(const char __user *path);
long sys_getcwd(char __user *buf, unsigned long size);
long sys_mkdir(const char __user *path, int mode);
long sys_unlink(const char __user *path);
long sys_rmdir(const char __user *path);
long sys_rename(const char __user *oldpath, const char __user *newpath);
struct stat64;
long sys_stat64(const char __user *path, struct stat64 __user *statbuf);
long sys_lstat64(const char __user *path, struct stat64 __user *statbuf);
long sys_fstat64(int fd, struct stat64 __user *statbuf);
/* Mount disk name ("sdb") as "/", keeping /dev and /proc (fs/super.c); 0 or -errno. */
int mount_root(const char *name, unsigned long flags, const char *data);
void prepare_namespace(void);
/* The machine stops: write everything back, every disk clean (Linux's SysRq-u after SysRq-s). */
void emergency_remount(void);
/* Call fn on every page cache: each cached inode's, each block device's (fs/super.c). */
void iterate_mappings(void (*fn)(struct address_space *mapping, void *arg), void *arg);
/* drop_caches 1: drop every clean, unused page-cache page, Buffers too (fs/super.c). */
void drop_pagecache(void); /* root= from the command line (fs/do_mounts.c) */
/* fs/attr.c */
struct timespec32;
long sys_fchmodat(int dfd, const char __user *path, umode_t mode);
long sys_fchmod(int fd, umode_t mode);
long sys_utimensat(int dfd, const char __user *path, const struct timespec32 __user *times,
		   int flags);
/* fs/open.c */
long sys_truncate64(const char __user *path, loff_t length);
long sys_ftruncate64(int fd, loff_t length);
long sys_link(const char __user *oldname, const char __user *newname);
long sys_symlink(const char __user *oldname, const char __user *newname);
/* fs/super.c */
struct statfs64;
long sys_mount(const char __user *dev_name, const char __user *dir_name, const char __user *type,
	       unsigned long flags, const void __user *data);
long sys_umount(const char __user *name, int flags);
long sys_sync(void);
long sys_syncfs(int fd);
long sys_fsync(int fd);
/* fsync of an open file: its dirty pages, then its file system's metadata; 0 or -errno. */
int vfs_fsync(struct file *f);
long sys_statfs64(const char __user *path, size_t sz, struct statfs64 __user *buf);
long sys_fstatfs64(int fd, size_t sz, struct statfs64 __user *buf);

/* The *at calls (fs/at.c); dfd AT_FDCWD is the working directory. */
#define AT_FDCWD (-100)
long sys_openat(int dfd, const char __user *path, int flags, int mode);
long sys_mkdirat(int dfd, const char __user *path, int mode);
long sys_unlinkat(int dfd, const char __user *path, int flags);
long sys_renameat2(int olddfd, const char __user *oldpath, int newdfd, const char __user *newpath,
		   unsigned int flags);
long sys_fstatat64(int dfd, const char __user *path, struct stat64 __user *statbuf, int flags);
long sys_faccessat2(int dfd, const char __user *path, int mode, int flags);
long sys_readlinkat(int dfd, const char __user *path, char __user *buf, int size);
long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname);
long sys_linkat(int olddfd, const char __user *oldpath, int newdfd, const char __user *newpath,
		int flags);
long sys_fchdir(int fd);
struct statx;
long sys_statx(int dfd, const char __user *path, int flags, unsigned int mask,
	       struct statx __user *buffer);

#endif
