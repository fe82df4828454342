"""make handout (tools/handout.py): the students' tree holds no solution.

Run by `make unit`. The handout must leave out every labs/*/solution.patch
and must not contain the solutions' code in any other form: each solution
still applies to it (so none of it is there already), while the handout is
otherwise the whole tracked tree, labs' handouts and tests included.
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from handout import is_solution, make_handout, tracked_files  # noqa: E402


def test_handout_has_no_solution_and_everything_else(tmp_path):
    tree = make_handout(tmp_path)
    solutions = sorted(ROOT.glob("labs/*/solution.patch"))   # none in a students' tree itself
    assert not list(tree.glob("labs/*/solution.patch")), "a solution.patch reached the handout"
    for patch in solutions:
        lab = patch.parent.name
        assert (tree / "labs" / lab / "README.md").is_file(), f"{lab}'s handout is missing"
        assert list((tree / "labs" / lab).glob("test_*.py")), f"{lab}'s test is missing"
        # The solution applies to the handout: none of it is in there already.
        check = subprocess.run(["git", "apply", "--check", str(patch)], cwd=tree,
                               capture_output=True, text=True)
        assert check.returncode == 0, f"{lab}'s solution does not apply to the handout: {check.stderr}"
    expected = {n for n in tracked_files() if not is_solution(n)}
    got = {str(p.relative_to(tree)) for p in tree.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert got == expected, (sorted(expected - got)[:10], sorted(got - expected)[:10])
    assert (tmp_path / "tidemark.tar.gz").stat().st_size > 10000
    log = subprocess.run(["git", "log", "--oneline", "main"], cwd=tree, capture_output=True, text=True)
    assert log.returncode == 0 and len(log.stdout.splitlines()) == 1, log
