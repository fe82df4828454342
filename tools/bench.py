#!/usr/bin/env python3
"""make bench: boot the standard workloads a few times and print one table.

Each figure is the median of RUNS boots (QEMU under TCG on a shared machine:
compare ratios, not absolute numbers). Times come from the guest's own
clock (printk timestamps and clock_gettime(CLOCK_MONOTONIC), which read the
same clock), counts from /proc/vmstat read by the workload itself before and
after its timed part: user/swaptest.c (mode "bench"), user/faultbench.c
(demand-zero and copy-on-write faults, time from exhaustion to the OOM kill),
user/reclaimtest.c (who reclaims, kswapd or the allocator), user/ztest.c
(the same 2x-RAM workload through disk swap, zswap and zram),
user/filereclaim.c (anon and file pages together at each swappiness) and
user/textthrash/ (processes whose code no longer fits in RAM, run from a disk). The table is
also written to build/bench.json; docs/benchmarks.md explains each row.
tests/system/test_bench.py runs each workload once, small, through the
parsers below, so the benchmark cannot rot unnoticed.
"""
import argparse
import json
import re
import shutil
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
FAULT_RAM_MB = 128                # fault workloads: no reclaim, no swap
ZERO_MB = 64                      # demand-zero faults: first touches of this much
COW_MB = 32                       # copy-on-write: the child writes to this much
RECLAIM_MB = 48                   # the pressure workload: 1.5x RAM, 128 MiB swap
OOM_SWAP_MB = 8                   # the small-swap OOM boot
ZRAM_MB = RAM_MB // 2             # the zram bench's device: half of RAM, the disk behind it
COMPRESSION_SETUPS = {            # how the compression rows' boots swap
    "disk swap": ("", 0),
    "zswap": ("zswap.enabled=1", 0),
    "zram": ("", ZRAM_MB),
}


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


def faultbench_reports(log):
    """{mode: {field: number}} from user/faultbench.c's "faultbench MODE k=v ..." lines."""
    return {mode: {k: float(v) if "." in v else int(v) for k, v in re.findall(r"(\w+)=([\d.]+)", rest)}
            for mode, rest in re.findall(r"^faultbench (\w+) (\w+=.*)$", log, re.MULTILINE)}


def fault_run(name, mode, mb, mem_mb, disks=()):
    """One boot of faultbench MODE [MB]: its report, or SystemExit with the log."""
    arg = f" {mb}" if mb else ""
    r = run_qemu(name, cmdline=f"console=ttyS0 init=/bin/faultbench -- {mode}{arg}",
                 mem=f"{mem_mb}M", disks=disks, timeout=600)
    rep = faultbench_reports(r.log).get(mode)
    if r.status != 0 or rep is None:
        raise SystemExit(f"faultbench {mode} failed:\n{r.describe()}")
    return rep, r.log


def faults_per_s(rep):
    """Faults the kernel counted (pgfault) per second of the timed loop."""
    return rep["pgfault"] / (rep["us"] / 1e6)


def oom_times(log, rep):
    """Milliseconds from exhaustion (the hog's sample, faultbench's clock) to the
    last "invoked oom-killer" line before the kill, to the kill ("Out of memory:
    Killed process HOG", both printk stamps), and from the kill until the parent
    reaped the victim; None where a line is missing."""
    killed = stamp(log, rf"Out of memory: Killed process {rep['hog']} ")
    if killed is None:
        return None
    invoked = max((float(t) for t in re.findall(r"\[ *(\d+\.\d+)\] \S+ invoked oom-killer", log)
                   if float(t) <= killed), default=None)
    if invoked is None:
        return None
    ms = lambda a, b: (b - a) * 1000  # noqa: E731
    return {"to_invoked": ms(rep["exhausted"], invoked), "to_kill": ms(rep["exhausted"], killed),
            "kill_to_reaped": ms(killed, rep["reaped"])}


