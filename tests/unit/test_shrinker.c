/*
 * shrink_slab (mm/shrinker.c) built for the host: Linux 6.1's
 * do_shrink_slab arithmetic, each expected number worked out in the test
 * from the formulas (delta = (freeable >> priority) * 4 / seeks, or
 * freeable / 2 for seeks 0; total_scan capped at 2 * freeable; batches
 * while total_scan >= batch or >= freeable; the rest deferred, capped at
 * 2 * freeable). A fake shrinker holds `objects`, frees what it is asked
 * to scan and records each call. Stand-ins: the vmstat array, the
 * scheduler and wait-queue calls mm/shrinker.c makes.
 */
#include <check.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "mm/shrinker.h"
#include "mm/vmstat.h"

/* ---- stand-ins -------------------------------------------------------------- */

unsigned long vm_event_states[NR_VM_EVENT_ITEMS];
bool need_resched;
static struct task_struct fake_task;
struct task_struct *current = &fake_task;

void schedule(void)
{
	ck_abort_msg("shrink_slab slept with nobody to wake it");
}

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *w, long state)
{
	(void)wq, (void)w, (void)state;
}

void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *w)
{
	(void)wq, (void)w;
}

void wake_up(wait_queue_head_t *wq)
{
	(void)wq;
}

/* ---- a fake cache ----------------------------------------------------------- */

struct fake_cache {
	struct shrinker shrinker;
	long objects;	 /* what count_objects reports */
	bool frees;	 /* scan frees what it scans (else objects stay) */
	bool stop;	 /* scan answers SHRINK_STOP */
	long scan_limit; /* if > 0: scan looks at no more than this (nr_scanned) */
	int calls;	 /* scan_objects calls */
	long asked[64];	 /* nr_to_scan of each call */
	gfp_t gfp_seen;
};

static unsigned long fake_count(struct shrinker *s, struct shrink_control *sc)
{
	struct fake_cache *c = (struct fake_cache *)s;

	(void)sc;
	return c->objects ? (unsigned long)c->objects : SHRINK_EMPTY;
}

static unsigned long fake_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct fake_cache *c = (struct fake_cache *)s;
	long n = (long)sc->nr_to_scan;

	c->gfp_seen = sc->gfp_mask;
	if (c->stop)
		return SHRINK_STOP;
	if (c->calls < 8)
		c->asked[c->calls] = n;
	c->calls++;
	if (c->scan_limit > 0 && n > c->scan_limit)
		sc->nr_scanned = (unsigned long)(n = c->scan_limit);
	if (!c->frees)
		return 0;
	n = n < c->objects ? n : c->objects;
	c->objects -= n;
	return (unsigned long)n;
}

static struct fake_cache cache;

/* A registered fake cache of `objects` with seeks and batch (0: SHRINK_BATCH). */
static struct fake_cache *fake(long objects, int seeks, long batch)
{
	memset(&cache, 0, sizeof(cache));
	cache.objects = objects;
	cache.frees = true;
	cache.shrinker.count_objects = fake_count;
	cache.shrinker.scan_objects = fake_scan;
	cache.shrinker.seeks = seeks;
	cache.shrinker.batch = batch;
	register_shrinker(&cache.shrinker, "fake");
	memset(vm_event_states, 0, sizeof(vm_event_states));
	return &cache;
}

static void done(struct fake_cache *c)
{
	unregister_shrinker(&c->shrinker);
}

/* ---- tests ------------------------------------------------------------------- */

START_TEST(light_pressure_defers_a_share_smaller_than_a_batch)
{
	struct fake_cache *c = fake(10000, DEFAULT_SEEKS, 0);
	long delta = (10000 >> 12) * 4 / 2; /* 4 */

	ck_assert_uint_eq(shrink_slab(GFP_KERNEL, 0, 12), 0);
	ck_assert_int_eq(c->calls, 0);
	ck_assert_int_eq(c->shrinker.nr_deferred, delta);
	ck_assert_uint_eq(vm_event_count(SLABS_SCANNED), 0);
	done(c);
}
END_TEST

START_TEST(priority_0_scans_twice_the_cache_in_batches)
{
	struct fake_cache *c = fake(300, DEFAULT_SEEKS, 0);

	/* delta 300*4/2 = 600 = cap 2*300; batches of 128 while >= 128: 600 472 344 216 -> 88 */
	ck_assert_uint_eq(shrink_slab(GFP_KERNEL, 0, 0), 300);
	ck_assert_int_eq(c->calls, 4);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(c->asked[i], SHRINK_BATCH);
	ck_assert_uint_eq(vm_event_count(SLABS_SCANNED), 512);
	ck_assert_int_eq(c->shrinker.nr_deferred, 600 - 512);
	done(c);
}
END_TEST

START_TEST(seeks_0_trims_half_whatever_the_priority)
{
	struct fake_cache *c = fake(1000, 0, 0);

	/* delta 500: 500 372 244 scanned by 128 each -> 116 left, deferred */
	ck_assert_uint_eq(shrink_slab(GFP_KERNEL, 0, 12), 384);
	ck_assert_int_eq(c->calls, 3);
	ck_assert_int_eq(c->shrinker.nr_deferred, 116);
	ck_assert_int_eq(c->objects, 1000 - 384);
	done(c);
}
END_TEST

