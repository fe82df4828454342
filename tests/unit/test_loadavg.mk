UNIT_TESTS += loadavg
loadavg_SRCS := kernel/loadavg.c
