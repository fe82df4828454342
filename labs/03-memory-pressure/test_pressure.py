"""Lab 03: /proc/pressure/memory, Linux's pressure stall information (README.md).

A solution passes when the file has Linux's two lines exactly, stays at
zero on an idle machine, counts time when an allocator outruns kswapd and
reclaims directly (user/reclaimtest.c fast), keeps full <= some, moves its
averages as exponential moving averages do (up after a stall, shorter
windows first; down while idle), and refuses bad writes with EINVAL.
"""
import re

from cpio import write_cpio
from tidemark import BUILD
from test_swapping import swap_disk

RAM = "32M"
LINE = re.compile(r"^(some|full) avg10=(\d+)\.(\d\d) avg60=(\d+)\.(\d\d) avg300=(\d+)\.(\d\d) "
                  r"total=(\d+)$")


def run_script(boot, tmp_path, script, disks=()):
    """Run a shell script as init; returns the boot and its sections ("echo @@ NAME" ... next @@)."""
    extra = write_cpio(tmp_path / "script.cpio", {"test/lab.sh": script.encode()}, dirs=["test"])
    r = boot(cmdline="console=ttyS0 init=/bin/sh -- /test/lab.sh", mem=RAM, disks=disks,
             initrd=[str(BUILD / "initramfs.cpio"), str(extra)], timeout=300)
    r.expect_status(0)
    sections = {name: [ln for ln in body.splitlines() if not ln.startswith("[")]
                for name, body in re.findall(r"^@@ (\w+)\n(.*?)(?=^@@ )", r.log + "@@ ", re.M | re.S)}
    return r, sections


def pressure(lines):
    """{"some": (avg10, avg60, avg300, total), "full": ...} of exactly Linux's two lines."""
    assert len(lines) == 2, f"want exactly the 'some' and 'full' lines, got {lines}"
    out = {}
    for line, kind in zip(lines, ("some", "full")):
        m = LINE.match(line)
        assert m and m.group(1) == kind, f"{line!r} is not Linux's '{kind} avg10=0.00 ... total=0'"
        v = [int(g) for g in m.groups()[1:]]
        out[kind] = (v[0] * 100 + v[1], v[2] * 100 + v[3], v[4] * 100 + v[5], v[6])
    return out


def test_format_idle_and_writes(boot, tmp_path):
    script = ("echo @@ boot\ncat /proc/pressure/memory\nsleep 3\n"
              "echo @@ idle\ncat /proc/pressure/memory\n"
              "echo @@ writes\necho hello > /proc/pressure/memory\n"
              "echo 'some 0 1000000' > /proc/pressure/memory\n"
              "echo 'full 100000 20000000' > /proc/pressure/memory\necho @@ end\n")
    r, s = run_script(boot, tmp_path, script)
    zero = {"some": (0, 0, 0, 0), "full": (0, 0, 0, 0)}
    assert pressure(s["boot"]) == zero, r.describe()
    assert pressure(s["idle"]) == zero, r.describe()
    # garbage, a zero threshold, a window over 10 s: Linux's EINVAL each time
    assert s["writes"] == ["echo: write error: Invalid argument"] * 3, s["writes"]


def test_direct_reclaim_is_a_stall(boot, tmp_path):
    disk = swap_disk(tmp_path / "swap.img", 128)
    script = ("echo @@ before\ncat /proc/pressure/memory\n"
              # averages are folded in every 2 s (PSI_FREQ) of the kernel's
              # clock, the first at 2 s after boot; sleep counts jiffies, which
              # QEMU may deliver in bursts: 3 s makes sure one period has passed
              "echo @@ run\nreclaimtest fast 64\nsleep 3\n"
              "echo @@ after\ncat /proc/pressure/memory\nsleep 4\n"
              "echo @@ later\ncat /proc/pressure/memory\necho @@ end\n")
    r, s = run_script(boot, tmp_path, script, disks=[str(disk)])
    stalls = re.search(r"allocstall_movable=(\d+)", r.log)
    assert stalls and int(stalls.group(1)) > 0, f"no direct reclaim happened; {r.describe()}"
    before = pressure(s["before"])
    after = pressure(s["after"])
    later = pressure(s["later"])
    assert after["some"][3] > before["some"][3], (before, after)
    assert after["full"][3] <= after["some"][3], after
    # averages: up after the stall, the 10 s window most; down while idle
    avg10, avg60, avg300, _ = after["some"]
    assert avg10 > 0 and avg10 >= avg60 >= avg300, after
    assert later["some"][3] == after["some"][3], (after, later)
    assert later["full"][3] == after["full"][3], (after, later)
    assert later["some"][0] < avg10, (after, later)
