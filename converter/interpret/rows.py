"""Conversion from Grid rows into LineItems: wrapped labels joined, section headings, parsed amounts.

Labels wrap above or below the line with the figures::

    Interconnect and   (195,477)        --       (195,477)     (205,028)   (371,634)
    network
    Research and
     development               141      150     290   303
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..layout.grid import Grid, GridRow
from ..layout.lines import CONNECTIVE, DATA, RULE, TEXT
from ..memo import text_cache
from ..model import Amount, Column, Diagnostic, LineItem, Unit
from .numbers import CONNECTORS, NOT_MEANINGFUL_RE, amount_decimals, parse_number, scaled_value
from .headers import header_titles, percent_header
from .share import unit_of
from .units import count_unit, counts_scale, label_scale, read_units, shares_scale
from .periods import MONTHS, YEAR_HEADING
from .vocab import ENUMERATOR, Vocab, load_vocab

_TOTAL_PREFIXES = ("total", "net ", "subtotal")  # a row closing its section says so: "Net cash outflow from returns on..."
HEADING_MATCH_SHARE = 0.6  # share of a heading's words a row label must repeat to close that section
_GROUPED_COUNT = re.compile(r"\d{1,3}(,\d{3})+ ")  # "2,190,910,985 in 1999 and ...": a caption's count, mid-sentence
_SHARES_TITLE = re.compile(r"^\s*(number of )?shares( of\b|\s*$)", re.IGNORECASE)
_EXCEPT_PER_SHARE = re.compile(r"\bexcept\b[^()]*\bper[- ](?:common\s+)?share", re.IGNORECASE)
CAPTION_CONTEXT = 4  # lines above a table read for its "except per share" caption
PER_SHARE_CENTS_LIMIT = 100  # a figure to the cent below this, in a table of whole millions, reads as per share


def _cents_only(row: _Row) -> bool:
    """Every figure of the row printed to the cent and below PER_SHARE_CENTS_LIMIT ("$1.05  $1.80  $1.88")."""
    figures = [p for c in row.grid.cells if c is not None and (p := parse_number(c.text)) is not None and not p.dash]
    return bool(figures) and all(p.places == 2 and abs(p.number) < PER_SHARE_CENTS_LIMIT and not p.percent
                                 for p in figures)


_NUMBER_OF = re.compile(r"\bnumber\s+of\b", re.IGNORECASE)  # "Average number of employees": a count
_DATED = re.compile(r"\b(?:19|20)\d\d\b")  # a row naming a year is a point or span in time, not a line item's parent
_WORD = re.compile(r"[a-z][a-z'&-]*")
_STOP = frozenset("the of and for in on from to a an at by with & total net".split())




def starts_lower(text: str) -> bool:
    """A continuation line: 'network', '(expense)', '& similar charges', 'and Other'."""
    t = text.lstrip("( '\"")
    if not t or ENUMERATOR.match(text.lstrip()):
        return False  # "(a) Upon issuance ...", "(2) Additional shares": the next item of a numbered list
    if t[0].isdigit() and text.lstrip().startswith("("):
        return True  # "('000)", "(000's)": a unit note under the label; "(464 million shares issued)"
    first = t.split()[0].lower() if t.split() else ""
    return t[0].islower() or t[0] in "&" or first in ("and", "or", "of", "&") or _GROUPED_COUNT.match(t) is not None


def ends_connector(text: str) -> bool:
    """A label cut after 'and', 'of', ',' or '/', or inside brackets ("($87 at September" / "29, 1995)"): the next
    line continues it."""
    t = text.rstrip()
    if not t:
        return False
    if t[-1] in ",/-&" or t.count("(") > t.count(")"):
        return True
    last = t.split()[-1].lower()
    return last in CONNECTORS or last.rstrip(".") in MONTHS  # "Balances as of September" / "27, 1996"


def continues(prev: str, line: str) -> bool:
    """Whether a label line continues the one above it."""
    return starts_lower(line) or ends_connector(prev)


@dataclass
class _Row:
    grid: GridRow
    parts: list[tuple[int, str]] = field(default_factory=list)  # (line, text) label pieces in order
    values: list[Decimal | None] | None = None  # the cells' printed numbers, read once by _values


@dataclass
class _Heading:
    text: str
    indent: int
    line: int
    rows: list[_Row] = field(default_factory=list)
    base: _Row | None = None
    plain: list[_Row] = field(default_factory=list)  # the rows not labelled as totals, in order
    replaced: tuple[str, ...] = ()  # empty headings at its indent it took the place of ("EARNINGS PER SHARE")
    indented: bool = False  # its first row was printed deeper than it: its block ends at a row back at its indent
    named_total: bool = False  # a later "Total ..." row names it ("Total Automotive assets"): only that closes it


def _join(parts: list[str]) -> str:
    """Label pieces joined by single spaces, blank pieces dropped and runs of spaces folded."""
    return " ".join(" ".join(parts).split())


@text_cache(maxsize=16384)
def _content_words(text: str) -> frozenset[str]:
    """The words of a heading or label that say what it is about (no articles, 'total' or 'net')."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def _assemble(grid: Grid) -> list[tuple[str, object]]:
    """Walk the body: label-only lines become continuations, prefixes or headings."""
    rows = grid.rows
    values_from = grid.anchors[0][0] if grid.anchors else 0

    def joins(r: GridRow) -> bool:  # a connective over the figures, not a word of a label ("Depreciation" / "and")
        return r.indent >= values_from > 0 and CONNECTIVE.match(r.label) is not None

    events: list[tuple[str, object]] = []  # ("row" or "joined", _Row) | ("heading", (text, indent, line))
    data_rows: dict[int, _Row] = {}
    for i, r in enumerate(rows):
        if r.kind == DATA:
            data_rows[i] = _Row(r, [(r.line, r.label)] if r.label else [])
    i = 0
    n = len(rows)
    pending_prefix: list[tuple[int, str]] = []
    while i < n:
        r = rows[i]
        if r.kind == DATA and not r.label and i and joins(rows[i - 1]):
            events.append(("joined", data_rows[i]))  # "$30.00" / "and" / "$24.13": the cell's second figure
            i += 1
            continue
        if r.kind == DATA:
            row = data_rows[i]
            if pending_prefix:
                row.parts = pending_prefix + row.parts
                pending_prefix = []
            events.append(("row", row))
            i += 1
            continue
        if r.kind != TEXT or joins(r):  # "and" between "$30.00" and "$24.13": no label
            i += 1
            continue
        j = i
        while j < n and rows[j].kind == TEXT and not joins(rows[j]):
            j += 1
        group = list(rows[i:j])
        a = data_rows.get(i - 1)
        b = data_rows.get(j)
        # 1. continuation of the row above
        if a is not None:
            a_label = _join([t for _, t in a.parts])
            while group:
                g = group[0]
                if continues(a_label, g.label) or (not a_label and b is None and not _underlined(rows, j)):
                    a.parts.append((g.line, g.label))
                    a_label = _join([t for _, t in a.parts])
                    group.pop(0)
                else:
                    break
        # 2. prefix of the row below: the last chain of continuing lines
        if group and b is not None:
            k = len(group) - 1
            while k > 0 and continues(group[k - 1].label, group[k].label):
                k -= 1
            chain = group[k:]
            b_label = b.grid.label
            # a hanging indent: "Accelerated Depreciation" / " resulting from CSC" / " Services transaction  39"
            # (not a heading over several rows at that indent: "Cash flows from investing" / " activities" /
            # " Capital expenditures  (6,714)" / " Proceeds from ...")
            hanging = (len(group) >= 2 and group[-1].indent == b.grid.indent
                       and not group[-1].label.rstrip().endswith(":")  # a heading's colon closes it
                       and all(g.indent > group[0].indent for g in group[1:])
                       and all(continues(group[i - 1].label, group[i].label) for i in range(1, len(group)))
                       and _back_out(rows, j, group[0].indent))
            if hanging:
                k, chain = 0, group
            # a numbered item's first line ("(1)Average market price of Common" / "Stock during year  $46.05") over a
            # row that is no item of its own list, printed no deeper and not closed by a colon (a heading's)
            numbered = (ENUMERATOR.match(chain[0].label.lstrip()) is not None
                        and not ENUMERATOR.match(b_label.lstrip()) and not chain[-1].label.rstrip().endswith(":")
                        and b.grid.indent <= chain[0].indent)
            year_line = len(chain) == 1 and YEAR_HEADING.match(chain[0].label) is not None  # "1993" heads its block
            if not year_line and (not b_label or starts_lower(b_label) or ends_connector(chain[-1].label) or hanging
                                  or numbered or _wrapped(rows, j, chain[-1])):
                pending_prefix = [(g.line, g.label) for g in chain]
                group = group[:k]
        # 3. what is left are headings; continuing lines join into one heading
        heading: list[GridRow] = []
        for g in group:
            if heading and continues(heading[-1].label, g.label):
                heading.append(g)
                continue
            if heading:
                events.append(("heading", (_join([h.label for h in heading]), heading[0].indent, heading[0].line)))
            heading = [g]
        if heading:
            events.append(("heading", (_join([h.label for h in heading]), heading[0].indent, heading[0].line)))
        i = j
    return events


