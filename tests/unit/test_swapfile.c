/*
 * Swap areas and slots on the host (mm/swapfile.c): a fake area built from
 * a mkswap-style header in memory. Allocation order, clusters, bad slots,
 * full swap, reference counts, the cache bit, priorities, swapoff,
 * /proc/swaps, and the shadow entries kept per slot (mm/swap_shadow.c).
 * Check forks each test, so every test starts with no area.
 */
#include <check.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "fs/proc/internal.h"
#include "kernel/errno.h"
#include "mm/slab.h"
#include "kernel/lib/radix-tree.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/zswap.h"

/* --- what swapfile.c needs from the kernel --- */
static char log_buf[1 << 16];

int printk(const char *fmt, ...)
{
	size_t used = strlen(log_buf);
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(log_buf + used, sizeof(log_buf) - used, fmt, ap);
	va_end(ap);
	return n;
}

/* fs/proc/swaps.c's output, into m->buf (fs/proc/root.c's, less the regrowing). */
void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	m->count += vsnprintf(m->buf + m->count, m->size - m->count, fmt, ap);
	va_end(ap);
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_printf(m, "%s", s);
}

/* A slot giving back what it does not hold panics (see the rule in swapfile.c). */
static char panic_msg[256];
static jmp_buf panic_jmp;

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(panic_msg, sizeof(panic_msg), fmt, ap);
	va_end(ap);
	longjmp(panic_jmp, 1);
}

/*
 * swapoff's page-table walk (mm/swap_state.c) needs processes; here no page
 * table holds a slot, so it brings nothing back and a slot still in use
 * keeps the area on (-EBUSY), which is what these tests check.
 */
int try_to_unuse(unsigned int type)
{
	(void)type;
	return 0;
}

/* zswap's hook: the last slot freed (frontswap_invalidate_page), counted. */
static swp_entry_t last_invalidated;
static unsigned int nr_invalidated;

void zswap_invalidate(swp_entry_t entry)
{
	last_invalidated = entry;
	nr_invalidated++;
}

static size_t kmalloc_max; /* a test's limit on one allocation, 0: none */

void *kmalloc(size_t size, gfp_t gfp)
{
	(void)gfp;
	if (kmalloc_max && size > kmalloc_max)
		return NULL;
	return calloc(1, size);
}

void kfree(const void *p)
{
	free((void *)p);
}

/* --- a header as mkswap writes it --- */
static union swap_header hdr;

static union swap_header *make_header(unsigned int last_page, unsigned int nbad,
				      const unsigned int *bad)
{
	memset(&hdr, 0, sizeof(hdr));
	memcpy(hdr.magic.magic, "SWAPSPACE2", 10);
	hdr.info.version = 1;
	hdr.info.last_page = last_page;
	hdr.info.nr_badpages = nbad;
	for (unsigned int i = 0; i < nbad; i++)
		hdr.info.badpages[i] = bad[i];
	return &hdr;
}

/* An area of `slots` slots (header included) on a device of the same size. */
static struct swap_info_struct *area(const char *name, unsigned int slots, int flags)
{
	ck_assert_int_eq(swap_activate(NULL, name, make_header(slots - 1, 0, NULL), slots, flags),
			 0);
	return find_swap_area(name);
}

static unsigned long alloc_offset(void)
{
	swp_entry_t e = get_swap_page();

	return e.val ? swp_offset(e) : 0;
}

