/*
 * A radix tree from unsigned long indices to pointers (Linux's
 * lib/radix-tree.c, the idea the xarray grew from): the page cache's index
 * from a file's page number to its struct page.
 *
 *   root (height 2)
 *    `- node: 64 slots, one per 6-bit digit of the index (high digit first)
 *        `- node: 64 slots -> items
 *
 * A tree of height h holds indices below 64^h; inserting a larger index
 * adds levels on top. Nodes are freed when their last slot empties.
 * Linux also tags slots (dirty, writeback) to find them fast; here the
 * callers test the pages' own flags.
 *
 * A leaf node counts its value entries (nr_values) beside its used slots
 * (count); whenever either changes, and before an emptied leaf is freed,
 * the tree calls root->update_node(node) if set (Linux's xas_set_update
 * callback, set per operation there, per tree here). The workingset uses
 * it to keep the leaves that hold only shadow entries on a list its
 * shrinker frees from (mm/workingset.c). An insert allocates every node
 * it needs before it changes the tree (Linux's radix_tree_preload, or the
 * xarray's xas_nomem), so reclaim that runs inside the allocation, and
 * may free nodes of this very tree, never sees it half changed.
 *
 * A slot holds a pointer (bit 0 clear: pointers are aligned) or a value
 * entry (bit 0 set, below): the page cache of a file leaves one, a shadow
 * entry, where reclaim evicted a page (mm/workingset.c); tmpfs keeps a
 * swapped-out page's swap entry so (mm/shmem.c).
 */
#ifndef KERNEL_LIB_RADIX_TREE_H
#define KERNEL_LIB_RADIX_TREE_H

#include "fs/fs.h" /* struct radix_tree_root, inside struct address_space */

#define RADIX_TREE_MAP_SHIFT 6
#define RADIX_TREE_MAP_SIZE (1UL << RADIX_TREE_MAP_SHIFT)
#define RADIX_TREE_MAP_MASK (RADIX_TREE_MAP_SIZE - 1)

struct radix_tree_node {
	void *slots[RADIX_TREE_MAP_SIZE];
	unsigned int count;	       /* slots in use */
	unsigned int nr_values;	       /* of which value entries (leaves only) */
	unsigned long index;	       /* the first index the node covers */
	struct radix_tree_root *root;  /* the tree it is in (Linux's xa_node.array) */
	struct list_head private_list; /* free for the root's user (the shadow list) */
};

#define RADIX_TREE_INIT                                                                            \
	{                                                                                          \
		0, NULL, NULL                                                                      \
	}

/* The item at index, or NULL. */
void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index);
/* The slot holding index's item (to replace it in place), or NULL if there is none. */
void **radix_tree_lookup_slot(const struct radix_tree_root *root, unsigned long index);
/* Put item (not NULL) at index: 0, -EEXIST if taken, -ENOMEM. */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item);
/* Take the item at index out; it, or NULL if there was none. */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);
/* The same if index holds expected (any item if NULL): a shadow seen before a sleep may be gone. */
void *radix_tree_delete_item(struct radix_tree_root *root, unsigned long index, void *expected);
/* Put item (not NULL) in place of the item index holds (there must be one); the old item. */
void *radix_tree_replace(struct radix_tree_root *root, unsigned long index, void *item);
/*
 * Up to max items with index >= first, in index order, into results;
 * their number. indices (optional) gets their indices.
 */
unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long *indices, unsigned long first, unsigned int max);

/*
 * Value entries (Linux's xa_mk_value; the old radix tree's "exceptional
 * entries"): an integer stored in a slot in place of a pointer, told apart
 * by bit 0, which no stored pointer has. shmem keeps a swapped-out page's
 * swap entry in its slot this way (mm/shmem.c). v must have bit 31 clear.
 */
static inline void *xa_mk_value(unsigned long v)
{
	return (void *)((v << 1) | 1);
}

static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}

static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}

#endif
