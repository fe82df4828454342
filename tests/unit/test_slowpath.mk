UNIT_TESTS += slowpath
# The allocator with recording stand-ins for mm/vmscan.c and mm/oom_kill.c.
slowpath_SRCS = mm/page_alloc.c mm/watermark.c mm/mm_init.c mm/show_mem.c mm/vmstat.c \
                kernel/lib/int_sqrt.c tests/unit/mm_fake.c
