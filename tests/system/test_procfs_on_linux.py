"""The /proc layout checks and the procps-style tools, pointed at the host's Linux.

The layouts test_procfs.py expects of Tidemark are checked here against the
host kernel's real /proc files (so the expectations are Linux's, not our
own), and the tools built for Tidemark run under qemu-i386 on the host and
are compared with the host's procps (free, sysctl, ps).
"""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tidemark import BUILD
from test_procfs import (LINUX_MEMINFO_ORDER, LINUX_STATUS_ORDER, LINUX_VMSTAT_ORDER,
                         check_stat_layout)

BIN = BUILD / "rootfs" / "bin"


def host(path):
    return Path(path).read_text().splitlines()


def run_ours(prog, *args):
    qemu = shutil.which("qemu-i386")
    if not qemu:
        pytest.fail("qemu-i386 is missing (Debian package qemu-user)")
    return subprocess.run([qemu, str(BIN / prog), *args], capture_output=True, text=True,
                          timeout=60)


def run_host(*argv):
    if not shutil.which(argv[0]):
        pytest.skip(f"host has no {argv[0]}")
    return subprocess.run(list(argv), capture_output=True, text=True, timeout=60)


def test_host_meminfo_has_our_layout_and_order():
    names = []
    for line in host("/proc/meminfo"):
        m = re.match(r"^(\S+):(\s+)(\d+)( kB)?$", line)
        assert m, line
        if m.group(4):
            assert len(line) == 27 or len(m.group(3)) > 8, repr(line)
        names.append(m.group(1))
    known = [n for n in names if n in LINUX_MEMINFO_ORDER]
    assert [LINUX_MEMINFO_ORDER.index(n) for n in known] == \
        sorted(LINUX_MEMINFO_ORDER.index(n) for n in known)
    assert len(known) > 30


def test_host_status_order_matches_ours():
    names = [l.split(":")[0] for l in host("/proc/self/status")]
    known = [n for n in names if n in LINUX_STATUS_ORDER]
    assert known == [n for n in LINUX_STATUS_ORDER if n in names]
    for l in host("/proc/self/status"):
        if l.startswith(("VmPeak", "VmRSS", "RssAnon", "VmPTE", "VmSwap")):
            assert re.match(r"^\w+:\t[ \d]{8} kB$", l), repr(l)
    assert len(Path("/proc/self/stat").read_text().split()) == 52


def test_host_stat_has_our_layout():
    check_stat_layout(host("/proc/stat"))
    assert Path("/proc/uptime").read_text().count(".") == 2


def test_host_vmstat_order_matches_ours():
    lines = host("/proc/vmstat")
    assert lines[-1] == "nr_unstable 0"
    names = [l.split()[0] for l in lines]
    known = [n for n in names if n in LINUX_VMSTAT_ORDER and n != "nr_unstable"]
    assert [LINUX_VMSTAT_ORDER.index(n) for n in known] == \
        sorted(LINUX_VMSTAT_ORDER.index(n) for n in known)
    assert "allocstall_normal" in names and "allocstall_movable" in names


def test_host_zoneinfo_and_buddyinfo_match_our_patterns():
    text = Path("/proc/zoneinfo").read_text()
    blocks = re.split(r"(?m)^(?=Node \d+, zone)", text)[1:]
    assert blocks
    for b in blocks:
        assert len(b.split("\n")[0]) == 21
        assert re.search(r"\n  pages free     \d+\n        boost    \d+\n        min      \d+\n"
                         r"        low      \d+\n        high     \d+\n        promo    \d+\n"
                         r"        spanned  \d+\n        present  \d+\n        managed  \d+\n"
                         r"        cma      \d+\n        protection: \(\d+(, \d+)+\)", b), b[:400]
    assert "\n  per-node stats\n      nr_inactive_anon " in blocks[0]
    for line in host("/proc/buddyinfo"):
        assert re.match(r"^Node \d+, zone +\S+ (?:[ \d]{6} ){11}$", line), repr(line)
        assert len(line.split(" zone ")[1][:8]) == 8


def test_host_maps_name_column_is_73_on_64_bit():
    for l in host("/proc/self/maps"):
        fields = l.split()
        if len(fields) == 6:
            assert l.index(fields[5]) == 73 or len(" ".join(fields[:5])) > 72, repr(l)


def test_our_free_matches_host_free():
    ours, theirs = run_ours("free").stdout.splitlines(), run_host("free").stdout.splitlines()
    assert ours[0] == theirs[0]
    assert ours[1].split()[1] == theirs[1].split()[1]  # total
    assert len(ours[1]) == len(theirs[1]) or len(theirs[1].split()[1]) > 11
    assert ours[2].split()[:2] == theirs[2].split()[:2]


def test_our_sysctl_matches_host_sysctl():
    for key in ("vm.swappiness", "vm.overcommit_memory", "vm.min_free_kbytes",
                "vm.lowmem_reserve_ratio"):
        assert run_ours("sysctl", key).stdout == run_host("sysctl", key).stdout
        assert run_ours("sysctl", "-n", key).stdout == run_host("sysctl", "-n", key).stdout
    ours = run_ours("sysctl", "-a").stdout.splitlines()
    theirs = set(run_host("sysctl", "-a").stdout.splitlines())
    assert ours and all(line in theirs for line in ours), set(ours) - theirs


def test_our_ps_finds_host_init():
    out = run_ours("ps", "-o", "pid,ppid,oom_score_adj,comm").stdout.splitlines()
    theirs = run_host("ps", "-o", "pid,ppid,oomadj,comm", "-p", "1").stdout.splitlines()
    assert out[0].split()[:3] == ["PID", "PPID", "OOMADJ"]
    assert out[1].split() == theirs[1].split()
