/*
 * shmem: memory that looks like a file but can only go to swap (Linux's
 * include/linux/shmem_fs.h). tmpfs files, System V shared memory,
 * memfd_create files and MAP_SHARED|MAP_ANONYMOUS areas are all shmem
 * inodes: their pages sit in the inode's page cache (a radix tree by
 * index), on the anon LRU lists (PG_swapbacked), and reclaim moves them to
 * swap, leaving the swap entry in their slot of the page cache:
 *
 *   i_pages[index] = struct page *      in memory (counted in Shmem, Cached)
 *                  = value(swap entry)  in swap; the entry's slot holds one
 *                                       reference for this index
 *
 * mm/shmem.c keeps the pages (shmem_get_page, shmem_writepage,
 * shmem_truncate_range, shmem_unuse); fs/tmpfs.c is the file system (mount
 * options, limits, statfs, read and write).
 */
#ifndef MM_SHMEM_FS_H
#define MM_SHMEM_FS_H

#include "fs/fs.h"
#include "mm/mm.h"
#include "mm/swapops.h"

/* One shmem inode's own data (Linux's shmem_inode_info), at inode->i_private. */
struct shmem_inode_info {
	struct address_space mapping; /* inode->i_mapping points here */
	unsigned long alloced;	      /* pages charged to the mount: in memory + in swap */
	unsigned long swapped;	      /* of those, in swap */
	unsigned long flags;	      /* VM_LOCKED: SHM_LOCK, reclaim keeps the pages */
	unsigned int seals;	      /* memfd: F_SEAL_* (none supported: always 0) */
	struct list_head swaplist;    /* on shmem_swaplist while swapped (swapoff finds it) */
	struct inode *inode;
	char *name; /* internal files: "/SYSV0000002a (deleted)", as /proc/PID/maps shows it */
};

/* One tmpfs mount's limits and usage (Linux's shmem_sb_info). 0 means no limit. */
struct shmem_sb_info {
	unsigned long max_blocks;  /* size= in pages */
	unsigned long used_blocks; /* pages charged by its files */
	unsigned long max_inodes;  /* nr_inodes= */
	unsigned long free_inodes;
	umode_t mode; /* of the root directory: mode= */
};

static inline struct shmem_inode_info *SHMEM_I(struct inode *inode)
{
	return inode->i_private;
}

static inline struct shmem_sb_info *SHMEM_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* How shmem_get_page treats a hole (Linux's enum sgp_type). */
enum sgp_type {
	SGP_READ,  /* a hole stays a hole: *pagep = NULL */
	SGP_WRITE, /* fill it with a new zeroed page, charged to the mount */
};

extern unsigned long nr_shmem;
extern const struct inode_operations shmem_inode_operations; /* fs/tmpfs.c */
extern const struct file_operations
    shmem_file_operations; /* NR_SHMEM: shmem pages in memory (Shmem in meminfo) */

/* ---- mm/shmem.c ---------------------------------------------------------------- */

/* Make inode (regular, on a shmem sb) a shmem file: its info and empty page cache; 0 or -ENOMEM. */
int shmem_init_file(struct inode *inode);
/*
 * The page at index of inode, locked and referenced, read back from swap if
 * it was there; a hole gets a new page (SGP_WRITE) or *pagep = NULL
 * (SGP_READ). 0, -ENOSPC (the mount is full), -ENOMEM, or -EIO (a swap read
 * failed). May sleep.
 */
int shmem_get_page(struct inode *inode, unsigned long index, struct page **pagep,
		   enum sgp_type sgp);
/*
 * Reclaim, for a locked, isolated shmem page in the page cache: give it a
 * swap slot, put it in the swap cache (dirty) and leave the swap entry in
 * its page-cache slot. False (the page stays) if the inode is locked
 * (SHM_LOCK) or swap is full.
 */
bool shmem_writepage(struct page *page);
/* Is page a shmem page still in its page cache (not yet moved to swap)? */
bool page_is_shmem(const struct page *page);
/* Drop every page and swap entry from byte lstart on; the partial page's tail is zeroed. */
void shmem_truncate_range(struct inode *inode, loff_t lstart);
/* Free a shmem file's pages, swap and info (evict). */
void shmem_evict_file(struct inode *inode);
/* SHM_LOCK (lock) / SHM_UNLOCK: keep inode's pages in memory or not; 0 or -ENOMEM (RLIMIT_MEMLOCK).
 */
int shmem_lock(struct inode *inode, bool lock);
/* swapoff: bring every shmem page in swap area type back into memory; 0 or -errno. */
int shmem_unuse(unsigned int type);

/* ---- fs/tmpfs.c ---------------------------------------------------------------- */

/* Charge pages to inode's mount (false: it is full), or give them back. */
bool shmem_inode_acct_block(struct inode *inode, unsigned long pages);
void shmem_inode_unacct_blocks(struct inode *inode, unsigned long pages);
/* A new inode on a tmpfs mount takes one of its nr_inodes (-ENOSPC when none is left). */
int shmem_reserve_inode(struct super_block *sb);
void shmem_free_inode(struct super_block *sb);
/*
 * A new unlinked shmem file of size bytes on the internal mount (SysV
 * shm, memfd, shared anonymous memory), named name in /proc/PID/maps;
 * ERR_PTR. shmem_file_setup opens it (flags: open(2)'s), shmem_file_open
 * opens such an inode again; both ERR_PTR on failure.
 */
struct inode *shmem_kernel_file_setup(const char *name, loff_t size);
struct file *shmem_file_setup(const char *name, loff_t size, int flags);
struct file *shmem_file_open(struct inode *inode, int flags);
/*
 * MAP_SHARED|MAP_ANONYMOUS (Linux's shmem_zero_setup): the new area vma
 * becomes a mapping of a new shmem file of its size, so its pages are
 * shared by every process that inherits it and go to swap as tmpfs pages
 * do. 0, or -errno with the area unmapped again.
 */
struct vm_area_struct;
int shmem_zero_setup(struct vm_area_struct *vma);
/* f_op->mmap of shmem files: faults go through shmem_get_page. */
int shmem_mmap(struct file *file, struct vm_area_struct *vma);
/* Is mapping a shmem file's (Linux's shmem_mapping)? */
bool shmem_mapping(const struct address_space *mapping);
/* Boot: tmpfs on /dev/shm and /tmp, as systemd mounts them. */
void shmem_init(void);
/* mount(2) of "tmpfs" on dir (referenced; the mount keeps it); 0 or -errno. */
int tmpfs_mount(struct inode *dir, unsigned long flags, const char *data);

/* ---- mm/memfd.c ---------------------------------------------------------------- */

long sys_memfd_create(const char __user *uname, unsigned int flags); /* the fd, or -errno */

/* ---- fs/ramfs.c: tmpfs's directories are ramfs's ----------------------------- */

/* A new inode of type mode on sb (NULL: the ramfs root), unlinked, count 1; NULL if none. */
struct inode *ramfs_get_inode(struct super_block *sb, umode_t mode, dev_t rdev);
/* Free an evicted ramfs/tmpfs inode's memory and its place on its mount. */
void ramfs_free_inode(struct inode *inode);
/* Unlink everything under dir (umount of a tmpfs): its files and directories are freed. */
void ramfs_kill_tree(struct inode *dir);

#endif
