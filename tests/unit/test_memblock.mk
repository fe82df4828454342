UNIT_TESTS += memblock
memblock_SRCS = $(MM_HOST_SRCS) mm/memblock.c
