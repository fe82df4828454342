"""ext2 on an IDE disk through the page cache, checked from user space and
then on the host with Debian's e2fsck and debugfs after QEMU exits.

Images are made here with mke2fs (4 KiB blocks unless a test says
otherwise). Data is user/filetest.c's seeded pattern: the 4-byte word at
byte offset o is hash32(seed ^ (o / 4)), checked word by word in the guest
and again on the host from debugfs's copy.
"""
import os
import re
import shutil
import struct
import subprocess

import pytest

from tidemark import BUILD, blkdebug_disk, tap_on_linux

SH = "init=/bin/leakcheck -- /bin/sh"
M32 = 0xFFFFFFFF


def hash32(x):
    x ^= x >> 16
    x = x * 0x7FEB352D & M32
    x ^= x >> 15
    x = x * 0x846CA68B & M32
    x ^= x >> 16
    return x


def pattern(kib, seed):
    return struct.pack(f"<{kib * 256}I", *(hash32(seed ^ i) for i in range(kib * 256)))


def mkfs(path, size_mb, block=4096, opts=()):
    with open(path, "wb") as f:
        f.truncate(size_mb << 20)
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", str(block), *opts, str(path)],
                   check=True, capture_output=True)
    return path


def fsck_clean(img):
    r = subprocess.run(["e2fsck", "-fn", str(img)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    state = subprocess.run(["dumpe2fs", "-h", str(img)], capture_output=True, text=True).stdout
    assert re.search(r"Filesystem state:\s+clean\n", state), state


def debugfs_cat(img, path, tmp_path):
    out = tmp_path / "dump.bin"
    subprocess.run(["debugfs", "-R", f"dump {path} {out}", str(img)], check=True,
                   capture_output=True)
    return out.read_bytes()


def meminfo(text, field, which=0):
    return int(re.findall(rf"^{field}:\s+(\d+) kB", text, re.M)[which])


def vmstat(text, field, which=0):
    return int(re.findall(rf"^{field} (\d+)$", text, re.M)[which])


def run_script(boot, disks, lines, mem="32M", extra=""):
    script = "\n\n" + "\n".join(lines) + "\nexit 0\n"
    r = boot(cmdline=f"console=ttyS0 {extra} {SH}", input=script, mem=mem, disks=disks)
    r.expect_clean()
    return r


def test_write_umount_mount_read_cold_then_warm(boot, tmp_path):
    img = mkfs(tmp_path / "disk.img", 32)
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt; echo mount $?",
        "cat /proc/mounts", "df",
        "filetest write /mnt/ra 4096 8", "sync",
        "filetest write /mnt/data 8192 7",
        "echo =''= dirty", "cat /proc/meminfo",
        "filetest chmod /mnt/data 600", "filetest utime /mnt/data 1000000000",
        "filetest fsync /mnt/data",
        "echo =''= fsynced", "cat /proc/meminfo",
        "umount /mnt; echo umount $?",
        "mount /dev/sda /mnt",
        "filetest ra /mnt/ra 0 1 2 3 4 500 900",
        "echo =''= cold", "cat /proc/meminfo", "cat /proc/vmstat",
        "filetest verify /mnt/data 8192 7",
        "echo =''= warm", "cat /proc/meminfo", "cat /proc/vmstat",
        "filetest verify /mnt/data 8192 7",
        "echo =''= after", "cat /proc/meminfo", "cat /proc/vmstat",
        "cd /mnt", "umount /mnt; echo busy $?", "cd /",
        "umount /mnt; echo umount2 $?",
    ])
    assert "mount 0" in r.log and "umount 0" in r.log and "umount2 0" in r.log, r.describe()
    assert "/dev/sda /mnt ext2 rw,relatime,errors=continue 0 0" in r.log
    assert re.search(r"^/dev/sda\s+\d+\s+\d+\s+\d+\s+\d+% /mnt$", r.log, re.M), r.describe()
    assert "umount: /mnt: target is busy." in r.log and "busy 32" in r.log
    assert r.log.count("filetest: verified 8192 KiB") == 2, r.describe()
    assert "filetest: fsync /mnt/data: ok" in r.log
    dirty = r.log.split("== dirty")[1]
    assert meminfo(dirty, "Dirty") > 0 and meminfo(dirty, "Cached") >= 8192
    assert meminfo(r.log.split("== fsynced")[1], "Dirty") < 64   # the inode's block at most
    cold, warm, after = (r.log.split(m)[1] for m in ("== cold", "== warm", "== after"))
    # the cold read went to the disk (pgpgin in KiB) and filled the cache; the warm one did not
    cold_kib = vmstat(warm, "pgpgin") - vmstat(cold, "pgpgin")
    warm_kib = vmstat(after, "pgpgin") - vmstat(warm, "pgpgin")
    assert cold_kib >= 8192, (cold_kib, warm_kib)
    assert warm_kib == 0, (cold_kib, warm_kib)
    assert meminfo(warm, "Cached") - meminfo(cold, "Cached") >= 8192
    # Linux's on-demand readahead, in KiB read per one-page read: 0..3, then at
    # the marker 4..11, then 12..27 (and the indirect block), then random
    # reads get just their page
    assert "filetest: ra 0:16 1:32 2:0 3:0 4:68 500:4 900:4" in r.log, r.describe()
    assert "filetest: chmod /mnt/data: ok" in r.log and "filetest: utime /mnt/data: ok" in r.log
    assert r.status == 0, r.describe()     # leakcheck: memory came back after umount
    fsck_clean(img)
    assert debugfs_cat(img, "/data", tmp_path) == pattern(8192, 7)
    stat = subprocess.run(["debugfs", "-R", "stat /data", str(img)], capture_output=True,
                          text=True).stdout
    assert re.search(r"Mode:\s+0600", stat) and "mtime: 0x3b9aca00" in stat, stat


