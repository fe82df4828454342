"""`make run` as a newcomer sees it: the GRUB ISO with the swap disk boots
and the kernel's log reaches the terminal; Ctrl-A X quits QEMU.

make run has no isa-debug-exit device, so the kernel halts at its end
instead of exiting QEMU. The test reads until the banner and the kernel's
final line, then types Ctrl-A X (0x01 0x78) on QEMU's stdin (-nographic).
"""
import os
import re
import signal
import subprocess
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
