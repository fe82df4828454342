"""gdb helpers for Tidemark, named after Linux's scripts/gdb commands.

Loaded by tools/gdb/tidemark.gdb. They read kernel variables through the
gdbstub, so they work whenever the kernel is stopped (a breakpoint, Ctrl-C):

    lx-dmesg     the kernel log buffer (__log_buf), as dmesg prints it
    lx-cmdline   the kernel command line (boot_command_line)

and tidemark-connect, which tidemark-attach uses to reach QEMU's gdbstub.

The log buffer is a byte ring (kernel/printk.c): log_next counts every byte
ever written, the ring index is log_next % LOG_BUF_LEN, and each line is
stored as "<level>[seconds] text\n"; lx-dmesg drops the "<level>".
"""
import re
import time

import gdb


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


LxDmesg()
LxCmdline()
TidemarkConnect()
