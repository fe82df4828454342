"""Swap readahead that adapts (Linux 6.1's swapin_nr_pages, mm/swap_state.c).

swaptest bench fills 48 MiB on 32 MiB of RAM, reads it back in order, then
in a random order, and prints each phase's pswpin, pgmajfault, swap_ra and
swap_ra_hit. In order, the pages read ahead are used, so the window stays
at 2^page-cluster and one major fault brings in about 8 pages; at random
they are not, so the window falls to 1 and a fault reads about one page
(Linux: 7.9 and 1.0 in `make compare`). The same on a disk that says it
does not rotate (QEMU's rotation_rate=1, ATA IDENTIFY word 217), where the
window is chosen per VMA from the PTEs around the fault (swap_vma_readahead).
"""
import re

from test_swapping import LEAKCHECK, swap_disk


def phases(log):
    return {p: {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", rest)}
            for p, rest in re.findall(r"^bench (\w+) (ms=.*)$", log, re.MULTILINE)}


def bench(boot, disk, extra=()):
    r = boot(cmdline="console=ttyS0 init=/bin/leakcheck -- /bin/swaptest bench 48 3", mem="32M",
             disks=[] if extra else [str(disk)], extra=list(extra), timeout=300)
    r.expect_status(0)
    m = LEAKCHECK.search(r.log)
    assert m and m.group(1) == m.group(2) and m.group(3) == m.group(4), r.describe()
    p = phases(r.log)
    assert set(p) == {"write", "seqread", "randread"}, r.describe()
    return r, p


def expect_adaptive(p):
    seq, rnd = p["seqread"], p["randread"]
    assert seq["pgmajfault"] > 0 and seq["pswpin"] >= 4 * seq["pgmajfault"], seq
    assert seq["swap_ra_hit"] * 10 >= seq["swap_ra"] * 9, seq      # read ahead, then used
    assert rnd["pgmajfault"] > 1000 and rnd["pswpin"] * 2 <= 3 * rnd["pgmajfault"], rnd
    assert rnd["swap_ra"] * 10 <= rnd["pgmajfault"], rnd            # the window fell to 1


def test_readahead_window_follows_its_hits_on_a_rotational_disk(boot, tmp_path):
    r, p = bench(boot, swap_disk(tmp_path / "swap.img", 128))
    assert re.search(r"Adding \d+k swap on /dev/sda\.  Priority:-2 extents:1 across:\d+k \n", r.log)
    expect_adaptive(p)


def test_vma_readahead_on_a_disk_that_does_not_rotate(boot, tmp_path):
    disk = swap_disk(tmp_path / "swap.img", 128)
    r, p = bench(boot, disk, extra=["-drive", f"file={disk},format=raw,if=none,id=swap0",
                                    "-device", "ide-hd,drive=swap0,bus=ide.0,unit=0,rotation_rate=1"])
    assert re.search(r"Adding \d+k swap on /dev/sda\.  Priority:-2 extents:1 across:\d+k SS\n", r.log)
    expect_adaptive(p)
