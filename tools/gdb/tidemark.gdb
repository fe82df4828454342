# The project's gdb script: `make debug` and tests/system/test_gdb.py use it.
#
# Source it from the repository root (paths below are relative to it):
#
#     gdb -x tools/gdb/tidemark.gdb -ex 'tidemark-attach build/gdb.sock'
#
# It loads the symbols of build/kernel.elf, sets up gdb for a 32-bit kernel,
# loads the Python helpers (tools/gdb/tidemark.py: lx-dmesg, lx-cmdline,
# tidemark-connect, and the tm-* helpers of tidemark_tasks.py and
# tidemark_mm.py: tm-ps, tm-pte, tm-buddyinfo, tm-zoneinfo, tm-lru), makes
# tm-dmesg an alias of lx-dmesg (one log reader, both families of names)
# and defines tidemark-attach, which connects to QEMU's gdbstub and runs
# the kernel to start_kernel.
#
# Why a hardware breakpoint: QEMU starts (-S) with paging off, so the
# kernel's addresses (0xC01xxxxx) are not mapped yet. A software breakpoint
# is an int3 written into memory at that address (QEMU does that under
# KVM; under TCG it keeps breakpoints itself), which cannot work before
# paging. A hardware breakpoint only compares the instruction address, so
# it works either way. Once start_kernel runs, `break` works everywhere.

set confirm off
set pagination off
set print pretty on
set history save off
file build/kernel.elf
set architecture i386
source tools/gdb/tidemark.py
alias tm-dmesg = lx-dmesg

define tidemark-attach
  tidemark-connect $arg0
  thbreak start_kernel
  continue
end
document tidemark-attach
tidemark-attach TARGET: connect to QEMU's gdbstub and run to start_kernel.
TARGET is what `target remote` takes: a Unix socket path (build/gdb.sock)
or HOST:PORT. QEMU must have been started with -S (stopped) and -gdb.
Uses a temporary hardware breakpoint, since paging is still off at reset.
end
