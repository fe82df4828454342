"""The docs' code pointers must name code that exists (run by `make unit`).

docs/*.md point into the code as `path:symbol` in backticks, e.g.
`mm/memory.c:do_anonymous_page`, and name files as `mm/fault.c`. This
checks every such pointer against the tree, so a renamed function or a
moved file fails the build instead of leaving the docs to rot:

- `path` must be a file (or, ending in "/", a directory) in the repository;
  `user/NAME` may also name the program built from user/NAME.c;
- `symbol` must be *defined* in that file: a C function with its body, a
  variable, a macro, a struct/union/enum or typedef, an assembly label, a
  Python def/class, a linker-script symbol. A prototype or an extern
  declaration does not count: point at the definition.
- relative links between pages ([text](page.md)) must reach a file.

Nothing in the repository may point outside it (a student's clone has
nothing beside it): in README.md, docs/, labs/ and the code, no path
that leaves the tree (`../shared`, an absolute /work/... path) and no
`NAME.md` that is not a file of the repository. Linux's own documents are
named with their Linux path (`linux/Documentation/...rst`).

Also: nothing may point outside the repository, and the kernel's
comments may not tell the project's history ("issue 3", "(later)", "no
page cache yet"): see HISTORY.

Run alone: /usr/bin/python3 tests/test_docs.py  (lists what is broken).
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# Top-level folders a pointer may start with; anything else in backticks
# (build/kernel.elf, /proc/meminfo) is not a pointer.
# Linux's own files are written with a linux/ prefix (`linux/mm/vmscan.c`),
# so they are not taken for ours.
SOURCE_DIRS = ("boot", "kernel", "mm", "drivers", "fs", "ipc", "user", "tests", "tools", "iso", "docs")
TOP_FILES = ("Makefile", "linker.ld", "README.md")
# Words that mark a path as a pattern, not a file: user/NAME.c, /proc/PID/...
PLACEHOLDERS = re.compile(r"NAME|PID|\*")

CODE_SPAN = re.compile(r"`([^`\n]+)`")
POINTER = re.compile(r"^(?P<path>(?:%s)/[\w./-]*|%s)(?::(?P<sym>[A-Za-z_][\w.]*)(?:\(\))?)?$"
                     % ("|".join(SOURCE_DIRS), "|".join(re.escape(f) for f in TOP_FILES)))
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def pointers(text):
    """(line number, path, symbol or None) for every pointer in a page."""
    for lineno, line in enumerate(text.splitlines(), 1):
        for span in CODE_SPAN.findall(line):
            m = POINTER.match(span.strip())
            if m and not PLACEHOLDERS.search(m.group("path")):
                yield lineno, m.group("path"), m.group("sym")


def _strip_comments(src):
    src = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), src, flags=re.S)
    return re.sub(r"//[^\n]*", "", src)


def _c_function_has_body(src, start):
    """src[start] is the "(" after a name: is it followed by a body, not ";"?"""
    depth = 0
    for i in range(start, len(src)):
        if src[i] == "(":
            depth += 1
        elif src[i] == ")":
            depth -= 1
            if depth == 0:
                rest = re.search(r"[;{=,]", src[i + 1:])
                return bool(rest) and rest.group(0) == "{"
    return False


def defined_in_c(src, sym):
    src = _strip_comments(src)
    s = re.escape(sym)
    if re.search(r"^\s*#\s*define\s+%s\b" % s, src, re.M):
        return True
    if re.search(r"^(?:typedef\s+)?(?:struct|union|enum)\s+%s\s*\{" % s, src, re.M):
        return True
    if re.search(r"\}\s*%s\s*;" % s, src):  # typedef struct { ... } name;
        return True
    # An enumerator: "\tNAME," or "\tNAME = 3," on its own line.
    if re.search(r"^\s+%s\s*(?:=[^,\n]*)?,?\s*$" % s, src, re.M):
        return True
    # A declarator at the start of a line (functions, variables), not extern.
    for m in re.finditer(r"^(?!extern\b)(?![ \t#])[^\n;{}]*?(?<![\w.>-])%s\s*(?P<next>[(\[=;])" % s,
                         src, re.M):
        if m.group("next") != "(":
            return True
        if _c_function_has_body(src, m.end() - 1):
            return True
    # A function whose return type is on the line before: "name(" at column 0.
    for m in re.finditer(r"^%s\s*\(" % s, src, re.M):
        if _c_function_has_body(src, m.end() - 1):
            return True
    return False


def defined_in_asm(src, sym):
    parts = sym.split(".")
    if len(parts) == 2 and parts[0]:  # NASM local label: outer.inner
        outer = re.search(r"^%s:" % re.escape(parts[0]), src, re.M)
        return bool(outer) and bool(re.search(r"^\.%s:" % re.escape(parts[1]), src[outer.end():], re.M))
    return bool(re.search(r"^\s*(?:%s:|%%macro\s+%s\b|%s\s+equ\b)" % ((re.escape(sym),) * 3), src, re.M))


def defined_in(path, sym):
    src = path.read_text(errors="replace")
    suffix = path.suffix
    if suffix in (".c", ".h"):
        return defined_in_c(src, sym)
    if suffix == ".asm":
        return defined_in_asm(src, sym)
    if suffix == ".py":
        return bool(re.search(r"^\s*(?:def|class)\s+%s\b|^%s\s*=" % (re.escape(sym), re.escape(sym)),
                              src, re.M))
    if suffix == ".ld":
        return bool(re.search(r"\b%s\s*=" % re.escape(sym), src))
    if suffix == ".sh":
        return bool(re.search(r"^%s\s*\(\)" % re.escape(sym), src, re.M))
    if path.name == "Makefile" or suffix == ".mk":
        return bool(re.search(r"^%s\s*:" % re.escape(sym), src, re.M))
    return bool(re.search(r"\b%s\b" % re.escape(sym), src))


def check_pointer(root, path, sym):
    """None if the pointer is good, else why not."""
    target = root / path
    if path.endswith("/"):
        return None if target.is_dir() else "no such directory"
    if not target.is_file():
        # `user/memhog` names the program /bin/memhog, built from user/memhog.c.
        if path.startswith("user/") and not target.suffix and target.with_suffix(".c").is_file():
            return None
        return "no such file"
    if sym and not defined_in(target, sym):
        return f"{sym} is not defined there"
    return None


def check_page(root, page):
    """Every problem in one page, as 'docs/x.md:LINE: `pointer`: why'."""
    text = page.read_text()
    rel = page.relative_to(root)
    problems = []
    for lineno, path, sym in pointers(text):
        why = check_pointer(root, path, sym)
        if why:
            shown = f"{path}:{sym}" if sym else path
            problems.append(f"{rel}:{lineno}: `{shown}`: {why}")
    for lineno, line in enumerate(text.splitlines(), 1):
        for target in LINK.findall(line):
            if re.match(r"[a-z]+:", target):
                continue  # http:, mailto:
            if not (page.parent / target).exists():
                problems.append(f"{rel}:{lineno}: link ({target}): no such file")
    return problems


def all_problems(root=ROOT):
    problems = []
    for page in sorted((root / "docs").glob("*.md")):
        problems += check_page(root, page)
    return problems


# ---- references outside the repository -------------------------------------

# Built from pieces so this file does not flag itself.
LEAVING = re.compile("|".join([r"\.\./" + "shared", r"(?<![\w.])/" + r"work/", r"\bseeds" + "/"]))
MD_NAME = re.compile(r"(?<![\w.-])((?:[\w.-]+/)*[\w-]+\.md)\b")
SKIP_DIRS = {".git", "build", "__pycache__", ".pytest_cache"}
TEXT_SUFFIXES = {".c", ".h", ".asm", ".S", ".py", ".sh", ".md", ".ld", ".mk", ".gdb", ".cfg",
                 ".patch", ".ini", ".txt", ""}


def repo_text_files(root):
    """Every text file of the tree a student gets (build outputs and git's own left out)."""
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part in SKIP_DIRS for part in rel.parts) or not path.is_file():
            continue
        if path.suffix in TEXT_SUFFIXES and path.resolve() != Path(__file__).resolve():
            yield path


