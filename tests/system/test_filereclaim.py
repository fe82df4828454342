"""File pages under memory pressure (issue 16, docs/filereclaim.md).

Each test boots 32 MiB of RAM with an ext2 disk (/dev/sda) and a swap disk
(/dev/sdb), runs a shell script under leakcheck, and checks what a user
would see: data read back word by word (user/filereclaim.c, files written
by user/filetest.c), the /proc/vmstat changes filereclaim prints, and
/proc/meminfo. Every script ends with sync, drop_caches and umount: Cached
must come back to where it started and leakcheck's MemFree and SwapFree
must balance.
"""
import re
import sys

from test_ext2 import meminfo, mkfs, vmstat
from test_swapping import LEAKCHECK, swap_disk
from test_vmtrace import plot
from tidemark import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import vmtrace  # noqa: E402

SH = "init=/bin/leakcheck -- /bin/sh"


def run(boot, tmp_path, lines, mem="32M", disk_mb=160, timeout=400, extra=""):
    img = mkfs(tmp_path / "disk.img", disk_mb)
    swap = swap_disk(tmp_path / "swap.img", 64)
    script = "\n\n" + "\n".join([
        "mount /dev/sda /mnt",
        "echo =''=start", "cat /proc/meminfo",
        *lines,
        "sync", "echo 3 > /proc/sys/vm/drop_caches",
        "echo =''=end", "cat /proc/meminfo",
        "umount /mnt",
    ]) + "\nexit 0\n"
    r = boot(cmdline=f"console=ttyS0 {extra} {SH}", input=script, mem=mem, disks=[str(img), str(swap)],
             timeout=timeout)
    r.expect_clean()
    assert r.status == 0, r.describe()
    leak = LEAKCHECK.search(r.log)
    assert leak and leak.group(1) == leak.group(2) and leak.group(3) == leak.group(4), r.describe()
    start = r.log.split("==start")[1]
    end = r.log.split("==end")[1]
    assert meminfo(end, "Cached") == meminfo(start, "Cached"), r.describe()   # all dropped again
    return r


def results(log):
    """Every filereclaim line's counters, in order, as dicts."""
    out = []
    for line in re.findall(r"^filereclaim: (pswpout=.*)$", log, re.M):
        out.append({k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line)})
    return out


def extra(log, name):
    return [int(v) for v in re.findall(rf"^filereclaim: {name}=(\d+)$", log, re.M)]


def test_stream_twice_ram_leaves_the_anon_working_set_alone(boot, tmp_path):
    """A 64 MiB file read twice on 32 MiB past a 4 MiB working set used all
    along: reclaim takes file pages (cache trim mode: plenty of inactive
    file pages that do not refault into the working set) and swaps out
    next to nothing; the second pass refaults, beyond the working set's
    distance, so its pages stay inactive."""
    r = run(boot, tmp_path, [
        "filetest write /mnt/big 65536 7", "sync", "echo 1 > /proc/sys/vm/drop_caches",
        "filereclaim stream 4096 /mnt/big 65536 7 2",
    ], extra="vmtrace=100")
    assert "PASS filereclaim" in r.log, r.describe()
    c = results(r.log)[0]
    assert c["pgsteal_file"] >= 24000, c            # most of 2 x 16384 pages went again
    assert c["pswpout"] <= 64, c                    # at most 1/16 of the working set
    assert c["workingset_refault_file"] >= 8000, c  # the second pass found its shadows
    assert c["workingset_activate_file"] <= c["workingset_refault_file"] // 10, c
    # The trace (make plot's) shows it: the file lists fill, dirty pages while
    # writing, file pages reclaimed and hardly any anon
    recs = vmtrace.parse(r.log)
    assert max(rec["nr_inactive_file"] for rec in recs) >= 4096, recs[-1]
    assert max(rec["nr_dirty"] + rec["nr_writeback"] for rec in recs) > 0, recs[-1]
    assert recs[-1]["pgsteal_file"] - recs[0]["pgsteal_file"] >= 24000, recs[-1]
    assert recs[-1]["pgsteal_anon"] - recs[0]["pgsteal_anon"] <= 64, recs[-1]
    out = tmp_path / "stream.png"
    p = plot(r.log_path, out)
    assert p.returncode == 0 and out.stat().st_size > 10000, p.stderr


