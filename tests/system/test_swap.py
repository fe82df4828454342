"""Swap areas on QEMU IDE disks: boot activation, the swap ktests, and the
kernel's writes checked on the host.

Each boot gets its own copy of build/swap.img (QEMU write-locks images).
Headers with bad pages are built here (mkswap -c needs a real device).
The data pattern is swap_pattern() in mm/swap_ktest.c.
"""
import re
import shutil
import struct

from tidemark import BUILD, blkdebug_disk

PAGE = 4096
SEED = 0x5A4B3C2D
M32 = 0xFFFFFFFF
NR_TEST_SLOTS, NR_CLUSTER_SLOTS = 16, 8


def swap_pattern(offset, w):
    x = SEED ^ (offset * 0x9E3779B1 & M32) ^ (w * 0x85EBCA6B & M32)
    x ^= x >> 15
    x = x * 0x2C1B3C6D & M32
    x ^= x >> 12
    return x


def pattern_page(offset):
    return struct.pack("<1024I", *(swap_pattern(offset, w) for w in range(1024)))


def copy_swap_img(tmp_path, name="swap.img"):
    dst = tmp_path / name
    shutil.copyfile(BUILD / "swap.img", dst)
    return dst


def make_swap(path, size, badpages=(), last_page=None):
    """A disk of size bytes with a mkswap version-1 header and these bad pages."""
    if last_page is None:
        last_page = size // PAGE - 1
    hdr = bytearray(PAGE)
    struct.pack_into("<III", hdr, 1024, 1, last_page, len(badpages))
    hdr[1036:1052] = bytes(range(16))                 # uuid
    for i, b in enumerate(badpages):
        struct.pack_into("<I", hdr, 1536 + 4 * i, b)
    hdr[PAGE - 10:] = b"SWAPSPACE2"
    with open(path, "wb") as f:
        f.truncate(size)
        f.write(hdr)
    return path


def expect_suite(r, suite, skip=0):
    r.expect_status(0)
    m = re.search(rf"# {suite}: pass:(\d+) fail:(\d+) skip:(\d+)", r.log)
    assert m, f"no summary for {suite}; {r.describe()}"
    assert (m.group(2), m.group(3)) == ("0", str(skip)), r.describe()


def read_slots(path, offsets):
    with open(path, "rb") as f:
        out = []
        for off in offsets:
            f.seek(off * PAGE)
            out.append(f.read(PAGE))
        return out


def test_mkswap_disk_is_activated_with_linux_log_line_and_data_lands_in_its_slots(boot, tmp_path):
    img = copy_swap_img(tmp_path)
    r = boot(cmdline="console=ttyS0 ktest=swap", mem="32M", disks=[img])
    expect_suite(r, "swap", skip=1)         # the only disk is swap: no unsigned disk to try
    # mkswap on 64 MiB: 16384 pages, slot 0 the header -> 65532k, Linux's format exactly
    assert "Adding 65532k swap on /dev/sda.  Priority:-2 extents:1 across:65532k \n" in r.log
    # slots 1..16 single writes, 17..24 one clustered request, as the ktest allocated them
    for off, data in zip(range(1, 25), read_slots(img, range(1, 25))):
        assert data == pattern_page(off), f"slot {off} does not hold the kernel's pattern"
    with open(img, "rb") as f:
        assert f.read(PAGE)[PAGE - 10:] == b"SWAPSPACE2"    # header untouched


def test_bad_pages_from_the_header_are_never_used(boot, tmp_path):
    bad = [3, 4, 10, 20, 5000]
    img = make_swap(tmp_path / "bad.img", 32 << 20, badpages=bad)
    r = boot(cmdline="console=ttyS0 ktest=swap", mem="32M", disks=[img])
    expect_suite(r, "swap", skip=1)
    pages = (32 << 20) // PAGE - 1 - len(bad)
    assert f"Adding {pages * 4}k swap on /dev/sda.  Priority:-2 extents:1 across:{pages * 4}k" in r.log
    # the first cluster is the first run of 256 free slots: after bad slot 20
    used = range(21, 21 + NR_TEST_SLOTS + NR_CLUSTER_SLOTS)
    for off, data in zip(used, read_slots(img, used)):
        assert data == pattern_page(off), f"slot {off}"
    for off, data in zip(bad, read_slots(img, bad)):
        assert data == bytes(PAGE), f"bad slot {off} was written"


