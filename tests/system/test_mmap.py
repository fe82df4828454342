"""File mappings (docs/file-mappings.md): mmap of ext2 files MAP_SHARED and
MAP_PRIVATE, msync, SIGBUS past the end, truncate of a mapped file,
/proc/PID/maps and smaps, and data through a shared mapping verified word
by word after the page cache was dropped (umount and mount again), in the
guest with read(2) and on the host with debugfs.

The data is user/filetest.c's seeded pattern: the 4-byte word at byte
offset o is hash32(seed ^ (o / 4)).
"""
import re
import shutil
import subprocess
from pathlib import Path

from test_ext2 import debugfs_cat, fsck_clean, meminfo, mkfs, pattern, run_script

ROOT_BUILD = Path(__file__).resolve().parents[2] / "build"
BIN = ROOT_BUILD / "rootfs" / "bin"


def test_shared_mapping_write_msync_remount_read(boot, tmp_path):
    img = mkfs(tmp_path / "disk.img", 16)
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt",
        "filetest write /mnt/shared 1024 1",          # the file, with another pattern
        "mmaptest write /mnt/shared 1024 2 sync",      # overwritten through the mapping
        "echo =''= synced", "cat /proc/meminfo",
        "umount /mnt; echo umount $?", "mount /dev/sda /mnt",
        "filetest verify /mnt/shared 1024 2",          # read(2) after the cache went
        "filetest write /mnt/private 512 3",
        "mmaptest private /mnt/private 512 3 4",
        "umount /mnt", "mount /dev/sda /mnt",
        "filetest verify /mnt/private 512 3",          # the private writes never reached it
        "mmaptest verify /mnt/shared 1024 2 private",
        "umount /mnt",
    ])
    assert "mmaptest: wrote 1024 KiB through a shared mapping (msync sync)" in r.log, r.describe()
    assert meminfo(r.log.split("== synced")[1], "Dirty") < 64, r.describe()
    assert "umount 0" in r.log, r.describe()
    assert "filetest: verified 1024 KiB" in r.log, r.describe()
    assert "mmaptest: private copy of 512 KiB written" in r.log, r.describe()
    assert "filetest: verified 512 KiB" in r.log, r.describe()
    assert "mmaptest: verified 1024 KiB" in r.log, r.describe()
    assert r.status == 0, r.describe()     # leakcheck: memory came back
    fsck_clean(img)
    assert debugfs_cat(img, "/shared", tmp_path) == pattern(1024, 2)
    assert debugfs_cat(img, "/private", tmp_path) == pattern(512, 3)



def test_munmap_and_exit_leave_dirty_pages_to_the_flusher(boot, tmp_path):
    """Stores through a shared mapping dirty the page cache at the store (the
    write fault), and neither munmap nor exit writes anything: Dirty stays
    up until sync, which writes the data."""
    img = mkfs(tmp_path / "disk.img", 16)
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt",
        "filetest write /mnt/a 1024 1", "filetest write /mnt/b 1024 1", "sync",
        "echo =''= clean", "cat /proc/meminfo", "cat /proc/vmstat",
        "mmaptest write /mnt/a 1024 2 none",          # munmap at the end
        "mmaptest exit /mnt/b 1024 3",                # exits with the mapping still there
        "echo =''= unmapped", "cat /proc/meminfo", "cat /proc/vmstat",
        "sync",
        "echo =''= synced", "cat /proc/meminfo",
        "umount /mnt",
    ])
    clean, unmapped, synced = (r.log.split(m)[1] for m in ("== clean", "== unmapped", "== synced"))
    assert meminfo(clean, "Dirty") < 64, r.describe()
    assert meminfo(unmapped, "Dirty") >= 2 * 1024, r.describe()     # every page of both files
    # nothing was written between the two samples: no page went to the disk
    assert vmstat_of(unmapped, "pgpgout") == vmstat_of(clean, "pgpgout"), r.describe()
    assert meminfo(synced, "Dirty") < 64 and r.status == 0, r.describe()
    fsck_clean(img)
    assert debugfs_cat(img, "/a", tmp_path) == pattern(1024, 2)
    assert debugfs_cat(img, "/b", tmp_path) == pattern(1024, 3)


