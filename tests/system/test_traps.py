"""Traps, oopses and the lkdtm crash points (kernel/traps.c, dumpstack.c, lkdtm.c).

Each lkdtm=NAME boot must end in a panic (QEMU exit 255, never a triple
fault or a hang) after a Linux-style report: the first line that names the
problem, the die() header, EIP in the crashing function, the register
dump, and a call trace from the crashing function up to start_kernel.
"""
import re

import pytest

REG_DUMP = [
    r"^\[[ .0-9]+\] EAX: [0-9a-f]{8} EBX: [0-9a-f]{8} ECX: [0-9a-f]{8} EDX: [0-9a-f]{8}$",
    r"^\[[ .0-9]+\] ESI: [0-9a-f]{8} EDI: [0-9a-f]{8} EBP: [0-9a-f]{8} ESP: [0-9a-f]{8}$",
    r"^\[[ .0-9]+\] DS: 0010 ES: 0010 FS: [0-9a-f]{4} GS: [0-9a-f]{4} SS: 0010 EFLAGS: [0-9a-f]{8}$",
    r"^\[[ .0-9]+\] CR0: [0-9a-f]{8} CR2: [0-9a-f]{8} CR3: [0-9a-f]{8} CR4: [0-9a-f]{8}$",
]

# name -> (lines expected in this order, the function EIP names, extra cmdline)
OOPSES = {
    "EXCEPTION": ([
        "BUG: kernel NULL pointer dereference, address: 00000000",
        "#PF: supervisor write access in kernel mode",
        "#PF: error_code(0x0002) - not-present page",
        "*pde = 00000000 ",
        "Oops: 0002 [#1]",
    ], "lkdtm_EXCEPTION", ""),
    "ACCESS_NULL": ([
        "lkdtm: attempting bad read at 00000000",
        "BUG: kernel NULL pointer dereference, address: 00000000",
        "#PF: supervisor read access in kernel mode",
        "#PF: error_code(0x0000) - not-present page",
        "Oops: 0000 [#1]",
    ], "lkdtm_ACCESS_NULL", ""),
    "WRITE_RO": ([
        "BUG: unable to handle page fault for address: c0",
        "#PF: supervisor write access in kernel mode",
        "#PF: error_code(0x0003) - permissions violation",
        "Oops: 0003 [#1]",
    ], "lkdtm_WRITE_RO", ""),
    "BUG": ([
        "------------[ cut here ]------------",
        "kernel BUG at kernel/lkdtm.c:",
        "invalid opcode: 0000 [#1]",
    ], "lkdtm_BUG", ""),
    # quiet: the oops must still reach the console (console_verbose).
    "DOUBLE_FAULT": ([
        "PANIC: double fault, error_code: 0x0",
        "double fault: 0000 [#1]",
    ], "lkdtm_DOUBLE_FAULT", " quiet"),
    "EXHAUST_STACK": ([
        "BUG: TASK stack guard page was hit at c0",
        "stack guard page: 0000 [#1]",
    ], "recursive_loop", ""),
}


def call_trace(log):
    """The oops's Call Trace lines (up to the end-of-trace marker)."""
    m = re.search(r"\] Call Trace:\n(.*?)---\[ end trace", log, re.S)
    assert m, "no Call Trace in the oops"
    return m.group(1)


@pytest.mark.parametrize("name", list(OOPSES))
def test_lkdtm_oops_reports_and_panics(boot, name):
    lines, eip_func, extra = OOPSES[name]
    r = boot(cmdline=f"console=ttyS0 lkdtm={name}{extra}")
    r.expect_panic("Kernel panic - not syncing: Fatal exception")
    if not extra:
        assert f"lkdtm: Performing direct entry {name}" in r.log, r.describe()
    pos = 0
    for line in lines:
        found = r.log.find(line, pos)
        assert found >= 0, f"{line!r} missing or out of order; {r.describe()}"
        pos = found
    assert re.search(rf"\] EIP: {eip_func}\+0x[0-9a-f]+/0x[0-9a-f]+$", r.log, re.M), r.describe()
    assert re.search(r"\] Code: ([0-9a-f]{2} ){42}<[0-9a-f]{2}>( [0-9a-f]{2}){21}$", r.log, re.M), r.describe()
    for pattern in REG_DUMP:
        assert re.search(pattern, r.log, re.M), f"{pattern!r} missing; {r.describe()}"
    trace = call_trace(r.log)
    assert f"lkdtm_{name}+" in trace and "start_kernel+" in trace, trace
    assert "---[ end trace 0000000000000000 ]---" in r.log


