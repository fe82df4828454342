/* kernel/lib/radix-tree.c on the host: seeded random inserts and deletes against a model. */
#include <stdlib.h>

#include "kernel/lib/radix-tree.h"
#include "tests/unit/check_main.h"

#define N 3000

static unsigned long long rng = 88172645463325252ULL;

static unsigned long rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned long)rng;
}

static unsigned long updates;

/*
 * The tree's update_node: a leaf's counts, first index and root agree
 * with its slots (every leaf change of the tests goes through here).
 */
static void check_leaf(struct radix_tree_node *node)
{
	unsigned int i, used = 0, values = 0;

	updates++;
	for (i = 0; i < RADIX_TREE_MAP_SIZE; i++) {
		used += node->slots[i] != NULL;
		values += xa_is_value(node->slots[i]);
		if (node->slots[i] && used == 1) /* the first: index and root lead back here */
			ck_assert_ptr_eq(radix_tree_lookup(node->root, node->index + i),
					 node->slots[i]);
	}
	ck_assert_uint_eq(node->count, used);
	ck_assert_uint_eq(node->nr_values, values);
	ck_assert_uint_eq(node->index % RADIX_TREE_MAP_SIZE, 0);
}

START_TEST(test_against_model)
{
	static unsigned long keys[N];
	static char present[N];
	struct radix_tree_root root = { 0, NULL, check_leaf };
	void *res[64];
	unsigned long idx[64], last;
	unsigned int i, n, round, seen;

	for (i = 0; i < N; i++) /* small, clustered and huge indices */
		keys[i] = i % 3 == 0 ? i : i % 3 == 1 ? 1000000 + i * 7 : (rnd() | (1UL << 40));
	for (round = 0; round < 20000; round++) {
		i = (unsigned int)(rnd() % N);
		if (present[i]) {
			ck_assert_ptr_eq(radix_tree_delete(&root, keys[i]), &keys[i]);
			present[i] = 0;
		} else {
			int err = radix_tree_insert(&root, keys[i], &keys[i]);

			ck_assert_int_eq(err, 0);
			ck_assert_int_eq(radix_tree_insert(&root, keys[i], &keys[i]), -EEXIST);
			present[i] = 1;
		}
		i = (unsigned int)(rnd() % N);
		ck_assert_ptr_eq(radix_tree_lookup(&root, keys[i]), present[i] ? &keys[i] : NULL);
	}
	/* gang lookup walks every present key in index order */
	for (seen = 0, last = 0;; last = idx[n - 1] + 1) {
		n = radix_tree_gang_lookup(&root, res, idx, last, 64);
		if (!n)
			break;
		for (i = 0; i < n; i++) {
			ck_assert_uint_eq(*(unsigned long *)res[i], idx[i]);
			ck_assert(i == 0 || idx[i] > idx[i - 1]);
			ck_assert(present[(unsigned long *)res[i] - keys]);
		}
		seen += n;
	}
	for (i = 0, n = 0; i < N; i++)
		n += present[i];
	ck_assert_uint_eq(seen, n);
	for (i = 0; i < N; i++)
		if (present[i])
			radix_tree_delete(&root, keys[i]);
	ck_assert_ptr_null(root.rnode); /* every node freed (ASan checks for leaks) */
	ck_assert_uint_gt(updates, 20000);
}
END_TEST

/*
 * The page cache's and shmem's use: a value entry (a shadow, a swap
 * entry) replaces a page in place, is counted in its leaf's nr_values and
 * found again; a delete that expects another item leaves it; then it goes.
 */
START_TEST(test_value_entries_in_place)
{
	struct radix_tree_root root = { 0, NULL, check_leaf };
	static int page, other;
	void *value = xa_mk_value(0x7fffffffUL), *res[4];
	unsigned long idx[4];
	void **slot;

	ck_assert_ptr_null(radix_tree_lookup_slot(&root, 5));
	ck_assert_int_eq(radix_tree_insert(&root, 5000, &page), 0);
	ck_assert_ptr_null(radix_tree_lookup_slot(&root, 4999)); /* an empty slot is no slot */
	slot = radix_tree_lookup_slot(&root, 5000);
	ck_assert_ptr_eq(*slot, &page);
	ck_assert(!xa_is_value(*slot));
	ck_assert_ptr_eq(radix_tree_replace(&root, 5000, value), &page);
	ck_assert_ptr_eq(radix_tree_lookup(&root, 5000), value);
	ck_assert_ptr_null(radix_tree_delete_item(&root, 5000, &other));
	ck_assert_ptr_eq(radix_tree_lookup(&root, 5000), value);
	ck_assert(xa_is_value(value) && xa_to_value(value) == 0x7fffffffUL);
	ck_assert_uint_eq(radix_tree_gang_lookup(&root, res, idx, 0, 4), 1);
	ck_assert(res[0] == value && idx[0] == 5000);
	ck_assert_ptr_eq(radix_tree_delete(&root, 5000), value);
	ck_assert_ptr_null(root.rnode);
}
END_TEST

int main(void)
{
	const TTest *tests[] = { test_against_model, test_value_entries_in_place, NULL };

	return run_tests("radix_tree", tests, 30, CK_FORK_GETENV);
}
