"""make compare at a small size: Tidemark and Debian's Linux 6.1 side by side.

One calibration (Linux's RAM moved until it has Tidemark's memory free at
the start), one run of swaptest bench and one small swappiness sweep (an
ext2 disk Linux mounts with its ext4 module) on each kernel, through
tools/compare.py's own functions, so the tool cannot rot unnoticed. The
first run fetches Debian's kernel and busybox packages into build/linux.
"""
import re
import sys

from tidemark import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import compare  # noqa: E402


def test_compare_runs_the_same_workload_on_both_kernels():
    res = compare.compare(ram=24, runs=1, mb=16, only=("swaptest", "swappiness"), mixed_mb=(2, 4))
    tm_free, lx_free = res["memfree_kb"]
    assert abs(tm_free - lx_free) <= compare.LINUX_FREE_SLACK_KB, res["memfree_kb"]
    assert res["linux_mb"] > res["tidemark_mb"], res        # Linux keeps more for itself
    for kernel in ("tidemark", "linux"):
        run = res[kernel][0]
        # 32 MiB through 24 MiB of RAM: both swap out, and read back through major faults
        assert run["swaptest write"]["pswpout"] > 0, (kernel, run)
        assert run["swaptest seqread"]["pgmajfault"] > 0 and run["swaptest seqread"]["pswpin"] > 0, (kernel, run)
        assert run["swaptest randread"]["pgmajfault"] > 0, (kernel, run)
        # a 2 MiB file and 4 MiB of anon fit: at every swappiness the file, read twice and
        # checked word by word, is read a third time from the cache, and nothing is swapped
        for s in compare.bench.SWAPPINESS:
            c = run[f"swappiness {s}"]
            assert c["reread_kib"] == 0 and c["pswpout"] == 0 and c["pgsteal_file"] == 0, (kernel, s, c)
            assert c["ms"] > 0, (kernel, s, c)
    lines = res["table"].splitlines()
    for title in ("sequential fill", "sequential read back", "random read back",
                  *(f"file and anon, swappiness {s}" for s in compare.bench.SWAPPINESS)):
        assert f"  {title}" in lines, res["table"]
    rows = [l for l in lines if l.startswith("    time s")]
    assert len(rows) == 7 and all(re.match(r"^ +time s +[\d.]+ +[\d.]+ +[\d.]+$", r) for r in rows), res["table"]
