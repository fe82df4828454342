/*
 * zram: a block device whose pages live compressed in RAM (Linux's
 * drivers/block/zram/zram_drv.c), used as a swap device:
 *
 *   echo 64M > /sys/block/zram0/disksize; mkswap /dev/zram0; swapon -p 100 /dev/zram0
 *
 * The device is a table with one entry per page. A write stores the page
 * in one of three ways: same-filled (one word in the entry, same_pages),
 * compressed in a zbud pool (zbud rather than Linux's zsmalloc: see
 * mm/zbud.c), or, when LZ4 leaves more than three quarters of a page, raw
 * in a page of its own (huge_pages; Linux: zsmalloc's huge class). A read
 * reverses that; a page never written reads as zeros. When swap frees a
 * slot it tells zram (swap_slot_free_notify, notify_free) so the copy
 * goes at once, not when the slot is next written.
 *
 * Linux serialises each entry with a bit lock and gives each CPU a
 * compression stream; one CPU without preemption needs neither, and
 * nothing here sleeps.
 */
#include "drivers/zram_drv.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "mm/gfp.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/swap.h"

#define ZRAM_ENTRIES_PER_PAGE (PAGE_SIZE / sizeof(struct zram_table_entry))
#define ZRAM_HUGE_SIZE (PAGE_SIZE / 4 * 3) /* compressed bigger than this: keep raw */
/* Writes come from reclaim: take reserves, never reclaim again (Linux: __GFP_KSWAPD_RECLAIM). */
#define ZRAM_GFP (__GFP_NORETRY | __GFP_NOWARN | __GFP_KSWAPD_RECLAIM)

struct zram zram_devices[ZRAM_MAX_DEVICES];
static u8 zram_dst[ZCOMP_DST_SIZE];

static struct zram_table_entry *zram_entry(struct zram *zram, unsigned long index)
{
	return &zram->table[index / ZRAM_ENTRIES_PER_PAGE][index % ZRAM_ENTRIES_PER_PAGE];
}

static bool init_done(struct zram *zram)
{
	return zram->disksize != 0;
}

unsigned long zram_used_pages(struct zram *zram)
{
	return init_done(zram)
		   ? (unsigned long)zbud_get_pool_size(&zram->pool) + zram->huge_pool_pages
		   : 0;
}

/* Drop what page index holds (zram_free_page). */
static void zram_free_page(struct zram *zram, unsigned long index)
{
	struct zram_table_entry *e = zram_entry(zram, index);

	if (!e->flags && !e->size)
		return;
	if (e->flags & ZRAM_SAME) {
		zram->stats.same_pages--;
	} else if (e->flags & ZRAM_HUGE) {
		__free_page((struct page *)e->handle);
		zram->huge_pool_pages--;
		zram->stats.huge_pages--;
	} else {
		zbud_free(&zram->pool, e->handle);
	}
	zram->stats.compr_data_size -= e->size;
	zram->stats.pages_stored--;
	*e = (struct zram_table_entry){ 0 };
}

/* Keep len compressed bytes (zram_dst) or the raw page; fills e. 0 or -ENOMEM. */
static int zram_store(struct zram *zram, struct zram_table_entry *e, struct page *page, int len)
{
	if (len > (int)ZRAM_HUGE_SIZE) {
		struct page *raw = alloc_page(ZRAM_GFP);

		if (!raw)
			return -ENOMEM;
		zcomp_copy_page(page, page_address(raw));
		*e = (struct zram_table_entry){ (unsigned long)raw, PAGE_SIZE, ZRAM_HUGE };
		zram->huge_pool_pages++;
		zram->stats.huge_pages++;
		zram->stats.huge_pages_since++;
		return 0;
	}
	if (zbud_alloc(&zram->pool, (size_t)len, ZRAM_GFP, &e->handle))
		return -ENOMEM;
	memcpy(zbud_map(&zram->pool, e->handle), zram_dst, (size_t)len);
	zbud_unmap(&zram->pool, e->handle);
	e->size = (u16)len;
	e->flags = 0;
	return 0;
}

