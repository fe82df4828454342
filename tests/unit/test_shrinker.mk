UNIT_TESTS += shrinker
# shrink_slab's arithmetic (Linux 6.1's do_shrink_slab) on fake shrinkers:
# the scan share per priority and seeks, batches, deferred work and its
# cap, SHRINK_STOP / SHRINK_EMPTY, drop_slab's loop.
shrinker_SRCS = mm/shrinker.c
