"""Processes and the Linux i386 system-call ABI (issue 4), checked by user programs run as init."""
import re

from cpio import write_cpio
from tidemark import BUILD


def extra_initrd(tmp_path):
    """/test/notelf (a script, not an ELF) and /test/truncated (half of a real ELF)."""
    real = (BUILD / "rootfs" / "bin" / "true").read_bytes()
    return write_cpio(tmp_path / "extra.cpio", {
        "test/notelf": b"#!/bin/sh\necho this is not an ELF file\n",
        "test/truncated": real[: len(real) // 2],
    }, dirs=["test"])


def test_proctest_passes_as_init(boot, tmp_path):
    extra = extra_initrd(tmp_path)
    r = boot(cmdline="console=ttyS0 init=/bin/proctest", mem="64M",
             initrd=[str(BUILD / "initramfs.cpio"), str(extra)])
    fails = r.grep(r"^FAIL .*$")
    assert not fails, f"{fails}\n{r.describe()}"
    for name in ("fork_wait_status", "child_sees_pids", "exec_statuses", "hundred_in_parallel",
                 "kill_signals", "pipe_between_processes", "pipe_without_reader", "exec_errors",
                 "bad_pointers"):
        assert f"PASS {name}" in r.log, f"{name} did not pass; {r.describe()}"
    r.expect_status(0)
    assert "init exited with status 0" in r.log


def test_init_exit_status_reaches_qemu(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/false")
    assert r.status == 1, r.describe()
    assert "init exited with status 1" in r.log


def test_init_arguments_after_double_dash(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/echo -- hello from  init")
    assert "hello from init" in r.log, r.describe()
    r.expect_status(0)


def test_missing_init_panics_with_linux_message(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/nonexistent")
    r.expect_panic("Requested init /bin/nonexistent failed (error -2).")


def test_default_init_is_sbin_init(boot):
    # No init=: the image has /sbin/init, the first Linux tries, as distributions do.
    r = boot(cmdline="console=ttyS0 -- /bin/false")
    assert "Run /sbin/init as init process" in r.log, r.describe()
    assert "Run /etc/init" not in r.log and "Run /bin/init" not in r.log, r.describe()
    assert r.status == 1, r.describe()


def test_shell_runs_a_script_over_serial(boot):
    script = "\necho one\nfalse\necho status $?\nls /bin\nexit 3\n"
    r = boot(cmdline="console=ttyS0 init=/bin/sh", input=script, mem="32M")
    assert "one" in r.log and "status 1" in r.log, r.describe()
    assert re.search(r"\bproctest\b", r.log), r.describe()
    assert r.status == 3, r.describe()


def test_ulibtest_passes_on_tidemark_as_on_linux(boot):
    # The same 82 libc and system-call checks that test_userland_on_linux runs under qemu-i386.
    r = boot(cmdline="console=ttyS0 init=/bin/ulibtest", mem="64M")
    assert not r.grep(r"^not ok .*$"), f"{r.grep(r'^not ok .*$')}\n{r.describe()}"
    assert len(r.grep(r"^ok \d+ ")) >= 80, r.describe()
    r.expect_status(0)


def test_reboot_power_off_ends_the_run_with_status_0(boot):
    # From a shell, not as init: the kernel stops the machine, init never exits.
    r = boot(cmdline="console=ttyS0 init=/bin/sh", input="\necho before\n/bin/poweroff\necho after\n")
    assert "before" in r.log and "reboot: Power down" in r.log, r.describe()
    assert "after" not in r.log.split("reboot: Power down")[1]
    assert r.status == 0, r.describe()
    assert "init exited" not in r.log
