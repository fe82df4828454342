# Tidemark build. `make` builds everything; see README.md for the targets.
#
#   build/kernel.elf     multiboot 1 kernel (symbols kept), linked twice for kallsyms
#   build/initramfs.cpio user programs (cpio newc), unpacked as the root file system
#   build/userland.cpio  a second archive: glibc test programs and Debian's busybox
#   build/os.iso         GRUB rescue image (grub-mkrescue) with both of the above
#   build/swap.img       a swap disk formatted by Linux's mkswap

BUILD    := build
CC       := gcc
NASM     := nasm
PYTHON   := /usr/bin/python3
QEMU     := qemu-system-i386
SWAP_MB  ?= 64
RUN_MEM  ?= 128M

WARN     := -Wall -Wextra -Werror
KCFLAGS  := -m32 -march=i686 -std=gnu11 -ffreestanding -fno-pic -fno-pie \
            -fno-stack-protector -fno-omit-frame-pointer -fno-optimize-sibling-calls \
            -fno-asynchronous-unwind-tables -mgeneral-regs-only -fno-common \
            -O2 -g $(WARN) -I. -Iinclude -MMD -MP
KLDFLAGS := -m32 -nostdlib -no-pie -Wl,-T,linker.ld -Wl,--build-id=none -Wl,-z,noexecstack

