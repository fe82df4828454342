/*
 * zram: compressed RAM block devices /dev/zram0.. (Linux's
 * drivers/block/zram). The device logic is in drivers/zram_drv.c, its
 * sysfs files and boot parameter in drivers/zram_sysfs.c.
 */
#ifndef DRIVERS_ZRAM_DRV_H
#define DRIVERS_ZRAM_DRV_H

#include "drivers/blkdev.h"
#include "mm/zbud.h"
#include "mm/zcomp.h"

#define ZRAM_MAJOR 252		/* Linux asks for a free major; 252 is what a PC usually gets */
#define ZRAM_MAX_DEVICES 4	/* zram.num_devices= at most (Linux: 1 << MINORBITS) */
#define ZRAM_DEF_COMP "lzo-rle" /* CONFIG_ZRAM_DEF_COMP */

/* How one page of the device is stored. */
enum zram_pageflags {
	ZRAM_SAME = 1, /* every word the same: handle is the word */
	ZRAM_HUGE = 2, /* incompressible, kept raw: handle is its struct page */
};

struct zram_table_entry {
	unsigned long handle; /* zbud object, raw page, or fill word; 0 with size 0: empty */
	u16 size;	      /* stored bytes (PAGE_SIZE for a huge page) */
	u8 flags;
};

/* mm_stat's and io_stat's counters (Linux's struct zram_stats). */
struct zram_stats {
	u64 compr_data_size;
	unsigned long pages_stored;
	unsigned long same_pages;
	unsigned long huge_pages;
	unsigned long huge_pages_since;
	unsigned long max_used_pages;
	unsigned long failed_reads, failed_writes, invalid_io, notify_free;
};

struct zram {
	struct block_device bdev;	 /* "zram0", 252:0; nr_sects 0 until disksize is set */
	struct zram_table_entry **table; /* one page of entries per ZRAM_ENTRIES_PER_PAGE pages */
	unsigned long nr_table_pages;
	u64 disksize; /* bytes; 0: not initialised */
	char compressor[ZCOMP_NAME_MAX];
	struct zbud_pool pool;
	unsigned long huge_pool_pages; /* raw pages outside zbud */
	unsigned long limit_pages;     /* mem_limit; 0: none */
	struct zram_stats stats;
};

extern struct zram zram_devices[ZRAM_MAX_DEVICES];
extern unsigned int num_devices;

/* Boot: register zram0..num_devices-1 (empty) and their sysfs directories. */
void zram_init(void);
void zram_add_device(struct zram *zram, unsigned int id);

/* The attributes' logic, in Linux's names; 0/-errno (stores), text (shows). */
int disksize_store(struct zram *zram, const char *buf);
int reset_store(struct zram *zram, const char *buf);
int comp_algorithm_store(struct zram *zram, const char *buf);
int mem_limit_store(struct zram *zram, const char *buf);
int mem_used_max_store(struct zram *zram, const char *buf);
unsigned long zram_used_pages(struct zram *zram);

#endif
