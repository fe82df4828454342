"""/proc, /proc/sys/vm and the procps-style tools (issue 5, observability).

The expected layouts are Linux 6.12's, written from docs/linux-formulas.md (/proc layouts)
and Linux's fs/proc sources (meminfo.c, array.c, task_mmu.c, base.c,
mm/vmstat.c), never from Tidemark's own output.
"""
import re

import pytest

from cpio import write_cpio
from tidemark import BUILD, run_qemu

# Linux 6.12 /proc/meminfo field order (fs/proc/meminfo.c), i386 HIGHMEM build.
LINUX_MEMINFO_ORDER = [
    "MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached",
    "Active", "Inactive", "Active(anon)", "Inactive(anon)", "Active(file)", "Inactive(file)",
    "Unevictable", "Mlocked", "HighTotal", "HighFree", "LowTotal", "LowFree", "MmapCopy",
    "SwapTotal", "SwapFree", "Zswap", "Zswapped", "Dirty", "Writeback", "AnonPages", "Mapped",
    "Shmem", "KReclaimable", "Slab", "SReclaimable", "SUnreclaim", "KernelStack",
    "ShadowCallStack", "PageTables", "SecPageTables", "NFS_Unstable", "Bounce", "WritebackTmp",
    "CommitLimit", "Committed_AS", "VmallocTotal", "VmallocUsed", "VmallocChunk", "Percpu",
    "EarlyMemtestBad", "HardwareCorrupted", "AnonHugePages", "ShmemHugePages", "ShmemPmdMapped",
    "FileHugePages", "FilePmdMapped", "CmaTotal", "CmaFree", "Unaccepted", "HugePages_Total",
    "HugePages_Free", "HugePages_Rsvd", "HugePages_Surp", "Hugepagesize", "Hugetlb",
    "DirectMap4k", "DirectMap4M", "DirectMap2M", "DirectMap1G",
]
# Fields an i386 kernel with no THP/CMA/zswap/hugetlb prints and the brief asks for.
REQUIRED_MEMINFO = [
    "MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached", "Active",
    "Inactive", "Active(anon)", "Inactive(anon)", "Active(file)", "Inactive(file)", "Unevictable",
    "Mlocked", "HighTotal", "HighFree", "LowTotal", "LowFree", "SwapTotal", "SwapFree", "Dirty",
    "Writeback", "AnonPages", "Mapped", "Shmem", "KReclaimable", "Slab", "SReclaimable",
    "SUnreclaim", "KernelStack", "PageTables", "SecPageTables", "NFS_Unstable", "Bounce",
    "WritebackTmp", "CommitLimit", "Committed_AS", "VmallocTotal", "VmallocUsed", "VmallocChunk",
    "Percpu", "DirectMap4k", "DirectMap4M",
]
# Linux 6.12 /proc/PID/status line order (fs/proc/array.c proc_pid_status, task_mem).
LINUX_STATUS_ORDER = [
    "Name", "Umask", "State", "Tgid", "Ngid", "Pid", "PPid", "TracerPid", "Uid", "Gid", "FDSize",
    "Groups", "NStgid", "NSpid", "NSpgid", "NSsid", "Kthread", "VmPeak", "VmSize", "VmLck",
    "VmPin", "VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem", "VmData", "VmStk", "VmExe",
    "VmLib", "VmPTE", "VmSwap", "HugetlbPages", "CoreDumping", "THP_enabled", "untag_mask",
    "Threads", "SigQ", "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt", "CapInh", "CapPrm",
    "CapEff", "CapBnd", "CapAmb", "NoNewPrivs", "Seccomp", "Seccomp_filters",
    "Speculation_Store_Bypass", "SpeculationIndirectBranch", "Cpus_allowed",
    "Cpus_allowed_list", "Mems_allowed", "Mems_allowed_list", "voluntary_ctxt_switches",
    "nonvoluntary_ctxt_switches",
]
REQUIRED_STATUS = ["Name", "State", "Tgid", "Pid", "PPid", "VmPeak", "VmSize", "VmHWM", "VmRSS",
                   "RssAnon", "RssFile", "RssShmem", "VmData", "VmStk", "VmExe", "VmLib",
                   "VmPTE", "VmSwap", "VmLck", "Threads", "SigPnd", "SigBlk", "SigIgn", "SigCgt",
                   "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb",
                   "voluntary_ctxt_switches", "nonvoluntary_ctxt_switches"]