def test_fault_around_and_its_debugfs_knob(boot, tmp_path):
    """A cold 1 MiB file read through a mapping: read-around brings it in with
    a few major faults, and fault-around maps 16 cached pages per fault. With
    /sys/kernel/debug/fault_around_bytes at one page every page is a fault of
    its own. The knob takes Linux's values."""
    img = mkfs(tmp_path / "disk.img", 16)
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt",
        "filetest write /mnt/f 1024 9", "filetest write /mnt/g 1024 9", "sync",
        "umount /mnt", "mount /dev/sda /mnt",
        "cat /sys/kernel/debug/fault_around_bytes",
        "mmaptest verify /mnt/f 1024 9",
        "echo 4096 > /sys/kernel/debug/fault_around_bytes",
        "mmaptest verify /mnt/g 1024 9",
        "echo 100000 > /sys/kernel/debug/fault_around_bytes; echo set $?",
        "cat /sys/kernel/debug/fault_around_bytes",
        "echo 0 > /sys/kernel/debug/fault_around_bytes", "cat /sys/kernel/debug/fault_around_bytes",
        "echo 4198400 > /sys/kernel/debug/fault_around_bytes; echo big $?",
        "echo x > /sys/kernel/debug/fault_around_bytes; echo bad $?",
        "cat /sys/kernel/debug/fault_around_bytes",
        "umount /mnt",
    ])
    faults = [tuple(map(int, m)) for m in
              re.findall(r"mmaptest: verified 1024 KiB, faults major (\d+) minor (\d+)", r.log)]
    assert len(faults) == 2, r.describe()
    (maj_around, min_around), (maj_one, min_one) = faults
    assert re.search(r"^65536$", r.log, re.M), r.describe()
    # 256 pages, Linux's count: one major fault reads 0..31 (the marker at 24) and its
    # second try maps 0..15; then 16 and 24 (the marker: reads 32..63), and from 32 on a
    # fault at each 16 (the marker at each 32 reads the next 32): 16 minor faults
    assert (maj_around, min_around) == (1, 16), faults
    assert min_one + maj_one >= 256, faults                   # one fault per page
    assert "set 0" in r.log and re.search(r"^set 0\n65536$", r.log, re.M), r.describe()
    assert re.search(r"^4096$", r.log, re.M), r.describe()    # 0 becomes one page
    assert "big 1" in r.log and "bad 1" in r.log, r.describe()  # EINVAL: over 1024 pages, not a number
    assert r.status == 0, r.describe()

def test_mapping_semantics(boot, tmp_path):
    img = mkfs(tmp_path / "disk.img", 16)
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt",
        "mmaptest check /mnt",
        "umount /mnt",
    ])
    assert "mmaptest: 0 failed" in r.log, r.describe()
    for name in ("sigbus", "sigbus_siginfo", "truncate", "private_cow", "shared_coherent",
                 "fork", "errors"):
        assert f"PASS {name}" in r.log, r.describe()
    assert r.status == 0, r.describe()
    fsck_clean(img)


# Linux 6.1's smaps fields for a 32-bit kernel without THP (fs/proc/task_mmu.c:show_smap)
SMAPS_FIELDS = ["Size", "KernelPageSize", "MMUPageSize", "Rss", "Pss", "Pss_Dirty",
                "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty", "Referenced",
                "Anonymous", "LazyFree", "AnonHugePages", "ShmemPmdMapped", "FilePmdMapped",
                "Shared_Hugetlb", "Private_Hugetlb", "Swap", "SwapPss", "Locked", "THPeligible",
                "VmFlags"]
MAPS_LINE = re.compile(r"^([0-9a-f]{8})-([0-9a-f]{8}) ([r-][w-][x-][ps]) ([0-9a-f]{8}) "
                       r"([0-9a-f]{2}):([0-9a-f]{2}) (\d+) *(.*)$")


def smaps_blocks(text):
    """[(maps line, {field: value})] from an smaps text."""
    blocks = []
    for line in text.splitlines():
        if MAPS_LINE.match(line):
            blocks.append((line, {}))
        elif blocks and ":" in line:
            k, v = line.split(":", 1)
            blocks[-1][1][k] = v
    return blocks


def kb(v):
    m = re.fullmatch(r" *(\d+) kB", v)
    assert m, repr(v)
    return int(m.group(1))