/* Write page as device page index. 0, or -ENOMEM (no memory, or over mem_limit). */
static int zram_write_page(struct zram *zram, struct page *page, unsigned long index)
{
	struct zram_table_entry *e = zram_entry(zram, index);
	unsigned long value, used;
	int len;

	zram_free_page(zram, index);
	if (page_same_filled(page, &value)) {
		*e = (struct zram_table_entry){ value, 0, ZRAM_SAME };
		zram->stats.same_pages++;
		zram->stats.pages_stored++;
		return 0;
	}
	len = zcomp_compress(zram->compressor, page, zram_dst);
	if (len < 0 || zram_store(zram, e, page, len))
		return -ENOMEM;
	used = zram_used_pages(zram);
	if (zram->limit_pages && used > zram->limit_pages) {
		zram->stats.pages_stored++; /* zram_free_page takes it back */
		zram->stats.compr_data_size += e->size;
		zram_free_page(zram, index);
		return -ENOMEM;
	}
	zram->stats.compr_data_size += e->size;
	zram->stats.pages_stored++;
	if (used > zram->stats.max_used_pages)
		zram->stats.max_used_pages = used;
	return 0;
}

/* Read device page index into page. 0 or -EIO (a stored page that does not decompress). */
static int zram_read_page(struct zram *zram, struct page *page, unsigned long index)
{
	struct zram_table_entry *e = zram_entry(zram, index);
	int err;

	if (e->flags & ZRAM_SAME || (!e->flags && !e->size)) {
		page_fill_value(page, e->handle); /* never written: zeros */
		return 0;
	}
	if (e->flags & ZRAM_HUGE)
		return zcomp_decompress(zram->compressor, page_address((struct page *)e->handle),
					PAGE_SIZE, page)
			   ? -EIO
			   : 0;
	err = zcomp_decompress(zram->compressor, zbud_map(&zram->pool, e->handle), e->size, page);
	zbud_unmap(&zram->pool, e->handle);
	return err ? -EIO : 0;
}

/* block_device_operations.rw_pages: whole pages at page-aligned sectors. 0 or -EIO. */
static int zram_rw_pages(struct block_device *bdev, sector_t sector, struct page **pages,
			 unsigned int nr, enum req_op op, unsigned int flags)
{
	struct zram *zram = bdev->private_data;
	unsigned long index = (unsigned long)(sector / PAGE_SECTORS);
	unsigned int i;

	(void)flags;
	if (sector % PAGE_SECTORS || !init_done(zram)) {
		zram->stats.invalid_io++;
		return -EIO;
	}
	for (i = 0; i < nr; i++) {
		if (op == REQ_OP_WRITE && zram_write_page(zram, pages[i], index + i)) {
			zram->stats.failed_writes++;
			return -EIO;
		}
		if (op == REQ_OP_READ && zram_read_page(zram, pages[i], index + i)) {
			zram->stats.failed_reads++;
			return -EIO;
		}
	}
	return 0;
}

/* Swap freed slot offset (a page index here): drop the copy now. */
static void zram_slot_free_notify(struct block_device *bdev, unsigned long offset)
{
	struct zram *zram = bdev->private_data;

	if (!init_done(zram) || offset >= zram->disksize / PAGE_SIZE)
		return;
	zram->stats.notify_free++;
	zram_free_page(zram, offset);
}

static const struct block_device_operations zram_devops = {
	.rw_pages = zram_rw_pages,
	.swap_slot_free_notify = zram_slot_free_notify,
};

/* set_capacity_and_notify's log line, in 512-byte sectors. */
static void zram_set_capacity(struct zram *zram, sector_t sectors)
{
	pr_info("%s: detected capacity change from %llu to %llu\n", zram->bdev.name,
		(unsigned long long)zram->bdev.nr_sects, (unsigned long long)sectors);
	zram->bdev.nr_sects = sectors;
}

static void zram_free_table(struct zram *zram)
{
	unsigned long i;

	for (i = 0; i < zram->nr_table_pages; i++)
		if (zram->table[i])
			free_page((unsigned long)zram->table[i]);
	kfree(zram->table);
	zram->table = NULL;
	zram->nr_table_pages = 0;
}