# Linux's vmstat_text names (mm/vmstat.c) that this kernel has counters for, in Linux's order.
LINUX_VMSTAT_ORDER = [
    "nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon", "nr_zone_inactive_file",
    "nr_zone_active_file", "nr_zone_unevictable", "nr_zone_write_pending", "nr_mlock",
    "nr_bounce", "nr_zspages", "nr_free_cma", "nr_inactive_anon", "nr_active_anon",
    "nr_inactive_file", "nr_active_file", "nr_unevictable", "nr_slab_reclaimable",
    "nr_slab_unreclaimable", "pgpgin", "pgpgout", "pswpin", "pswpout", "pgalloc_dma",
    "pgalloc_normal", "pgalloc_high", "pgalloc_movable", "allocstall_dma", "allocstall_normal",
    "allocstall_high", "allocstall_movable", "pgskip_dma", "pgskip_normal", "pgskip_high",
    "pgskip_movable", "pgfree", "pgactivate", "pgdeactivate", "pglazyfree", "pgfault",
    "pgmajfault", "oom_kill", "unevictable_pgs_culled", "unevictable_pgs_scanned",
    "unevictable_pgs_rescued", "unevictable_pgs_mlocked", "unevictable_pgs_munlocked",
    "unevictable_pgs_cleared", "unevictable_pgs_stranded", "swap_ra", "swap_ra_hit", "nr_unstable",
]

# /proc/stat's lines in Linux's order (fs/proc/stat.c, show_stat): the name, then the numbers.
LINUX_STAT_LINES = [("cpu ", r"( \d+){10}"), ("cpu0", r"( \d+){10}"), ("intr", r"( \d+)+"),
                    ("ctxt", r" \d+"), ("btime", r" \d+"), ("processes", r" \d+"),
                    ("procs_running", r" \d+"), ("procs_blocked", r" \d+"),
                    ("softirq", r"( \d+){11}")]


def check_stat_layout(lines):
    """The lines of a /proc/stat (one CPU's line kept: cpu1.. of a bigger host dropped)."""
    lines = [l for l in lines if not re.match(r"^cpu[1-9]", l)]
    assert len(lines) == len(LINUX_STAT_LINES), lines
    for line, (name, rest) in zip(lines, LINUX_STAT_LINES):
        assert line.startswith(name) and re.fullmatch(rest, line[len(name):]), repr(line)


SCRIPT_FILES = ["/proc/meminfo", "/proc/vmstat", "/proc/zoneinfo", "/proc/buddyinfo",
                "/proc/self/status", "/proc/self/maps", "/proc/self/stat", "/proc/self/statm",
                "/proc/uptime", "/proc/loadavg", "/proc/stat", "/proc/interrupts", "/proc/1/oom_score",
                "/proc/1/oom_score_adj", "/proc/1/oom_adj"]


def sections(log):
    """Text between '@@ NAME' marker lines printed by the script."""
    out, name = {}, None
    for line in log.splitlines():
        m = re.match(r"^@@ (\S+)$", line)
        if m:
            name = m.group(1)
            out[name] = []
        elif name is not None and not line.startswith("["):
            out[name].append(line)
    return out


