UNIT_TESTS += swapfile
swapfile_SRCS := mm/swapfile.c fs/proc/swaps.c
