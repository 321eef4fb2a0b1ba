"""How much of the workbook writer's CPU is XlsxWriter's own work through its public API, and what each feature costs.

Run from the repository root:
    python3 benchmarks/xlsx_floor.py [--folder DIR] [--runs 3]
Not a test. It converts the folder's filings once, then times render_xlsx over all of them (best of --runs):
  - as it is;
  - with one XlsxWriter call at a time made a no-op (in this process only), to tell what that feature costs;
  - with every XlsxWriter cell call and Workbook.close made no-ops: what is left is this project's own code.
No cProfile: it inflates small Python calls several times over and points at the wrong code.
"""

from __future__ import annotations

import argparse
import gc
import io
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable

from xlsxwriter import Workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from converter.pipeline import convert_file  # noqa: E402
from converter.writers.xlsx.extra_sheets import CHECKS, CONTENTS, DIAGNOSTICS, FACTS  # noqa: E402
from converter.writers.xlsx_out import render_xlsx  # noqa: E402

WORKSHEET: type = type(Workbook(io.BytesIO()).add_worksheet())
"""XlsxWriter's worksheet class, reached through the public API."""

CELL_CALLS = ("write_string", "write_number", "write_blank", "write_url", "write_comment", "data_validation",
              "write_rich_string", "set_row", "conditional_format")
"""The worksheet calls the writer makes per cell or row."""

FEATURES = ("write_string", "write_number", "write_url", "write_comment", "data_validation", "conditional_format")
"""The calls whose cost is reported one by one."""


def best_cpu(reports: list[Any], runs: int) -> float:
    """Least CPU seconds of rendering every report's workbook in memory, automatic collection off as in a batch."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        for report in reports:
            render_xlsx(report, io.BytesIO())
            gc.collect(0)
        times.append(time.process_time() - start)
    return min(times)


def without(names: tuple[str, ...], close: bool, measure: Callable[[], float]) -> float:
    """measure() with the named worksheet calls (and Workbook.close, if close) made no-ops, then restored."""
    saved = {name: getattr(WORKSHEET, name) for name in names}
    saved_close = Workbook.close
    try:
        for name in names:
            setattr(WORKSHEET, name, lambda self, *args, **kwargs: 0)
        if close:
            Workbook.close = lambda self: None  # type: ignore[method-assign]
        return measure()
    finally:
        for name, method in saved.items():
            setattr(WORKSHEET, name, method)
        Workbook.close = saved_close  # type: ignore[method-assign]


def call_counts(reports: list[Any]) -> Counter[tuple[str, str]]:
    """(sheet kind, call) -> how many times the writer makes it over all reports."""
    counts: Counter[tuple[str, str]] = Counter()
    saved = {name: getattr(WORKSHEET, name) for name in FEATURES}

    def counting(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            sheet = self.get_name()
            counts[(sheet if sheet in (CONTENTS, CHECKS, DIAGNOSTICS, FACTS) else "statements", name)] += 1
            return method(self, *args, **kwargs)
        return call

    try:
        for name, method in saved.items():
            setattr(WORKSHEET, name, counting(name, method))
        for report in reports:
            render_xlsx(report, io.BytesIO())
    finally:
        for name, method in saved.items():
            setattr(WORKSHEET, name, method)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", type=Path, default=Path("/work/shared/filings"), help="filings to convert")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each variant (the least is kept)")
    args = parser.parse_args()
    reports = [convert_file(path) for path in sorted(args.folder.glob("*.txt"))]
    gc.disable()
    measure = lambda: best_cpu(reports, args.runs)  # noqa: E731
    full = measure()
    print(f"{len(reports)} workbooks: CPU {full:.2f} s")
    for name in FEATURES:
        print(f"  {name}: {full - without((name,), False, measure):.2f} s")
    ours = without(CELL_CALLS, True, measure)
    print(f"  this project's own code: {ours:.2f} s; XlsxWriter's cell calls and close(): {full - ours:.2f} s")
    for (sheet, name), n in sorted(call_counts(reports).items()):
        print(f"  {sheet:12} {name:18} {n:7d}")


if __name__ == "__main__":
    main()