def test_file_larger_than_ram_and_dirty_limit(boot, tmp_path):
    img = mkfs(tmp_path / "disk.img", 96)
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt",
        "echo 100 > /proc/sys/vm/dirty_bytes; echo small $?",
        "echo 2097152 > /proc/sys/vm/dirty_bytes; echo set $?",
        "echo 1048576 > /proc/sys/vm/dirty_background_bytes",
        "cat /proc/sys/vm/dirty_ratio /proc/sys/vm/dirty_bytes /proc/sys/vm/dirty_background_ratio",
        "filetest write /mnt/big 49152 11",
        "sync", "echo =''= synced", "cat /proc/meminfo",
        "filetest verify /mnt/big 49152 11",
        "echo 20 > /proc/sys/vm/dirty_ratio",
        "echo =''= ratio again", "cat /proc/sys/vm/dirty_bytes",
        "umount /mnt",
    ], mem="32M")
    assert "small 1" in r.log and "set 0" in r.log, r.describe()
    assert re.search(r"^0\n2097152\n0\n", r.log, re.M), r.describe()
    m = re.search(r"filetest: wrote 49152 KiB .* max dirty (\d+) kB", r.log)
    assert m, r.describe()
    assert 0 < int(m.group(1)) <= 2048 + 256, m.group(0)    # dirty_bytes, plus one batch
    assert meminfo(r.log.split("== synced")[1], "Dirty") == 0
    assert "filetest: verified 49152 KiB" in r.log, r.describe()
    assert r.log.split("== ratio again\n")[1].startswith("0\n"), r.describe()  # the ratio wins again
    assert r.status == 0, r.describe()
    fsck_clean(img)


def test_full_disk_gives_enospc_and_loses_nothing(boot, tmp_path):
    img = mkfs(tmp_path / "disk.img", 8)
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt",
        "filetest write /mnt/keep 1024 3",
        "filetest write /mnt/fill 16384 4; echo fill $?",
        "umount /mnt", "mount /dev/sda /mnt",
        "filetest verify /mnt/keep 1024 3",
        "umount /mnt",
    ])
    assert "No space left on device" in r.log and "fill 1" in r.log, r.describe()
    assert "filetest: verified 1024 KiB" in r.log, r.describe()
    fsck_clean(img)
    assert debugfs_cat(img, "/keep", tmp_path) == pattern(1024, 3)


def corrupt(img, offset, data):
    with open(img, "r+b") as f:
        f.seek(offset)
        f.write(data)


def inode_table_offset(img, ino):
    out = subprocess.run(["debugfs", "-R", f"imap <{ino}>", str(img)], capture_output=True,
                         text=True).stdout
    block, off = re.search(r"located at block (\d+), offset 0x([0-9a-f]+)", out).groups()
    return int(block) * 4096 + int(off, 16)


def ino_of(img, path):
    out = subprocess.run(["debugfs", "-R", f"stat {path}", str(img)], capture_output=True,
                         text=True).stdout
    return int(re.search(r"Inode: (\d+)", out).group(1))


