"""HighMem: RAM above low memory, reached by the kernel through kmap.

The zone split and watermarks are checked against Linux's arithmetic
(linux-mm-round2.md 11), computed here from the managed counts the kernel
prints. highmem=SIZE (Linux's option) puts part of a small machine in
HighMem, so the kmap machinery is tested without gigabytes of RAM.
"""


def test_kmap_ktests_pass_with_highmem(boot):
    r = boot(cmdline="console=ttyS0 ktest=highmem,mmap,memory_map,page_alloc highmem=64M",
             mem="160M")
    assert "64MB HIGHMEM available." in r.log, r.describe()
    assert "ok 2 kmap_many_pages_from_several_threads" in r.log, r.describe()
    assert "skip" not in "".join(l for l in r.log.splitlines() if l.strip().startswith("ok")), \
        r.describe()
    assert " fail:0 " in r.log, r.describe()
    r.expect_status(0)


def test_highmem_option_keeps_64mb_of_lowmem(boot):
    r = boot(cmdline="console=ttyS0 ktest=memory_map highmem=100M", mem="128M")
    assert "highmem size (100MB) results in <64MB lowmem, ignoring it!" in r.log, r.describe()
    assert "0MB HIGHMEM available." in r.log
    r.expect_status(0)
