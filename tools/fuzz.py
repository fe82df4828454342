#!/usr/bin/env python3
"""Run the system-call fuzzer in QEMU and judge what the kernel did.

user/fuzz.c runs as init with a swap disk and small RAM (so reclaim, swap
and the OOM killer take part); it makes the calls and checks, at the end,
that free pages and swap came back. What it cannot see is the kernel
failing: this driver reads the serial log as it comes and fails the run,
printing the seed, on any oops, panic, BUG or WARNING, on a hang (no
output for --hang seconds while the fuzzer reports every 10 s), or if
QEMU ends without "fuzz: PASS". When a report names the task that was
running ("CPU: 0 PID: N"), the worker seed of that pid is printed with the
command that replays it, call by call.

    tools/fuzz.py --calls 100000 [--seed S] [--workers W] [--mem 48M]
    tools/fuzz.py --replay WORKER_SEED [--calls N]

Exit status 0 for a clean run, 1 otherwise. The serial log is kept in
build/fuzz-SEED.log (docs/fuzzing.md).
"""
import argparse
import os
import random
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BAD = re.compile(r"BUG:|Oops|Kernel panic|WARNING:|kernel BUG|general protection fault|"
                 r"double fault|stack guard page|Attempted to kill init|Unable to handle")


def qemu_argv(build, mem, swap, cmdline, ext2=None):
    disks = ["-drive", f"file={ext2},format=raw,if=ide,index=1,media=disk"] if ext2 else []
    return ["qemu-system-i386", "-m", mem, "-display", "none", "-monitor", "none",
            "-serial", "stdio", "-no-reboot",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", str(build / "kernel.elf"), "-initrd", str(build / "initramfs.cpio"),
            "-drive", f"file={swap},format=raw,if=ide,index=0,media=disk",
            "-append", cmdline] + disks


def make_swap(tmp, mb):
    swap = Path(tmp) / "swap.img"
    with open(swap, "wb") as f:
        f.write(bytes(mb << 20))        # written zeros: mkswap warns about a sparse file
    os.chmod(swap, 0o600)
    subprocess.run(["mkswap", str(swap)], check=True, stdout=subprocess.DEVNULL)
    return swap


def make_damaged_ext2(tmp, seed):
    """A 4 MiB ext2 image (1 KiB blocks) with files, then seeded damage to its metadata."""
    tree = Path(tmp) / "tree"
    (tree / "dir" / "sub").mkdir(parents=True)
    (tree / "small").write_bytes(b"hello\n")
    (tree / "dir" / "big").write_bytes(bytes(range(256)) * 1200)      # indirect blocks
    (tree / "dir" / "sub" / "file").write_bytes(b"x" * 5000)
    os.symlink("dir/big", tree / "link")
    img = Path(tmp) / "ext2.img"
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", "1024", "-d", str(tree), str(img),
                    "4M"], check=True, stdout=subprocess.DEVNULL)
    rng = random.Random(seed)
    data = bytearray(img.read_bytes())
    # metadata lives in the first blocks of the group: superblock (1024),
    # descriptors (2048), bitmaps and the inode table after them
    for _ in range(rng.randint(1, 8)):
        where = rng.choice([1024 + rng.randrange(256), 2048 + rng.randrange(64),
                            rng.randrange(3072, 64 * 1024)])
        data[where] = rng.randrange(256)
    img.write_bytes(bytes(data))
    return img