def corrupt_case(case, img):
    """Break img as case says; returns (mount ok?, what to run, the EXT2-fs line expected)."""
    if case == "bad magic":
        corrupt(img, 1024 + 56, b"\x00\x00")
        return False, "can't find an ext2 filesystem on dev sda."
    if case == "bad block size":
        corrupt(img, 1024 + 24, struct.pack("<I", 9))
        return False, "EXT2-fs (sda): Invalid log block size: 9"
    if case == "no inodes":
        corrupt(img, 1024, struct.pack("<I", 0))
        return False, "EXT2-fs (sda): error: invalid #inodes: 0 vs computed"
    if case == "truncated disk":
        with open(img, "r+b") as f:
            f.truncate(4 << 20)
        return False, "error: bad geometry: block count 4096 exceeds size of device (1024 blocks)"
    if case == "unknown incompat":
        corrupt(img, 1024 + 96, struct.pack("<I", 0x2 | 0x40))
        return False, "error: couldn't mount because of unsupported optional features (40)"
    if case == "block past the end":
        ino = ino_of(img, "/f")
        corrupt(img, inode_table_offset(img, ino) + 40, struct.pack("<I", 9000000))
        return True, f"EXT2-fs error (device sda): ext2_get_branch: inode #{ino}: block 9000000 out of the data zone"
    if case == "rec_len past the block":
        out = subprocess.run(["debugfs", "-R", "blocks /d", str(img)], capture_output=True,
                             text=True).stdout
        corrupt(img, int(out.split()[0]) * 4096 + 12 + 4, struct.pack("<H", 8000))
        return True, (f"EXT2-fs error (device sda): ext2_check_block: bad entry in directory "
                      f"#{ino_of(img, '/d')}: : directory entry across blocks - offset=12")
    if case == "directory loop":
        subprocess.run(["debugfs", "-w", "-R", "ln / /d/up", str(img)], check=True,
                       capture_output=True)
        return True, "VFS: Lookup of 'up' in ext2 sda would have caused loop"
    raise ValueError(case)


@pytest.mark.parametrize("case", ["bad magic", "bad block size", "no inodes", "truncated disk",
                                  "unknown incompat", "block past the end",
                                  "rec_len past the block", "directory loop"])
def test_corrupt_image_is_refused_or_gives_eio(boot, tmp_path, case):
    src = tmp_path / "src"
    (src / "d").mkdir(parents=True)
    (src / "f").write_bytes(b"x" * 5000)
    (src / "d" / "g").write_text("hello\n")
    img = tmp_path / "disk.img"
    with open(img, "wb") as f:
        f.truncate(16 << 20)
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", "4096", "-d", str(src), str(img)],
                   check=True, capture_output=True)
    mounts, line = corrupt_case(case, img)
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt; echo mount $?",
        "cat /mnt/f > /dev/null; echo read $?",
        "ls /mnt/d; echo ls $?",
        "ls /mnt/d/up/d; echo loop $?",
        "umount /mnt",
    ])
    # The line is whole: its level is not printed (no stray "3" before EXT2-fs).
    assert re.search(r"^\[ *\d+\.\d+\] (?=EXT2-fs|VFS)[^\n]*" + re.escape(line), r.log, re.M), r.describe()
    assert ("mount 0" in r.log) == mounts, r.describe()
    if mounts:
        assert "read 1" in r.log or "ls 1" in r.log or "loop 1" in r.log or "loop 2" in r.log, r.describe()
    assert r.status == 0, r.describe()


def test_writeback_io_error_reaches_fsync_once(boot, tmp_path):
    img = mkfs(tmp_path / "disk.img", 16)
    # the first data blocks of a file in group 0 come after the inode table
    out = subprocess.run(["dumpe2fs", str(img)], capture_output=True, text=True).stdout
    first_free = int(re.search(r"Free blocks: (\d+)-", out).group(1))
    r = run_script(boot, [blkdebug_disk(img, ("write_aio", (first_free + 2) * 8))], [
        "mount /dev/sda /mnt",
        "filetest write /mnt/f 64 5",
        "filetest fsync /mnt/f", "filetest fsync /mnt/f",
        "umount /mnt",
    ])
    assert "end_request: I/O error, dev sda, sector" in r.log, r.describe()
    assert "filetest: fsync /mnt/f: Input/output error" in r.log, r.describe()
    assert r.log.count("filetest: fsync /mnt/f: ok") == 1, r.describe()


