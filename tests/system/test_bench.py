"""make bench's workloads, each once and small (tools/bench.py, docs/benchmarks.md).

Every test boots one workload of the benchmark and reads its output with
bench.py's own parsers, then checks the figures are the kernel's true
counts (a page touched once is one fault, a killed hog shows one oom_kill).
A change that breaks a workload or what it prints fails here, instead of
rotting until the next `make bench`.
"""
import sys

from tidemark import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import bench  # noqa: E402

SLACK = 16      # faults the program takes outside the timed loop's pages (stack, bss)


def faultbench(boot, args, mem, disks=()):
    mode = args.split()[0]
    r = boot(cmdline=f"console=ttyS0 init=/bin/faultbench -- {args}", mem=mem, disks=disks, timeout=300)
    r.expect_status(0)
    assert f"PASS faultbench {mode}" in r.log, r.describe()
    rep = bench.faultbench_reports(r.log).get(mode)
    assert rep, f"no 'faultbench {mode}' line; {r.describe()}"
    return rep, r


def test_demand_zero_faults_are_one_per_page_touched(boot):
    rep, _ = faultbench(boot, "zero 8", "64M")
    pages = 8 << 8
    assert rep["pages"] == pages, rep
    assert pages <= rep["pgfault"] <= pages + SLACK, rep
    # RAM is large enough: no reclaim, no swap, no major fault
    assert rep["pgmajfault"] == rep["pswpout"] == rep["allocstall"] == rep["pgscan_kswapd"] == 0, rep
    assert rep["us"] > 0, rep


def test_cow_faults_copy_every_page_the_child_writes(boot):
    # faultbench checks the child's pages hold its writes and the parent's still hold the old data
    rep, _ = faultbench(boot, "cow 4", "64M")
    pages = 4 << 8
    assert rep["pages"] == pages, rep
    assert pages <= rep["pgfault"] <= pages + SLACK, rep
    # the parent still maps each page, so every fault copies and none reuses
    assert rep["pgreuse"] < SLACK and rep["pgmajfault"] == 0, rep


def oom(boot, tmp_path, swap_mb):
    disks = [bench.swap_disk(tmp_path / "swap.img", swap_mb)] if swap_mb else []
    rep, r = faultbench(boot, "oom", "32M", disks)
    t = bench.oom_times(r.log, rep)
    assert t, f"no oom-killer lines for hog {rep['hog']}; {r.describe()}"
    assert rep["oom_kill"] == 1, rep
    # exhausted means the next allocation must reclaim directly, and then it gives up
    assert rep["allocstall"] >= 1, rep
    assert 0 <= t["to_invoked"] <= t["to_kill"] and t["kill_to_reaped"] >= 0, (t, rep)
    assert rep["pgfault"] >= rep["touched"], rep
    return rep


def test_oom_without_swap_kills_once_memory_is_exhausted(boot, tmp_path):
    rep = oom(boot, tmp_path, 0)
    assert rep["touched"] > (32 << 8) // 2, rep    # most of the 32 MiB went to the hog first
    assert rep["pswpout"] == 0, rep


def test_oom_with_small_swap_kills_once_swap_is_full(boot, tmp_path):
    rep = oom(boot, tmp_path, 4)
    assert rep["pswpout"] >= (4 << 8) - 1, rep     # every slot (all but the header page) written


def test_reclaim_shares_of_a_fast_allocator(boot, tmp_path):
    disk = bench.swap_disk(tmp_path / "swap.img", 128)
    r = boot(cmdline="console=ttyS0 init=/bin/reclaimtest -- fast 64", mem="32M", disks=[disk], timeout=300)
    r.expect_status(0)
    c = bench.reclaim_counts(r.log)
    assert c, r.describe()
    s = bench.reclaim_shares(c, 64 << 8)
    assert s, f"nothing reclaimed: {c}"
    # the allocator outruns kswapd: it stalls in direct reclaim, which takes pages too
    assert s["allocstall"] > 0 and s["kswapd_steal"] < 100, (s, c)
    assert 0 <= s["kswapd_scan"] <= 100, (s, c)


def test_compression_bench_through_zram_reports_a_real_ratio(boot, tmp_path):
    # the zram row of make bench, small: 40 MiB of text-like pages, a 16 MiB zram before the disk
    disk = bench.swap_disk(tmp_path / "swap.img", 128)
    r = boot(cmdline="console=ttyS0 init=/bin/ztest -- bench text 40 1 16", mem="32M", disks=[disk],
             timeout=300)
    r.expect_status(0)
    rep = bench.zbench_report(r.log)
    assert rep and rep["mm_stat"], r.describe()
    orig, _, used = rep["mm_stat"][:3]
    assert orig > 0 and 1.5 < bench.compression_ratio(rep) == orig / used, rep
    assert rep["pswpout"] > 0 and rep["zswpout"] == 0, rep    # zram is a swap device, not zswap


def test_ext2_file_rates_for_every_block_size(monkeypatch):
    # bench.file_run boots with run_qemu itself (its log is build/test-logs/bench-ext2-0.log)
    monkeypatch.setattr(bench, "FILE_MB", 2)
    rates = bench.file_run(0)
    assert set(rates) == {(op, bs) for op in ("write", "cold", "warm") for bs in bench.FILE_BS}
    assert all(v > 0 for v in rates.values()), rates


def test_swappiness_sweep_reports_each_value():
    """The mixed anon + file workload at every swappiness, small (no pressure:
    test_filereclaim.py checks what swappiness does): four reports in order,
    every word verified, the table's rows."""
    m = bench.mixed_run(0, file_mb=2, anon_mb=4)
    assert sorted(m) == list(bench.SWAPPINESS), m
    assert all(r["ms"] > 0 and r["pswpout"] == 0 for r in m.values()), m
    rows = bench.mixed_rows([m])
    assert len(rows) == 4 * len(bench.SWAPPINESS), rows


def test_text_thrash_bench_counts_every_process(monkeypatch):
    # small: two processes, one pass, plenty of memory left (no thrash, the parsers only)
    monkeypatch.setattr(bench, "TEXT_PROCS", 2)
    monkeypatch.setattr(bench, "TEXT_PASSES", 1)
    monkeypatch.setattr(bench, "TEXT_LEFT_KB", 16384)
    rep = bench.textthrash_run(0)
    # the text starts on the disk: reading it in is at least one major fault
    assert rep["majflt"] >= 1 and rep["minflt"] > 0 and rep["s"] > 0 and rep["pgpgin"] > 0, rep
