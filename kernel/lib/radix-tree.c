/* The radix tree (see radix-tree.h). */
#include "kernel/lib/radix-tree.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "mm/slab.h"

/* Indices a tree of height h can hold: 64^h (all of them from height 6 on 32 bits). */
static unsigned long height_max(unsigned int height)
{
	unsigned int bits = height * RADIX_TREE_MAP_SHIFT;

	return bits >= sizeof(unsigned long) * 8 ? ~0UL : (1UL << bits) - 1;
}

static unsigned int digit(unsigned long index, unsigned int level)
{
	return (unsigned int)(index >> (level * RADIX_TREE_MAP_SHIFT)) & RADIX_TREE_MAP_MASK;
}

void **radix_tree_lookup_slot(const struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *node = root->rnode;
	unsigned int level = root->height;

	if (!node || index > height_max(root->height))
		return NULL;
	while (--level > 0) {
		node = node->slots[digit(index, level)];
		if (!node)
			return NULL;
	}
	return node->slots[digit(index, 0)] ? &node->slots[digit(index, 0)] : NULL;
}

void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index)
{
	void **slot = radix_tree_lookup_slot(root, index);

	return slot ? *slot : NULL;
}

#define MAX_PATH (sizeof(unsigned long) * 8 / RADIX_TREE_MAP_SHIFT + 2) /* nodes root to leaf */

/*
 * Nodes an insert at index would add: new levels on top (each new top
 * node holds the old root in slot 0), and the missing nodes on index's
 * path below the first empty slot it meets.
 */
static unsigned int nodes_needed(const struct radix_tree_root *root, unsigned long index)
{
	const struct radix_tree_node *node = root->rnode;
	unsigned int height = root->height, level, n = 0;

	if (!node) {
		for (height = 1; index > height_max(height); height++)
			;
		return height;
	}
	for (; index > height_max(height); height++)
		n++;
	for (level = height - 1; level >= root->height; level--)
		if (digit(index, level)) /* leaves the old root's slot-0 chain here */
			return n + level;
	for (level = root->height - 1; level > 0; level--) {
		node = node->slots[digit(index, level)];
		if (!node)
			return n + level;
	}
	return n;
}

/* A node from the pool, set up to cover index at level. */
static struct radix_tree_node *take_node(struct radix_tree_node **pool, unsigned int *have,
					 struct radix_tree_root *root, unsigned long index,
					 unsigned int level)
{
	struct radix_tree_node *node = pool[--*have];
	unsigned int bits = (level + 1) * RADIX_TREE_MAP_SHIFT;

	node->index = bits >= sizeof(unsigned long) * 8 ? 0 : index & ~((1UL << bits) - 1);
	node->root = root;
	INIT_LIST_HEAD(&node->private_list);
	return node;
}

/* Tell the tree's user that leaf node's counts changed (or that it is about to be freed). */
static void update_leaf(struct radix_tree_root *root, struct radix_tree_node *node)
{
	if (root->update_node)
		root->update_node(node);
}

/* Set a leaf's slot to item (NULL to clear it), keeping count and nr_values. */
static void set_leaf_slot(struct radix_tree_root *root, struct radix_tree_node *leaf,
			  unsigned int offset, void *item)
{
	void *old = leaf->slots[offset];

	leaf->count += (item != NULL) - (old != NULL);
	leaf->nr_values += xa_is_value(item) - xa_is_value(old);
	leaf->slots[offset] = item;
	update_leaf(root, leaf);
}

/* Grow and descend to index's leaf, taking every node from the pool (which holds enough). */
static struct radix_tree_node *build_path(struct radix_tree_root *root, unsigned long index,
					  struct radix_tree_node **pool, unsigned int *have)
{
	struct radix_tree_node *node;
	unsigned int level;

