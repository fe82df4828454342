"""Boot Tidemark in QEMU for one system test and read what happened.

Every test boots a fresh QEMU with its own RAM size and command line, a
wall-clock timeout, and the isa-debug-exit device, then decodes the exit
code by docs/design.md's exit protocol:

    33 + 2*S  -> init exited with status S (0..99)
    255       -> kernel panic
    other     -> QEMU itself failed, or a triple fault reset the machine

The serial log of every boot is kept in build/test-logs/<test>.log.

run_gdb() boots stopped under QEMU's gdbstub and drives gdb in batch mode
with the project's script, as `make debug` does but without a terminal.
"""
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# TIDEMARK_BUILD (absolute, or relative to ROOT) boots another build: labcheck's lab solutions.
BUILD = ROOT / (os.environ.get("TIDEMARK_BUILD") or "build")
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

    def expect_tap(self, prog):
        """A TAP test program (user/lib/tap.h) passed every check: no "not ok" line."""
        fails = self.grep(r"^not ok .*$")
        assert not fails, f"{fails}\n{self.describe()}"
        assert re.search(rf"^# {prog}: \d+ passed, 0 failed$", self.log, re.M), self.describe()
        return self


def blkdebug_disk(img, *errors):
    """img behind QEMU's blkdebug driver, as a disks= entry: each (event, sector) of
    errors, event "read_aio" or "write_aio", fails with EIO every time it is hit."""
    conf = Path(str(img) + ".blkdebug.conf")
    conf.write_text("".join(f'[inject-error]\nevent = "{event}"\niotype = "{event[:-4]}"\n'
                            f'errno = "5"\nsector = "{sector}"\nonce = "off"\n\n'
                            for event, sector in errors))
    return f"blkdebug:{conf}:{img}"


def tap_on_linux(prog, *args, cwd=None):
    """Run build/rootfs/bin/PROG on the host's Linux under qemu-i386: the same
    binary's TAP checks must all pass there, so they are Linux's behaviour."""
    import pytest
    qemu = shutil.which("qemu-i386")
    if not qemu:
        pytest.fail("qemu-i386 is missing: run `make deps` (Debian package qemu-user)")
    r = subprocess.run([qemu, str(BUILD / "rootfs" / "bin" / prog), *map(str, args)],
                       capture_output=True, text=True, timeout=60, cwd=cwd)
    assert "not ok" not in r.stdout, r.stdout
    assert " passed, 0 failed" in r.stdout, r.stdout + r.stderr
    assert r.returncode == 0


def read_until(proc, out, pattern, deadline):
    """Append proc's output to out (a bytearray) until pattern matches it; False at the deadline or exit."""
    while not re.search(pattern, out.decode("utf-8", "replace").replace("\r", ""), re.M):
        left = deadline - time.monotonic()
        if left <= 0 or proc.poll() is not None:
            return False
        ready, _, _ = select.select([proc.stdout], [], [], min(left, 1.0))
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                return False
            out += chunk
    return True


