"""Signal handlers (Linux's i386 frames, sigreturn, EINTR and SA_RESTART) and ^C at the shell.

user/sigtest.c runs as init; the same binary passes on Linux
(test_userland_on_linux.py), so the frames it checks are Linux's.
"""
import re
import subprocess
import time

from tidemark import LOGS, qemu_argv, read_until

SIGTEST_CHECKS = (
    "siginfo_from_kill", "handler_arguments_in_registers", "sigchld_siginfo", "mask_during_handler",
    "signal_blocked_in_its_handler", "sa_nodefer", "sa_resethand", "plain_handler_and_sigreturn",
    "fpu_state_survives_handler",
    "sigsegv_handler_sees_the_address", "corrupt_segment_in_frame", "sigreturn_with_bad_frame",
    "bad_stack_forces_sigsegv", "pipe_read_eintr", "pipe_read_sa_restart",
    "wait4_eintr_and_restart", "pause_returns_eintr",
)


def test_sigtest_passes_as_init(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/sigtest", mem="32M")
    fails = r.grep(r"^FAIL .*$")
    assert not fails, f"{fails}\n{r.describe()}"
    for name in SIGTEST_CHECKS:
        assert f"PASS {name}" in r.log, f"{name} did not pass; {r.describe()}"
    r.expect_status(0)
    # The frames the kernel refused were logged, as Linux's signal_fault does.
    assert re.search(r"sigtest\[\d+\] bad frame in rt_sigreturn frame:", r.log), r.describe()
    assert re.search(r"sigtest\[\d+\] bad frame in sigreturn frame:", r.log), r.describe()


def test_ctrl_c_stops_the_foreground_program_not_the_shell():
    """init runs "sh -i"; ^C during `sleep 600` ends the sleep, and the shell runs the next line.

    The prompt may land in front of a line of output ("# sleeping"): the
    leading newline that protects the first byte makes one more prompt.
    """
    LOGS.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(qemu_argv("console=ttyS0", "32M", False, None, (), ()),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out = bytearray()
    try:
        deadline = time.monotonic() + 240
        assert read_until(proc, out, r"^# ", deadline), out.decode(errors="replace")
        proc.stdin.write(b"\necho sleeping; sleep 600; echo status $?\n")
        proc.stdin.flush()
        assert read_until(proc, out, r"^(# )?sleeping$", deadline), out.decode(errors="replace")
        # The shell forks sleep right after its echo; give it time to get there.
        # (If ^C came first, sleep would run its 600 s and the test would fail.)
        time.sleep(3)
        proc.stdin.write(b"\x03")
        proc.stdin.flush()
        assert read_until(proc, out, r"^(# )?status \d+$", deadline), out.decode(errors="replace")
        proc.stdin.write(b"echo still here\nexit 5\n")
        proc.stdin.flush()
        proc.wait(timeout=max(1, deadline - time.monotonic()))
        out += proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        (LOGS / "test_ctrl_c_stops_the_foreground_program_not_the_shell.log").write_bytes(out)
    log = out.decode("utf-8", "replace").replace("\r", "")
    assert "^C" in log, log
    assert re.search(r"^(# )?status 130$", log, re.M), log   # 128 + SIGINT: sleep died of it
    assert re.search(r"^(# )?still here$", log, re.M), log
    assert proc.returncode == 33 + 2 * 5, log           # init exits with the shell's 5
