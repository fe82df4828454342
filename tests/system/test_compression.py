"""Memory compression (issue 18): zswap in front of the swap disk, zram as a
swap device at a higher priority than the disk, their /sys files, and the
project's mkswap against util-linux's.

Workloads are user/ztest.c under user/leakcheck.c: a region of 2-2.5x RAM
filled with text-like, same-filled and random pages from a seeded
generator, verified word by word; leakcheck then checks that free memory
and swap slots are back where they started.
"""
import re
import shutil
import subprocess

import pytest

from test_swapping import expect_no_leak, swap_disk
from tidemark import BUILD

RAM = "32M"


def fields(line):
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line)}


def ztest_line(r, when):
    m = re.search(rf"ztest zswap {when}: (stored_pages=.*)", r.log)
    assert m, f"no '{when}' figures; {r.describe()}"
    return fields(m.group(1))


def test_zswap_keeps_data_writes_back_over_the_limit_and_survives_being_disabled(boot, tmp_path):
    # max_pool_percent=5: the pool (about 1.4 MiB) fills early, so the oldest
    # entries are written back to the disk while the data stays correct.
    disk = swap_disk(tmp_path / "swap.img", 128)
    r = boot(cmdline="console=ttyS0 zswap.enabled=1 zswap.max_pool_percent=5 "
             "init=/bin/leakcheck -- /bin/ztest zswap 80 1", mem=RAM, disks=[str(disk)], timeout=400)
    assert "zswap: loaded using pool lzo/zbud" in r.log, r.describe()   # Linux 6.1's default
    assert "PASS ztest zswap" in r.log, r.describe()
    loaded = ztest_line(r, "loaded")
    assert loaded["stored_pages"] > 0 and loaded["same_filled_pages"] > 0, loaded
    assert loaded["reject_compress_poor"] > 0, loaded      # the random pages went to disk
    assert loaded["pswpout"] > 0, loaded
    assert loaded["written_back_pages"] > 0 and loaded["pool_limit_hit"] > 0, loaded
    total_kb = int(re.search(r"Memory: (\d+)K/\d+K available", r.log).group(1))   # totalram
    assert loaded["pool_total_size"] <= total_kb * 1024 * 5 // 100 + 4096, loaded
    mem = re.search(r"ztest zswap loaded: Zswap=(\d+) kB Zswapped=(\d+) kB", r.log)
    assert mem and int(mem.group(2)) > 0, r.describe()
    assert ztest_line(r, "freed")["stored_pages"] == 0
    assert ztest_line(r, "freed")["pool_total_size"] == 0
    expect_no_leak(r)
    r.expect_status(0)


def test_zram_is_used_before_the_disk_and_reports_what_it_holds(boot, tmp_path):
    disk = swap_disk(tmp_path / "swap.img", 128)
    r = boot(cmdline="console=ttyS0 init=/bin/leakcheck -- /bin/ztest zram 64 1 24", mem=RAM,
             disks=[str(disk)], timeout=400)
    assert "zram: Added device: zram0" in r.log, r.describe()
    assert "zram0: detected capacity change from 0 to 49152" in r.log, r.describe()
    assert "ztest /sys/block/zram0/comp_algorithm:\nlzo [lzo-rle] lz4 \n" in r.log, r.describe()
    assert re.search(r"Adding 24572k swap on /dev/zram0\.  Priority:100 extents:1", r.log), r.describe()
    assert "PASS ztest zram" in r.log, r.describe()
    swaps = re.findall(r"^/dev/(sda|zram0) +partition\t(\d+)\t\t(\d+)\t\t(-?\d+)$", r.log, re.M)
    used = {dev: (int(size), int(u), int(prio)) for dev, size, u, prio in swaps[2:]}  # after the fill
    assert used["zram0"][2] == 100 and used["sda"][2] == -2, swaps
    assert used["zram0"][1] > used["zram0"][0] * 9 // 10, swaps   # zram filled up first
    m = re.search(r"ztest /sys/block/zram0/mm_stat:\n(.*)\n", r.log)
    assert m and re.fullmatch(r"( {0,7}\d{1,8} ){8} {0,7}\d+", m.group(1)), r.describe()
    orig, compr, used_total, limit, used_max, same, compacted, huge, huge_since = map(int, m.group(1).split())
    assert orig > compr > 0 and used_total < orig, m.group(1)
    assert same > 0 and huge > 0 and huge_since >= huge and used_max >= used_total, m.group(1)
    assert "zram0: detected capacity change from 49152 to 0" in r.log   # reset
    expect_no_leak(r)
    r.expect_status(0)


def test_sys_files_answer_bad_writes_as_linux(boot):
    r = boot(cmdline="console=ttyS0 zswap.enabled=1 zswap.compressor=zstd zram.num_devices=2 "
             "init=/bin/ztest -- sysfs", mem=RAM, timeout=120)
    assert "zswap: compressor zstd not available, using default lzo" in r.log, r.describe()
    assert "zswap: loaded using pool lzo/zbud" in r.log
    assert "zram: Added device: zram1" in r.log
    assert "zram: Cannot change disksize for initialized device" in r.log
    # debugfs is a file system of its own, on its directory in sysfs (as Linux lays them out)
    assert "\nsysfs /sys sysfs rw,relatime 0 0\n" in r.log.replace("\r", ""), r.describe()
    assert "\ndebugfs /sys/kernel/debug debugfs rw,relatime 0 0\n" in r.log.replace("\r", ""), r.describe()
    assert "PASS ztest sysfs" in r.log, r.describe()
    r.expect_status(0)


@pytest.mark.parametrize("mb,args", [(64, ["-L", "swaplbl", "-U", "0123abcd-4567-89ef-0123-456789abcdef"]),
                                     (5, ["-U", "f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f"])])
def test_mkswap_writes_util_linux_header(tmp_path, mb, args):
    qemu = shutil.which("qemu-i386")
    assert qemu, "qemu-i386 is missing: run `make deps` (Debian package qemu-user)"
    ours, theirs = tmp_path / "ours.img", tmp_path / "theirs.img"
    for img in (ours, theirs):
        with open(img, "wb") as f:
            f.truncate(mb << 20)
    a = subprocess.run([qemu, str(BUILD / "rootfs/bin/mkswap"), *args, str(ours)],
                       capture_output=True, text=True, timeout=30)
    b = subprocess.run(["/sbin/mkswap", *args, str(theirs)], capture_output=True, text=True)
    assert a.returncode == 0 and b.returncode == 0, a.stderr + b.stderr
    assert ours.read_bytes()[:4096] == theirs.read_bytes()[:4096]
    assert a.stdout.splitlines()[0] == b.stdout.splitlines()[0]       # "Setting up swapspace ..."
    assert a.stdout.splitlines()[-1] == b.stdout.splitlines()[-1]     # label and UUID