def _underlined(rows: tuple[GridRow, ...], j: int) -> bool:
    """Whether row j is a rule under the label lines before it ("Shares subject to option" / "- -------"): a heading
    of the rows below, not the label of figures above."""
    return j < len(rows) and rows[j].kind == RULE and not any(rows[j].cells)


def _back_out(rows: tuple[GridRow, ...], j: int, indent: int) -> bool:
    """Whether the first labelled row after row j comes back to an indent (or there is none)."""
    after = next((r for r in rows[j + 1:] if r.kind in (DATA, TEXT) and r.label.strip()), None)
    return after is None or after.indent <= indent


def _wrapped(rows: tuple[GridRow, ...], j: int, line: GridRow) -> bool:
    """A label line over one indented row, the line after which comes back to its indent, is that row's label cut
    in two ("Effect of Exchange Rate Changes on Cash and Cash" / "  Equivalents....  (5,006)"), not a heading: a
    heading ends with a colon or heads more than one row."""
    if line.label.rstrip().endswith(":") or rows[j].indent <= line.indent:
        return False
    after = next((r for r in rows[j + 1:] if r.kind in (DATA, TEXT)), None)
    return after is None or after.indent <= line.indent


def _values(row: _Row) -> list[Decimal | None]:
    """The row's printed numbers per column (None for blanks and percentages), read once per row."""
    if row.values is None:
        out: list[Decimal | None] = []
        for c in row.grid.cells:
            p = parse_number(c.text) if c is not None else None
            out.append(p.number if p is not None and not p.percent else None)
        row.values = out
    return row.values


