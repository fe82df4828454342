"""Memory-management helpers: page tables, zones, buddy lists, LRU lists.

Imported by tools/gdb/tidemark.py. They read the kernel's own structures
through gdb.Value and its debug information (never fixed offsets):

    tm-pte ADDR [PID]   walk the page tables for ADDR: PDE, PTE, flags, frame or swap entry
    tm-buddyinfo        free blocks per order, as /proc/buddyinfo prints them
    tm-zoneinfo         a subset of /proc/zoneinfo: watermarks, sizes, counters
    tm-lru [N]          the LRU list sizes, their N newest and N oldest pages

Enums (enum pageflags, zone_stat_item, lru_list, zone_watermarks) and the
kernel's name tables (zone_stat_names, lru_list_names) come from the
kernel. The PTE bits and the swap-entry layout are #defines, which -g
does not record; they are mirrored below from mm/pgtable.h and
mm/swapops.h, and tests/system/test_gdb_helpers.py checks them against
those headers.
"""
import gdb

from tidemark_tasks import PAGE_SHIFT, comm, find_task_by_pid, list_for_each_entry, mm_owners

# mm/pgtable.h: i386 two-level tables, no PAE.
#   31                          12 11 9  8   7   6   5   4   3   2   1   0
#  |   page frame number (pfn)    |AVL | G |PAT| D | A |PCD|PWT|U/S|R/W| P |
PGDIR_SHIFT = 22
PTRS_PER_PTE = 1024
_PAGE_PRESENT = 0x001
_PAGE_PSE = 0x080
PTE_FLAGS = (("P", 0x001), ("RW", 0x002), ("US", 0x004), ("PWT", 0x008), ("PCD", 0x010),
             ("A", 0x020), ("D", 0x040), ("PAT", 0x080), ("G", 0x100))
PDE_FLAGS = tuple(("PSE", bit) if name == "PAT" else (name, bit) for name, bit in PTE_FLAGS)

# mm/swapops.h: a swap entry in a non-present PTE.
#   31                 9   8   7   6   5         1   0
#  | swap offset (23)   | 0 | E | 0 | type (5)    | 0 |
SWP_TYPE_SHIFT = 1
SWP_TYPE_BITS = 5
SWP_OFFSET_SHIFT = 9
SWP_OFFSET_BITS = 23
SWP_EXCLUSIVE = 1 << 7      # Linux's "exclusive" marker; swapops.h drops it too

# mm/swap.h: a swap_map byte is the slot's reference count, plus this bit
# while the slot's page sits in the swap cache.
SWAP_HAS_CACHE = 0x40


def require_memory(helper):
    """Stop with a sentence, not a Python error, before mem_init has run.

At the first stop in start_kernel (where `make debug` stops) mem_map is
NULL and the zones are zero: setup_memory() builds them and mem_init()
hands RAM to the buddy allocator (kernel/main.c)."""
    if int(gdb.parse_and_eval("_totalram_pages")) == 0:
        raise gdb.GdbError(
            f"{helper}: memory is not set up yet: start_kernel has not run setup_memory() and "
            "mem_init() (kernel/main.c). Step past them first, e.g. `break kmem_cache_init` "
            "then `continue`.")


def require_lru(helper):
    """The LRU lists exist once lru_init() has run."""
    require_memory(helper)
    head = gdb.parse_and_eval("contig_page_data")["lruvec"]["lists"][0]
    if int(head["next"]) == 0:
        raise gdb.GdbError(f"{helper}: the LRU lists are not set up yet (lru_init() in "
                           "kernel/main.c); `break rmap_init` then `continue`.")


def ulong(v):
    return int(v.cast(gdb.lookup_type("unsigned long")))


def page_offset():
    """PAGE_OFFSET: linker.ld's KERNEL_VMA, where the direct map of RAM starts."""
    return ulong(gdb.parse_and_eval("&KERNEL_VMA"))


def decode_flags(value, names):
    return " ".join(name for name, bit in names if value & bit) or "-"


