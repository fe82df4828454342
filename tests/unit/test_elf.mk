UNIT_TESTS += elf
elf_SRCS := kernel/elf.c

# The test checks a real program, which the main Makefile builds.
build/unit/elf: build/rootfs/bin/sh
build/rootfs/bin/sh: FORCE
	@$(MAKE) -s -f Makefile build/rootfs/bin/sh
FORCE:
.PHONY: FORCE
