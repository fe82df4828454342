/*
 * Swap areas (mm/swapfile.c, mm/swapon.c, mm/page_io.c): Linux's
 * include/linux/swap.h for a kernel whose swap lives on whole ATA disks.
 *
 * A swap area is a disk formatted by mkswap: page 0 holds the header
 * (union swap_header, "SWAPSPACE2"), pages 1..last_page are slots. Each
 * slot has one byte in si->swap_map: the number of references (swap PTEs)
 * in the low bits up to SWAP_MAP_MAX, plus SWAP_HAS_CACHE while the page
 * sits in the swap cache; SWAP_MAP_BAD marks a slot never to use. Slot 0
 * is the header and is never handed out. Areas are used highest priority
 * first; areas of equal priority take turns (one slot each, as Linux's
 * plist_requeue does). Entries (type, offset) are in mm/swapops.h.
 *
 * Reference protocol for the reclaim and fault code:
 *   get_swap_page()          slot with count 0 + SWAP_HAS_CACHE
 *   swap_duplicate(e)        +1 reference (a PTE now holds e)
 *   swap_free(e)             -1 reference (a PTE dropped e)
 *   swapcache_prepare(e)     set SWAP_HAS_CACHE (swap-in: page enters cache)
 *   swapcache_clear(e)       clear SWAP_HAS_CACHE (page leaves the cache)
 * The slot is free again when both the count and the cache bit are gone.
 */
#ifndef MM_SWAP_H
#define MM_SWAP_H

#include "kernel/list.h"
#include "kernel/types.h"
#include "kernel/uaccess.h"
#include "mm/layout.h"
#include "mm/swapops.h"
#include "uapi/linux/swap.h" /* swapon(2) flags */

struct block_device;
struct page;

/* swap_map byte values (include/linux/swap.h) */
#define SWAP_HAS_CACHE 0x40  /* the slot's page is in the swap cache */
#define COUNT_CONTINUED 0x80 /* Linux: count goes on in a continuation page (not here) */
#define SWAP_MAP_MAX 0x3e    /* most references one byte holds */
#define SWAP_MAP_BAD 0x3f    /* never allocate this slot */

#define SWAPFILE_CLUSTER 256 /* slots allocated in a row before a new cluster is sought */

/* the swapon(2) flags this kernel accepts */
#define SWAP_FLAGS_VALID                                                                           \
	(SWAP_FLAG_PRIO_MASK | SWAP_FLAG_PREFER | SWAP_FLAG_DISCARD | SWAP_FLAG_DISCARD_ONCE |     \
	 SWAP_FLAG_DISCARD_PAGES)

/* si->flags */
#define SWP_USED 0x1	    /* this swap_info[] entry is taken */
#define SWP_WRITEOK 0x2	    /* slots may be allocated */
#define SWP_SOLIDSTATE 0x10 /* on a non-rotational disk: VMA-based readahead */

/* The first page of a swap area, as mkswap writes it (little endian). */
union swap_header {
	struct {
		char reserved[PAGE_SIZE - 10];
		char magic[10]; /* "SWAPSPACE2" */
	} magic;
	struct {
		char bootbits[1024]; /* room for a disk label */
		u32 version;	     /* 1 */
		u32 last_page;	     /* last usable slot */
		u32 nr_badpages;
		unsigned char sws_uuid[16];
		unsigned char sws_volume[16];
		u32 padding[117];
		u32 badpages[]; /* nr_badpages slot numbers (Linux: [1]) */
	} info;
};

/* How many bad-page numbers fit between badpages[] and the signature: 637. */
#define MAX_SWAP_BADPAGES ((4086 - 1536) / 4)

#define SWAP_NAME_LEN 16

