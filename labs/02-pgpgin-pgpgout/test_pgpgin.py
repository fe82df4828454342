"""Lab 02: /proc/vmstat's pgpgin and pgpgout (README.md).

A solution passes when /proc/vmstat has pgpgin and pgpgout at Linux's
place (right before pswpin), both 0 on a boot that never touches a disk,
and, on a boot that swaps, exactly 4 kB per page of swap traffic: swap is
the only block I/O here, besides swapon reading the 4 kB swap header.
"""
import re

from cpio import write_cpio
from tidemark import BUILD
from test_swapping import swap_disk

RAM = "32M"


def run_script(boot, tmp_path, script, disks=()):
    """Run a shell script as init; returns {section: {counter: value}} of its `cat /proc/vmstat`s."""
    extra = write_cpio(tmp_path / "script.cpio", {"test/lab.sh": script.encode()}, dirs=["test"])
    r = boot(cmdline="console=ttyS0 init=/bin/sh -- /test/lab.sh", mem=RAM, disks=disks,
             initrd=[str(BUILD / "initramfs.cpio"), str(extra)], timeout=300)
    r.expect_status(0)
    sections = {}
    for name, body in re.findall(r"^@@ (\w+)\n(.*?)(?=^@@ )", r.log + "@@ ", re.M | re.S):
        sections[name] = dict(re.findall(r"^(\w+) (\d+)$", body, re.M))
        sections[name + "_order"] = re.findall(r"^(\w+) \d+$", body, re.M)
    return r, sections


def counters(section, *names):
    missing = [n for n in names if n not in section]
    assert not missing, f"/proc/vmstat has no {missing}"
    return [int(section[n]) for n in names]


def test_both_counters_at_linux_place_and_zero_without_disk_io(boot, tmp_path):
    r, s = run_script(boot, tmp_path, "memhog -s 1 8\necho @@ after\ncat /proc/vmstat\necho @@ end\n")
    assert "memhog: verified 8 MiB" in r.log, r.describe()
    pgpgin, pgpgout, pswpin = counters(s["after"], "pgpgin", "pgpgout", "pswpin")
    assert (pgpgin, pgpgout, pswpin) == (0, 0, 0), r.describe()
    order = s["after_order"]
    i = order.index("pgpgin")
    assert order[i:i + 5] == ["pgpgin", "pgpgout", "pswpin", "pswpout", "pgalloc_dma"], order


def test_swap_traffic_counts_4_kb_per_page(boot, tmp_path):
    disk = swap_disk(tmp_path / "swap.img", 128)
    script = ("echo @@ before\ncat /proc/vmstat\n"
              "memhog -s 5 -r 2 48\n"
              "echo @@ after\ncat /proc/vmstat\necho @@ end\n")
    r, s = run_script(boot, tmp_path, script, disks=[str(disk)])
    assert "memhog: verified 48 MiB" in r.log, r.describe()
    names = ("pgpgin", "pgpgout", "pswpin", "pswpout")
    before = dict(zip(names, counters(s["before"], *names)))
    after = dict(zip(names, counters(s["after"], *names)))
    d = {n: after[n] - before[n] for n in names}
    assert d["pswpout"] > 0 and d["pswpin"] > 0, d
    assert d["pgpgout"] == 4 * d["pswpout"], d
    assert d["pgpgin"] == 4 * d["pswpin"], d
    # Since boot: the swap pages and the swap header swapon read (one page).
    assert after["pgpgout"] == 4 * after["pswpout"], after
    assert after["pgpgin"] == 4 * after["pswpin"] + 4, after
