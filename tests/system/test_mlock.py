"""Locked memory (issue 17): mlock, munlock, mlockall, mlock2, MAP_LOCKED and RLIMIT_MEMLOCK.

user/mlocktest.c runs as init under leakcheck (user/leakcheck.c), so every
page and swap slot must come back after the checks.
"""
import re

from test_ext2 import fsck_clean, mkfs, run_script
from test_swapping import expect_no_leak, swap_disk

RAM = "32M"
CHECKS = "limits errors onfault mlockall vmas fork exec"


def test_mlock_calls_limits_and_areas(boot):
    r = boot(cmdline=f"console=ttyS0 init=/bin/leakcheck -- /bin/mlocktest {CHECKS}", mem=RAM,
             timeout=120)
    for name in CHECKS.split():
        assert f"PASS {name}" in r.log, r.describe()
    assert "mlocktest: 0 failed" in r.log, r.describe()
    expect_no_leak(r)
    r.expect_status(0)


def test_locked_region_stays_resident_through_swapping(boot, tmp_path):
    # 8 MiB locked in 32 MiB of RAM while a child writes 48 MiB, twice: the
    # locked pages never fault afterwards; once unlocked they go to swap and
    # still read back word for word.
    disk = swap_disk(tmp_path / "swap.img", 64)
    r = boot(cmdline="console=ttyS0 init=/bin/leakcheck -- /bin/mlocktest resident", mem=RAM,
             disks=[str(disk)], timeout=300)
    assert "PASS resident" in r.log, r.describe()
    m = re.search(r"mlocktest: locked region resident \((\d+) faults\), unlocked one swapped "
                  r"\(VmSwap (\d+) kB\)", r.log)
    assert m and m.group(1) == "0" and int(m.group(2)) >= 4096, r.describe()
    expect_no_leak(r)
    r.expect_status(0)


def test_locked_file_mapping(boot, tmp_path):
    # A shared mapping of an ext2 file: its page-cache pages are mlocked
    # (smaps Locked, nr_mlock) and unlocked by munmap although a child still
    # maps them, unlocked.
    img = mkfs(tmp_path / "disk.img", 8)
    r = run_script(boot, [img], ["mount /dev/sda /mnt", "mlocktest file", "umount /mnt"])
    assert "PASS file" in r.log and "mlocktest: 0 failed" in r.log, r.describe()
    fsck_clean(img)
