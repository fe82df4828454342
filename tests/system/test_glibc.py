"""Programs built the usual way: Debian's gcc -m32 -static and glibc.

build/userland.cpio (the second initramfs archive) holds user/glibc's
programs; glibctest checks what glibc's start-up, stdio, malloc, fork,
pipes, signals, setjmp and time functions need from the kernel, in TAP.
The same binary passes on the host's Linux (test_userland_on_linux.py).
"""
import re

from tidemark import BUILD

USERLAND = [str(BUILD / "initramfs.cpio"), str(BUILD / "userland.cpio")]


def test_glibctest_passes_every_check(boot):
    r = boot(cmdline="console=ttyS0 -- /bin/glibctest", mem="64M", initrd=USERLAND)
    assert "not ok" not in r.log, r.describe()
    assert re.search(r"# glibctest: (\d+) passed, 0 failed", r.log), r.describe()
    for check in ("tls_survives_fork", "get_thread_area_gives_the_tcb", "printf_floats",
                  "realloc_large_keeps_data", "mremap_grow_keeps_data", "madvise_dontneed_zeroes",
                  "pipe_carries_100k", "alarm_and_pause", "siglongjmp_out_of_sigsegv",
                  "nanosleep_50ms", "sysinfo", "uname_linux_i686"):
        assert re.search(rf"^ok \d+ - {check}$", r.log, re.M), f"{check} did not run; {r.describe()}"
    r.expect_status(0)


def test_unknown_call_is_logged_once_per_call_and_rate_limited(boot):
    """ENOSYS, and a log line naming the call and the program: 10 lines, then silence."""
    r = boot(cmdline="console=ttyS0 -- /bin/glibctest --enosys 25", mem="64M", initrd=USERLAND)
    r.expect_status(0)
    lines = r.grep(r"glibctest\[\d+\]: unimplemented system call 273 \(vserver\), returning -ENOSYS")
    assert len(lines) == 10, r.describe()


def test_cpu_timers_and_resource_limits(boot):
    """limittest: ITIMER_VIRTUAL/PROF, RLIMIT_CPU, FSIZE, NPROC, AS, DATA and STACK enforced."""
    r = boot(cmdline="console=ttyS0 -- /bin/limittest", mem="64M", initrd=USERLAND, timeout=180)
    assert "not ok" not in r.log, r.describe()
    assert re.search(r"# limittest: 20 passed, 0 failed", r.log), r.describe()
    # what a user sees: the stack limit's SIGSEGV is logged as Linux logs it, and the data
    # limit's refusal once
    assert re.search(r"limittest\[\d+\]: segfault at [0-9a-f]+ ip [0-9a-f]+ sp [0-9a-f]+ error 6",
                     r.log), r.describe()
    assert re.search(r"limittest \(\d+\): VmData \d+ exceed data ulimit 4194304\. Update limits",
                     r.log), r.describe()
    r.expect_status(0)


def test_abitest_calls_of_issue_14s_list(boot):
    """abitest: the *at calls, vectored and positioned I/O, poll/pselect6, signals, groups,
    getrandom, syslog, the terminal's ioctls, each with its errors."""
    r = boot(cmdline="console=ttyS0 -- /bin/abitest", mem="64M", initrd=USERLAND)
    assert "not ok" not in r.log, r.describe()
    assert re.search(r"# abitest: 49 passed, 0 failed", r.log), r.describe()
    assert "unimplemented system call" not in r.log, r.describe()
    r.expect_status(0)
