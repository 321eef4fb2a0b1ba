"""Conversion from a Filing into TableBlocks: runs of lines that hold figures, with their header band.

Tables are found by their rows, not by tags: `<TABLE>` markers are evidence, never required::

    Turnover                                   293.0     301.2     564.7     602.3
    Interconnect and network costs            (195.5)   (205.0)   (375.9)   (403.1)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..memo import text_cache
from ..model import Filing
from ..record import record
from ..settings import Settings
from ..interpret.numbers import is_year_cell
from .lines import (BLANK, CONNECTIVE, DATA, RULE, RULE_RUN, TAG, TEXT, YEARS, LineInfo, classify_line, is_prose,
                    phrases, text_shape)

SKIP_DOCUMENT_TYPES = ("EX-27",)  # financial data schedules are read by readers/ex27.py
_NOTE_MARK = re.compile(r"^\(\d\)$")
HEADER_SLACK = 1  # a header phrase may start this many columns left of the value area
_CAPTION_LINE = re.compile(r"^\s*\([^()]*\)\s*$")  # a line that is one bracketed caption
_FIGURE = re.compile(r"^\(?\$?\d[\d,]*(?:\.\d+)?\)?[%x*]?$")  # a figure standing alone among a line's phrases
_FOLIO = re.compile(r"^\s*(-\s*)?\d{1,4}(\s*-)?\s*$")  # "17", "-  15  -": a page's number
_BARE_SIGNS = frozenset("$£€¥")  # a currency sign printed with no figure beside it
FOLIO_GAP = 3  # lines a page number may stand above the page break


@record
class TableBlock:
    """A candidate table: header band plus body lines, as printed."""

    table_id: str  # "t01", "t02"... in source order
    doc_type: str  # type of the enclosing document
    first_line: int  # 1-based first line of the header band
    body_first: int  # 1-based line of the first body line (heading or row)
    last_line: int  # 1-based last line of the body
    lines: tuple[str, ...]  # text of lines first_line..last_line
    context: tuple[str, ...]  # a few lines above the header band (title, "in thousands")
    tagged: bool  # True when inside <TABLE>...</TABLE>
    value_start: int  # leftmost column where the body's cells start


@dataclass
class _Body:
    first: int  # 0-based index of first data line
    last: int  # 0-based index of last data line
    value_start: int  # min cell start
    rows: int  # data line count


CONTEXT_LINES = 8
VALUE_AREA_SHIFT = 4  # characters the value area may move between two rows of one table


def _header_like(line: str, info: LineInfo, value_start: int) -> bool:
    """Text over the value columns (a column header or a title), not a row label: a line of years, or text whose
    last phrase starts over the value area. Rules printed beside a label ("Period   ------  ------") and a year
    left in the label area (the end of a wrapped caption, "     1998") are not headers."""
    if info.kind not in (TEXT, YEARS) or CONNECTIVE.match(line):
        return False
    last = _last_phrase_start(line)
    if last is None or last < value_start - HEADER_SLACK:
        return False
    over = [p for p in phrases(line) if p.start >= value_start - HEADER_SLACK]
    if over and all(p.text in _BARE_SIGNS for p in over):
        return False  # "COMMITMENTS AND CONTINGENCIES     $        $": a caption row with signs and no figures
    # a row whose figures could not all be read ("Forfeited   2,000   1,500 (see note 4)") is no header
    return not any(_FIGURE.match(p.text) and not is_year_cell(p.text) for p in over)


@text_cache(maxsize=65536)
def _last_phrase_start(line: str) -> int | None:
    """The column where a line's last phrase starts, rules read as spaces (phrases run left to right); None for a
    blank line. Read once per line (bodies, header bands and tails ask again)."""
    return text_shape(RULE_RUN.sub(lambda m: " " * len(m[0]), line)).last_start


def _breaks_body(line: str, info: LineInfo, body: _Body, settings: Settings) -> bool:
    """Does this line, found between two data rows, end the current table?"""
    if info.kind == TAG and info.tag in ("TABLE", "/TABLE", "CAPTION"):
        return True  # a <CAPTION> inside a table starts a panel with headers of its own
    if is_prose(line, info, settings.prose_min_words, body.value_start):
        return True
    return _header_like(line, info, body.value_start)


def _paragraph_line(lines: tuple[str, ...], infos: list[LineInfo], i: int, value_start: int, settings: Settings) -> bool:
    """A line of a paragraph: long text over the value columns, or beside another long text line."""
    n = settings.prose_min_words
    if not is_prose(lines[i], infos[i], n):
        return False
    if len(lines[i]) > value_start:
        return True
    return any(0 <= j < len(lines) and is_prose(lines[j], infos[j], n) for j in (i - 1, i + 1))


def underline(info: LineInfo) -> bool:
    """A line holding nothing but a short dash ("    --" under a heading "GE"): it underlines, it is no row."""
    sp = info.split
    return sp is not None and not sp.label and all(set(c.text) <= {"-"} for c in sp.cells)


def _find_bodies(lines: tuple[str, ...], infos: list[LineInfo], lo: int, hi: int, settings: Settings) -> list[_Body]:
    """Group data rows [lo, hi) into table bodies (of any size: the caller drops lone untagged lines)."""
    bodies: list[_Body] = []
    cur: _Body | None = None
    for i in range(lo, hi):
        info = infos[i]
        if info.kind != DATA or underline(info):
            continue
        assert info.split is not None
        cells = info.split.cells
        # a footnote mark such as "(1)" ahead of the figures does not move the value area left
        first = cells[1] if len(cells) > 1 and cells[0].text[:1] == "(" and _NOTE_MARK.match(cells[0].text) else cells[0]
        start = first.start
        if cur is not None:
            gap = range(cur.last + 1, i)
            broken = any(_breaks_body(lines[j], infos[j], cur, settings) for j in gap)
            if not broken and abs(start - cur.value_start) > VALUE_AREA_SHIFT:
                # the figures moved, under a header of their own: a new table (a contents page's page numbers
                # far right, then a statement's columns under "September 30, 1999   December 31, 1998")
                broken = any(_header_like(lines[j], infos[j], start) for j in gap)
            if broken:
                bodies.append(cur)
                cur = None
        if cur is None:
            cur = _Body(i, i, start, 1)
        else:
            cur.last, cur.rows = i, cur.rows + 1
            cur.value_start = min(cur.value_start, start)
    if cur is not None:
        bodies.append(cur)
    return bodies


def _header_band(lines: tuple[str, ...], infos: list[LineInfo], body: _Body, floor: int,
                 settings: Settings) -> tuple[int, int]:
    """Return (band_first, body_first): header lines above the body, label lines moved into the body."""
    i = body.first - 1
    band_first = body.first
    nonblank = 0
    while i >= floor and nonblank < settings.max_header_lines:
        info = infos[i]
        if info.kind == DATA or (info.kind == TAG and info.tag in ("/TABLE", "PAGE")):
            break  # a header stands on its table's page
        if _paragraph_line(lines, infos, i, body.value_start, settings):
            break
        if info.kind == TEXT and i > floor and _paragraph_line(lines, infos, i - 1, body.value_start, settings):
            break  # the last, short line of a paragraph
        if info.kind not in (BLANK, TAG, RULE):
            nonblank += 1
        band_first = i
        i -= 1
    # label-only lines below the last header-like line belong to the body (headings, wrapped labels)
    body_first = body.first
    j = body.first - 1
    while j >= band_first:
        info = infos[j]
        if (_header_like(lines[j], info, body.value_start) or (info.kind == TAG and info.tag in ("S", "C", "TABLE", "CAPTION"))
                or _CAPTION_LINE.match(lines[j])):
            break  # ... not a caption in brackets: "(Unaudited)", "(In thousands, except share data)"
        if info.kind in (TEXT, YEARS, BLANK):  # a year in the label area heads rows ("2000" over quarterly data)
            body_first = j if info.kind != BLANK else body_first
        j -= 1
    while band_first < body_first and infos[band_first].kind == BLANK:
        band_first += 1
    return band_first, body_first


def _extend_tail(lines: tuple[str, ...], infos: list[LineInfo], body: _Body, hi: int, settings: Settings) -> int:
    """Include label lines printed right after the last row (labels written below their figures)."""
    last = body.last
    j = body.last + 1
    while j < hi:
        info = infos[j]
        if info.kind != TEXT or is_prose(lines[j], info, settings.prose_min_words, body.value_start):
            break
        if _header_like(lines[j], info, body.value_start):
            break
        last = j
        j += 1
    return last


def _page_folios(lines: tuple[str, ...], infos: list[LineInfo]) -> list[LineInfo]:
    """The infos with each page number read as a blank line: a number between dashes ("-  15  -"), or a lone number
    ("17") below a blank or text line (not below a rule or a row: an unlabelled total), with only blank lines
    between it and the page break (<PAGE>, a form feed) or the end of the text, is no row."""
    out = infos
    for i, info in enumerate(infos):
        m = _FOLIO.match(lines[i]) if info.kind == DATA and i > 0 else None
        if m is None or not (m[1] and m[2]) and infos[i - 1].kind not in (BLANK, TEXT):
            continue
        below = range(i + 1, min(i + 1 + FOLIO_GAP, len(lines)))
        after = next((j for j in below if infos[j].kind != BLANK), None)
        broken = any("\f" in lines[j] for j in below if after is None or j <= after)
        if broken or (after is None and i + FOLIO_GAP >= len(lines)) or (after is not None and infos[after].tag == "PAGE"):
            if out is infos:
                out = list(infos)
            out[i] = LineInfo(BLANK, None, 0, "")
    return out


def _inside_tags(infos: list[LineInfo], lo: int, hi: int) -> list[bool]:
    """For each line, whether it sits between <TABLE> and </TABLE>."""
    inside = [False] * len(infos)
    state = False
    for i in range(lo, hi):
        if infos[i].kind == TAG and infos[i].tag == "TABLE":
            state = True
        inside[i] = state
        if infos[i].kind == TAG and infos[i].tag == "/TABLE":
            state = False
    return inside


def find_tables(filing: Filing, settings: Settings) -> tuple[TableBlock, ...]:
    """Find every table in every document, tagged or not."""
    lines = filing.lines
    infos = _page_folios(lines, [classify_line(ln) for ln in lines])
    blocks: list[TableBlock] = []
    for doc in filing.documents:
        if doc.doc_type.upper().startswith(SKIP_DOCUMENT_TYPES):
            continue
        lo, hi = doc.first_line - 1, doc.last_line
        inside = _inside_tags(infos, lo, hi)
        floor = lo
        for body in _find_bodies(lines, infos, lo, hi, settings):
            if body.rows < settings.min_table_rows and not inside[body.first]:
                continue  # a lone line with a figure in running text; inside <TABLE> tags it is a table
            band_first, body_first = _header_band(lines, infos, body, floor, settings)
            last = _extend_tail(lines, infos, body, hi, settings)
            ctx_lo = max(floor, band_first - CONTEXT_LINES)
            blocks.append(TableBlock(
                table_id=f"t{len(blocks) + 1:02d}",
                doc_type=doc.doc_type,
                first_line=band_first + 1,
                body_first=body_first + 1,
                last_line=last + 1,
                lines=lines[band_first : last + 1],
                context=lines[ctx_lo:band_first],
                tagged=inside[body.first],
                value_start=body.value_start,
            ))
            floor = last + 1
    return tuple(blocks)
