UNIT_TESTS += zbud
zbud_SRCS = $(MM_HOST_SRCS) mm/zbud.c
