"""The command line, run in-process through main([...]) return codes, and the inspect text view."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from converter.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from converter.inspect import inspect_report
from converter.model import (
    Amount, Check, Column, Concept, Diagnostic, Duration, Fact, FilingMeta, Instant, LineItem, MappingDecision,
    QName, Report, Span, Statement, Unit,
)

ROOT = Path(__file__).resolve().parent.parent
FILINGS = ROOT / "tests" / "fixtures" / "filings"
REFERENCE = FILINGS / "colt_6-K_2004-07.txt"

GBP = Unit(("GBP",))


def small_report() -> Report:
    """A two-column income table built by hand: Turnover and Cost of sales, one unmapped row, one failed check."""
    cols = (
        Column(0, Duration(date(2004, 4, 1), date(2004, 6, 30)), GBP, 6, (), "Q2 | 2004 | GBPm", (20, 30)),
        Column(1, Instant(date(2004, 6, 30)), GBP, 6, (("segment", "europe"),), "Europe | 30 June 2004", (32, 44)),
    )
    turnover = (Amount("301.2", Decimal("301200000"), 6, -5, Span(12, 24, 29), None),
                Amount("(1,590.2)", Decimal("-1590200000"), 6, -5, Span(12, 35, 44), None))
    cost = (Amount("(195.5)", Decimal("-195500000"), 6, -5, Span(14, 23, 30), None), None)
    rows = (
        LineItem("Turnover", "", 12, (12,), 0, False, turnover),
        LineItem("Cost of sales", "Operating costs", 14, (13, 14), 1, False, cost),
    )
    concept = Concept(QName("e2x", "http://example.com/e2x", "Revenues"), "monetary", "duration", "credit", "Revenues")
    fact = Fact(concept, cols[0].period, GBP, (), turnover[0], "Turnover", "", "t01_income", 0)  # type: ignore[arg-type]
    st = Statement("t01_income", "Consolidated profit and loss account", "income", "6-K", 8, 14, cols, rows,
                   (fact,), "GBP'000")
    meta = FilingMeta("6-K", "EXAMPLE PLC", "1", date(2004, 6, 30), "1231", None, "")
    return Report(
        source="example.txt", meta=meta, statements=(st,),
        diagnostics=(Diagnostic("cell.no-period", "a figure has no period", Span(14, 35, 40), "warning"),),
        checks=(Check("subtotal", "t01_income", 14, "Gross = Turnover - Cost", Decimal("1"), Decimal("2"), False),),
        mappings=(MappingDecision("Cost of sales", "Operating costs", "t01_income", "ext:CostOfSales", "extension"),),
    )


# ---------------------------------------------------------------- inspect


def test_inspect_shows_columns_rows_and_problems() -> None:
    text = inspect_report(small_report())
    assert "== t01_income: Consolidated profit and loss account" in text
    assert "header 'Q2 | 2004 | GBPm' -> period 2004-04-01..2004-06-30, unit GBP, scale 6, dims -" in text
    assert "period @2004-06-30, unit GBP, scale 6, dims segment=europe" in text
    turnover = next(ln for ln in text.splitlines() if "Turnover" in ln and "301.2" in ln)
    assert turnover.split()[0] == "12" and "(1,590.2)" in turnover
    lines = text.splitlines()
    assert lines[lines.index(turnover) + 1].strip() == "-> e2x:Revenues"
    cost = next(ln for ln in text.splitlines() if "Cost of sales" in ln and "<Operating costs>" in ln)
    assert cost.split()[0] == "14"
    assert "(195.5)" in text
    assert "checks: 0 ok, 1 failed" in text and "FAIL line 14 [t01_income] Gross = Turnover - Cost" in text
    assert "extension [t01_income] 'Cost of sales' -> ext:CostOfSales" in text
    assert "14:36: warning: cell.no-period: a figure has no period" in text


def test_inspect_table_filter() -> None:
    assert "== t01_income" in inspect_report(small_report(), "income")
    text = inspect_report(small_report(), "balance")
    assert "== t01_income" not in text and "no table matches 'balance' (tables: t01_income)" in text


def test_inspect_command_on_real_filing(capsys: pytest.CaptureFixture[str], reference_report: Report) -> None:
    assert main(["inspect", str(REFERENCE)]) == EXIT_OK
    out = capsys.readouterr().out
    assert out == inspect_report(reference_report)
    assert out.startswith(f"filing {REFERENCE}, form 6-K")
    assert f"{len(reference_report.statements)} tables, {len(reference_report.facts)} facts" in out


def test_inspect_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["inspect", str(tmp_path / "nope.txt")]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.strip() == f"error: {tmp_path / 'nope.txt'}: no such file"


# ---------------------------------------------------------------- usage


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "exit codes:" in out and "2  usage error" in out
    assert main(["convert", "--help"]) == EXIT_OK
    out = capsys.readouterr().out
    for option in ("--out", "--jobs", "--formats", "--strict", "--force", "--quiet", "--verbose", "exit codes:"):
        assert option in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "a command is required"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["convert"], "the following arguments are required: INPUT"),
        (["convert", "x.txt", "--jobs", "0"], "--jobs must be 1 or more, got 0"),
        (["convert", "x.txt", "--jobs", "two"], "invalid int value: 'two'"),
        (["convert", "x.txt", "--formats", "pdf"], "unknown format 'pdf' (available: "),
        (["convert", "x.txt", "--formats", ","], "no output format chosen"),
        (["convert", "x.txt", "--quiet", "--verbose"], "not allowed with argument"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str],
                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == EXIT_USAGE
    assert list(tmp_path.iterdir()) == []  # nothing written
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("usage error: ") and message in captured.err
    assert "Traceback" not in captured.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from converter import __version__

    assert main(["--version"]) == EXIT_OK
    assert capsys.readouterr().out.strip() == f"edgar2xbrl {__version__}"


def test_python_dash_m_converter() -> None:
    """The module entry point runs the same main() and passes its exit code on."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "converter", "convert", "--jobs", "0", "x"], capture_output=True,
                         text=True, cwd=ROOT, env=env, timeout=60)
    assert run.returncode == EXIT_USAGE
    assert run.stderr.startswith("usage error: --jobs must be 1 or more")