def root_disk(tmp_path, size_mb=32):
    """An ext2 image like make run's build/disk.img: the user programs, /sbin/init, /dev, /proc, /home."""
    root = tmp_path / "diskroot"
    shutil.copytree(BUILD / "rootfs" / "bin", root / "bin")
    for d in ("sbin", "dev", "proc", "mnt", "home"):
        (root / d).mkdir()
    shutil.copy(BUILD / "rootfs" / "bin" / "init", root / "sbin" / "init")
    img = tmp_path / "root.img"
    with open(img, "wb") as f:
        f.truncate(size_mb << 20)
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", "4096", "-d", str(root), str(img)],
                   check=True, capture_output=True)
    return img


def test_root_on_disk_rw_then_ro(boot, tmp_path):
    img = root_disk(tmp_path)
    r = run_script(boot, [img], [
        "cat /proc/mounts", "ls /dev",
        "filetest write /home/f 1024 9",
        "sync", "echo 1 > /proc/sys/vm/drop_caches",
    ], extra="root=/dev/sda rootfstype=ext2 rw")
    assert "VFS: Mounted root (ext2 filesystem) on device 8:0." in r.log, r.describe()
    assert "/dev/root / ext2 rw,relatime,errors=continue 0 0" in r.log and "proc /proc proc" in r.log
    assert "console" in r.log and "filetest: wrote 1024 KiB" in r.log, r.describe()
    # The programs themselves come through the page cache here, so leakcheck's
    # exact balance cannot hold; after drop_caches nothing may be missing.
    before, after = map(int, re.search(r"leakcheck: MemFree (\d+) kB -> (\d+) kB", r.log).groups())
    assert after >= before, r.describe()
    fsck_clean(img)     # init's exit left the disk written back and clean
    r = run_script(boot, [img], [
        "cat /proc/mounts",
        "filetest verify /home/f 1024 9",
        "filetest write /home/g 4 1; echo write $?",
        "echo 1 > /proc/sys/vm/drop_caches",
    ], extra="root=/dev/sda")
    assert "VFS: Mounted root (ext2 filesystem) readonly on device 8:0." in r.log, r.describe()
    assert "/dev/root / ext2 ro,relatime,errors=continue 0 0" in r.log
    assert "filetest: verified 1024 KiB" in r.log, r.describe()
    assert "filetest: /home/g: Read-only file system" in r.log and "write 1" in r.log
    fsck_clean(img)
    assert debugfs_cat(img, "/home/f", tmp_path) == pattern(1024, 9)


def test_proc_mounts_shows_errors_as_linux(boot, tmp_path):
    """Linux's ext2_show_options: errors=remount-ro only when the superblock's default differs."""
    ro = mkfs(tmp_path / "ro.img", 4, opts=("-e", "remount-ro"))
    cont = mkfs(tmp_path / "cont.img", 4)
    r = run_script(boot, [ro, cont], [
        "mount /dev/sda /mnt", "cat /proc/mounts", "umount /mnt",
        "mount -o errors=remount-ro /dev/sdb /mnt", "cat /proc/mounts", "umount /mnt",
        "mount -o errors=panic /dev/sda /mnt", "cat /proc/mounts", "umount /mnt",
    ])
    assert "/dev/sda /mnt ext2 rw,relatime 0 0" in r.log, r.describe()
    assert "/dev/sdb /mnt ext2 rw,relatime,errors=remount-ro 0 0" in r.log, r.describe()
    assert "/dev/sda /mnt ext2 rw,relatime,errors=panic 0 0" in r.log, r.describe()
    fsck_clean(ro)
    fsck_clean(cont)