START_TEST(a_cache_smaller_than_a_batch_goes_at_deep_priority)
{
	struct fake_cache *c = fake(50, DEFAULT_SEEKS, 0);

	/* delta 100 >= freeable 50: one call for min(128, 100) */
	ck_assert_uint_eq(shrink_slab(GFP_KERNEL, 0, 0), 50);
	ck_assert_int_eq(c->calls, 1);
	ck_assert_int_eq(c->asked[0], 100);
	ck_assert_int_eq(c->shrinker.nr_deferred, 0);
	done(c);
}
END_TEST

START_TEST(deferred_work_adds_up_and_is_done_later)
{
	struct fake_cache *c = fake(6400, DEFAULT_SEEKS, 0);

	c->frees = false; /* the count stays 6400 */
	/* priority 6: delta (6400 >> 6) * 4 / 2 = 200; one batch, 72 deferred */
	shrink_slab(GFP_KERNEL, 0, 6);
	ck_assert_int_eq(c->calls, 1);
	ck_assert_int_eq(c->shrinker.nr_deferred, 72);
	/* total_scan (72 >> 6) + 200 = 201: one batch; deferred 72 + 200 - 128 */
	shrink_slab(GFP_KERNEL, 0, 6);
	ck_assert_int_eq(c->calls, 2);
	ck_assert_int_eq(c->shrinker.nr_deferred, 144);
	/* priority 0: total 144 + 12800 capped at 2 * 6400: 100 batches, the 144 stay deferred */
	shrink_slab(GFP_KERNEL, 0, 0);
	ck_assert_int_eq(c->calls, 2 + 100);
	ck_assert_int_eq(c->shrinker.nr_deferred, 144);
	done(c);
}
END_TEST

START_TEST(shrink_stop_defers_everything_up_to_twice_the_cache)
{
	struct fake_cache *c = fake(100, DEFAULT_SEEKS, 0);

	c->stop = true;
	c->shrinker.nr_deferred = 150;
	/* nr 150 + delta 200 - scanned 0 = 350, capped at 200 */
	ck_assert_uint_eq(shrink_slab(GFP_NOFS, 0, 0), 0);
	ck_assert_uint_eq(c->gfp_seen, GFP_NOFS);
	ck_assert_int_eq(c->shrinker.nr_deferred, 200);
	done(c);
}
END_TEST

START_TEST(an_empty_cache_is_not_scanned)
{
	struct fake_cache *c = fake(0, DEFAULT_SEEKS, 0);

	c->shrinker.nr_deferred = 7;
	ck_assert_uint_eq(shrink_slab(GFP_KERNEL, 0, 0), 0);
	ck_assert_int_eq(c->calls, 0);
	ck_assert_int_eq(c->shrinker.nr_deferred, 7); /* untouched, as Linux */
	done(c);
}
END_TEST

START_TEST(a_shrinker_may_scan_fewer_than_asked)
{
	struct fake_cache *c = fake(300, DEFAULT_SEEKS, 0);

	c->scan_limit = 100; /* it reports nr_scanned 100 each time */
	c->frees = false;
	/* 600 -> 500 400 300 200 100 (>= batch? no; >= 300? no): 5 calls */
	shrink_slab(GFP_KERNEL, 0, 0);
	ck_assert_int_eq(c->calls, 5);
	ck_assert_uint_eq(vm_event_count(SLABS_SCANNED), 500);
	ck_assert_int_eq(c->shrinker.nr_deferred, 100);
	done(c);
}
END_TEST

START_TEST(batch_size_is_the_shrinkers)
{
	struct fake_cache *c = fake(5000, DEFAULT_SEEKS, 1024);

	/* priority 2: delta 1250 * 2 = 2500: two batches of 1024, 452 deferred */
	shrink_slab(GFP_KERNEL, 0, 2);
	ck_assert_int_eq(c->calls, 2);
	ck_assert_int_eq(c->asked[0], 1024);
	ck_assert_int_eq(c->shrinker.nr_deferred, 2500 - 2048);
	done(c);
}
END_TEST

START_TEST(drop_slab_empties_the_cache)
{
	struct fake_cache *c = fake(5000, DEFAULT_SEEKS, 0);

	drop_slab();
	ck_assert_int_eq(c->objects, 0);
	done(c);
}
END_TEST

START_TEST(an_unregistered_shrinker_is_not_called)
{
	struct fake_cache *c = fake(300, DEFAULT_SEEKS, 0);

	done(c);
	ck_assert_uint_eq(shrink_slab(GFP_KERNEL, 0, 0), 0);
	ck_assert_int_eq(c->calls, 0);
}
END_TEST

int main(void)
{
	const TTest *tests[] = {
		light_pressure_defers_a_share_smaller_than_a_batch,
		priority_0_scans_twice_the_cache_in_batches,
		seeks_0_trims_half_whatever_the_priority,
		a_cache_smaller_than_a_batch_goes_at_deep_priority,
		deferred_work_adds_up_and_is_done_later,
		shrink_stop_defers_everything_up_to_twice_the_cache,
		an_empty_cache_is_not_scanned,
		a_shrinker_may_scan_fewer_than_asked,
		batch_size_is_the_shrinkers,
		drop_slab_empties_the_cache,
		an_unregistered_shrinker_is_not_called,
		NULL,
	};

	return run_tests_with("shrinker", tests, NULL, 0, CK_FORK_GETENV);
}