def _sums_to(total: _Row, parts: list[_Row]) -> bool:
    """Every printed column of the total equals the sum of the parts (within one printed unit)."""
    tv = _values(total)
    if sum(1 for v in tv if v is not None) == 0 or len(parts) < 2:
        return False
    part_values = [_values(p) for p in parts]  # each part's row parsed once, not once per column
    cols = [j for j, v in enumerate(tv) if v is not None]
    for j in cols:
        s = sum((pv[j] or Decimal(0) for pv in part_values), Decimal(0))
        t = tv[j]
        assert t is not None
        tol = max(Decimal(1), abs(t).scaleb(-6)) if t == t.to_integral_value() else Decimal("0.1")
        if abs(s - t) > tol:
            return False
    return True


def _is_total_label(label: str) -> bool:
    return label.lower().startswith("total") or not label


def _cents_columns(grid: Grid) -> list[bool]:
    """Columns printing some figure to the cent or finer ("$5.01"): where per-share rows show their cents."""
    out = [False] * len(grid.anchors)
    for r in grid.rows:
        for j, cell in enumerate(r.cells[:len(out)]):
            if cell is not None and not out[j] and (p := parse_number(cell.text)) is not None and p.places >= 2:
                out[j] = True
    return out


def _percent_columns(grid: Grid) -> list[bool]:
    """Columns whose first figure carries '%' and none a currency: the sign is printed once, at the top."""
    k = len(grid.anchors)
    first: list[bool | None] = [None] * k  # whether each column's first figure carries '%'
    currency = [False] * k
    for r in grid.rows:
        if not r.cells:
            continue
        for j in range(k):
            cell = r.cells[j]
            if cell is not None:
                p = parse_number(cell.text)
                if p is not None and not p.dash:
                    if first[j] is None:
                        first[j] = p.percent
                    currency[j] = currency[j] or bool(p.currency)
    return [bool(f) and not c for f, c in zip(first, currency)]


