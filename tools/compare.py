#!/usr/bin/env python3
"""make compare: make bench's swap and swappiness workloads on Tidemark and on Debian's Linux.

The same static i386 programs (build/rootfs/bin: they speak Linux's ABI) run
on Tidemark and on Debian's Linux 6.1 686 kernel (32-bit, no PAE, HighMem)
in the same QEMU machine with the same IDE swap disk. Linux's guest comes
from Debian's packages, fetched with Debian's own tools into build/linux/:

    apt-get download linux-image-6.1.0-N-686:i386 busybox-static:i386
    dpkg-deb -x ...

(the i386 architecture must be known to dpkg: tools/deps.sh adds it). Its
initramfs holds busybox, the modules that drive the disk (ata_piix, sd_mod)
and read ext2 (ext4: Debian builds no ext2 driver and lets ext4 mount ext2),
with what their .modinfo says they depend on, and /init, a shell script
that loads them, runs swapon on the swap disk, then the workload under
leakcheck. The swappiness sweep is a shell script (bench.mixed_script) that
Tidemark's /bin/sh reads from the console and Linux's busybox sh from a
file added to the initramfs for that boot.

Linux keeps more memory for itself than Tidemark, so its RAM is chosen by
calibration: both kernels boot `leakcheck true`, whose first number is the
memory free just before a workload starts, and Linux's RAM is moved until
its figure is within LINUX_FREE_SLACK_KB of Tidemark's.

Each workload runs RUNS times on each kernel (one boot per run); the table
gives medians, Tidemark/Linux ratios, and is also written to
build/compare.json. Rows are explained in docs/benchmarks.md. Linux runs
with its defaults: page-cluster 3, swappiness 60, MGLRU off (Debian's
config builds it in but leaves it disabled).

Linux unpacks its initramfs into a tmpfs root unless told otherwise: its
files (about 4 MiB: busybox, the modules) are shmem pages on the anonymous
LRU lists, which reclaim may swap and the working-set test counts while
there is swap. Tidemark's root is a ramfs, off the LRU lists.
--linux-rootfs ramfs boots Linux with rootfstype=ramfs (its initramfs
pages unevictable, as Tidemark's are off the lists), so both kernels
reclaim the same pages (docs/filereclaim.md section 7).
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
from cpio import write_cpio  # noqa: E402
from tidemark import BUILD, LOGS, run_qemu  # noqa: E402
import bench  # noqa: E402  (tools/ is on the path: this file's directory)

LINUX = BUILD / "linux"
KERNEL_META = "linux-image-686:i386"        # Debian's meta package: depends on the current 6.1 image
BUSYBOX = "busybox-static:i386"
# The IDE controller, the SCSI disk on top of libata, and ext4, which mounts ext2
# (Debian: CONFIG_EXT2_FS unset, CONFIG_EXT4_USE_FOR_EXT2=y) but needs the crc32c
# hash at mount ("Cannot load crc32c driver"): its .modinfo names it only as a
# softdep alias, crypto-crc32c, so it is listed here.
MODULES = ["ata_piix", "sd_mod", "crc32c_generic", "ext4"]
LINUX_FREE_SLACK_KB = 1024
SWAP_MB = 128
# noapic: interrupts through the 8259 PIC, as Tidemark takes them; on a loaded host Linux's
# IO-APIC timer check can also fail ("IO-APIC + timer doesn't work!") and panic the boot.
# panic=1: a panic reboots, which ends QEMU (-no-reboot) at once instead of at the timeout.
LINUX_OPTIONS = "noapic panic=1"
PROGRAMS = ["leakcheck", "swaptest", "reclaimtest", "true", "filetest", "filereclaim"]
WORKLOADS = ("swaptest", "reclaim", "swappiness", "textthrash")

LINUX_INIT = """#!/bin/busybox sh
# Tidemark's make compare: load the drivers, swap on, run one workload.
# tm_run: the workload's argv, commas for spaces; tm_swap: the swap disk (sda,
# sdb, or none).
B=/bin/busybox
$B --install -s /bin
$B mount -t proc proc /proc
$B mount -t sysfs sys /sys
$B mount -t devtmpfs dev /dev
for m in {modules}; do
	$B insmod /lib/modules/$m.ko || echo "compare: insmod $m failed"
done
swap=/dev/${{tm_swap:-sda}}
i=0
while ! [ -b /dev/sda ] || ! [ -b $swap -o $swap = /dev/none ]; do
	[ $i -lt 200 ] || break
	$B usleep 50000; i=$((i + 1))