def outside_references(root=ROOT):
    """'path:LINE: what' for every reference that leaves the repository."""
    md_names = {p.name for p in repo_text_files(root) if p.suffix == ".md"}
    problems = []
    for path in repo_text_files(root):
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            continue
        rel = path.relative_to(root)
        for lineno, line in enumerate(text.splitlines(), 1):
            for m in LEAVING.finditer(line):
                problems.append(f"{rel}:{lineno}: {m.group(0)!r} is outside the repository")
            for name in MD_NAME.findall(line):
                if (name.startswith("linux/") or name.rsplit("/", 1)[-1] in md_names
                        or re.search(r"\bNN\b|" + PLACEHOLDERS.pattern, name)):
                    continue    # Linux's, ours, or a pattern (labs/NN-name/REPORT.md)
                problems.append(f"{rel}:{lineno}: {name} is not a file of the repository")
    return problems


# ---- comments that speak of the project's history --------------------------

# A kernel comment states what is. One that tells the project's history or
# its plans ("issue 3 moves this", "(later)", "a later issue", "for now",
# "no page cache yet") goes stale the day the plan lands. Where a feature
# is missing, say so plainly ("Tidemark has no page cache").
HISTORY = re.compile("|".join([
    r"\bissues? #?\d+",                                   # issue 3, issues 12
    r"\(later\)",
    r"\b(?:later|future|next|coming) issues?\b",
    r"\bfor now\b",
    r"\b(?:no|none|nothing)\b[^.;:\n]{0,40}?\byet\b",       # no page cache yet
    r"\b(?:does|do|did|can)(?:n't| not)\b(?: \w+){0,2}? yet\b",  # does not yet split
    r"\bcannot(?: \w+){0,2}? yet\b",
]), re.IGNORECASE)
KERNEL_DIRS = ("boot", "kernel", "mm", "drivers", "fs", "include")


