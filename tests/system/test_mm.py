"""Physical memory at boot: the memory map, zones, watermarks and kmalloc checks.

The watermarks the kernel prints (show_mem at KERN_DEBUG, loglevel=8) are
checked against Linux's formula computed here independently from the
managed page counts the kernel reports (docs/linux-formulas.md, Watermarks).
"""
import math
import re

import pytest

ZONE_RE = re.compile(r"Node 0 (\w+) free:(\d+)kB boost:(\d+)kB min:(\d+)kB low:(\d+)kB high:(\d+)kB "
                     r".* present:(\d+)kB managed:(\d+)kB")
RESERVE_RE = re.compile(r"lowmem_reserve\[\]:((?: \d+)+)")
BUDDY_RE = re.compile(r"Node 0 (\w+): ((?:\d+\*\d+kB (?:\(U\) )?){11})= (\d+)kB")


def boot_mm(boot, mem, extra=""):
    # ktest=memory_map ends the boot cleanly right after memory setup.
    r = boot(cmdline=f"console=ttyS0 loglevel=8 ktest=memory_map {extra}".strip(), mem=mem)
    r.expect_status(0)
    return r


def zones_of(r):
    zones = {}
    lines = r.log.splitlines()
    for i, line in enumerate(lines):
        m = ZONE_RE.search(line)
        if not m:
            continue
        name = m.group(1)
        free, boost, zmin, low, high, present, managed = (int(x) for x in m.groups()[1:])
        reserve = [int(x) for x in RESERVE_RE.search(lines[i + 1]).group(1).split()]
        zones[name] = dict(free=free, min=zmin, low=low, high=high, present=present,
                           managed=managed, boost=boost, reserve=reserve)
    return zones


