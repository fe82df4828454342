import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from tidemark import run_qemu  # noqa: E402


@pytest.fixture
def boot(request):
    """boot(cmdline=..., mem=..., ...) -> tidemark.Boot, logged under the test's name."""
    count = [0]

    def _boot(**kw):
        count[0] += 1
        name = request.node.name + (f"-{count[0]}" if count[0] > 1 else "")
        return run_qemu(name, **kw)

    return _boot
