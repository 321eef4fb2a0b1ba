"""The workbook of the real filings, read back with openpyxl: every gold cell is a number on its sheet."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import FILINGS, GOLD
from converter.model import (
    Amount, Column, Concept, Duration, Fact, FilingMeta, Instant, LineItem, QName, Report, Span, Statement, Unit,
)
from converter.writers.xlsx_out import statement_sheet_names, write_xlsx


def sheet_values(ws) -> dict[int, list]:
    """Source line -> the value cells of its row (the last column holds source lines)."""
    out: dict[int, list] = {}
    for row in ws.iter_rows(min_row=1):
        line = row[-1].value
        if isinstance(line, int):
            out.setdefault(line, []).extend(c for c in row[1:-1] if c.value is not None)
    return out


def read_gold() -> list[dict[str, str]]:
    with open(GOLD, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def gold_unit(text: str) -> Unit:
    num, _, den = text.partition("/")
    return Unit((num,), (den,) if den else ())


def gold_report() -> Report:
    """The gold cells rebuilt as a Report (one statement per gold table), to run the writer on real cells."""
    tables: dict[str, list[dict[str, str]]] = {}
    for g in read_gold():
        tables.setdefault(g["table_id"], []).append(g)
    statements = []
    for tid, cells in tables.items():
        keys = list(dict.fromkeys((g["start"], g["end"], g["dims"], g["unit"]) for g in cells))
        columns = []
        for i, (start, end, dims, _) in enumerate(keys):
            period = Duration(date.fromisoformat(start), date.fromisoformat(end)) if start else Instant(
                date.fromisoformat(end))
            pairs = tuple(tuple(p.split("=", 1)) for p in dims.split(";") if p)
            columns.append(Column(i, period, None, 3, pairs, f"{end} | {dims}".rstrip(" |"), (0, 0)))
        lines = list(dict.fromkeys(int(g["line"]) for g in cells))
        amounts: dict[int, list] = {line: [None] * len(keys) for line in lines}
        labels: dict[int, tuple[str, str]] = {}
        facts = []
        for g in cells:
            line, col = int(g["line"]), keys.index((g["start"], g["end"], g["dims"], g["unit"]))
            a = Amount(g["presented"], Decimal(g["value"]), int(g["scale"]), int(g["decimals"]),
                       Span(line, 10 * col, 10 * col + 8), None)
            amounts[line][col] = a
            labels[line] = (g["row_label"], g["section"])
            concept = Concept(QName("ext", "urn:gold", f"L{line}"), "monetary", g["period_type"], None, g["row_label"])
            facts.append(Fact(concept, columns[col].period, gold_unit(g["unit"]), columns[col].dims, a,
                              g["row_label"], g["section"], tid, col))
        rows = tuple(LineItem(labels[n][0], labels[n][1], n, (n,), 1 if labels[n][1] else 0, False,
                              tuple(amounts[n]), "value") for n in lines)
        statements.append(Statement(tid, tid, "other", "6-K", min(lines), max(lines), tuple(columns), rows,
                                    tuple(facts), ""))
    meta = FilingMeta("6-K", "GOLD", "", None, "", None, "")
    return Report("gold.txt", meta, tuple(statements), ())


def require_facts(report) -> None:
    if not report.facts:
        pytest.xfail("the extraction engine yields no facts yet")


@pytest.fixture(scope="module", params=["engine", "gold-built"])
def report_and_book(request, reference_report, tmp_path_factory):
    """The reference filing's report (engine output, or the gold cells rebuilt) and its workbook read back."""
    report = reference_report if request.param == "engine" else gold_report()
    require_facts(report)
    (path,) = write_xlsx(report, tmp_path_factory.mktemp("gold"))
    return report, openpyxl.load_workbook(path)


def test_every_gold_cell_is_the_printed_figure_on_its_statement_sheet(report_and_book):
    """A core gold cell is stored as printed, in its table's scale ("(195,477)" in thousands -> -195477)."""
    reference_report, reference_book = report_and_book
    names = statement_sheet_names(reference_report)
    gold = read_gold()
    assert len(gold) == 923
    cache: dict[str, dict[int, list]] = {}
    missing = []
    for g in gold:
        if g["tier"] != "core":
            continue
        line, shown = int(g["line"]), Decimal(g["value"]).scaleb(-int(g["scale"]))
        found = None
        for st in reference_report.statements:
            if not st.first_line <= line <= st.last_line or st.table_id not in names:
                continue
            if st.table_id not in cache:
                cache[st.table_id] = sheet_values(reference_book[names[st.table_id]])
            found = next((c for c in cache[st.table_id].get(line, [])
                          if c.data_type == "n" and Decimal(str(c.value)) == shown), None)
            if found is not None:
                break
        if found is None:
            missing.append(f"{g['table_id']} line {line}: {g['row_label']} {g['presented']}")
            continue
        if shown < 0:
            negative = found.number_format.split(";")[1]
            assert negative.startswith("(") and negative.endswith(")"), (line, found.number_format)
    assert not missing, f"{len(missing)} gold cells not printed figures on their sheets, e.g. {missing[:5]}"


def test_no_full_unit_value_of_a_scaled_gold_cell_on_a_statement_sheet(report_and_book):
    """The statement sheets hold printed figures: a thousands figure never appears in full units."""
    report, book = report_and_book
    names = statement_sheet_names(report)
    full = {Decimal(g["value"]) for g in read_gold() if int(g["scale"]) >= 3 and Decimal(g["value"]) != 0}
    for name in names.values():
        for values in sheet_values(book[name]).values():
            assert not [c.value for c in values if Decimal(str(c.value)) in full], name


@pytest.mark.parametrize("filing", sorted(p.name for p in FILINGS.glob("*.txt")))
def test_every_fact_of_a_real_filing_is_on_its_sheet(filing, tmp_path):
    from converter.pipeline import convert_file

    report = convert_file(FILINGS / filing)
    require_facts(report)
    (path,) = write_xlsx(report, tmp_path)
    book = openpyxl.load_workbook(path)
    names = statement_sheet_names(report)
    assert book.sheetnames == ["Contents", *dict.fromkeys(names.values()), "Checks", "Diagnostics", "Facts"]  # a next
    # page shares its first page's sheet
    for st in report.statements:
        if not st.facts:
            continue
        cells = sheet_values(book[names[st.table_id]])
        for f in st.facts:
            shown = f.amount.value.scaleb(-f.amount.scale)
            assert any(c.data_type == "n" and Decimal(str(c.value)) == shown
                       for c in cells.get(f.line, [])), (st.table_id, f.line, f.label, f.amount.presented)
    assert Path(path).stat().st_size > 0


def test_reference_sheets_are_named_for_what_they_are(reference_report, tmp_path):
    """No machine names (t01...); Contents first, then the primary statements by kind, then the other tables."""
    import re

    (path,) = write_xlsx(reference_report, tmp_path)
    sheets = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert not [s for s in sheets if re.match(r"t\d\d", s)], sheets
    assert sheets[:7] == ["Contents", "Income statement (3 months)", "Income statement (6 months)", "Balance sheet",
                          "Cash flows", "Equity (total recognised gains)", "Equity (reconciliation changes)"]
    assert sheets[-3:] == ["Checks", "Diagnostics", "Facts"]
    assert {"Key financial data", "Loss per share", "EBITDA reconciliation"} <= set(sheets)
