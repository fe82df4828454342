"""pytest setup for the lab tests: the system tests' harness, not a copy of it.

Each lab's test boots the kernel exactly as tests/system does (tidemark.py,
the `boot` fixture of tests/system/conftest.py). TIDEMARK_BUILD (an
absolute path, or relative to the repository) selects which build is
booted; by default it is this tree's build/.
"""
import importlib.util
import sys
from pathlib import Path

SYSTEM = Path(__file__).resolve().parents[1] / "tests" / "system"
sys.path.insert(0, str(SYSTEM))

_spec = importlib.util.spec_from_file_location("tidemark_system_conftest", SYSTEM / "conftest.py")
_system = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_system)

boot = _system.boot
pytest_runtest_makereport = _system.pytest_runtest_makereport
