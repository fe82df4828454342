#!/bin/sh
# The second initramfs archive, build/userland.cpio: programs built the
# usual way (glibc) and Debian's busybox with a hard link for each applet
# the project does not write itself (an applet named as a program in
# build/rootfs/bin keeps the project's program: the project's sh, ls, ps ...).
#
#   tools/mkuserland.sh BUILD BUSYBOX GLIBC_PROGRAM...
set -e
build=$1 busybox=$2
shift 2
root=$build/userland
rm -rf "$root"
mkdir -p "$root/bin"
cp "$busybox" "$root/bin/busybox"
# The one user, for the programs that look up names (ps, id, whoami, ls -l).
mkdir -p "$root/etc" "$root/root" "$root/tmp"
chmod 1777 "$root/tmp"
echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
echo "root:x:0:" > "$root/etc/group"
for prog in "$@"; do
	cp "$prog" "$root/bin/"
done
for applet in $(qemu-i386 "$busybox" --list); do
	[ -e "$build/rootfs/bin/$applet" ] || [ -e "$root/bin/$applet" ] ||
		ln "$root/bin/busybox" "$root/bin/$applet"
done
cd "$root"
find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc --owner=0:0 > ../userland.cpio
