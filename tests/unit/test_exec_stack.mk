UNIT_TESTS += exec_stack
exec_stack_SRCS := kernel/exec_stack.c