def oom_run(name, swap_mb):
    """faultbench oom on RAM_MB MiB, with swap_mb MiB of swap (0: none)."""
    disks = [swap_disk(BUILD / f"{name}.img", swap_mb)] if swap_mb else []
    rep, log = fault_run(name, "oom", None, RAM_MB, disks)
    for d in disks:
        Path(d).unlink()
    times = oom_times(log, rep)
    if times is None:
        raise SystemExit(f"{name}: no OOM report lines for hog {rep['hog']}; see build/test-logs")
    return {**rep, **times}


def reclaim_counts(log):
    """user/reclaimtest.c's counters (k=v after "reclaimtest:"), or None."""
    m = re.search(r"^reclaimtest: (.*)$", log, re.MULTILINE)
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.group(1))} if m else None


def reclaim_shares(c, pages):
    """kswapd's share of the pages reclaimed (pgsteal) and scanned (pgscan), and
    direct reclaim entries (allocstall, all zones) per 100 pages touched, in %;
    None if nothing was reclaimed."""
    stalls = sum(v for k, v in c.items() if k.startswith("allocstall_"))
    steal, scan = c["pgsteal_kswapd"] + c["pgsteal_direct"], c["pgscan_kswapd"] + c["pgscan_direct"]
    if not steal or not scan:
        return None
    return {"kswapd_steal": 100 * c["pgsteal_kswapd"] / steal, "kswapd_scan": 100 * c["pgscan_kswapd"] / scan,
            "allocstall": 100 * stalls / pages}


def reclaim_run(run, mode):
    """reclaimtest MODE RECLAIM_MB on RAM_MB MiB with swap: counters and shares."""
    disk = swap_disk(BUILD / f"bench-reclaim-{mode}-{run}.img")
    r = run_qemu(f"bench-reclaim-{mode}-{run}", mem=f"{RAM_MB}M", disks=[disk], timeout=600,
                 cmdline=f"console=ttyS0 init=/bin/reclaimtest -- {mode} {RECLAIM_MB}")
    Path(disk).unlink()
    c = reclaim_counts(r.log)
    shares = reclaim_shares(c, RECLAIM_MB * 1024 // PAGE_KB) if c else None
    if r.status != 0 or shares is None:
        raise SystemExit(f"reclaim benchmark ({mode}) reclaimed nothing or failed:\n{r.describe()}")
    return {**c, **shares}


def highmem_fill_run(mem):
    """highmemtest fill 4 at mem (all of RAM, HighMem first, verified word by
    word): seconds from the fill's start to PASS, or SystemExit with the log."""
    r = run_qemu(f"bench-highmem-fill-{mem}", mem=mem, timeout=1800,
                 cmdline="console=ttyS0 init=/bin/leakcheck -- /bin/highmemtest fill 4 7")
    if "PASS highmemtest fill" not in r.log:
        raise SystemExit(f"highmemtest fill at {mem} failed:\n{r.describe()}")
    return r.seconds


def shown(value, unit):
    """A figure as a person reads it: about three significant digits, thousands
    grouped, no decimals where they mean nothing ("43,400 faults/s", "0.84 s",
    "100 %", "277 x"); text (a "a / b" pair) as it is."""
    if not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int) or value == int(value) and abs(value) >= 100:
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{round(value, -2):,.0f}" if abs(value) >= 10000 else f"{round(value, -1):,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1 or not value:
        return f"{value:.2f}" if value else "0"
    return f"{value:.2g}" if abs(value) >= 0.001 else f"{value:.4f}"     # 0.067, 0.0057


def zbench_report(log):
    """user/ztest.c bench's figures: {field: int} plus mm_stat's columns (or None)."""
    m = re.search(r"^zbench (\w+) (ms=.*)$", log, re.MULTILINE)
    if not m:
        return None
    rep = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.group(2))}
    st = re.search(r"^zbench mm_stat (.*)$", log, re.MULTILINE)
    rep["mm_stat"] = [int(x) for x in st.group(1).split()] if st and st.group(1) != "-" else None
    return rep


def compression_ratio(rep):
    """Original bytes over the memory holding them: zram's mm_stat, else zswap's pool; 0 if none."""
    if rep["mm_stat"] and rep["mm_stat"][2]:
        return rep["mm_stat"][0] / rep["mm_stat"][2]
    return rep["zswap_stored"] * PAGE_KB * 1024 / rep["zswap_pool"] if rep["zswap_pool"] else 0.0


