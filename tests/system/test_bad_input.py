"""Bad input outside system calls gets a clear message, never an oops or a reset (issue 21).

Each test feeds the kernel one kind of bad input at boot: a min_free_kbytes
larger than memory, a mem= too small to boot, a command line over
COMMAND_LINE_SIZE, damaged swap headers and a disk too small for one, an
initramfs with ".." in its names. /proc/sys writes past int are in
user/procfstest.c's sysctl_ranges (test_procfs.py), ramfs's sparse files
in user/nametest.c (test_vfs.py).
"""
import pytest

from cpio import write_cpio
from test_swap import make_swap
from tidemark import BUILD


def test_min_free_kbytes_larger_than_memory_is_clamped_and_boots(boot):
    # was: the allocation in kmem_cache_init failed its watermark, reached the
    # OOM killer before any task existed, and oopsed walking the task list
    r = boot(cmdline="console=ttyS0 min_free_kbytes=65536 init=/bin/true", mem="32M")
    r.expect_status(0)
    lines = r.grep(r"min_free_kbytes=65536 is more than a quarter of low memory: clamped to (\d+)")
    assert lines and 0 < int(lines[0]) < 32 * 1024 // 4, r.describe()
    assert f"min_free_kbytes set to {lines[0]} by the command line" in r.log, r.describe()


@pytest.mark.parametrize("mem", ["1K", "4095", "4K", "1M", "3M"])
def test_too_little_memory_stops_with_a_clear_panic(boot, mem):
    # was: mem=1K and mem=4095 mapped no memory at all and the CPU reset (QEMU exit 0)
    r = boot(cmdline=f"console=ttyS0 mem={mem} init=/bin/true", mem="32M", timeout=60)
    r.expect_panic("Not enough memory to boot")
    assert "at least" in r.log and "(check mem=)" in r.log, r.describe()
    assert "BUG:" not in r.log and "Oops" not in r.log, r.describe()


def test_command_line_over_2047_bytes_says_what_it_drops(boot):
    # the init= past the cut is lost (as in Linux); the log must say so
    words = " ".join(f"x{i:04d}=1" for i in range(300))[:2040]
    r = boot(cmdline=f"console=ttyS0 init=/bin/false {words} init=/bin/true", mem="32M")
    line = r.grep(r"Kernel command line is \d+ bytes, longer than COMMAND_LINE_SIZE \(2048\): "
                  r"everything from \".*\" on is ignored")
    assert line and "init=/bin/true" in line[0], r.describe()
    r.expect_status(1)      # /bin/false ran: the later init= was dropped


def test_bad_swap_headers_and_a_tiny_disk_are_refused_with_a_reason(boot, tmp_path):
    garbage = make_swap(tmp_path / "garbage.img", 4 << 20)
    with open(garbage, "r+b") as f:             # nr_badpages: garbage
        f.seek(1024 + 8)
        f.write(b"\xef\xbe\xad\xde")
    out_of_range = make_swap(tmp_path / "range.img", 4 << 20, badpages=[5, 99999])
    tiny = tmp_path / "tiny.img"
    tiny.write_bytes(b"\0" * 512)
    script = "\nswapon /dev/sda\nswapon /dev/sdb\nswapon /dev/sdc\nexit 0\n"
    r = boot(cmdline="console=ttyS0 init=/bin/sh", mem="32M", input=script,
             disks=[garbage, out_of_range, tiny])
    assert "Swap header lists 3735928559 bad pages, more than the 637 it can hold" in r.log, \
        r.describe()
    assert "Bad page 99999 in the swap header of /dev/sdb is outside the area (last page 1023)" \
        in r.log, r.describe()
    assert "swapon: /dev/sdc: 512 bytes is too small for a swap header (4096)" in r.log, \
        r.describe()
    assert r.log.count("swapon: /dev/sd") >= 3, r.describe()   # util-linux's failure lines too
    r.expect_status(0)


def test_initramfs_names_with_dotdot_are_refused(boot, tmp_path):
    extra = write_cpio(tmp_path / "dotdot.cpio", {
        "../evil": b"outside\n",
        "etc/../../evil2": b"outside\n",
        "etc/kept": b"inside\n",
    })
    script = "\ncat /evil\ncat /evil2\ncat /etc/kept\nexit 0\n"
    r = boot(cmdline="console=ttyS0 init=/bin/sh", mem="32M", input=script,
             initrd=[str(BUILD / "initramfs.cpio"), str(extra)])
    assert 'initramfs: ../evil: a ".." component, skipped' in r.log, r.describe()
    assert 'initramfs: etc/../../evil2: a ".." component, skipped' in r.log, r.describe()
    assert "outside" not in r.log.replace("../evil", ""), r.describe()
    assert "inside" in r.log.splitlines(), r.describe()
    r.expect_status(0)
