#!/usr/bin/env python3
"""make bench: boot the standard workloads a few times and print one table.

Each figure is the median of RUNS boots (QEMU under TCG on a shared machine:
compare ratios, not absolute numbers). Times come from the guest's own
clock (printk timestamps and clock_gettime), swap traffic from /proc/vmstat
read by the workload itself (user/swaptest.c, mode "bench"). The table is
also written to build/bench.json.
"""
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "system"))
from tidemark import BUILD, run_qemu  # noqa: E402

RUNS = 3
RAM_MB = 32
WORKLOAD_MB = 2 * RAM_MB          # the "2x RAM" workloads
PAGE_KB = 4


def swap_disk(path, mb=128):
    with open(path, "wb") as f:
        f.truncate(mb << 20)
    subprocess.run(["/sbin/mkswap", str(path)], check=True, capture_output=True)
    return str(path)


def stamp(log, pattern):
    m = re.search(r"\[ *(\d+\.\d+)\] " + pattern, log)
    return float(m.group(1)) if m else None


def boot_time(run):
    r = run_qemu(f"bench-boot-{run}", cmdline="console=ttyS0 init=/bin/true", mem=f"{RAM_MB}M")
    t = stamp(r.log, r"Run /bin/true as init process")
    if t is None or r.status != 0:
        raise SystemExit(f"boot benchmark failed:\n{r.describe()}")
    return t


def swap_run(run):
    disk = swap_disk(BUILD / f"bench-swap-{run}.img")
    r = run_qemu(f"bench-swap-{run}", mem=f"{RAM_MB}M", disks=[disk], timeout=600,
                 cmdline=f"console=ttyS0 init=/bin/swaptest -- bench {WORKLOAD_MB} {run + 1}")
    Path(disk).unlink()
    phases = {m[0]: {"ms": int(m[1]), "pswpout": int(m[2]), "pswpin": int(m[3]), "majflt": int(m[4])}
              for m in re.findall(r"bench (\w+) ms=(\d+) pswpout=(\d+) pswpin=(\d+) pgmajfault=(\d+)", r.log)}
    if r.status != 0 or len(phases) != 3:
        raise SystemExit(f"swap benchmark failed:\n{r.describe()}")
    return phases


def ata_rates(run):
    """KiB/s of the disk by DMA and by PIO, from the ktest suite ata_bench."""
    img = BUILD / f"bench-ata-{run}.img"
    with open(img, "wb") as f:
        f.truncate(64 << 20)
    r = run_qemu(f"bench-ata-{run}", cmdline="console=ttyS0 ktest=ata_bench", mem="64M",
                 disks=[str(img)], timeout=600)
    img.unlink()
    rate = {f"{k} {op}": int(v) for k, op, v in
            re.findall(r"ata_bench: (dma|pio) (read|write) \d+ KiB in \d+ ms: (\d+) KiB/s", r.log)}
    if r.status != 0 or len(rate) != 4:
        raise SystemExit(f"ata benchmark failed:\n{r.describe()}")
    return rate


def mib_per_s(pages, ms):
    return pages * PAGE_KB / 1024 / (ms / 1000) if ms else 0.0


def main():
    subprocess.run(["make", "-s", "all"], cwd=ROOT, check=True)
    boots = [boot_time(i) for i in range(RUNS)]
    swaps = [swap_run(i) for i in range(RUNS)]
    disks = [ata_rates(i) for i in range(RUNS)]
    med = statistics.median
    rows = [
        ("boot: time to init", "s", med(boots)),
        ("swap-out throughput (sequential fill)", "MiB/s",
         med(mib_per_s(s["write"]["pswpout"], s["write"]["ms"]) for s in swaps)),
        ("swap-in throughput (sequential read)", "MiB/s",
         med(mib_per_s(s["seqread"]["pswpin"], s["seqread"]["ms"]) for s in swaps)),
        (f"sequential {WORKLOAD_MB} MiB at {RAM_MB} MiB RAM: fill", "s", med(s["write"]["ms"] / 1000 for s in swaps)),
        (f"sequential {WORKLOAD_MB} MiB: read back", "s", med(s["seqread"]["ms"] / 1000 for s in swaps)),
        ("  major faults", "", med(s["seqread"]["majflt"] for s in swaps)),
        ("  pswpin / pswpout", "pages", "%d / %d" % (med(s["seqread"]["pswpin"] for s in swaps),
                                                    med(s["seqread"]["pswpout"] for s in swaps))),
        (f"random {WORKLOAD_MB} MiB: read back", "s", med(s["randread"]["ms"] / 1000 for s in swaps)),
        ("  major faults", "", med(s["randread"]["majflt"] for s in swaps)),
        ("  pswpin / pswpout", "pages", "%d / %d" % (med(s["randread"]["pswpin"] for s in swaps),
                                                    med(s["randread"]["pswpout"] for s in swaps))),
        ("disk read by DMA (32-page requests)", "MiB/s", med(d["dma read"] / 1024 for d in disks)),
        ("disk read by PIO", "MiB/s", med(d["pio read"] / 1024 for d in disks)),
        ("  DMA/PIO ratio, read", "x", med(d["dma read"] / d["pio read"] for d in disks)),
        ("  DMA/PIO ratio, write", "x", med(d["dma write"] / d["pio write"] for d in disks)),
    ]
    print(f"Tidemark benchmarks (median of {RUNS} boots, QEMU TCG; compare ratios)")
    for name, unit, value in rows:
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"  {name:<44} {shown:>14} {unit}")
    out = {"runs": RUNS, "ram_mb": RAM_MB, "rows": [{"name": n, "unit": u, "value": v} for n, u, v in rows],
           "raw": {"boot_s": boots, "swap": swaps, "ata_kib_s": disks}}
    (BUILD / "bench.json").write_text(json.dumps(out, indent=2))
    print(f"  (written to {BUILD / 'bench.json'})")


if __name__ == "__main__":
    main()
