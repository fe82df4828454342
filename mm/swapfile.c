/*
 * Swap areas and slots (Linux's mm/swapfile.c, with the classic slot
 * allocator of Linux <= 6.9, scan_swap_map_slots, for rotating disks).
 *
 * swap_activate() checks a mkswap header (read_swap_header: signature,
 * version 1, last_page, bad pages), builds the swap_map (slot 0 and bad
 * slots SWAP_MAP_BAD) and puts the area on swap_active_head, which is
 * sorted by priority, highest first. get_swap_page() takes the first area
 * of that list that has a free slot and moves it behind the other areas of
 * its priority, so equal priorities rotate.
 *
 * Inside an area, scan_swap_map() hands out slots in a row from
 * cluster_next; every SWAPFILE_CLUSTER (256) slots it looks for the first
 * wholly free run of 256 slots from lowest_bit and continues there, or, if
 * there is none, simply takes the next free slot after cluster_next. So
 * consecutive evictions land on consecutive slots and can be written with
 * one request.
 *
 * The swap_map count stops at SWAP_MAP_MAX (62): Linux chains
 * continuation pages (COUNT_CONTINUED) for more references; Tidemark does
 * not, and swap_duplicate() answers -ENOMEM instead.
 *
 * No locking: Tidemark runs one CPU and never touches the swap map from
 * interrupt context; the block I/O that sleeps happens in page_io.c with
 * the slot already owned by the caller.
 *
 * Everything here is plain data work, tested on the host
 * (tests/unit/test_swapfile.c); mm/swapon.c and mm/page_io.c add the block
 * device.
 */
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "drivers/blkdev.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "mm/slab.h"
#include "mm/zswap.h"

#define K(pages) ((unsigned long)(pages) << (PAGE_SHIFT - 10))
#define BITS_PER_LONG_ (8 * sizeof(unsigned long))

struct swap_info_struct swap_info[MAX_SWAPFILES];
long nr_swap_pages;
long total_swap_pages;
static int least_priority = -1; /* default priorities go -2, -3, ... */
int nr_rotate_swap;		/* active areas on rotational disks (mm/swap_state.c reads it) */
static LIST_HEAD(swap_active_head);

static const char Bad_file[] = "Bad swap file entry ";
static const char Bad_offset[] = "Bad swap offset entry ";
static const char Unused_offset[] = "Unused swap offset entry ";

/* ------------------------------------------------------------------ */
/* entries */

struct swap_info_struct *swp_swap_info(swp_entry_t entry)
{
	unsigned int type = swp_type(entry);

	if (type >= MAX_SWAPFILES || !(swap_info[type].flags & SWP_USED))
		return NULL;
	return &swap_info[type];
}

/*
 * The rule for a broken swap-count invariant. Entries come from PTEs: one
 * that names no slot in use (a bad type, a bad offset, a free slot) is
 * reported with Linux's message and the call changes nothing, as Linux's
 * _swap_info_get does. Inside a slot in use, the counts are the kernel's
 * own bookkeeping: giving back a reference or a cache bit the slot does
 * not hold stops the kernel with a named panic (swap_entry_put; Linux has
 * a VM_BUG_ON there). The one limit that is not a bug, SWAP_MAP_MAX
 * references, is an error the caller handles (-ENOMEM).
 *
 * The area of entry if the entry names a slot in use (count or cache bit),
 * else NULL after Linux's message (_swap_info_get).
 */
static struct swap_info_struct *swap_info_get(swp_entry_t entry, const char *caller)
{
	struct swap_info_struct *si;
	unsigned long offset = swp_offset(entry);

	if (!entry.val)
		return NULL;
	si = swp_swap_info(entry);
	if (!si) {
		pr_err("%s: %s%08lx\n", caller, Bad_file, entry.val);
		return NULL;
	}
	if (offset == 0 || offset >= si->max || si->swap_map[offset] == SWAP_MAP_BAD) {
		pr_err("%s: %s%08lx\n", caller, Bad_offset, entry.val);
		return NULL;
	}
	if (!si->swap_map[offset]) {
		pr_err("%s: %s%08lx\n", caller, Unused_offset, entry.val);
		return NULL;
	}
	return si;
}

static bool test_bit_(const unsigned long *map, unsigned long nr)
{
	return map[nr / BITS_PER_LONG_] & (1UL << (nr % BITS_PER_LONG_));
}

/* ------------------------------------------------------------------ */
/* slot allocation */