KSRCS    := $(sort $(wildcard kernel/*.c kernel/lib/*.c mm/*.c drivers/*.c fs/*.c fs/proc/*.c fs/ext2/*.c ipc/*.c))
KASRCS   := $(sort $(wildcard boot/*.asm))
KOBJS    := $(KSRCS:%.c=$(BUILD)/%.o) $(KASRCS:%.asm=$(BUILD)/%.o) $(BUILD)/syscalltbl.o

# User programs: user/NAME.c -> /bin/NAME, linked with user/lib.
UCFLAGS  := -m32 -march=i686 -std=gnu11 -ffreestanding -fno-pic -fno-pie -static \
            -fno-stack-protector -fno-builtin -fno-tree-loop-distribute-patterns \
            -ffunction-sections -fdata-sections \
            -O2 -g $(WARN) -MMD -MP \
            -nostdinc -Iuser/lib -Iinclude -isystem $(shell $(CC) -m32 -print-file-name=include)
ULIBSRCS := $(sort $(wildcard user/lib/*.c))
ULIBASRCS:= $(sort $(wildcard user/lib/*.asm))
# kernel/lib files the user library shares with the kernel, built with the user flags.
ULIBSHARED := $(BUILD)/user/lib/string_core.o $(BUILD)/user/lib/snprintf.o
ULIBOBJS := $(ULIBASRCS:%.asm=$(BUILD)/%.o) $(ULIBSRCS:%.c=$(BUILD)/%.o) $(ULIBSHARED)
UPROGS   := $(patsubst user/%.c,$(BUILD)/rootfs/bin/%,$(sort $(wildcard user/*.c)))

# Programs built the usual way, against Debian's glibc: user/glibc/NAME.c -> /bin/NAME.
GLIBC_PROGS := $(patsubst user/glibc/%.c,$(BUILD)/glibc/%,$(sort $(wildcard user/glibc/*.c)))

all: $(BUILD)/kernel.elf $(BUILD)/initramfs.cpio $(BUILD)/userland.cpio $(BUILD)/os.iso \
	$(BUILD)/swap.img $(BUILD)/textthrash.img

# ---- kernel ---------------------------------------------------------------

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/boot/%.o: boot/%.asm
	@mkdir -p $(dir $@)
	$(NASM) -f elf32 -g -F dwarf $< -o $@

# First link with an empty symbol table, then with the real one. kallsyms
# sits at the end of .rodata, so code addresses are the same in both.
$(BUILD)/kallsyms0.c:
	@mkdir -p $(BUILD)
	tools/gen-kallsyms.sh < /dev/null > $@

$(BUILD)/kallsyms0.o $(BUILD)/kallsyms.o $(BUILD)/syscalltbl.o: $(BUILD)/%.o: $(BUILD)/%.c
	$(CC) $(KCFLAGS) -c $< -o $@

# The names of Linux's i386 system calls, for the ENOSYS log line (kernel/syscall.c).
$(BUILD)/syscalltbl.c: include/uapi/asm/unistd_32.h tools/gen-syscalltbl.sh
	@mkdir -p $(BUILD)
	tools/gen-syscalltbl.sh < $< > $@

$(BUILD)/kernel.pass1.elf: $(KOBJS) $(BUILD)/kallsyms0.o linker.ld
	$(CC) $(KLDFLAGS) -o $@ $(KOBJS) $(BUILD)/kallsyms0.o -lgcc

$(BUILD)/kallsyms.c: $(BUILD)/kernel.pass1.elf tools/gen-kallsyms.sh
	nm -n $< | tools/gen-kallsyms.sh > $@

$(BUILD)/kernel.elf: $(BUILD)/kallsyms.o
	$(CC) $(KLDFLAGS) -o $@ $(KOBJS) $(BUILD)/kallsyms.o -lgcc
	@nm -n $@ | grep -i ' t ' > $(BUILD)/text-syms.final
	@nm -n $(BUILD)/kernel.pass1.elf | grep -i ' t ' > $(BUILD)/text-syms.pass1
	@cmp -s $(BUILD)/text-syms.final $(BUILD)/text-syms.pass1 || \
		{ echo "kallsyms: code moved between the two links"; exit 1; }

# ---- user programs and the initramfs --------------------------------------

$(BUILD)/user/%.o: user/%.c
	@mkdir -p $(dir $@)
	$(CC) $(UCFLAGS) -c $< -o $@

$(ULIBSHARED): $(BUILD)/user/lib/%.o: kernel/lib/%.c
	@mkdir -p $(dir $@)
	$(CC) $(UCFLAGS) -c $< -o $@

$(BUILD)/user/%.o: user/%.asm
	@mkdir -p $(dir $@)
	$(NASM) -f elf32 -g -F dwarf $< -o $@

# Linked at Linux's i386 default (text at 0x08048000), static, no libc but
# ours; --gc-sections drops the parts of user/lib a program does not use.
# build/user/NAME.elf keeps the debug information (for gdb); /bin/NAME is
# the same program without it, to keep the initramfs small in RAM.
$(BUILD)/user/%.elf: $(BUILD)/user/%.o $(ULIBOBJS)
	$(CC) -m32 -nostdlib -static -no-pie -Wl,--build-id=none -Wl,--gc-sections \
		-o $@ $(ULIBOBJS) $< -lgcc

# The fuzzer is the one program of several files: user/fuzz.c and user/fuzz/.
FUZZOBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(sort $(wildcard user/fuzz/*.c user/fuzz/*.asm))))
$(BUILD)/user/fuzz.elf: $(BUILD)/user/fuzz.o $(FUZZOBJS) $(ULIBOBJS)
	$(CC) -m32 -nostdlib -static -no-pie -Wl,--build-id=none -Wl,--gc-sections \
		-o $@ $(ULIBOBJS) $(BUILD)/user/fuzz.o $(FUZZOBJS) -lgcc

# textthrash (user/textthrash/): 2.4 MiB of text for the text-thrash test and
# benchmark. Not in the initramfs (ramfs pages stay in RAM): alone on an ext2
# image made with mke2fs -d, so it runs mapped from the page cache.
TEXTTHRASH_OBJS := $(BUILD)/user/textthrash/textthrash.o $(BUILD)/user/textthrash/funcs.o
$(BUILD)/textthrash.elf: $(TEXTTHRASH_OBJS) $(ULIBOBJS)
	$(CC) -m32 -nostdlib -static -no-pie -Wl,--build-id=none -Wl,--gc-sections \
		-o $@ $(ULIBOBJS) $(TEXTTHRASH_OBJS) -lgcc

$(BUILD)/textthrash.img: $(BUILD)/textthrash.elf
	rm -rf $(BUILD)/textthrashroot && mkdir -p $(BUILD)/textthrashroot/bin
	objcopy --strip-debug $< $(BUILD)/textthrashroot/bin/textthrash
	rm -f $@
	mke2fs -q -F -t ext2 -b 4096 -d $(BUILD)/textthrashroot $@ 16M > /dev/null

$(BUILD)/rootfs/bin/%: $(BUILD)/user/%.elf
	@mkdir -p $(dir $@)
	objcopy --strip-debug $< $@

# /sbin/init is a copy of /bin/init: where distributions keep init, and
# the first place the kernel looks.
$(BUILD)/initramfs.cpio: $(UPROGS)
	@mkdir -p $(BUILD)/rootfs/bin $(BUILD)/rootfs/sbin $(BUILD)/rootfs/mnt $(BUILD)/rootfs/etc
	cp $(BUILD)/rootfs/bin/init $(BUILD)/rootfs/sbin/init
	echo "/dev/sdb /mnt ext2 defaults 0 0" > $(BUILD)/rootfs/etc/fstab
	cd $(BUILD)/rootfs && find . -mindepth 1 | LC_ALL=C sort | \
		cpio --quiet -o -H newc --owner=0:0 > ../initramfs.cpio

# The second archive (tools/mkuserland.sh): glibc programs, and Debian's
# busybox-static:i386 fetched with apt-get download (tools/fetch-busybox.sh)
# as /bin/busybox, with a link per applet the project does not write itself.
$(BUILD)/glibc/%: user/glibc/%.c user/glibc/tap.h
	@mkdir -p $(dir $@)
	$(CC) -m32 -static -O2 $(WARN) -o $@ $<

$(BUILD)/busybox/bin/busybox: tools/fetch-busybox.sh
	tools/fetch-busybox.sh $(BUILD)/busybox

$(BUILD)/userland.cpio: $(GLIBC_PROGS) $(BUILD)/busybox/bin/busybox $(UPROGS) tools/mkuserland.sh
	tools/mkuserland.sh $(BUILD) $(BUILD)/busybox/bin/busybox $(GLIBC_PROGS)

# ---- images ---------------------------------------------------------------

$(BUILD)/os.iso: $(BUILD)/kernel.elf $(BUILD)/initramfs.cpio $(BUILD)/userland.cpio \
		iso/boot/grub/grub.cfg
	@rm -rf $(BUILD)/isodir && mkdir -p $(BUILD)/isodir/boot/grub
	cp $(BUILD)/kernel.elf $(BUILD)/initramfs.cpio $(BUILD)/userland.cpio $(BUILD)/isodir/boot/
	cp iso/boot/grub/grub.cfg $(BUILD)/isodir/boot/grub/
	grub-mkrescue -o $@ $(BUILD)/isodir 2> $(BUILD)/grub-mkrescue.log || \
		{ cat $(BUILD)/grub-mkrescue.log; exit 1; }

# The ext2 disk make run attaches as /dev/sdb (init mounts it on /mnt; with
# ROOT=disk it is "/"). Made once, so what a student writes there survives
# rebuilds and reboots (rm build/disk.img for a fresh one): mke2fs -d fills
# it with the user programs, /sbin/init, /dev, /proc, /mnt and a writable /home.
DISK_MB ?= 64
$(BUILD)/disk.img: | $(UPROGS)
	rm -rf $(BUILD)/diskroot
	mkdir -p $(BUILD)/diskroot/sbin $(BUILD)/diskroot/dev $(BUILD)/diskroot/proc \
		$(BUILD)/diskroot/mnt $(BUILD)/diskroot/home
	cp -r $(BUILD)/rootfs/bin $(BUILD)/diskroot/
	cp $(BUILD)/rootfs/bin/init $(BUILD)/diskroot/sbin/init
	chmod 1777 $(BUILD)/diskroot/home
	mke2fs -q -F -t ext2 -b 4096 -d $(BUILD)/diskroot $@ $(DISK_MB)M > /dev/null

$(BUILD)/swap.img:
	@mkdir -p $(BUILD)
	dd if=/dev/zero of=$@ bs=1M count=$(SWAP_MB) status=none
	chmod 600 $@
	mkswap $@ > /dev/null

# ---- the two commands, and friends ----------------------------------------

QEMU_COMMON := -device isa-debug-exit,iobase=0xf4,iosize=0x04 -no-reboot

deps:
	@tools/deps.sh

# Boot the ISO with a swap disk; the serial line is the terminal. poweroff
# or the shell's exit ends QEMU (Ctrl-A X quits it any time), and the
# terminal is restored. Knobs: RUN_MEM (RAM, default 128M), SWAP_MB (swap
# disk size), CMDLINE (boot the kernel directly with this command line
# instead of GRUB's), SH=busybox (Debian's busybox ash as the shell instead
# of the project's sh); tools/run.sh has the details. build/disk.img is the
# second disk, /dev/sdb, mounted on /mnt; ROOT=disk boots with "/" on it.
ifeq ($(ROOT),disk)
CMDLINE ?= console=ttyS0 root=/dev/sdb rootfstype=ext2 rw
endif
SH ?= sh
run: deps all $(BUILD)/disk.img
	@RUN_MEM="$(RUN_MEM)" SWAP_MB="$(SWAP_MB)" CMDLINE="$(CMDLINE)" SH="$(SH)" \
		RUN_DISKS="$(BUILD)/disk.img $(RUN_DISKS)" tools/run.sh

# Boot stopped, with QEMU's gdbstub, and attach gdb with the project's script
# (tools/debug.sh; e.g. make debug CMDLINE="console=ttyS0 loglevel=8").
debug: deps all
	tools/debug.sh

unit: deps
	@$(MAKE) -s -f tests/unit/unit.mk
	@$(PYTHON) -m pytest -q -p no:cacheprovider tests/test_docs.py tests/test_handout.py tests/test_bench_format.py tests/test_format.py	# docs/ pointers name real code; the handout has no solution; bench figures read well; C as .clang-format writes it

systest: deps all
	cd tests/system && $(PYTHON) -m pytest -n 2 -q -rfE

# One coursework lab's test against this tree (labs/README.md).
lab: deps all
	@test -n "$(LAB)" && test -d "labs/$(LAB)" || \
		{ echo "usage: make lab LAB=<name>, one of:" $$(cd labs && ls -d [0-9]*/ | tr -d /); exit 2; }
	cd labs && $(PYTHON) -m pytest -n 2 -q -rfE $(LAB)