def zbench_run(run, setup, kind, mb=WORKLOAD_MB):
    """ztest bench KIND MB on RAM_MB MiB with a 128 MiB swap disk, swapping as setup says."""
    cmdline, zram_mb = COMPRESSION_SETUPS[setup]
    name = f"bench-z-{setup.replace(' ', '')}-{kind}-{run}"
    disk = swap_disk(BUILD / f"{name}.img")
    zarg = f" {zram_mb}" if zram_mb else ""
    r = run_qemu(name, mem=f"{RAM_MB}M", disks=[disk], timeout=900,
                 cmdline=f"console=ttyS0 {cmdline} init=/bin/ztest -- bench {kind} {mb} {run + 1}{zarg}")
    Path(disk).unlink()
    rep = zbench_report(r.log)
    if r.status != 0 or rep is None:
        raise SystemExit(f"compression benchmark ({setup}, {kind}) failed:\n{r.describe()}")
    return {**rep, "ratio": compression_ratio(rep)}


def compression_rows(z):
    """The table rows of the compression runs z[kind][setup] = [reports]."""
    med = statistics.median
    rows = []
    for kind, what in (("text", "text-like"), ("random", "random")):
        for setup in COMPRESSION_SETUPS:
            rs = z[kind][setup]
            rows += [
                (f"{what} {WORKLOAD_MB} MiB, {setup}: fill + read back", "s", med(r["ms"] / 1000 for r in rs)),
                ("  major faults", "", med(r["pgmajfault"] for r in rs)),
                ("  disk reads / writes", "pages", "%d / %d" % (med(r["disk_reads"] for r in rs),
                                                                med(r["disk_writes"] for r in rs))),
            ]
            if setup != "disk swap":
                rows.append(("  compression ratio (original / pool memory)", "x", med(r["ratio"] for r in rs)))
    return rows


FILE_MB = 16                      # the ext2 file benchmark: file size, at 64 MiB RAM
FILE_BS = {"4K": 4096, "64K": 65536, "1M": 1 << 20}


def file_run(run):
    """ext2 through the page cache: {(op, bs): KiB/s} for write, cold read and warm read."""
    img = BUILD / f"bench-ext2-{run}.img"
    with open(img, "wb") as f:
        f.truncate(64 << 20)
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", "4096", str(img)], check=True,
                   capture_output=True)
    lines = ["", "", "mount /dev/sda /mnt"]
    for name, bs in FILE_BS.items():
        lines += [f"echo bs {name}", f"filetest write /mnt/f{name} {FILE_MB * 1024} 1 {bs}", "sync",
                  "umount /mnt", "mount /dev/sda /mnt",
                  f"filetest verify /mnt/f{name} {FILE_MB * 1024} 1 {bs}",
                  f"filetest verify /mnt/f{name} {FILE_MB * 1024} 1 {bs}"]
    lines += ["umount /mnt", "exit 0", ""]
    r = run_qemu(f"bench-ext2-{run}", cmdline="console=ttyS0 init=/bin/sh", mem="64M",
                 disks=[str(img)], input="\n".join(lines), timeout=600)
    img.unlink()
    rates = {}
    for name, part in re.findall(r"^bs (\w+)\n(.*?)(?=^bs |\Z)", r.log, re.M | re.S):
        w = re.findall(r"filetest: wrote \d+ KiB in \d+ ms \((\d+) KiB/s\)", part)
        v = re.findall(r"filetest: verified \d+ KiB in \d+ ms \((\d+) KiB/s\)", part)
        if len(w) == 1 and len(v) == 2:
            rates[("write", name)], rates[("cold", name)], rates[("warm", name)] = map(int, w + v)
    if r.status != 0 or len(rates) != 3 * len(FILE_BS):
        raise SystemExit(f"ext2 file benchmark failed:\n{r.describe()}")
    return rates


MIXED_FILE_MB = 12                # the swappiness sweep: a file read twice (active) ...
MIXED_ANON_MB = 20                # ... then this much anonymous memory, then the file again
MIXED_SWAP_MB = 64
SWAPPINESS = (0, 60, 100, 200)


