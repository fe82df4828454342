"""Boot Tidemark in QEMU for one system test and read what happened.

Every test boots a fresh QEMU with its own RAM size and command line, a
wall-clock timeout, and the isa-debug-exit device, then decodes the exit
code by design.md's exit protocol:

    33 + 2*S  -> init exited with status S (0..99)
    255       -> kernel panic
    other     -> QEMU itself failed, or a triple fault reset the machine

The serial log of every boot is kept in build/test-logs/<test>.log.
"""
import os
import re
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
LOGS = BUILD / "test-logs"
QEMU = "qemu-system-i386"

# QEMU is pure emulation here (no KVM) and the CI machine is shared; the
# timeouts are generous and never a measure of speed.
DEFAULT_TIMEOUT = 180


class Boot:
    """The outcome of one QEMU run."""

    def __init__(self, name, argv, exit_code, log, timed_out, seconds):
        self.name = name
        self.argv = argv
        self.exit_code = exit_code
        self.log = log
        self.timed_out = timed_out
        self.seconds = seconds
        self.log_path = LOGS / f"{name}.log"

    @property
    def status(self):
        """init's exit status, or None if the kernel did not exit that way."""
        if self.exit_code is not None and 33 <= self.exit_code <= 33 + 2 * 99 and self.exit_code % 2:
            return (self.exit_code - 33) // 2
        return None

    @property
    def panicked(self):
        return self.exit_code == 255

    def tail(self, n=60):
        lines = self.log.splitlines()
        return "\n".join(lines[-n:])

    def describe(self):
        what = ("timed out" if self.timed_out else
                "panicked" if self.panicked else
                f"init status {self.status}" if self.status is not None else
                f"QEMU exit code {self.exit_code}")
        return f"{what} after {self.seconds:.1f}s; log {self.log_path}\n--- last lines ---\n{self.tail()}"

    def expect_status(self, status=0):
        assert self.status == status, f"expected init status {status}, {self.describe()}"
        self.expect_clean()
        return self

    def expect_panic(self, message=None):
        assert self.panicked, f"expected a kernel panic, {self.describe()}"
        assert "Kernel panic - not syncing" in self.log, self.describe()
        if message:
            assert message in self.log, f"panic message {message!r} missing; {self.describe()}"
        return self

    def expect_clean(self):
        """No panic, no kernel oops, no unexpected segfault lines."""
        for bad in ("Kernel panic", "BUG:", "Oops"):
            assert bad not in self.log, f"{bad!r} in the log; {self.describe()}"
        return self

    def grep(self, pattern):
        return re.findall(pattern, self.log, re.MULTILINE)


def qemu_argv(cmdline="", mem="32M", iso=False, initrd=None, disks=(), extra=()):
    argv = [QEMU, "-m", str(mem), "-display", "none", "-monitor", "none",
            "-serial", "stdio", "-no-reboot",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if iso:
        argv += ["-cdrom", str(BUILD / "os.iso"), "-boot", "d"]
    else:
        argv += ["-kernel", str(BUILD / "kernel.elf"), "-append", cmdline]
        modules = [str(BUILD / "initramfs.cpio")] if initrd is None else list(initrd)
        modules = [m for m in modules if Path(m).exists()]
        if modules:
            argv += ["-initrd", ",".join(modules)]
    for i, disk in enumerate(disks):
        argv += ["-drive", f"file={disk},format=raw,if=ide,index={i},media=disk"]
    return argv + list(extra)


def run_qemu(name, cmdline="console=ttyS0", mem="32M", iso=False, initrd=None,
             disks=(), extra=(), timeout=DEFAULT_TIMEOUT, input=None):
    """Boot once and wait for QEMU to exit; never raises on a bad outcome."""
    LOGS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
    argv = qemu_argv(cmdline, mem, iso, initrd, disks, extra)
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    timed_out = False
    try:
        out, _ = proc.communicate(input=input.encode() if input else None, timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        timed_out = True
    log = out.decode("utf-8", "replace").replace("\r\n", "\n")
    boot = Boot(safe, argv, None if timed_out else proc.returncode, log, timed_out,
                time.monotonic() - start)
    with open(boot.log_path, "w") as f:
        f.write("# " + " ".join(argv) + "\n" + log)
    return boot
