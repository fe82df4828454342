"""Address spaces and the page-fault handler (issue 5), checked by user/memtest.c run as init."""
import re

SEGV = re.compile(r"memtest\[(\d+)\]: segfault at ([0-9a-f]+) ip ([0-9a-f]{8}) sp ([0-9a-f]{8}) "
                  r"error (\d+) in memtest\[([0-9a-f]+)\+([0-9a-f]+)\]")


def test_memtest_passes_as_init(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/memtest", mem="128M")
    fails = r.grep(r"^FAIL .*$")
    assert not fails, f"{fails}\n{r.describe()}"
    for name in ("anonymous_memory_reads_zero", "cow_after_fork", "shared_mapping_is_shared",
                 "fork_chain_100_deep", "stack_growth", "bad_accesses_are_sigsegv",
                 "mprotect_round_trip", "brk_grows_and_shrinks"):
        assert f"PASS {name}" in r.log, f"{name} did not pass; {r.describe()}"
    r.expect_status(0)


def test_segfaults_log_linux_line(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/memtest -- bad_accesses_are_sigsegv stack_growth")
    r.expect_status(0)
    lines = SEGV.findall(r.log)
    by_addr = {int(m[1], 16): int(m[4]) for m in lines}
    # error bits: 1 protection, 2 write, 4 user (Linux's x86_pf_error_code)
    assert by_addr.get(0) == 4, f"NULL read: {lines}"              # user read, not present
    assert by_addr.get(0xC0100000) == 7, f"kernel write: {lines}"  # user write to a present kernel page
    assert any(e == 6 for a, e in by_addr.items() if 0xB0000000 < a < 0xC0000000), lines
    assert len(lines) == 7, f"one line per bad access: {lines}"
    assert "Oops" not in r.log and "Kernel panic" not in r.log