/* offset has just been taken: narrow the free range (swap_range_alloc). */
static void swap_range_alloc(struct swap_info_struct *si, unsigned int offset)
{
	if (offset == si->lowest_bit)
		si->lowest_bit++;
	if (offset == si->highest_bit)
		si->highest_bit--;
	si->inuse_pages++;
	if (si->inuse_pages == si->pages) { /* full: nothing to scan */
		si->lowest_bit = si->max;
		si->highest_bit = 0;
	}
	nr_swap_pages--;
}

/* offset is free again: widen the free range (swap_range_free). */
static void swap_range_free(struct swap_info_struct *si, unsigned int offset)
{
	if (offset < si->lowest_bit)
		si->lowest_bit = offset;
	if (offset > si->highest_bit)
		si->highest_bit = offset;
	si->inuse_pages--;
	nr_swap_pages++;
}

/*
 * Start a new cluster: the first run of SWAPFILE_CLUSTER free slots from
 * lowest_bit. Returns its first slot, or 0 if there is no such run.
 */
static unsigned int find_free_cluster(struct swap_info_struct *si)
{
	unsigned int offset = si->lowest_bit;
	unsigned int last_in_cluster = offset + SWAPFILE_CLUSTER - 1;

	for (; last_in_cluster <= si->highest_bit; offset++) {
		if (si->swap_map[offset])
			last_in_cluster = offset + SWAPFILE_CLUSTER;
		else if (offset == last_in_cluster)
			return offset - (SWAPFILE_CLUSTER - 1);
	}
	return 0;
}

/*
 * One free slot of si, marked usage (scan_swap_map_slots for one slot on
 * a rotating disk), or 0 if the area is full.
 */
static unsigned int scan_swap_map(struct swap_info_struct *si, unsigned char usage)
{
	unsigned int offset, scan_base;

	if (!(si->flags & SWP_WRITEOK) || !si->highest_bit)
		return 0;
	offset = si->cluster_next;
	if (si->cluster_nr == 0) {
		si->cluster_nr = SWAPFILE_CLUSTER - 1;
		if (si->pages - si->inuse_pages >= SWAPFILE_CLUSTER) {
			unsigned int start = find_free_cluster(si);

			offset = start ? start : si->cluster_next;
		}
	} else {
		si->cluster_nr--;
	}
	if (offset > si->highest_bit || offset < si->lowest_bit)
		offset = si->lowest_bit;
	scan_base = offset;
	while (si->swap_map[offset]) { /* next free after offset, then wrap */
		if (++offset > si->highest_bit)
			offset = si->lowest_bit;
		if (offset == scan_base)
			return 0;
	}
	si->swap_map[offset] = usage;
	swap_range_alloc(si, offset);
	si->cluster_next = offset + 1;
	return offset;
}

/* Move si behind the other areas of its priority (plist_requeue). */
static void requeue_swap_area(struct swap_info_struct *si)
{
	struct list_head *pos = si->list.next;

	while (pos != &swap_active_head &&
	       list_entry(pos, struct swap_info_struct, list)->prio == si->prio)
		pos = pos->next;
	if (pos == si->list.next)
		return; /* alone at its priority */
	list_del(&si->list);
	list_add_tail(&si->list, pos);
}

/*
 * A free slot for a page entering the swap cache: its swap_map is
 * SWAP_HAS_CACHE (no PTE holds it). Highest priority area first, equal
 * priorities in turn. Returns the entry, or .val == 0 if swap is full or
 * there is none.
 */
swp_entry_t get_swap_page(void)
{
	struct swap_info_struct *si;
	swp_entry_t none = { 0 };

	if (nr_swap_pages <= 0)
		return none;
	list_for_each_entry(si, &swap_active_head, list) {
		unsigned int offset = scan_swap_map(si, SWAP_HAS_CACHE);

		if (offset) {
			requeue_swap_area(si);
			return swp_entry(si->type, offset);
		}
	}
	return none;
}

/* ------------------------------------------------------------------ */
/* references and the cache bit */

/* The slot has neither count nor cache bit left: free it (or retire it). */
static void swap_entry_free(struct swap_info_struct *si, unsigned int offset)
{
	zswap_invalidate(swp_entry((unsigned int)si->type, offset)); /* frontswap_invalidate_page */
	clear_shadow_from_swap_cache(si->type, offset, offset);	     /* Linux: swap_range_free */
	if (si->bdev && si->bdev->ops && si->bdev->ops->swap_slot_free_notify)
		si->bdev->ops->swap_slot_free_notify(si->bdev, offset); /* zram frees its copy */
	if (test_bit_(si->bad_after_free, offset)) {
		si->swap_map[offset] = SWAP_MAP_BAD;
		si->inuse_pages--;
		si->pages--;
		total_swap_pages--;
		pr_warn("swap: slot %u of %s retired after a write error\n", offset, si->name);
		if (si->inuse_pages == si->pages) {
			si->lowest_bit = si->max;
			si->highest_bit = 0;
		}
		return;
	}
	si->swap_map[offset] = 0;
	swap_range_free(si, offset);
}