	if (!root->rnode) {
		for (root->height = 1; index > height_max(root->height); root->height++)
			;
		root->rnode = take_node(pool, have, root, index, root->height - 1);
	}
	while (index > height_max(root->height)) {
		node = take_node(pool, have, root, 0, root->height);
		node->slots[0] = root->rnode;
		node->count = 1;
		root->rnode = node;
		root->height++;
	}
	node = root->rnode;
	for (level = root->height - 1; level > 0; level--) {
		void **slot = &node->slots[digit(index, level)];

		if (!*slot) {
			*slot = take_node(pool, have, root, index, level - 1);
			node->count++;
		}
		node = *slot;
	}
	return node;
}

int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct radix_tree_node *pool[MAX_PATH], *leaf;
	unsigned int have = 0, need;
	int err = 0;

	/* kzalloc may reclaim, and reclaim may free nodes of this tree: count again after each */
	while (have < (need = nodes_needed(root, index))) {
		pool[have] = kzalloc(sizeof(struct radix_tree_node), GFP_KERNEL);
		if (!pool[have]) {
			err = -ENOMEM;
			goto out;
		}
		have++;
	}
	if (radix_tree_lookup(root, index)) {
		err = -EEXIST;
		goto out;
	}
	leaf = build_path(root, index, pool, &have);
	set_leaf_slot(root, leaf, digit(index, 0), item);
out:
	while (have)
		kfree(pool[--have]);
	return err;
}

/* index's path from the root into path[], leaf last; its length, or 0 if index has no leaf. */
static unsigned int find_path(const struct radix_tree_root *root, unsigned long index,
			      struct radix_tree_node **path)
{
	struct radix_tree_node *node = root->rnode;
	unsigned int level = root->height, i = 0;

	if (!node || index > height_max(root->height))
		return 0;
	path[i++] = node;
	while (--level > 0) {
		node = node->slots[digit(index, level)];
		if (!node)
			return 0;
		path[i++] = node;
	}
	return i;
}

void *radix_tree_replace(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct radix_tree_node *path[MAX_PATH];
	unsigned int n = find_path(root, index, path);
	void *old = n ? path[n - 1]->slots[digit(index, 0)] : NULL;

	if (!old || !item)
		panic("radix_tree_replace: no item at index %lu to replace", index);
	set_leaf_slot(root, path[n - 1], digit(index, 0), item);
	return old;
}

void *radix_tree_delete_item(struct radix_tree_root *root, unsigned long index, void *expected)
{
	struct radix_tree_node *path[MAX_PATH];
	unsigned int i = find_path(root, index, path), level;
	void *item = i ? path[i - 1]->slots[digit(index, 0)] : NULL;

	if (!item || (expected && item != expected))
		return NULL;
	set_leaf_slot(root, path[--i], digit(index, 0), NULL);
	/* free every node that became empty, bottom up */
	for (level = 0; !path[i]->count; level++) {
		kfree(path[i]);
		if (!i) {
			root->rnode = NULL;
			root->height = 0;
			break;
		}
		i--;
		path[i]->slots[digit(index, level + 1)] = NULL;
		path[i]->count--;
	}
	return item;
}

/* Collect items of the subtree node (level levels high, first index base) from first on. */
static unsigned int gang(struct radix_tree_node *node, unsigned int level, unsigned long base,
			 unsigned long first, void **results, unsigned long *indices,
			 unsigned int max)
{
	unsigned long span = level ? 1UL << (level * RADIX_TREE_MAP_SHIFT) : 1;
	unsigned int n = 0, i;

	for (i = 0; i < RADIX_TREE_MAP_SIZE && n < max; i++) {
		unsigned long start = base + i * span, last = start + (span - 1);

		if (!node->slots[i] || last < first)
			continue;
		if (level) {
			n += gang(node->slots[i], level - 1, start, first, results + n,
				  indices ? indices + n : NULL, max - n);
		} else {
			results[n] = node->slots[i];
			if (indices)
				indices[n] = start;
			n++;
		}
	}
	return n;
}

unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long *indices, unsigned long first, unsigned int max)
{
	if (!root->rnode || !max || first > height_max(root->height))
		return 0;
	return gang(root->rnode, root->height - 1, 0, first, results, indices, max);
}

void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	return radix_tree_delete_item(root, index, NULL);
}