def test_write_ro_faults_at_the_rodata_object(boot):
    r = boot(cmdline="console=ttyS0 lkdtm=WRITE_RO")
    r.expect_panic("Fatal exception")
    addr = re.search(r"lkdtm: attempting bad rodata write at ([0-9a-f]{8})", r.log).group(1)
    assert f"BUG: unable to handle page fault for address: {addr}" in r.log, r.describe()
    assert re.search(rf"CR2: {addr} ", r.log), r.describe()
    assert "FAIL: survived bad write" not in r.log
    # The page table entry behind it: present, not writable (CR0.WP makes that bind the kernel).
    pte = int(re.search(r"\*pde = [0-9a-f]{8} \*pte = ([0-9a-f]{8}) $", r.log, re.M).group(1), 16)
    assert pte & 0x1 and not pte & 0x2, f"pte {pte:#x}"
    assert pte >> 12 == (int(addr, 16) - 0xC0000000) >> 12


def test_lkdtm_exec_null_reports_an_unreadable_eip(boot):
    r = boot(cmdline="console=ttyS0 lkdtm=EXEC_NULL")
    r.expect_panic("Kernel panic - not syncing: Fatal exception")
    assert "BUG: kernel NULL pointer dereference, address: 00000000" in r.log, r.describe()
    assert re.search(r"\] EIP: 0x0$", r.log, re.M), r.describe()
    assert "Code: Unable to access opcode bytes at 0xffffffd6." in r.log, r.describe()
    trace = call_trace(r.log)
    # The caller is found on the stack (the call pushed it), marked unreliable.
    assert "? lkdtm_EXEC_NULL+" in trace and "start_kernel+" in trace, trace


def test_lkdtm_panic_is_linux_dumptest(boot):
    r = boot(cmdline="console=ttyS0 lkdtm=PANIC")
    r.expect_panic("Kernel panic - not syncing: dumptest")
    trace = r.log.split("Kernel panic - not syncing: dumptest", 1)[1]
    assert "lkdtm_PANIC+" in trace and "start_kernel+" in trace, r.describe()
    assert "Oops" not in r.log


def test_unknown_lkdtm_name_is_logged_and_ignored(boot):
    r = boot(cmdline="console=ttyS0 lkdtm=NO_SUCH_CRASH init=/bin/true")
    assert "lkdtm: Unknown crashtype 'NO_SUCH_CRASH', ignored" in r.log, r.describe()
    # Boot goes on to its normal end: init runs and exits 0, without an oops.
    r.expect_status(0)


def test_printk_timestamps_advance_once_the_clock_runs(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/true")   # ends the boot at once
    assert re.search(r"tsc: Detected \d+\.\d{3} MHz processor", r.log), r.describe()
    stamps = [float(s) for s in r.grep(r"^\[\s*(\d+\.\d{6})\]")]
    assert stamps, r.describe()
    assert stamps == sorted(stamps), "printk timestamps went backwards"
    assert stamps[-1] > 0, f"the last line of the boot still reads 0; {r.describe()}"


def test_timer_and_traps_ktest_suites(boot):
    r = boot(cmdline="console=ttyS0 ktest=timer,traps")
    r.expect_status(0)
    assert re.search(r"ok \d+ timer$", r.log, re.M), r.describe()
    assert re.search(r"ok \d+ traps$", r.log, re.M), r.describe()
    assert "ok 1 jiffies_advance_at_hz" in r.log
    assert "ok 3 spurious_irq7_is_counted_not_fatal" in r.log
