#!/usr/bin/env python3
"""Lab 01's table in one command: every row is a QEMU boot of your kernel.

    /usr/bin/python3 labs/01-lru-policy/measure.py                  # the handout's eight rows
    /usr/bin/python3 labs/01-lru-policy/measure.py --hot 16 --page-cluster 0
    /usr/bin/python3 labs/01-lru-policy/measure.py --hot 0           # question 4

Each row boots build/kernel.elf on 32 MiB with a fresh 64 MiB swap disk,
lru_policy=POLICY and `hotset HOT_MB SCAN_MB ROUNDS SEED` as the workload
(run through a script when --page-cluster is given, which sets
vm.page-cluster first), and prints the handout's columns from hotset's
last line as a Markdown table you can paste into the report. Two boots
run at a time. The policy column is what the kernel said it used
(`vmscan: lru_policy=`): "(none)" means your kernel does not take the
option yet. The serial logs stay in build/test-logs/lab01-*.log.
"""
import argparse
import re
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "system"))
from cpio import write_cpio  # noqa: E402
from test_swapping import swap_disk  # noqa: E402
from tidemark import BUILD, run_qemu  # noqa: E402

COLUMNS = ["pgmajfault", "pswpin", "hot_pswpin", "pswpout", "pgactivate", "nr_active_anon"]


def measure(hot, scan, policy, args, tmp):
    """One boot; returns the row's cells."""
    name = f"lab01-{hot}-{scan}-{policy}" + (f"-pc{args.page_cluster}" if args.page_cluster is not None else "")
    disk = swap_disk(Path(tmp) / f"{name}.img", 64)
    workload = f"hotset {hot} {scan} {args.rounds} {args.seed}"
    initrd = None
    if args.page_cluster is None:
        init = f"init=/bin/{workload.replace(' ', ' -- ', 1)}"
    else:
        script = f"sysctl vm.page-cluster={args.page_cluster}\n{workload}\n"
        extra = write_cpio(Path(tmp) / f"{name}.cpio", {"lab/run.sh": script.encode()}, dirs=["lab"])
        initrd = [str(BUILD / "initramfs.cpio"), str(extra)]
        init = "init=/bin/sh -- /lab/run.sh"
    r = run_qemu(name, cmdline=f"console=ttyS0 lru_policy={policy} {init}", mem="32M",
                 disks=[str(disk)], initrd=initrd, timeout=900)
    shown = re.findall(r"vmscan: lru_policy=(\S+)", r.log)
    counters = re.search(r"^hotset: (.*)$", r.log, re.M)
    if not counters or "PASS hotset" not in r.log:
        return [str(hot), str(scan), shown[0] if shown else "(none)"] + ["failed"] * len(COLUMNS)
    values = dict(re.findall(r"(\w+)=(\d+)", counters.group(1)))
    return [str(hot), str(scan), shown[0] if shown else "(none)"] + [values.get(c, "?") for c in COLUMNS]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--hot", default="4,12,16,24", help="HOT_MB values, comma-separated")
    p.add_argument("--scan", type=int, default=40, help="SCAN_MB")
    p.add_argument("--policies", default="second-chance,fifo")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--page-cluster", type=int, help="set vm.page-cluster before the workload")
    p.add_argument("--jobs", type=int, default=2, help="boots at a time")
    args = p.parse_args()
    rows = [(int(h), args.scan, pol) for h in args.hot.split(",") for pol in args.policies.split(",")]
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(args.jobs) as pool:
        table = list(pool.map(lambda row: measure(*row, args, tmp), rows))
    header = ["HOT_MB", "SCAN_MB", "policy"] + COLUMNS
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("-" * (len(h) + 2) for h in header) + "|")
    for row in table:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
