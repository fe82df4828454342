"""tmpfs and shared memory (issue 17): pages that look like a file but can only go to swap.

user/glibc/shmemtest.c (tmpfs, memfd, POSIX shm, the OOM killer) and
user/glibc/shmtest.c (shared anonymous memory, System V shm) do the work
as glibc programs under leakcheck (free memory and swap slots back at
their baseline afterwards). RAM is small (32 MiB) so that a file or an
area larger than RAM must go through swap.
"""
import re

from test_glibc import USERLAND
from test_swapping import expect_no_leak, swap_disk

RAM = "32M"


def run_shmemtest(boot, tmp_path, args, mb=96, prog="shmemtest"):
    """prog (user/glibc/shmemtest.c or shmtest.c) under leakcheck, with an mb MiB swap disk."""
    disk = swap_disk(tmp_path / "swap.img", mb)
    return boot(cmdline=f"console=ttyS0 init=/bin/leakcheck -- /bin/{prog} {args}",
                mem=RAM, disks=[str(disk)], initrd=USERLAND, timeout=300)


def expect_pass(r, mode, prog="shmemtest"):
    r.expect_clean()
    assert f"PASS {prog} {mode}" in r.log, r.describe()
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


def test_swapoff_brings_tmpfs_pages_back(boot, tmp_path):
    # A 10 MiB /tmp file pushed to swap by a 32 MiB hog; swapoff reads it
    # back into the file (shmem_unuse) and it verifies word for word.
    r = run_shmemtest(boot, tmp_path, "swapoff 10 9", mb=64)
    expect_pass(r, "swapoff")


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


def test_full_tmp_is_memory_the_oom_killer_cannot_free(boot):
    # /tmp resized past RAM and filled with no swap: the OOM killer kills the
    # bystander (the largest RSS), then the writer; the report shows where
    # the memory is (shmem: in Mem-Info, shmem-rss:0kB in the kill line)
    # and the system survives; deleting the file gives the memory back.
    r = boot(cmdline="console=ttyS0 init=/bin/leakcheck -- /bin/shmemtest oom",
             mem=RAM, initrd=USERLAND, timeout=300)
    r.expect_clean()
    assert "PASS shmemtest oom" in r.log, r.describe()
    kills = re.findall(r"Out of memory: Killed process \d+ \(shmemtest\) total-vm:\d+kB, "
                       r"anon-rss:(\d+)kB, file-rss:\d+kB, shmem-rss:(\d+)kB", r.log)
    assert len(kills) >= 2, r.describe()
    assert int(kills[0][0]) >= 4096, kills      # the bystander's own 4 MiB went first
    shmem = [int(x) for x in re.findall(r" mapped:\d+ shmem:(\d+) pagetables:\d+", r.log)]
    ram_kb = int(re.search(r"Shmem \d+ kB of (\d+) kB RAM", r.log).group(1))
    assert shmem and max(shmem) * 4 > ram_kb // 2, (shmem, ram_kb)   # the report shows it
    expect_no_leak(r)
    r.expect_status(0)


def test_memfd_create_and_posix_shm_open(boot, tmp_path):
    # memfd_create: an unnamed shmem file (MFD_CLOEXEC; sealing and unknown
    # flags EINVAL, names up to 249 bytes) whose pages go when it is closed;
    # shm_open is glibc's open of /dev/shm, which is tmpfs.
    expect_pass(run_shmemtest(boot, tmp_path, "memfd", mb=16), "memfd")
    expect_pass(run_shmemtest(boot, tmp_path, "posix", mb=16), "posix")


def run_shmtest(boot, tmp_path, args, mb=96):
    return run_shmemtest(boot, tmp_path, args, mb, prog="shmtest")


def expect_shmtest(r, mode):
    expect_pass(r, mode, prog="shmtest")


def test_shared_anonymous_memory_through_swap_on_both_sides(boot, tmp_path):
    # 40 MiB MAP_SHARED|MAP_ANONYMOUS with 32 MiB of RAM: the parent's
    # pages go to swap, the child reads them back, its writes reach the
    # parent through the same shmem file (and swap); munmap frees it all.
    r = run_shmtest(boot, tmp_path, "anon 40 3")
    expect_shmtest(r, "anon")


def test_sysv_shm_shared_through_swap_and_freed_at_last_detach(boot, tmp_path):
    r = run_shmtest(boot, tmp_path, "sysv 40 5")
    expect_shmtest(r, "sysv")


def test_sysv_direct_calls_limits_and_errors(boot, tmp_path):
    r = run_shmtest(boot, tmp_path, "direct", mb=16)
    expect_shmtest(r, "direct")


def test_shm_lock_keeps_a_segment_in_memory(boot, tmp_path):
    r = run_shmtest(boot, tmp_path, "lock 4")
    expect_shmtest(r, "lock")
