"""make compare at a small size: Tidemark and Debian's Linux 6.1 side by side.

One calibration (Linux's RAM moved until it has Tidemark's memory free at
the start), one run of swaptest bench, one small swappiness sweep (an
ext2 disk Linux mounts with its ext4 module) and a small text thrash (two
processes, no pressure: the program runs from the disk) on each kernel, through
tools/compare.py's own functions, so the tool cannot rot unnoticed. The
first run fetches Debian's kernel and busybox packages into build/linux.
"""
import re
import sys

from tidemark import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import compare  # noqa: E402


def test_compare_runs_the_same_workload_on_both_kernels(monkeypatch):
    monkeypatch.setattr(compare.bench, "TEXT_PROCS", 2)
    monkeypatch.setattr(compare.bench, "TEXT_PASSES", 1)
    monkeypatch.setattr(compare.bench, "TEXT_LEFT_KB", 12288)
    res = compare.compare(ram=24, runs=1, mb=16, only=("swaptest", "swappiness", "textthrash"), mixed_mb=(2, 4))
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
        # both processes checked every function's result; the code came from the disk
        t = run["text thrash"]
        assert t["majflt"] >= 1 and t["minflt"] > 0 and t["ms"] > 0 and t["pgpgin"] > 0, (kernel, t)
    lines = res["table"].splitlines()
    for title in ("sequential fill", "sequential read back", "random read back",
                  *(f"file and anon, swappiness {s}" for s in compare.bench.SWAPPINESS),
                  "text thrash: 2 x textthrash, 12288 kB left, no swap"):
        assert f"  {title}" in lines, res["table"]
    rows = [l for l in lines if l.startswith("    time s")]
    assert len(rows) == 7 and all(re.match(r"^ +time s +[\d.]+ +[\d.]+ +[\d.]+$", r) for r in rows), res["table"]