# The students' copy: every tracked file but labs/*/solution.patch, as a git
# repository and a tarball in build/handout/ (tools/handout.py).
handout:
	$(PYTHON) tools/handout.py

# Each lab's test fails on this tree and passes with its solution.patch (tools/labcheck.py).
labcheck: deps all
	$(PYTHON) tools/labcheck.py

test: deps
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory systest
	@$(MAKE) --no-print-directory labcheck

# The benchmark table (median of several boots); also build/bench.json.
# ROWS="swappiness textthrash" boots only those groups (tools/bench.py --only).
bench: deps all
	$(PYTHON) tools/bench.py $(if $(ROWS),--only $(ROWS))

# The same swap workloads on Tidemark and on Debian's Linux 6.1 686 kernel in
# the same QEMU, with the same memory free: two columns and their ratio
# (tools/compare.py fetches Linux with apt-get download; docs/benchmarks.md).
compare: deps all
	$(PYTHON) tools/compare.py

# The standard pressure scenario (user/pressure.c as init, 32 MiB of RAM, a
# 16 MiB swap disk) traced with vmtrace= and drawn by tools/plot-vmtrace:
# build/pressure.log -> build/pressure.png (docs/vmtrace.md). PLOT_APPEND adds
# to the command line: PLOT_APPEND="zswap.enabled=1" adds the compressed-memory
# panel (docs/compression.md).
PLOT_MS  ?= 20
PLOT_APPEND ?=
plot: deps all
	dd if=/dev/zero of=$(BUILD)/pressure-swap.img bs=1M count=16 status=none
	chmod 600 $(BUILD)/pressure-swap.img && mkswap $(BUILD)/pressure-swap.img > /dev/null
	timeout 900 $(QEMU) -m 32M -display none -monitor none -serial file:$(BUILD)/pressure.log \
		$(QEMU_COMMON) -kernel $(BUILD)/kernel.elf -initrd $(BUILD)/initramfs.cpio \
		-append "console=ttyS0 vmtrace=$(PLOT_MS) $(PLOT_APPEND) init=/bin/pressure" \
		-drive file=$(BUILD)/pressure-swap.img,format=raw,if=ide,index=0,media=disk; \
		[ $$? = 33 ] || { tail -20 $(BUILD)/pressure.log; echo "plot: the scenario failed"; exit 1; }
	$(PYTHON) tools/plot-vmtrace $(BUILD)/pressure.log -o $(BUILD)/pressure.png

# The system-call fuzzer (docs/fuzzing.md): CALLS calls (default 100000) from
# SEED (random and printed if not given) in QEMU, failing on any oops, panic,
# WARNING or hang; REPLAY=WORKER_SEED prints one worker's calls one by one;
# EXT2=1 adds a damaged ext2 disk (from the seed) mounted on /mnt.
fuzz: deps all
	$(PYTHON) tools/fuzz.py $(if $(CALLS),--calls $(CALLS)) $(if $(SEED),--seed $(SEED)) \
		$(if $(WORKERS),--workers $(WORKERS)) $(if $(REPLAY),--replay $(REPLAY)) \
		$(if $(EXT2),--ext2)

clean:
	rm -rf $(BUILD)

.PHONY: all deps run debug unit systest lab labcheck handout test bench compare plot fuzz clean
.SECONDARY:
.DELETE_ON_ERROR:

-include $(KOBJS:.o=.d) $(ULIBOBJS:.o=.d) $(UPROGS:$(BUILD)/rootfs/bin/%=$(BUILD)/user/%.d) \
	$(filter %.d,$(FUZZOBJS:.o=.d))
