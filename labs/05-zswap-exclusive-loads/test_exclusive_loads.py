"""Lab 05: zswap.exclusive_loads, Linux 6.5's choice to drop the compressed copy at swap-in.

Each boot is 24 MiB with a swap disk, zswap on with a pool of up to half
of RAM, and runs `ztest bench text 24 1`: 24 MiB of compressible pages
written, then read back and checked word by word, the counters printed
while the region is still mapped. zswap's entries then obey a counting
rule: every store adds one and, with exclusive loads, every load takes
one away, so stored_pages == zswpout - zswpin (nothing is freed during
the run). Without exclusive loads (the default, Linux 6.1's behaviour)
a load keeps its entry, so stored_pages stays far above that difference.
"""
import re

from cpio import write_cpio
from test_swapping import swap_disk
from tidemark import BUILD

PARAM = "/sys/module/zswap/parameters/exclusive_loads"
SCRIPT = (f"echo @@ param\ncat {PARAM}\n"
          f"echo @@ bad\necho maybe > {PARAM}\ncat {PARAM}\n"
          "echo @@ bench\nztest bench text 24 1\necho status $?\n"
          f"echo @@ toggled\necho 1 > {PARAM}\ncat {PARAM}\necho 0 > {PARAM}\ncat {PARAM}\n"
          "echo @@ end\n")


def run(boot, tmp_path, extra_cmdline):
    """One boot of the script; its sections ("@@ NAME" ... the next @@) and zbench's counters."""
    script = write_cpio(tmp_path / "lab.cpio", {"test/lab.sh": SCRIPT.encode()}, dirs=["test"])
    r = boot(cmdline="console=ttyS0 zswap.enabled=1 zswap.max_pool_percent=50 "
             f"{extra_cmdline} init=/bin/sh -- /test/lab.sh", mem="24M",
             disks=[str(swap_disk(tmp_path / "swap.img", 64))],
             initrd=[str(BUILD / "initramfs.cpio"), str(script)], timeout=300)
    r.expect_status(0)
    sections = {name: [ln for ln in body.splitlines() if not ln.startswith("[")]
                for name, body in re.findall(r"^@@ (\w+)\n(.*?)(?=^@@ )", r.log + "@@ ", re.M | re.S)}
    line = re.search(r"^zbench text (.*)$", r.log, re.M)
    assert line, r.describe()
    counters = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line.group(1))}
    assert "status 0" in sections["bench"], f"the data did not come back intact; {r.describe()}"
    return r, sections, counters


def test_exclusive_loads_drop_the_copy_at_swap_in(boot, tmp_path):
    r, s, c = run(boot, tmp_path, "zswap.exclusive_loads=Y")
    assert s["param"] == ["Y"], r.describe()
    assert s["bad"] == ["echo: write error: Invalid argument", "Y"], s["bad"]
    assert c["zswpin"] > 1000, c                      # the read-back came from zswap
    assert abs(c["zswap_stored"] - (c["zswpout"] - c["zswpin"])) <= 16, c
    assert s["toggled"] == ["Y", "N"], s["toggled"]


def test_default_keeps_the_copy_as_linux_6_1(boot, tmp_path):
    r, s, c = run(boot, tmp_path, "")
    assert s["param"] == ["N"], r.describe()          # Linux's default
    assert c["zswpin"] > 1000, c
    assert c["zswap_stored"] > c["zswpout"] - c["zswpin"] + 1000, c
    assert s["toggled"] == ["Y", "N"], s["toggled"]
