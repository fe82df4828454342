/*
 * A small block layer (drivers/blkdev.c): one struct block_device per
 * disk, found by name ("sda"); asynchronous whole-page I/O by struct bio
 * (submit_bio returns at once, bi_end_io runs when the disk is done), and
 * synchronous page I/O on top. Linux's names: block_device, sector_t, bio,
 * submit_bio, bio_endio, submit_bio_wait, bdev_read_page, bdev_write_page;
 * disk_stats as /proc/diskstats will show them.
 */
#ifndef DRIVERS_BLKDEV_H
#define DRIVERS_BLKDEV_H

#include "fs/fs.h"
#include "kernel/list.h"
#include "kernel/types.h"

struct page;

typedef u64 sector_t;

#define SECTOR_SHIFT 9
#define SECTOR_SIZE 512
#define PAGE_SECTORS 8	   /* PAGE_SIZE / SECTOR_SIZE */
#define SCSI_DISK0_MAJOR 8 /* sd: sda is 8:0, sdb 8:16 ... */
#define BDEV_NAME_LEN 8

enum req_op { REQ_OP_READ = 0, REQ_OP_WRITE = 1 };

/*
 * Request flags. REQ_PIO is Tidemark's own: ask the driver for programmed
 * I/O instead of DMA, so the two can be compared (Linux chooses per device).
 */
#define REQ_PIO 0x1u

/* Per-device counters, the fields /proc/diskstats prints (index: enum req_op). */
struct disk_stats {
	unsigned long ios[2];	  /* requests completed */
	unsigned long sectors[2]; /* sectors transferred */
	unsigned long ticks[2];	  /* ms spent in requests */
	unsigned long errors[2];  /* requests that failed with -EIO (not in diskstats) */
};

struct block_device;
struct bio;

/*
 * What a driver provides. rw_pages transfers nr (<= max_pages) whole,
 * consecutive pages starting at sector, sleeping until done; returns 0 or
 * -EIO. Linux's block_device_operations had rw_page (one page) for the same
 * purpose. submit_bio (optional) queues a bio and returns; the driver ends
 * it with bio_endio, usually from its interrupt. Without it the block
 * layer runs the bio through rw_pages in the submitter's context.
 */
struct block_device_operations {
	int (*rw_pages)(struct block_device *bdev, sector_t sector, struct page **pages,
			unsigned int nr, enum req_op op, unsigned int flags);
	void (*submit_bio)(struct bio *bio);
	/* Optional: swap freed the slot at page offset (zram drops its copy). */
	void (*swap_slot_free_notify)(struct block_device *bdev, unsigned long offset);
};

/*
 * One I/O request (Linux's struct bio): whole pages for consecutive
 * sectors of one disk, and what to call when it ends.
 *
 *   bio = bio_alloc(bdev, BIO_MAX_VECS, REQ_OP_READ, GFP_NOIO);
 *   bio->bi_sector = ...; bio->bi_end_io = my_end_io; bio->bi_private = ...;
 *   bio_add_page(bio, page) ...            (PAGE_SIZE, or 0 when full)
 *   submit_bio(bio);                        returns at once
 *   ... later, from the disk interrupt: my_end_io(bio), bio->bi_status 0
 *   or -EIO; my_end_io calls bio_put(bio) when it is done with it.
 *
 * bi_end_io runs with interrupts off and must not sleep (Linux: softirq
 * or interrupt context). Linux's bio_vec carries offset and length; here
 * every vector is a whole page.
 */
#define BIO_MAX_VECS 32 /* 128 KiB: one ATA command (ATA_MAX_PAGES) */
typedef void(bio_end_io_t)(struct bio *bio);

struct bio {
	struct block_device *bi_bdev;
	enum req_op bi_op;     /* Linux: REQ_OP_MASK of bi_opf */
	unsigned int bi_flags; /* REQ_PIO */
	sector_t bi_sector;    /* Linux: bi_iter.bi_sector */
	unsigned int bi_vcnt;
	struct page *bi_io_vec[BIO_MAX_VECS];
	int bi_status; /* 0 or -EIO (-EINVAL: outside the disk) when it ends */
	bio_end_io_t *bi_end_io;
	void *bi_private;
	unsigned long bi_start;	  /* jiffies at submit_bio, for disk_stats */
	struct list_head bi_list; /* on the driver's queue */
};

