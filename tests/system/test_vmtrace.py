"""vmtrace=MS (mm/vmtrace.c) and tools/plot-vmtrace: the pressure picture with real data.

The standard scenario of `make plot` (user/pressure.c as init: a kswapd act,
a direct-reclaim act, a hog that the OOM killer ends) on 32 MiB with a
16 MiB swap disk, traced every 20 ms. The trace is read with
tools/vmtrace.py, the parser the plotter uses.
"""
import re
import struct
import subprocess
import sys

from tidemark import ROOT
from test_swapping import swap_disk

sys.path.insert(0, str(ROOT / "tools"))
import vmtrace  # noqa: E402

PLOT = ROOT / "tools" / "plot-vmtrace"


def zoneinfo_watermarks(log):
    """{zone: (min, low, high)} from the copy of /proc/zoneinfo that pressure prints."""
    marks = {}
    for zone, block in re.findall(r"Node 0, zone +(\w+)\n(.*?)(?=\nNode |\Z)", log, re.S):
        m = re.search(r"\n +min +(\d+)\n +low +(\d+)\n +high +(\d+)", block)
        managed = re.search(r"\n +managed +(\d+)", block)
        if m and managed and int(managed.group(1)):
            marks[zone] = tuple(int(x) for x in m.groups())
    return marks


def plot(log_path, out, *extra):
    return subprocess.run([sys.executable, str(PLOT), str(log_path), "-o", str(out), *extra],
                          capture_output=True, text=True, timeout=300)


def test_pressure_scenario_trace_and_picture(boot, tmp_path):
    disk = swap_disk(tmp_path / "swap.img", 16)
    r = boot(cmdline="console=ttyS0 vmtrace=20 init=/bin/pressure", mem="32M",
             disks=[str(disk)], timeout=900)
    r.expect_status(0)
    records = vmtrace.parse(r.log)
    samples = [x for x in records if x["kind"] == "sample"]
    assert len(samples) >= 20, r.describe()
    assert "vmtrace: a sample every 20 ms" in r.log

    # Every line carries the same fields; time only moves forward.
    assert all(x.keys() == records[0].keys() for x in records), records[0].keys()
    assert all(a["t"] <= b["t"] for a, b in zip(records, records[1:]))

    # The watermarks are the ones /proc/zoneinfo reports, zone by zone.
    marks = zoneinfo_watermarks(r.log)
    assert set(marks) == set(vmtrace.zones(records)) == {"DMA", "Normal"}, marks
    for zone, (wmin, low, high) in marks.items():
        assert {(x[f"{zone}.min"], x[f"{zone}.low"], x[f"{zone}.high"]) for x in records} == \
            {(wmin, low, high)}, zone

    # Free memory falls below LOW, kswapd is seen running, and reclaims.
    normal_low = marks["Normal"][1]
    assert any(x["Normal.free"] < normal_low for x in samples)
    assert any(x["kswapd"] == "running" for x in samples)
    assert {x["kswapd"] for x in records} == {"running", "sleeping"}
    last = records[-1]
    assert last["pgscan_kswapd"] > 0 and last["pgsteal_kswapd"] > 0, last
    # The direct-reclaim act stalls, and the hog ends in one OOM kill.
    assert last["allocstall"] > 0 and last["pgscan_direct"] > 0, last
    assert last["oom_kill"] == 1 and last["pswpout"] > 0, last
    assert "Out of memory: Killed process" in r.log

    # Counters are cumulative: they never go down.
    for name in vmtrace.COUNTERS:
        values = [x[name] for x in records]
        assert values == sorted(values), name

    # Each event has its line, so the counters' steps are exactly the event lines.
    if "vmtrace: lost" not in r.log:
        for kind, counter in vmtrace.EVENT_COUNTERS.items():
            lines = [x for x in records[1:] if x["kind"] == kind]
            assert len(lines) == records[-1][counter] - records[0][counter], kind
            assert vmtrace.events(records, kind) == lines, kind
    # The acts, named on the trace's clock: each before the events it causes.
    acts = vmtrace.marks(r.log)
    assert [label for _, label in acts] == \
        ["1: kswapd keeps up", "2: direct reclaim", "3: a hog, the OOM killer"], acts
    first_wake = next(x["t"] for x in records if x["kind"] == "kswapd_wake")
    assert acts[0][0] <= first_wake
    assert any(x["t"] >= acts[1][0] for x in records if x["kind"] == "allocstall")
    oom = vmtrace.events(records, "oom_kill")
    assert len(oom) == 1 and oom[0]["kind"] == "oom_kill" and oom[0]["t"] >= acts[2][0]
    assert vmtrace.kswapd_runs(records)

    # The picture: a PNG of the size plot-vmtrace draws.
    out = tmp_path / "pressure.png"
    p = plot(r.log_path, out)
    assert p.returncode == 0, p.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    assert data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1200, 1100)
    assert len(data) > 20000

    # A zone the trace does not have is a clear error.
    p = plot(r.log_path, tmp_path / "x.png", "--zone", "HighMem")
    assert p.returncode != 0 and "no zone 'HighMem'" in p.stderr and "DMA, Normal" in p.stderr


