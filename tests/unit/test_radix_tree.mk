UNIT_TESTS += radix_tree
radix_tree_SRCS := kernel/lib/radix-tree.c tests/unit/fs_fake.c
