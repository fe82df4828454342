"""make bench prints figures as a person reads them (tools/bench.py:shown), run by `make unit`."""
import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location("bench", Path(__file__).resolve().parent.parent / "tools" / "bench.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def test_about_three_significant_digits_and_grouped_thousands():
    cases = {43422.374: "43,400", 2099.501: "2,100", 2052: "2,052", 277.046: "277", 43.719: "43.7",
             5.636: "5.64", 0.067: "0.067", 100.0: "100", 0.0: "0", 16400.0: "16,400", 1.0: "1.00"}
    for value, text in cases.items():
        assert bench.shown(value, "") == text, (value, bench.shown(value, ""))


def test_no_row_states_its_unit_twice_and_every_ratio_has_its_rows():
    src = (Path(bench.__file__)).read_text()
    assert "faults (" not in src and ":.3f" not in src
    for ratio in ("read", "write"):
        assert f'"disk {ratio} by DMA' in src and f'"disk {ratio} by PIO"' in src