START_TEST(header_checks_and_linux_messages)
{
	ck_assert_uint_eq(read_swap_header(make_header(16383, 0, NULL), 16384), 16384);

	make_header(100, 0, NULL);
	memcpy(hdr.magic.magic, "SWAP-SPACE", 10); /* the old v1 format */
	ck_assert_uint_eq(read_swap_header(&hdr, 16384), 0);
	ck_assert_ptr_nonnull(strstr(log_buf, "Unable to find swap-space signature\n"));

	make_header(100, 0, NULL)->info.version = 2;
	ck_assert_uint_eq(read_swap_header(&hdr, 16384), 0);
	ck_assert_ptr_nonnull(strstr(log_buf, "Unable to handle swap header version 2\n"));

	ck_assert_uint_eq(read_swap_header(make_header(0, 0, NULL), 16384), 0);
	ck_assert_ptr_nonnull(strstr(log_buf, "Empty swap-file\n"));

	ck_assert_uint_eq(read_swap_header(make_header(200, 0, NULL), 100), 0);
	ck_assert_ptr_nonnull(strstr(log_buf, "Swap area shorter than signature indicates\n"));

	make_header(100, 0, NULL)->info.nr_badpages = MAX_SWAP_BADPAGES + 1;
	ck_assert_uint_eq(read_swap_header(&hdr, 16384), 0);
	ck_assert_ptr_nonnull(strstr(log_buf, "Swap header lists 638 bad pages, more than the 637 "
					      "it can hold\n"));
	make_header(100, 0, NULL)->info.nr_badpages = 0xdeadbeef; /* garbage */
	ck_assert_uint_eq(read_swap_header(&hdr, 16384), 0);
	ck_assert_ptr_nonnull(strstr(log_buf, "Swap header lists 3735928559 bad pages"));
	ck_assert_int_eq(MAX_SWAP_BADPAGES, 637);
	ck_assert_uint_eq(offsetof(union swap_header, info.badpages), 1536);
	ck_assert_uint_eq(offsetof(union swap_header, magic.magic), PAGE_SIZE - 10);
}
END_TEST

START_TEST(activation_sizes_counters_and_log_line)
{
	struct swap_info_struct *si = area("/dev/sda", 16384, 0);

	ck_assert_uint_eq(si->pages, 16383); /* 64 MiB minus the header */
	ck_assert_uint_eq(si->max, 16384);
	ck_assert_int_eq(si->prio, -2);
	ck_assert_uint_eq(si->swap_map[0], SWAP_MAP_BAD);
	ck_assert_int_eq(total_swap_pages, 16383);
	ck_assert_int_eq(nr_swap_pages, 16383);
	ck_assert_ptr_nonnull(strstr(
	    log_buf, "Adding 65532k swap on /dev/sda.  Priority:-2 extents:1 across:65532k \n"));
	ck_assert_int_eq(swap_activate(NULL, "/dev/sda", make_header(100, 0, NULL), 101, 0),
			 -EBUSY);
	ck_assert_int_eq(
	    swap_activate(NULL, "/dev/sdb", make_header(100, 0, NULL), 101, 0x80000000), -EINVAL);
	ck_assert_int_eq(swap_activate(NULL, "/dev/sdb", make_header(100, 0, NULL), 101, 0), 0);
	ck_assert_int_eq(find_swap_area("/dev/sdb")->prio, -3);
}
END_TEST

START_TEST(consecutive_allocations_get_consecutive_slots)
{
	struct swap_info_struct *si = area("/dev/sda", 4096, 0);

	for (unsigned long i = 1; i <= 600; i++) {
		swp_entry_t e = get_swap_page();

		ck_assert_uint_eq(swp_type(e), (unsigned int)si->type);
		ck_assert_uint_eq(swp_offset(e), i);
		ck_assert_uint_eq(si->swap_map[i], SWAP_HAS_CACHE);
	}
	ck_assert_uint_eq(si->inuse_pages, 600);
	ck_assert_int_eq(nr_swap_pages, 4095 - 600);
}
END_TEST

START_TEST(new_cluster_starts_at_first_free_run_of_256)
{
	area("/dev/sda", 2048, 0);
	for (unsigned long i = 1; i <= 300; i++)
		ck_assert_uint_eq(alloc_offset(), i);
	for (unsigned long i = 1; i <= 256; i++)
		swapcache_clear(swp_entry(0, i));
	/* the current cluster (257...) runs on to 512 ... */
	for (unsigned long i = 301; i <= 512; i++)
		ck_assert_uint_eq(alloc_offset(), i);
	/* ... then the next cluster is the first wholly free run: 1..256 */
	ck_assert_uint_eq(alloc_offset(), 1);
	ck_assert_uint_eq(alloc_offset(), 2);
}
END_TEST

START_TEST(without_a_free_cluster_the_next_free_slot_is_taken)
{
	area("/dev/sda", 601, 0);
	for (unsigned long i = 1; i <= 600; i++)
		ck_assert_uint_eq(alloc_offset(), i);
	for (unsigned long i = 2; i <= 600; i += 2) /* every other slot free */
		swapcache_clear(swp_entry(0, i));
	/* cluster_next is 601 (past the end): wrap to the lowest free slot */
	ck_assert_uint_eq(alloc_offset(), 2);
	ck_assert_uint_eq(alloc_offset(), 4);
	ck_assert_uint_eq(alloc_offset(), 6);
}
END_TEST

