"""The tm-* gdb helpers (tools/gdb/tidemark_*.py) against what the kernel
itself reports through /proc at the same moment.

user/gdbtarget runs as init on a 32 MiB boot with a swap disk: it writes an
area at OLD_BASE, then more than RAM at NEW_BASE (OLD goes to swap), and
reads /proc/buddyinfo, /proc/zoneinfo, /proc/vmstat and /proc/self/status
once each. gdb breaks in the function that prints each file (frag_show,
zoneinfo_show, vmstat_show, proc_pid_status) and runs the helper there, so
both describe the same kernel state; the file's text then reaches the serial
log and is compared with the helper's.
"""
import ast
import re
import subprocess
from pathlib import Path

from tidemark import ROOT, run_gdb

GDB_DIR = ROOT / "tools" / "gdb"
OLD_BASE, OLD_PAGES = 0x60000000, 16      # user/gdbtarget.c
NEW_BASE, NEW_MB = 0x70000000, 40
PAGE = 4096
NEW_LAST = NEW_BASE + (NEW_MB << 20) - PAGE



def read_frame(addr):
    """A gdb command printing the string at the first physical address
    `tm-pte addr` names, read in QEMU's physical-memory mode: the frame's
    content, not the kernel's idea of it."""
    return ("python import re; "
            "pa = re.search(r' phys (0x[0-9a-f]+)', "
            f"gdb.execute('tm-pte {addr:#x}', to_string=True)).group(1); "
            "gdb.execute('maint packet Qqemu.PhyMemMode:1'); gdb.execute('x/s ' + pa); "
            "gdb.execute('maint packet Qqemu.PhyMemMode:0')")


def swap_disk(path, mb=128):
    with open(path, "wb") as f:
        f.truncate(mb << 20)
    subprocess.run(["/sbin/mkswap", str(path)], check=True, capture_output=True)
    return path


def proc_files(serial):
    """{path: text} of the "==> PATH <==" sections gdbtarget printed."""
    parts = re.split(r"^==> (\S+) <==\n", serial, flags=re.M)
    files = dict(zip(parts[1::2], parts[2::2]))
    if "/proc/self/status" in files:    # the last one runs up to the exit line
        files["/proc/self/status"] = files["/proc/self/status"].split("[", 1)[0]
    return files


def field(text, name):
    m = re.search(rf"^{name}:?\s+(\d+)", text, re.M)
    assert m, f"no {name} in\n{text}"
    return int(m.group(1))


def helper_lines(section):
    """gdb's output of a section without the breakpoint report that opens it."""
    lines = section.strip("\n").splitlines()
    while lines and not lines[0].startswith(("Node", "inactive_anon", "  ", "*")):
        lines.pop(0)
    return lines


def is_subsequence(small, big):
    it = iter(big)
    return all(line in it for line in small)


