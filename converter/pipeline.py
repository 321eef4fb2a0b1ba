"""The order of the stages: bytes -> Filing -> tables -> statements -> Report -> writers."""

from __future__ import annotations

import functools
import gc
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from . import __version__
from .layout.find_tables import TableBlock, find_tables
from .layout.grid import block_to_grid
from .interpret.context import read_context
from .interpret.evidence import schedule_scale, schedule_values
from .interpret.headers import headers_to_columns
from .interpret.rows import rows_to_items
from .interpret.facts import carry_periods, continuation_of, items_to_statement
from .model import Diagnostic, Filing, Report, Span, Statement
from .readers.edgar_text import read_filing_bytes, read_source
from .readers.ex27 import parse_ex27
from .checks.calc import active_groups, calc_checks
from .checks.summary import all_checks
from .mapping.load import load_taxonomy
from .mapping.match import map_report
from .settings import DEFAULT_SETTINGS, Settings
from .memo import clear_report_caches
from .writers import SHARED_VIEWS, WRITERS, writer_order

DEFAULT_FORMATS = ("native", "checks", "xbrl", "xbrl-csv", "xlsx", "statements")
NOTED_LINES = 5  # line numbers a filing-wide note names before "..."
UNSTATED_SCALE = ("header.scale-carried", "header.scale-unstated")  # a table printing no scale of its own
SCALE_CARRY_LINES = 40  # a table printing no scale takes the scale of a table ending at most this many lines above


F = TypeVar("F", bound=Callable[..., Any])


def young_collection(stage: F) -> F:
    """Run a stage without automatic garbage collection, then collect once the objects made since it started.

    A stage makes hundreds of thousands of objects that outlive it (the report) or die as reference cycles (a
    workbook); automatic full collections went through all of them again and again (a fifth of a batch's time)."""

    @functools.wraps(stage)
    def run(*args: Any, **kwargs: Any) -> Any:
        collecting = gc.isenabled()
        gc.disable()
        try:
            return stage(*args, **kwargs)
        finally:
            if collecting:
                gc.enable()
                gc.collect(0)

    return run  # type: ignore[return-value]


@young_collection
def convert_bytes(data: bytes, source: str, settings: Settings = DEFAULT_SETTINGS) -> Report:
    """Convert one filing's bytes into a Report (pure: no file is written)."""
    filing = read_filing_bytes(data, source, settings.tab_size, settings.page_width)
    statements: list[Statement] = []
    diagnostics: list[Diagnostic] = [narrow_tabs_note(filing, settings)] if filing.narrow_tabs else []
    previous: tuple[TableBlock, int] | None = None  # last table and its scale, for tables printing none
    stated: dict[str, Counter[int]] = {}  # scales printed by the tables of each document
    currencies: dict[str, Counter[str]] = {}  # currencies of the money columns of each document's tables
    context = read_context(filing)
    ex27_facts, ex27_diags = parse_ex27(filing)
    schedule = schedule_values(ex27_facts)
    for block in find_tables(filing, settings):
        grid = block_to_grid(block, settings)
        carried = None
        doc_scales = stated.setdefault(block.doc_type, Counter())
        if previous is not None and previous[0].doc_type == block.doc_type and block.first_line - previous[0].last_line <= SCALE_CARRY_LINES:
            carried = (previous[1], "the scale of the table just above")
        elif doc_scales:
            carried = (doc_scales.most_common(1)[0][0], "the scale most tables of this document state")
        doc_currencies = currencies.setdefault(block.doc_type, Counter())
        currency = doc_currencies.most_common(1)[0][0] if doc_currencies else None
        columns, col_diags = headers_to_columns(grid, filing.meta, carried_scale=carried, context=context,
                                                carried_currency=currency)
        doc_currencies.update(c.unit.numerators[0] for c in columns
                              if c.unit is not None and not c.unit.denominators and len(c.unit.numerators[0]) == 3
                              and c.unit.numerators[0].isupper())
        money = [c.scale for c in columns if c.unit is not None]
        if money:
            scale = max(set(money), key=money.count)
            previous = (block, scale)
            if not any(d.code in UNSTATED_SCALE for d in col_diags):
                doc_scales[scale] += 1
        elif previous is not None:
            previous = (block, previous[1])  # a count table passes the scale stated above it on
        if statements:
            columns, col_diags = carry_periods(statements[-1], block, columns, col_diags)
        items, row_diags = rows_to_items(grid, columns)
        if any(d.code in UNSTATED_SCALE for d in col_diags):
            better = schedule_scale(items, columns, schedule)
            if better is not None:  # the scale at which its figures are the filing's own EX-27 values
                columns, col_diags = headers_to_columns(
                    grid, filing.meta, carried_scale=(better, "the scale at which its figures equal the filing's "
                                                      "EX-27 schedule"), context=context, carried_currency=currency)
                items, row_diags = rows_to_items(grid, columns)
        statement, fact_diags = items_to_statement(block, grid, columns, items, len(statements) + 1, context=context)
        diagnostics.extend(col_diags + row_diags + fact_diags)
        if statement is not None:
            if statements and continuation_of(statements[-1], statement, filing.lines):
                first = statements[-1]  # the same statement on its next page: its name and kind
                name = first.title if first.title.endswith("(continued)") else f"{first.title} (continued)"
                statement = replace(statement, title=name, kind=first.kind)
            statements.append(statement)
    if not statements:
        diagnostics.append(Diagnostic("filing.no-tables", "no financial tables were found", None, "warning"))
    diagnostics.extend(ex27_diags)
    report = Report(
        source=source,
        meta=filing.meta,
        statements=tuple(statements),
        diagnostics=tuple(diagnostics),
        tool_version=__version__,
        encoding=filing.encoding,
        extra_facts=ex27_facts,
    )
    taxonomy = load_taxonomy()
    report = map_report(report, taxonomy)
    report = replace(report, calc_groups=active_groups(report, taxonomy))
    return replace(report, checks=all_checks(report) + calc_checks(report, taxonomy))


def narrow_tabs_note(filing: Filing, settings: Settings) -> Diagnostic:
    """Say which lines had their tabs read as one column each: at the usual stops they ran past the page."""
    lines = filing.narrow_tabs
    shown = ", ".join(map(str, lines[:NOTED_LINES])) + (", ..." if len(lines) > NOTED_LINES else "")
    return Diagnostic("filing.narrow-tabs", f"{len(lines)} line(s) would run past {settings.page_width} characters with "
                      f"tab stops every {settings.tab_size}; their tabs were read as one space each (lines {shown})",
                      Span(lines[0], 0, 0), "info")


def convert_file(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> Report:
    """Read a file and convert it."""
    return convert_bytes(read_source(Path(path)), str(path), settings)


@young_collection
def write_report(report: Report, out_dir: Path, formats: Iterable[str] = DEFAULT_FORMATS) -> list[Path]:
    """Run the chosen writers into out_dir; returns the files written. Writers sharing a view of the report run
    one after another, and what was kept for them is dropped after the last, so a large report holds one view."""
    written: list[Path] = []
    order = writer_order(formats)
    try:
        for i, name in enumerate(order):
            written.extend(WRITERS[name](report, out_dir))
            if i + 1 < len(order) and SHARED_VIEWS.get(name) != SHARED_VIEWS.get(order[i + 1]):
                clear_report_caches()  # the next writer shares nothing kept for this one
    finally:
        clear_report_caches()
    return written
