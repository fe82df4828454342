#!/bin/sh
# Check that every tool the build and the tests use is installed; if not,
# install the Debian packages (as root) or print the apt-get line to run.
PACKAGES="make gcc gcc-multilib libc6-dev-i386 binutils nasm qemu-system-x86 qemu-user grub-pc-bin grub-common \
xorriso mtools gdb cpio util-linux python3 python3-pytest python3-pytest-xdist python3-matplotlib check pkg-config procps e2fsprogs liblz4-dev liblzo2-dev clang-format"

missing=""
for tool in gcc ld nasm clang-format qemu-system-i386 qemu-i386 grub-mkrescue xorriso mformat gdb cpio mkswap pkg-config mke2fs e2fsck debugfs; do
	command -v "$tool" > /dev/null 2>&1 || PATH="$PATH:/sbin:/usr/sbin" command -v "$tool" > /dev/null 2>&1 || missing="$missing $tool"
done
[ -d /usr/lib/grub/i386-pc ] || missing="$missing grub-pc-bin"
[ -f "$(gcc -m32 -print-libgcc-file-name 2>/dev/null)" ] || missing="$missing gcc-multilib"
/usr/bin/python3 -c 'import pytest, xdist' 2> /dev/null || missing="$missing pytest"
/usr/bin/python3 -c 'import matplotlib' 2> /dev/null || missing="$missing python3-matplotlib"
pkg-config --exists check 2> /dev/null || missing="$missing check"
pkg-config --exists liblz4 2> /dev/null || missing="$missing liblz4-dev"
pkg-config --exists lzo2 2> /dev/null || missing="$missing liblzo2-dev"
[ -f "$(gcc -m32 -print-file-name=libc.a 2>/dev/null)" ] || missing="$missing libc6-dev-i386"
# make compare downloads linux-image-686:i386 and busybox-static:i386, and the image's
# /bin/busybox is busybox-static:i386 (tools/fetch-busybox.sh), all with apt-get download:
# dpkg must know the i386 architecture and apt must have its package lists.
i386=yes
dpkg --print-foreign-architectures 2> /dev/null | grep -qx i386 || [ "$(dpkg --print-architecture)" = i386 ] ||
	i386=no
[ "$i386" = yes ] && apt-cache show busybox-static:i386 > /dev/null 2>&1 || i386=no
[ "$i386" = yes ] || missing="$missing dpkg-architecture-i386"

[ -z "$missing" ] && exit 0
echo "missing:$missing"
if [ "$(id -u)" = 0 ]; then
	export DEBIAN_FRONTEND=noninteractive
	[ "$(dpkg --print-architecture)" = i386 ] || dpkg --add-architecture i386
	# A mirror caught mid-sync fails one index now and then: try again, then go on
	# with the lists apt has; the install still fails if a package is missing.
	for try in 1 2 3; do
		apt-get update -qq && break
		echo "apt-get update failed (try $try of 3)" >&2
		sleep 10
	done
	apt-get install -y -qq $PACKAGES > /dev/null || exit 1
else
	echo "run: sudo dpkg --add-architecture i386 && sudo apt-get update && sudo apt-get install -y $PACKAGES"
	exit 1
fi