def test_no_trace_without_vmtrace(boot, tmp_path):
    r = boot(cmdline="console=ttyS0 init=/bin/true")
    r.expect_status(0)
    assert "vmtrace:" not in r.log
    log = tmp_path / "boot.log"
    log.write_text(r.log)
    p = plot(log, tmp_path / "x.png")
    assert p.returncode != 0 and "no vmtrace lines: boot with vmtrace=MS" in p.stderr
    assert not (tmp_path / "x.png").exists()


def test_bad_vmtrace_values_are_refused(boot, tmp_path):
    # Each word in turn: parse_args hands every vmtrace= to the handler.
    bad = ["0", "abc", "60001", "-5", "20ms", ""]
    words = " ".join(f"vmtrace={v}" for v in bad)
    r = boot(cmdline=f"console=ttyS0 {words} init=/bin/true")
    r.expect_status(0)
    for v in bad:
        assert f'vmtrace: "{v}" is not an interval of 1..60000 milliseconds: no trace' in r.log, v
        assert f'Malformed kernel command line parameter "vmtrace={v}", ignored' in r.log, v
    assert not r.grep(r"vmtrace: (sample|kswapd_wake|a sample every)"), r.describe()
    log = tmp_path / "boot.log"
    log.write_text(r.log)
    p = plot(log, tmp_path / "x.png")
    assert p.returncode != 0 and "no trace" in p.stderr


def test_the_last_vmtrace_word_wins(boot):
    r = boot(cmdline="console=ttyS0 vmtrace=0 vmtrace=25 init=/bin/true")
    r.expect_status(0)
    assert "vmtrace: a sample every 30 ms" in r.log  # 25 ms rounds up to 3 ticks
    assert vmtrace.parse(r.log)[0]["kind"] == "sample"
    r = boot(cmdline="console=ttyS0 vmtrace=25 vmtrace=abc init=/bin/true")
    r.expect_status(0)
    assert 'vmtrace: "abc" is not an interval' in r.log
    assert not r.grep(r"vmtrace: (sample|a sample every)"), r.describe()


def test_lost_event_lines_fall_back_to_counter_steps():
    """No boot: if the kernel dropped an event's line, its counter's step stands for it."""
    fields = "Normal.free={} Normal.min=91 Normal.low=113 Normal.high=135 kswapd=sleeping " \
             "pageoutrun={} allocstall=0 oom_kill=0"
    log = "\n".join([
        "[    1.000000] vmtrace: sample t=1000 " + fields.format(200, 4),
        "[    1.010000] vmtrace: kswapd_wake t=1010 " + fields.format(110, 5),
        "vmtrace: lost 3 snapshots (the ring was full)",
        "[    1.030000] vmtrace: sample t=1030 " + fields.format(150, 7),
    ])
    records = vmtrace.parse(log)
    assert [x["t"] for x in records] == [1000, 1010, 1030]
    assert [x["t"] for x in vmtrace.events(records, "kswapd_wake")] == [1010, 1030, 1030]
    assert vmtrace.events(records, "oom_kill") == []
    assert vmtrace.zones(records) == ["Normal"]


def test_idle_kswapd_runs_are_told_apart():
    """No boot: a run whose pgscan_kswapd did not move is drawn hollow and explained."""
    fields = "Normal.free={} Normal.min=91 Normal.low=113 Normal.high=135 kswapd=running " \
             "pageoutrun={} pgscan_kswapd={} allocstall=0 oom_kill=0"
    log = "\n".join([
        "vmtrace: sample t=1000 " + fields.format(120, 0, 0),
        "vmtrace: kswapd_wake t=1010 " + fields.format(110, 1, 0),
        "vmtrace: kswapd_sleep t=1020 " + fields.format(140, 1, 64),     # reclaimed: filled
        "vmtrace: kswapd_wake t=1030 " + fields.format(3600, 2, 64),     # memory came back
        "vmtrace: kswapd_sleep t=1031 " + fields.format(3600, 2, 64),    # scanned nothing: hollow
    ])
    records = vmtrace.parse(log)
    assert [x["t"] for x in vmtrace.idle_wakes(records)] == [1030]
    assert [x["t"] for x in vmtrace.events(records, "kswapd_wake")] == [1010, 1030]