def mixed_reports(log):
    """Each "filereclaim mixed" run of a log, in order: its counters and reread_pgpgin."""
    reread = [int(v) for v in re.findall(r"^filereclaim: reread_pgpgin=(\d+)$", log, re.M)]
    counts = [{k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line)}
              for line in re.findall(r"^filereclaim: (pswpout=.*)$", log, re.M)]
    return [{**c, "reread_kib": r} for c, r in zip(counts, reread)]


def mixed_disks(name):
    """A fresh 96 MiB ext2 image and a MIXED_SWAP_MB swap disk for one boot: (ext2, swap) paths."""
    img, swap = BUILD / f"{name}.img", swap_disk(BUILD / f"{name}-swap.img", MIXED_SWAP_MB)
    with open(img, "wb") as f:
        f.truncate(96 << 20)
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", "4096", str(img)], check=True,
                   capture_output=True)
    return str(img), swap


def mixed_script(run, file_mb=MIXED_FILE_MB, anon_mb=MIXED_ANON_MB):
    """The shell commands of one sweep (ext2 on /dev/sda): write the file, then filereclaim
    mixed at each swappiness with the cache dropped between. make compare runs the same
    commands under Linux's busybox sh."""
    lines = ["mount /dev/sda /mnt || exit 1", f"filetest write /mnt/f {file_mb * 1024} {run + 5}", "sync"]
    for s in SWAPPINESS:
        lines += ["echo 1 > /proc/sys/vm/drop_caches", f"echo {s} > /proc/sys/vm/swappiness",
                  f"filereclaim mixed /mnt/f {file_mb * 1024} {anon_mb * 1024} {run + 5}"]
    return lines + ["umount /mnt"]


def mixed_results(log):
    """{swappiness: report} of a sweep's log, or None unless every run passed."""
    reps = mixed_reports(log)
    if len(reps) != len(SWAPPINESS) or log.count("PASS filereclaim") != len(SWAPPINESS):
        return None
    return dict(zip(SWAPPINESS, reps))


def mixed_run(run, file_mb=MIXED_FILE_MB, anon_mb=MIXED_ANON_MB):
    """filereclaim mixed at each swappiness, one boot on RAM_MB MiB with an ext2 disk and
    a swap disk: {swappiness: report}."""
    disks = mixed_disks(f"bench-mixed-{run}")
    lines = ["", "", *mixed_script(run, file_mb, anon_mb), "exit 0", ""]
    r = run_qemu(f"bench-mixed-{run}", cmdline="console=ttyS0 init=/bin/sh", mem=f"{RAM_MB}M",
                 disks=disks, input="\n".join(lines), timeout=900)
    for d in disks:
        Path(d).unlink()
    reps = mixed_results(r.log)
    if r.status != 0 or reps is None:
        raise SystemExit(f"swappiness benchmark failed:\n{r.describe()}")
    return reps


def mixed_rows(mixed):
    med = statistics.median
    rows = []
    for s in SWAPPINESS:
        rs = [m[s] for m in mixed]
        rows += [
            (f"anon {MIXED_ANON_MB} MiB + file {MIXED_FILE_MB} MiB, swappiness {s}", "s",
             med(r["ms"] / 1000 for r in rs)),
            ("  pswpout / file refaults", "pages", "%s / %s" % (
                shown(med(r["pswpout"] for r in rs), ""), shown(med(r["workingset_refault_file"] for r in rs), ""))),
            ("  pgsteal anon / file", "pages", "%s / %s" % (
                shown(med(r["pgsteal_anon"] for r in rs), ""), shown(med(r["pgsteal_file"] for r in rs), ""))),
            ("  file read back from the disk", "KiB", med(r["reread_kib"] for r in rs)),
        ]
    return rows


TEXT_PROCS = 4                    # text thrash: processes running textthrash at once
TEXT_PASSES = 2                   # each calls every one of its 8192 functions this often
TEXT_LEFT_KB = 2900               # MemFree left to the rest (text among it) at RAM_MB MiB


