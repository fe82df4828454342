# Host unit tests: kernel C files built for the host (64-bit) with Check,
# AddressSanitizer and UBSan. Each tests/unit/test_NAME.mk adds NAME to
# UNIT_TESTS and lists in NAME_SRCS the real kernel files under test (never
# copies); NAME_CFLAGS applies to those files only (e.g. to rename a kernel
# function that would collide with the C library); NAME_LIBS links extra host
# libraries (the reference implementation a test compares with). tests/unit/test_NAME.c
# holds the tests. Run: make unit.
#
# What differs on the host lives here, not in the kernel's headers: the
# fakes (tests/unit/*_fake.c) define the kernel functions a test does not
# build (printk, panic, kmap, page_address, current_comm ...), and
# tests/unit/host/ comes first on the include path with the few headers
# the host needs in another form (kernel/x86.h without i386 instructions,
# mm/layout.h with host_ram for the direct map).

BUILD      := build/unit
UNIT_TESTS :=
include $(sort $(wildcard tests/unit/test_*.mk))
.DEFAULT_GOAL := run	# a test_*.mk may add rules of its own

HOSTCC     := gcc
HOSTCFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -Itests/unit/host -I. -Iinclude -DHOST_TEST \
              -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CHECK_LIBS := $(shell pkg-config --libs check)

# Runs every test binary, then prints "unit tests: N passed, N failed".
run: $(UNIT_TESTS:%=$(BUILD)/%)
	@tools/unit-run.sh $^

.SECONDEXPANSION:
$(BUILD)/%: tests/unit/test_%.c tests/unit/test_%.mk $$(%_SRCS) tests/unit/unit.mk
	@mkdir -p $(BUILD)/$*.objs
	@set -e; objs=""; for src in $($*_SRCS); do \
		obj=$(BUILD)/$*.objs/$$(echo $$src | tr / _).o; \
		$(HOSTCC) $(HOSTCFLAGS) $($*_CFLAGS) -c $$src -o $$obj; objs="$$objs $$obj"; \
	done; \
	$(HOSTCC) $(HOSTCFLAGS) -o $@ $< $$objs $($*_LIBS) $(CHECK_LIBS)

.PHONY: run
