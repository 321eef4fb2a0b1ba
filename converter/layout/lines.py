"""Conversion from one source line into its layout class: blank, tag, rule, data row, year header or text."""

from __future__ import annotations

import re

from ..interpret.numbers import FRACTION_GAP, NOT_MEANINGFUL_RE, SplitLine, is_year_cell, plain_text, split_cells
from ..memo import text_cache
from ..record import record

BLANK, TAG, RULE, DATA, YEARS, TEXT = "blank", "tag", "rule", "data", "years", "text"
_TAG_RE = re.compile(r"^\s*</?(TABLE|CAPTION|S|C|FN|PAGE|F\d+|R\d+)\b[^a-z]*", re.IGNORECASE)
_ANY_TAG_RE = re.compile(r"^\s*<[/A-Za-z][^>]*>\s*")
_RULE_RE = re.compile(r"^[\s\-=_*.+|:]+$")
_RULE_CHARS = frozenset("-=_*.+|:")  # what a rule's first printed character must be
RULE_RUN = re.compile(r"[-=_]{3,}")
"""A run of dashes, equals signs or underscores: a rule, whether alone on its line or beside text."""
PROSE_LOWER_SHARE = 0.5  # running text has mostly lower-case words
_NOTE_REF = re.compile(r"^\((?:\d|[a-z])\)$")
CONNECTIVE = re.compile(r"^\s*(?:and|or|to|through)\s*$")
"""A line holding only a word that joins a cell's two figures ("$30.00" / "and" / "$24.13"): no label, no header."""
_CAPTION_ONLY = re.compile(r"^\([^()\d]*\)$")  # "(As Restated)" beside a column's note reference "(1)" (not "(13,450 shares)")
_PHRASE_RE = re.compile(r"\S+(?: \S+)*")


@record
class LineInfo:
    """A line's layout class and, for data rows, its label and cells."""

    kind: str  # one of BLANK, TAG, RULE, DATA, YEARS, TEXT
    split: SplitLine | None  # label/cells reading (DATA and YEARS lines)
    words: int  # number of words on the line
    tag: str  # upper-case tag name for TAG lines ("TABLE", "/TABLE", "S", "PAGE"), else ""


@record
class Phrase:
    """Words separated by single spaces: one header entry."""

    text: str  # the phrase
    start: int  # first column
    end: int  # column after the last character


def phrases(line: str) -> list[Phrase]:
    """Split a line at runs of two or more spaces."""
    return [Phrase(m.group(), m.start(), m.end()) for m in _PHRASE_RE.finditer(line)]


_BLANK_INFO = LineInfo(BLANK, None, 0, "")
_RULE_INFO = LineInfo(RULE, None, 0, "")
_TEXT_INFOS: dict[int, LineInfo] = {}  # text lines by word count: records are immutable, one per count is enough


@text_cache(maxsize=65536)
def classify_line(line: str) -> LineInfo:
    """Decide what a line is, without looking at its neighbours."""
    stripped = line.strip()
    if not stripped:
        return _BLANK_INFO
    words = stripped.split()
    if stripped[0] == "<":  # the tag patterns start with optional spaces and "<"; a rule holds no "<"
        m = _TAG_RE.match(line)
        if m:
            name = re.match(r"\s*<(/?\w+)", line)
            tag = name.group(1).upper() if name else ""
            if tag.startswith("TABLE") or tag.startswith("/TABLE") or tag in ("S", "C", "CAPTION", "/CAPTION", "PAGE", "FN", "/FN"):
                return LineInfo(TAG, None, len(words), tag)
        if _ANY_TAG_RE.match(line) and stripped.endswith(">"):
            return LineInfo(TAG, None, 1, stripped.strip("<>/").upper())
    elif stripped[0] in _RULE_CHARS and _RULE_RE.match(line) and len(stripped.replace(" ", "")) >= 3:
        return _RULE_INFO
    if "/" in line and FRACTION_GAP.search(line):
        line = FRACTION_GAP.sub(lambda m: "_" * len(m[0]), line)  # "92 3/4" is one figure, as wide as printed
        words = line.split()
    n = len(words)
    if plain_text(words) or not (sp := split_cells(line, words)).cells or (
            not sp.label and all(NOT_MEANINGFUL_RE.match(c.text) for c in sp.cells)) or _justified(line, sp):
        info = _TEXT_INFOS.get(n)
        if info is None:
            info = _TEXT_INFOS[n] = LineInfo(TEXT, None, n, "")
        return info
    if all(is_year_cell(c.text) for c in sp.cells) and (
            len(sp.cells) >= 2 or not sp.label or any(is_year_cell(w) for w in sp.label.split())):
        return LineInfo(YEARS, sp, n, "")
    if (not sp.label or _CAPTION_ONLY.match(sp.label)) and all(_NOTE_REF.match(c.text) for c in sp.cells):
        return LineInfo(YEARS, sp, n, "")  # "(1)   (2)": footnote references under column headers
    if not sp.label and len(sp.cells) >= 2 and is_year_cell(sp.cells[0].text) and line[: sp.cells[0].start].strip() == "":
        # "  1991      10      0    0.046": a year in the label's place labels the row (a roll-forward by year)
        first = sp.cells[0]
        sp = SplitLine(first.text, first.start, first.end, sp.cells[1:])
    return LineInfo(DATA, sp, n, "")


JUSTIFIED_GAP = 2  # spaces at most between a justified text's last word and the number ending it
JUSTIFIED_GAPS = 3  # double spaces inside a label that make it a line of justified running text ...
JUSTIFIED_WORDS = 8  # ... of at least this many words


def _justified(line: str, sp: SplitLine) -> bool:
    """A line of justified running text ending with a number ("Reference  is  made  to  Note  2 ...  Note  7"): its
    words stand two spaces apart and the number one or two spaces after them, not across a column gap."""
    return (bool(sp.label) and sp.cells[0].start - sp.label_end <= JUSTIFIED_GAP
            and line.count("  ", sp.label_start, sp.label_end) >= JUSTIFIED_GAPS
            and sp.label.count(" ") + 1 >= JUSTIFIED_WORDS)


def is_prose(line: str, info: LineInfo, min_words: int, value_start: int = 0) -> bool:
    """Running text: many single-spaced words reaching over the value columns (a long label stays left of them)."""
    if info.kind != TEXT or info.words < min_words or len(line) <= value_start:
        return False
    shape = text_shape(line)
    if shape.longest < min_words - 2:
        return False
    return shape.lower >= PROSE_LOWER_SHARE * shape.alpha  # title-case headers ("For the 13 Weeks Ended July 3") are not prose


@record
class TextShape:
    """How the words of a text line lie: what tells prose from headers."""

    longest: int  # words in the longest phrase (words parted by single spaces)
    alpha: int  # words starting with a letter
    lower: int  # of those, words starting with a lower-case letter
    last_start: int | None  # column where the last phrase starts, None for a blank line


@text_cache(maxsize=65536)
def text_shape(line: str) -> TextShape:
    """Read a line's phrases and words once (the table finder asks about a line again for each table nearby)."""
    spans = [m.span() for m in _PHRASE_RE.finditer(line)]  # the phrases(line), without making Phrase records
    alpha = [w for w in line.split() if w[:1].isalpha()]
    return TextShape(
        longest=max((line.count(" ", a, b) + 1 for a, b in spans), default=0),
        alpha=len(alpha),
        lower=sum(1 for w in alpha if w[0].islower()),
        last_start=spans[-1][0] if spans else None,
    )
