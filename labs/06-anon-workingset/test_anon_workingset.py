"""Lab 06: refault detection for anonymous pages (README.md).

A solution passes when an anonymous workload pushed through swap shows
Linux's anon workingset counters moving: pages read back from swap are
counted as refaults (workingset_refault_anon), those whose refault
distance fits the working set go straight to the active list
(workingset_activate_anon), every word is still verified, and no memory
or swap is lost (the shadows go with their slots).
"""
import re

from test_swapping import LEAKCHECK, swap_disk

RAM = "32M"
SCRIPT = "\n".join([
    "", "",
    "cat /proc/vmstat",
    "echo =''=run",
    "hotset 16 20 3 7",
    "echo =''=after",
    "cat /proc/vmstat",
    "exit 0", "",
])


def counters(text):
    return {k: int(v) for k, v in re.findall(r"^(workingset_\w+) (\d+)$", text, re.M)}


def test_anon_refaults_are_detected_and_activated(boot, tmp_path):
    disk = swap_disk(tmp_path / "swap.img", 128)
    r = boot(cmdline="console=ttyS0 init=/bin/leakcheck -- /bin/sh", input=SCRIPT, mem=RAM,
             disks=[str(disk)], timeout=600)
    r.expect_status(0)
    assert "PASS hotset" in r.log, r.describe()
    before, after = counters(r.log.split("==run")[0]), counters(r.log.split("==after")[1])
    pswpin = int(re.search(r"hotset: pgmajfault=\d+ pswpin=(\d+)", r.log).group(1))
    refault = after["workingset_refault_anon"] - before["workingset_refault_anon"]
    activate = after["workingset_activate_anon"] - before["workingset_activate_anon"]
    # every page read back from swap had been evicted by reclaim: most are refaults
    assert pswpin > 0 and refault >= pswpin // 2, (pswpin, before, after)
    # the hot pages come back within the working set's distance
    assert activate > 0 and activate <= refault, (before, after)
    leak = LEAKCHECK.search(r.log)
    assert leak and leak.group(1) == leak.group(2) and leak.group(3) == leak.group(4), r.describe()
