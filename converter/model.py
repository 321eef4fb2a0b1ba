"""The data model shared by every stage: frozen dataclasses from filing text to facts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal, Union

from .record import record

Dims = tuple[tuple[str, str], ...]
"""Sorted (axis, member) pairs, e.g. (("region", "north"),); empty for the default (total)."""


@record
class Span:
    """A place in the source text."""

    line: int  # 1-based line number in the whole source file
    start: int  # 0-based first column (after tab expansion)
    end: int  # 0-based column after the last character


@record
class FilingMeta:
    """What the SGML header (or the document text) says about the filing."""

    form_type: str  # "10-K", "6-K", ... or "" when unknown
    company: str  # conformed company name, or "" when unknown
    cik: str  # central index key without leading zeros stripped, or ""
    period_of_report: date | None  # CONFORMED PERIOD OF REPORT
    fiscal_year_end: str  # "MMDD" from the header, or ""
    filed: date | None  # FILED AS OF DATE
    accession: str  # ACCESSION NUMBER, or ""


@record
class Document:
    """One <DOCUMENT> of a submission (a bare file is one document)."""

    doc_type: str  # <TYPE>: "10-Q", "EX-27", "EX-99", ...
    description: str  # <DESCRIPTION>, or ""
    first_line: int  # 1-based line of the document's first text line
    last_line: int  # 1-based line of its last text line (inclusive)


@record
class Filing:
    """A decoded filing: header facts, documents, and tab-expanded lines."""

    source: str  # path or name the filing was read from
    meta: FilingMeta  # header information
    documents: tuple[Document, ...]  # documents in file order
    lines: tuple[str, ...]  # every line of the file, tabs expanded; lines[0] is line 1
    encoding: str  # "utf-8" or "cp1252" (undecodable bytes kept as latin-1)
    narrow_tabs: tuple[int, ...] = ()  # lines whose tabs were read as one column each (see read_filing_bytes)


@record
class Instant:
    """A point in time: a balance at the end of a day."""

    date: date

    @property
    def kind(self) -> str:
        return "instant"


@record
class Duration:
    """A period of time, both ends inclusive."""

    start: date
    end: date

    @property
    def kind(self) -> str:
        return "duration"


Period = Union[Instant, Duration]


@record
class Unit:
    """An XBRL unit as short measure names: ("GBP",) or ("USD",) per ("shares",)."""

    numerators: tuple[str, ...]  # "GBP", "USD", "shares", "pure", or a custom word like "customers"
    denominators: tuple[str, ...] = ()  # ("shares",) for per-share amounts

    @property
    def text(self) -> str:
        """The gold-file spelling: GBP, GBP/shares, pure."""
        num = "*".join(self.numerators)
        return f"{num}/{'*'.join(self.denominators)}" if self.denominators else num


@record
class Column:
    """How one value column of a table was interpreted from its header."""

    index: int  # 0-based position among the table's value columns
    period: Period | None  # None when no period could be inferred (cells become diagnostics)
    unit: Unit | None  # unit from the header; rows may override (per share, shares, %)
    scale: int  # power of ten the printed numbers are multiplied by (3 for '000)
    dims: Dims  # breakdown members from the header (segments, before/after exceptional)
    header: str  # header text stacked top to bottom, joined with " | "
    span: tuple[int, int]  # character columns [start, end) the values occupy


@record
class Amount:
    """A parsed cell: exact value with its printed text."""

    presented: str  # printed text, e.g. "(195,477)" or "GBP(0.02)" or "--"
    value: Decimal  # full value with the presented sign: -195477000
    scale: int  # power of ten applied to the printed number
    decimals: int  # XBRL decimals: -3 for thousands, 2 for 0.02
    span: Span  # where the number was printed
    unit: Unit | None  # unit fixed by the cell itself ("%" -> pure, "GBP(0.02)" -> GBP/shares), else None


@record
class QName:
    """A namespace-qualified name; identity is (namespace, local)."""

    prefix: str  # preferred prefix, e.g. "e2x" or "ext"
    namespace: str  # namespace URI
    local: str  # local name, e.g. "Revenues"

    def __str__(self) -> str:
        return f"{self.prefix}:{self.local}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, QName) and (self.namespace, self.local) == (other.namespace, other.local)

    def __hash__(self) -> int:
        return hash((self.namespace, self.local))


@record
class Concept:
    """A taxonomy or extension concept."""

    qname: QName  # its name
    data_type: str  # "monetary", "shares", "perShare", "pure", "decimal", "string"
    period_type: str  # "duration" or "instant"
    balance: str | None  # "debit", "credit" or None
    label: str  # standard label
    extension: bool = False  # True when declared in the per-filing extension schema


@record
class LineItem:
    """One printed row of a table, label lines joined."""

    label: str  # wrapped label lines joined with single spaces; "" for an unlabelled subtotal
    section: str  # heading the row sits under ("Cost of sales"), or ""
    line: int  # 1-based line holding the numbers
    label_lines: tuple[int, ...]  # every line the label was read from
    depth: int  # indent level (0 = flush left) used for display
    subtotal: bool  # True for unlabelled or "Total ..." rows that sum rows above
    amounts: tuple[Amount | None, ...]  # one per column; None where the cell is blank
    row_kind: str = "value"  # "value" or "heading" (label-only section heading, no amounts)
    path: tuple[str, ...] = ()  # open section headings, outermost first ("AUTOMOTIVE", "Costs and expenses")


@record
class Fact:
    """One reported figure, fully interpreted."""

    concept: Concept  # what it is
    period: Period  # when
    unit: Unit  # in what
    dims: Dims  # breakdown members, sorted
    amount: Amount  # printed text, value (presented sign), decimals, span
    label: str  # row label as printed (joined)
    section: str  # section heading
    table_id: str  # statement/table id within the filing
    column: int  # value column index in its table
    xbrl_sign: int = 1  # multiply value by this for XBRL sign convention (cost printed negative -> -1)

    @property
    def line(self) -> int:
        return self.amount.span.line

    @property
    def xbrl_value(self) -> Decimal:
        return self.amount.value if self.xbrl_sign == 1 else self.amount.value.copy_negate()

    def mapped(self, concept: Concept, xbrl_sign: int) -> Fact:
        """This fact with a concept and XBRL sign (dataclasses.replace costs several times more per fact)."""
        return Fact(concept, self.period, self.unit, self.dims, self.amount, self.label, self.section, self.table_id,
                    self.column, xbrl_sign)


@record
class Statement:
    """A detected table, interpreted."""

    table_id: str  # unique, readable id: "t03_balance_sheet"
    title: str  # caption or title text found above the table
    kind: str  # "income", "balance", "cashflow", "equity", "segment", "other"
    doc_type: str  # type of the document it was found in ("6-K", "EX-99")
    first_line: int  # first line of the header band
    last_line: int  # last line of the body
    columns: tuple[Column, ...]  # value columns left to right
    rows: tuple[LineItem, ...]  # rows top to bottom, headings included
    facts: tuple[Fact, ...]  # facts made from this table's cells
    scale_text: str  # the printed units/scale, e.g. "GBP'000" or "$ millions"


@record
class Diagnostic:
    """Something the user should know: a cell not turned into a fact, a check failure..."""

    code: str  # dotted code, e.g. "cell.no-period" or "calc.inconsistent"
    message: str  # one sentence
    span: Span | None  # where, if known
    severity: Literal["info", "warning", "error"]  # error = a figure was lost or is wrong


@record
class Check:
    """One self-check result (a subtotal, balance sheet equation, cross-table agreement)."""

    kind: str  # "subtotal", "calc", "balance", "cross-table", "ex27"
    table_id: str  # table it belongs to ("" for filing-wide checks)
    line: int  # source line of the total being checked (0 if none)
    description: str  # human sentence: "Gross profit = Turnover - Cost of sales"
    expected: Decimal  # the printed total
    computed: Decimal  # the computed sum
    ok: bool  # reconciles within rounding tolerance
    period: str = ""  # period text of the checked column
    total: Fact | None = None  # the fact of the total checked, when the check tests a sum of facts
    parts: tuple[tuple[int, Fact], ...] = ()  # (weight, fact) of each part: total = sum of weight * part (XBRL values)

    @property
    def undetermined(self) -> bool:
        """The components of the total could not be told from the layout: neither passed nor failed."""
        return self.kind.endswith("-undetermined")

    @property
    def failed(self) -> bool:
        """A total that does not reconcile (an undetermined one is not a failure)."""
        return not self.ok and not self.undetermined


@record
class MappingDecision:
    """How a printed label was mapped to a concept."""

    label: str  # printed label
    section: str  # section context
    table_id: str  # where it was seen
    concept: str  # prefixed concept name chosen
    status: Literal["matched", "extension", "ambiguous"]  # outcome
    note: str = ""  # which alias or rule matched


@record
class Report:
    """Everything known about one converted filing; the input of every writer."""

    source: str  # input path
    meta: FilingMeta  # header facts
    statements: tuple[Statement, ...]  # tables in source order
    diagnostics: tuple[Diagnostic, ...]  # warnings and lost figures
    checks: tuple[Check, ...] = ()  # self-check results
    mappings: tuple[MappingDecision, ...] = ()  # label mapping decisions
    extra_facts: tuple[Fact, ...] = ()  # facts not from a table (EX-27 schedule, document info)
    taxonomy_version: str = ""  # version of taxonomy/ used
    tool_version: str = ""  # converter version
    encoding: str = "utf-8"  # how the source bytes were decoded
    calc_groups: tuple[str, ...] | None = None  # calculation groups the filing reports completely; None: not yet known
    calc_networks: tuple[Any, ...] | None = None  # the statements' summations the calculation linkbase holds; None: not yet found

    @property
    def facts(self) -> tuple[Fact, ...]:
        """All table facts in source order, then extra facts."""
        out: list[Fact] = []
        for st in self.statements:
            out.extend(st.facts)
        out.extend(self.extra_facts)
        return tuple(out)


def period_text(p: Period) -> str:
    """A readable period: 2004-04-01..2004-06-30 or @2004-06-30."""
    if isinstance(p, Instant):
        return f"@{p.date.isoformat()}"
    return f"{p.start.isoformat()}..{p.end.isoformat()}"


def period_end(p: Period) -> date:
    """The day a period ends (an instant's date)."""
    return p.date if isinstance(p, Instant) else p.end


def dims_text(dims: Dims) -> str:
    """The gold-file spelling of dims: axis=member pairs joined by ';'."""
    return ";".join(f"{a}={m}" for a, m in sorted(dims))

