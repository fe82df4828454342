#!/bin/sh
# Debian's busybox-static for i386, with Debian's own tools, into DIR:
#   DIR/busybox-static_*.deb   the package (apt-get download)
#   DIR/bin/busybox            the program (dpkg-deb -x)
# The i386 architecture must be known to dpkg and apt's lists current
# (tools/deps.sh does both as root: dpkg --add-architecture i386; apt-get update).
set -e
dir=${1:?usage: tools/fetch-busybox.sh DIR}
mkdir -p "$dir"
cd "$dir"
if ! ls busybox-static_*_i386.deb > /dev/null 2>&1; then
	apt-get download busybox-static:i386 > /dev/null 2> apt.log || {
		cat apt.log
		echo "fetch-busybox: apt-get download busybox-static:i386 failed;" \
			"run \`make deps\` as root (it adds dpkg's i386 architecture)" >&2
		exit 1
	}
fi
rm -rf extract
dpkg-deb -x busybox-static_*_i386.deb extract
mkdir -p bin
cp extract/bin/busybox bin/busybox
rm -rf extract