def enum_value(name):
    return int(gdb.parse_and_eval(name))


# ---- tm-pte ---------------------------------------------------------------

def swap_entry(pte):
    """(type, offset) of the swap entry a non-present PTE holds (mm/swapops.h)."""
    val = pte & ~(SWP_EXCLUSIVE | _PAGE_PRESENT)
    return ((val >> SWP_TYPE_SHIFT) & ((1 << SWP_TYPE_BITS) - 1),
            (val >> SWP_OFFSET_SHIFT) & ((1 << SWP_OFFSET_BITS) - 1))


def describe_swap(pte):
    stype, offset = swap_entry(pte)
    si = gdb.parse_and_eval("swap_info")[stype]
    text = f"swap entry type {stype} offset {offset}"
    if int(si["swap_map"]) and offset < int(si["max"]):
        count = int(si["swap_map"][offset])
        cached = ", in the swap cache" if count & SWAP_HAS_CACHE else ""
        text += f" ({si['name'].string()}, swap_map {count:#04x}: count {count & ~SWAP_HAS_CACHE}{cached})"
        page = swap_cache_page(stype, offset) if count & SWAP_HAS_CACHE else None
        if page is not None:
            text += f"\nswap cache: {frame_text(int(page - gdb.parse_and_eval('mem_map')))}"
    else:
        text += " (no such swap area)"
    return text


def swap_cache_page(stype, offset):
    """The page the swap cache holds for entry (type, offset), or None.

    mm/swap_state.c hashes entries into swap_cache_hash; rather than repeat
    its hash function, walk every chain (1024 heads, read at once)."""
    table = gdb.lookup_static_symbol("swap_cache_hash").value()
    val = (stype << SWP_TYPE_SHIFT) | (offset << SWP_OFFSET_SHIFT)
    ptr = gdb.lookup_type("unsigned long")
    heads = memoryview(gdb.selected_inferior().read_memory(table.address, table.type.sizeof)).cast("I")
    node_type = table.type.target()
    for head in heads:
        node = gdb.Value(head).cast(ptr).cast(node_type)
        while int(node):
            if int(node["entry"]["val"]) == val:
                return node["page"]
            node = node["next"]
    return None


def frame_text(pfn):
    return f"pfn {pfn:#x} phys {pfn << PAGE_SHIFT:#010x}"


