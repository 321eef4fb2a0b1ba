"""Conversion from a TableBlock into a Grid: value-column bounds and the cells of every row.

Columns come from the rows themselves (numbers are right-aligned), `<S>`/`<C>` markers are not trusted::

    Turnover            292,967         --        292,967       301,233     546,015
    Interconnect and   (195,477)        --       (195,477)     (205,028)   (371,634)
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Diagnostic, Span
from ..record import record
from ..settings import Settings
from .find_tables import TableBlock, underline
from .lines import DATA, RULE, TEXT, YEARS, classify_line
from ..interpret.numbers import Token, is_year_cell, parse_number, strip_leader

MIN_SHARE_FOR_COLUMN_COUNT = 0.2  # a column count must be printed on this share of rows to define the grid
MARKED_ALIGN_SLACK = 2  # characters a figure's right edge may sit from a marked column's for the column to hold it


@record
class Cell:
    """A numeric token placed in a column."""

    text: str  # printed token, e.g. "(195,477)"
    span: Span  # where


@record
class GridRow:
    """One body line split into label text and cells."""

    line: int  # 1-based source line
    text: str  # full line
    label: str  # label text (stripped), "" when none
    indent: int  # column where the label starts
    cells: tuple[Cell | None, ...]  # one per column; all None for a label-only or blank line
    kind: str  # layout class of the line (data, text, blank, tag, rule, years)


@record
class Grid:
    """A table split into columns."""

    table_id: str  # from the block
    anchors: tuple[tuple[int, int], ...]  # per column: (left, right) character extent of its values
    head: tuple[str, ...]  # header band lines (source text)
    head_first: int  # line number of head[0]
    rows: tuple[GridRow, ...]  # body lines in order
    context: tuple[str, ...]  # lines above the header band
    diagnostics: tuple[Diagnostic, ...]  # cells that could not be placed


def anchor_of(tok: Token) -> int:
    """Right edge of the digits (or dash): where right-aligned numbers line up."""
    text = tok.text
    for last in range(len(text) - 1, -1, -1):  # the last digit
        if text[last].isdigit():
            # the token may carry a glued currency prefix not counted in its span
            return tok.end - (len(text) - 1 - last)
    return tok.end


def _median(values: list[int]) -> float:
    """statistics.median of a non-empty list: the middle value, or the mean of the two middle values."""
    values.sort()
    half = len(values) // 2
    return values[half] if len(values) % 2 else (values[half - 1] + values[half]) / 2


def _column_count(counts: Counter[int], rows: int) -> int:
    """The most columns that a fair share of rows print."""
    need = max(2, int(rows * MIN_SHARE_FOR_COLUMN_COUNT)) if rows >= 4 else 1
    best = 0
    for k in sorted(counts, reverse=True):
        at_least = sum(v for c, v in counts.items() if c >= k)
        if at_least >= need:
            best = k
            break
    return best or max(counts)


def _marked_count(head: tuple[str, ...], data: list, counts: Counter[int], k: int) -> int:
    """More columns than most rows print, when the table's <C> markers count them, some row prints exactly that
    many figures and the figures of the other rows line up under those: a sparse table ("Change" columns filled
    on most rows, the full row once) keeps its full row's columns instead of folding its figures into the label."""
    marked = max((ln.upper().count("<C>") for ln in head), default=0)
    if marked <= k or counts.get(marked, 0) == 0:
        return k
    wide = [inf.split.cells for _, inf in data if len(inf.split.cells) == marked]
    edges = [_median([anchor_of(c[j]) for c in wide]) for j in range(marked)]
    for _, inf in data:
        for tok in inf.split.cells:
            if min(abs(anchor_of(tok) - e) for e in edges) > MARKED_ALIGN_SLACK:
                return k
    return marked


def _under(tok: Token, left: int, right: int, anchor: float) -> bool:
    """A figure stands under a column when it overlaps the column's extent or ends near its right edge."""
    return (tok.start < right and tok.end > left) or abs(anchor_of(tok) - anchor) <= MARKED_ALIGN_SLACK