done
# sd_mod probes the disks in parallel: on a busy host the second can come up as
# sda. Find the swap disk by its signature and give the names QEMU's order back.
for d in /dev/sda /dev/sdb; do
	magic=$($B dd if=$d bs=1 skip=4086 count=10 2>/dev/null)
	if [ "$magic" = SWAPSPACE2 ] && [ $d != $swap ] && [ $swap != /dev/none ]; then
		$B mv $swap /dev/sd-other && $B mv $d $swap && $B mv /dev/sd-other $d
		echo "compare: $d and $swap renamed"
	fi
done
[ $swap = /dev/none ] || $B swapon $swap || echo "compare: swapon $swap failed"
/bin/leakcheck $(echo "$tm_run" | $B tr , ' ')
echo "compare: exit status $?"
$B poweroff -f
"""


def sh(argv, cwd=None):
    return subprocess.run(argv, cwd=cwd, check=True, capture_output=True, text=True).stdout


def kernel_package():
    """The versioned image package the meta package points to (linux-image-6.1.0-N-686:i386)."""
    out = sh(["apt-cache", "depends", KERNEL_META])
    m = re.search(r"Depends: (linux-image-6\.1\.\S+-686(?::i386)?)$", out, re.MULTILINE)
    if not m:
        raise SystemExit(f"compare: apt-cache knows no {KERNEL_META}; run tools/deps.sh "
                         "(dpkg --add-architecture i386 and apt-get update)")
    return m.group(1) if m.group(1).endswith(":i386") else m.group(1) + ":i386"


def fetch_linux():
    """build/linux/root: the kernel package and busybox unpacked by dpkg-deb; returns (vmlinuz, busybox)."""
    root = LINUX / "root"
    vmlinuz = sorted(root.glob("boot/vmlinuz-*"))
    busybox = root / "bin" / "busybox"
    if vmlinuz and busybox.exists():
        return vmlinuz[-1], busybox
    debs = LINUX / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    try:
        sh(["apt-get", "download", kernel_package(), BUSYBOX], cwd=debs)
    except subprocess.CalledProcessError as e:
        raise SystemExit(f"compare: apt-get download failed:\n{e.stderr}\n"
                         "run tools/deps.sh (it adds the i386 architecture and updates apt)")
    for deb in sorted(debs.glob("*.deb")):
        sh(["dpkg-deb", "-x", str(deb), str(root)])
    vmlinuz = sorted(root.glob("boot/vmlinuz-*"))
    if not vmlinuz or not busybox.exists():
        raise SystemExit(f"compare: no vmlinuz or busybox in the packages unpacked in {root}")
    return vmlinuz[-1], busybox


def modinfo_depends(ko):
    """The depends= list of a module's .modinfo section."""
    data = subprocess.run(["objcopy", "-O", "binary", "-j", ".modinfo", str(ko), "/dev/stdout"],
                          check=True, capture_output=True).stdout
    for field in data.split(b"\0"):
        if field.startswith(b"depends="):
            return [d for d in field[8:].decode().split(",") if d]
    return []


def modules_in_load_order(names):
    """The .ko files for names and everything they depend on, dependencies first."""
    found = {p.stem: p for p in (LINUX / "root").glob("lib/modules/*/kernel/**/*.ko")}
    order = []

    def visit(name):
        key = name if name in found else name.replace("_", "-")
        if key not in found:
            raise SystemExit(f"compare: module {name} is not in the kernel package")
        if key in order:
            return
        for dep in modinfo_depends(found[key]):
            visit(dep)
        order.append(key)

    for n in names:
        visit(n)
    return [(n, found[n]) for n in order]


def linux_initramfs(busybox):
    """build/linux/initramfs.cpio: /init, busybox, the disk modules, the workload programs."""
    mods = modules_in_load_order(MODULES)
    files = {"init": LINUX_INIT.format(modules=" ".join(n for n, _ in mods)).encode(),
             "bin/busybox": busybox.read_bytes()}
    files.update({f"lib/modules/{n}.ko": p.read_bytes() for n, p in mods})
    files.update({f"bin/{p}": (BUILD / "rootfs" / "bin" / p).read_bytes() for p in PROGRAMS})
    return write_cpio(LINUX / "initramfs.cpio", files,
                      dirs=["bin", "lib", "lib/modules", "proc", "sys", "dev", "mnt"])


