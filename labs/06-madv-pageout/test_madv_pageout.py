"""Lab 06: madvise(MADV_PAGEOUT) and madvise(MADV_COLD) (README.md).

One boot of 32 MiB with a 128 MiB swap disk runs user/madvtest (every
check) under leakcheck. A solution passes when a seeded 4 MiB anonymous
range goes to swap at once on MADV_PAGEOUT (pswpout grows by its pages,
every PTE holds a swap entry, VmSwap grows by 4 MiB) and reads back word
by word from the disk; shared pages stay until only one process maps
them; an mlocked range gets EINVAL and a range with a hole ENOMEM after
its mapped pages went; MADV_COLD leaves the pages in memory but neither
young, referenced nor active; and every page and swap slot comes back.
"""
import re

from test_swapping import LEAKCHECK, swap_disk

CHECKS = ("pageout", "shared", "locked", "holes", "cold")


def test_madv_pageout_and_cold(boot, tmp_path):
    disk = swap_disk(tmp_path / "swap.img", 128)
    r = boot(cmdline="console=ttyS0 init=/bin/leakcheck -- /bin/madvtest", mem="32M",
             disks=[str(disk)], timeout=300)
    for name in CHECKS:
        assert f"PASS {name}" in r.log, r.describe()
    m = re.search(r"madvtest: pageout of (\d+) pages: pswpout \+(\d+), (\d+) PTEs hold a swap entry, "
                  r"VmSwap \+(\d+) kB", r.log)
    assert m and m.group(1) == m.group(2) == m.group(3) == "1024" and m.group(4) == "4096", r.describe()
    m = re.search(r"madvtest: read back: pswpin \+(\d+)", r.log)
    assert m and int(m.group(1)) >= 512, r.describe()
    assert "madvtest: child's pageout of shared pages: pswpout +0, 0 PTEs swapped" in r.log, r.describe()
    assert "madvtest: cold: 256 of 256 pages present, 0 still young or active, pswpout +0" in r.log
    leak = LEAKCHECK.search(r.log)
    assert leak and leak.group(1) == leak.group(2) and leak.group(3) == leak.group(4), r.describe()
    r.expect_status(0)
