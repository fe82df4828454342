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

/*
 * One shrink_slab call on a fresh cache; each row worked out from the
 * formulas: delta = (objects >> prio) * 4 / seeks (seeks 0: objects / 2),
 * total = min(delta, 2 * objects), batches while total >= batch or
 * >= objects, deferred = delta - scanned.
 */
static const struct one_call {
	long objects;
	int seeks, priority;
	long batch;
	unsigned long freed;
	int calls;
	long first_ask, deferred;
	unsigned long scanned; /* slabs_scanned */
} one_calls[] = {
	/* light pressure: delta (10000 >> 12) * 2 = 4, less than a batch: all deferred */
	{ 10000, DEFAULT_SEEKS, 12, 0, 0, 0, 0, 4, 0 },
	/* priority 0: delta 600 = the cap 2 * 300; 600 472 344 216 by 128, 88 deferred */
	{ 300, DEFAULT_SEEKS, 0, 0, 300, 4, SHRINK_BATCH, 88, 512 },
	/* seeks 0 trims half whatever the priority: 500 372 244 by 128, 116 deferred */
	{ 1000, 0, 12, 0, 384, 3, SHRINK_BATCH, 116, 384 },
	/* a cache under a batch goes at deep priority: delta 100 >= 50, one call of 100 */
	{ 50, DEFAULT_SEEKS, 0, 0, 50, 1, 100, 0, 100 },
	/* the shrinker's batch: priority 2, delta 1250 * 2 = 2500: two of 1024, 452 deferred */
	{ 5000, DEFAULT_SEEKS, 2, 1024, 2048, 2, 1024, 452, 2048 },
};

START_TEST(one_call_scans_the_priority_share_in_batches)
{
	for (size_t i = 0; i < sizeof(one_calls) / sizeof(one_calls[0]); i++) {
		const struct one_call *row = &one_calls[i];
		struct fake_cache *c = fake(row->objects, row->seeks, row->batch);

		ck_assert_uint_eq(shrink_slab(GFP_KERNEL, 0, row->priority), row->freed);
		ck_assert_int_eq(c->calls, row->calls);
		ck_assert_int_eq(c->asked[0], row->first_ask);
		ck_assert_int_eq(c->shrinker.nr_deferred, row->deferred);
		ck_assert_uint_eq(vm_event_count(SLABS_SCANNED), row->scanned);
		done(c);
	}
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
		one_call_scans_the_priority_share_in_batches,
		deferred_work_adds_up_and_is_done_later,
		shrink_stop_defers_everything_up_to_twice_the_cache,
		an_empty_cache_is_not_scanned,
		a_shrinker_may_scan_fewer_than_asked,
		drop_slab_empties_the_cache,
		an_unregistered_shrinker_is_not_called,
		NULL,
	};

	return run_tests_with("shrinker", tests, NULL, 0, CK_FORK_GETENV);
}
