"""HighMem: RAM above low memory, reached by the kernel through kmap.

The zone split and watermarks are checked against Linux's arithmetic
(docs/linux-formulas.md, Zones and Watermarks), computed here from the managed counts the kernel
prints. highmem=SIZE (Linux's option) puts part of a small machine in
HighMem, so the kmap machinery is tested without gigabytes of RAM.
"""
import re

import pytest

from cpio import write_cpio
from test_mm import linux_watermarks, zones_of, ZONE_RE
from test_procfs import sections
from tidemark import BUILD
from test_swapping import LEAKCHECK, expect_no_leak, expect_pass, swap_disk


def test_kmap_ktests_pass_with_highmem(boot):
    r = boot(cmdline="console=ttyS0 ktest=highmem,mmap,memory_map,page_alloc highmem=64M",
             mem="160M")
    assert "64MB HIGHMEM available." in r.log, r.describe()
    assert "ok 2 kmap_many_pages_from_several_threads" in r.log, r.describe()
    assert "skip" not in "".join(l for l in r.log.splitlines() if l.strip().startswith("ok")), \
        r.describe()
    assert " fail:0 " in r.log, r.describe()
    r.expect_status(0)


def test_highmem_option_keeps_64mb_of_lowmem(boot):
    r = boot(cmdline="console=ttyS0 ktest=memory_map highmem=100M", mem="128M")
    assert "highmem size (100MB) results in <64MB lowmem, ignoring it!" in r.log, r.describe()
    assert "0MB HIGHMEM available." in r.log
    r.expect_status(0)


# ---- the zone split and watermarks at 1, 2 and 3 GiB -------------------------

@pytest.mark.parametrize("mem,extra,high_mb", [("1G", "", 135), ("2G", "", 1159), ("3G", "", 2183),
                                               ("3584M", "", 2183), ("2G", "mem=1536M", 648)])
