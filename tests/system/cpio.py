"""Write a cpio newc archive (the initramfs format) for tests that add files.

docs/design.md: every multiboot module that is a cpio newc archive is unpacked
into the root file system in order, later files replacing earlier ones, so
a test passes `initrd=[build/initramfs.cpio, its_own.cpio]` to add files
without a rebuild.
"""


def _header(ino, mode, size, namesize):
    fields = [ino, mode, 0, 0, 1, 0, size, 0, 0, 0, 0, namesize, 0]
    return b"070701" + b"".join(b"%08X" % f for f in fields)


def _pad(n):
    return b"\0" * ((4 - n % 4) % 4)


def write_cpio(path, files, dirs=()):
    """files: {"test/notelf": b"..."}; dirs: ["test"]. Names are relative to /."""
    out = bytearray()
    ino = 1000
    entries = [(d, 0o040755, b"") for d in dirs] + [(n, 0o100755, d) for n, d in files.items()]
    entries.append(("TRAILER!!!", 0, b""))
    for name, mode, data in entries:
        ino += 1
        bname = name.encode() + b"\0"
        head = _header(ino, mode, len(data), len(bname)) + bname
        out += head + _pad(len(head)) + data + _pad(len(data))
    with open(path, "wb") as f:
        f.write(out)
    return path
