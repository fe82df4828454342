UNIT_TESTS += swapfile
swapfile_SRCS := mm/swapfile.c mm/swap_shadow.c fs/proc/swaps.c
