#!/bin/sh
# make debug: boot the kernel stopped under QEMU's gdbstub and attach gdb
# with the project's script (tools/gdb/tidemark.gdb), which loads the
# symbols and the helpers (lx-dmesg, tm-ps, tm-pte ...: docs/debugging.md),
# connects and runs to start_kernel. QEMU is killed when gdb exits.
#
# The kernel is booted with -kernel (not the ISO) so its command line is
# yours to choose; the serial console goes to a file, since gdb owns the
# terminal (watch it with `tail -f build/debug-serial.log`, or run lx-dmesg
# in gdb). Ctrl-C in gdb stops the kernel; it does not end this script.
#
# Environment (all optional):
#   CMDLINE       kernel command line      (default "console=ttyS0")
#   MEM           RAM size                 (default 128M)
#   SWAP_IMG      disk image for swap      (default build/swap.img; QEMU
#                 locks it, so a make run at the same time needs another)
#   GDB_SOCKET    gdbstub Unix socket      (default build/gdb.sock)
#   DEBUG_SERIAL  serial log file          (default build/debug-serial.log)
#   GDBFLAGS      more gdb options, split on spaces (e.g. -tui)
#   QEMU, GDB     programs to run          (qemu-system-i386, gdb)
# Arguments are passed to gdb too, after GDBFLAGS.
set -eu
cd "$(dirname "$0")/.."

CMDLINE=${CMDLINE-console=ttyS0}
MEM=${MEM:-128M}
SWAP_IMG=${SWAP_IMG:-build/swap.img}
GDB_SOCKET=${GDB_SOCKET:-build/gdb.sock}
DEBUG_SERIAL=${DEBUG_SERIAL:-build/debug-serial.log}
QEMU=${QEMU:-qemu-system-i386}
GDB=${GDB:-gdb}
GDBFLAGS=${GDBFLAGS:-}

for f in build/kernel.elf build/initramfs.cpio "$SWAP_IMG"; do
	[ -f "$f" ] || { echo "debug.sh: $f missing; run make first" >&2; exit 1; }
done

rm -f "$GDB_SOCKET"
# setsid: QEMU gets its own session, so the Ctrl-C meant for gdb never
# reaches it (QEMU would quit on SIGINT).
setsid "$QEMU" -m "$MEM" -display none -monitor none -no-reboot \
	-serial "file:$DEBUG_SERIAL" \
	-kernel build/kernel.elf -append "$CMDLINE" -initrd build/initramfs.cpio \
	-drive "file=$SWAP_IMG,format=raw,if=ide,index=0,media=disk" \
	-chardev "socket,id=gdb0,path=$GDB_SOCKET,server=on,wait=off" -gdb chardev:gdb0 \
	-S &
qemu=$!

cleanup() {
	kill "$qemu" 2> /dev/null || true
	wait "$qemu" 2> /dev/null || true
	rm -f "$GDB_SOCKET"
}
trap cleanup EXIT
trap 'exit 129' HUP	# a closed terminal or a kill still runs cleanup
trap 'exit 143' TERM
trap : INT		# Ctrl-C belongs to gdb; this script keeps waiting for it

tries=0
until [ -S "$GDB_SOCKET" ]; do
	if ! kill -0 "$qemu" 2> /dev/null || [ $tries -ge 100 ]; then
		echo "debug.sh: QEMU did not open its gdbstub at $GDB_SOCKET" >&2
		exit 1
	fi
	tries=$((tries + 1))
	sleep 0.1
done

echo "QEMU is stopped with its gdbstub on $GDB_SOCKET; serial log: $DEBUG_SERIAL"
# shellcheck disable=SC2086 # GDBFLAGS is a list of words
"$GDB" -q -x tools/gdb/tidemark.gdb -ex "tidemark-attach $GDB_SOCKET" $GDBFLAGS "$@"
