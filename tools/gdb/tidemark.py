"""gdb helpers for Tidemark, named after Linux's scripts/gdb commands.

Loaded by tools/gdb/tidemark.gdb. They read kernel variables through the
gdbstub, so they work whenever the kernel is stopped (a breakpoint, Ctrl-C):

    lx-dmesg     the kernel log buffer (__log_buf), as dmesg prints it
                 (tm-dmesg is an alias, defined in tidemark.gdb)
    lx-cmdline   the kernel command line (boot_command_line)

and tidemark-connect, which tidemark-attach uses to reach QEMU's gdbstub.
The tm-* helpers live beside this file and are imported at the end:
tidemark_tasks.py (tm-ps) and tidemark_mm.py (tm-pte, tm-buddyinfo,
tm-zoneinfo, tm-lru).
An unwinder lets `bt` continue through an interrupt or exception into the
code it interrupted (see EntryUnwinder).

The log buffer is a byte ring (kernel/printk.c): log_next counts every byte
ever written, the ring index is log_next % LOG_BUF_LEN, and each line is
stored as "<level>[seconds] text\n"; lx-dmesg drops the "<level>".
"""
import os
import re
import sys
import time

import gdb
import gdb.unwinder


def read_log_buf():
    """The log text still in the ring, oldest first, as a str."""
    buf = gdb.parse_and_eval("__log_buf")
    size = buf.type.sizeof
    nxt = int(gdb.parse_and_eval("log_next"))
    start = max(0, nxt - size)
    mem = gdb.selected_inferior().read_memory(buf.address, size).tobytes()
    head, tail = start % size, nxt % size
    if nxt - start == size:         # full ring: oldest byte sits at the head
        data = mem[head:] + mem[:head]
    else:
        data = mem[head:tail]
    text = data.decode("utf-8", "replace")
    if start:                       # the first line was cut by the ring
        text = text[text.find("\n") + 1:]
    return text


class LxDmesg(gdb.Command):
    """Print the kernel log buffer (__log_buf), like dmesg."""

    def __init__(self):
        super().__init__("lx-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if int(gdb.parse_and_eval("log_next")) == 0:
            gdb.write("lx-dmesg: the log is empty: the kernel has printed nothing yet (its first "
                      "line, the banner, comes after serial_init() and parse_args() in "
                      "start_kernel).\n")
            return
        text = re.sub(r"(^|\n)<\d+>", r"\1", read_log_buf())
        gdb.write(text if text.endswith("\n") or not text else text + "\n")


class LxCmdline(gdb.Command):
    """Print the kernel command line (boot_command_line)."""

    def __init__(self):
        super().__init__("lx-cmdline", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        gdb.write(gdb.parse_and_eval("boot_command_line").string() + "\n")


class TidemarkConnect(gdb.Command):
    """tidemark-connect TARGET: `target remote TARGET`, retried for 10 seconds.

QEMU creates its gdbstub socket file a moment before it listens on it, so
a gdb started as soon as the file appears can be refused once or twice."""

    def __init__(self):
        super().__init__("tidemark-connect", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        deadline = time.monotonic() + 10
        while True:
            try:
                gdb.execute(f"target remote {arg}", from_tty)
                return
            except gdb.error as e:
                refused = "Connection refused" in str(e) or "No such file" in str(e)
                if not refused or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)


class FrameId:
    """What gdb needs to tell frames apart: the frame's sp and its code start
    (both gdb.Value, as gdb 13 requires)."""

    def __init__(self, sp, pc):
        self.sp = sp
        self.pc = pc


class EntryUnwinder(gdb.unwinder.Unwinder):
    """Unwind through boot/entry.asm's entry_common into the interrupted code.

    entry_common has no DWARF call-frame information (NASM emits line
    numbers only), so without help `bt` stops there or prints garbage. But
    when entry_common is a caller frame its pc is the return address of
    `call dispatch_interrupt` and [esp] is that call's argument, the
    struct pt_regs * (kernel/ptrace.h) holding every register of the
    interrupted context. A kernel-mode trap does not switch stacks, so the
    interrupted esp is where regs->sp would be; from user mode it is
    regs->sp. Linux gets the same result from its entry code's CFI hints.
    """

    REGS = (("eip", "ip"), ("ebp", "bp"), ("eax", "ax"), ("ebx", "bx"), ("ecx", "cx"),
            ("edx", "dx"), ("esi", "si"), ("edi", "di"), ("eflags", "flags"), ("cs", "cs"))

    def __init__(self):
        super().__init__("tidemark-entry")
        self.start = self.end = None

    def locate(self):
        """Find entry_common and ret_from_intr; called while no frame exists."""
        try:
            self.start = int(gdb.parse_and_eval("(unsigned long)&entry_common"))
            self.end = int(gdb.parse_and_eval("(unsigned long)&ret_from_intr"))
        except gdb.error:
            self.start = self.end = None

    def __call__(self, pending_frame):
        if self.start is None or pending_frame.level() == 0:
            return None
        pc = int(pending_frame.read_register("eip"))
        if not self.start < pc < self.end:
            return None
        sp = pending_frame.read_register("esp")
        ptr_type = gdb.lookup_type("struct pt_regs").pointer()
        regs_ptr = sp.cast(ptr_type.pointer()).dereference()
        regs = regs_ptr.dereference()
        info = pending_frame.create_unwind_info(FrameId(sp, gdb.Value(self.start)))
        for reg, field in self.REGS:
            info.add_saved_register(reg, regs[field].cast(pending_frame.read_register(reg).type))
        if int(regs["cs"]) & 3:             # from user mode: the CPU switched stacks
            caller_sp = int(regs["sp"])
        else:
            caller_sp = int(regs_ptr.cast(gdb.lookup_type("unsigned long"))) + \
                ptr_type.target()["sp"].bitpos // 8
        info.add_saved_register("esp", gdb.Value(caller_sp).cast(sp.type))
        return info


LxDmesg()
LxCmdline()
TidemarkConnect()
entry_unwinder = EntryUnwinder()
entry_unwinder.locate()
gdb.unwinder.register_unwinder(None, entry_unwinder, replace=True)
gdb.events.new_objfile.connect(lambda event: entry_unwinder.locate())

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tidemark_tasks  # noqa: E402,F401  (registers tm-ps)
import tidemark_mm  # noqa: E402,F401  (registers tm-pte, tm-buddyinfo, tm-zoneinfo, tm-lru)
