"""Tidemark's own system call, tidemark_pageinfo (1024): docs/extending.md's example.

user/pagetest runs as init and follows a page: no PTE, a frame on the
inactive anon LRU after the first write, shared read-only with a child
after fork and copied when the child writes, gone after munmap; then, on a
32 MiB machine filling 48 MiB, a page that went to swap (its swap entry),
read back by touching it. On Linux the call is ENOSYS, which the program
notices and reports.
"""
import re
import shutil
import subprocess

import pytest

from tidemark import BUILD
from test_swap import copy_swap_img


def test_pageinfo_follows_a_page_through_fork_and_swap(boot, tmp_path):
    r = boot(cmdline="console=ttyS0 -- /bin/pagetest swap", mem="32M",
             disks=[copy_swap_img(tmp_path)], timeout=180)
    assert "not ok" not in r.log, r.describe()
    assert re.search(r"# pagetest: 15 passed, 0 failed", r.log), r.describe()
    # what the program printed: the swapped page's entry, then the page back in a frame
    assert re.search(r"# swapped +state 2 pte [0-9a-f]{8} pfn \d+ swap 0:[1-9]\d*", r.log)
    assert re.search(r"# swapped in +state 1 ", r.log)
    r.expect_status(0)


def test_pageinfo_is_enosys_on_linux():
    """The numbering rule at work: 1024 is no call of Linux's, so Linux answers ENOSYS."""
    if not shutil.which("qemu-i386"):
        pytest.fail("qemu-i386 is missing: run `make deps`")
    r = subprocess.run(["qemu-i386", str(BUILD / "rootfs" / "bin" / "pagetest")],
                       capture_output=True, text=True, timeout=60)
    assert r.stdout == "# tidemark_pageinfo: ENOSYS, this kernel is not Tidemark\n", r.stdout
    assert r.returncode == 0