def initramfs_with_script(base, name, script):
    """base's archive followed by one holding /workload.sh (Linux unpacks both, in order)."""
    extra = write_cpio(LINUX / f"{name}.cpio", {"workload.sh": ("\n".join(script) + "\n").encode()})
    out = LINUX / f"initramfs-{name}.cpio"
    out.write_bytes(Path(base).read_bytes() + extra.read_bytes())
    extra.unlink()
    return out


class Guests:
    """Boots one workload on either kernel; returns the serial log."""

    def __init__(self, tidemark_mb):
        self.vmlinuz, busybox = fetch_linux()
        self.initramfs = linux_initramfs(busybox)
        self.tidemark_mb = tidemark_mb
        self.linux_mb = None
        self.empty_boot_s = {}          # seconds of a boot of leakcheck /bin/true, per kernel

    def boot(self, kernel, name, argv, mem_mb=None, script=None, disks=None, swap="sda"):
        """One boot of argv under leakcheck, or, given script (shell lines), of /bin/sh
        running it. disks: the IDE disks, deleted afterwards (default: a fresh SWAP_MB swap
        disk); swap: the one Linux swaps on (sda, sdb or None; Tidemark finds it itself).
        The serial log, or SystemExit."""
        mem = f"{mem_mb or (self.tidemark_mb if kernel == 'tidemark' else self.linux_mb)}M"
        disks = disks or [bench.swap_disk(BUILD / f"compare-{name}.img", SWAP_MB)]
        try:
            if kernel == "tidemark":
                argv = ["/bin/sh"] if script else argv
                text = "\n".join(["", "", *script, "exit 0", ""]) if script else None
                r = run_qemu(f"compare-{name}", mem=mem, disks=disks, timeout=900, input=text,
                             cmdline="console=ttyS0 init=/bin/leakcheck -- " + " ".join(argv))
                ok = r.status is not None
            else:
                initrd = self.initramfs
                if script:
                    initrd = initramfs_with_script(self.initramfs, name, script)
                    argv = ["/bin/sh", "/workload.sh"]
                r = run_qemu(f"compare-{name}", mem=mem, disks=disks, timeout=900, initrd=[str(initrd)],
                             kernel=self.vmlinuz, cmdline=f"console=ttyS0 quiet {LINUX_OPTIONS} "
                             f"tm_swap={swap or 'none'} tm_run=" + ",".join(argv))
                ok = "compare: exit status" in r.log
                if script:
                    initrd.unlink()
        finally:
            for d in disks:
                Path(d).unlink()
        if not ok:
            raise SystemExit(f"compare: {kernel} {name} failed:\n{r.describe()}")
        self.seconds = r.seconds        # the boot's, by the host's clock
        return r.log

    def memfree_kb(self, kernel, mem_mb=None):
        log = self.boot(kernel, f"{kernel}-calibrate", ["/bin/true"], mem_mb)
        m = re.search(r"leakcheck: MemFree (\d+) kB", log)
        if not m:
            raise SystemExit(f"compare: no leakcheck line from {kernel}; see {LOGS}")
        self.empty_boot_s[kernel] = self.seconds
        return int(m.group(1))

    def calibrate(self):
        """Linux's RAM (MiB) for the memory free that Tidemark has at tidemark_mb."""
        want = self.memfree_kb("tidemark")
        mb = self.tidemark_mb + 28            # about what Debian's kernel keeps for itself
        for _ in range(4):
            got = self.memfree_kb("linux", mb)
            if abs(got - want) <= LINUX_FREE_SLACK_KB:
                break
            mb += round((want - got) / 1024)
        self.linux_mb = mb
        return want, got