/*
 * Take usage on the slot of entry: 1 (one more PTE holds it) or
 * SWAP_HAS_CACHE (a page enters the swap cache for it). Linux's
 * __swap_duplicate. caller names the public function in the messages.
 * Returns 0; -ENOENT if entry names no slot in use (logged, see
 * swap_info_get); -EEXIST if the cache bit is asked for and another page
 * holds it; -ENOMEM if the count is at SWAP_MAP_MAX (Linux would chain a
 * count-continuation page; Tidemark has none).
 */
static int __swap_duplicate(swp_entry_t entry, unsigned char usage, const char *caller)
{
	struct swap_info_struct *si = swap_info_get(entry, caller);
	unsigned char *map;

	if (!si)
		return -ENOENT;
	map = &si->swap_map[swp_offset(entry)];
	if (usage == SWAP_HAS_CACHE) {
		if (*map & SWAP_HAS_CACHE)
			return -EEXIST;
	} else if ((*map & ~SWAP_HAS_CACHE) >= SWAP_MAP_MAX) {
		pr_warn("%s: %08lx has %d references: count continuation is not implemented\n",
			caller, entry.val, SWAP_MAP_MAX);
		return -ENOMEM;
	}
	*map += usage;
	return 0;
}

/*
 * Give back usage (1 or SWAP_HAS_CACHE) on the slot of entry; with
 * neither count nor cache bit left, the slot is free (or retired). The
 * one release path, Linux's __swap_entry_free_locked. Returning what the
 * slot does not hold is the broken invariant of the rule above: a panic.
 */
static void swap_entry_put(swp_entry_t entry, unsigned char usage, const char *caller)
{
	struct swap_info_struct *si = swap_info_get(entry, caller);
	unsigned int offset = swp_offset(entry);
	unsigned char *map;
	bool held;

	if (!si)
		return;
	map = &si->swap_map[offset];
	held = usage == SWAP_HAS_CACHE ? *map & SWAP_HAS_CACHE : *map & ~SWAP_HAS_CACHE;
	if (!held)
		panic("%s: slot %u of %s does not hold %s (swap_map %#x)", caller, offset, si->name,
		      usage == SWAP_HAS_CACHE ? "the cache bit" : "a reference", *map);
	*map -= usage;
	if (!*map)
		swap_entry_free(si, offset);
}

/* One more reference to a slot in use (a PTE now holds entry); see __swap_duplicate. */
int swap_duplicate(swp_entry_t entry)
{
	return __swap_duplicate(entry, 1, "swap_duplicate");
}

/* Drop one reference (a PTE let go of entry). */
void swap_free(swp_entry_t entry)
{
	swap_entry_put(entry, 1, "swap_free");
}

/*
 * Mark the slot as cached (swap-in is bringing its page into the swap
 * cache). Returns 0, -EEXIST if another page already caches it, -ENOENT
 * if the slot is free or bad.
 */
int swapcache_prepare(swp_entry_t entry)
{
	return __swap_duplicate(entry, SWAP_HAS_CACHE, "swapcache_prepare");
}

/* The page left the swap cache. */
void swapcache_clear(swp_entry_t entry)
{
	swap_entry_put(entry, SWAP_HAS_CACHE, "swapcache_clear");
}

/* References held by PTEs (0 for a free, cache-only or bad slot). */
int __swap_count(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	unsigned long offset = swp_offset(entry);
	unsigned char c;

	if (!si || offset >= si->max)
		return 0;
	c = si->swap_map[offset];
	return c == SWAP_MAP_BAD ? 0 : c & ~SWAP_HAS_CACHE;
}

/*
 * Writing the slot failed: never hand it out again. The current holders
 * keep it (the page stays in memory, in the swap cache); when the last
 * reference goes, the slot becomes SWAP_MAP_BAD instead of free and stops
 * counting in SwapTotal.
 */
void swap_mark_bad(swp_entry_t entry)
{
	struct swap_info_struct *si = swap_info_get(entry, "swap_mark_bad");
	unsigned long offset = swp_offset(entry);

	if (!si)
		return;
	si->bad_after_free[offset / BITS_PER_LONG_] |= 1UL << (offset % BITS_PER_LONG_);
}