def test_maps_and_smaps_of_file_mappings(boot, tmp_path):
    img = mkfs(tmp_path / "disk.img", 16)
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt",
        "filetest write /mnt/mapped 64 5", "sync",        # clean pages: Shared_Clean
        "mmaptest maps /mnt/mapped 64",
        "umount /mnt",
    ])
    assert "== end" in r.log, r.describe()
    ino = int(re.search(r"Inode: (\d+)", subprocess.run(
        ["debugfs", "-R", "stat /mapped", str(img)], capture_output=True, text=True).stdout)
        .group(1))
    maps = r.log.split("== maps\n")[1].split("== smaps\n")[0]
    lines = [l for l in maps.splitlines() if "/mnt/mapped" in l]
    assert len(lines) == 2, maps
    for line in lines:
        m = MAPS_LINE.match(line)
        assert m and m.group(5, 6, 7) == ("08", "00", str(ino)), line
        assert line.index("/mnt/mapped") == 49, line      # Linux pads the name to column 49
    assert {MAPS_LINE.match(l).group(3) for l in lines} == {"r--s", "rw-p"}, lines
    blocks = smaps_blocks(r.log.split("== smaps\n")[1].split("== end")[0])
    assert [b[0] for b in blocks] == maps.strip().splitlines(), "smaps' lines are maps' lines"
    for line, f in blocks:
        assert list(f) == SMAPS_FIELDS, (line, list(f))
        assert all(re.fullmatch(r" +\d+ kB", f[k]) for k in SMAPS_FIELDS[:-2]), (line, f)
        assert re.fullmatch(r"Private_Hugetlb: +0 kB", f"Private_Hugetlb:{f['Private_Hugetlb']}")
    shared = next(f for l, f in blocks if "r--s" in l and "/mnt/mapped" in l)
    private = next(f for l, f in blocks if "rw-p" in l and "/mnt/mapped" in l)
    # every page of the shared mapping is resident and mapped by the child too: Pss is half
    assert (kb(shared["Size"]), kb(shared["Rss"]), kb(shared["Pss"])) == (64, 64, 32), shared
    assert kb(shared["Shared_Clean"]) == 64 and kb(shared["Anonymous"]) == 0, shared
    assert kb(shared["Private_Clean"]) + kb(shared["Private_Dirty"]) == 0, shared
    assert shared["VmFlags"].split() == ["rd", "sh", "mr", "me", "ms"], shared
    # the private one: its written page is an anonymous copy, private and dirty
    assert kb(private["Anonymous"]) == 4 and kb(private["Private_Dirty"]) == 4, private
    assert kb(private["Rss"]) >= 4 and kb(private["Swap"]) == 0, private
    assert private["VmFlags"].split()[:2] == ["rd", "wr"] and "ac" in private["VmFlags"], private
    assert r.status == 0, r.describe()


def disk_with_programs(tmp_path, *names):
    """An ext2 image (mke2fs -d) holding build/rootfs/bin/NAME for each name, as /bin/NAME."""
    root = tmp_path / "root"
    (root / "bin").mkdir(parents=True)
    for name in names:
        shutil.copy(BIN / name, root / "bin" / name)
    img = tmp_path / "progs.img"
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", "4096", "-d", str(root), str(img),
                    "16M"], check=True, capture_output=True)
    return img


def test_program_from_disk_is_mapped_and_its_text_shared(boot, tmp_path):
    img = disk_with_programs(tmp_path, "sleep", "cat")
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt",
        "/mnt/bin/sleep 3 &", "/mnt/bin/sleep 3 &",
        "/mnt/bin/sleep 1",                              # both have run their code
        "echo =''= maps", "cat /proc/$!/maps",
        "echo =''= smaps", "cat /proc/$!/smaps",
        "echo =''= status", "cat /proc/$!/status",
        "echo =''= self", "/mnt/bin/cat /proc/self/maps",
        "echo =''= end", "wait",
        "umount /mnt; echo umount $?",
    ])
    ino = int(re.search(r"Inode: (\d+)", subprocess.run(
        ["debugfs", "-R", "stat /bin/sleep", str(img)], capture_output=True, text=True).stdout)
        .group(1))
    maps = r.log.split("== maps\n")[1].split("== smaps")[0]
    lines = [l for l in maps.splitlines() if l.endswith("/mnt/bin/sleep")]
    assert lines, r.describe()
    for line in lines:       # every segment with file pages maps the file: dev, inode, path
        m = MAPS_LINE.match(line)
        assert m.group(5, 6, 7) == ("08", "00", str(ino)) and line.index("/mnt") == 49, line
    assert any(MAPS_LINE.match(l).group(3) == "r-xp" for l in lines), lines
    blocks = smaps_blocks(r.log.split("== smaps\n")[1].split("== status")[0])
    text = next(f for l, f in blocks if " r-xp " in l and l.endswith("/mnt/bin/sleep"))
    # the two processes map the same page-cache pages: shared, clean, half each
    assert kb(text["Rss"]) > 0 and kb(text["Shared_Clean"]) == kb(text["Rss"]), text
    assert kb(text["Pss"]) * 2 == kb(text["Rss"]) and kb(text["Anonymous"]) == 0, text
    status = r.log.split("== status\n")[1].split("== self")[0]
    assert int(re.search(r"RssFile:\s+(\d+) kB", status).group(1)) >= kb(text["Rss"]), status
    self_maps = r.log.split("== self\n")[1].split("== end")[0]
    assert re.search(r"r-xp [0-9a-f]{8} 08:00 \d+ +/mnt/bin/cat$", self_maps, re.M), self_maps
    assert "umount 0" in r.log and r.status == 0, r.describe()