def test_small_blocks_and_meta_bg(boot, tmp_path):
    """File data on 1 and 2 KiB blocks (pages over several blocks), and meta_bg's descriptors.

    sda has 1 KiB blocks and meta_bg with 256-block groups: 64 groups need
    two descriptor blocks, and the second one sits in group 32 (Linux's
    descriptor_loc); a 12 MiB file reaches groups past 32. sdb has 2 KiB blocks.
    """
    meta = mkfs(tmp_path / "meta.img", 16, block=1024, opts=("-g", "256", "-O", "meta_bg,^resize_inode"))
    two = mkfs(tmp_path / "two.img", 8, block=2048)
    assert "Group descriptor at 8193" in subprocess.run(["dumpe2fs", str(meta)],
                                                         capture_output=True, text=True).stdout
    r = run_script(boot, [meta, two], [
        "mount /dev/sda /mnt", "filetest write /mnt/big 12288 21",
        "umount /mnt; echo umount $?", "mount /dev/sda /mnt",
        "filetest verify /mnt/big 12288 21", "df", "umount /mnt",
        "mount /dev/sdb /mnt", "filetest write /mnt/f 3008 23", "umount /mnt", "mount /dev/sdb /mnt",
        "filetest verify /mnt/f 3008 23", "umount /mnt",
    ], mem="48M")
    assert "umount 0" in r.log, r.describe()
    for kib in (12288, 3008):
        assert f"filetest: verified {kib} KiB" in r.log, r.describe()
    assert re.search(r"^/dev/sda\s+\d+\s+1[23]\d{3}\s+\d+\s+\d+% /mnt$", r.log, re.M), r.describe()
    fsck_clean(meta)
    fsck_clean(two)
    assert debugfs_cat(meta, "/big", tmp_path) == pattern(12288, 21)
    assert debugfs_cat(two, "/f", tmp_path) == pattern(3008, 23)


def debugfs(img, cmd, write=False):
    return subprocess.run(["debugfs", *(["-w"] if write else []), "-R", cmd, str(img)],
                          capture_output=True, text=True).stdout


def test_delete_releases_xattr_blocks(boot, tmp_path):
    """Linux's ext2_xattr_delete_inode: a shared block loses one user, the last one frees it."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a", "b", "c"):
        (src / name).write_text(name * 100)
        os.setxattr(src / name, "user.colour", name.encode() * 8)
    img = mkfs(tmp_path / "disk.img", 4, opts=("-I", "128", "-d", str(src)))
    acl = {n: int(re.search(r"File ACL: (\d+)", debugfs(img, f"stat /{n}")).group(1))
           for n in ("a", "b", "c")}
    # b shares a's block, as Linux's mb_cache shares equal attribute sets: h_refcount 2
    debugfs(img, f"sif /b file_acl {acl['a']}", write=True)
    debugfs(img, f"freeb {acl['b']}", write=True)
    with open(img, "r+b") as f:
        f.seek(acl["a"] * 4096 + 4)
        f.write(struct.pack("<I", 2))
    subprocess.run(["e2fsck", "-fy", str(img)], capture_output=True)  # the group's free count
    fsck_clean(img)
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt", "filetest unlink /mnt/b", "filetest unlink /mnt/c",
        "umount /mnt",
    ])
    assert "filetest: unlink /mnt/b: ok" in r.log and "filetest: unlink /mnt/c: ok" in r.log
    assert r.status == 0, r.describe()
    fsck_clean(img)      # e2fsck counts the block's users against h_refcount
    with open(img, "rb") as f:
        f.seek(acl["a"] * 4096 + 4)
        assert struct.unpack("<I", f.read(4))[0] == 1
    assert "not in use" in debugfs(img, f"testb {acl['c']}")
    assert "marked in use" in debugfs(img, f"testb {acl['a']}")
    r = run_script(boot, [img], ["mount /dev/sda /mnt", "filetest unlink /mnt/a", "umount /mnt"])
    assert "filetest: unlink /mnt/a: ok" in r.log, r.describe()
    fsck_clean(img)
    assert "not in use" in debugfs(img, f"testb {acl['a']}")


def test_symbolic_links_on_ext2(boot, tmp_path):
    """user/linktest.c on an ext2 disk: path lookup through fast and slow links, ELOOP, lstat."""
    img = mkfs(tmp_path / "disk.img", 8)
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt", "linktest /mnt/links", "echo linktest $?", "umount /mnt",
    ])
    r.expect_tap("linktest")
    assert "linktest 0" in r.log, r.describe()
    fsck_clean(img)
    fast = subprocess.run(["debugfs", "-R", "stat /links/l0", str(img)], capture_output=True,
                          text=True).stdout
    slow = subprocess.run(["debugfs", "-R", "stat /links/slow", str(img)], capture_output=True,
                          text=True).stdout
    assert 'Fast link dest: "f"' in fast, fast
    assert "Fast link dest" not in slow and re.search(r"BLOCKS:\n\(0\):\d+", slow), slow


def test_linktest_expectations_hold_on_linux(tmp_path):
    """The same binary on the host's Linux: every expectation is Linux's behaviour."""
    tap_on_linux("linktest", tmp_path / "w")
