"""tmpfs and shared memory (issue 17): pages that look like a file but can only go to swap.

user/glibc/shmemtest.c does the work as a glibc program under leakcheck
(free memory and swap slots back at their baseline afterwards). RAM is
small (32 MiB) so that a file larger than RAM must go through swap.
"""
import re

from test_glibc import USERLAND
from test_swapping import expect_no_leak, swap_disk

RAM = "32M"


def run_shmemtest(boot, tmp_path, args, mb=96, timeout=300, mem=RAM):
    disk = swap_disk(tmp_path / "swap.img", mb)
    return boot(cmdline=f"console=ttyS0 init=/bin/leakcheck -- /bin/shmemtest {args}",
                mem=mem, disks=[str(disk)], initrd=USERLAND, timeout=timeout)


def expect_pass(r, mode):
    assert f"PASS shmemtest {mode}" in r.log, r.describe()
    expect_no_leak(r)
    r.expect_status(0)


def test_tmpfs_file_larger_than_ram_goes_through_swap_and_back(boot, tmp_path):
    # 48 MiB written to /tmp with 32 MiB of RAM: the file must be partly in
    # swap; it reads back word for word, and deleting it gives back both
    # its memory (Shmem) and its swap slots.
    r = run_shmemtest(boot, tmp_path, "tmpfile 48 7")
    expect_pass(r, "tmpfile")
    m = re.search(r"Shmem (\d+) kB, in swap (\d+) kB", r.log)
    assert m and int(m.group(2)) > 16 * 1024, m.group(0) if m else r.describe()


def test_tmpfs_limits_statfs_mounts_and_remount(boot, tmp_path):
    # size= and nr_inodes= give ENOSPC, statfs and /proc/mounts show them,
    # remount resizes (never below what is in use), bad options are EINVAL;
    # /tmp and /dev/shm are tmpfs from boot with Linux's defaults.
    r = run_shmemtest(boot, tmp_path, "limits", mb=16)
    expect_pass(r, "limits")
    assert "tmpfs: Too small a size for current use" in r.log, r.describe()
    assert "tmpfs: Bad value for 'size'" in r.log, r.describe()
    assert "tmpfs: Unknown parameter 'colour'" in r.log, r.describe()
    r = run_shmemtest(boot, tmp_path, "mounts", mb=16)
    expect_pass(r, "mounts")