def textthrash_report(log, procs):
    """user/textthrash/textthrash.c spawn's processes: total major and minor faults, the
    slowest one's milliseconds (the guest's clock), the KiB read from the disk meanwhile
    (pgpgin between textthrash_script's two copies of /proc/vmstat) and the faults that
    missed the page cache (pgmajfault: the processes' major faults also count faults that
    waited for a page another one was reading, Linux's FAULT_FLAG_TRIED rule), or None."""
    faults = re.findall(r"^textthrash: ok \d+ passes, major (\d+) minor (\d+) ms (\d+)", log, re.M)
    parts = log.split("==vmstat")[1:3]
    pgpgin = [re.search(r"^pgpgin (\d+)$", part, re.M) for part in parts]
    misses = [re.search(r"^pgmajfault (\d+)$", part, re.M) for part in parts]
    if f"textthrash: {procs} of {procs} processes finished correctly" not in log or len(faults) != procs or \
            len(pgpgin) != 2 or not all(pgpgin) or not all(misses):
        return None
    return {"majflt": sum(int(f[0]) for f in faults), "minflt": sum(int(f[1]) for f in faults),
            "ms": max(int(f[2]) for f in faults), "pgpgin": int(pgpgin[1].group(1)) - int(pgpgin[0].group(1)),
            "pgmajfault": int(misses[1].group(1)) - int(misses[0].group(1))}


def textthrash_script():
    """The shell commands of the text thrash (the ext2 image on /dev/sda), /proc/vmstat
    before and after it ("=''=": the echo of the typed line does not match); make compare
    runs the same under Linux's busybox sh."""
    return ["mount /dev/sda /mnt || exit 1", "echo =''=vmstat", "cat /proc/vmstat",
            f"/mnt/bin/textthrash spawn {TEXT_PROCS} {TEXT_PASSES} {TEXT_LEFT_KB}",
            "echo =''=vmstat", "cat /proc/vmstat", "umount /mnt"]


def textthrash_run(run):
    """TEXT_PROCS processes of textthrash (2.4 MiB of text, run from build/textthrash.img)
    at RAM_MB MiB, anonymous memory sized to leave TEXT_LEFT_KB: their major faults, and
    the boot's seconds by the host's clock (under TCG the guest's TSC clock drifts when
    the disk is busy)."""
    img = BUILD / f"bench-textthrash-{run}.img"
    shutil.copy(BUILD / "textthrash.img", img)
    lines = ["", "", *textthrash_script(), "exit 0", ""]
    r = run_qemu(f"bench-textthrash-{run}", cmdline="console=ttyS0 init=/bin/sh", mem=f"{RAM_MB}M",
                 disks=[str(img)], input="\n".join(lines), timeout=900)
    img.unlink()
    rep = textthrash_report(r.log, TEXT_PROCS)
    if r.status != 0 or rep is None:
        raise SystemExit(f"text-thrash benchmark failed:\n{r.describe()}")
    return {**rep, "s": r.seconds}


def mib_per_s(pages, ms):
    return pages * PAGE_KB / 1024 / (ms / 1000) if ms else 0.0


def med(values):
    return statistics.median(list(values))


def boot_group():
    boots = [boot_time(i) for i in range(RUNS)]
    return [("boot: time to init", "s", med(boots))], {"boot_s": boots}


def swap_group():
    swaps = [swap_run(i) for i in range(RUNS)]
    rows = [
        ("swap-out throughput (sequential fill)", "MiB/s",
         med(mib_per_s(s["write"]["pswpout"], s["write"]["ms"]) for s in swaps)),
        ("swap-in throughput (sequential read)", "MiB/s",
         med(mib_per_s(s["seqread"]["pswpin"], s["seqread"]["ms"]) for s in swaps)),
        (f"sequential {WORKLOAD_MB} MiB at {RAM_MB} MiB RAM: fill", "s", med(s["write"]["ms"] / 1000 for s in swaps)),
    ]
    for phase, what in (("seqread", "sequential"), ("randread", "random")):
        rows += [
            (f"{what} {WORKLOAD_MB} MiB: read back", "s", med(s[phase]["ms"] / 1000 for s in swaps)),
            ("  major faults", "", med(s[phase]["majflt"] for s in swaps)),
            ("  pswpin / pswpout", "pages", "%s / %s" % (shown(med(s[phase]["pswpin"] for s in swaps), ""),
                                                        shown(med(s[phase]["pswpout"] for s in swaps), ""))),
        ]
    return rows, {"swap": swaps}


