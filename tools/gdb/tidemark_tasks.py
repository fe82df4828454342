"""Tasks, as the kernel keeps them (kernel/sched.h), and tm-ps.

Imported by tools/gdb/tidemark.py. Everything is read through gdb.Value and
the kernel's debug information: field offsets come from the types, so a
field added to struct task_struct needs no change here.

    tm-ps        every task, like ps: TASK PID PPID S RSS VSZ SWAP COMMAND

The task list is a ring of list_heads through task_struct.tasks whose head
is init_task.tasks (the idle task, pid 0, "swapper/0"); for_each_process
walks it from init_task, which it leaves out; tm-ps lists init_task first,
as Linux's lx-ps does.
"""
import gdb

# kernel/sched.h's states (#defines, so not in the debug information).
TASK_RUNNING = 0
TASK_UNINTERRUPTIBLE = 2
EXIT_ZOMBIE = 16
EXIT_DEAD = 32

# mm/layout.h's PAGE_SHIFT (a #define too); tests/system/test_gdb_helpers.py
# checks every mirrored constant against the headers.
PAGE_SHIFT = 12


def container_of(ptr, type_name, member):
    """The struct type_name * whose field member is at ptr (Linux's container_of)."""
    t = gdb.lookup_type(type_name)
    offset = next(f.bitpos // 8 for f in t.fields() if f.name == member)
    addr = int(ptr.cast(gdb.lookup_type("unsigned long"))) - offset
    return gdb.Value(addr).cast(t.pointer())


def list_for_each_entry(head, type_name, member, limit=None, reverse=False):
    """The entries of the list at head (a struct list_head value), first to
    last (last to first if reverse), at most limit of them. A head still
    zero (early boot: init_task.tasks before sched_init) is an empty list."""
    head_addr = int(head.address)
    step = "prev" if reverse else "next"
    node = head[step]
    n = 0
    while int(node) not in (head_addr, 0) and (limit is None or n < limit):
        yield container_of(node, type_name, member)
        node = node[step]
        n += 1


def for_each_task():
    """init_task, then every task of the task list, as struct task_struct *."""
    init = gdb.parse_and_eval("&init_task")
    yield init
    yield from list_for_each_entry(init["tasks"], "struct task_struct", "tasks")


def find_task_by_pid(pid):
    for t in for_each_task():
        if int(t["pid"]) == pid:
            return t
    raise gdb.GdbError(f"no task with pid {pid}")


def task_state_char(t):
    """fs/proc/array.c's task_state(), first letter."""
    if int(t["exit_state"]) == EXIT_ZOMBIE:
        return "Z"
    if int(t["exit_state"]) == EXIT_DEAD:
        return "X"
    state = int(t["state"])
    return "R" if state == TASK_RUNNING else "D" if state == TASK_UNINTERRUPTIBLE else "S"


def mm_counter(mm, name):
    """mm->rss_stat[name] (MM_ANONPAGES ...), in pages."""
    return int(mm["rss_stat"][int(gdb.parse_and_eval(name))])


def get_mm_rss(mm):
    """mm/mmap.c's get_mm_rss(): file + anon + shmem pages."""
    return sum(mm_counter(mm, n) for n in ("MM_FILEPAGES", "MM_ANONPAGES", "MM_SHMEMPAGES"))


def comm(t):
    return t["comm"].string()


def mm_owners():
    """{mm address: task} over the tasks with an mm (rmap items name an mm)."""
    return {int(t["mm"]): t for t in for_each_task() if int(t["mm"])}


class TmPs(gdb.Command):
    """tm-ps: every task, like ps.

TASK is the struct task_struct's address (p *(struct task_struct *)TASK),
S the state as /proc/PID/stat shows it, RSS, VSZ and SWAP in KiB (the mm's
rss_stat and total_vm; 0 for kernel threads, whose names are shown in
brackets as ps shows them). "*" marks the current task."""

    def __init__(self):
        super().__init__("tm-ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if int(gdb.parse_and_eval("init_task")["tasks"]["next"]) == 0:
            raise gdb.GdbError("tm-ps: the task list is not set up yet (init_task.tasks is "
                               "empty); step further into start_kernel (kernel/main.c).")
        current = int(gdb.parse_and_eval("current"))
        kb = 1 << (PAGE_SHIFT - 10)
        gdb.write(f"  {'TASK':>10} {'PID':>5} {'PPID':>5} S {'RSS':>5} {'VSZ':>6} {'SWAP':>5} COMMAND\n")
        for t in for_each_task():
            parent = t["parent"]
            ppid = int(parent["pid"]) if int(parent) else 0
            mm = t["mm"]
            if int(mm):
                rss, vsz, swap = get_mm_rss(mm), int(mm["total_vm"]), mm_counter(mm, "MM_SWAPENTS")
                name = comm(t)
            else:
                rss = vsz = swap = 0
                name = f"[{comm(t)}]"
            mark = "*" if int(t) == current else " "
            gdb.write(f"{mark} {int(t):#010x} {int(t['pid']):5} {ppid:5} {task_state_char(t)} "
                      f"{rss * kb:5} {vsz * kb:6} {swap * kb:5} {name}\n")


TmPs()