def rows_to_items(grid: Grid, columns: tuple[Column, ...], vocab: Vocab | None = None) -> tuple[tuple[LineItem, ...], list[Diagnostic]]:
    """Join label lines, place rows in sections, and parse every cell into an Amount."""
    vocab = vocab or load_vocab()
    diags: list[Diagnostic] = []
    items: list[LineItem] = []
    stack: list[_Heading] = []
    # An empty heading replaced by one at its indent ("EARNINGS PER SHARE" by "Basic") still names the unit of the
    # rows under that one, and under a sibling opened after it closes ("Diluted"), until a row at that indent.
    sibling_context: tuple[int, tuple[str, ...]] | None = None
    # A heading closed by a sum printed inside its indented block ("Per Common Share:" closed by "Earnings before
    # cumulative effect") still names the unit of the rows indented under it that follow, until a row at its indent.
    closed_context: tuple[int, tuple[str, ...]] | None = None
    last_row: _Row | None = None
    indents: dict[int, int] = {}
    line_indents = {r.line: r.indent for r in grid.rows if r.label}
    percent_columns = [f or (j < len(columns) and percent_header(columns[j].header))  # "%" over figures without it
                       for j, f in enumerate(_percent_columns(grid))]
    cents_columns = _cents_columns(grid)
    texts = list(header_titles(grid)) + [c.header.replace("|", " ") for c in columns]
    title_count = next((c for c in (count_unit(t, vocab) for t in texts) if c), None)
    # "(In thousands, except share and per share data)", "(Dollars in millions, shares in thousands)": the scale
    # of the table's share counts, when its captions state one apart from the money's
    share_text = next((t for t in (*texts, *reversed(grid.context)) if shares_scale(t) is not None), "")
    share_scale = shares_scale(share_text) if share_text else None
    # "... is shown below (shares in millions):" and no currency over the columns: a table of counts
    counts = counts_scale(share_text) if share_text and not any(read_units(t, vocab).currency for t in texts) else None
    except_per_share = any(_EXCEPT_PER_SHARE.search(t) for t in (*texts, *grid.context[-CAPTION_CONTEXT:]))
    money_columns = tuple(any(r.cells[j] is not None and "$" in r.cells[j].text for r in grid.rows if j < len(r.cells))
                          for j in range(len(columns))) if counts is not None else ()
    if title_count is None and any(_SHARES_TITLE.match(t) for t in header_titles(grid)):
        title_count = ("shares", None)  # "SHARES OF CAPITAL STOCK": a table of share counts
    # a title naming per-share figures ("Significant Factors Impacting EPS") holds for rows printed in cents
    titles = list(header_titles(grid)) or [ln.strip() for ln in grid.context if ln.strip()]
    # ... unless its captions set per-share figures apart ("in thousands except per share data")
    title_units = () if any("except" in t.lower() for t in titles) else tuple(
        t for t in titles[-1:] if "per_share" in vocab.rules_matching(t))
    col_rules = [vocab.rules_matching(c.header.replace(" | ", " ")) for c in columns]
    events = _assemble(grid)
    line_indent = {r.line: r.indent for r in grid.rows}  # a wrapped label's indent is its first line's
    named = _named_totals(events)
    shared_reads: dict = {}  # what _make_item reads alike for rows of this table (headings' rules, columns' rules)
    for n, (kind, obj) in enumerate(events):
        if kind == "heading":
            text, indent, line = obj  # type: ignore[misc]
            caps = text.isupper()  # "FINANCIAL SERVICES" after "AUTOMOTIVE": capitals mark top-level sections
            replaced: tuple[str, ...] = ()
            # a heading closes those indented deeper and its siblings at its indent; a heading that already holds rows
            # stays open over a mixed-case one at its indent when it is capitalised ("AUTOMOTIVE" over "Costs:") or a
            # later total names it ("Creditors" over "Amounts falling due after more than one year", "Total creditors")
            while stack and (stack[-1].indent > indent or (stack[-1].indent == indent and (
                    not stack[-1].rows or caps or not (stack[-1].text.isupper() or stack[-1].named_total)))):
                gone = stack.pop()
                if gone.indent == indent and not gone.rows and not caps:
                    replaced = gone.replaced + (gone.text,)
            if not replaced and not caps and sibling_context is not None and sibling_context[0] == indent:
                replaced = sibling_context[1]
            sibling_context = closed_context = None
            stack.append(_Heading(text, indent, line, base=last_row, replaced=replaced, named_total=n in named))
            items.append(LineItem(text, stack[-2].text if len(stack) > 1 else "", line, (line,), len(stack) - 1,
                                  False, (None,) * len(columns), "heading", tuple(h.text for h in stack[:-1])))
            continue
        row: _Row = obj  # type: ignore[assignment]
        if kind == "joined":
            diags.extend(Diagnostic("cell.joined", f"{c.text} follows a line 'and' or 'or' under the figure above it: "
                                    "a second figure of that cell, not read as a fact", c.span, "warning")
                         for c in row.grid.cells if c is not None)
            continue
        label = _join([t for _, t in row.parts])
        path = tuple(h.text for h in stack)  # headings open when the row is reached
        unit_path = title_units + tuple(t for h in stack for t in (*h.replaced, h.text))
        if sibling_context is not None and row.grid.indent <= sibling_context[0]:
            sibling_context = None
        if closed_context is not None:
            if _row_indent(row, line_indent) <= closed_context[0] or _whole_amounts(row, []):
                closed_context = None
            else:
                unit_path = closed_context[1] + unit_path
        open_before = stack[-1] if stack else None
        section = ""
        subtotal = _is_total_label(label)
        if stack:
            top = stack[-1]
            words = _content_words(top.text)
            plain = list(top.plain)
            if not label:
                # an unlabelled total closes the innermost heading, or an outer one whose rows, nested ones included,
                # it adds up when the innermost's alone do not ("Costs and expenses:" over "Special charges:")
                depth = len(stack) - 1
                if not _sums_to(row, plain):
                    depth = next((d for d in range(len(stack) - 2, -1, -1)
                                  if _sums_to(row, [r for h in stack[d:] for r in h.plain])), depth)
                section = stack[depth].text
                del stack[depth:]
            elif label.lower().startswith("total") and (not words or len(words & _content_words(label)) >= max(1, len(words) * HEADING_MATCH_SHARE) or label.lower() == "total"):
                section = top.text
                stack.pop()
            elif (top.rows and words and label.lower().startswith(_TOTAL_PREFIXES)
                  and len(words & _content_words(label)) >= max(1, round(len(words) * HEADING_MATCH_SHARE + 0.49))
                  and not _net_item(label, words)):
                section = top.text
                subtotal = True
                stack.pop()
            elif not top.named_total and _sums_to(row, plain):
                section = top.text
                subtotal = True
                if top.indented and _row_indent(row, line_indent) > top.indent:
                    closed_context = (top.indent, (*top.replaced, top.text))
                elif not top.indented and any(set(vocab.rules_matching(t)) & UNIT_RULES for t in (*top.replaced, top.text)):
                    # a flush block naming its unit ("NET EARNINGS PER SHARE (in dollars)") goes on past its sum to
                    # the next heading or a row of whole amounts
                    closed_context = (top.indent - 1, (*top.replaced, top.text))
                stack.pop()
            elif not top.named_total and top.base is not None and _sums_to(row, [top.base] + plain):
                subtotal = True
                stack.pop()
                section = stack[-1].text if stack else ""
            else:
                # a row back at the indent of a heading whose rows were indented under it has left that heading
                indent = _row_indent(row, line_indent)
                while stack and stack[-1].indented and indent <= stack[-1].indent:
                    stack.pop()
                section = stack[-1].text if stack else ""
                if stack:
                    top = stack[-1]
                    if not top.rows:  # the first row says whether the block is indented under its heading
                        top.indented = indent > top.indent
                    top.rows.append(row)
                    if not _is_total_label(label):
                        top.plain.append(row)
        if open_before is not None and open_before.replaced and (not stack or stack[-1] is not open_before):
            sibling_context = (open_before.indent, open_before.replaced)  # closed by this row
        items.append(_make_item(row, label, section, len(stack), subtotal, columns, vocab, diags, title_count,
                                (share_scale, counts, money_columns, except_per_share), percent_columns, path, col_rules, unit_path, cents_columns,
                                shared_reads))
        # a label wrapped over lines stands at its first line's indent ("Exercise of employee stock options" over
        # "  benefits......  6,618"): the figures' line is indented as a continuation, not as a row under another
        indents[row.grid.line] = line_indents.get(row.parts[0][0], row.grid.indent) if row.parts else row.grid.indent
        last_row = row
    return _qualify_repeats(items, indents), diags