START_TEST(full_swap_returns_no_slot_and_frees_return_to_start)
{
	struct swap_info_struct *si = area("/dev/sda", 65, 0);

	for (unsigned long i = 1; i <= 64; i++)
		ck_assert_uint_eq(alloc_offset(), i);
	ck_assert_int_eq(nr_swap_pages, 0);
	ck_assert_uint_eq(get_swap_page().val, 0);
	ck_assert(vm_swap_full());
	for (unsigned long i = 1; i <= 64; i++)
		swapcache_clear(swp_entry(0, i));
	ck_assert_int_eq(nr_swap_pages, 64);
	ck_assert_uint_eq(si->inuse_pages, 0);
	ck_assert(!vm_swap_full());
	for (unsigned long i = 1; i <= 64; i++)
		ck_assert_uint_eq(si->swap_map[i], 0);
	ck_assert_uint_ne(alloc_offset(), 0);
}
END_TEST

START_TEST(bad_slots_are_skipped)
{
	unsigned int bad[] = { 3, 4, 10 };
	struct swap_info_struct *si;
	unsigned long want[] = { 1, 2, 5, 6, 7, 8, 9, 11, 12 };

	ck_assert_int_eq(swap_activate(NULL, "/dev/sda", make_header(15, 3, bad), 16, 0), 0);
	si = find_swap_area("/dev/sda");
	ck_assert_uint_eq(si->pages, 12);
	ck_assert_uint_eq(si->swap_map[3], SWAP_MAP_BAD);
	ck_assert_uint_eq(si->swap_map[10], SWAP_MAP_BAD);
	ck_assert_ptr_nonnull(strstr(log_buf, "Adding 48k swap on /dev/sda."));
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		ck_assert_uint_eq(alloc_offset(), want[i]);
	ck_assert_uint_eq(alloc_offset(), 13);
	ck_assert_uint_eq(alloc_offset(), 14);
	ck_assert_uint_eq(alloc_offset(), 15);
	ck_assert_uint_eq(alloc_offset(), 0);
}
END_TEST

START_TEST(bad_page_out_of_range_refuses_the_area)
{
	unsigned int bad[] = { 99 };

	ck_assert_int_eq(swap_activate(NULL, "/dev/sda", make_header(15, 1, bad), 16, 0), -EINVAL);
	ck_assert_ptr_nonnull(strstr(log_buf,
				     "Bad page 99 in the swap header of /dev/sda is outside "
				     "the area (last page 15)\n"));
	ck_assert_ptr_null(find_swap_area("/dev/sda"));
	ck_assert_int_eq(total_swap_pages, 0);
}
END_TEST

START_TEST(counts_cache_bit_and_free)
{
	struct swap_info_struct *si = area("/dev/sda", 100, 0);
	swp_entry_t e = get_swap_page();
	unsigned long off = swp_offset(e);

	ck_assert_int_eq(swapcache_prepare(e), -EEXIST); /* already cached */
	ck_assert_int_eq(swap_duplicate(e), 0);		 /* two PTEs */
	ck_assert_int_eq(swap_duplicate(e), 0);
	ck_assert_int_eq(__swap_count(e), 2);
	ck_assert_uint_eq(si->swap_map[off], SWAP_HAS_CACHE | 2);
	swapcache_clear(e); /* page reclaimed */
	ck_assert_uint_eq(si->swap_map[off], 2);
	ck_assert_int_eq(swapcache_prepare(e), 0); /* swap-in */
	swapcache_clear(e);
	swap_free(e);
	ck_assert_uint_eq(si->inuse_pages, 1);
	nr_invalidated = 0;
	swap_free(e); /* last PTE gone: zswap's copy is dropped too */
	ck_assert_uint_eq(nr_invalidated, 1);
	ck_assert_uint_eq(last_invalidated.val, e.val);
	ck_assert_uint_eq(si->swap_map[off], 0);
	ck_assert_uint_eq(si->inuse_pages, 0);
	ck_assert_int_eq(nr_swap_pages, 99);
	ck_assert_int_eq(swapcache_prepare(e), -ENOENT); /* free slot */
	ck_assert_int_eq(swap_duplicate(e), -ENOENT);
	ck_assert_ptr_nonnull(
	    strstr(log_buf, "swap_duplicate: Unused swap offset entry 00000200\n"));
}
END_TEST