def ata_group():
    disks = [ata_rates(i) for i in range(RUNS)]
    rows = [
        ("disk read by DMA (32-page requests)", "MiB/s", med(d["dma read"] / 1024 for d in disks)),
        ("disk read by PIO", "MiB/s", med(d["pio read"] / 1024 for d in disks)),
        ("  DMA/PIO ratio, read", "x", med(d["dma read"] / d["pio read"] for d in disks)),
        ("disk write by DMA (32-page requests)", "MiB/s", med(d["dma write"] / 1024 for d in disks)),
        ("disk write by PIO", "MiB/s", med(d["pio write"] / 1024 for d in disks)),
        ("  DMA/PIO ratio, write", "x", med(d["dma write"] / d["pio write"] for d in disks)),
    ]
    return rows, {"ata_kib_s": disks}


def ext2_group():
    files = [file_run(i) for i in range(RUNS)]
    rows = [(f"ext2 file {FILE_MB} MiB {what}, bs={bs}", "MiB/s", med(f[(op, bs)] / 1024 for f in files))
            for op, what in (("write", "write"), ("cold", "read, cold cache"), ("warm", "read, warm cache"))
            for bs in FILE_BS]
    return rows, {"ext2_kib_s": [{f"{op} {bs}": v for (op, bs), v in f.items()} for f in files]}


def fault_group():
    zero = [fault_run(f"bench-zero-{i}", "zero", ZERO_MB, FAULT_RAM_MB)[0] for i in range(RUNS)]
    cow = [fault_run(f"bench-cow-{i}", "cow", COW_MB, FAULT_RAM_MB)[0] for i in range(RUNS)]
    # Demand-zero faults with kmap on the path: at 2 GiB user pages come from HighMem.
    zero_high = [fault_run(f"bench-zero-2g-{i}", "zero", ZERO_MB, 2048)[0] for i in range(RUNS)]
    zero_low = [fault_run(f"bench-zero-512m-{i}", "zero", ZERO_MB, 512)[0] for i in range(RUNS)]
    rows = [
        (f"demand-zero, {ZERO_MB} MiB at {FAULT_RAM_MB} MiB RAM", "faults/s", med(faults_per_s(z) for z in zero)),
        ("  pgfault per page touched", "", med(z["pgfault"] / z["pages"] for z in zero)),
        (f"copy-on-write, child writes {COW_MB} MiB", "faults/s", med(faults_per_s(c) for c in cow)),
        ("  pgfault per page written / pgreuse", "", "%s / %s" % (
            shown(med(c["pgfault"] / c["pages"] for c in cow), ""), shown(med(c["pgreuse"] for c in cow), ""))),
        (f"demand-zero, {ZERO_MB} MiB at 2048 MiB (HighMem)", "faults/s", med(faults_per_s(z) for z in zero_high)),
        (f"demand-zero, {ZERO_MB} MiB at 512 MiB (lowmem)", "faults/s", med(faults_per_s(z) for z in zero_low)),
        ("  HighMem / lowmem", "x", med(faults_per_s(z) for z in zero_high) / med(faults_per_s(z) for z in zero_low)),
    ]
    return rows, {"zero": zero, "cow": cow, "zero_2g": zero_high, "zero_512m": zero_low}


def highmem_group():
    fill_3g = highmem_fill_run("3G")
    return [("all of 3 GiB filled and verified by 4 processes", "s", fill_3g)], {"highmem_fill_3g_s": fill_3g}


