#!/usr/bin/env python3
"""make labcheck: prove that every coursework lab's test tests something.

For each labs/NN-name/ that has a solution.patch (labs/README.md):

  0. the handout's `file:function` pointers must name code that exists
     (the check tests/test_docs.py makes for docs/);
  1. its test must FAIL on this tree as it is (build/): a test the
     unmodified kernel passes would grade nothing;
  2. the tracked files of this tree are copied to build/labs/NN-name/src,
     solution.patch is applied there (git apply: all of it or nothing), the
     copy is built, and the test must PASS against that build
     (TIDEMARK_BUILD, see tests/system/tidemark.py).

Labs without solution.patch (teachers delete them from students' copies)
are skipped. The first run stops at the first failing test (-x); it only
has to show that the test fails. Prints one line per lab and exits 1 if
any check failed. Usage: labcheck.py [LAB...] (default: every lab).
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_docs import check_page  # noqa: E402

LABS = ROOT / "labs"
OUT = ROOT / "build" / "labs"
PYTHON = "/usr/bin/python3"


def tail(text, n=40):
    return "\n".join(text.splitlines()[-n:])


def run_test(lab, build, *extra):
    """pytest on one lab against one build; returns (exit code, output)."""
    env = dict(os.environ, TIDEMARK_BUILD=str(build))
    p = subprocess.run([PYTHON, "-m", "pytest", "-q", "-rfE", *extra, lab.name], cwd=LABS, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


def solution_tree(lab):
    """Copy the tree, apply the lab's solution and build it; returns its build dir.

    Raises RuntimeError with a message naming what failed.
    """
    top = OUT / lab.name
    src = top / "src"
    shutil.rmtree(top, ignore_errors=True)
    src.mkdir(parents=True)
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, check=True, stdout=subprocess.PIPE).stdout.decode().split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name, follow_symlinks=False)
    # The ceiling keeps git from finding this repository above src: apply to the copy's files.
    env = dict(os.environ, GIT_CEILING_DIRECTORIES=str(top))
    p = subprocess.run(["git", "apply", "--whitespace=nowarn", str(lab / "solution.patch")], cwd=src,
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode:
        raise RuntimeError(f"labs/{lab.name}/solution.patch does not apply to this tree "
                           f"(rebase it on main):\n{p.stdout}")
    p = subprocess.run(["make", "-s", "-j2", "build/kernel.elf", "build/initramfs.cpio"], cwd=src,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode:
        raise RuntimeError(f"labs/{lab.name}: the tree with solution.patch applied does not build "
                           f"(in {src}):\n{tail(p.stdout)}")
    return src / "build"


def check(lab):
    """The checks for one lab; returns None or the reason it failed."""
    problems = check_page(ROOT, lab / "README.md")
    if problems:
        return f"labs/{lab.name}/README.md points at code that does not exist:\n" + "\n".join(problems)
    rc, out = run_test(lab, ROOT / "build", "-x")
    if rc == 0:
        return (f"labs/{lab.name}: the test passes on the unmodified kernel, so it cannot tell a "
                f"solution from none (or this tree already holds the solution)")
    if rc != 1:
        return f"labs/{lab.name}: the test did not run on the unmodified kernel:\n{tail(out)}"
    try:
        build = solution_tree(lab)
    except RuntimeError as e:
        return str(e)
    rc, out = run_test(lab, build, "-n", "2")
    if rc != 0:
        return (f"labs/{lab.name}: the test fails with solution.patch applied "
                f"(tree {build.parent}):\n{tail(out)}")
    return None


def main(names):
    labs = [LABS / n.rstrip("/") for n in names] if names else \
        sorted(d for d in LABS.iterdir() if d.is_dir() and list(d.glob("test_*.py")))
    failed = checked = 0
    for lab in labs:
        if not (lab / "solution.patch").exists():
            print(f"labcheck: {lab.name}: no solution.patch, skipped")
            continue
        checked += 1
        why = check(lab)
        if why:
            failed += 1
            print(f"labcheck: {lab.name}: FAILED\n{why}")
        else:
            print(f"labcheck: {lab.name}: fails without its solution, passes with it")
    print(f"labcheck: {checked} labs checked, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