def _net_item(label: str, heading_words: frozenset[str]) -> bool:
    """A "Net ..." row that repeats one word of its heading and names more ("Net assets of discontinued operations"
    under ASSETS) is an item of the block, not its net total ("Net sales" under "Sales", "Net cash provided by
    operating activities" under "Operating activities")."""
    if not label.lower().startswith("net "):
        return False
    own = _content_words(label)
    return len(heading_words & own) < 2 and bool(own - heading_words - {"net"})


def _row_indent(row: _Row, line_indent: dict[int, int]) -> int:
    """A row's indent: its label's first line's (a wrapped label continues further in)."""
    return line_indent.get(row.parts[0][0], row.grid.indent) if row.parts else row.grid.indent


def _named_totals(events: list[tuple[str, object]]) -> frozenset[int]:
    """The headings a later "Total ..." row names: a block printed flush with its heading ("Automotive" / rows /
    "Total Automotive assets") runs to that total, past the subtotals inside it. A total listing the heading
    beside other blocks ("Total liabilities, capital and reserves") closes a larger whole, not the heading."""
    totals = [(n, " ".join(_join([t for _, t in obj.parts]).lower().split()))  # type: ignore[attr-defined]
              for n, (kind, obj) in enumerate(events) if kind == "row"]
    totals = [(n, t[len("total"):]) for n, t in totals if t.startswith("total")]
    out = set()
    for n, (kind, obj) in enumerate(events):
        if kind != "heading":
            continue
        name = " ".join(obj[0].lower().strip(" :-").split())  # type: ignore[index]
        if name and any(m > n and _names(total, name) for m, total in totals):
            out.add(n)
    return frozenset(out)


