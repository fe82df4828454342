"""`make run` as a newcomer sees it: the GRUB ISO with the swap disk boots
and the kernel's log reaches the terminal; Ctrl-A X quits QEMU, poweroff
ends it (make run has the exit device), the terminal comes back as it was
with line wrap on, and CMDLINE= boots the kernel with another command line.

The first test types Ctrl-A X (0x01 0x78) on QEMU's stdin (-nographic) on
a pipe; the others run make under a pseudo-terminal, as a student's
terminal would, and compare its settings before and after.
"""
import os
import re
import signal
import subprocess
import termios
import time

from tidemark import LOGS, ROOT, read_until

# How a `make run` boot ends. Today start_kernel runs no init yet, so it
# ends in a panic. Once it starts /bin/init, init runs "sh -i", whose
# prompt "# " (user/sh.c) ends the output instead.
FINAL_LINES = (
    r"---\[ end Kernel panic - not syncing: .* \]---",
    r"init exited with status \d+",
    r"^# $",
)


def test_make_run_boots_the_iso_and_quits_with_ctrl_a_x():
    LOGS.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(["make", "-s", "run"], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    out = bytearray()
    try:
        deadline = time.monotonic() + 180
        banner = read_until(proc, out, r"Tidemark version \S+", deadline)
        final = banner and read_until(proc, out, "|".join(FINAL_LINES), deadline)
        proc.stdin.write(b"\x01x")
        proc.stdin.flush()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        exited = proc.returncode
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        rest = proc.stdout.read()
        out += rest or b""
        text = out.decode("utf-8", "replace").replace("\r\n", "\n")
        (LOGS / "test_make_run.log").write_text(text)
    tail = "\n".join(text.splitlines()[-30:])
    assert banner, f"no boot banner from make run; log {LOGS / 'test_make_run.log'}\n{tail}"
    # grub.cfg's command line: the ISO was booted, not -kernel.
    assert "Kernel command line: console=ttyS0 console=tty0" in text, tail
    assert final, f"the kernel's final line never came; log {LOGS / 'test_make_run.log'}\n{tail}"
    assert exited == 0, f"make run did not quit on Ctrl-A X (exit {exited})\n{tail}"
    assert "QEMU: Terminated" in text, tail


class PtyRun:
    """`make -s run ARGS` with a pseudo-terminal as its stdin, stdout and stderr."""

    def __init__(self, *args):
        self.master, self.slave = os.openpty()
        self.before = termios.tcgetattr(self.slave)
        self.proc = subprocess.Popen(["make", "-s", "run", *args], cwd=ROOT, stdin=self.slave,
                                     stdout=self.slave, stderr=self.slave, start_new_session=True)
        self.proc.stdout = os.fdopen(os.dup(self.master), "rb", buffering=0)  # for read_until
        self.out = bytearray()

    def read_until(self, pattern, seconds=180):
        return read_until(self.proc, self.out, pattern, time.monotonic() + seconds)

    def type(self, text):
        os.write(self.master, text.encode())

    def finish(self, name, seconds=60):
        """Wait for make to end (killing it at the deadline); the rest of the output; the log."""
        try:
            self.proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            pass
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.after = termios.tcgetattr(self.slave)
        os.set_blocking(self.master, False)
        try:
            while chunk := os.read(self.master, 65536):
                self.out += chunk
        except (BlockingIOError, OSError):
            pass
        for fd in (self.master, self.slave):
            os.close(fd)
        self.proc.stdout.close()
        self.text = self.out.decode("utf-8", "replace").replace("\r", "")
        (LOGS / f"{name}.log").write_text(self.text)
        return self.proc.returncode

    def tail(self):
        return "\n".join(self.text.splitlines()[-30:])


def wrap_is_on_at_end(out):
    """The last DECAWM sequence on the line turns wrap on (and the firmware's off came before it)."""
    return out.rfind(b"\x1b[?7h") > out.rfind(b"\x1b[?7l")


def test_make_run_poweroff_ends_qemu_and_restores_the_terminal():
    LOGS.mkdir(parents=True, exist_ok=True)
    run = PtyRun()
    prompt = run.read_until(r"^# ")
    if prompt:
        run.type("poweroff\r")
    rc = run.finish("test_make_run_poweroff")
    assert prompt, f"no shell prompt from make run\n{run.tail()}"
    assert "reboot: Power down" in run.text, run.tail()
    assert rc == 0, f"make run did not end with poweroff (exit {rc})\n{run.tail()}"
    # The kernel turns wrap back on before its first line, after the firmware turned it off.
    banner = run.out.find(b"Tidemark version")
    assert run.out.rfind(b"\x1b[?7h", 0, banner) > run.out.rfind(b"\x1b[?7l", 0, banner), run.tail()
    assert wrap_is_on_at_end(run.out), run.tail()
    assert run.after == run.before, "the terminal's settings changed across make run"


def test_make_run_cmdline_and_a_killed_qemu_still_restores_the_terminal():
    LOGS.mkdir(parents=True, exist_ok=True)
    run = PtyRun("CMDLINE=console=ttyS0 mem=48M swappiness=100", "RUN_MEM=64M")
    prompt = run.read_until(r"^# ")
    qemu = None
    if prompt:   # QEMU left the terminal raw; kill it so it cannot put it back itself
        out = subprocess.run(["pgrep", "-s", str(run.proc.pid), "-f", "qemu-system-i386"],
                             capture_output=True, text=True).stdout.split()
        qemu = int(out[0]) if out else None
        if qemu:
            os.kill(qemu, signal.SIGKILL)
    run.finish("test_make_run_cmdline")
    assert prompt, f"no shell prompt from make run CMDLINE=...\n{run.tail()}"
    assert re.search(r"Kernel command line: \S*kernel\.elf console=ttyS0 mem=48M swappiness=100$",
                     run.text, re.M), run.tail()
    assert qemu, "no QEMU process found in make run's session"
    assert wrap_is_on_at_end(run.out), run.tail()
    assert run.after == run.before, "the terminal stayed as QEMU left it after QEMU was killed"
