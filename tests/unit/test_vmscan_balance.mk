UNIT_TESTS += vmscan_balance
# get_scan_count's arithmetic and the refault-distance check, against the
# formulas of Linux 6.1 written out in the tests; the rest of the kernel is
# a few stand-ins in the test file.
vmscan_balance_SRCS = mm/vmscan_balance.c mm/workingset.c kernel/lib/int_sqrt.c