def test_swappiness_0_200_and_60(boot, tmp_path):
    """The same mix at three swappiness values: a 12 MiB file read twice
    (active), then 20 MiB of anonymous memory, then the file again. At 0
    no anonymous page is swapped while file pages remain (the file is
    read back from the disk instead); at 200 anonymous pages go to swap
    and the file stays cached; 60 lies between."""
    lines = ["filetest write /mnt/f 12288 5", "sync"]
    for s in (0, 200, 60):
        lines += ["echo 1 > /proc/sys/vm/drop_caches", f"echo {s} > /proc/sys/vm/swappiness",
                  "filereclaim mixed /mnt/f 12288 20480 5"]
    r = run(boot, tmp_path, lines)
    assert r.log.count("PASS filereclaim") == 3, r.describe()
    s0, s200, s60 = results(r.log)
    reread = extra(r.log, "reread_pgpgin")
    assert s0["pswpout"] == 0 and s0["pgsteal_anon"] == 0, s0
    assert reread[0] > 0, reread                     # the file paid instead
    assert s200["pswpout"] > 0 and s200["pgsteal_anon"] > s200["pgsteal_file"], s200
    assert reread[1] < reread[0], reread
    assert s200["pswpout"] >= s60["pswpout"] >= s0["pswpout"], (s0, s60, s200)


def test_hot_file_stays_cached_while_a_big_one_streams(boot, tmp_path):
    """A 1 MiB file read again after every MiB of a 40 MiB stream is on the
    active list from its second read and is never read from the disk again;
    the stream read a second time refaults (workingset_refault_file)."""
    r = run(boot, tmp_path, [
        "filetest write /mnt/hot 1024 3", "filetest write /mnt/big 40960 4", "sync",
        "echo 1 > /proc/sys/vm/drop_caches",
        "filereclaim hot /mnt/hot 1024 /mnt/big 40960 3",
        "filereclaim hot /mnt/hot 1024 /mnt/big 40960 3",
    ])
    assert r.log.count("PASS filereclaim") == 2, r.describe()
    assert extra(r.log, "hot_pgpgin") == [0, 0], r.describe()
    first, second = results(r.log)
    assert first["pgactivate"] >= 256, first     # the hot file, activated on its second read
    assert second["workingset_refault_file"] >= 4096, second


