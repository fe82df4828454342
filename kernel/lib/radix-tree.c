/* The radix tree (see radix-tree.h). */
#include "kernel/lib/radix-tree.h"
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

/*
 * Add levels on top until index fits; 0 or -ENOMEM. An empty tree gets one
 * node of the height index needs (levels below an empty slot 0 would be
 * empty nodes that no delete ever frees).
 */
static int extend(struct radix_tree_root *root, unsigned long index)
{
	if (!root->rnode)
		root->height = 1;
	while (index > height_max(root->height) && !root->rnode)
		root->height++;
	while (!root->rnode || index > height_max(root->height)) {
		struct radix_tree_node *node = kzalloc(sizeof(*node), GFP_KERNEL);

		if (!node)
			return -ENOMEM;
		if (root->rnode) {
			node->slots[0] = root->rnode;
			node->count = 1;
			root->height++;
		}
		root->rnode = node;
	}
	return 0;
}

int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct radix_tree_node *node;
	unsigned int level;
	int err = extend(root, index);

	if (err)
		return err;
	node = root->rnode;
	for (level = root->height - 1; level > 0; level--) {
		void **slot = &node->slots[digit(index, level)];

		if (!*slot) {
			*slot = kzalloc(sizeof(*node), GFP_KERNEL);
			if (!*slot)
				return -ENOMEM;
			node->count++;
		}
		node = *slot;
	}
	if (node->slots[digit(index, 0)])
		return -EEXIST;
	node->slots[digit(index, 0)] = item;
	node->count++;
	return 0;
}

void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *path[sizeof(unsigned long) * 8 / RADIX_TREE_MAP_SHIFT + 2];
	struct radix_tree_node *node = root->rnode;
	unsigned int level = root->height, i = 0;
	void *item;

	if (!node || index > height_max(root->height))
		return NULL;
	path[i++] = node;
	while (--level > 0) {
		node = node->slots[digit(index, level)];
		if (!node)
			return NULL;
		path[i++] = node;
	}
	item = node->slots[digit(index, 0)];
	if (!item)
		return NULL;
	/* clear the slot, then free every node that became empty, bottom up */
	for (level = 0; i-- > 0; level++) {
		path[i]->slots[digit(index, level)] = NULL;
		if (--path[i]->count)
			break;
		kfree(path[i]);
		if (!i) {
			root->rnode = NULL;
			root->height = 0;
		}
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

/* Leaf nodes under node (level levels high) whose every item is a value entry. */
static unsigned long value_nodes(const struct radix_tree_node *node, unsigned int level)
{
	unsigned long n = 0;
	unsigned int i;

	for (i = 0; i < RADIX_TREE_MAP_SIZE; i++) {
		if (!node->slots[i])
			continue;
		if (level)
			n += value_nodes(node->slots[i], level - 1);
		else if (!xa_is_value(node->slots[i]))
			return 0;
	}
	return level ? n : 1;
}

unsigned long radix_tree_count_value_nodes(const struct radix_tree_root *root)
{
	return root->rnode ? value_nodes(root->rnode, root->height - 1) : 0;
}
