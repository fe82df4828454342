"""Read the vmtrace lines of a Tidemark serial log (boot with vmtrace=MS).

mm/vmtrace.c prints one line per snapshot, after printk's timestamp:

    vmtrace: sample t=1530 DMA.free=3553 DMA.min=81 DMA.low=101 DMA.high=121
             Normal.free=3755 ... nr_inactive_anon=16 nr_active_anon=0
             nr_inactive_file=0 nr_active_file=0 nr_dirty=0 nr_writeback=0
             nr_unevictable=0 swap_used=0 kswapd=sleeping pgscan_kswapd=0 ...

The first word is the kind: "sample" (every MS milliseconds) or the event
that took it (kswapd_wake, kswapd_sleep, allocstall, oom_kill); t is
milliseconds since boot; the other fields are key=value, numbers except
kswapd (running/sleeping). The counters are cumulative: the difference
between two records is what happened between them. tools/plot-vmtrace and
tests/system/test_vmtrace.py both read traces with this module.
"""
import re

LINE = re.compile(r"vmtrace: (?P<kind>[a-z_]+) t=(?P<t>\d+)(?P<fields>(?: [\w.]+=\w+)*)\s*$")
FIELD = re.compile(r"([\w.]+)=(\w+)")

# Cumulative /proc/vmstat counters on every line, and what their steps mean.
COUNTERS = ("pgscan_kswapd", "pgscan_direct", "pgsteal_kswapd", "pgsteal_direct",
            "pgsteal_anon", "pgsteal_file", "allocstall", "pageoutrun", "oom_kill", "pswpin",
            "pswpout")
EVENT_COUNTERS = {"kswapd_wake": "pageoutrun", "allocstall": "allocstall", "oom_kill": "oom_kill"}


class NoTrace(Exception):
    """The log holds no vmtrace line."""


def parse(text):
    """The vmtrace records of a log, in order: dicts with kind, t and the fields."""
    records = []
    for line in text.splitlines():
        m = LINE.search(line.rstrip("\r"))
        if not m:
            continue
        rec = {"kind": m.group("kind"), "t": int(m.group("t"))}
        for key, value in FIELD.findall(m.group("fields")):
            rec[key] = int(value) if value.isdigit() else value
        records.append(rec)
    if not records:
        bad = re.search(r"vmtrace: .*no trace.*", text)
        raise NoTrace(bad.group(0) if bad else
                      "no vmtrace lines: boot with vmtrace=MS (for example vmtrace=20)")
    return records


def interval(text):
    """The sampling interval in ms the kernel announced ("vmtrace: a sample every N ms"), or None."""
    m = re.search(r"vmtrace: a sample every (\d+) ms", text)
    return int(m.group(1)) if m else None


def marks(text):
    """(t, label) of the "vmtrace-mark: t=MS LABEL" lines a program printed.

    A workload names its phases with them (user/pressure.c does); t is
    CLOCK_MONOTONIC in ms, the clock of the trace's t."""
    return [(int(t), label.strip()) for t, label in
            re.findall(r"vmtrace-mark: t=(\d+) ([^\r\n]+)", text)]


def zones(records):
    """The zone names the trace carries, in the kernel's order (DMA, Normal ...)."""
    return [k[:-5] for k in records[0] if k.endswith(".free")]


def events(records, kind):
    """The records that show the events of kind (kswapd_wake, allocstall, oom_kill).

    Each event has its own line, taken just after its counter moved, unless
    the kernel lost it (a full ring, "vmtrace: lost N"): then the step of
    the counter, found on the next record, stands for it."""
    counter = EVENT_COUNTERS[kind]
    lines = [r for r in records[1:] if r["kind"] == kind]
    if len(lines) == records[-1][counter] - records[0][counter]:
        return lines
    hits = []
    for prev, rec in zip(records, records[1:]):
        hits += [rec] * (rec[counter] - prev[counter])
    return hits


def idle_wakes(records):
    """The kswapd_wake records of runs that scanned nothing: by the time kswapd
    ran, every zone was balanced again (the task that woke it had freed its
    memory, usually by exiting), so it went back to sleep at once. The event
    is taken when kswapd starts its run (balance_pgdat), not at the wakeup,
    which is why such a mark sits high above the watermarks."""
    idle, wake = [], None
    for rec in records:
        if rec["kind"] == "kswapd_wake" and wake is None:
            wake = rec
        elif rec["kind"] == "kswapd_sleep" and wake is not None:
            if rec.get("pgscan_kswapd", 0) == wake.get("pgscan_kswapd", 0):
                idle.append(wake)
            wake = None
    return idle


def kswapd_runs(records):
    """(start, end) times in ms of kswapd's runs: kswapd_wake to kswapd_sleep."""
    runs, start = [], None
    for rec in records:
        if rec["kind"] == "kswapd_wake" and start is None:
            start = rec["t"]
        elif rec["kind"] == "kswapd_sleep" and start is not None:
            runs.append((start, rec["t"]))
            start = None
    if start is not None:
        runs.append((start, records[-1]["t"]))
    return runs