def qemu_argv(cmdline="", mem="32M", iso=False, initrd=None, disks=(), extra=(), kernel=None):
    argv = [QEMU, "-m", str(mem), "-display", "none", "-monitor", "none",
            "-serial", "stdio", "-no-reboot",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if iso:
        argv += ["-cdrom", str(BUILD / "os.iso"), "-boot", "d"]
    else:
        argv += ["-kernel", str(kernel or BUILD / "kernel.elf"), "-append", cmdline]
        modules = [str(BUILD / "initramfs.cpio")] if initrd is None else list(initrd)
        modules = [m for m in modules if Path(m).exists()]
        if modules:
            argv += ["-initrd", ",".join(modules)]
    for i, disk in enumerate(disks):
        argv += ["-drive", f"file={disk},format=raw,if=ide,index={i},media=disk"]
    return argv + list(extra)


def run_qemu(name, cmdline="console=ttyS0", mem="32M", iso=False, initrd=None,
             disks=(), extra=(), timeout=DEFAULT_TIMEOUT, input=None, kernel=None):
    """Boot once and wait for QEMU to exit; never raises on a bad outcome.

    kernel boots another kernel than build/kernel.elf (make compare's Linux).
    disks are raw images on the IDE bus. QEMU locks an image it writes, so
    give each boot its own (test_make_run boots build/swap.img).
    """
    LOGS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
    argv = qemu_argv(cmdline, mem, iso, initrd, disks, extra, kernel)
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


class GdbRun:
    """The outcome of one gdb session against a stopped QEMU."""

    def __init__(self, name, out, gdb_rc, serial, qemu_exit_code, timed_out, seconds):
        self.name = name
        self.out = out                  # gdb's stdout and stderr
        self.gdb_rc = gdb_rc
        self.serial = serial            # the kernel's serial log
        self.qemu_exit_code = qemu_exit_code  # None if QEMU had to be killed
        self.timed_out = timed_out
        self.seconds = seconds
        self.log_path = LOGS / f"{name}.log"

    def section(self, mark):
        """gdb's output after `echo <mark>` up to the next mark (see run_gdb)."""
        parts = re.split(r"^=== (\S+) ===$", self.out, flags=re.MULTILINE)
        sections = dict(zip(parts[1::2], parts[2::2]))
        assert mark in sections, f"no gdb section {mark!r}; {self.describe()}"
        return sections[mark]

    def describe(self):
        what = "timed out" if self.timed_out else f"gdb exit code {self.gdb_rc}"
        serial = "\n".join(self.serial.splitlines()[-20:])
        out = "\n".join(self.out.splitlines()[-60:])
        return (f"{what} after {self.seconds:.1f}s; log {self.log_path}\n"
                f"--- gdb ---\n{out}\n--- serial, last lines ---\n{serial}")


def run_gdb(name, steps, cmdline="console=ttyS0", mem="32M", disks=(), timeout=DEFAULT_TIMEOUT):
    """Boot stopped with QEMU's gdbstub on a Unix socket and run gdb -batch.

    gdb sources tools/gdb/tidemark.gdb and runs `tidemark-attach` (to
    start_kernel), then each (mark, commands) pair of steps: it echoes
    "=== mark ===" and runs the commands, so GdbRun.section(mark) is their
    output. The first section, "attach", is tidemark-attach's. disks are raw
    images on the IDE bus, as for run_qemu. QEMU and gdb never outlive this
    call. Never raises on a bad outcome.
    """
    LOGS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
    tmp = tempfile.mkdtemp(prefix="tm-gdb-")     # short: socket paths are limited
    sock = os.path.join(tmp, "gdb.sock")
    serial_path = os.path.join(tmp, "serial.log")
    argv = qemu_argv(cmdline, mem, disks=disks, extra=[
        "-chardev", f"socket,id=gdb0,path={sock},server=on,wait=off",
        "-gdb", "chardev:gdb0", "-S"])
    argv[argv.index("stdio")] = f"file:{serial_path}"
    gdb_argv = ["gdb", "-batch", "-nx", "-x", "tools/gdb/tidemark.gdb",
                "-ex", "echo === attach ===\\n", "-ex", f"tidemark-attach {sock}"]
    for mark, commands in steps:
        gdb_argv += ["-ex", f"echo === {mark} ===\\n"]
        for c in commands:
            gdb_argv += ["-ex", c]
    start = time.monotonic()
    qemu = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    out, gdb_rc, timed_out, qemu_rc = "", None, False, None
    try:
        deadline = time.monotonic() + 30
        while not os.path.exists(sock) and qemu.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if os.path.exists(sock):
            try:
                g = subprocess.run(gdb_argv, cwd=ROOT, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   timeout=timeout, start_new_session=True)
                out, gdb_rc = g.stdout.decode("utf-8", "replace"), g.returncode
            except subprocess.TimeoutExpired as e:
                out = (e.stdout or b"").decode("utf-8", "replace")
                timed_out = True
        else:
            out = "QEMU did not open its gdbstub socket\n"
    finally:
        if qemu.poll() is None:
            qemu.kill()
            _, err = qemu.communicate()
        else:
            _, err = qemu.communicate()
            qemu_rc = qemu.returncode
        out += err.decode("utf-8", "replace")
        try:
            with open(serial_path, errors="replace") as f:
                serial = f.read()
        except OSError:
            serial = ""
        shutil.rmtree(tmp, ignore_errors=True)
    run = GdbRun(safe, out, gdb_rc, serial, qemu_rc, timed_out, time.monotonic() - start)
    with open(run.log_path, "w") as f:
        f.write("# " + " ".join(argv) + "\n# " + " ".join(gdb_argv) + "\n" + serial +
                "\n# ---- gdb ----\n" + out)
    return run