def vmstat_of(text, field):
    return int(re.search(rf"^{field} (\d+)$", text, re.M).group(1))



def test_shared_mapping_under_memory_pressure_keeps_its_data(boot, tmp_path):
    """40 MiB written through one shared mapping on 32 MiB of RAM: the mapped
    dirty pages must be unmapped through the file's rmap, written back and
    freed while the writer goes on, and every word read back after the cache
    was dropped. Dirty limits at 100% leave the writeback to reclaim's wakeups
    (and the flusher), not to the writer's throttling."""
    img = mkfs(tmp_path / "disk.img", 64)
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt",
        "filetest write /mnt/big 40960 1", "sync",
        "echo 100 > /proc/sys/vm/dirty_ratio", "echo 100 > /proc/sys/vm/dirty_background_ratio",
        "echo =''= before", "cat /proc/vmstat",
        "mmaptest write /mnt/big 40960 2 none",
        "echo =''= after", "cat /proc/vmstat",
        "umount /mnt", "mount /dev/sda /mnt",
        "filetest verify /mnt/big 40960 2",
        "umount /mnt",
    ], mem="32M")
    assert "mmaptest: wrote 40960 KiB through a shared mapping" in r.log, r.describe()
    assert "filetest: verified 40960 KiB" in r.log, r.describe()
    before, after = r.log.split("== before")[1], r.log.split("== after")[1]
    stolen = vmstat_of(after, "pgsteal_file") - vmstat_of(before, "pgsteal_file")
    assert stolen >= (40960 - 32768) // 4, stolen          # mapped pages went while mapped
    assert vmstat_of(after, "oom_kill") == 0 and r.status == 0, r.describe()
    fsck_clean(img)
    assert debugfs_cat(img, "/big", tmp_path) == pattern(40960, 2)


def test_text_thrash_major_faults_on_code_and_all_finish(boot, tmp_path):
    """Four processes run textthrash (2.4 MiB of text, from build/textthrash.img)
    with their anonymous memory sized to leave 2.9 MiB of MemFree: the
    text no longer fits, so its clean pages are reclaimed and read again
    (major faults on code) while every call still returns the right value."""
    img = tmp_path / "textthrash.img"
    shutil.copy(ROOT_BUILD / "textthrash.img", img)
    r = run_script(boot, [img], [
        "mount /dev/sda /mnt",
        "echo =''= before", "cat /proc/vmstat",
        "/mnt/bin/textthrash spawn 4 1 2900",
        "echo =''= after", "cat /proc/vmstat",
        "umount /mnt",
    ], mem="32M")
    assert "textthrash: 4 of 4 processes finished correctly" in r.log, r.describe()
    majors = [int(m) for m in re.findall(r"textthrash: ok 1 passes, major (\d+)", r.log)]
    assert len(majors) == 4 and sum(majors) >= 100, majors     # without pressure: about 4 each
    before, after = r.log.split("== before")[1], r.log.split("== after")[1]
    delta = {f: vmstat_of(after, f) - vmstat_of(before, f)
             for f in ("pgmajfault", "pgsteal_file", "workingset_refault_file")}
    # majflt, as Linux's, also counts faults that only waited for another one's read
    # (FAULT_FLAG_TRIED); pgmajfault counts the misses alone (and the shell's few)
    assert 100 <= delta["pgmajfault"] <= sum(majors) + 20 and delta["pgsteal_file"] > 0, delta
    assert delta["workingset_refault_file"] > 0, delta           # evicted text came back
    assert vmstat_of(after, "oom_kill") == 0 and r.status == 0, r.describe()
