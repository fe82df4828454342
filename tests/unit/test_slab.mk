UNIT_TESTS += slab
slab_SRCS = $(MM_HOST_SRCS) mm/slab.c
