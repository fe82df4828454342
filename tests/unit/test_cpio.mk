UNIT_TESTS += cpio
cpio_SRCS := fs/cpio.c

# The test also walks the real initramfs, which the main Makefile builds.
build/unit/cpio: build/initramfs.cpio
build/initramfs.cpio: FORCE
	@$(MAKE) -s -f Makefile build/initramfs.cpio
FORCE:
.PHONY: FORCE
