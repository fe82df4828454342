UNIT_TESTS += swapops
swapops_SRCS :=
