"""Lab 04: the OOM killer and a full /tmp (README.md).

A solution passes when the OOM report's task table has Linux 6.12's header
and rows (rss split into rss_anon, rss_file and rss_shmem, their sum in
rss), and the machine survives filling /tmp past RAM.
"""
import re
from pathlib import Path

from tidemark import BUILD

# shmemtest is a glibc program (build/userland.cpio); tools/labcheck.py
# builds only the kernel and initramfs of a solution tree, so take this
# tree's when that build has none (the lab changes no program).
_userland = BUILD / "userland.cpio"
if not _userland.exists():
    _userland = Path(__file__).resolve().parents[2] / "build" / "userland.cpio"
USERLAND = [str(BUILD / "initramfs.cpio"), str(_userland)]
HEADER = ("[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes "
          "swapents oom_score_adj name")
ROW = re.compile(r"^\[ *\d+\.\d+\] \[ {0,6}(\d+)\] +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+)"
                 r" +(\d+) +(\d+) +(-?\d+) (\S+)$", re.M)


def test_oom_report_splits_rss_as_linux_6_12(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/leakcheck -- /bin/shmemtest oom", mem="32M",
             initrd=USERLAND, timeout=300)
    r.expect_clean()
    assert "PASS shmemtest oom" in r.log, r.describe()
    assert HEADER in r.log, "the task table does not have Linux 6.12's header"
    rows = ROW.findall(r.log)
    assert len(rows) >= 4, f"too few task rows: {rows}"
    for row in rows:
        pid, rss, anon, file, shmem = int(row[0]), int(row[4]), int(row[5]), int(row[6]), int(row[7])
        assert rss == anon + file + shmem, f"pid {pid}: rss {rss} != {anon} + {file} + {shmem}"
        assert shmem == 0, f"pid {pid} maps no shared memory, yet rss_shmem is {shmem}"
    # the bystander's 4 MiB is its own anonymous memory
    assert max(int(row[5]) for row in rows) >= 1024, rows
    r.expect_status(0)
