"""The order of the stages: bytes -> Filing -> tables -> statements -> Report -> writers."""

from __future__ import annotations

import functools
import gc
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from . import __version__
from .layout.find_tables import TableBlock, find_tables
from .layout.grid import Grid, block_to_grid
from .interpret.context import FilingContext, read_context
from .interpret.evidence import schedule_scale, schedule_values, shared_scale, stated_figures
from .interpret.headers import headers_to_columns
from .interpret.rows import rows_to_items
from .interpret.axes import unify_part_axes
from .interpret.facts import carry_periods, continuation_of, items_to_statement, spans_above
from .model import Diagnostic, Duration, Filing, Report, Span, Statement
from .readers.edgar_text import read_filing_bytes, read_source
from .readers.ex27 import parse_ex27
from .checks.calc import active_groups
from .checks.calc_network import with_calculations
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


@dataclass(frozen=True)
class _Read:
    """One table as read, with what reading it again at another scale needs."""

    block: TableBlock
    grid: Grid
    before: Statement | None  # the statement read just before it
    currency: str | None  # the currency its document's other tables print
    ordinal: int  # its number among the statements (t01, t02, ...)
    statement: Statement | None
    diagnostics: tuple[Diagnostic, ...]
    unstated: bool  # it prints no scale
    carried: bool  # ... and took one from the tables before it


def _read_table(filing: Filing, context: FilingContext, block: TableBlock, grid: Grid, before: Statement | None,
                carried: tuple[int, str] | None, currency: str | None, ordinal: int,
                schedule: frozenset) -> tuple[_Read, tuple]:
    """Read one table at a carried scale (EX-27 evidence may choose another); the read and its columns."""
    columns, col_diags = headers_to_columns(grid, filing.meta, carried_scale=carried, context=context,
                                            carried_currency=currency)
    first_columns = columns
    if before is not None:
        columns, col_diags = carry_periods(before, block, columns, col_diags)
    items, row_diags = rows_to_items(grid, columns)
    unstated = any(d.code in UNSTATED_SCALE for d in col_diags)
    if unstated:
        better = schedule_scale(items, columns, schedule)
        if better is not None:  # the scale at which its figures are the filing's own EX-27 values
            columns, col_diags = headers_to_columns(
                grid, filing.meta, carried_scale=(better, "the scale at which its figures equal the filing's "
                                                  "EX-27 schedule"), context=context, carried_currency=currency)
            items, row_diags = rows_to_items(grid, columns)
    statement, fact_diags = items_to_statement(block, grid, columns, items, ordinal, context=context,
                                               carried_spans=spans_above(before, block, filing.lines)
                                               if before is not None else ())
    if statement is not None and before is not None and continuation_of(before, statement, filing.lines):
        name = before.title if before.title.endswith("(continued)") else f"{before.title} (continued)"
        statement = replace(statement, title=name, kind=before.kind)  # the same statement on its next page
    carried_scale = any(d.code == "header.scale-carried" for d in col_diags)
    if statement is not None:  # a column its rows dated ("1st Qtr" under "1998", years down the side) is no warning
        with_facts = {f.column for f in statement.facts}
        dated = {(c.span[0], c.span[1]) for c in statement.columns if c.period is None and c.index in with_facts}
        col_diags = [d for d in col_diags if not (d.code == "header.no-period" and d.span is not None
                                                  and (d.span.start, d.span.end) in dated)]
    read = _Read(block, grid, before, currency, ordinal, statement, tuple(col_diags + row_diags + fact_diags),
                 unstated, carried_scale)
    return read, first_columns


F = TypeVar("F", bound=Callable[..., Any])


def young_collection(stage: F) -> F:
    """Run a stage without automatic garbage collection, then collect once the objects made since it started
    (also when the process runs with automatic collection off, as the command line does).

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
    reads: list[_Read] = []
    previous: tuple[TableBlock, int] | None = None  # last table and its scale, for tables printing none
    stated: dict[str, Counter[int]] = {}  # scales printed by the tables of each document
    currencies: dict[str, Counter[str]] = {}  # currencies of the money columns of each document's tables
    context = read_context(filing)
    ex27_facts, ex27_diags = parse_ex27(filing)
    # a schedule's YEAR counted back in calendar months is the fiscal year the filing prints (52/53-week years)
    ex27_facts = tuple(replace(f, period=context.settle(f.period, frozenset())) if isinstance(f.period, Duration)
                       else f for f in ex27_facts)
    schedule = schedule_values(ex27_facts)
    last: Statement | None = None
    ordinal = 0
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
        read, columns = _read_table(filing, context, block, grid, last, carried, currency, ordinal + 1, schedule)
        doc_currencies.update(c.unit.numerators[0] for c in columns
                              if c.unit is not None and not c.unit.denominators and len(c.unit.numerators[0]) == 3
                              and c.unit.numerators[0].isupper())
        money = [c.scale for c in columns if c.unit is not None]
        if money:
            scale = max(set(money), key=money.count)
            previous = (block, scale)
            if not read.unstated:
                doc_scales[scale] += 1
        elif previous is not None:
            previous = (block, previous[1])  # a count table passes the scale stated above it on
        reads.append(read)
        if read.statement is not None:
            last = read.statement
            ordinal += 1
    reads = _rescale_by_shared_figures(filing, context, reads, schedule)
    statements = [r.statement for r in reads if r.statement is not None]
    diagnostics: list[Diagnostic] = [narrow_tabs_note(filing, settings)] if filing.narrow_tabs else []
    for r in reads:
        diagnostics.extend(r.diagnostics)
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
    report = map_report(replace(report, statements=unify_part_axes(report.statements)), taxonomy)
    report = replace(report, calc_groups=active_groups(report, taxonomy))
    return with_calculations(replace(report, checks=all_checks(report)), taxonomy)


def _rescale_by_shared_figures(filing: Filing, context: FilingContext, reads: list[_Read],
                               schedule: frozenset) -> list[_Read]:
    """Tables printing no scale read again at the scale at which they repeat the figures of the tables that print
    theirs (interpret.evidence.shared_scale): the filing's own figures are better evidence than a carried scale."""
    known = stated_figures(r.statement for r in reads if r.statement is not None and (not r.unstated or r.carried))
    out = list(reads)
    for i, r in enumerate(reads):
        if not r.unstated or r.carried or r.statement is None:
            continue  # a table with a scale printed or carried from the tables before it keeps it
        better = shared_scale(r.statement.rows, r.statement.columns, known)
        if better is None:
            continue
        again, _ = _read_table(filing, context, r.block, r.grid, r.before,
                               (better, "the scale at which its figures equal those of the filing's other tables"),
                               r.currency, r.ordinal, schedule)
        if again.statement is not None:
            out[i] = replace(again, unstated=False, carried=True)
    return out


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