/* Table pages for pages device pages (zeroed). 0 or -ENOMEM. */
static int zram_alloc_table(struct zram *zram, unsigned long pages)
{
	unsigned long i, n = DIV_ROUND_UP(pages, ZRAM_ENTRIES_PER_PAGE);

	zram->table = kmalloc(n * sizeof(*zram->table), GFP_KERNEL);
	if (!zram->table)
		return -ENOMEM;
	memset(zram->table, 0, n * sizeof(*zram->table));
	zram->nr_table_pages = n;
	for (i = 0; i < n; i++) {
		zram->table[i] = (struct zram_table_entry *)get_zeroed_page(GFP_KERNEL);
		if (!zram->table[i])
			goto fail;
	}
	return 0;
fail:
	zram_free_table(zram);
	return -ENOMEM;
}

int disksize_store(struct zram *zram, const char *buf)
{
	char *end;
	u64 size = memparse(buf, &end);

	if (*end == '\n')
		end++;
	if (*end || !size || size > ((u64)1 << 32))
		return -EINVAL;
	if (init_done(zram)) {
		pr_info("zram: Cannot change disksize for initialized device\n");
		return -EBUSY;
	}
	size = (size + PAGE_SIZE - 1) & ~(u64)(PAGE_SIZE - 1);
	if (zram_alloc_table(zram, (unsigned long)(size / PAGE_SIZE)))
		return -ENOMEM;
	zbud_create_pool(&zram->pool, NULL);
	zram->disksize = size;
	zram_set_capacity(zram, size >> SECTOR_SHIFT);
	return 0;
}

/* Is the device an active swap area (Linux: open or claimed)? */
static bool zram_claimed(struct zram *zram)
{
	char name[SWAP_NAME_LEN];

	snprintf(name, sizeof(name), "/dev/%s", zram->bdev.name);
	return find_swap_area(name) != NULL;
}

int reset_store(struct zram *zram, const char *buf)
{
	unsigned long v, i;

	if (kstrtoul(buf, 10, &v) || !v)
		return -EINVAL;
	if (zram_claimed(zram))
		return -EBUSY;
	if (!init_done(zram))
		return 0;
	for (i = 0; i < zram->disksize / PAGE_SIZE; i++)
		zram_free_page(zram, i);
	zbud_destroy_pool(&zram->pool);
	zram_free_table(zram);
	zram->disksize = 0;
	zram->limit_pages = 0;
	memset(&zram->stats, 0, sizeof(zram->stats));
	zram_set_capacity(zram, 0);
	return 0;
}

int comp_algorithm_store(struct zram *zram, const char *buf)
{
	char name[ZCOMP_NAME_MAX];
	size_t n = strlen(buf);

	if (n && buf[n - 1] == '\n')
		n--;
	if (!n || n >= sizeof(name))
		return -EINVAL;
	memcpy(name, buf, n);
	name[n] = '\0';
	if (!zcomp_available(name))
		return -EINVAL;
	if (init_done(zram)) {
		pr_info("zram: Can't change algorithm for initialized device\n");
		return -EBUSY;
	}
	strlcpy(zram->compressor, name, sizeof(zram->compressor));
	return 0;
}

int mem_limit_store(struct zram *zram, const char *buf)
{
	char *end;
	u64 limit = memparse(buf, &end);

	if (*end == '\n')
		end++;
	if (*end || end == buf)
		return -EINVAL;
	zram->limit_pages = (unsigned long)((limit + PAGE_SIZE - 1) >> PAGE_SHIFT);
	return 0;
}

/* Only "0" is accepted: restart the maximum from what is used now. */
int mem_used_max_store(struct zram *zram, const char *buf)
{
	unsigned long v;

	if (kstrtoul(buf, 10, &v) || v)
		return -EINVAL;
	zram->stats.max_used_pages = zram_used_pages(zram);
	return 0;
}

void zram_add_device(struct zram *zram, unsigned int id)
{
	snprintf(zram->bdev.name, sizeof(zram->bdev.name), "zram%u", id);
	zram->bdev.major = ZRAM_MAJOR;
	zram->bdev.minor = id;
	zram->bdev.nr_sects = 0;
	zram->bdev.max_pages = 32;
	zram->bdev.nonrot = true; /* as Linux's zram: swapon says SS */
	zram->bdev.ops = &zram_devops;
	zram->bdev.private_data = zram;
	strlcpy(zram->compressor, ZRAM_DEF_COMP, sizeof(zram->compressor));
	device_add_disk(&zram->bdev);
	pr_info("zram: Added device: %s\n", zram->bdev.name);
}