@pytest.fixture(scope="module")
def shown(tmp_path_factory):
    # The script is a file in an extra initramfs, not serial input: input typed
    # while a command prints is echoed into its output.
    script = ""
    for f in SCRIPT_FILES:
        script += f"echo @@ {f}\ncat {f}\n"
    script += ("echo @@ free\nfree\necho @@ free-m\nfree -m\necho @@ free-h\nfree -h\n"
               "echo @@ ps\nps\necho @@ ps-o\nps -o pid,oom_score,oom_score_adj,comm\n"
               "echo @@ vmstat\nvmstat 1 2\n"
               "echo @@ sysctl-set\nsysctl vm.swappiness=10\n"
               "echo @@ sysctl-get\nsysctl vm.swappiness\n"
               "echo @@ sysctl-bad\nsysctl vm.swappiness=500\necho status $?\n"
               "echo @@ sysctl-a\nsysctl -a\n"
               "echo @@ memhog\nmemhog -s 7 8\necho status $?\n"
               "echo @@ end\nexit 0\n")
    extra = write_cpio(tmp_path_factory.mktemp("procfs") / "script.cpio",
                       {"test/procfs.sh": script.encode()}, dirs=["test"])
    r = run_qemu("procfs-layouts", cmdline="console=ttyS0 init=/bin/sh -- /test/procfs.sh",
                 mem="64M", initrd=[str(BUILD / "initramfs.cpio"), str(extra)])
    assert r.status == 0, r.describe()
    return r, sections(r.log)


def in_linux_order(names, order):
    idx = [order.index(n) for n in names]
    return idx == sorted(idx)


def test_procfstest_passes_as_init(boot):
    # 128 MiB: the 64 MiB demand-zero mapping must pass overcommit's heuristic
    # (a single request larger than RAM + swap is refused, as in Linux).
    r = boot(cmdline="console=ttyS0 init=/bin/procfstest", mem="128M")
    fails = r.grep(r"^FAIL .*$")
    assert not fails, f"{fails}\n{r.describe()}"
    for name in ("demand_zero", "cow", "sysctl_ranges", "watermarks", "oom_files", "self_files",
                 "fork_chain"):
        assert f"PASS {name}" in r.log, f"{name} did not pass; {r.describe()}"
    r.expect_status(0)
    assert re.search(r"procfstest \(1\): drop_caches: 3", r.log), "drop_caches log line"
    assert "/proc/1/oom_adj is deprecated, please use /proc/1/oom_score_adj instead." not in r.log
    assert re.search(r"\(\d+\): /proc/\d+/oom_adj is deprecated, please use "
                     r"/proc/\d+/oom_score_adj instead\.", r.log)


def test_meminfo_layout(shown):
    _, s = shown
    lines = [l for l in s["/proc/meminfo"] if l]
    names = []
    for line in lines:
        m = re.match(r"^(\S+):(\s+)(\d+) kB$", line)
        assert m, f"not a meminfo line: {line!r}"
        assert len(m.group(1)) + 1 + len(m.group(2)) + len(m.group(3)) == 24 or \
            len(m.group(3)) > 8, f"label+value not 16+8 columns: {line!r}"
        names.append(m.group(1))
    assert all(n in LINUX_MEMINFO_ORDER for n in names), names
    assert in_linux_order(names, LINUX_MEMINFO_ORDER), names
    assert [n for n in REQUIRED_MEMINFO if n not in names] == []
    v = {n: int(re.search(r"(\d+) kB", l).group(1)) for n, l in zip(names, lines)}
    assert 50000 < v["MemTotal"] <= 65536
    assert v["MemFree"] <= v["MemTotal"] and v["MemAvailable"] <= v["MemFree"]
    assert v["LowTotal"] + v["HighTotal"] == v["MemTotal"]
    assert v["LowFree"] + v["HighFree"] == v["MemFree"]
    assert v["Slab"] == v["SReclaimable"] + v["SUnreclaim"] > 0
    assert v["CommitLimit"] == v["MemTotal"] // 4 * 50 // 100 * 4 + v["SwapTotal"]
    assert v["DirectMap4k"] > 0 and v["KernelStack"] > 0 and v["PageTables"] > 0


def test_vmstat_layout(shown):
    _, s = shown
    lines = [l for l in s["/proc/vmstat"] if l]
    names = []
    for line in lines:
        assert re.match(r"^[a-z0-9_]+ \d+$", line), f"not a vmstat line: {line!r}"
        names.append(line.split()[0])
    assert names[-1] == "nr_unstable" and lines[-1] == "nr_unstable 0"
    for n in ("pgfault", "pgmajfault", "pgfree", "allocstall_dma", "allocstall_normal",
              "allocstall_high", "allocstall_movable", "pgalloc_normal", "nr_free_pages"):
        assert n in names, n
    known = [n for n in names if n in LINUX_VMSTAT_ORDER]
    assert in_linux_order(known, LINUX_VMSTAT_ORDER), names
    assert "allocstall" not in names  # split per zone since Linux 4.8