class TmPte(gdb.Command):
    """tm-pte ADDR [PID]: walk the page tables for virtual address ADDR.

ADDR is any gdb expression. Uses the page directory of process PID, or
of the current task. A task without an mm (a kernel thread) runs on
swapper_pg_dir; for the current one, which may also be the boot code
before paging_init, the directory CR3 points to is used.

Prints the PDE and the PTE, each with its address, raw value and flags
(P present, RW writable, US user, PWT/PCD caching, A accessed, D dirty,
PAT or PSE, G global), then where the page is: a frame (pfn and physical
address), a swap entry (type, offset, the area's swap_map count, and the
frame if the page is still in the swap cache), or not present."""

    def __init__(self):
        super().__init__("tm-pte", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if len(argv) not in (1, 2):
            raise gdb.GdbError("usage: tm-pte ADDR [PID]")
        addr = ulong(gdb.parse_and_eval(argv[0])) & 0xffffffff
        task = find_task_by_pid(int(argv[1], 0)) if len(argv) == 2 else gdb.parse_and_eval("current")
        owner = f"pid {int(task['pid'])} ({comm(task)})"
        pgd_type = gdb.lookup_type("pgd_t").pointer()
        if int(task["mm"]):
            pgd = task["mm"]["pgd"]
        elif len(argv) == 2:
            pgd = gdb.parse_and_eval("swapper_pg_dir")[0].address
            owner += ", no mm: swapper_pg_dir's"
        else:
            cr3 = ulong(gdb.parse_and_eval("$cr3")) >> PAGE_SHIFT << PAGE_SHIFT
            pgd = gdb.Value(page_offset() + cr3).cast(pgd_type)
            owner += ", no mm: CR3's"
        gdb.write(f"{addr:#010x} in {owner} pgd {ulong(pgd):#010x}\n")

        index = addr >> PGDIR_SHIFT
        entry = pgd[index]
        pde = int(entry["pgd"])
        gdb.write(f"PDE #{index:<4} at {ulong(entry.address):#010x}: {pde:#010x} "
                  f"{decode_flags(pde, PDE_FLAGS)}\n")
        if not pde & _PAGE_PRESENT:
            gdb.write("not present (no page table)\n")
            return
        if pde & _PAGE_PSE:
            raise gdb.GdbError("a 4 MiB page (PSE), which Tidemark never maps")

        # pgd_page_vaddr(): the page table, through the direct map
        table = gdb.Value(page_offset() + (pde >> PAGE_SHIFT << PAGE_SHIFT))
        index = (addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1)
        entry = table.cast(gdb.lookup_type("pte_t").pointer())[index]
        pte = int(entry["pte"])
        gdb.write(f"PTE #{index:<4} at {ulong(entry.address):#010x}: {pte:#010x} "
                  f"{decode_flags(pte, PTE_FLAGS)}\n")
        if pte & _PAGE_PRESENT:
            gdb.write(f"present: {frame_text(pte >> PAGE_SHIFT)}\n")
        elif pte:
            gdb.write(f"not present: {describe_swap(pte)}\n")
        else:
            gdb.write("not present (none)\n")


# ---- zones ----------------------------------------------------------------

def zones():
    """The node's zones, struct zone values, in index order."""
    node_zones = gdb.parse_and_eval("contig_page_data")["node_zones"]
    lo, hi = node_zones.type.range()
    return [node_zones[i] for i in range(lo, hi + 1)]


def populated(zone):
    return int(zone["present_pages"]) != 0


def zone_name(zone):
    return zone["name"].string()


def wmark(zone, which):
    """mm/mmzone.h's wmark_pages(): the watermark plus the boost."""
    return int(zone["_watermark"][enum_value(which)]) + int(zone["watermark_boost"])


def zone_stat_names():
    """fs/proc/vmstat.c's zone_stat_names, in enum zone_stat_item order."""
    names = gdb.lookup_static_symbol("zone_stat_names").value()
    lo, hi = names.type.range()
    return [names[i].string() for i in range(lo, hi + 1)]


def zone_page_state(zone, item):
    return max(0, int(zone["vm_stat"][item]))


class TmBuddyinfo(gdb.Command):
    """tm-buddyinfo: free blocks of each order in each populated zone, as
/proc/buddyinfo prints them (zone->free_area[order].nr_free)."""

    def __init__(self):
        super().__init__("tm-buddyinfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        require_memory("tm-buddyinfo")
        for zone in filter(populated, zones()):
            area = zone["free_area"]
            lo, hi = area.type.range()
            counts = "".join(f"{int(area[o]['nr_free']):6} " for o in range(lo, hi + 1))
            gdb.write(f"Node 0, zone {zone_name(zone):>8} {counts}\n")


class TmZoneinfo(gdb.Command):
    """tm-zoneinfo: each zone's watermarks, sizes and counters, in the
layout of /proc/zoneinfo (a subset of its lines: the per-node LRU sums,
pages free, min, low, high, spanned, present, managed, the zone counters
and start_pfn). Empty zones show their name only."""

    def __init__(self):
        super().__init__("tm-zoneinfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        require_memory("tm-zoneinfo")
        all_zones = zones()
        names = zone_stat_names()
        first = True
        for zone in all_zones:
            gdb.write(f"Node 0, zone {zone_name(zone):>8}\n")
            if not populated(zone):
                continue
            if first:       # Linux prints the node's counters with its first populated zone
                gdb.write("  per-node stats\n")
                for i, name in enumerate(names):
                    if name.startswith("nr_zone_") and name.endswith(("_anon", "_file", "_unevictable")):
                        total = sum(zone_page_state(z, i) for z in all_zones)
                        gdb.write(f"      {name.replace('nr_zone_', 'nr_'):<12} {total}\n")
                first = False
            gdb.write(f"  pages free     {zone_page_state(zone, enum_value('NR_FREE_PAGES'))}\n")
            for label, which in (("min", "WMARK_MIN"), ("low", "WMARK_LOW"), ("high", "WMARK_HIGH")):
                gdb.write(f"        {label:<8} {wmark(zone, which)}\n")
            for label in ("spanned", "present", "managed"):
                gdb.write(f"        {label:<8} {int(zone[label + '_pages'])}\n")
            for i, name in enumerate(names):
                gdb.write(f"      {name:<12} {zone_page_state(zone, i)}\n")
            gdb.write(f"  start_pfn:           {int(zone['zone_start_pfn'])}\n")


# ---- LRU ------------------------------------------------------------------

def page_flag_names(flags):
    """The PG_* bits set in a struct page's flags, by enum pageflags."""
    return [f.name[3:] for f in gdb.lookup_type("enum pageflags").fields()
            if f.name != "NR_PAGEFLAGS" and flags >> f.enumval & 1]


def page_owner(page, owners):
    """'pid N (comm) ADDR' for the first mapping in the page's rmap chain, or ''.

    An anonymous page's mapping is its chain's first item with bit 0 set
    (Linux's PAGE_MAPPING_ANON); a page-cache page's is its address_space,
    found through the file's VMAs, which this helper does not walk."""
    mapping = int(page["mapping"])
    if int(page["_mapcount"]) < 0 or not mapping & 1:
        return ""
    item = gdb.Value(mapping & ~1).cast(gdb.lookup_type("struct rmap_item").pointer())
    task = owners.get(int(item["mm"]))
    who = f"pid {int(task['pid'])} ({comm(task)})" if task else f"mm {int(item['mm']):#x}"
    return f" {who} {int(item['address']) & ~1:#010x}"     # bit 0: a MAP_SHARED area


def page_line(page, mem_map, owners):
    flags = int(page["flags"])
    return (f"  pfn {int(page - mem_map):#07x} flags {flags:#010x} {','.join(page_flag_names(flags))}"
            f" mapcount {int(page['_mapcount']) + 1} refcount {int(page['_refcount'])}"
            f"{page_owner(page, owners)}\n")


class TmLru(gdb.Command):
    """tm-lru [N]: the size of each LRU list (contig_page_data.lruvec.nr_pages, what
/proc/vmstat's nr_*_anon count), then its N newest pages (the head, where
pages are added) and its N oldest (the tail, where reclaim takes them),
default 4: pfn, PG_ flags, mapcount and refcount, and the first process
that maps the page (from its rmap chain) with the address."""

    def __init__(self):
        super().__init__("tm-lru", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        n = int(arg, 0) if arg.strip() else 4
        require_lru("tm-lru")
        lruvec = gdb.parse_and_eval("contig_page_data")["lruvec"]
        names = gdb.parse_and_eval("lru_list_names")
        mem_map = gdb.parse_and_eval("mem_map")
        owners = mm_owners()
        for i in range(enum_value("NR_LRU_LISTS")):
            size, head = int(lruvec["nr_pages"][i]), lruvec["lists"][i]
            gdb.write(f"{names[i].string():<14} {size} pages\n")
            if size <= 2 * n:
                for page in list_for_each_entry(head, "struct page", "lru", size):
                    gdb.write(page_line(page, mem_map, owners))
                continue
            for page in list_for_each_entry(head, "struct page", "lru", n):
                gdb.write(page_line(page, mem_map, owners))
            gdb.write(f"  ... {size - 2 * n} more ...\n")
            tail = list(list_for_each_entry(head, "struct page", "lru", n, reverse=True))
            for page in reversed(tail):
                gdb.write(page_line(page, mem_map, owners))


TmPte()
TmBuddyinfo()
TmZoneinfo()
TmLru()