# ---------------------------------------------------------------- convert


def test_convert_reference_writes_folder_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     reference_report: Report) -> None:
    out = tmp_path / "out"
    assert main(["convert", str(REFERENCE), "--out", str(out), "--jobs", "1"]) == EXIT_OK
    captured = capsys.readouterr()
    folder = out / "colt_6-K_2004-07"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["source_name"] == REFERENCE.name and manifest["facts"] == len(reference_report.facts)
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert written == sorted(manifest["files"] + ["manifest.json"])
    summary = json.loads((out / "summary.json").read_text())
    assert summary["totals"]["converted"] == 1 and summary["totals"]["failed"] == 0
    assert summary["totals"]["facts"] == len(reference_report.facts)
    assert summary["files"][0]["output"] == "colt_6-K_2004-07"
    # not a terminal: one plain line per file and the summary on stdout
    assert f"converted {REFERENCE} -> colt_6-K_2004-07/ ({len(reference_report.facts)} facts" in captured.out
    assert "1 converted, 0 up to date, 0 failed of 1 files" in captured.out
    assert "\r" not in captured.err


def test_rerun_skips_up_to_date_unless_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes(REFERENCE.read_bytes())
    out = tmp_path / "out"
    argv = ["convert", str(src), "--out", str(out), "-j", "1", "--formats", "csv"]
    assert main(argv) == EXIT_OK
    first = (out / "a" / "manifest.json").stat().st_mtime_ns
    capsys.readouterr()
    assert main(argv) == EXIT_OK
    assert "skipped   " in capsys.readouterr().out
    assert json.loads((out / "summary.json").read_text())["totals"]["skipped"] == 1
    assert (out / "a" / "manifest.json").stat().st_mtime_ns == first
    assert main(argv + ["--force"]) == EXIT_OK
    assert "converted " in capsys.readouterr().out
    src.write_bytes(REFERENCE.read_bytes() + b"\n")  # changed source -> converted again
    assert main(argv) == EXIT_OK
    assert "converted " in capsys.readouterr().out