struct swap_info_struct {
	unsigned long flags;	       /* SWP_USED, SWP_WRITEOK, SWP_SOLIDSTATE */
	short prio;		       /* higher is used first */
	signed char type;	       /* index in swap_info[], the entry's type */
	struct list_head list;	       /* on swap_active_head, by priority */
	unsigned char *swap_map;       /* one byte per slot, max of them */
	unsigned long *bad_after_free; /* bitmap: slot turns SWAP_MAP_BAD when freed */
	unsigned int lowest_bit;       /* no free slot below this */
	unsigned int highest_bit;      /* no free slot above this (0: area full) */
	unsigned int cluster_next;     /* next slot to try */
	unsigned int cluster_nr;       /* slots left in the current cluster */
	unsigned int pages;	       /* usable slots (not the header, not bad) */
	unsigned int inuse_pages;      /* slots holding a count or the cache bit */
	unsigned int max;	       /* slots including the header: last_page + 1 */
	struct block_device *bdev;
	char name[SWAP_NAME_LEN]; /* "/dev/sda", as /proc/swaps shows it */
};

extern struct swap_info_struct swap_info[MAX_SWAPFILES];
extern long nr_swap_pages;    /* free slots in all writable areas */
extern long total_swap_pages; /* usable slots in all areas */

static inline long get_nr_swap_pages(void)
{
	return nr_swap_pages;
}

/* More than half of all swap in use: swap-in should free slots eagerly. */
static inline bool vm_swap_full(void)
{
	return nr_swap_pages * 2 < total_swap_pages;
}

/* The area of entry, or NULL if the entry names no active area. */
struct swap_info_struct *swp_swap_info(swp_entry_t entry);

/* --- slots (mm/swapfile.c) --- */
swp_entry_t get_swap_page(void); /* .val == 0: no free slot anywhere */
int swap_duplicate(swp_entry_t entry);
void swap_free(swp_entry_t entry);
int swapcache_prepare(swp_entry_t entry);
void swapcache_clear(swp_entry_t entry);
int __swap_count(swp_entry_t entry); /* references, without the cache bit */
void swap_mark_bad(swp_entry_t entry);

/* --- areas (mm/swapfile.c) --- */
unsigned long read_swap_header(const union swap_header *hdr, unsigned long dev_pages);
int swap_activate(struct block_device *bdev, const char *name, const union swap_header *hdr,
		  unsigned long dev_pages, int swap_flags);
int swap_deactivate(struct swap_info_struct *si);
struct swap_info_struct *find_swap_area(const char *name);
void si_swapinfo(unsigned long *totalswap, unsigned long *freeswap);

/* --- activation through the block layer (mm/swapon.c) --- */
int do_swapon(const char *path, int swap_flags);
int do_swapoff(const char *path);
long sys_swapon(const char __user *path, int swap_flags);
long sys_swapoff(const char __user *path);
void swap_boot_activate(void);

/* --- I/O (mm/page_io.c) --- */
int swap_writepage(struct page *page, swp_entry_t entry);
struct bio;
int swap_readpage(struct page *page, swp_entry_t entry, struct bio **plug); /* plug: async */
void swap_read_unplug(struct bio *plug); /* submit what swap_readpage gathered */
int swap_writepages(struct page **pages, swp_entry_t first, unsigned int nr);

/*
 * Reclaim's writes, batched (Linux's struct swap_iocb, which batches its
 * writes to a swap file): pages whose slots follow each other wait in the
 * plug and go to the disk in one request of up to SWAP_IOCB_MAX pages.
 * Start with an empty plug (nr = 0); end with swap_write_unplug.
 */
#define SWAP_IOCB_MAX 32 /* SWAP_CLUSTER_MAX: one reclaim batch */
struct swap_iocb {
	struct page *pages[SWAP_IOCB_MAX];
	unsigned int nr;
};
void __swap_writepage(struct page *page, struct swap_iocb *plug);
void swap_write_unplug(struct swap_iocb *plug);
extern unsigned long nr_swap_writeback; /* pages whose swap write is in flight */
/* Pages under writeback, page cache's and swap's (Linux's NR_WRITEBACK, meminfo's Writeback). */
unsigned long global_writeback_pages(void);
void swap_writeback_throttle(void); /* reclaim: wait (HZ/10 at most) for a write to end */

#endif
