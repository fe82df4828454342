"""In-kernel tests (ktest, KUnit-like): KTAP on the serial line, exit status by the protocol."""
import re


def test_all_ktest_suites_pass(boot):
    r = boot(cmdline="console=ttyS0 ktest=all", mem="64M")
    assert "KTAP version 1" in r.log, r.describe()
    failed = r.grep(r"^\[[ .0-9]+\]\s+not ok \d+ (\S+)")
    assert not failed, f"failing ktest cases/suites {failed}; {r.describe()}"
    totals = r.grep(r"# Totals: pass:(\d+) fail:(\d+) skip:(\d+) total:(\d+)")
    assert totals and totals[-1][1] == "0" and int(totals[-1][0]) > 0, r.describe()
    r.expect_status(0)


def test_ktest_reports_a_failing_case_with_exit_status_1(boot):
    r = boot(cmdline="console=ttyS0 ktest=ktest_selftest")
    assert r.status == 1, r.describe()
    assert re.search(r"# deliberately_fails: EXPECTATION FAILED at kernel/lib/lib_ktest\.c:\d+", r.log)
    assert "Expected 1 + 1 == 3, but" in r.log
    assert "not ok 1 deliberately_fails" in r.log
    assert "ok 2 is_skipped # SKIP demonstrates a skipped case" in r.log
    assert "# ktest_selftest: pass:0 fail:1 skip:1 total:2" in r.log
    assert "not ok 1 ktest_selftest" in r.log


def test_unknown_ktest_suite_fails(boot):
    r = boot(cmdline="console=ttyS0 ktest=no_such_suite")
    assert r.status == 1, r.describe()
    assert '# ktest: no suite matches "no_such_suite"' in r.log
