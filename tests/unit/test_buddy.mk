UNIT_TESTS += buddy
MM_HOST_SRCS := mm/page_alloc.c mm/watermark.c mm/mm_init.c mm/show_mem.c mm/vmstat.c \
                kernel/lib/int_sqrt.c tests/unit/reclaim_none.c tests/unit/mm_fake.c
buddy_SRCS := $(MM_HOST_SRCS)
