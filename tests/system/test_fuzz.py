"""The system-call fuzzer, bounded, as part of `make test` (docs/fuzzing.md).

tools/fuzz.py boots user/fuzz.c as init (32 MiB, a 16 MiB swap disk) and
fails on any oops, panic, BUG, WARNING or hang, or if free pages or swap
slots are not back within the fuzzer's bound at the end; it prints the seed
and, when a report names a worker, the command that replays it.
FUZZ_SEED and FUZZ_CALLS override the seed and the number of calls; the
default seed is fixed so that `make test` is repeatable, `make fuzz` draws
a new one each run.
"""
import os
import subprocess
import sys

from tidemark import BUILD, ROOT

SEED = os.environ.get("FUZZ_SEED", "0x5eed21")
CALLS = os.environ.get("FUZZ_CALLS", "50000")


def test_fuzzer_finds_no_oops_panic_hang_or_leak():
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "fuzz.py"), "--calls", CALLS,
                        "--seed", SEED, "--build", str(BUILD)],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, f"fuzz seed {SEED} failed:\n{r.stdout}{r.stderr}"
    assert f"fuzz: PASS seed {int(SEED, 0):#x}" in r.stdout, r.stdout


def test_fuzzer_on_a_damaged_ext2_disk():
    """One damaged ext2 image (from the seed) mounted on /mnt, or refused with a reason."""
    seed = os.environ.get("FUZZ_EXT2_SEED", "0x2")
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "fuzz.py"), "--calls", "15000",
                        "--seed", seed, "--ext2", "--build", str(BUILD)],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, f"fuzz seed {seed} (ext2) failed:\n{r.stdout}{r.stderr}"
    assert "/dev/sdb" in r.stdout, r.stdout     # mounted and unmounted, or refused
