"""CPU time accounting (issue 20): per-task and per-CPU ticks, /proc/stat,
/proc/uptime's idle, the load average, times(2) and getrusage(2), and
vmstat's cpu columns under a busy workload."""
import re


def test_cputest_passes_as_init(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/cputest", mem="32M")
    fails = r.grep(r"^FAIL .*$")
    assert not fails, f"{fails}\n{r.describe()}"
    for name in ("user_time", "system_time", "proc_stat", "loadavg", "bad_args"):
        assert f"PASS {name}" in r.log, f"{name} did not pass; {r.describe()}"
    r.expect_status(0)


def test_vmstat_cpu_columns_while_two_hogs_run(boot):
    # Two memhogs rewrite and verify 2 MiB each, round after round, in user mode.
    script = ("memhog -s 1 -r 100000 2 > /dev/null &\n"
              "memhog -s 2 -r 100000 2 > /dev/null &\n"
              "vmstat 1 3\n"
              "kill -9 -1\nwait\nexit 0\n")
    r = boot(cmdline="console=ttyS0 init=/bin/sh", input=script, mem="48M")
    rows = [list(map(int, line.split())) for line in r.log.splitlines()
            if re.fullmatch(r"\s*(\d+\s+){16}\d+\s*", line)]
    assert len(rows) == 3, r.describe()
    for row in rows[1:]:   # the first line averages since boot
        r_col, us, sy, idle, wa = row[0], row[12], row[13], row[14], row[15]
        assert r_col >= 2, f"r {r_col} with two hogs running\n{r.describe()}"
        assert us >= 50 and idle <= 30, f"us {us} id {idle} with two hogs\n{r.describe()}"
        assert abs(us + sy + idle + wa + row[16] - 100) <= 2, r.describe()
    r.expect_status(0)