def test_tm_helpers_agree_with_proc_at_the_same_moment(tmp_path):
    disk = swap_disk(tmp_path / "swap.img")
    r = run_gdb("test_tm_helpers_agree_with_proc_at_the_same_moment", [
        ("early", ["tm-pte &contig_page_data"]),
        ("earlyps", ["tm-ps", "tm-lru", "tm-buddyinfo"]),
        ("breaks", ["break frag_show", "break zoneinfo_show", "break vmstat_show",
                    "break proc_pid_status"]),
        ("buddyinfo", ["continue", "tm-buddyinfo"]),
        ("zoneinfo", ["continue", "tm-zoneinfo"]),
        ("lru", ["continue", "tm-lru 3"]),
        ("status", ["continue", "tm-ps"]),
        ("old0", [f"tm-pte {OLD_BASE:#x}"]),
        ("old0pid", [f"tm-pte {OLD_BASE:#x} 1"]),
        ("untouched", [f"tm-pte {OLD_BASE + (OLD_PAGES - 1) * PAGE:#x}"]),
        ("nopt", ["tm-pte 0x50000000"]),
        ("kthread", ["tm-pte &contig_page_data 0"]),
        ("newlast", [f"tm-pte {NEW_LAST:#x}"]),
        ("frame", [read_frame(NEW_LAST)]),
        ("old0frame", [read_frame(OLD_BASE)]),
        ("dmesg", ["tm-dmesg"]),
        ("lxdmesg", ["lx-dmesg"]),
        ("end", ["delete", "continue"]),
    ], cmdline=f"console=ttyS0 init=/bin/gdbtarget -- {NEW_MB}", mem="32M", disks=[str(disk)],
        timeout=600)
    assert not r.timed_out, r.describe()
    assert r.qemu_exit_code == 33, f"gdbtarget did not exit 0; {r.describe()}"
    files = proc_files(r.serial)
    assert len(files) == 4, f"files {list(files)}; {r.describe()}"

    # At start_kernel there is no process: tm-pte walks the boot tables CR3 names.
    early = r.section("early")
    assert re.search(r"in pid 0 \(swapper/0\), no mm: CR3's pgd", early), r.describe()
    addr = int(early.split()[0], 16)
    assert f"present: pfn {(addr - 0xC0000000) >> 12:#x} " in early, r.describe()  # the direct map
    # Before memory setup: the task list (static) holds only the idle task, and
    # the memory helpers say memory is not set up yet.
    early = r.section("earlyps")
    assert re.search(r"^\* 0x[0-9a-f]{8} +0 +0 R +0 +0 +0 \[swapper/0\]$", early, re.M), r.describe()
    for helper in ("lru", "buddyinfo"):
        assert f"tm-{helper}: memory is not set up yet" in early, r.describe()
    assert "Error occurred in Python" not in early, r.describe()

    # tm-buddyinfo: /proc/buddyinfo, line for line.
    assert re.search(r"^Breakpoint \d+, frag_show ", r.section("buddyinfo"), re.M), r.describe()
    assert helper_lines(r.section("buddyinfo")) == files["/proc/buddyinfo"].splitlines(), r.describe()

    # tm-zoneinfo: a subset of /proc/zoneinfo's lines, in its order, with
    # free, the watermarks and the sizes of every populated zone.
    zi = helper_lines(r.section("zoneinfo"))
    proc_zi = files["/proc/zoneinfo"].splitlines()
    assert is_subsequence(zi, proc_zi), "tm-zoneinfo:\n" + "\n".join(zi) + f"\n{r.describe()}"
    blocks = re.split(r"^(?=Node 0, zone)", "\n".join(zi), flags=re.M)
    populated = [b for b in blocks if "pages free" in b]
    assert len(populated) == 2, r.describe()          # DMA and Normal on 32 MiB
    for b in populated:
        for name in ("pages free", "min", "low", "high", "spanned", "present", "managed",
                     "nr_zone_inactive_anon", "nr_zone_active_anon"):
            assert re.search(rf"^\s+{name}\s+\d+$", b, re.M), f"{name} missing in\n{b}"

    # tm-lru: the list sizes are /proc/vmstat's nr_*_anon; the pages shown are on their list.
    lru = "\n".join(helper_lines(r.section("lru")))
    vmstat = files["/proc/vmstat"]
    for name in ("inactive_anon", "active_anon", "unevictable"):
        m = re.search(rf"^{name}\s+(\d+) pages$", lru, re.M)
        assert m and int(m.group(1)) == field(vmstat, f"nr_{name}"), f"{name}: {lru}"
    assert field(vmstat, "nr_inactive_anon") > 1000, vmstat        # NEW's pages
    inactive = re.search(r"^inactive_anon.*\n((?:  .*\n){3})", lru + "\n", re.M)
    assert inactive, lru
    for line in inactive.group(1).splitlines():
        flags = re.search(r" flags 0x[0-9a-f]+ (\S+) ", line).group(1).split(",")
        assert "lru" in flags and "active" not in flags, line
        # Mapped by the workload, or already unmapped and written to swap, waiting at the
        # tail for reclaim to free it (end_swap_bio_write rotates it there).
        mapped = re.search(r" mapcount 1 refcount \d+ pid 1 \(gdbtarget\) 0x[0-9a-f]{8}$", line)
        swapped = "swapcache" in flags and re.search(r" mapcount 0 refcount \d+$", line)
        assert mapped or swapped, line

    # tm-ps: the workload as /proc/self/status shows it, and kswapd as a kernel thread.
    status = files["/proc/self/status"]
    ps = r.section("status")
    m = re.search(r"^\* 0x[0-9a-f]{8} +1 +0 (\S) +(\d+) +(\d+) +(\d+) gdbtarget$", ps, re.M)
    assert m, ps
    assert m.group(1) == re.search(r"^State:\s+(\S)", status, re.M).group(1), ps
    assert int(m.group(2)) == field(status, "VmRSS"), ps
    assert int(m.group(3)) == field(status, "VmSize"), ps
    assert int(m.group(4)) == field(status, "VmSwap") > 0, ps
    assert re.search(r"^  0x[0-9a-f]{8} +\d+ +0 [RSD] +0 +0 +0 \[kswapd0\]$", ps, re.M), ps
    assert re.search(r"^  0x[0-9a-f]{8} +0 +0 R +0 +0 +0 \[swapper/0\]$", ps, re.M), ps

    # tm-pte on OLD's first page: a swap entry, and that slot of the disk holds the page.
    old0 = r.section("old0")
    assert re.search(r"^PDE #384 +at 0x[0-9a-f]{8}: 0x[0-9a-f]{8} P RW US ", old0, re.M), old0
    m = re.search(r"^not present: swap entry type 0 offset (\d+) \(/dev/sda, swap_map 0x[0-9a-f]{2}: "
                  r"count 1(, in the swap cache)?\)$", old0, re.M)
    assert m, old0
    with open(disk, "rb") as f:
        f.seek(int(m.group(1)) * PAGE)
        assert f.read(PAGE).startswith(b"gdbtarget old page 0\0"), f"slot {m.group(1)}: {old0}"
    if m.group(2):      # still in memory too: the swap cache's frame holds the same page
        assert re.search(r"^swap cache: pfn 0x[0-9a-f]+ phys 0x[0-9a-f]{8}$", old0, re.M), old0
        assert '"gdbtarget old page 0"' in r.section("old0frame"), r.describe()
    assert r.section("old0pid") == old0, r.describe()        # pid 1 is the current task
    assert re.search(r"^PTE #15 +at 0x[0-9a-f]{8}: 0x00000000 -\nnot present \(none\)$",
                     r.section("untouched"), re.M), r.describe()
    assert "\nnot present (no page table)\n" in r.section("nopt"), r.describe()
    kthread = r.section("kthread")      # the idle task has no mm: the kernel's own directory
    assert re.search(r"in pid 0 \(swapper/0\), no mm: swapper_pg_dir's pgd", kthread), kthread
    assert f"present: pfn {(addr - 0xC0000000) >> 12:#x} " in kthread, kthread

    # tm-pte on NEW's last page: present, dirty, and the frame holds what was written.
    new = r.section("newlast")
    assert re.search(r"^PTE #1023 at 0x[0-9a-f]{8}: 0x[0-9a-f]{8} P RW US A D$", new, re.M), new
    assert re.search(r"^present: pfn 0x[0-9a-f]+ phys 0x[0-9a-f]{8}$", new, re.M), new
    assert f'"gdbtarget new page {(NEW_MB << 20) // PAGE - 1}"' in r.section("frame"), r.describe()

    # tm-dmesg is lx-dmesg: the same lines, including the boot's.
    dmesg = r.section("dmesg")
    assert dmesg == r.section("lxdmesg"), r.describe()
    assert re.search(r"^\[ *\d+\.\d{6}\] Run /bin/gdbtarget as init process$", dmesg, re.M), dmesg