def run(argv, log_path, hang, timeout, done_line="fuzz: PASS"):
    """Boot, stream the log to log_path; (exit code or None, log text, why it failed or None)."""
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out, why = bytearray(), None
    start = last = time.monotonic()
    bad_at = None
    with open(log_path, "wb") as log:
        log.write(("# " + " ".join(argv) + "\n").encode())
        while True:
            t = time.monotonic()
            if bad_at and t - bad_at > 3:
                break                       # the rest of the report is in
            if not bad_at and t - last > hang:
                why = f"hang: no output for {hang} s"
                break
            if t - start > timeout:
                why = f"timeout after {timeout} s"
                break
            ready, _, _ = select.select([proc.stdout], [], [], 1.0)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            last = time.monotonic()
            log.write(chunk)
            out += chunk
            if not bad_at:
                m = BAD.search(chunk.decode("utf-8", "replace"))
                if m:
                    bad_at = last
    if proc.poll() is None:
        proc.kill()
    code = proc.wait()
    text = out.decode("utf-8", "replace").replace("\r\n", "\n")
    m = BAD.search(text)
    if m:
        line = text[text.rfind("\n", 0, m.start()) + 1:text.find("\n", m.start())]
        why = f"kernel report: {line.strip()}"
    elif why is None and done_line not in text:
        why = f"no {done_line!r} line (QEMU exit code {code})"
    return code, text, why


def culprit(text):
    """The worker seed of the pid a kernel report names, if any."""
    m = re.search(r"CPU: \d+ PID: (\d+)", text) or re.search(r"(?:\S+)\[(\d+)\]: ", text)
    if not m:
        return None
    seeds = re.findall(rf"^fuzz: worker \d+ pid {m.group(1)} seed (0x[0-9a-f]+)", text, re.M)
    return seeds[-1] if seeds else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=None,
                    help="calls to make (default 100000; a replay: 500, a worker's batch)")
    ap.add_argument("--seed", type=lambda s: int(s, 0), default=None)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--mem", default="32M")
    ap.add_argument("--swap-mb", type=int, default=16)
    ap.add_argument("--hang", type=int, default=120, help="seconds without output that count as a hang")
    ap.add_argument("--replay", type=lambda s: int(s, 0), default=None)
    ap.add_argument("--ext2", action="store_true",
                    help="a damaged ext2 disk (from the seed) mounted on /mnt")
    ap.add_argument("--build", default=str(ROOT / "build"))
    a = ap.parse_args()

    build = Path(a.build)
    a.calls = a.calls or (500 if a.replay is not None else 100000)
    seed = a.seed if a.seed is not None else random.getrandbits(32) | 1
    if a.replay is not None:
        args = f"replay={a.replay:#x} calls={a.calls or 500}"
        name = f"fuzz-replay-{a.replay:#x}"
    else:
        args = f"seed={seed:#x} calls={a.calls} workers={a.workers}"
        name = f"fuzz-{seed:#x}"
    cmdline = f"console=ttyS0 loglevel=5 init=/bin/fuzz -- {args}"
    log_path = build / f"{name}.log"
    # Generous: TCG on a shared machine; the fuzzer itself reports every 10 s.
    timeout = 300 + a.calls // 50
    tmp = tempfile.mkdtemp(prefix="tm-fuzz-")
    try:
        swap = make_swap(tmp, a.swap_mb)
        ext2 = make_damaged_ext2(tmp, seed) if a.ext2 else None
        if ext2:
            cmdline += " mount=/dev/sdb"
        print(f"fuzz: {args}{' with a damaged ext2 on /mnt' if ext2 else ''} (log {log_path})",
              flush=True)
        start = time.monotonic()
        code, text, why = run(qemu_argv(build, a.mem, swap, cmdline, ext2), log_path, a.hang,
                              timeout,
                              "fuzz: replay done" if a.replay is not None else "fuzz: PASS")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if a.replay is not None:
        sys.stdout.write("".join(l + "\n" for l in text.splitlines()
                                 if re.match(r"^(\d+: |fuzz: )", l)))
    else:
        for line in text.splitlines():
            if line.startswith("fuzz:") and not line.startswith("fuzz: worker "):
                print(line)
    print(f"fuzz: {time.monotonic() - start:.0f} s")
    if why:
        what = f"replay {a.replay:#x}" if a.replay is not None else f"seed {seed:#x}"
        print(f"fuzz: FAIL {what}: {why}; log {log_path}")
        who = culprit(text)
        if who:
            print(f"fuzz: the report names worker seed {who}; replay it with: "
                  f"make fuzz REPLAY={who}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
