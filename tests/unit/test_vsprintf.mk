UNIT_TESTS += vsprintf
vsprintf_SRCS := kernel/lib/vsprintf.c kernel/lib/snprintf.c
# The kernel's names would collide with the C library's; rename for the host.
vsprintf_CFLAGS := -Dvsnprintf=kernel_vsnprintf -Dsnprintf=kernel_snprintf