def test_drop_caches_drops_clean_pages_and_keeps_dirty_ones(boot, tmp_path):
    """drop_caches 1 empties Cached of clean pages and logs Linux's line; a
    file written and not synced stays (its pages are dirty); the next read
    of a dropped file comes from the disk (pgpgin)."""
    r = run(boot, tmp_path, [
        "filetest write /mnt/a 8192 1", "sync",
        "echo =''=written", "cat /proc/meminfo",
        "echo 1 > /proc/sys/vm/drop_caches",
        "echo =''=dropped", "cat /proc/meminfo",
        "echo 50 > /proc/sys/vm/dirty_background_ratio", "echo 90 > /proc/sys/vm/dirty_ratio",
        "echo 0 > /proc/sys/vm/dirty_writeback_centisecs",
        "filetest write /mnt/b 2048 2",
        "echo 3 > /proc/sys/vm/drop_caches",
        "echo =''=dirty", "cat /proc/meminfo",
        "filetest ra /mnt/a 0 1000",
        "filetest verify /mnt/a 8192 1",
        "echo 500 > /proc/sys/vm/dirty_writeback_centisecs",
        "sync", "echo =''=before2", "cat /proc/meminfo /proc/vmstat", "free",
        "echo 2 > /proc/sys/vm/drop_caches",
        "echo =''=after2", "cat /proc/meminfo /proc/vmstat", "free",
        "filetest verify /mnt/a 8192 1",
        "echo 10 > /proc/sys/vm/dirty_background_ratio", "echo 20 > /proc/sys/vm/dirty_ratio",
    ])
    written, dropped = r.log.split("==written")[1], r.log.split("==dropped")[1]
    dirty = r.log.split("==dirty")[1]
    start = r.log.split("==start")[1]
    assert meminfo(written, "Cached") >= meminfo(start, "Cached") + 8192, r.describe()
    assert meminfo(dropped, "Cached") == meminfo(start, "Cached"), r.describe()
    # Linux's line, with the writer's name: echo is a program here, not a shell builtin
    assert re.search(r"\] echo \(\d+\): drop_caches: 1$", r.log, re.M), r.describe()
    assert re.search(r"\] echo \(\d+\): drop_caches: 3$", r.log, re.M), r.describe()
    # /mnt/b was not written back (no flusher below 50%, no periodic writeback): it stayed
    assert meminfo(dirty, "Dirty") >= 2048, r.describe()
    assert meminfo(dirty, "Cached") >= 2048, r.describe()
    assert re.search(r"filetest: ra 0:[1-9]", r.log), r.describe()
    assert r.log.count("filetest: verified 8192 KiB") == 2, r.describe()
    # drop_caches 2: the unused inodes go, and their clean pages with them
    before2, after2 = r.log.split("==before2")[1], r.log.split("==after2")[1]
    assert re.search(r"\] echo \(\d+\): drop_caches: 2$", r.log, re.M), r.describe()
    assert vmstat(after2, "pginodesteal") - vmstat(before2, "pginodesteal") >= 2048, r.describe()
    assert vmstat(after2, "drop_slab") == vmstat(before2, "drop_slab") + 1, r.describe()
    # through the superblock's shrinker (mm/shrinker.c:drop_slab), which counts what it looked at
    assert vmstat(after2, "slabs_scanned") > vmstat(before2, "slabs_scanned"), r.describe()
    assert meminfo(after2, "Cached") <= meminfo(before2, "Cached") - 8192, r.describe()
    # free's buff/cache column (procps: Buffers + Cached + SReclaimable) follows
    cache = [int(m) for m in re.findall(r"^Mem:(?:\s+\d+){4}\s+(\d+)", r.log, re.M)]
    assert cache[0] - cache[1] >= 8192, cache


def present_pages(log):
    """The node's present pages: the sum of /proc/zoneinfo's `present` lines."""
    return sum(int(v) for v in re.findall(r"^\s+present\s+(\d+)$", log, re.M))


def test_shadow_nodes_are_reclaimed_beyond_the_limit(boot, tmp_path):
    """A sparse file: 2000 pages one every 256 KiB, so each has a radix-tree
    leaf of its own. Pushed out by 26 MiB of anonymous memory on 32 MiB,
    each leaf is left holding one shadow entry: more shadow-only nodes than
    Linux's limit (one per 8 present pages). The shadow shrinker frees the
    excess (workingset_nodereclaim) and keeps workingset_nodes near the
    limit; the pages still read back right, and deleting the file gives
    back every node (workingset_nodes 0; leakcheck's MemFree, which the
    nodes' slab pages are part of, balances)."""
    r = run(boot, tmp_path, [
        "cat /proc/zoneinfo",
        "filereclaim sparse /mnt/sparse 2000 64 26624 5",
        "rm /mnt/sparse", "sync", "echo 3 > /proc/sys/vm/drop_caches",
        "echo =''=after", "cat /proc/meminfo /proc/vmstat",
    ])
    assert "PASS filereclaim" in r.log, r.describe()
    c = results(r.log)[0]
    max_nodes = present_pages(r.log) >> 3
    nodes = extra(r.log, "workingset_nodes")[0]
    assert c["workingset_nodereclaim"] > 0, c
    assert max_nodes // 2 <= nodes <= max_nodes + 256, (nodes, max_nodes)
    assert c["workingset_refault_file"] > 0, c  # shadows that stayed were found
    assert vmstat(r.log.split("==after")[1], "workingset_nodes") == 0, r.describe()