def test_disk_without_signature_is_ignored_and_swapon_refuses_it(boot, tmp_path):
    plain = tmp_path / "plain.img"
    with open(plain, "wb") as f:
        f.truncate(8 << 20)
    swap = copy_swap_img(tmp_path)
    r = boot(cmdline="console=ttyS0 ktest=swap", mem="32M", disks=[plain, swap])
    expect_suite(r, "swap")
    assert "swap on /dev/sda" not in r.log
    assert "Adding 65532k swap on /dev/sdb.  Priority:-2 " in r.log
    assert "Unable to find swap-space signature\n" in r.log    # from the explicit swapon


def test_two_swap_disks_get_decreasing_default_priorities(boot, tmp_path):
    a = copy_swap_img(tmp_path, "a.img")
    b = make_swap(tmp_path / "b.img", 16 << 20)
    r = boot(cmdline="console=ttyS0 ktest=swap", mem="32M", disks=[a, b])
    expect_suite(r, "swap", skip=1)
    assert "Adding 65532k swap on /dev/sda.  Priority:-2 extents:1 across:65532k" in r.log
    assert "Adding 16380k swap on /dev/sdb.  Priority:-3 extents:1 across:16380k" in r.log


def test_swap_off_on_the_command_line_leaves_the_disk_alone(boot, tmp_path):
    img = copy_swap_img(tmp_path)
    r = boot(cmdline="console=ttyS0 swap=off ktest=swap", mem="32M", disks=[img])
    expect_suite(r, "swap", skip=6)     # everything but /proc/swaps and the readahead window needs an area
    assert "swap=off" in r.log
    assert "Adding" not in r.log


def test_write_error_retires_the_slot_and_logs_like_linux(boot, tmp_path):
    img = copy_swap_img(tmp_path)
    r = boot(cmdline="console=ttyS0 ktest=swap_error", mem="32M",
             disks=[blkdebug_disk(img, ("write_aio", 800))])
    expect_suite(r, "swap_error")
    assert "Write-error on swap-device (8:0:800)\n" in r.log
    assert "slot 100 of /dev/sda retired after a write error" in r.log


def test_swapon_and_swapoff_system_calls_from_user_space(boot, tmp_path):
    swap = copy_swap_img(tmp_path)
    plain = tmp_path / "plain.img"
    with open(plain, "wb") as f:
        f.truncate(8 << 20)
    script = ("\n\n"  # the first byte can arrive before the console reads input
              "swapoff /dev/sda; echo off $?\n"
              "swapoff /dev/sda; echo again $?\n"
              "swapon -p 5 /dev/sda; echo on $?\n"
              "swapon sda; echo busy $?\n"
              "swapon /dev/sdb; echo plain $?\n"
              "swapon /dev/sdq; echo missing $?\n"
              "cat /proc/swaps\n"
              "exit 0\n")
    r = boot(cmdline="console=ttyS0 init=/bin/sh", input=script, mem="32M", disks=[swap, plain])
    r.expect_status(0)
    for line in ("off 0", "again 1", "on 0", "busy 1", "plain 1", "missing 1"):
        assert re.search(rf"^{line}\r?$", r.log, re.MULTILINE), f"{line}; {r.describe()}"
    assert "Adding 65532k swap on /dev/sda.  Priority:5 extents:1 across:65532k" in r.log
    assert "swapoff: /dev/sda: swapoff failed: Invalid argument" in r.log
    assert "swapon: sda: swapon failed: Device or resource busy" in r.log
    assert "swapon: /dev/sdb: swapon failed: Invalid argument" in r.log
    assert "Unable to find swap-space signature" in r.log
    assert "swapon: /dev/sdq: swapon failed: No such file or directory" in r.log
    # /proc/swaps exactly as Linux's swap_show lays it out
    assert re.search(r"Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\r?\n"
                     r"/dev/sda {32}partition\t65532\t\t0\t\t5\r?\n", r.log), r.describe()


def test_swap_bench_reports_throughput_and_verifies_the_data(boot, tmp_path):
    img = copy_swap_img(tmp_path)
    r = boot(cmdline="console=ttyS0 ktest=swap_bench", mem="32M", disks=[img])
    expect_suite(r, "swap_bench")
    rates = dict(re.findall(r"swap_bench: (swap_\w+), [^:]+: ([\d.]+) MiB/s", r.log))
    assert set(rates) == {"swap_writepage", "swap_writepages", "swap_readpage"}, r.describe()
    # one request for 32 pages must beat 32 requests
    assert float(rates["swap_writepages"]) > float(rates["swap_writepage"]), rates