def _names(total: str, name: str) -> bool:
    """Whether a total's words (after "total") hold a heading's name as a qualifier, not as one item of a list."""
    if name not in total:
        return False  # a quick test before the pattern
    at = re.search(r"(?<![a-z])" + re.escape(name) + r"(?![a-z])", total)
    if at is None:
        return False
    before, after = total[: at.start()].rstrip(), total[at.end():].lstrip()
    return not (before.endswith((",", " and", "&")) or after.startswith((",", "and ", "& ")))


def _qualify_repeats(items: list[LineItem], indents: dict[int, int]) -> tuple[LineItem, ...]:
    """A label printed again and again, each time indented under another row ("Percentage of net sales"
    under "Gross margin"), is named after the row it belongs to: "Gross margin - Percentage of net sales". A row
    indented because it sits under a heading the row above is not under belongs to the heading, not to that row, and
    rows indented under a dated row ("BALANCE, JANUARY 1, 1991") are the movements after it, not its parts."""
    counts: dict[tuple[str, str], int] = {}
    for it in items:
        if it.row_kind == "value" and it.label:
            counts[(it.label, it.section)] = counts.get((it.label, it.section), 0) + 1
    out: list[LineItem] = []
    parent: LineItem | None = None
    for it in items:
        if it.row_kind != "value":
            out.append(it)
            continue
        if (parent is not None and it.label and parent.label and counts[(it.label, it.section)] > 1
                and it.section == parent.section and indents.get(it.line, 0) > indents.get(parent.line, 0)
                and not _DATED.search(parent.label)  # "BALANCE, JANUARY 1, 1991": movements follow it, no parts
                and not it.subtotal and not it.label.lower().startswith("total")):  # a total is no part of a row
            out.append(replace(it, label=f"{parent.label} - {it.label}"))
            continue
        parent = it
        out.append(it)
    return tuple(out)


