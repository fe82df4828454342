UNIT_TESTS += buddy
MM_HOST_SRCS := mm/page_alloc.c mm/watermark.c mm/mm_init.c mm/show_mem.c mm/vmstat.c \
                mm/vmscan.c mm/oom_kill.c tests/unit/mm_fake.c
buddy_SRCS := $(MM_HOST_SRCS)