def test_quiet_prints_nothing_on_success(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "prose.txt"
    src.write_text("Nothing but words here.\n")
    assert main(["convert", str(REFERENCE), "--out", str(tmp_path / "o"), "-j", "1", "-q"]) == EXIT_OK
    assert capsys.readouterr().out == ""


def test_progress_bar_on_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert main(["convert", str(REFERENCE), str(bad), "--out", str(tmp_path / "o"), "-j", "1"]) == EXIT_FAILED
    text = term.getvalue()
    assert "2/2 [" in text and "filing/s]" in text and "\r" in text  # tqdm: count, elapsed<left, rate
    assert f"error: {bad}: the file is empty" in text
    assert "converted " not in capsys.readouterr().out  # per-file lines replaced by the bar


def test_verbose_lists_diagnostics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "prose.txt"
    src.write_text("FORM 6-K\nThis filing says nothing with numbers in a table at all.\n")
    assert main(["convert", str(src), "--out", str(tmp_path / "o"), "-j", "1", "-v"]) == EXIT_OK
    assert f"  {src}:-: warning: filing.no-tables: no financial tables were found" in capsys.readouterr().out


def test_all_bundled_filings_in_parallel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["convert", str(FILINGS), "--out", str(out), "--jobs", "2", "--formats", "csv"]) == EXIT_OK
    names = sorted(p.stem for p in FILINGS.glob("*.txt"))
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == names
    summary = json.loads((out / "summary.json").read_text())
    assert [f["output"] for f in summary["files"]] == names
    assert summary["totals"]["converted"] == len(names)


def test_inspect_row_shows_a_cell_unit_only_when_it_differs_from_the_column() -> None:
    from converter.inspect import row_text

    pct = Amount("33.3%", Decimal("0.333"), 0, 3, Span(20, 40, 45), Unit(("pure",)))
    money = Amount("97.5", Decimal("97500000"), 6, -5, Span(20, 50, 54), GBP)
    text = row_text(LineItem("Margin", "", 20, (20,), 0, False, (pct, money)), (GBP, GBP))
    assert "33.3% pure" in text and "97.5" in text and "97.5 GBP" not in text


def small_filing(extra_row: str) -> bytes:
    """The reference filing's first table alone, with one extra row."""
    lines = REFERENCE.read_text().splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "<TABLE>")
    end = next(i for i, ln in enumerate(lines) if ln.strip() == "</TABLE>")
    table = lines[start - 3: end + 1]
    table.insert(table.index("</TABLE>"), extra_row)
    return ("\n".join(lines[:40] + table) + "\n").encode()


def test_strict_fails_a_filing_with_unmapped_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "odd.txt"
    src.write_bytes(small_filing(f"{'Zorblax frobnication reserve':<43}{'12.0':>5}{'13.0':>10}{'14.0':>10}{'15.0':>10}"))
    out = tmp_path / "out"
    assert main(["convert", str(src), "--out", str(out), "-j", "1", "-f", "csv"]) == EXIT_OK
    summary = json.loads((out / "summary.json").read_text())
    assert summary["totals"]["unmapped"] >= 1 and summary["totals"]["facts"] >= 4
    capsys.readouterr()
    assert main(["convert", str(src), "--out", str(out / "strict"), "-j", "1", "--strict"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert f"error: {src}: --strict: " in err and "unmapped labels" in err
    assert sorted(p.name for p in (out / "strict").iterdir()) == ["summary.json"]