PER_SHARE_WHOLE_LIMIT = 10  # a row printing only whole numbers, one this large or more, is no per-share row


def _whole_amounts(row: _Row, cents_columns: list[bool], among: list[bool] | None = None) -> bool:
    """The row prints only whole numbers, one of at least PER_SHARE_WHOLE_LIMIT or all in columns that print other
    rows to the cent: amounts in the table's scale, not per-share figures (those show cents: "$ 0.27", "1.84";
    "Dividend equivalents  7" between "$4,315" and "$5.01" is seven million). among, when given, limits the
    figures read to those columns."""
    figures = [(j, p) for j, c in enumerate(row.grid.cells) if c is not None and (among is None or among[j])
               and (p := parse_number(c.text)) is not None and not p.dash]
    return (bool(figures) and all(p.places == 0 for _, p in figures)
            and (max(abs(p.number) for _, p in figures) >= PER_SHARE_WHOLE_LIMIT
                 or all(j < len(cents_columns) and cents_columns[j] for j, _ in figures)))


UNIT_RULES = frozenset({"per_share", "shares", "pure"})
HEADING_RULES = UNIT_RULES | {"percent"}
"""Row rules a heading passes to the rows under it ("Net losses as a percentage of average receivables" over
"Total finance receivables*   0.35": a percentage printed without %)."""
"""Row rules that decide a row's unit; a row naming one ignores the unit words of its headings and column."""