/* A bio for bdev and op, or NULL if no memory (gfp: GFP_NOIO from reclaim). */
struct bio *bio_alloc(struct block_device *bdev, unsigned int nr_vecs, enum req_op op,
		      unsigned int gfp);
/* Append a page: PAGE_SIZE, or 0 if the bio is full (Linux's bio_add_page). */
int bio_add_page(struct bio *bio, struct page *page);
void bio_put(struct bio *bio);
/* Start bio and return; bi_end_io runs when it ends (maybe before this returns). */
void submit_bio(struct bio *bio);
/* Submit and sleep until bio ends; its bi_status. */
int submit_bio_wait(struct bio *bio);
/* The driver's "done" (any context, interrupts off or on): stats, then bi_end_io. */
void bio_endio(struct bio *bio);
void blkdev_init(void); /* the bio cache */

struct block_device {
	char name[BDEV_NAME_LEN]; /* "sda" */
	unsigned int major, minor;
	sector_t nr_sects;		 /* size in 512-byte sectors */
	unsigned int logical_block_size; /* 512 */
	unsigned int max_pages;		 /* per rw_pages call */
	bool nonrot;			 /* no seek penalty (Linux's QUEUE_FLAG_NONROT) */
	const struct block_device_operations *ops;
	void *private_data; /* the driver's (struct ata_device) */
	struct disk_stats stats;
	struct list_head list;		 /* on all_bdevs, in registration order */
	struct address_space bd_mapping; /* its cached blocks ("Buffers", fs/buffer.c) */
	bool bd_mapping_ready;
	struct super_block *bd_super; /* the file system mounted from it, or NULL */
};

/*
 * Give a disk the next sd name ("sda", "sdb" ... in call order), log its
 * size as Linux's sd driver does, and make it findable. The caller fills
 * nr_sects, ops, max_pages, private_data; scsi_id is the "H:C:T:L" Linux
 * would print. Returns 0 or -ENOSPC (more than 26 disks).
 */
int add_disk(struct block_device *bdev, const char *scsi_id);

/*
 * Make a disk the caller has named (name, major, minor: "zram0", 252:0)
 * findable, as add_disk does for sd disks, without a log line.
 */
void device_add_disk(struct block_device *bdev);

/* The disk called name ("sda"), or NULL. */
struct block_device *blkdev_get_by_name(const char *name);

/* The disks in registration order: for (b = NULL; (b = bdev_next(b));) */
struct block_device *bdev_next(struct block_device *prev);

/*
 * Synchronous page I/O at sector (512-byte units; need not be page
 * aligned). The caller sleeps until the transfer ends. Returns 0, -EIO
 * (device or DMA error, timeout: logged as "end_request: I/O error")
 * or -EINVAL (beyond the end of the device, no pages).
 */
int bdev_read_page(struct block_device *bdev, sector_t sector, struct page *page);
int bdev_write_page(struct block_device *bdev, sector_t sector, struct page *page);

/*
 * nr pages for consecutive sectors from sector, in as few requests as the
 * driver allows (swap writes clusters this way). flags: REQ_PIO or 0.
 * Stops at the first failing request and returns its error.
 */
int bdev_rw_pages(struct block_device *bdev, enum req_op op, sector_t sector, struct page **pages,
		  unsigned int nr, unsigned int flags);

/*
 * Device nodes (fs/block_dev.c). blkdev_populate_dev makes /dev/sda ...
 * (S_IFBLK, 8:0, 8:16 ...) for every disk; call it once "/" has /dev.
 * lookup_bdev: the device number of the block-device node at path
 * (absolute; relative paths start at "/"): 0, -ENOENT, -ENOTDIR or
 * -ENOTBLK. blkdev_get_by_dev: the disk with that number, or NULL.
 * blkdev_get_by_path: both in one, or ERR_PTR(-ENOENT / -ENOTBLK / -ENXIO):
 * what swapon(2) calls.
 */
void blkdev_populate_dev(void);
/* The disk's own page cache, where fs/buffer.c keeps metadata blocks. */
struct address_space *bdev_mapping(struct block_device *bdev);
extern const struct file_operations def_blk_fops; /* what an opened block-device node does */
int lookup_bdev(const char *path, dev_t *dev);
struct block_device *blkdev_get_by_dev(dev_t dev);
struct block_device *blkdev_get_by_path(const char *path);

/* "67.1 MB" or "64.0 MiB": Linux's string_get_size, 3 significant digits. */
void string_get_size(u64 size, bool units_2, char *buf, size_t len);

#endif
