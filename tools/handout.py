#!/usr/bin/env python3
"""make handout: the tree a teacher gives students, without the solutions.

Copies every file git tracks in this tree to build/handout/tidemark/
except the labs' reference solutions (labs/*/solution.patch), makes it a
git repository with one commit on a branch named main (so `git diff main`
shows a student's work, as labs/README.md's grading does), and packs it
as build/handout/tidemark.tar.gz. labcheck skips labs without a solution,
so `make test` works in the students' tree as it does here.

Usage: handout.py [OUTDIR]   (default build/handout). Prints what it made.
"""
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def is_solution(name):
    """A file students must not get: a lab's reference solution."""
    parts = Path(name).parts
    return len(parts) == 3 and parts[0] == "labs" and parts[2] == "solution.patch"


def tracked_files():
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                         stdout=subprocess.PIPE).stdout.decode()
    return [n for n in out.split("\0") if n and (ROOT / n).is_file()]


def make_handout(outdir):
    """Write outdir/tidemark (a git repository) and outdir/tidemark.tar.gz; returns the tree's path."""
    tree = outdir / "tidemark"
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    for name in tracked_files():
        if is_solution(name):
            continue
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tree / name)
    git = ["git", "-c", "user.name=Tidemark handout", "-c", "user.email=handout@tidemark.invalid"]
    subprocess.run(git + ["init", "-q", "-b", "main"], cwd=tree, check=True)
    subprocess.run(git + ["add", "-A"], cwd=tree, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "Tidemark, as handed out"], cwd=tree, check=True)
    with tarfile.open(outdir / "tidemark.tar.gz", "w:gz") as tar:
        tar.add(tree, arcname="tidemark")
    return tree


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "handout"
    tree = make_handout(out.resolve())
    print(f"handout: {tree} and {tree.parent / 'tidemark.tar.gz'} (no labs/*/solution.patch)")
