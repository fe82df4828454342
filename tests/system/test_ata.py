"""PCI, the PIIX IDE driver and the block layer, on QEMU's IDE disks.

The host writes a seeded pattern into the disk image's read regions before
boot; the ktest suite ata_disk reads them (DMA and PIO), writes its own
pattern into the write regions and reads it back; after QEMU exits this
file checks, byte for byte, what the kernel wrote. Regions and the pattern
function are the same as in drivers/ata_ktest.c. Every boot has its own
image (QEMU write-locks images).
"""
import re
import struct

import pytest

from tidemark import BUILD, blkdebug_disk

HOST_SEED = 0x7E57DA7A
KERNEL_SEED = 0x6B65726E
LBA28_LIMIT = 1 << 28
SECTOR = 512
M32 = 0xFFFFFFFF


def pattern_sector(seed, sector):
    """One 512-byte sector of disk_pattern(seed, sector, 0..127)."""
    base = seed ^ ((sector & M32) * 0x9E3779B1 & M32) ^ (((sector >> 32) * 0x85EBCA6B) & M32)
    words = []
    for w in range(SECTOR // 4):
        x = base ^ (w * 0xC2B2AE35 & M32)
        x ^= x >> 16
        x = x * 0x7FEB352D & M32
        x ^= x >> 15
        x = x * 0x846CA68B & M32
        x ^= x >> 16
        words.append(x)
    return struct.pack("<128I", *words)


def read_regions(nr_sects):
    r = [(0, 8), (1001, 40)]
    if nr_sects > LBA28_LIMIT + 4096:
        r.append((LBA28_LIMIT - 16, 8))
    r.append((nr_sects - 64, 8))
    return r


def write_regions(nr_sects):
    r = [(4096, 40), (8192, 4)]
    if nr_sects > LBA28_LIMIT + 4096:
        r += [(LBA28_LIMIT + 512, 4), (LBA28_LIMIT + 1024, 2)]
    r.append((nr_sects - 256, 16))
    return r + [(12345, 1)]     # single_page_api_unaligned


def make_image(path, size):
    """A sparse raw image of size bytes with the host pattern in the read regions."""
    with open(path, "wb") as f:
        f.truncate(size)
        for sector, pages in read_regions(size // SECTOR):
            f.seek(sector * SECTOR)
            f.write(b"".join(pattern_sector(HOST_SEED, s) for s in range(sector, sector + pages * 8)))
    return path


def check_written(path, size):
    nr = size // SECTOR
    with open(path, "rb") as f:
        for sector, pages in write_regions(nr):
            f.seek(sector * SECTOR)
            data = f.read(pages * 8 * SECTOR)
            for i in range(pages * 8):
                got = data[i * SECTOR:(i + 1) * SECTOR]
                assert got == pattern_sector(KERNEL_SEED, sector + i), \
                    f"sector {sector + i} does not hold the kernel's pattern"
        for sector, pages in read_regions(nr):     # and nothing clobbered the host's
            f.seek(sector * SECTOR)
            data = f.read(pages * 8 * SECTOR)
            expect = b"".join(pattern_sector(HOST_SEED, s) for s in range(sector, sector + pages * 8))
            assert data == expect, f"host pattern at sector {sector} changed"


def ktap_results(r):
    """{case: "ok" or "not ok"} from the KTAP lines (after printk's timestamp)."""
    return {name: res for res, name in re.findall(r"(ok|not ok) \d+ (\w+)$", r.log, re.MULTILINE)}


def expect_suite_passed(r, suite, skipped_ok=False):
    r.expect_status(0)
    m = re.search(rf"# {suite}: pass:(\d+) fail:(\d+) skip:(\d+)", r.log)
    assert m, f"no summary for {suite}; {r.describe()}"
    assert m.group(2) == "0", r.describe()
    if not skipped_ok:
        assert m.group(3) == "0", f"{suite} skipped cases; {r.describe()}"


def test_pci_scan_and_identify_log_like_linux(boot, tmp_path):
    img = make_image(tmp_path / "disk.img", 64 << 20)
    r = boot(cmdline="console=ttyS0 ktest=pci,blkdev", mem="64M", disks=[img])
    expect_suite_passed(r, "pci")
    expect_suite_passed(r, "blkdev")
    assert "pci 0000:00:01.1: [8086:7010] type 00 class 0x010180" in r.log
    assert re.search(r"pci 0000:00:01\.1: reg 0x20: \[io  0x[0-9a-f]{4}-0x[0-9a-f]{4}\]", r.log)
    assert re.search(r"ata1: PATA max MWDMA2 cmd 0x1f0 ctl 0x3f6 bmdma 0x[0-9a-f]+ irq 14", r.log)
    assert "ata1.00: ATA-7: QEMU HARDDISK, 2.5+, max UDMA/100" in r.log
    assert "ata1.00: 131072 sectors, multi 16: LBA48" in r.log
    assert "ata1.00: configured for MWDMA2" in r.log
    assert "sd 0:0:0:0: [sda] 131072 512-byte logical blocks: (67.1 MB/64.0 MiB)" in r.log


def test_dma_and_pio_read_and_write_data_the_host_checks(boot, tmp_path):
    size = 64 << 20
    img = make_image(tmp_path / "disk.img", size)
    r = boot(cmdline="console=ttyS0 ktest=ata_disk", mem="64M", disks=[img])
    expect_suite_passed(r, "ata_disk")
    check_written(img, size)


def test_lba48_above_the_lba28_limit_on_a_200_gib_disk(boot, tmp_path):
    size = 200 << 30       # sparse: costs only the blocks written
    img = make_image(tmp_path / "big.img", size)
    r = boot(cmdline="console=ttyS0 ktest=ata_disk", mem="64M", disks=[img])
    expect_suite_passed(r, "ata_disk")
    assert f"ata1.00: {size // SECTOR} sectors, multi 16: LBA48" in r.log
    assert "(215 GB/200 GiB)" in r.log
    check_written(img, size)


def test_libata_dma_0_uses_pio_for_everything(boot, tmp_path):
    size = 64 << 20
    img = make_image(tmp_path / "disk.img", size)
    r = boot(cmdline="console=ttyS0 libata.dma=0 ktest=ata_disk", mem="64M", disks=[img])
    assert "ata1.00: configured for PIO4" in r.log
    # interrupts_drive_the_commands expects one IRQ for a DMA request: with
    # DMA off it sees one per sector, which shows DMA really was not used.
    assert ktap_results(r).get("interrupts_drive_the_commands") == "not ok", r.describe()
    for case in ("dma_reads_host_pattern", "pio_reads_host_pattern", "writes_read_back_both_ways"):
        assert ktap_results(r).get(case) == "ok", r.describe()
    check_written(img, size)


def test_disks_are_named_in_detection_order_and_atapi_is_skipped(boot, tmp_path):
    imgs = [make_image(tmp_path / f"d{i}.img", (i + 1) << 20) for i in range(3)]
    extra = ["-drive", f"file={imgs[2]},format=raw,if=ide,index=3,media=disk",
             "-drive", f"file={BUILD / 'os.iso'},format=raw,if=ide,index=2,media=cdrom,readonly=on"]
    r = boot(cmdline="console=ttyS0 ktest=blkdev", mem="64M", disks=imgs[:2], extra=extra)
    expect_suite_passed(r, "blkdev")
    assert "sd 0:0:0:0: [sda] 2048 512-byte logical blocks" in r.log
    assert "sd 0:0:1:0: [sdb] 4096 512-byte logical blocks" in r.log
    assert "sd 1:0:1:0: [sdc] 6144 512-byte logical blocks" in r.log
    assert re.search(r"ata2\.00: ATAPI: QEMU DVD-ROM, [^,]+, max UDMA/100", r.log)
    assert "ata2.00: ATAPI device skipped" in r.log
    assert "[sdd]" not in r.log
    # dev_nodes_lead_back_to_the_disks ran over all three
    assert ktap_results(r).get("dev_nodes_lead_back_to_the_disks") == "ok"


def test_no_disk_means_no_sd_and_the_disk_suite_skips(boot):
    r = boot(cmdline="console=ttyS0 ktest=ata_disk,pci", mem="32M")
    expect_suite_passed(r, "ata_disk", skipped_ok=True)
    assert "# ata_disk: pass:0 fail:0 skip:9" in r.log
    assert "[sda]" not in r.log


def test_disk_errors_are_eio_logged_like_linux_and_do_not_panic(boot, tmp_path):
    img = make_image(tmp_path / "disk.img", 64 << 20)
    r = boot(cmdline="console=ttyS0 ktest=ata_error", mem="64M",
             disks=[blkdebug_disk(img, ("read_aio", 20000), ("write_aio", 30000))])
    expect_suite_passed(r, "ata_error")
    for cmd in ("READ DMA", "WRITE DMA", "READ SECTOR(S)", "WRITE SECTOR(S)"):
        assert f"ata1.00: failed command: {cmd}\n" in r.log, f"{cmd}; {r.describe()}"
    assert "ata1.00: exception Emask 0x0 SAct 0x0 SErr 0x0 action 0x0" in r.log
    assert re.search(r"ata1\.00: BMDMA stat 0x[0-9a-f]+", r.log)
    assert re.search(r"ata1\.00: cmd c8/00:10:1c:4e:00/00:00:00:00:00/e0 tag 0 dma 8192 in", r.log)
    assert re.search(r"res [0-9a-f]{2}/.* Emask 0x1 \(device error\)", r.log)
    assert "ata1.00: status: { DRDY ERR }" in r.log
    assert "ata1.00: error: { ABRT }" in r.log
    assert r.log.count("end_request: I/O error, dev sda, sector 19996") == 2
    assert r.log.count("end_request: I/O error, dev sda, sector 30000") == 2


def test_ata_bench_measures_dma_and_pio(boot, tmp_path):
    img = tmp_path / "scratch.img"
    with open(img, "wb") as f:
        f.truncate(64 << 20)
    r = boot(cmdline="console=ttyS0 ktest=ata_bench", mem="64M", disks=[img])
    expect_suite_passed(r, "ata_bench")
    rate = {(k, op): int(v) for k, op, v in
            re.findall(r"ata_bench: (dma|pio) (read|write) \d+ KiB in \d+ ms: (\d+) KiB/s", r.log)}
    assert len(rate) == 4, r.describe()
    assert all(v > 0 for v in rate.values()), rate
    # How much faster DMA is (one to two orders of magnitude in QEMU) is a
    # speed figure: make bench reports it; a timed assertion here would
    # fail on a busy machine.


def test_a_lost_interrupt_times_out_resets_the_channel_and_io_goes_on(boot, tmp_path):
    img = make_image(tmp_path / "disk.img", 64 << 20)
    r = boot(cmdline="console=ttyS0 ktest=ata_timeout", mem="64M", disks=[img])
    expect_suite_passed(r, "ata_timeout")
    assert r.log.count("ata1.00: exception Emask 0x0 SAct 0x0 SErr 0x0 action 0x6 frozen") == 2
    assert "ata1.00: failed command: READ DMA\n" in r.log
    assert "ata1.00: failed command: READ SECTOR(S)\n" in r.log
    assert re.search(r"res [0-9a-f/:]+ Emask 0x4 \(timeout\)", r.log), r.describe()
    assert r.log.count("ata1: soft resetting link") == 2
    assert r.log.count("end_request: I/O error, dev sda, sector 0") == 2