def reclaim_group():
    reclaim = {mode: [reclaim_run(i, mode) for i in range(RUNS)] for mode in ("slow", "fast")}
    rows = []
    for mode, what in (("slow", "paced"), ("fast", "as fast as possible")):
        rs = reclaim[mode]
        rows += [
            (f"reclaim, {RECLAIM_MB} MiB {what}: pgsteal by kswapd", "%", med(r["kswapd_steal"] for r in rs)),
            ("  pgscan by kswapd", "%", med(r["kswapd_scan"] for r in rs)),
            ("  allocstall per 100 pages touched", "%", med(r["allocstall"] for r in rs)),
        ]
    return rows, {"reclaim": reclaim}


def oom_group():
    oom = {swap: [oom_run(f"bench-oom-swap{swap}-{i}", swap) for i in range(RUNS)] for swap in (0, OOM_SWAP_MB)}
    rows = []
    for swap, runs in oom.items():
        rows += [
            (f"OOM, {'no swap' if not swap else f'{swap} MiB swap'}: exhaustion to kill", "ms",
             med(o["to_kill"] for o in runs)),
            ("  exhaustion to oom-killer invoked", "ms", med(o["to_invoked"] for o in runs)),
            ("  kill to victim reaped", "ms", med(o["kill_to_reaped"] for o in runs)),
        ]
    return rows, {"oom": {f"swap_mb_{k}": v for k, v in oom.items()}}


def compression_group():
    zruns = {kind: {setup: [zbench_run(i, setup, kind) for i in range(RUNS)] for setup in COMPRESSION_SETUPS}
             for kind in ("text", "random")}
    return compression_rows(zruns), {"compression": zruns}


def swappiness_group():
    mixed = [mixed_run(i) for i in range(RUNS)]
    return mixed_rows(mixed), {"swappiness": [{str(k): v for k, v in m.items()} for m in mixed]}


def textthrash_group():
    thrash = [textthrash_run(i) for i in range(RUNS)]
    rows = [
        (f"text thrash: {TEXT_PROCS} x textthrash (2.4 MiB text), {TEXT_LEFT_KB} kB left, boot to end",
         "s", med(t["s"] for t in thrash)),
        ("  major faults: the processes' majflt", "", med(t["majflt"] for t in thrash)),
        ("  read from the disk (pgpgin)", "KiB", med(t["pgpgin"] for t in thrash)),
        ("  page-cache misses: pgmajfault", "", med(t["pgmajfault"] for t in thrash)),
    ]
    return rows, {"textthrash": thrash}


# The table's groups of rows, in order: `make bench ROWS="swappiness textthrash"`
# (bench.py --only) boots only the workloads of the groups named.
GROUPS = {"boot": boot_group, "swap": swap_group, "ata": ata_group, "ext2": ext2_group,
          "faults": fault_group, "highmem": highmem_group, "reclaim": reclaim_group, "oom": oom_group,
          "compression": compression_group, "swappiness": swappiness_group, "textthrash": textthrash_group}


def main():
    global RUNS
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", nargs="+", choices=list(GROUPS), metavar="GROUP",
                    help="run only these groups of rows: " + " ".join(GROUPS))
    ap.add_argument("--runs", type=int, default=RUNS, help="boots per workload (default %(default)s)")
    args = ap.parse_args()
    RUNS = args.runs
    subprocess.run(["make", "-s", "all"], cwd=ROOT, check=True)
    rows, raw = [], {}
    for name in [g for g in GROUPS if not args.only or g in args.only]:
        r, data = GROUPS[name]()
        rows += r
        raw.update(data)
    print(f"Tidemark benchmarks (median of {RUNS} boots, QEMU TCG; compare ratios)")
    for name, unit, value in rows:
        print(f"  {name:<52} {shown(value, unit):>14} {unit}".rstrip())
    if "oom" in raw:
        print("  (OOM exhaustion: the hog's first sample with SwapFree 0 and every zone at or below\n"
              "   min + protection in /proc/zoneinfo; kill: the printk stamp of \"Killed process\")")
    print("  (the rows are explained in docs/benchmarks.md)")
    out = {"runs": RUNS, "ram_mb": RAM_MB, "rows": [{"name": n, "unit": u, "value": v} for n, u, v in rows],
           "raw": raw}
    (BUILD / "bench.json").write_text(json.dumps(out, indent=2))
    print(f"  (written to {BUILD / 'bench.json'})")


if __name__ == "__main__":
    main()