def test_zoneinfo_layout(shown):
    _, s = shown
    text = "\n".join(s["/proc/zoneinfo"])
    blocks = re.split(r"(?m)^(?=Node 0, zone)", text)[1:]
    assert [re.match(r"Node 0, zone +(\S+)", b).group(1) for b in blocks] == \
        ["DMA", "Normal", "HighMem", "Movable"]
    for b in blocks:
        assert re.match(r"Node 0, zone {1,}\S+\n", b) and len(b.split("\n")[0]) == 21
        assert re.search(r"\n  pages free     \d+\n        boost    \d+\n        min      \d+\n"
                         r"        low      \d+\n        high     \d+\n        promo    \d+\n"
                         r"        spanned  \d+\n        present  \d+\n        managed  \d+\n"
                         r"        cma      \d+\n        protection: \(\d+, \d+, \d+, \d+\)", b), b
    assert "\n  per-node stats\n      nr_inactive_anon " in blocks[0]
    assert "per-node stats" not in blocks[1]
    assert re.search(r"\n      nr_free_pages \d+\n", blocks[1])
    assert re.search(r"\n  pagesets\n    cpu: 0\n              count: \d+\n              high:  \d+\n"
                     r"              batch: \d+\n  vm stats threshold: \d+\n"
                     r"  node_unreclaimable:  [01]\n  start_pfn:           \d+", blocks[1])
    assert "pagesets" not in blocks[2]  # an empty zone stops after protection


def test_buddyinfo_layout(shown):
    _, s = shown
    lines = [l for l in s["/proc/buddyinfo"] if l]
    assert len(lines) == 2
    for line, zone in zip(lines, ["DMA", "Normal"]):
        assert re.match(r"^Node 0, zone %8s (?:[ \d]{6} ){11}$" % zone, line), repr(line)


def test_pid_files_layout(shown):
    _, s = shown
    status = [l for l in s["/proc/self/status"] if l]
    names = [l.split(":")[0] for l in status]
    assert in_linux_order(names, LINUX_STATUS_ORDER), names
    assert [n for n in REQUIRED_STATUS if n not in names] == []
    assert "Name:\tcat" in status
    for l in status:
        if l.startswith(("Vm", "Rss")):
            assert re.match(r"^\w+:\t[ \d]{8} kB$", l), repr(l)
    stat = s["/proc/self/stat"][0].split()
    assert len(stat) == 52 and stat[1] == "(cat)" and stat[2] == "R", stat
    statm = s["/proc/self/statm"][0].split()
    assert len(statm) == 7 and all(x.isdigit() for x in statm)
    maps = [l for l in s["/proc/self/maps"] if l]
    for l in maps:
        m = re.match(r"^[0-9a-f]{8}-[0-9a-f]{8} [r-][w-][x-][ps] [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2}"
                     r" \d+ (.*)$", l)
        assert m, repr(l)
        if m.group(1).strip():
            assert len(l) - len(m.group(1).strip()) == 49, f"name not at column 49: {l!r}"
    assert any(l.endswith(" /bin/cat") and " r-xp " in l for l in maps), maps
    assert maps[-1].endswith(" [stack]")
    assert s["/proc/1/oom_score"][0] == "0"
    assert s["/proc/1/oom_score_adj"][0] == "0" and s["/proc/1/oom_adj"][0] == "0"
    assert re.match(r"^\d+\.\d\d \d+\.\d\d$", s["/proc/uptime"][0])
    assert re.match(r"^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+/\d+ \d+$", s["/proc/loadavg"][0])
    check_stat_layout(s["/proc/stat"])
    assert s["/proc/interrupts"][0].strip() == "CPU0"
    assert any(re.match(r"^ +0: +\d+ .*timer$", l) for l in s["/proc/interrupts"])


