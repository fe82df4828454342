/*
 * Shrinkers (Linux's include/linux/shrinker.h): caches that are not on
 * the LRU lists but can give memory back when reclaim asks. A cache
 * registers a shrinker with two callbacks:
 *
 *   count_objects  how many objects could be freed now (0 or SHRINK_EMPTY:
 *                  nothing to do)
 *   scan_objects   look at sc->nr_to_scan of them, free what can go;
 *                  returns how many were freed, or SHRINK_STOP when it
 *                  cannot make progress in this context
 *
 * Reclaim (shrink_node) and drop_caches 2 (drop_slab) call every shrinker
 * through shrink_slab (mm/shrinker.c), which turns the reclaim priority
 * into a number of objects to scan in proportion to what the LRU scan
 * covers. The shrinkers here: each mounted file system's unused inodes
 * (fs/super.c:super_cache_scan) and the workingset's radix-tree nodes
 * that hold only shadow entries (mm/workingset.c:scan_shadow_nodes).
 */
#ifndef MM_SHRINKER_H
#define MM_SHRINKER_H

#include "kernel/list.h"
#include "mm/gfp.h"

#define SHRINK_STOP (~0UL)	/* scan_objects: no progress possible now */
#define SHRINK_EMPTY (~0UL - 1) /* count_objects: the cache is empty */
#define DEFAULT_SEEKS 2		/* objects cost about 2 seeks to recreate */
#define SHRINK_BATCH 128	/* objects per scan_objects call, unless batch says */

/* What reclaim asks of one shrinker call (Linux's struct shrink_control). */
struct shrink_control {
	gfp_t gfp_mask; /* the allocation reclaim runs for: no __GFP_FS, no file-system work */
	int nid;	/* the node (always 0 here) */
	unsigned long nr_to_scan; /* scan_objects: objects to look at */
	unsigned long nr_scanned; /* scan_objects may lower it to what it looked at */
};

struct shrinker {
	unsigned long (*count_objects)(struct shrinker *shrinker, struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *shrinker, struct shrink_control *sc);
	long batch; /* objects per scan_objects call; 0: SHRINK_BATCH */
	int seeks;  /* cost to recreate an object; 0: trim freely (half per call) */
	const char *name;
	struct list_head list; /* on shrinker_list */
	/* Scan work left over from earlier calls (Linux: atomic_long_t per node; one node here). */
	long nr_deferred;
};

/* Put shrinker on the list shrink_slab walks; name is for messages ("mm-shadow"). */
void register_shrinker(struct shrinker *shrinker, const char *name);
/* Take it off; waits for a shrink_slab in progress (which may sleep in a shrinker) to end. */
void unregister_shrinker(struct shrinker *shrinker);
/*
 * Call every shrinker for reclaim at priority (DEF_PRIORITY 12 .. 0: scan
 * freeable >> priority, in proportion to the LRU scan); objects freed.
 */
unsigned long shrink_slab(gfp_t gfp_mask, int nid, int priority);
/* drop_caches 2: shrink at priority 0 until a round frees little (Linux's drop_slab). */
void drop_slab(void);

#endif