START_TEST(count_stops_at_swap_map_max)
{
	area("/dev/sda", 100, 0);
	swp_entry_t e = get_swap_page();

	for (int i = 0; i < SWAP_MAP_MAX; i++)
		ck_assert_int_eq(swap_duplicate(e), 0);
	ck_assert_int_eq(__swap_count(e), SWAP_MAP_MAX);
	ck_assert_int_eq(swap_duplicate(e), -ENOMEM);
	ck_assert_ptr_nonnull(strstr(log_buf, "count continuation is not implemented"));
	ck_assert_int_eq(__swap_count(e), SWAP_MAP_MAX);
}
END_TEST

START_TEST(bad_entries_are_reported_as_linux_does)
{
	area("/dev/sda", 100, 0);
	swap_free(swp_entry(5, 1));
	ck_assert_ptr_nonnull(strstr(log_buf, "swap_free: Bad swap file entry 0000020a\n"));
	swap_free(swp_entry(0, 100));
	ck_assert_ptr_nonnull(strstr(log_buf, "swap_free: Bad swap offset entry 0000c800\n"));
	swap_free(swp_entry(0, 0));
	ck_assert_ptr_null(strstr(log_buf, "entry 00000000")); /* entry 0 is "none": silent */
	swap_free(swp_entry(0, 7));
	ck_assert_ptr_nonnull(strstr(log_buf, "swap_free: Unused swap offset entry 00000e00\n"));
	ck_assert_int_eq(nr_swap_pages, 99);
}
END_TEST

START_TEST(giving_back_what_a_slot_does_not_hold_panics)
{
	area("/dev/sda", 100, 0);
	swp_entry_t e = get_swap_page(); /* the cache bit, no reference */

	if (!setjmp(panic_jmp)) {
		swap_free(e);
		ck_abort_msg("swap_free of a reference the slot does not hold went on");
	}
	ck_assert_str_eq(panic_msg, "swap_free: slot 1 of /dev/sda does not hold a reference "
				    "(swap_map 0x40)");
	ck_assert_int_eq(swap_duplicate(e), 0);
	swapcache_clear(e); /* one PTE holds it now, no page */
	if (!setjmp(panic_jmp)) {
		swapcache_clear(e);
		ck_abort_msg("a second swapcache_clear went on");
	}
	ck_assert_str_eq(panic_msg, "swapcache_clear: slot 1 of /dev/sda does not hold the cache "
				    "bit (swap_map 0x1)");
	swap_free(e); /* the slot is free: the rule's other half, a message */
	swap_free(e);
	ck_assert_ptr_nonnull(strstr(log_buf, "swap_free: Unused swap offset entry 00000200\n"));
}
END_TEST

START_TEST(write_error_retires_the_slot_when_freed)
{
	struct swap_info_struct *si = area("/dev/sda", 10, 0);
	swp_entry_t e = get_swap_page();

	ck_assert_uint_eq(swp_offset(e), 1);
	swap_duplicate(e);
	swap_mark_bad(e);
	ck_assert_uint_eq(si->swap_map[1], SWAP_HAS_CACHE | 1); /* holders keep it */
	swapcache_clear(e);
	swap_free(e);
	ck_assert_uint_eq(si->swap_map[1], SWAP_MAP_BAD);
	ck_assert_uint_eq(si->pages, 8);
	ck_assert_uint_eq(si->inuse_pages, 0);
	ck_assert_int_eq(total_swap_pages, 8);
	ck_assert_int_eq(nr_swap_pages, 8);
	for (unsigned long i = 2; i <= 9; i++)
		ck_assert_uint_eq(alloc_offset(), i);
	ck_assert_uint_eq(alloc_offset(), 0);
}
END_TEST