def test_free_matches_meminfo(shown):
    _, s = shown
    mem = {l.split(":")[0]: int(l.split()[1]) for l in s["/proc/meminfo"] if ":" in l}
    assert s["free"][0] == ("               total        used        free      shared"
                            "  buff/cache   available")
    row = s["free"][1].split()
    assert row[0] == "Mem:" and int(row[1]) == mem["MemTotal"]
    assert len(s["free"][1]) == 8 + 12 * 6
    assert int(row[2]) + int(row[6]) == int(row[1])  # used = total - available (procps 4)
    assert s["free"][2].split()[0] == "Swap:"
    assert int(s["free-m"][1].split()[1]) == mem["MemTotal"] // 1024
    assert re.match(r"^Mem: +\d+(\.\d)?Mi ", s["free-h"][1]), s["free-h"]


def test_ps_lists_init_and_itself(shown):
    _, s = shown
    assert s["ps"][0] == "  PID  PPID S   RSS    VSZ  SWAP COMMAND"
    rows = [l.split(None, 6) for l in s["ps"][1:] if l.strip()]
    init = [r for r in rows if r[0] == "1"]
    assert init and init[0][1] == "0" and init[0][6] == "/bin/sh /test/procfs.sh", rows
    me = [r for r in rows if r[6] == "ps"]
    assert me and me[0][2] == "R" and int(me[0][3]) > 0 and int(me[0][4]) >= int(me[0][3])
    assert s["ps-o"][0] == "  PID  OOM OOMADJ COMMAND"  # procps's headers and widths
    init = [l.split() for l in s["ps-o"][1:] if l.split() and l.split()[0] == "1"]
    assert init[0][1:] == ["0", "0", "sh"]
    child = [l.split() for l in s["ps-o"][1:] if l.split() and l.split()[-1] == "ps"]
    assert int(child[0][1]) >= 666  # adj 0 and some memory: (1000 + badness*1000/total)*2/3


def test_vmstat_tool(shown):
    _, s = shown
    out = [l for l in s["vmstat"] if l]
    assert out[0].startswith("procs -----------memory---------- ---swap-- -----io----")
    assert out[1].split() == ["r", "b", "swpd", "free", "buff", "cache", "si", "so", "bi", "bo",
                              "in", "cs", "us", "sy", "id", "wa", "st"]
    assert len(out) == 4
    for l in out[2:]:
        assert len(l.split()) == 17 and int(l.split()[3]) > 1000


def test_sysctl_tool(shown):
    r, s = shown
    assert s["sysctl-set"] == ["vm.swappiness = 10"]
    assert s["sysctl-get"] == ["vm.swappiness = 10"]
    assert s["sysctl-bad"][0] == 'sysctl: setting key "vm.swappiness": Invalid argument'
    assert s["sysctl-bad"][1] == "status 1"
    keys = [l.split(" = ")[0] for l in s["sysctl-a"] if l]
    assert keys == sorted(keys) and "vm.drop_caches" not in keys
    for k in ("vm.min_free_kbytes", "vm.watermark_scale_factor", "vm.swappiness",
              "vm.overcommit_memory", "vm.overcommit_ratio", "vm.page-cluster",
              "vm.panic_on_oom", "vm.oom_kill_allocating_task", "vm.lowmem_reserve_ratio"):
        assert k in keys
    assert "vm.lowmem_reserve_ratio = 256\t32\t0\t0" in s["sysctl-a"]


def test_memhog(shown):
    _, s = shown
    out = s["memhog"]
    assert "memhog: 4/8 MiB touched" in out and "memhog: 8/8 MiB touched" in out
    rss = [int(l.split()[2]) for l in out if l.startswith("memhog: VmRSS")]
    assert rss and rss[0] >= 8 * 1024
    assert "memhog: verified 8 MiB" in out and "status 0" in out


def test_boot_swappiness_and_overcommit(boot):
    r = boot(cmdline="console=ttyS0 swappiness=33 overcommit_memory=2 init=/bin/sysctl -- "
                     "vm.swappiness vm.overcommit_memory", mem="32M")
    assert "vm.swappiness = 33" in r.log and "vm.overcommit_memory = 2" in r.log, r.describe()