def _place(cells: tuple[Token, ...], anchors: list[float]) -> tuple[list[int | None], list[Token]]:
    """Assign each cell to a column, left to right, nearest anchor first; returns (column per cell, unplaced)."""
    k = len(anchors)
    n = len(cells)
    if n == k:
        return list(range(k)), []
    # dynamic programming: order-preserving assignment minimising total distance
    pos = [anchor_of(c) for c in cells]
    inf = float("inf")
    # best[i][j]: cost placing first i cells using first j columns
    best = [[inf] * (k + 1) for _ in range(n + 1)]
    choice: list[list[tuple[int, int, bool] | None]] = [[None] * (k + 1) for _ in range(n + 1)]
    for j in range(k + 1):
        best[0][j] = 0.0
    skip_cost = 1000.0
    for i in range(1, n + 1):
        for j in range(0, k + 1):
            # drop cell i (cannot be placed)
            if best[i - 1][j] + skip_cost < best[i][j]:
                best[i][j] = best[i - 1][j] + skip_cost
                choice[i][j] = (i - 1, j, False)
            if j >= 1:
                # column j unused
                if best[i][j - 1] < best[i][j]:
                    best[i][j] = best[i][j - 1]
                    choice[i][j] = (i, j - 1, False)
                cost = best[i - 1][j - 1] + abs(pos[i - 1] - anchors[j - 1])
                if cost < best[i][j]:
                    best[i][j] = cost
                    choice[i][j] = (i - 1, j - 1, True)
    assign: list[int | None] = [None] * n
    i, j = n, k
    while i > 0:
        ch = choice[i][j]
        assert ch is not None
        pi, pj, used = ch
        if used:
            assign[i - 1] = j - 1
        i, j = pi, pj
    unplaced = [cells[x] for x in range(n) if assign[x] is None]
    return assign, unplaced


_RULES_IN_TEXT = re.compile(r"(?<!\S)[-=_]{3,}(?!\S)")
"""Rules printed beside a heading ("Common:        -------     -------"): underlines of the columns, not its words."""
_GLUED = re.compile(r"(?<=\d)_{1,3}(?=\d{1,2}/)")


def _unglued(text: str) -> str:
    """A figure or label as printed: "92_3/4" (joined by the line reader, FRACTION_GAP) is "92 3/4"."""
    return _GLUED.sub(lambda m: " " * len(m[0]), text) if "_" in text else text


LABEL_FIGURE_SLACK = 2  # a figure in a label may start this many characters left of the leftmost column


def _figures_in_label(text: str, end: int, value_left: int, line_no: int) -> list[Diagnostic]:
    """A warning for each figure-like word of a row's label text[:end] printed apart (two spaces or more each side) in
    the value columns ("Lapsed    1,012,237    1,027,651)", a misprint that kept the row from being split): no fact."""
    out = []
    for m in _WORD.finditer(text, 0, end):
        w = m[0]
        apart = text[max(0, m.start() - 2):m.start()] == "  " and (m.end() >= end or text[m.end():m.end() + 2] == "  ")
        if (apart and m.start() >= value_left - LABEL_FIGURE_SLACK
                and _FIGURE_LIKE.match(w) and not is_year_cell(w.strip("()$"))):
            out.append(Diagnostic("layout.figure-in-label", f"{w!r} stands in the value columns but is read as part "
                                  "of the row's label (the row could not be split into figures): no fact",
                                  Span(line_no, m.start(), m.end()), "warning"))
    return out


_WORD = re.compile(r"\S+")
_NOTE_HEADER = re.compile(r"(?<!\S)notes?(?!\S)", re.IGNORECASE)
_NOTE_REF = re.compile(r"^\d{1,2}(?:\([a-z]\)|[a-z])?(?:,\d{1,2}(?:\([a-z]\)|[a-z])?)*$")
NOTE_SLACK = 2  # characters a note reference may stand off its "Note" header