def history_comments(root=ROOT):
    """'path:LINE: phrase' for every history phrase in the kernel's sources."""
    problems = []
    for d in KERNEL_DIRS:
        for path in sorted((root / d).rglob("*")):
            if path.suffix not in (".c", ".h", ".asm") or not path.is_file():
                continue
            for lineno, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                for m in HISTORY.finditer(line):
                    problems.append(f"{path.relative_to(root)}:{lineno}: {m.group(0)!r}")
    return problems


# ---- tests -------------------------------------------------------------------

def test_kernel_comments_state_what_is_not_the_project_history():
    problems = history_comments()
    assert not problems, "comments that tell history or plans:\n" + "\n".join(problems)


def test_the_history_check_catches_what_it_should(tmp_path):
    (tmp_path / "mm").mkdir()
    (tmp_path / "mm" / "a.c").write_text(
        "/* issue 3 moves this */\n/* a swap entry (later) */\n/* later issues add more */\n"
        "/* empty for now */\n/* no page cache yet */\n/* it does not yet split */\n"
        "/* a task not yet runnable; a waiter not yet on any queue */\n")
    problems = history_comments(tmp_path)
    assert len(problems) == 6, problems
    assert not any(":7:" in p for p in problems), problems


def test_nothing_points_outside_the_repository():
    problems = outside_references()
    assert not problems, "references outside the repository:\n" + "\n".join(problems)


def test_the_outside_check_catches_what_it_should(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mm").mkdir()
    (tmp_path / "docs" / "here.md").write_text("see here.md and docs/here.md\n")
    (tmp_path / "mm" / "a.c").write_text(
        "/* linux-mm.md 2.3 */\n/* " + "../" + "shared/design.md */\n/* /" + "work/notes */\n"
        "/* linux/Documentation/x.md is Linux's */\n")
    (tmp_path / "README.md").write_text("the " + "seeds" + "/ notes; docs/gone.md\n")
    problems = outside_references(tmp_path)
    assert len(problems) == 6, problems   # linux-mm.md, ../shared, design.md, /work/, seeds/, gone.md
    assert not any("here.md" in p for p in problems), problems


def test_every_pointer_in_the_docs_names_existing_code():
    problems = all_problems()
    assert not problems, "stale pointers in docs/:\n" + "\n".join(problems)


def test_the_docs_point_into_the_code_at_all():
    # The check above passes vacuously if no pointer is recognised.
    n = sum(1 for page in DOCS.glob("*.md") for p in pointers(page.read_text()) if p[2])
    assert n >= 100, n


def test_every_page_is_in_the_index():
    index = (DOCS / "README.md").read_text()
    missing = [p.name for p in DOCS.glob("*.md") if p.name != "README.md" and f"({p.name})" not in index]
    assert not missing, missing


def test_the_checker_catches_what_it_should(tmp_path):
    (tmp_path / "mm").mkdir()
    (tmp_path / "boot").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "mm" / "a.c").write_text(
        "/* old_name(void) in a comment is no definition */\n"
        "static int helper(int x)\n{\n\treturn x;\n}\n"
        "int counter = 3;\n"
        "extern int elsewhere;\n"
        "void only_declared(int a,\n\t\t   int b);\n"
        "struct thing {\n\tint a;\n};\n"
        "#define MACRO 1\n")
    (tmp_path / "mm" / "a.h").write_text("void proto(void);\nstatic inline int inl(void) { return 1; }\n")
    (tmp_path / "boot" / "b.asm").write_text("global entry\nentry:\n\tnop\n.inner:\n\tret\n")
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "prog.c").write_text("int main(void)\n{\n\treturn 0;\n}\n")
    good = ["user/prog", "user/prog.c:main", "mm/a.c:helper", "mm/a.c:counter", "mm/a.c:thing", "mm/a.c:MACRO", "mm/a.h:inl",
            "boot/b.asm:entry", "boot/b.asm:entry.inner", "mm/a.c", "mm/"]
    bad = ["mm/a.c:old_name", "mm/a.c:elsewhere", "mm/a.c:only_declared", "mm/a.h:proto",
           "mm/a.c:help", "mm/gone.c:helper", "mm/gone.c", "boot/b.asm:missing", "drivers/",
           "user/noprog"]
    page = tmp_path / "docs" / "p.md"
    page.write_text("".join(f"see `{p}` here\n" for p in good + bad) +
                    "[ok](p.md) [broken](nowhere.md) `user/NAME.c` `build/kernel.elf`\n")
    problems = check_page(tmp_path, page)
    flagged = {re.search(r"`([^`]+)`", p).group(1) for p in problems if "`" in p}
    assert flagged == set(bad), problems
    assert any("nowhere.md" in p for p in problems), problems
    assert len(problems) == len(bad) + 1, problems


if __name__ == "__main__":
    found = all_problems() + outside_references() + history_comments()
    print("\n".join(found) if found else "docs: every pointer resolves")
    sys.exit(1 if found else 0)
