#!/bin/sh
# make run: boot Tidemark in QEMU with its serial line on this terminal.
#
# Without CMDLINE it boots build/os.iso, whose GRUB passes grub.cfg's
# command line (console=ttyS0 console=tty0). With CMDLINE it boots the
# kernel directly (QEMU's -kernel, as make debug does) with that command
# line, e.g. make run CMDLINE="console=ttyS0 mem=48M swappiness=100".
#
# The machine has the exit device the tests use (isa-debug-exit), so
# poweroff, or init exiting (the shell's exit), ends QEMU; Ctrl-A X quits
# it at any time. When QEMU ends, the terminal's settings are put back as
# they were and its line wrap, which the firmware turns off, on again.
#
# Environment (all optional; make passes its variables of the same names):
#   RUN_MEM   RAM size                     (default 128M)
#   SWAP_MB   size of build/swap.img in MiB (default 64; a different size
#             remakes the image with mkswap)
#   CMDLINE   kernel command line          (default: the ISO's GRUB line)
#   QEMU      the emulator                 (default qemu-system-i386)
#   RUN_DISKS more raw disk images, space-separated, attached after the swap disk
#   SH        the shell init starts: sh (the project's, default) or busybox
#             (Debian's busybox ash, with job control and history)
# Exit status: init's exit status (0 for poweroff), 1 after a kernel panic.
set -u
cd "$(dirname "$0")/.."

RUN_MEM=${RUN_MEM:-128M}
SWAP_MB=${SWAP_MB:-64}
CMDLINE=${CMDLINE:-}
QEMU=${QEMU:-qemu-system-i386}
RUN_DISKS=${RUN_DISKS:-}
SH=${SH:-sh}
SWAP_IMG=build/swap.img

# The swap disk, remade if SWAP_MB asks for another size.
if [ ! -f "$SWAP_IMG" ] || [ "$(stat -c %s "$SWAP_IMG")" -ne $((SWAP_MB * 1048576)) ]; then
	dd if=/dev/zero of="$SWAP_IMG" bs=1M count="$SWAP_MB" status=none &&
		chmod 600 "$SWAP_IMG" && mkswap "$SWAP_IMG" > /dev/null ||
		{ echo "run.sh: cannot make a ${SWAP_MB} MiB swap image" >&2; exit 1; }
fi

saved_tty=
[ -t 0 ] && saved_tty=$(stty -g)
restore_terminal() {
	[ -n "$saved_tty" ] && stty "$saved_tty" 2> /dev/null
	[ -t 1 ] && printf '\033[?7h'	# DECAWM: wrap long lines again
}
trap restore_terminal EXIT
trap 'exit 129' HUP
trap 'exit 143' TERM

case $SH in
sh) ;;
busybox) CMDLINE="${CMDLINE:-console=ttyS0 console=tty0} -- /bin/ash" ;;
*) echo "run.sh: SH=$SH: sh (the project's shell) or busybox" >&2; exit 2 ;;
esac
if [ -n "$CMDLINE" ]; then
	# An absolute path: the kernel drops the image path QEMU puts before the line.
	initrd=build/initramfs.cpio
	[ -f build/userland.cpio ] && initrd=$initrd,build/userland.cpio	# busybox and glibc programs, as GRUB loads them
	set -- -kernel "$(pwd)/build/kernel.elf" -initrd "$initrd" -append "$CMDLINE"
else
	set -- -cdrom build/os.iso -boot d
fi
index=1
for disk in $RUN_DISKS; do
	set -- "$@" -drive "file=$disk,format=raw,if=ide,index=$index,media=disk"
	index=$((index + 1))
done

"$QEMU" -m "$RUN_MEM" "$@" \
	-drive "file=$SWAP_IMG,format=raw,if=ide,index=0,media=disk" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -nographic -no-reboot
rc=$?

# The exit protocol (docs/boot.md): 33 + 2*S when init exits with S
# (poweroff is S = 0), 255 after a panic, 0 for Ctrl-A X.
case $rc in
0) exit 0 ;;
255) echo "make run: the kernel panicked" >&2; exit 1 ;;
esac
if [ $rc -ge 33 ] && [ $((rc % 2)) -eq 1 ]; then
	exit $(((rc - 33) / 2))
fi
echo "make run: QEMU exited with $rc" >&2
exit 1