START_TEST(higher_priority_first_equal_priorities_rotate)
{
	area("/dev/sda", 10, 0); /* -2 */
	area("/dev/sdb", 10, SWAP_FLAG_PREFER | 5);
	area("/dev/sdc", 10, SWAP_FLAG_PREFER | 5);
	area("/dev/sdd", 10, SWAP_FLAG_PREFER | 7);

	for (int i = 0; i < 9; i++)
		ck_assert_uint_eq(swp_type(get_swap_page()), 3); /* sdd until full */
	for (int i = 0; i < 9; i++) {				 /* then sdb, sdc in turn */
		ck_assert_uint_eq(swp_type(get_swap_page()), 1);
		ck_assert_uint_eq(swp_type(get_swap_page()), 2);
	}
	ck_assert_uint_eq(swp_type(get_swap_page()), 0);
	ck_assert_int_eq(nr_swap_pages, 8);
}
END_TEST

START_TEST(swapoff_refuses_busy_area_and_gives_everything_back)
{
	struct swap_info_struct *a = area("/dev/sda", 100, 0);
	struct swap_info_struct *b = area("/dev/sdb", 100, 0);
	swp_entry_t e = get_swap_page();

	ck_assert_int_eq(b->prio, -3);
	ck_assert_uint_eq(swp_type(e), 0);
	ck_assert_int_eq(swap_deactivate(a), -EBUSY);
	ck_assert_ptr_nonnull(find_swap_area("/dev/sda"));
	swapcache_clear(e);
	ck_assert_int_eq(swap_deactivate(a), 0);
	ck_assert_ptr_null(find_swap_area("/dev/sda"));
	ck_assert_int_eq(b->prio, -2); /* moved up, as Linux does */
	ck_assert_int_eq(total_swap_pages, 99);
	ck_assert_uint_eq(swp_type(get_swap_page()), 1);
	ck_assert_int_eq(swap_activate(NULL, "/dev/sda", make_header(99, 0, NULL), 100, 0), 0);
	ck_assert_int_eq(find_swap_area("/dev/sda")->prio, -3);
}
END_TEST

/* ---- shadow entries (mm/swap_shadow.c) ---------------------------------- */

START_TEST(a_shadow_stays_while_a_pte_holds_the_slot_and_goes_with_it)
{
	struct swap_info_struct *si = area("/dev/sda", 100, 0);
	swp_entry_t e = get_swap_page(), f = get_swap_page();
	void *shadow = xa_mk_value(12345);

	ck_assert_ptr_null(get_shadow_from_swap_cache(e)); /* a new area has none */
	swap_duplicate(e);				   /* the PTE of the page swapped out */
	store_shadow_in_swap_cache(e, shadow);		   /* reclaim frees the page */
	swapcache_clear(e);
	ck_assert_ptr_eq(get_shadow_from_swap_cache(e), shadow);
	ck_assert_ptr_null(get_shadow_from_swap_cache(f)); /* only its own slot */
	swap_free(e);					   /* the process exits */
	ck_assert_uint_eq(si->swap_map[swp_offset(e)], 0);
	ck_assert_ptr_null(get_shadow_from_swap_cache(e));
	/* a shadow left for a slot nobody holds goes as the cache bit does */
	store_shadow_in_swap_cache(f, shadow);
	swapcache_clear(f);
	ck_assert_ptr_null(get_shadow_from_swap_cache(f));
	ck_assert_uint_eq(si->inuse_pages, 0);
}
END_TEST

START_TEST(a_retired_slot_forgets_its_shadow)
{
	swp_entry_t e;

	area("/dev/sda", 10, 0);
	e = get_swap_page();
	swap_duplicate(e);
	swap_mark_bad(e);
	store_shadow_in_swap_cache(e, xa_mk_value(7));
	swapcache_clear(e);
	swap_free(e);
	ck_assert_ptr_null(get_shadow_from_swap_cache(e));
}
END_TEST

START_TEST(swapoff_drops_the_areas_shadows)
{
	struct swap_info_struct *a = area("/dev/sda", 100, 0);
	swp_entry_t e = get_swap_page();

	store_shadow_in_swap_cache(e, xa_mk_value(1));
	swapcache_clear(e); /* the slot is free: its shadow with it */
	e = swp_entry(0, 50);
	store_shadow_in_swap_cache(e, xa_mk_value(2)); /* as if a PTE held slot 50 */
	ck_assert_int_eq(swap_deactivate(a), 0);
	ck_assert_ptr_null(get_shadow_from_swap_cache(e)); /* no area, no shadow */
	store_shadow_in_swap_cache(e, xa_mk_value(3));	   /* and none can be left */
	area("/dev/sda", 100, 0);
	ck_assert_ptr_null(get_shadow_from_swap_cache(e));
}
END_TEST

