"""The C sources are as .clang-format writes them (Linux kernel style).

Every tracked .c and .h file must come out of `clang-format` unchanged, so
a diff never mixes layout with meaning. To fix a failure: clang-format -i FILE.
"""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def c_sources():
    out = subprocess.run(["git", "ls-files", "*.c", "*.h"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return [p for p in out.split() if (ROOT / p).exists()]


def test_sources_are_clang_formatted():
    files = c_sources()
    assert files, "no C sources found"
    bad = []
    for i in range(0, len(files), 64):
        chunk = files[i:i + 64]
        r = subprocess.run(["clang-format", "--dry-run", "-Werror", *chunk], cwd=ROOT,
                           capture_output=True, text=True)
        if r.returncode:
            bad += sorted({line.split(":")[0] for line in r.stderr.splitlines()
                           if ": error:" in line})
    assert not bad, "not clang-formatted (run clang-format -i on them): " + " ".join(bad)
