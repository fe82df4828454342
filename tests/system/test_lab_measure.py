"""labs/01-lru-policy/measure.py, the script that makes lab 01's table, as a student runs it.

It boots the kernel once per row (two at a time) and prints a Markdown
table. On this tree the lab is not done, so the policy column says
"(none)" (a kernel with the lab's solution prints the policy it used).
Small rows keep the boots short: 4 MiB hot, 24 MiB scanned, one round,
on the script's 32 MiB machine. With --page-cluster 0 the script's
sysctl runs first, so every swap-in is its own major fault (pswpin ==
pgmajfault); with the default, readahead brings more pages per fault.
"""
import re
import subprocess
import sys

from tidemark import BUILD, ROOT

MEASURE = ROOT / "labs" / "01-lru-policy" / "measure.py"
HEADER = "| HOT_MB | SCAN_MB | policy | pgmajfault | pswpin | hot_pswpin | pswpout | pgactivate " \
         "| nr_active_anon |"


def measure(*args):
    r = subprocess.run([sys.executable, str(MEASURE), "--hot", "4", "--scan", "24", "--rounds", "1",
                        *args], capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == HEADER and re.fullmatch(r"\|(-+\|){9}", lines[1]), r.stdout
    rows = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines[2:]]
    for row in rows:
        assert row[:2] == ["4", "24"] and all(c.isdigit() for c in row[3:]), r.stdout
    return [dict(zip(["policy", "pgmajfault", "pswpin", "hot_pswpin", "pswpout"],
                     [row[2]] + [int(c) for c in row[3:7]])) for row in rows]


def test_measure_prints_one_row_per_boot_with_the_counters():
    (row,) = measure("--policies", "second-chance")
    assert row["policy"] in ("(none)", "second-chance")
    # the second chance usually keeps a 4 MiB hot set (reclaim trims the scan's pages
    # first, Linux 6.1's balance): hot_pswpin is often 0, never more than pswpin
    assert row["pswpout"] > 1000 and row["pswpin"] >= row["hot_pswpin"] >= 0, row
    assert row["pswpin"] > row["pgmajfault"], row      # page-cluster 3: readahead
    assert (BUILD / "test-logs" / "lab01-4-24-second-chance.log").exists()


def test_measure_page_cluster_zero_and_two_policies():
    rows = measure("--policies", "second-chance,fifo", "--page-cluster", "0")
    assert [r["policy"] in ("(none)", p) for r, p in zip(rows, ["second-chance", "fifo"])] == \
        [True, True], rows
    for row in rows:
        assert row["pswpin"] == row["pgmajfault"] > 0, row   # one page per major fault
    log = (BUILD / "test-logs" / "lab01-4-24-fifo-pc0.log").read_text()
    assert "vm.page-cluster = 0" in log