/* ------------------------------------------------------------------ */
/* areas: header, swapon, swapoff */

/*
 * Check a swap header (Linux's read_swap_header). dev_pages is the size of
 * the device in pages. Returns the number of slots including the header
 * (max), or 0 after Linux's message if the area cannot be used.
 */
unsigned long read_swap_header(const union swap_header *hdr, unsigned long dev_pages)
{
	unsigned long maxpages = SWP_OFFSET_MAX + 1; /* what a swap PTE can address */
	unsigned long last_page;

	if (memcmp("SWAPSPACE2", hdr->magic.magic, 10)) {
		pr_err("Unable to find swap-space signature\n");
		return 0;
	}
	if (hdr->info.version != 1) {
		pr_warn("Unable to handle swap header version %d\n", (int)hdr->info.version);
		return 0;
	}
	last_page = hdr->info.last_page;
	if (!last_page) {
		pr_warn("Empty swap-file\n");
		return 0;
	}
	if (last_page > maxpages) {
		pr_warn("Truncating oversized swap area, only using %luk out of %luk\n",
			K(maxpages), K(last_page));
	}
	if (maxpages > last_page)
		maxpages = last_page + 1;
	if (maxpages > dev_pages) {
		pr_warn("Swap area shorter than signature indicates\n");
		return 0;
	}
	if (hdr->info.nr_badpages > MAX_SWAP_BADPAGES) {
		/* Linux refuses this silently; a garbage header deserves a reason */
		pr_warn("Swap header lists %u bad pages, more than the %d it can hold\n",
			hdr->info.nr_badpages, MAX_SWAP_BADPAGES);
		return 0;
	}
	return maxpages;
}

/*
 * Fill si->swap_map for max slots: slot 0 and the header's bad pages are
 * SWAP_MAP_BAD. Returns the usable slots, or 0 (logged) if a bad page is
 * out of range or nothing is usable (setup_swap_map_and_extents).
 */
static unsigned int setup_swap_map(struct swap_info_struct *si, const union swap_header *hdr,
				   const char *name)
{
	unsigned int nr_good = si->max - 1;
	unsigned int i;

	for (i = 0; i < hdr->info.nr_badpages; i++) {
		u32 page_nr = hdr->info.badpages[i];

		if (page_nr == 0 || page_nr > hdr->info.last_page) {
			pr_warn(
			    "Bad page %u in the swap header of %s is outside the area (last page "
			    "%u)\n",
			    page_nr, name, hdr->info.last_page);
			return 0;
		}
		if (page_nr < si->max && si->swap_map[page_nr] != SWAP_MAP_BAD) {
			si->swap_map[page_nr] = SWAP_MAP_BAD;
			nr_good--;
		}
	}
	si->swap_map[0] = SWAP_MAP_BAD;
	if (!nr_good)
		pr_warn("Empty swap-file\n");
	return nr_good;
}

/* Insert si in swap_active_head after every area of higher or equal priority. */
static void add_to_active_list(struct swap_info_struct *si)
{
	struct swap_info_struct *pos;

	list_for_each_entry(pos, &swap_active_head, list) {
		if (pos->prio < si->prio) {
			list_add_tail(&si->list, &pos->list);
			return;
		}
	}
	list_add_tail(&si->list, &swap_active_head);
}

static struct swap_info_struct *alloc_swap_info(void)
{
	int type;

	for (type = 0; type < MAX_SWAPFILES; type++) {
		if (!(swap_info[type].flags & SWP_USED)) {
			struct swap_info_struct *si = &swap_info[type];

			memset(si, 0, sizeof(*si));
			si->type = (signed char)type;
			INIT_LIST_HEAD(&si->list);
			return si;
		}
	}
	return NULL;
}

static void free_swap_maps(struct swap_info_struct *si)
{
	kfree(si->swap_map);
	kfree(si->bad_after_free);
	exit_swap_address_space((unsigned int)si->type);
	si->swap_map = NULL;
	si->bad_after_free = NULL;
}

/* The area called name ("/dev/sda"), or NULL. */
struct swap_info_struct *find_swap_area(const char *name)
{
	int type;

	for (type = 0; type < MAX_SWAPFILES; type++)
		if ((swap_info[type].flags & SWP_USED) && !strcmp(swap_info[type].name, name))
			return &swap_info[type];
	return NULL;
}