def _make_item(row: _Row, label: str, section: str, depth: int, subtotal: bool, columns: tuple[Column, ...],
               vocab: Vocab, diags: list[Diagnostic], title_count: tuple[str, int | None] | None,
               scales: tuple[int | None, int | None, tuple[bool, ...], bool], percent_columns: list[bool], path: tuple[str, ...],
               col_rules: list[tuple[str, ...]], headings: tuple[str, ...], cents_columns: list[bool],
               memo: dict) -> LineItem:
    """One value row: each cell parsed into an Amount with its unit and scale (scales: the share counts' scale when
    the captions state one; the scale of a table of counts, whose figures are share counts but for money printed
    whole: a figure with a currency sign, or in a row and a column each printing one); col_rules are the columns' row
    rules,
    headings the texts whose unit words hold for the row (its path and the empty headings those replaced),
    cents_columns the columns printing figures to the cent somewhere; memo keeps what rows of one table share."""
    amounts: list[Amount | None] = []
    label_rules = vocab.rules_matching(label)
    # a heading naming the unit ("EARNINGS PER COMMON SHARE" over "Basic" over "Cumulative effect ...") holds for
    # the rows under it, after the row's own words and before the column's
    heading_rules = memo.get(("headings", headings))
    if heading_rules is None:  # rows under the same headings read them once
        heading_rules = memo[("headings", headings)] = tuple(
            r for h in headings for rs in (vocab.rules_matching(h),) for r in rs if r in HEADING_RULES
            and not (r == "per_share" and "not_per_share" in rs))  # "par value $.10 per share"
    if "per_share" in heading_rules and _whole_amounts(row, cents_columns):  # "Operating Revenues  $2,721" after
        heading_rules = tuple(r for r in heading_rules if r != "per_share")  # an EPS block
    if "not_per_share" in label_rules:  # "Common Stock, par value $1.00 per share": an amount, not a per-share figure
        label_rules = tuple(r for r in label_rules if r != "per_share")
    section_count = count_unit(section, vocab) if section else None
    label_count = count_unit(label, vocab)
    own_unit = not UNIT_RULES.isdisjoint(label_rules)  # the row's own words win over its headings' and the column's
    row_rules = label_rules if own_unit else label_rules + heading_rules
    # a column headed "Earnings per common share" over "Net earnings ... $ 4,315": whole amounts of the table's
    # scale are no per-share figures, whatever the column's words
    per_share_columns = memo.get(("per-share columns", len(row.grid.cells)))
    if per_share_columns is None:
        per_share_columns = memo[("per-share columns", len(row.grid.cells))] = [
            j < len(col_rules) and "per_share" in col_rules[j] for j in range(len(row.grid.cells))]
    whole = (not own_unit and "per_share" not in heading_rules
             and _whole_amounts(row, cents_columns, per_share_columns))
    # a scale in the row's label, else in a heading over it ("Shares used in computing earnings per share (in
    # thousands):" over "Basic" and "Diluted")
    ls = label_scale(label)
    if ls is None:
        ls = next((n for h in reversed(headings) if (n := label_scale(h)) is not None), None)
    share_scale, counts, money_columns, except_per_share = scales
    # "(in millions, except per share amounts)": a row printing only figures to the cent where the table's money is
    # whole is a per-share row whatever its label ("Cash dividends  $1.05  $1.80")
    cents_row = except_per_share and _cents_only(row)
    money_row = counts is not None and any(c is not None and "$" in c.text for c in row.grid.cells)
    for j, cell in enumerate(row.grid.cells):
        if cell is None:
            amounts.append(None)
            continue
        p = parse_number(cell.text)
        if p is None and NOT_MEANINGFUL_RE.match(cell.text):
            amounts.append(None)  # "NM": printed as not meaningful, no figure to keep
            continue
        if p is None:
            diags.append(Diagnostic("cell.unreadable", f"cannot read {cell.text!r} as a number", cell.span, "error"))
            amounts.append(None)
            continue
        col = columns[j] if j < len(columns) else None
        rules = row_rules
        if not own_unit and col is not None:
            rules += tuple(r for r in col_rules[j] if r != "per_share") if whole else col_rules[j]
        col_currency = col.unit.numerators[0] if col is not None and col.unit is not None else None
        scale = col.scale if col is not None else 0
        cell_currency = read_units(p.currency, vocab).currency if p.currency else None
        currency = cell_currency or col_currency
        unit: Unit | None
        if p.percent or (j < len(percent_columns) and percent_columns[j] and not p.currency):
            unit, scale = unit_of(("pure",)), -2
        elif "shares" in rules:  # before per-share: "Common shares used in the calculations of loss per share"
            unit = unit_of(("shares",))
            scale = ls if ls is not None else share_scale if share_scale is not None else scale
        elif "per_share" in rules or (cents_row and scale >= 3 and not own_unit and not counts and not p.dash):
            unit = unit_of((currency,), ("shares",)) if currency else None
            scale = 0
        elif "percent" in rules and not (p.currency and "percent" not in label_rules):  # "$270": money
            unit, scale = unit_of(("pure",)), -2  # "Percentage of net sales  23.4": a percentage printed without %
        elif "pure" in rules:
            unit, scale = unit_of(("pure",)), 0
        elif ((label_count and _NUMBER_OF.search(label)) or ((label_count or section_count or title_count)
                                                             and not col_currency)) and not cell_currency:
            # a row saying it counts ("Average number of employees") is a count whatever the columns' currency
            noun, nscale = label_count or section_count or title_count  # type: ignore[misc]
            unit = unit_of((noun,))
            if nscale is None and title_count is not None:
                nscale = title_count[1]  # "(millions of units)" over the table scales its "Cars" row too
            if nscale is None and noun == "shares" and share_scale is not None:
                nscale = share_scale
            if nscale is None and noun == "shares" and title_count is not None:
                nscale = scale  # a table of share counts is in the scale its caption states ("(in millions)")
            scale = nscale if nscale is not None else (ls or 0)
        elif counts is not None and not (p.currency or money_row and j < len(money_columns) and money_columns[j]):
            unit, scale = unit_of(("shares",)), counts  # "Granted  1,200" under "(shares in thousands)"
        else:
            unit = unit_of((currency,)) if currency else None
            if ls is not None and unit is not None:
                scale = ls
            elif counts is not None:
                scale = 0  # "Option price of new grants  $57.69" beside counts in millions
        value = scaled_value(p, scale)
        decimals = amount_decimals(p.places, scale, False) if not p.dash else -scale
        amounts.append(Amount(cell.text, value, scale, decimals, cell.span, unit))
    return LineItem(label, section, row.grid.line, tuple(ln for ln, _ in row.parts) or (row.grid.line,), depth,
                    subtotal, tuple(amounts), "value", path)
