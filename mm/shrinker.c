/*
 * shrink_slab: reclaim's pressure on the caches that registered a
 * shrinker (Linux 6.1's mm/vmscan.c: do_shrink_slab, shrink_slab,
 * drop_slab; the declarations are in mm/shrinker.h).
 *
 * The LRU scan at priority p looks at 1/2^p of each list; a shrinker is
 * asked to scan the same share of its objects, weighed by how costly they
 * are to recreate (seeks), plus the work earlier calls put off:
 *
 *   freeable   = count_objects()                 (0 / SHRINK_EMPTY: skip)
 *   delta      = (freeable >> p) * 4 / seeks     (seeks 0: freeable / 2)
 *   total_scan = min(nr_deferred >> p + delta, 2 * freeable)
 *   scan in batches of `batch` (128) while total_scan >= batch, or while
 *     total_scan >= freeable (a cache smaller than a batch at deep priority)
 *   nr_deferred = min(max(nr_deferred + delta - scanned, 0), 2 * freeable)
 *
 * so a small cache is left alone at light pressure, its share carried
 * over until it adds up to a batch. Each object looked at counts
 * slabs_scanned in /proc/vmstat.
 *
 * Shrinkers may sleep (the superblock's frees inodes and their pages).
 * Linux guards the list with shrinker_rwsem, which shrink_slab only
 * trylocks; here one CPU runs one task at a time, so readers are counted,
 * unregister_shrinker waits until none is inside, and a shrink_slab that
 * sees an unregister waiting stops early (Linux's rwsem_is_contended).
 */
#include "mm/shrinker.h"
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "mm/vmstat.h"

static LIST_HEAD(shrinker_list);
static unsigned int shrinker_readers; /* shrink_slab calls in progress (may sleep) */
static unsigned int shrinker_writers; /* unregister_shrinker calls waiting for them */
static DECLARE_WAIT_QUEUE_HEAD(shrinker_wait);

void register_shrinker(struct shrinker *shrinker, const char *name)
{
	shrinker->name = name;
	shrinker->nr_deferred = 0;
	list_add_tail(&shrinker->list, &shrinker_list);
}

void unregister_shrinker(struct shrinker *shrinker)
{
	shrinker_writers++;
	wait_event(shrinker_wait, !shrinker_readers);
	list_del(&shrinker->list);
	shrinker_writers--;
}

/*
 * One shrinker at priority: the arithmetic in the header above (Linux's
 * do_shrink_slab). Returns objects freed, or SHRINK_EMPTY from count.
 */
static unsigned long do_shrink_slab(struct shrink_control *sc, struct shrinker *shrinker,
				    int priority)
{
	long batch_size = shrinker->batch ? shrinker->batch : SHRINK_BATCH;
	long freeable, nr, total_scan, scanned = 0, next_deferred;
	unsigned long freed = 0, count = shrinker->count_objects(shrinker, sc);
	unsigned long long delta;

	if (count == 0 || count == SHRINK_EMPTY)
		return count;
	freeable = (long)count;
	nr = shrinker->nr_deferred; /* Linux: xchg, so concurrent callers do not repeat it */
	shrinker->nr_deferred = 0;
	if (shrinker->seeks)
		delta =
		    (unsigned long long)(freeable >> priority) * 4 / (unsigned int)shrinker->seeks;
	else
		delta = (unsigned long long)freeable / 2; /* no I/O to recreate: trim hard */
	total_scan = (nr >> priority) + (long)delta;
	total_scan = min(total_scan, 2 * freeable);

	while (total_scan >= batch_size || total_scan >= freeable) {
		unsigned long ret;

		sc->nr_to_scan = (unsigned long)min(batch_size, total_scan);
		sc->nr_scanned = sc->nr_to_scan;
		ret = shrinker->scan_objects(shrinker, sc);
		if (ret == SHRINK_STOP)
			break;
		freed += ret;
		count_vm_events(SLABS_SCANNED, sc->nr_scanned);
		total_scan -= (long)sc->nr_scanned;
		scanned += (long)sc->nr_scanned;
		cond_resched();
	}

	next_deferred = max(nr + (long)delta - scanned, 0L);
	shrinker->nr_deferred += min(next_deferred, 2 * freeable);
	return freed;
}

unsigned long shrink_slab(gfp_t gfp_mask, int nid, int priority)
{
	struct shrinker *shrinker;
	unsigned long freed = 0;

	if (shrinker_writers)
		return 0; /* Linux: down_read_trylock(&shrinker_rwsem) failed */
	shrinker_readers++;
	list_for_each_entry(shrinker, &shrinker_list, list) {
		struct shrink_control sc = { .gfp_mask = gfp_mask, .nid = nid };
		unsigned long ret = do_shrink_slab(&sc, shrinker, priority);

		freed += ret == SHRINK_EMPTY ? 0 : ret;
		if (shrinker_writers) { /* let the unregister in */
			freed = freed ? freed : 1;
			break;
		}
	}
	if (!--shrinker_readers)
		wake_up(&shrinker_wait);
	cond_resched();
	return freed;
}

void drop_slab(void)
{
	unsigned long freed;
	int shift = 0;

	do {
		freed = shrink_slab(GFP_KERNEL, 0, 0);
	} while ((freed >> shift++) > 1);
}