def mirrored(path):
    """The module-level integer constants of a Python file, without importing it (it needs gdb)."""
    tree = ast.parse(Path(path).read_text())
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return values


def header_defines(path):
    """#define NAME VALUE lines of a header whose value is a plain number."""
    text = (ROOT / path).read_text()
    return {m.group(1): int(m.group(2), 0)
            for m in re.finditer(r"^#define\s+(\w+)\s+(0x[0-9a-fA-F]+|\d+)\b", text, re.M)}


def test_helpers_mirror_the_kernel_headers():
    """The #defines the helpers copy (debug info has no macros) equal the headers'."""
    kernel = {}
    for h in ("mm/pgtable.h", "mm/swapops.h", "mm/swap.h", "mm/layout.h", "kernel/sched.h"):
        kernel.update(header_defines(h))
    py = {**mirrored(GDB_DIR / "tidemark_tasks.py"), **mirrored(GDB_DIR / "tidemark_mm.py")}
    checked = 0
    for name, value in py.items():
        if name.isupper() and isinstance(value, int) and name in kernel:
            assert value == kernel[name], f"{name}: {value:#x} in tools/gdb, {kernel[name]:#x} in the headers"
            checked += 1
    assert checked >= 12, f"only {checked} constants found in the headers"
    flags = dict(py["PTE_FLAGS"])
    for name, bit in (("P", "_PAGE_PRESENT"), ("RW", "_PAGE_RW"), ("US", "_PAGE_USER"),
                      ("PWT", "_PAGE_PWT"), ("PCD", "_PAGE_PCD"), ("A", "_PAGE_ACCESSED"),
                      ("D", "_PAGE_DIRTY"), ("PAT", "_PAGE_PAT"), ("G", "_PAGE_GLOBAL")):
        assert flags[name] == kernel[bit], name
