"""GDB against QEMU's gdbstub without a terminal: what `make debug` gives a user.

run_gdb() starts QEMU stopped (-S) with its gdbstub on a Unix socket and runs
gdb in batch mode with tools/gdb/tidemark.gdb, whose tidemark-attach
connects and runs to start_kernel with a hardware breakpoint (paging is
off at reset; see the script).
"""
import os
import re
import shutil
import subprocess
import tempfile

from tidemark import ROOT, run_gdb


def frames(bt):
    """Function names of a gdb backtrace, innermost first."""
    return re.findall(r"^#\d+\s+(?:0x[0-9a-f]+ in )?([A-Za-z_][\w.]*) \(", bt, re.MULTILINE)


def test_gdb_breaks_at_start_kernel_and_at_panic():
    r = run_gdb("test_gdb_breaks_at_start_kernel_and_at_panic", [
        ("start", ["bt"]),
        ("early-dmesg", ["lx-dmesg"]),
        ("early-zoneinfo", ["tm-zoneinfo"]),
        ("early-buddyinfo", ["tm-buddyinfo"]),
        ("early-lru", ["tm-lru"]),
        ("early-ps", ["tm-ps"]),
        ("panic", ["break panic", "continue", "bt"]),
        ("cmdline", ["lx-cmdline"]),
        ("dmesg", ["lx-dmesg"]),
    ], cmdline="console=ttyS0 lkdtm=PANIC")
    assert not r.timed_out, r.describe()

    assert re.search(r"^Temporary breakpoint 1, start_kernel \(", r.section("attach"), re.M), r.describe()
    assert frames(r.section("start"))[:1] == ["start_kernel"], r.describe()

    # At the first stop nothing is set up: each helper says so, in a sentence.
    assert "the log is empty" in r.section("early-dmesg"), r.describe()
    for helper in ("zoneinfo", "buddyinfo", "lru"):
        out = r.section(f"early-{helper}")
        assert f"tm-{helper}: memory is not set up yet" in out, f"{helper}: {out}"
        assert "Error occurred in Python" not in out and "MemoryError" not in out, out
    # The task list is a static list holding the idle task from the start.
    assert re.search(r"^\* 0x[0-9a-f]{8} +0 +0 R +0 +0 +0 \[swapper/0\]$", r.section("early-ps"),
                     re.M), r.describe()

    panic = r.section("panic")
    assert re.search(r"^Breakpoint 2, panic \(", panic, re.M), r.describe()
    f = frames(panic)
    assert f[:4] == ["panic", "lkdtm_PANIC", "lkdtm_do_action", "lkdtm_init"], f"frames {f}; {r.describe()}"
    assert f[4] == "start_kernel", f"frames {f}; {r.describe()}"

    assert r.section("cmdline").strip().endswith("console=ttyS0 lkdtm=PANIC"), r.describe()
    # lx-dmesg prints the log buffer as dmesg does: timestamps, no <level>.
    dmesg = r.section("dmesg")
    assert re.search(r"^\[ *\d+\.\d{6}\] Tidemark version ", dmesg, re.M), r.describe()
    assert re.search(r"^\[ *\d+\.\d{6}\] lkdtm: Performing direct entry PANIC$", dmesg, re.M), r.describe()
    assert not re.search(r"^<\d>", dmesg, re.M), r.describe()
    # The kernel is stopped at panic's first line: nothing of it is logged yet.
    assert "Kernel panic" not in dmesg, r.describe()


def test_gdb_bt_from_die_reaches_the_faulting_function():
    """bt from the oops report unwinds through the exception entry
    (tools/gdb/tidemark.py's EntryUnwinder) into the code that faulted."""
    r = run_gdb("test_gdb_bt_from_die_reaches_the_faulting_function", [
        ("die", ["break die", "continue", "bt"]),
        ("fault", ["p/x $cr2", "info symbol regs->ip"]),
    ], cmdline="console=ttyS0 lkdtm=EXCEPTION")
    assert not r.timed_out, r.describe()

    die = r.section("die")
    assert re.search(r"^Breakpoint 2, die \(", die, re.M), r.describe()
    f = frames(die)
    assert f[0] == "die" and "do_page_fault" in f, f"frames {f}; {r.describe()}"
    entry = f.index("entry_common") if "entry_common" in f else None
    assert entry is not None, f"frames {f}; {r.describe()}"
    assert f[entry + 1:entry + 5] == ["lkdtm_EXCEPTION", "lkdtm_do_action", "lkdtm_init",
                                      "start_kernel"], f"frames {f}; {r.describe()}"

    fault = r.section("fault")
    assert re.search(r"^\$1 = 0x0$", fault, re.M), r.describe()          # NULL write: CR2 = 0
    assert re.search(r"^lkdtm_EXCEPTION \+ \d+ in section \.text", fault, re.M), r.describe()


def _qemu_pids_with(text):
    """Pids of running processes whose command line contains text."""
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if text.encode() in f.read():
                    pids.append(int(pid))
        except OSError:
            pass
    return pids


def test_make_debug_stops_at_start_kernel_and_kills_qemu_after_gdb():
    tmp = tempfile.mkdtemp(prefix="tm-dbg-")
    sock = os.path.join(tmp, "gdb.sock")
    # A disk of our own: QEMU locks build/swap.img, which test_make_run uses.
    disk = os.path.join(tmp, "swap.img")
    with open(disk, "wb") as f:
        f.truncate(1 << 20)
    env = dict(os.environ, GDB_SOCKET=sock, DEBUG_SERIAL=os.path.join(tmp, "serial.log"),
               SWAP_IMG=disk, GDBFLAGS="-batch -nx -ex bt")
    # Output to a file, not a pipe: a QEMU left behind would hold a pipe open.
    with tempfile.TemporaryFile() as log:
        p = subprocess.Popen(["make", "-s", "debug"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                             stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            p.wait(timeout=120)
        finally:
            if p.poll() is None:
                os.killpg(p.pid, 9)
                p.wait()
            leftover = _qemu_pids_with(sock)
            for pid in leftover:
                os.kill(pid, 9)
            shutil.rmtree(tmp, ignore_errors=True)
        log.seek(0)
        out = log.read().decode("utf-8", "replace")
    assert p.returncode == 0, out
    assert re.search(r"^Temporary breakpoint 1, start_kernel \(", out, re.M), out
    assert frames(out)[:1] == ["start_kernel"], out
    assert not leftover, f"QEMU still running after gdb exited: {leftover}\n{out}"