START_TEST(an_area_without_room_for_shadows_is_used_without_them)
{
	struct swap_info_struct *a;
	swp_entry_t e;

	kmalloc_max = 100; /* the 100-byte swap map fits, 100 shadow words do not */
	a = area("/dev/sda", 100, 0);
	kmalloc_max = 0;
	ck_assert_ptr_nonnull(
	    strstr(log_buf, "swapon: /dev/sda: no memory for the shadows of 100 slots\n"));
	e = get_swap_page();
	ck_assert_uint_eq(swp_offset(e), 1); /* the swap space is there all the same */
	store_shadow_in_swap_cache(e, xa_mk_value(1));
	ck_assert_ptr_null(get_shadow_from_swap_cache(e)); /* nowhere to keep it */
	swapcache_clear(e);
	ck_assert_int_eq(swap_deactivate(a), 0);
}
END_TEST

START_TEST(a_pointer_or_a_slot_past_the_area_is_refused_by_name)
{
	static int word;

	area("/dev/sda", 100, 0);
	if (setjmp(panic_jmp) == 0) {
		store_shadow_in_swap_cache(swp_entry(0, 5), &word);
		ck_abort_msg("a pointer was stored as a shadow");
	}
	ck_assert_ptr_nonnull(strstr(panic_msg, "store_shadow_in_swap_cache: "));
	if (setjmp(panic_jmp) == 0) {
		get_shadow_from_swap_cache(swp_entry(0, 100));
		ck_abort_msg("slot 100 of a 100-slot area was looked up");
	}
	ck_assert_str_eq(panic_msg, "swap_shadow: offset 100 past the 100 slots of area 0");
}
END_TEST

START_TEST(proc_swaps_format)
{
	char buf[512];
	struct seq_file m = { buf, sizeof(buf), 0 };

	area("/dev/sda", 16384, 0);
	area("/dev/sdb", 1025, SWAP_FLAG_PREFER | 10);
	get_swap_page();
	ck_assert_int_eq(swaps_proc_show(&m, NULL), 0);
	ck_assert_str_eq(buf,
			 "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
			 "/dev/sda                                partition\t65532\t\t0\t\t-2\n"
			 "/dev/sdb                                partition\t4096\t\t4\t\t10\n");
}
END_TEST

START_TEST(meminfo_numbers)
{
	unsigned long total, free_;

	area("/dev/sda", 1001, 0);
	get_swap_page();
	si_swapinfo(&total, &free_);
	ck_assert_uint_eq(total, 1000);
	ck_assert_uint_eq(free_, 999);
}
END_TEST

int main(void)
{
	const TTest *tests[] = { header_checks_and_linux_messages,
				 activation_sizes_counters_and_log_line,
				 consecutive_allocations_get_consecutive_slots,
				 new_cluster_starts_at_first_free_run_of_256,
				 without_a_free_cluster_the_next_free_slot_is_taken,
				 full_swap_returns_no_slot_and_frees_return_to_start,
				 bad_slots_are_skipped,
				 bad_page_out_of_range_refuses_the_area,
				 counts_cache_bit_and_free,
				 count_stops_at_swap_map_max,
				 bad_entries_are_reported_as_linux_does,
				 giving_back_what_a_slot_does_not_hold_panics,
				 write_error_retires_the_slot_when_freed,
				 higher_priority_first_equal_priorities_rotate,
				 swapoff_refuses_busy_area_and_gives_everything_back,
				 a_shadow_stays_while_a_pte_holds_the_slot_and_goes_with_it,
				 a_retired_slot_forgets_its_shadow,
				 swapoff_drops_the_areas_shadows,
				 an_area_without_room_for_shadows_is_used_without_them,
				 a_pointer_or_a_slot_past_the_area_is_refused_by_name,
				 proc_swaps_format,
				 meminfo_numbers,
				 NULL };

	return run_tests("swapfile", tests, 0, CK_FORK_GETENV);
}