def _under_note_header(tok: Token, notes: list[tuple[int, int]]) -> bool:
    """Whether a figure left out of the value columns is a note reference ("3", "1(a)", "4,5") under a "Note" header."""
    return bool(_NOTE_REF.match(tok.text)) and any(a - NOTE_SLACK <= tok.start and tok.end <= b + NOTE_SLACK
                                                    for a, b in notes)


_LETTER_REF = re.compile(r"^[A-Z]{1,2}(?:\s*(?:&|,|and)\s*[A-Z]{1,2})*$")  # "Q", "G & J", "C, R": lettered notes
_LAST_PHRASE = re.compile(r"\S+(?: \S+)*\s*$")


def _note_ref_in_label(text: str, start: int, end: int, notes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of a note reference ending a row's label text[start:end], printed apart under a "Notes" header
    ("Rentals and financing        Q"), if any."""
    cut = text.rfind("  ", start, end)
    m = _LAST_PHRASE.search(text, cut, end) if cut >= 0 else None
    if m is None or m.start() == start:
        return None
    ref = m[0].strip()
    a, b = m.start(), m.start() + len(ref)
    if not (_LETTER_REF.match(ref) or _NOTE_REF.match(ref)):
        return None
    return (a, b) if any(x - NOTE_SLACK <= a and b <= y + NOTE_SLACK for x, y in notes) else None


DASH_SLACK = 8  # characters a dash centred under a column may stand left of where its figures end
_DASH_CELL = re.compile(r"^\$?\(?[-\u2013\u2014]+\)?$")  # a cell printed as a dash: nothing in the column
_FIGURE_LIKE = re.compile(r"^\(?\$?\d[\d,]*(?:\.\d+)?\)?%?$")


def block_to_grid(block: TableBlock, settings: Settings) -> Grid:
    """Split a block's body into value columns and cells."""
    body_offset = block.body_first - block.first_line
    head = block.lines[:body_offset]
    body = block.lines[body_offset:]
    infos = [classify_line(ln) for ln in body]
    data = [(idx, inf) for idx, inf in enumerate(infos) if inf.kind == DATA and inf.split is not None]
    counts: Counter[int] = Counter(len(inf.split.cells) for _, inf in data if inf.split)
    k = _column_count(counts, len(data)) if counts else 0
    k = _marked_count(head, data, counts, k)
    full = [inf.split.cells for _, inf in data if inf.split and len(inf.split.cells) == k]
    # a column stands where its figures do: dashes ("--") are often centred under it while figures end at its right
    anchors = [_median([anchor_of(c[j]) for c in full if not _DASH_CELL.match(c[j].text)]
                       or [anchor_of(c[j]) for c in full]) for j in range(k)]
    # a column's extent is that of the figures that end at its edge: a caption's count that happens to give
    # a line as many tokens as there are columns ("stock - 207,218,701") does not widen it
    near = [[c[j] for c in full if abs(anchor_of(c[j]) - anchors[j]) <= MARKED_ALIGN_SLACK
             or _DASH_CELL.match(c[j].text) and abs(anchor_of(c[j]) - anchors[j]) <= DASH_SLACK]
            or [c[j] for c in full] for j in range(k)]
    lefts = [min(t.start for t in near[j]) for j in range(k)]
    rights = [max(t.end for t in near[j]) for j in range(k)]
    rows: list[GridRow] = []
    diags: list[Diagnostic] = []
    blank = (None,) * k  # the cells of a line without figures
    notes = [(m.start(), m.end()) for h in head for m in _NOTE_HEADER.finditer(h)]  # "Note" over note references
    for idx, (text, inf) in enumerate(zip(body, infos)):
        line_no = block.body_first + idx
        sp = inf.split
        if inf.kind == YEARS and sp is not None and len(sp.cells) == 1 and k and sp.cells[0].end < lefts[0]:
            # a lone year left of the figures ("2000" over a block of quarterly rows) heads the rows below it
            rows.append(GridRow(line_no, text, sp.cells[0].text, sp.cells[0].start, blank, TEXT))
            continue
        if inf.kind == DATA and underline(inf) and sp is not None and sp.cells[-1].end < min(lefts, default=0):
            rows.append(GridRow(line_no, text, "", 0, blank, RULE))  # "    --" under a heading, left of the figures
            continue
        if inf.kind != DATA or sp is None:
            label = " ".join(_RULES_IN_TEXT.sub(" ", text).split()) if inf.kind == "text" else ""  # "Common:  -------"
            indent = len(text) - len(text.lstrip()) if label else 0
            rows.append(GridRow(line_no, text, label, indent, blank, inf.kind))
            if label and k:
                diags.extend(_figures_in_label(text, len(text), min(lefts), line_no))
            continue
        assign, unplaced = _place(sp.cells, anchors)
        for x, col in enumerate(assign):  # a figure under no column is part of the label ("stock - 207,218,701")
            if col is not None and not _under(sp.cells[x], lefts[col], rights[col], anchors[col]):
                assign[x] = None
                unplaced.append(sp.cells[x])
        unplaced.sort(key=lambda t: t.start)
        if unplaced and all(col is None for col in assign):
            label = " ".join(text.split())
            rows.append(GridRow(line_no, text, label, len(text) - len(text.lstrip()), blank, TEXT))
            continue
        placed: list[Cell | None] = [None] * k
        for tok, col in zip(sp.cells, assign):
            if col is not None:
                start, end = tok.start, tok.end
                placed[col] = Cell(_unglued(tok.text), Span(line_no, start, end))
                if start < lefts[col]:
                    lefts[col] = start
                if end > rights[col]:
                    rights[col] = end
        label, label_end = _unglued(sp.label), sp.label_end
        for m in reversed(list(_WORD.finditer(text, sp.label_start, sp.label_end)) if sp.label else []):
            # "... cumulative effect of 12,500": a figure one space from its label, standing in an empty column
            col = next((c for c in range(k) if placed[c] is None and abs(anchor_of(Token(m[0], m.start(), m.end()))
                                                                         - anchors[c]) <= MARKED_ALIGN_SLACK), None)
            if col is None or not _FIGURE_LIKE.match(m[0]) or parse_number(m[0]) is None or is_year_cell(m[0]):
                break
            placed[col] = Cell(m[0], Span(line_no, m.start(), m.end()))
            label_end = m.start()
            diags.append(Diagnostic("layout.glued-figure", f"{m[0]!r}, printed one space from its row's label, stands "
                                    f"in column {col + 1}: read as its figure", Span(line_no, m.start(), m.end()),
                                    "info"))
        ref = _note_ref_in_label(text, sp.label_start, label_end, notes) if notes and sp.label else None
        if ref is not None:  # "Rentals and financing        Q      3,731": the letter of its note, under "Notes"
            diags.append(Diagnostic("table.note-column", f"{text[ref[0]:ref[1]]!r} under the \"Notes\" header is a "
                                    "note reference, not part of the label", Span(line_no, ref[0], ref[1]), "info"))
            label_end = ref[0]
        if label_end != sp.label_end:
            label = _unglued(strip_leader(" ".join(text[sp.label_start:label_end].split())))
        if sp.label:
            diags.extend(_figures_in_label(text, label_end, min(lefts), line_no))
        for tok in [t for t in unplaced if _under_note_header(t, notes)]:
            unplaced.remove(tok)  # "Revenues   3   1,200,000": a reference to note 3, under a "Note" header
            diags.append(Diagnostic("table.note-column", f"{tok.text!r} under the \"Note\" header is a note reference, "
                                    "not an amount", Span(line_no, tok.start, tok.end), "info"))
        for tok in unplaced:
            diags.append(Diagnostic(
                "layout.extra-cell",
                f"{tok.text!r} does not line up with any of the {k} value columns; read as part of the label",
                Span(line_no, tok.start, tok.end), "warning"))
            label = (label + " " + tok.text).strip()
        rows.append(GridRow(line_no, text, label, sp.label_start if sp.label else 0, tuple(placed), DATA))
    return Grid(
        table_id=block.table_id,
        anchors=tuple(zip(lefts, rights)),
        head=head,
        head_first=block.first_line,
        rows=tuple(rows),
        context=block.context,
        diagnostics=tuple(diags),
    )
