import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from tidemark import run_qemu  # noqa: E402


@pytest.fixture
def boot(request):
    """boot(cmdline=..., mem=..., ...) -> tidemark.Boot, logged under the test's name."""
    count = [0]
    boots = request.node.tidemark_boots = []

    def _boot(**kw):
        count[0] += 1
        name = request.node.name + (f"-{count[0]}" if count[0] > 1 else "")
        r = run_qemu(name, **kw)
        boots.append(r)
        return r

    return _boot


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test shows the serial log of each of its boots: path and last lines."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    for b in getattr(item, "tidemark_boots", []):
        if str(b.log_path) not in str(report.longrepr):
            report.sections.append((f"serial log {b.log_path}", b.tail(30)))


def pytest_terminal_summary(terminalreporter, config):
    stats = terminalreporter.stats
    config._tidemark_counts = tuple(len(stats.get(k, [])) for k in ("passed", "failed", "error", "skipped"))


def pytest_unconfigure(config):
    """The last line of `make systest` for CI: "system tests: N passed, N failed"."""
    counts = getattr(config, "_tidemark_counts", None)
    if counts is None or hasattr(config, "workerinput"):
        return
    passed, failed, errors, skipped = counts
    line = f"system tests: {passed} passed, {failed + errors} failed"
    print(line + (f", {skipped} skipped" if skipped else ""))