def test_zones_and_watermarks_at_gigabytes(boot, mem, extra, high_mb):
    r = boot(cmdline=f"console=ttyS0 loglevel=8 ktest=memory_map {extra}", mem=mem)
    r.expect_status(0)
    assert f"{high_mb}MB HIGHMEM available." in r.log, r.describe()
    # QEMU puts RAM beyond 3 GiB above 4 GiB, where no 32-bit PTE reaches.
    assert ("512MB of RAM above 4GB left unused (no PAE)" in r.log) == (mem == "3584M")
    assert ("BIOS-e820: [mem 0x0000000100000000-0x000000011fffffff] usable" in r.log) == \
        (mem == "3584M")
    assert "887MB LOWMEM available." in r.log
    assert "  HighMem  [mem 0x00000000377fe000-" in r.log
    zones = zones_of(r)
    assert set(zones) == {"DMA", "Normal", "HighMem"}, r.describe()
    assert zones["HighMem"]["present"] == zones["HighMem"]["managed"]  # no boot reservation there
    assert zones["HighMem"]["present"] // 1024 == high_mb
    managed = {n: z["managed"] // 4 for n, z in zones.items()}
    _, marks, reserve = linux_watermarks(managed)
    for name, z in zones.items():
        assert (z["min"] // 4, z["low"] // 4, z["high"] // 4) == marks[name], (name, z, marks)
        assert z["reserve"] == reserve[name], (name, z["reserve"], reserve[name])
    # HighMem's MIN is clamped to 32..128 pages; its distance still comes from the uncapped share.
    assert 32 <= marks["HighMem"][0] <= 128


def test_all_of_ram_is_used_by_processes_and_comes_back(boot):
    """1 GiB: four processes fill what is free, HighMem first, verify every word, exit.
    (The same at 3 GiB runs under `make bench`: tools/bench.py, about 4x the time.)"""
    r = boot(cmdline="console=ttyS0 init=/bin/leakcheck -- /bin/highmemtest fill 4 7",
             mem="1G", timeout=600)
    assert "PASS highmemtest fill" in r.log, r.describe()
    m = re.search(r"highmemtest: filled: MemFree (\d+) kB HighFree (\d+) kB LowFree (\d+) kB", r.log)
    before = re.search(r"highmemtest: before: MemFree (\d+) kB HighFree (\d+) kB", r.log)
    free, high, low = (int(x) for x in m.groups())
    assert high < 2048, m.group(0)                       # HighMem drained to its watermarks
    assert free < int(before.group(1)) // 20, m.group(0)  # 95 % of free RAM was in use
    lc = LEAKCHECK.search(r.log)
    assert lc and lc.group(1) == lc.group(2), r.describe()
    r.expect_status(0)


def test_page_tables_exhaust_lowmem_while_highfree_stays_large(boot):
    """The i386 lesson: forked children of a sparse shared mapping cost page
    tables (low memory) but no data pages; the OOM killer takes one."""
    r = boot(cmdline="console=ttyS0 highmem=384M init=/bin/leakcheck -- /bin/highmemtest pgtables",
             mem="512M", timeout=300)
    assert "PASS highmemtest pgtables" in r.log, r.describe()
    assert "invoked oom-killer: gfp_mask=0xdc0(GFP_KERNEL|__GFP_ZERO)" in r.log
    zones = zones_of_report(r)
    assert zones["Normal"]["free"] <= zones["Normal"]["min"], zones
    assert zones["HighMem"]["free"] > 300 * 1024, zones
    assert re.search(r"Out of memory: Killed process \d+ \(highmemtest\).* pgtables:\d+kB "
                     r"oom_score_adj:0", r.log), r.describe()
    lc = LEAKCHECK.search(r.log)
    assert lc and lc.group(1) == lc.group(2), r.describe()
    r.expect_status(0)


def zones_of_report(r):
    return {m.group(1): dict(free=int(m.group(2)), min=int(m.group(4)))
            for m in ZONE_RE.finditer(r.log)}


def test_cow_and_swap_of_highmem_pages_keep_data(boot, tmp_path):
    """swaptest cow with most user pages in HighMem (highmem=): copy-on-write,
    swap-out and swap-in of HighMem pages go through kmap_local."""
    disk = swap_disk(tmp_path / "swap.img", 128)
    r = boot(cmdline="console=ttyS0 highmem=56M init=/bin/leakcheck -- /bin/swaptest cow 100 9",
             mem="128M", disks=[str(disk)], timeout=600)
    assert "56MB HIGHMEM available." in r.log, r.describe()
    expect_pass(r, "cow")


def test_proc_files_and_lowmem_reserve_ratio_at_3g(boot, tmp_path):
    """/proc/zoneinfo and buddyinfo with HighMem, free -l, and a write of
    lowmem_reserve_ratio that Normal's protection from HighMem follows."""
    script = ("echo @@ zoneinfo\ncat /proc/zoneinfo\necho @@ buddyinfo\ncat /proc/buddyinfo\n"
              "echo @@ free\nfree -l -m\necho @@ meminfo\ncat /proc/meminfo\n"
              "echo @@ bad\necho 256 x > /proc/sys/vm/lowmem_reserve_ratio\necho status $?\n"
              "echo @@ ratio\necho 256 64 0 0 > /proc/sys/vm/lowmem_reserve_ratio\n"
              "cat /proc/sys/vm/lowmem_reserve_ratio\necho @@ zoneinfo2\ncat /proc/zoneinfo\n"
              "echo @@ end\nexit 0\n")
    extra = write_cpio(tmp_path / "script.cpio", {"test/hm.sh": script.encode()}, dirs=["test"])
    r = boot(cmdline="console=ttyS0 init=/bin/sh -- /test/hm.sh", mem="3G",
             initrd=[str(BUILD / "initramfs.cpio"), str(extra)])
    assert r.status == 0, r.describe()
    s = sections(r.log)
    zi = zoneinfo(s["zoneinfo"])
    high = zi["HighMem"]
    assert high["present"] == high["managed"] == high["spanned"] == 0xBFFE0 - 0x377FE
    assert high["min"] == 128 and high["protection"] == [0, 0, 0, 0]
    assert zi["Normal"]["protection"] == [0, 0, high["managed"] // 32, high["managed"] // 32]
    assert zi["Normal"]["spanned"] == 0x377FE - 4096
    assert any(l.startswith("Node 0, zone  HighMem ") for l in s["buddyinfo"]), s["buddyinfo"]
    mi = {l.split(":")[0]: int(l.split()[1]) for l in s["meminfo"] if ":" in l}
    assert mi["HighTotal"] == high["managed"] * 4
    assert mi["LowTotal"] + mi["HighTotal"] == mi["MemTotal"]
    free = {l.split()[0]: [int(x) for x in l.split()[1:]] for l in s["free"][1:]}
    assert free["Low:"][0] == mi["LowTotal"] // 1024 and free["High:"][0] == mi["HighTotal"] // 1024
    assert free["High:"][2] == mi["HighFree"] // 1024
    assert "status 1" in s["bad"] or "status 2" in s["bad"], s["bad"]
    assert s["ratio"][-1].split() == ["256", "64", "0", "0"]
    zi2 = zoneinfo(s["zoneinfo2"])
    assert zi2["Normal"]["protection"][2] == high["managed"] // 64
    assert zi2["DMA"]["protection"] == zi["DMA"]["protection"]


def zoneinfo(lines):
    """{zone: {field: value, "protection": [...]}} from /proc/zoneinfo lines."""
    zones, cur = {}, None
    for line in lines:
        m = re.match(r"Node 0, zone +(\S+)", line)
        if m:
            cur = zones[m.group(1)] = {}
            continue
        m = re.match(r"\s+(?:pages free|min|low|high|spanned|present|managed)\s+(\d+)", line)
        if cur is not None and m:
            key = line.split()[-2] if line.strip().startswith("pages") else line.split()[0]
            cur[key] = int(m.group(1))
        m = re.match(r"\s+protection: \(([\d, ]+)\)", line)
        if cur is not None and m:
            cur["protection"] = [int(x) for x in m.group(1).split(",")]
    return zones


def test_lowmem_shortage_reclaims_low_pages_while_highmem_is_free(boot, tmp_path):
    """Classzone reclaim: page tables (GFP_KERNEL) need low memory that user
    pages hold while HighMem is free; reclaim swaps those low pages out
    (skipping HighMem pages: pgskip_high) instead of calling the OOM killer."""
    disk = swap_disk(tmp_path / "swap.img", 128)
    r = boot(cmdline="console=ttyS0 highmem=128M init=/bin/leakcheck -- /bin/highmemtest lowreclaim 20",
             mem="256M", disks=[str(disk)], timeout=600)
    assert "PASS highmemtest lowreclaim" in r.log, r.describe()
    m = re.search(r"highmemtest: 20 of 20 children forked, pswpout \+(\d+), pgskip_high (\d+)", r.log)
    assert m and int(m.group(1)) > 1000 and int(m.group(2)) > 0, r.describe()
    m = re.search(r"highmemtest: children forked: MemFree \d+ kB HighFree (\d+) kB", r.log)
    assert int(m.group(1)) > 100 * 1024, m.group(0)
    assert "invoked oom-killer" not in r.log
    expect_no_leak(r)
    r.expect_status(0)


def test_ramfs_file_pages_are_highmem_and_read_back(boot):
    """ramfs's pages are GFP_HIGHUSER, as Linux's: with HighMem present the
    initramfs's files sit there, and vfstest's reads and writes go through
    kmap_local."""
    r = boot(cmdline="console=ttyS0 highmem=64M init=/bin/vfstest", mem="160M")
    assert "64MB HIGHMEM available." in r.log, r.describe()
    assert re.search(r"^# vfstest: \d+ passed, 0 failed$", r.log, re.MULTILINE), r.describe()
    r.expect_status(0)