def swaptest_phases(log):
    """{phase: {field: n}} from swaptest bench's "bench PHASE k=v ..." lines."""
    return {phase: {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", rest)}
            for phase, rest in re.findall(r"^bench (\w+) (ms=.*)$", log, re.MULTILINE)}


def mixed_rows(guests, kernel, run, mixed_mb):
    """bench's swappiness sweep (filereclaim mixed at each value), one boot: {row: counters}."""
    name = f"{kernel}-mixed-{run}"
    log = guests.boot(kernel, name, None, script=bench.mixed_script(run, *mixed_mb),
                      disks=list(bench.mixed_disks(f"compare-{name}")), swap="sdb")
    reps = bench.mixed_results(log)
    if reps is None:
        raise SystemExit(f"compare: the swappiness sweep failed on {kernel}; see {LOGS}")
    return {f"swappiness {s}": r for s, r in reps.items()}


def textthrash_row(guests, kernel, run):
    """bench's text thrash (TEXT_PROCS textthrash processes run from a copy of
    build/textthrash.img, no swap), one boot: {"text thrash": report}."""
    name = f"{kernel}-textthrash-{run}"
    img = BUILD / f"compare-{name}.img"
    shutil.copy(BUILD / "textthrash.img", img)
    log = guests.boot(kernel, name, None, script=bench.textthrash_script(), disks=[str(img)], swap=None)
    rep = bench.textthrash_report(log, bench.TEXT_PROCS)
    if rep is None:
        raise SystemExit(f"compare: the text thrash failed on {kernel}; see {LOGS}")
    return {"text thrash": {**rep, "boot_s": guests.seconds}}


def workload_runs(guests, kernel, mb, runs, only=WORKLOADS, mixed_mb=None):
    """Per run: {row: counters} for swaptest bench, reclaimtest slow/fast and the swappiness
    sweep (file and anon MiB as mixed_mb), as far as only names them."""
    out = []
    for i in range(runs):
        run = {}
        if "swaptest" in only:
            log = guests.boot(kernel, f"{kernel}-swaptest-{i}", ["/bin/swaptest", "bench", str(2 * mb), str(i + 1)])
            phases = swaptest_phases(log)
            if "PASS" not in log or len(phases) != 3:
                raise SystemExit(f"compare: swaptest bench failed on {kernel}; see {LOGS}")
            run.update({f"swaptest {p}": c for p, c in phases.items()})
        for mode in ("slow", "fast") if "reclaim" in only else ():
            log = guests.boot(kernel, f"{kernel}-reclaim-{mode}-{i}",
                              ["/bin/reclaimtest", mode, str(mb * 3 // 2)])
            c = bench.reclaim_counts(log)
            if not c:
                raise SystemExit(f"compare: reclaimtest {mode} failed on {kernel}; see {LOGS}")
            run[f"reclaim {mode}"] = c
        if "swappiness" in only:
            run.update(mixed_rows(guests, kernel, i, mixed_mb))
        if "textthrash" in only:
            run.update(textthrash_row(guests, kernel, i))
        out.append(run)
    return out


def figures(c):
    """The compared figures of one workload's counters."""
    if "majflt" in c:                       # the text thrash's
        return {"major faults": c["majflt"], "minor faults": c["minflt"],
                "page-cache misses (pgmajfault)": c["pgmajfault"], "read from the disk KiB": c["pgpgin"],
                "KiB read per miss": c["pgpgin"] / c["pgmajfault"] if c["pgmajfault"] else None,
                "slowest process s": c["ms"] / 1000, "boot to end s (host clock)": c["boot_s"]}
    if "workingset_refault_file" in c:      # the swappiness sweep's
        return {"time s": c["ms"] / 1000, "pswpout": c["pswpout"], "pgsteal_anon": c["pgsteal_anon"],
                "pgsteal_file": c["pgsteal_file"], "workingset_refault_file": c["workingset_refault_file"],
                "workingset_activate_file": c["workingset_activate_file"],
                "workingset_refault_anon": c["workingset_refault_anon"],
                "workingset_activate_anon": c["workingset_activate_anon"],
                "file read back from the disk KiB": c["reread_kib"]}
    steal = c["pgsteal_kswapd"] + c["pgsteal_direct"]
    return {"time s": c["ms"] / 1000, "major faults": c["pgmajfault"], "pswpin": c["pswpin"],
            "pswpout": c["pswpout"],
            "pswpin per major fault": c["pswpin"] / c["pgmajfault"] if c["pgmajfault"] else None,
            "kswapd share of pgsteal %": 100 * c["pgsteal_kswapd"] / steal if steal else None}


def medians(runs, row):
    per_run = [figures(r[row]) for r in runs]
    return {k: (statistics.median(v) if (v := [f[k] for f in per_run if f[k] is not None]) else None)
            for k in per_run[0]}


def rows():
    """The table's workloads: (row, title), in order (titles from bench's sizes now)."""
    return [("swaptest write", "sequential fill"), ("swaptest seqread", "sequential read back"),
            ("swaptest randread", "random read back"), ("reclaim slow", "reclaim, paced"),
            ("reclaim fast", "reclaim, as fast as possible")] + [
        (f"swappiness {s}", f"file and anon, swappiness {s}") for s in bench.SWAPPINESS] + [
        ("text thrash", f"text thrash: {bench.TEXT_PROCS} x textthrash, {bench.TEXT_LEFT_KB} kB left, no swap")]


def show(x):
    return "-" if x is None else f"{x:.2f}" if isinstance(x, float) else str(x)


def table(res):
    """The printed table: per workload, each figure's medians and Tidemark/Linux."""
    tm, lx, free = res["tidemark"], res["linux"], res["memfree_kb"]
    lines = [f"Tidemark vs Linux 6.1 686 (median of {res['runs']}; Tidemark {res['tidemark_mb']} MiB RAM, "
             f"Linux {res['linux_mb']} MiB: MemFree {free[0]} / {free[1]} kB at the start; "
             f"{res['workload_mb']} MiB units; {SWAP_MB} MiB IDE swap)",
             *([f"  (swappiness sweep: a {res['mixed_mb'][0]} MiB ext2 file, {res['mixed_mb'][1]} MiB "
                f"anonymous, {bench.MIXED_SWAP_MB} MiB swap)"] if res.get("mixed_mb") else []),
             "  (an empty boot, leakcheck /bin/true, took %.1f s on Tidemark and %.1f s on Linux by the "
             "host's clock)" % (res["empty_boot_s"]["tidemark"], res["empty_boot_s"]["linux"]),
             f"  {'workload / figure':<44} {'Tidemark':>10} {'Linux':>10} {'ratio':>7}"]
    for row, title in rows():
        if row not in tm[0]:
            continue
        a, b = medians(tm, row), medians(lx, row)
        lines.append(f"  {title}")
        for k in a:
            ratio = a[k] / b[k] if a[k] is not None and b[k] else None
            lines.append(f"    {k:<42} {show(a[k]):>10} {show(b[k]):>10} {show(ratio):>7}")
    return "\n".join(lines)


def compare(ram, runs, mb=None, only=WORKLOADS, mixed_mb=(bench.MIXED_FILE_MB, bench.MIXED_ANON_MB)):
    """Calibrate, run the workloads only names on both kernels; the result as make compare saves it."""
    guests = Guests(ram)
    free = guests.calibrate()
    mb = mb or ram
    tm = workload_runs(guests, "tidemark", mb, runs, only, mixed_mb)
    lx = workload_runs(guests, "linux", mb, runs, only, mixed_mb)
    res = {"tidemark_mb": ram, "linux_mb": guests.linux_mb, "memfree_kb": free, "runs": runs,
           "workload_mb": mb, "mixed_mb": mixed_mb if "swappiness" in only else None,
           "empty_boot_s": guests.empty_boot_s,
           "tidemark": tm, "linux": lx}
    res["table"] = table(res)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ram", type=int, default=bench.RAM_MB, help="Tidemark's RAM in MiB (default %(default)s)")
    ap.add_argument("--runs", type=int, default=bench.RUNS)
    ap.add_argument("--only", nargs="+", choices=WORKLOADS, default=WORKLOADS, metavar="WORKLOAD",
                    help="run only these: " + " ".join(WORKLOADS))
    ap.add_argument("--mb", type=int, help="workload unit in MiB (default: --ram): swaptest "
                    "touches 2x, reclaimtest 1.5x")
    ap.add_argument("--mixed", type=int, nargs=2, metavar=("FILE_MB", "ANON_MB"),
                    default=(bench.MIXED_FILE_MB, bench.MIXED_ANON_MB),
                    help="the swappiness sweep's file and anonymous MiB (default %(default)s, make bench's)")
    ap.add_argument("--linux-rootfs", choices=("tmpfs", "ramfs"), default="tmpfs",
                    help="Linux's root file system (default %(default)s, Linux's own; ramfs: "
                    "its files off the LRU lists, as Tidemark's)")
    args = ap.parse_args()
    if args.linux_rootfs == "ramfs":
        global LINUX_OPTIONS
        LINUX_OPTIONS += " rootfstype=ramfs"
    subprocess.run(["make", "-s", "all"], cwd=ROOT, check=True)
    res = compare(args.ram, args.runs, args.mb, args.only, tuple(args.mixed))
    res["linux_rootfs"] = args.linux_rootfs
    print(res["table"])
    (BUILD / "compare.json").write_text(json.dumps(res, indent=2))
    print(f"  (written to {BUILD / 'compare.json'}; rows explained in docs/benchmarks.md)")


if __name__ == "__main__":
    main()
