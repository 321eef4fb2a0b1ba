"""Conversion from LineItems and Columns into a Statement whose facts carry provisional concepts."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import timedelta
from functools import lru_cache

from ..layout.find_tables import TableBlock
from ..layout.grid import Grid
from ..memo import text_cache
from ..model import (Column, Concept, Diagnostic, Dims, Duration, Fact, Instant, LineItem, Period, QName, Span, Statement,
                     Unit)
from .classify import classify_statement, title_names_statement
from .context import NO_CONTEXT, FilingContext
from .headers import ASSUMED_FISCAL_YEAR_END, is_note_column, within, year_period
from .headers import _SPANNING_RE, header_titles
from .periods import (DATE_HEADING, MONTHS, SPAN_HEADING, YEAR_HEADING, evidence_to_period, is_period_heading,
                      period_for_year, read_evidence, read_spans)
from .share import shared
from .vocab import Vocab, load_vocab, normalise_phrase

TABLE_SLUG_CHARS = 26  # "t01_" + slug stays within Excel's 31-character sheet names
TITLE_AXES = ("scenario", "legal_entity")  # axes a table title sets for all its figures (pro forma, a subsidiary)
EXT_PREFIX = "ext"
EXT_NAMESPACE = "http://edgar2xbrl.invalid/extension"
_ALNUM = re.compile(r"[A-Za-z0-9]+")
_BRACKETED = re.compile(r"\(([^()]{3,})\)")
_THREE_LETTERS = re.compile(r"[A-Za-z]{3}")
_YEAR_WORD = re.compile(r"\b(19|20)\d\d\b")
_ITEM_MARK = re.compile(r"[a-z]{1,2}\.\s")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SCALE_WORDS = {0: "", 3: "'000", 6: " millions", 9: " billions", -2: "%"}


def camel(text: str) -> str:
    """A valid XML local name from a label: 'Profit/(loss) for period' -> 'ProfitLossForPeriod'."""
    words = _ALNUM.findall(text)
    name = "".join(map(str.capitalize, words))[:120]  # ASCII words: capitalize() is upper first, lower the rest
    if not name:
        name = "Unlabelled"
    if name[0].isdigit():
        name = "N" + name
    return name


def data_type(unit: Unit) -> str:
    """Concept data type from the unit."""
    if unit.denominators == ("shares",):
        return "perShare"
    if unit.numerators == ("shares",):
        return "shares"
    if unit.numerators == ("pure",):
        return "pure"
    if len(unit.numerators[0]) == 3 and unit.numerators[0].isupper():
        return "monetary"
    return "decimal"


@text_cache(maxsize=16384)
def provisional_concept(label: str, section: str, unit: Unit, period_kind: str) -> Concept:
    """An extension concept named after the printed label (the mapping stage may replace it)."""
    if label and section and is_period_heading(label):
        label = section  # "Year Ended January 3, 1999" under "RESERVE FOR DOUBTFUL ACCOUNTS": the reserve, that year
    base = label or (f"{section} total" if section and not is_period_heading(section) else "Unlabelled total")
    dt = data_type(unit)
    name = camel(base)
    if dt != "monetary":
        name += {"perShare": "PerShare", "shares": "Shares", "pure": "Ratio", "decimal": camel(unit.numerators[0])}[dt]
    return Concept(QName(EXT_PREFIX, EXT_NAMESPACE, name), dt, period_kind, None, base, True)


def period_rule(label: str, section: str, vocab: Vocab) -> str | None:
    """The row-level period rule of a row: "opening" (balances the day before the start), "closing" (at the end),
    or None (the column's period as it is)."""
    rules = vocab.rules_matching(label)
    if "opening" in rules:
        return "opening"
    if "closing" in rules or "at_end" in rules or (section and "at_end" in vocab.rules_matching(section)):
        return "closing"
    m = _AT_DAY.search(label) if " at " in label.lower() or "," in label else None
    if m:  # "Cash and cash equivalents at January 1", "Retained Earnings, December 31": a balance on a day each
        # column's period starts or ends on
        month = MONTHS.get(m[1].lower().rstrip(".")) or MONTHS.get(m[1].lower()[:3])
        return f"at {month:02d}-{int(m[2]):02d}" if month else None
    return None


def row_period(period: Period, rule: str | None) -> Period:
    """A column's period under a row's period rule: opening balances are instants the day before the start,
    closing ones at the end."""
    if rule is None or not isinstance(period, Duration):
        return period
    if rule.startswith("at "):
        day = rule[3:]
        if period.start.strftime("%m-%d") == day:
            return Instant(period.start - timedelta(days=1))
        return Instant(period.end) if period.end.strftime("%m-%d") == day else period
    return Instant(period.start - timedelta(days=1)) if rule == "opening" else Instant(period.end)


_AT_DAY = re.compile(r"(?:\bat|,)\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\s*:?\s*$",
                     re.IGNORECASE)
"""A balance dated by month and day only, at the end of a label: "at January 1", ", December 31"."""
_AT_DATE = re.compile(r"(?:\bat|\bas\s+of|,)\s+[a-z]{3,9}\.?\s+\d{1,2},\s*(?:19|20)\d{2}\s*:?\s*$", re.IGNORECASE)
"""A balance dated in full at the end of a label: "Issued at December 31, 1990", "Stockholders' equity, January 1,
1995"."""
NOTED_REFS = 6  # note references a table.note-column diagnostic lists before "..."
MIN_DATED_BALANCES = 2  # dated balance rows that make the rows, not the title, a one-period table's time line


def _balance_rows(items: tuple[LineItem, ...], kind: str, columns: tuple[Column, ...], vocab: Vocab) -> frozenset[int]:
    """Rows of an equity statement by period columns that are balances though their labels say no "end of year":
    a component printed alone between two roll-forwards ("Class B Stock  35  35  35") or the closing total
    ("Total stockholders' equity"). Each is a row after a closing balance and before the next opening, or an equity total."""
    if kind != "equity" or not any(isinstance(c.period, Duration) for c in columns):
        return frozenset()
    out: set[int] = set()
    after_close = False
    for it in items:
        if it.row_kind != "value":
            continue
        rule = period_rule(it.label, it.section, vocab)
        if rule == "opening":
            after_close = False
        elif rule == "closing":
            after_close = True
        elif after_close or "equity_total" in vocab.rules_matching(it.label):
            out.add(it.line)
    return frozenset(out)


_MINOR_WORDS = frozenset("of and in the for to on at as from by with a an or".split())


def _title_case(text: str) -> bool:
    """A heading, not a sentence: every word but the minor ones starts with a capital or a digit."""
    words = [w.strip("(),'\"") for w in text.split()]
    if words and len(words) <= LOWER_TITLE_WORDS and text == text.lower() and not text.rstrip().endswith((".", ",")):
        return True  # a heading set all in lower case ("consolidated statement of earnings")
    return bool(words) and not text.rstrip().endswith(".") and all(
        not w or not w[0].islower() or w in _MINOR_WORDS for w in words)


LOWER_TITLE_WORDS = 6  # words a heading set all in lower case may have (a longer lower-case line is a sentence)


STATEMENT_TITLE_LINES = 6  # printed lines above a table searched for a statement's name ("STATEMENT OF EARNINGS")
_MARKUP = re.compile(r"^\s*(?:</?[A-Z]+>|[-=_ ]+)\s*$")  # tags and rules: no printed lines


_LOWER_WORD = re.compile(r"(?<!\S)[a-z][a-z,;.'-]*(?!\S)")
_BRACKETED = re.compile(r"\([^()]*\)?")
RUNNING_TEXT_WORDS = 4  # lower-case words that make a line above a table running text, not a title or caption


def _wrapped_titles(lines: list[str]) -> list[str]:
    """Titles wrapped over two lines, each line's first phrase joined: "CONSOLIDATED STATEMENT      Merck & Co." over
    "OF RETAINED EARNINGS"."""
    firsts = [_PHRASE_GAP.split(t.strip())[0] for t in lines]
    return [f"{a} {b}" for a, b in zip(firsts, firsts[1:])
            if a and b and _LED_ON.search(a) and _LEADS_ON.match(b) and not title_names_statement(a)]


_PHRASE_GAP = re.compile(r"\s{3,}")
_LEADS_ON = re.compile(r"^of\b", re.IGNORECASE)
_LED_ON = re.compile(r"\bstatements?$", re.IGNORECASE)


def table_title(block: TableBlock, grid: Grid) -> str:
    """The statement's printed title: a line naming a statement ("Consolidated Statement of Earnings") in the
    header or just above it, else the first header text that is not about time or units."""
    above = [t for t in block.context if t.strip() and not _MARKUP.match(t)][-STATEMENT_TITLE_LINES:]
    prose = [i for i, t in enumerate(above) if len(_LOWER_WORD.findall(_BRACKETED.sub(" ", t))) >= RUNNING_TEXT_WORDS]
    if prose and not above[prose[-1]].rstrip().endswith(":"):
        # a heading above running text titles the text ("STATEMENT OF FINANCIAL POSITION" over a discussion the
        # table interrupts); above a sentence leading into the table ("... is as follows:") it titles the table
        above = above[prose[-1] + 1:]
    near = [t.strip(" |:-") for t in (*above, *header_titles(grid))]
    near += _wrapped_titles([*above, *block.lines[: block.body_first - block.first_line]])
    named = [t for t in near if t and len(t) < 90 and _title_case(t) and title_names_statement(t)]
    if named:
        return named[-1]
    titles = [c for c in header_titles(grid)
              if _THREE_LETTERS.search(c) and not _SPANNING_RE.search(c) and not c.startswith("(")
              and not c.endswith((".", ")")) and not c[0].islower() and not _YEAR_WORD.search(c)]
    if titles:
        return titles[-1].strip(" :|")  # the line nearest the columns: "BALANCE SHEETS" below the company name
    for text in reversed(block.context):
        t = text.strip()
        if (t and len(t) < 70 and _THREE_LETTERS.search(t) and not t.startswith("<")
                and (t[0].isupper() or t[0].isdigit() or _ITEM_MARK.match(t))
                and not t.endswith((".", ":", ",", ";"))):
            return t
        if t:
            break
    return ""


def _row_periods(items: tuple[LineItem, ...], columns: tuple[Column, ...], block: TableBlock,
                 vocab: Vocab, context: FilingContext = NO_CONTEXT,
                 carried_spans: tuple[Duration, ...] = ()) -> dict[int, Period]:
    """Periods printed in the rows of a table whose columns name none (a statement of stockholders' equity):
    "BALANCES, December 31, 1996" or "Issued at December 31, 1990" rows are instants, a row labelled with a bare
    year ("1991" under "Additions") that fiscal year, the other rows between two balances the period between them."""
    if len({c.period for c in columns if c.period is not None}) > 1:
        return {}  # the columns are periods: the rows' dates are the columns' own
    balances: list[tuple[int, Instant]] = []
    for it in items:
        if it.row_kind == "value" and ("balance_row" in vocab.rules_matching(it.label) or _AT_DATE.search(it.label)):
            ev = read_evidence(it.label)
            if ev.end is not None:  # a balance on a month's first day ("BALANCE, JANUARY 1, 1991") opens the period:
                # it is the balance at the end of the day before, as the closing balance of the period before is
                balances.append((it.line, Instant(ev.end - timedelta(days=1) if ev.end.day == 1 else ev.end)))
    if not balances or (len(balances) < MIN_DATED_BALANCES and all(c.period is not None for c in columns)):
        return {}  # one dated row under a dated title is a row, not the table's time line
    caption = read_evidence(" ".join(list(block.context) + list(block.lines[: block.body_first - block.first_line])))
    out: dict[int, Period] = dict(balances)
    for it in items:
        year = YEAR_HEADING.match(it.label) if it.row_kind == "value" and it.line not in out else None
        if year is not None:
            whole = _fiscal_year(int(year[1]), context)
            if whole is not None:
                out[it.line] = whole
    for it in items:
        if it.row_kind != "value" or it.line in out:
            continue
        before = [b for line, b in balances if line < it.line]
        after = [b for line, b in balances if line > it.line]
        if before and after and before[-1].date < after[0].date:
            out[it.line] = Duration(before[-1].date + timedelta(days=1), after[0].date)
        elif after:
            span = next((sp for sp in (*caption.spans, *carried_spans) if sp.end == after[0].date), None)
            if span is not None:  # "period from June 3, 1996 (inception) to December 31, 1996", here or on page one
                out[it.line] = span
    return {line: shared(period) for line, period in out.items()}


def lead_in(context: tuple[str, ...]) -> str:
    """The sentence that introduces a table: the paragraph right above it when it ends with a colon
    ("Unaudited pro forma operating results ... are as follows:"), else ""."""
    lines: list[str] = []
    for text in reversed(context):
        if not text.strip():
            if lines:
                break
            continue
        if text.lstrip().startswith("<"):
            continue
        lines.insert(0, text.strip())
    paragraph = " ".join(lines)
    return paragraph if paragraph.endswith(":") else ""


@text_cache(maxsize=16384)
def _title_dims(title: str, vocab: Vocab) -> tuple[tuple[str, str], ...]:
    """A scenario or entity named in the title ("Proforma Results of Operations", "Condensed Financial Information
    of Subsidiary") holds for every figure of the table: one member an axis."""
    words = f" {normalise_phrase(title)} "
    found: dict[str, str] = {}
    for phrase, axis, member in _title_members(vocab):
        if axis not in found and f" {phrase} " in words:
            found[axis] = member
    return tuple(sorted(found.items()))


@lru_cache(maxsize=4)
def _title_members(vocab: Vocab) -> tuple[tuple[str, str, str], ...]:
    """The vocabulary's (phrase, axis, member) rows of a member (not a total) on an axis a title sets, in order."""
    return tuple((phrase, axis, member) for phrase, axis, member in vocab.members if axis in TITLE_AXES and member)


@text_cache(maxsize=16384)
def _label_dims(label: str, vocab: Vocab) -> tuple[tuple[str, str], ...]:
    """A member named in the label's brackets: 'Loss for the period (before exceptional items)'."""
    out = []
    for group in (_BRACKETED.findall(label) if "(" in label else ()):
        hit = vocab.member_for(normalise_phrase(group))
        if hit is not None and hit[1]:
            out.append(hit)
    return tuple(out)


def _section_dims(items: tuple[LineItem, ...], vocab: Vocab) -> tuple[dict[int, Dims], dict[int, str]]:
    """Business sections as members: when one label repeats under different headings ("Interest expense" under
    AUTOMOTIVE and FINANCIAL SERVICES), each row under those headings carries its heading as a dimension.

    A heading that names a line item rather than a business ("Sales:" closed by "Total Sales", "Basic" over
    per-share rows) makes no member: its rows are parts of that line item, and a repeated label is told apart
    by its heading's words instead (the second mapping gives the heading to prefix a row's concept name with)."""
    paths: dict[tuple[str, str], set[tuple[str, ...]]] = {}
    for it in items:
        if it.row_kind == "value" and it.label and it.path and not is_period_heading(it.label):
            units = ",".join(sorted({a.unit.text for a in it.amounts if a is not None and a.unit is not None}))
            paths.setdefault((it.label.lower(), units), set()).add(it.path)
    # the headings that tell a repeated label apart: those at the first level where its paths differ
    # ("Balance at beginning of year" under CAPITAL STOCK > Common Stock and under CAPITAL STOCK > Series A)
    involved: set[tuple[int, str]] = set()
    for group in paths.values():
        if len(group) > 1:
            level = next(i for i in range(max(map(len, group))) if len({p[i] if i < len(p) else None for p in group}) > 1)
            involved.update((level, p[level]) for p in group if level < len(p))
    # a cash-flow activity ("Investments:", "Financing activities") is no business: its repeated "Other" rows are
    # told apart by their activity's words, not by a member
    line_item = {key for key in involved if _names_line_item(key, items) or _ACTIVITY_HEADING.match(key[1])}
    dims: dict[int, Dims] = {}
    qualify: dict[int, str] = {}
    for it in items:
        key = next(((i, h) for i, h in enumerate(it.path) if (i, h) in involved), None) if it.row_kind == "value" else None
        if key is None:
            continue  # only the sections that repeat labels are told apart: "Basic"/"Diluted", not "REVENUES"
        heading = key[1]
        if is_period_heading(heading):
            continue  # "1993", "DECEMBER 31, 1993" over a block tell its rows apart by their period, not by a member
        hit = vocab.member_for(normalise_phrase(heading))
        if hit is not None:
            if hit[1]:
                dims[it.line] = ((hit[0], hit[1]),)
        elif key in line_item:
            qualify[it.line] = heading.rstrip(" :-")
        else:
            dims[it.line] = (("section", _slug(heading) or "section"),)
    repeated = {label for (label, _), group in paths.items() if len(group) > 1}
    dims.update(_one_row_blocks(items, involved - line_item, repeated, vocab))
    return dims, qualify


_ACTIVITY_HEADING = re.compile(r"^\s*(?:cash\s+flows?\s+(?:from|provided\s+by|used\s+(?:in|for))\s+)?"
                               r"(?:operations|operating|investments|investing|financing)(?:\s+activities)?\s*:?\s*$",
                               re.IGNORECASE)


def _one_row_blocks(items: tuple[LineItem, ...], blocks: set[tuple[int, str]], repeated: set[str],
                    vocab: Vocab) -> dict[int, Dims]:
    """Rows printed at the level of member headings, between two of them. A row whose label the blocks repeat
    ("Balance at end of year" after a sum closed its heading) belongs to the block above it; another row is a block
    of one row: "Class B Stock 35" between the "Common Stock" and "Series A Preferred Stock" blocks of an equity
    statement is its own component (its heading and its only row on one line). Totals are no blocks."""
    heads: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for it in items:
        if it.row_kind == "heading" and (len(it.path), it.label) in blocks:
            heads.setdefault(it.path, []).append((it.line, it.label))
    out: dict[int, Dims] = {}
    for it in items:
        found = heads.get(it.path)
        if (it.row_kind != "value" or not it.label or found is None or len(found) < 2
                or not found[0][0] < it.line < found[-1][0]):
            continue
        if it.label.lower() in repeated:
            name = max((h for h in found if h[0] < it.line), key=lambda h: h[0])[1]
        elif it.subtotal:
            continue
        else:
            name = it.label
        hit = vocab.member_for(normalise_phrase(name))
        if hit is None:
            out[it.line] = (("section", _slug(name) or "section"),)
        elif hit[1]:
            out[it.line] = ((hit[0], hit[1]),)
    return out


def _member_rows(items: tuple[LineItem, ...], vocab: Vocab) -> dict[int, Dims]:
    """Rows labelled with members of one axis ("Switched", "Non-switched", "Other" services): a breakdown printed
    down the table, each row on its member. An axis needs two members among the labels; a lone "Other" is a row."""
    hits = {it.line: hit for it in items if it.row_kind == "value" and it.label
            and (hit := vocab.member_for(normalise_phrase(it.label))) is not None and hit[1]}
    members: dict[str, set[str]] = {}
    for axis, member in hits.values():
        members.setdefault(axis, set()).add(member)
    return {line: ((axis, member),) for line, (axis, member) in hits.items() if len(members[axis]) > 1}


def _names_line_item(key: tuple[int, str], items: tuple[LineItem, ...]) -> bool:
    """A heading over the parts of one line item: every row under it is per share, or it holds no subtotal
    but its own closing total, which repeats its name and nothing more ("Total Sales" under "Sales:")."""
    level, top = key
    rows = [it for it in items if it.row_kind == "value" and len(it.path) > level and it.path[level] == top]
    units = [a.unit for it in rows for a in it.amounts if a is not None]
    if units and all(u is not None and u.denominators for u in units):
        return True
    totals = [it for it in rows if it.subtotal]
    if len(totals) != 1 or totals[0] is not rows[-1] or len(rows) < 2:
        return False
    # "Total Sales" closes "Sales:" by its name alone; "Total Financial Services assets" names a business's assets
    words = normalise_phrase(totals[0].label).split()
    return words[:1] == ["total"] and words[1:] == normalise_phrase(top.rstrip(" :-")).split()


def _sorted_dims(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """(axis, member) pairs sorted, a later pair of an axis replacing an earlier one."""
    return tuple(sorted(dict(pairs).items()))


def _kind(title: str, items: tuple[LineItem, ...], columns: tuple[Column, ...]) -> str:
    """Statement kind, by the classifier."""
    labels = [i.label for i in items if i.row_kind == "value"]
    kinds = [c.period.kind for c in columns if c.period is not None]
    return classify_statement(title, labels, kinds)


def _scale_text(columns: tuple[Column, ...]) -> str:
    common = Counter((c.unit.text if c.unit else "", c.scale) for c in columns).most_common(1)
    if not common:
        return ""
    (unit, scale), _ = common[0]
    return f"{unit}{_SCALE_WORDS.get(scale, f' x10^{scale}')}".strip()


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("_", text.lower()).strip("_")[:TABLE_SLUG_CHARS].rstrip("_")


def _years_from_rows(items: tuple[LineItem, ...], columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """Columns under a caption listing several years ("For the Years Ended December 31, 1993, 1992 and 1991") over
    rows in blocks headed by those years ("1993", "1992"): the year is the rows', so the columns name none (their
    headers keep their own words: "Balance at End of Period")."""
    years = {y for it in items if it.row_kind != "value" and (y := _heading_year((it.label,))) is not None}
    periods = {c.period for c in columns}
    if len(years) < 2 or len(periods) != 1 or None in periods:
        return columns
    return tuple(replace(c, period=None, header=" | ".join(p for p in c.header.split(" | ")
                                                           if len(_YEAR_IN.findall(p)) < 2)) for c in columns)


_YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _row_span(label: str, context: FilingContext) -> Duration | None:
    """The period a row names in full ("For the year ended December 31, 1993"), for columns naming none."""
    if not SPAN_HEADING.search(label):
        return None
    period = evidence_to_period(read_evidence(label), context.fye_mmdd or ASSUMED_FISCAL_YEAR_END)
    return period if isinstance(period, Duration) else None


def _date_heading(label: str) -> Instant | None:
    """The instant a heading that is a date and nothing else names ("DECEMBER 31, 1993", "At June 30, 1996:"), for
    the rows below it in columns naming no period."""
    if not DATE_HEADING.match(label):
        return None
    ev = read_evidence(label)
    return Instant(ev.end) if ev.end is not None else None


def _undated(label: str, year: int | None) -> int | None:
    """The year of the year heading above a row whose own label names no time ("Fourth quarter" rows of a stock
    price table under "1993" are quarters, not the year)."""
    if year is None:
        return None
    if _QUARTER_ROW.search(label):
        return year  # the quarter of that year (made so below)
    ev = read_evidence(label)
    timed = ev.quarter or ev.months or ev.weeks or ev.month_day or ev.end or _TIME_WORDS.search(label)
    return None if timed else year


_QUARTER_ROW = re.compile(r"^\s*(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|qtr)\b", re.IGNORECASE)
"""A row naming a quarter of the year its column names ("Fourth Quarter   $67 1/4")."""
_TIME_WORDS = re.compile(r"\b(?:quarter|month|months|week|weeks|half)\b", re.IGNORECASE)


def _heading_year(path: tuple[str, ...]) -> int | None:
    """The year of the innermost heading that is a bare year ("1993:"), if any."""
    for heading in reversed(path):
        m = YEAR_HEADING.match(heading)
        if m:
            return int(m[1])
    return None


_UNREAD = object()
"""A row's reading not made yet (items_to_statement reads a row's year or span once, for its first cell needing it)."""


TRANSPOSED_ROWS = 2  # rows labelled by bare years, at least, that make years run down a table's side


def _transposed(items: tuple[LineItem, ...], columns: tuple[Column, ...]) -> bool:
    """Whether a table runs its years down the side and its line items across the top: no column names a period
    and every row of figures is labelled by a bare year ("1998   $10,000   $1,000   $1.00")."""
    values = [it for it in items if it.row_kind == "value"]
    return (len(values) >= TRANSPOSED_ROWS and all(c.period is None for c in columns)
            and all(YEAR_HEADING.match(it.label) for it in values))


def _fiscal_year(year: int, context: FilingContext) -> Period | None:
    """The fiscal year a bare year names: as the filing prints its fiscal years (known whenever its year end is),
    else the calendar year assumed."""
    return context.fiscal_year(year) or period_for_year(year, ASSUMED_FISCAL_YEAR_END, False)


def items_to_statement(block: TableBlock, grid: Grid, columns: tuple[Column, ...], items: tuple[LineItem, ...],
                       ordinal: int, vocab: Vocab | None = None, context: FilingContext = NO_CONTEXT,
                       carried_spans: tuple[Duration, ...] = ()) -> tuple[Statement | None, list[Diagnostic]]:
    """Make one fact per cell; a cell without a period or unit becomes a diagnostic instead. carried_spans are the
    periods printed above the table just before this one (its first page, when this one carries it on)."""
    vocab = vocab or load_vocab()
    diags: list[Diagnostic] = list(grid.diagnostics)
    if not columns or not any(i.row_kind == "value" for i in items):
        return None, diags
    title = table_title(block, grid)
    table_id = f"t{ordinal:02d}" + (f"_{_slug(title)}" if title else "")
    facts: list[Fact] = []
    if all(c.period is None and c.unit is None for c in columns) and not any(
            a is not None and a.unit is not None for it in items for a in it.amounts):  # rows name no unit either
        numbers = sum(1 for i in items for a in i.amounts if a is not None)
        diags.append(Diagnostic(
            "table.not-financial",
            f"table at lines {block.first_line}-{block.last_line} ({title or 'untitled'}) names no period and no unit anywhere; "
            f"its {numbers} numbers are not read as facts", Span(block.body_first, 0, 0), "warning"))
        items = tuple(LineItem(i.label, i.section, i.line, i.label_lines, i.depth, i.subtotal,
                               (None,) * len(i.amounts), i.row_kind) for i in items)
    by_row = _row_periods(items, columns, block, vocab, context, carried_spans)
    transposed = not by_row and _transposed(items, columns)
    if transposed:  # years down the side, line items across the top: a row's figures are its year's
        by_row = {it.line: p for it in items if it.row_kind == "value"
                  for p in (_fiscal_year(int(YEAR_HEADING.match(it.label)[1]), context),) if p is not None}
    kind = _kind(title, items, columns)
    balance_rows = _balance_rows(items, kind, columns, vocab) if not by_row else frozenset()
    section_dims, qualified = _section_dims(items, vocab)
    for line, pair in _member_rows(items, vocab).items():
        section_dims[line] = section_dims.get(line, ()) + pair
    title_dims = _title_dims(title, vocab) or _title_dims(lead_in(block.context), vocab)
    col_dims = [shared(_sorted_dims(title_dims + c.dims)) for c in columns]  # the dims of a cell whose row adds none
    notes = {j for j, c in enumerate(columns) if is_note_column(c.header)}
    for j in sorted(notes):
        refs = [a.presented for it in items for a in it.amounts[j:j + 1] if a is not None]
        diags.append(Diagnostic("table.note-column", f"column {j + 1} ({columns[j].header}) holds note references, "
                                f"not amounts: {', '.join(refs[:NOTED_REFS])}{', ...' if len(refs) > NOTED_REFS else ''}",
                                Span(block.first_line, columns[j].span[0], columns[j].span[1]), "info"))
    years_read: dict[tuple[str, int], Period | None] = {}  # year_period of a text and year, read once per table

    def dated_in(text: str, year: int) -> Period | None:
        key = (text, year)
        if key not in years_read:
            years_read[key] = year_period(text, year, context)
        return years_read[key]

    one_period = len(columns) > 1 and len({c.period for c in columns}) == 1 and columns[0].period is not None
    shared_parts = set.intersection(*(set(c.header.split(" | ")) for c in columns)) if one_period else set()
    own_headers = [" ".join(p for p in c.header.split(" | ") if p not in shared_parts) for c in columns]
    block_year: int | None = None  # a bare year heading heads the rows below it until the next one
    block_span: Duration | None = None  # ... and so does a heading naming a period
    block_date: Instant | None = None  # ... and one naming a date ("DECEMBER 31, 1993" over a note's rows)
    heading = ""  # the heading row before
    columns = _years_from_rows(items, columns)
    for item in items:
        if item.row_kind != "value":
            if (year := _heading_year((item.label,))) is not None:
                block_year, block_span, block_date = year, None, None
            elif (span := _row_span(item.label, context) or _row_span(f"{heading} {item.label}", context)) is not None:
                block_year, block_span, block_date = None, span, None  # "For the year ended December 31, 1993"
            elif (date := _date_heading(item.label)) is not None:
                block_year, block_span, block_date = None, None, date
            heading = item.label  # a heading wrapped over two lines ("For the year ended" / "December 31, 1993")
        row_dims = section_dims.get(item.line, ()) + _label_dims(item.label, vocab)
        rule = "closing" if item.line in balance_rows else period_rule(item.label, item.section, vocab)
        last: tuple[Unit, str, Concept] | None = None  # the row's previous concept: cells repeat unit and period kind
        row_period_of = by_row.get(item.line)
        named = _QUARTER_ROW.search(item.label)  # what the row's label says, read once for its cells
        year, span = _UNREAD, _UNREAD
        for j, amount in enumerate(item.amounts):
            if amount is None or j in notes:
                continue
            col = columns[j]
            cell_period = col.period
            if row_period_of is not None:
                cell_period = row_period_of
            elif cell_period is None and (year := (_heading_year(item.path) or _undated(item.label, block_year))
                                          if year is _UNREAD else year):
                dated = dated_in(col.header, year)  # "1993:" over rows, "First Quarter" columns
                if dated is not None:
                    cell_period = dated
            elif (cell_period is None or one_period) and (span := (_row_span(item.label, context) or block_span)
                                                           if span is _UNREAD else span) is not None:
                # with columns all dated by one caption ("for the three years ended December 31, 2000"), a row naming
                # its own year ("Year Ended January 3, 1999") takes it, its balances at the year's ends
                cell_period = shared(within(span, own_headers[j] if one_period else col.header.replace(" | ", " ")))
            elif cell_period is None and block_date is not None:
                cell_period = shared(block_date)
            if isinstance(cell_period, Duration) and named and \
                    (quarter := dated_in(named[0], cell_period.end.year)):
                cell_period = quarter  # "First Quarter" rows under a "1993" column or heading
            if cell_period is None:
                diags.append(Diagnostic("cell.no-period",
                                        f"{amount.presented} in row '{item.label or item.section}' has no period: the column header ({col.header or 'empty'}) names none",
                                        amount.span, "error"))
                continue
            if amount.unit is None:
                diags.append(Diagnostic("cell.no-unit",
                                        f"{amount.presented} in row '{item.label or item.section}' has no unit: no currency in the header, caption or cell",
                                        amount.span, "error"))
                continue
            period = cell_period if rule is None else shared(row_period(cell_period, rule))
            period_kind = period.kind
            if transposed:  # the column names the line item, the row its year
                label = col.header.replace(" | ", " ")
                facts.append(Fact(provisional_concept(label, item.section, amount.unit, period_kind), period,
                                  amount.unit, shared(_sorted_dims(title_dims + row_dims)), amount, label,
                                  item.section, table_id, j))
                continue
            if last is None or last[0] is not amount.unit or last[1] != period_kind:
                last = (amount.unit, period_kind, provisional_concept(
                    f"{qualified[item.line]} {item.label}" if item.line in qualified else item.label,
                    item.section, amount.unit, period_kind))
            concept = last[2]
            dims = shared(_sorted_dims(title_dims + col.dims + row_dims)) if row_dims else col_dims[j]
            facts.append(Fact(concept, period, amount.unit, dims, amount, item.label, item.section, table_id, j))
    statement = Statement(
        table_id=table_id, title=title, kind=kind, doc_type=block.doc_type, first_line=block.first_line,
        last_line=block.last_line, columns=columns, rows=items, facts=tuple(facts), scale_text=_scale_text(columns),
    )
    return statement, diags


PRIMARY_KINDS = ("income", "balance", "cashflow", "equity")
CONTINUATION_SAME_ROWS = 3  # first row labels a table repeats when it carries a statement's further columns
SPAN_TITLE_LINES = 12  # lines around a statement's first line read for the periods its title prints
CONTINUATION_GAP_LINES = 30  # lines between a statement's end and its next page's table (page number, headers)


def _follows(prev: Statement, table: Statement | TableBlock) -> bool:
    """Whether a table starts in the statement's document within CONTINUATION_GAP_LINES of its end."""
    return table.doc_type == prev.doc_type and 0 <= table.first_line - prev.last_line <= CONTINUATION_GAP_LINES
_NOTES = re.compile(r"^\s*notes?\s+(?:\d+|[a-z]\b|to\s)", re.IGNORECASE)
"""The start of the notes: "NOTES TO FINANCIAL STATEMENTS", "NOTE 5 - INCOME TAXES", "Note B"."""
_CONTINUED = re.compile(r"\(?\bcontinued\b\)?", re.IGNORECASE)


def continuation_of(prev: Statement, st: Statement, lines: tuple[str, ...]) -> bool:
    """A table that carries a primary statement over to the next page: it names no statement itself, follows the
    statement in the same document after little more than a page break, and says "(continued)", reports the very
    same periods, or repeats the statement's first rows (its further columns)."""
    if prev.kind not in PRIMARY_KINDS or not title_names_statement(prev.title) or title_names_statement(st.title):
        return False
    if not _follows(prev, st):
        return False
    between = lines[prev.last_line: st.first_line + 2]
    if _NOTES.search(st.title) or any(_NOTES.search(t) for t in between):
        return False  # "NOTES TO FINANCIAL STATEMENTS", "NOTE 5 - INCOME TAXES": the notes have begun
    if any(_CONTINUED.search(t) for t in between):
        return True
    periods = {c.period for c in st.columns if c.period is not None}
    if periods and periods == {c.period for c in prev.columns if c.period is not None}:
        return True
    labels = [it.label for it in st.rows if it.row_kind == "value"][:CONTINUATION_SAME_ROWS]
    return len(labels) == CONTINUATION_SAME_ROWS and labels == [
        it.label for it in prev.rows if it.row_kind == "value"][:CONTINUATION_SAME_ROWS]  # more columns, same rows


def spans_above(prev: Statement, block: TableBlock, lines: tuple[str, ...]) -> tuple[Duration, ...]:
    """The periods printed ("from June 3, 1996 (inception) to December 31, 1996") in the lines above the statement
    just before a table that follows it closely in the same document, for a table carrying it on to a next part."""
    if not _follows(prev, block):
        return ()
    top = max(0, prev.first_line - 1 - SPAN_TITLE_LINES)
    return read_spans(" ".join(lines[top: min(prev.last_line, prev.first_line + 2 * SPAN_TITLE_LINES)]))


def carry_periods(prev: Statement, block: TableBlock, columns: tuple[Column, ...],
                  diags: list[Diagnostic]) -> tuple[tuple[Column, ...], list[Diagnostic]]:
    """A block with no header right after a statement ("Total cash and cash equivalents  $8,222  $6,686  $8,133"
    on its own) continues it: its columns take the statement's periods in order, when it has exactly as many."""
    if not columns or any(c.header or c.period is not None for c in columns):
        return columns, diags
    if not _follows(prev, block):
        return columns, diags
    periods: list[Period] = []
    for c in prev.columns:
        if c.period is not None and c.period not in periods:
            periods.append(c.period)
    if len(periods) != len(columns):
        return columns, diags
    dated = tuple(replace(c, period=p, dims=()) for c, p in zip(columns, periods))  # no longer told apart by place
    note = Diagnostic("header.periods-carried", f"a block without a header after {prev.table_id} takes its "
                      f"{len(periods)} periods in order", Span(block.first_line, 0, 0), "info")
    return dated, [d for d in diags if d.code != "header.no-period"] + [note]