def linux_watermarks(managed_pages, min_free_kbytes=None, scale=10):
    """Linux 6.12 calculate_min_free_kbytes + __setup_per_zone_wmarks +
    setup_per_zone_lowmem_reserve, in pages: HighMem counts for neither
    min_free_kbytes nor the shares, and its MIN is clamped to 32..128."""
    lowmem = managed_pages.get("DMA", 0) + managed_pages.get("Normal", 0)
    if min_free_kbytes is None:
        min_free_kbytes = min(max(math.isqrt(lowmem * 4 * 16), 128), 262144)
    pages_min = min_free_kbytes // 4
    marks = {}
    for name, managed in managed_pages.items():
        tmp = pages_min * managed // lowmem
        zmin = min(max(managed // 1024, 32), 128) if name == "HighMem" else tmp
        d = max(tmp // 4, managed * scale // 10000)
        marks[name] = (zmin, zmin + d, zmin + 2 * d)
    order, ratio = ["DMA", "Normal", "HighMem", "Movable"], [256, 32, 0, 0]
    reserve = {}
    for i, name in enumerate(order[:3]):
        if name in managed_pages:
            above = [sum(managed_pages.get(z, 0) for z in order[i + 1:j + 1]) for j in range(4)]
            reserve[name] = [a // ratio[i] if j > i and ratio[i] else 0 for j, a in enumerate(above)]
    return min_free_kbytes, marks, reserve


@pytest.mark.parametrize("mem", ["32M", "128M", "512M"])
def test_zones_and_watermarks_follow_linux_formula(boot, mem):
    r = boot_mm(boot, mem)
    zones = zones_of(r)
    assert set(zones) == {"DMA", "Normal"}, r.describe()
    managed = {n: z["managed"] // 4 for n, z in zones.items()}
    mfk, marks, reserve = linux_watermarks(managed)
    assert f"min_free_kbytes: {mfk} watermark_scale_factor: 10" in r.log, r.describe()
    for name, z in zones.items():
        assert (z["min"] // 4, z["low"] // 4, z["high"] // 4) == marks[name], (name, z, marks[name])
        assert z["reserve"] == reserve[name], (name, z["reserve"])
        assert z["boost"] == 0
        assert z["managed"] <= z["present"]
    # The DMA zone is 16 MiB minus the BIOS hole; the first MiB is reserved.
    assert zones["DMA"]["present"] // 4 == 3999, zones["DMA"]
    assert zones["DMA"]["managed"] // 4 <= 4096 - 256
    # Buddy lines add up to the zone's free memory.
    buddy = {m.group(1): (m.group(2), int(m.group(3))) for m in BUDDY_RE.finditer(r.log)}
    for name, (counts, total) in buddy.items():
        blocks = re.findall(r"(\d+)\*(\d+)kB", counts)
        assert sum(int(n) * int(kb) for n, kb in blocks) == total == zones[name]["free"]
    # Linux's summary line: free and present memory.
    m = re.search(r"Memory: (\d+)K/(\d+)K available \(\d+K kernel code, \d+K rwdata, \d+K rodata, "
                  r"0K init, \d+K bss, (\d+)K reserved, 0K cma-reserved\)", r.log)
    assert m, r.describe()
    free, total, reserved = (int(x) for x in m.groups())
    assert free == sum(z["free"] for z in zones.values())
    assert total == sum(z["present"] for z in zones.values())
    assert reserved == total - sum(z["managed"] for z in zones.values())
    # The memory map, the zone ranges and lowmem as Linux logs them.
    assert "BIOS-provided physical RAM map:" in r.log
    assert "BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable" in r.log
    assert "Zone ranges:" in r.log
    assert "  DMA      [mem 0x0000000000000000-0x0000000000ffffff]" in r.log
    lowmem_mb = int(mem[:-1]) - 1  # QEMU keeps the top 128 KiB for ACPI
    assert f"{lowmem_mb}MB LOWMEM available." in r.log, r.describe()


def test_mem_option_limits_ram(boot):
    r = boot_mm(boot, "128M", "mem=48M")
    assert "user-defined physical RAM map:" in r.log, r.describe()
    assert "user: [mem 0x0000000000100000-0x0000000002ffffff] usable" in r.log, r.describe()
    assert "48MB LOWMEM available." in r.log
    assert "  Normal   [mem 0x0000000001000000-0x0000000002ffffff]" in r.log
    zones = zones_of(r)
    assert zones["Normal"]["present"] == 32 * 1024


def test_min_free_kbytes_option(boot):
    r = boot_mm(boot, "128M", "min_free_kbytes=4096")
    assert "min_free_kbytes set to 4096 by the command line" in r.log, r.describe()
    zones = zones_of(r)
    managed = {n: z["managed"] // 4 for n, z in zones.items()}
    _, marks, _ = linux_watermarks(managed, min_free_kbytes=4096)
    for name, z in zones.items():
        assert (z["min"] // 4, z["low"] // 4, z["high"] // 4) == marks[name], (name, z)


def test_ram_above_lowmem_is_highmem(boot):
    r = boot_mm(boot, "1G")
    assert "135MB HIGHMEM available." in r.log, r.describe()
    assert "887MB LOWMEM available." in r.log
    assert "  Normal   [mem 0x0000000001000000-0x00000000377fdfff]" in r.log
    assert "  HighMem  [mem 0x00000000377fe000-0x000000003ffdffff]" in r.log
    zones = zones_of(r)
    assert zones["Normal"]["present"] == (0x377FE - 4096) * 4
    assert zones["HighMem"]["present"] == (0x3FFE0 - 0x377FE) * 4


@pytest.mark.parametrize("mem", ["8M", "32M", "512M"])
def test_mm_ktests_pass(boot, mem):
    r = boot(cmdline="console=ttyS0 ktest=page_alloc,kmalloc,paging,memory_map", mem=mem)
    assert "# Totals: pass:13 fail:0 skip:0 total:13" in r.log, r.describe()
    r.expect_status(0)


@pytest.mark.parametrize("suite,message", [
    ("mm_double_kfree", "kmem_cache_free: double free of"),
    ("mm_foreign_kfree", "is not a kmalloc pointer"),
    ("mm_double_free_page", "__free_pages: page already free"),
])
def test_bad_frees_panic_by_name(boot, suite, message):
    r = boot(cmdline=f"console=ttyS0 ktest={suite}")
    r.expect_panic(message)