/*
 * Start using bdev (called name, dev_pages pages long) as swap, given its
 * first page hdr. swap_flags as swapon(2): SWAP_FLAG_PREFER with a
 * priority in SWAP_FLAG_PRIO_MASK, else the next default priority (-2,
 * -3 ...). Logs Linux's "Adding ...k swap on ..." line. Returns 0,
 * -EINVAL (bad flags or header), -EBUSY (already active), -EPERM (all
 * MAX_SWAPFILES types taken), -ENOMEM.
 */
int swap_activate(struct block_device *bdev, const char *name, const union swap_header *hdr,
		  unsigned long dev_pages, int swap_flags)
{
	struct swap_info_struct *si;
	unsigned long maxpages;

	if (swap_flags & ~SWAP_FLAGS_VALID)
		return -EINVAL;
	if (find_swap_area(name))
		return -EBUSY;
	si = alloc_swap_info();
	if (!si)
		return -EPERM;
	maxpages = read_swap_header(hdr, dev_pages);
	if (!maxpages)
		return -EINVAL;
	si->max = (unsigned int)maxpages;
	si->swap_map = kzalloc(maxpages, GFP_KERNEL);
	si->bad_after_free =
	    kzalloc(DIV_ROUND_UP(maxpages, BITS_PER_LONG_) * sizeof(long), GFP_KERNEL);
	if (!si->swap_map || !si->bad_after_free) {
		free_swap_maps(si);
		return -ENOMEM;
	}
	if (init_swap_address_space((unsigned int)si->type, maxpages))
		pr_warn("swapon: %s: no memory for the shadows of %lu slots\n", name, maxpages);
	si->pages = setup_swap_map(si, hdr, name);
	if (!si->pages) {
		free_swap_maps(si);
		return -EINVAL;
	}
	si->bdev = bdev;
	memcpy(si->name, name, strnlen(name, SWAP_NAME_LEN - 1)); /* si is zeroed */
	si->lowest_bit = 1;
	si->highest_bit = si->max - 1;
	si->cluster_next = 1;
	si->cluster_nr = 0;
	if (swap_flags & SWAP_FLAG_PREFER)
		si->prio = (short)((swap_flags & SWAP_FLAG_PRIO_MASK) >> SWAP_FLAG_PRIO_SHIFT);
	else
		si->prio = (short)--least_priority;
	si->flags = SWP_USED | SWP_WRITEOK | (bdev && bdev->nonrot ? SWP_SOLIDSTATE : 0);
	nr_rotate_swap += !(si->flags & SWP_SOLIDSTATE);
	nr_swap_pages += si->pages;
	total_swap_pages += si->pages;
	add_to_active_list(si);
	/* a whole disk is one extent spanning all its slots */
	pr_info("Adding %luk swap on %s.  Priority:%d extents:%d across:%luk %s%s%s%s\n",
		K(si->pages), si->name, si->prio, 1, K(si->pages),
		(si->flags & SWP_SOLIDSTATE) ? "SS" : "", "", "", "");
	return 0;
}

/*
 * Stop using si. As Linux's swapoff, first stop handing out its slots and
 * bring every swapped-out page back (try_to_unuse, mm/swap_state.c: through
 * every process's page tables). If that fails (no memory for the pages, a
 * read error), or a slot is still held by something that is not a page
 * table (a swap-cache reservation), the area stays on. Returns 0, -ENOMEM,
 * -EIO or -EBUSY.
 */
int swap_deactivate(struct swap_info_struct *si)
{
	if (si->inuse_pages) {
		int err;

		si->flags &= ~SWP_WRITEOK;
		err = try_to_unuse((unsigned int)(si - swap_info));
		if (err || si->inuse_pages) {
			si->flags |= SWP_WRITEOK;
			return err ? err : -EBUSY;
		}
	}
	list_del(&si->list);
	if (si->prio < 0) { /* give the default priority back, as Linux does */
		struct swap_info_struct *p;

		list_for_each_entry(p, &swap_active_head, list)
			if (p->prio < si->prio)
				p->prio++;
		least_priority++;
	}
	nr_swap_pages -= si->pages;
	total_swap_pages -= si->pages;
	nr_rotate_swap -= !(si->flags & SWP_SOLIDSTATE);
	free_swap_maps(si);
	si->flags = 0;
	si->bdev = NULL;
	return 0;
}

/* SwapTotal and SwapFree for /proc/meminfo, in pages (si_swapinfo). */
void si_swapinfo(unsigned long *totalswap, unsigned long *freeswap)
{
	*totalswap = (unsigned long)total_swap_pages;
	*freeswap = (unsigned long)nr_swap_pages;
}
