"""The OOM killer (issue 7): who dies, what the log says, and that the system survives.

No swap disk in these boots: anonymous memory cannot be reclaimed, so running
out goes straight from direct reclaim to the OOM killer.
"""
import re

KILLED = re.compile(r"Out of memory: Killed process (\d+) \((\S+)\) total-vm:(\d+)kB, "
                    r"anon-rss:(\d+)kB, file-rss:(\d+)kB, shmem-rss:(\d+)kB, UID:0 "
                    r"pgtables:(\d+)kB oom_score_adj:(-?\d+)")
TRIGGER = re.compile(r"(\S+) invoked oom-killer: gfp_mask=0x[0-9a-f]+\(\S+\), order=0, "
                     r"oom_score_adj=-?\d+")
TABLE_HEAD = "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name"
TABLE_ROW = re.compile(r"\[ *(\d+)\] +0 +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(-?\d+) (\S+)")


def test_allocating_process_is_the_victim_with_linux_report(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/oomtest -- hog", mem="32M")
    r.expect_status(0)
    assert "PASS round 1" in r.log, r.describe()
    assert TRIGGER.search(r.log), r.describe()
    assert "Mem-Info:" in r.log and re.search(r"Node 0 Normal free:\d+kB", r.log)
    assert TABLE_HEAD in r.log
    rows = TABLE_ROW.findall(r.log)
    assert any(row[0] == "1" for row in rows), rows          # init is listed ...
    killed = KILLED.findall(r.log)
    assert len(killed) == 1 and killed[0][0] != "1", killed  # ... but never chosen
    assert "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom" in r.log
    # The victim is the process with the biggest RSS in the table.
    biggest = max(rows, key=lambda row: int(row[3]))
    assert biggest[0] == killed[0][0], (biggest, killed)


def test_twenty_oom_kills_in_a_row(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/leakcheck -- /bin/oomtest repeat 20", mem="32M",
             timeout=300)
    r.expect_status(0)
    assert len(KILLED.findall(r.log)) == 20, r.describe()
    assert "page allocation failure" not in r.log    # the victims exit using the reserves
    m = re.search(r"leakcheck: MemFree (\d+) kB -> (\d+) kB", r.log)
    assert m and m.group(1) == m.group(2), r.describe()   # no page lost over 20 kills


def test_victim_asleep_in_the_kernel_is_killed(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/oomtest -- sleeper 16", mem="32M")
    r.expect_status(0)
    assert "PASS sleeper" in r.log, r.describe()


def test_fork_bomb_with_memory_hogs_leaves_init_running(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/oomtest -- forkbomb 60", mem="32M", timeout=300)
    r.expect_status(0)
    assert "PASS forkbomb: init survived" in r.log, r.describe()


LEAKCHECK = re.compile(r"leakcheck: MemFree (\d+) kB -> (\d+) kB")


def test_oom_score_adj_decides_the_victim(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/leakcheck -- /bin/oomtest adj 8", mem="32M")
    r.expect_status(0)
    assert "PASS adj: +500 died, -1000 survived" in r.log, r.describe()
    hogs = dict(re.findall(r"hog (\d+): oom_score_adj (-?\d+)", r.log))
    killed = KILLED.findall(r.log)
    assert killed, r.describe()
    assert hogs.get(killed[0][0]) == "500", (hogs, killed)      # the +500 hog dies first
    assert killed[0][7] == "500"                                 # and the line says so
    assert all(hogs.get(k[0]) != "-1000" for k in killed), killed
    m = LEAKCHECK.search(r.log)
    assert m and m.group(1) == m.group(2), r.describe()


def test_overcommit_never_refuses_past_commit_limit_without_killing(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/overcommit -- 2", mem="32M")
    r.expect_status(0)
    assert "overcommit: 0 failed" in r.log, r.describe()
    assert re.search(r"__vm_enough_memory: pid: \d+, comm: overcommit, bytes: \d+ not enough "
                     r"memory for the allocation", r.log)
    assert "Killed process" not in r.log


def test_overcommit_always_accepts_a_2gib_sparse_mapping(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/overcommit -- 1", mem="32M")
    r.expect_status(0)
    assert "overcommit: 0 failed" in r.log, r.describe()


def test_overcommit_heuristic_refuses_more_than_ram_plus_swap(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/overcommit -- 0", mem="32M")
    r.expect_status(0)
    assert "overcommit: 0 failed" in r.log, r.describe()


def test_no_eligible_victim_panics_with_linux_message(boot):
    # init itself (never eligible) is the only process using memory.
    r = boot(cmdline="console=ttyS0 init=/bin/memhog -- 28", mem="32M")
    r.expect_panic("System is deadlocked on memory")
    assert "Out of memory and no killable processes..." in r.log, r.describe()


def test_panic_on_oom(boot):
    # The first newline is sacrificial: a byte typed before the UART is set up may be lost.
    script = "\nsysctl vm.panic_on_oom=1\n/bin/oomtest hog\necho not reached\n"
    r = boot(cmdline="console=ttyS0 init=/bin/sh", input=script, mem="32M")
    r.expect_panic("Out of memory: system-wide panic_on_oom is enabled")
    assert "invoked oom-killer" in r.log and "Killed process" not in r.log, r.describe()
