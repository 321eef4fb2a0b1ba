"""Conversion from printed cell text into exact numbers, and from a line into label text plus cells.

Cells look like this in EDGAR text tables::

    Interest payable    (22,724)        --        (22,724)       (16,983)    (30,783)
    Basic and diluted  GBP(0.02)    GBP0.00     GBP(0.02)      GBP(0.02)     $(0.03)
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..memo import text_cache
from ..record import record

_CURRENCY_SIGNS = ("US$", "C$", "A$", "GBP", "EUR", "USD", "$", "£", "€", "¥")  # longer before shorter ("US$", "$")
_CURRENCY = "(?:" + "|".join(map(re.escape, _CURRENCY_SIGNS)) + ")"
CELL_RE = re.compile(
    rf"""^(?P<cur>{_CURRENCY})?
         (?P<open>[(<])?
         (?P<cur2>{_CURRENCY})?
         (?P<minus>-)?
         (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d*\.?\d+(?:[_ ]{{1,3}}\d{{1,2}}/\d{{1,2}})?)
         (?P<pct>%)?
         (?P<close>[)>])?
         (?P<pct2>(?<=\))%)?
         (?P<tminus>(?<=\d)-)?
         (?P<note>\*{{1,3}}|\([a-z]\)|[a-h]/)?$""",  # a footnote mark: 1,234*  1,234(a)  463a/
    re.VERBOSE,
)
DASH_RE = re.compile(rf"^{_CURRENCY}?(?:\(?(?:-{{1,3}}|-0-|\u2014|\u2013|nil|Nil|NIL|none|None)\)?)$")
CURRENCY_WORDS = frozenset(_CURRENCY_SIGNS)
"""The words _CURRENCY matches whole: a line holds a lone currency sign when one of its words is one of these."""
MISPRINT_RE = re.compile(rf"^{_CURRENCY}?\(?\d[\d,]*,\d{{1,2}}\)?$|^{_CURRENCY}?\(?\d{{1,3}}(,\d{{3}})*,\d{{4,}}\)?$"
                         r"|^\$?\d{1,4}(?:_{1,3}\d{1,2}/\d{1,2})?-\$?\d{1,4}(?:_{1,3}\d{1,2}/\d{1,2})?$"
                         r"|^\d{1,3}(?:\.\d+)?:1$|^\(\d[\d,]*\)-\(\d[\d,]*\)$"
                         r"|^\$?\d{1,3}(?:,\d{3})+\)$|^\(\$?\d{1,3}(?:,\d{3})+$|^\d{1,3}(?:\.\d+)?x$"
                         r"|^\$?\d{1,3}(?:,\d{3})+-\$?\d{1,3}(?:,\d{3})+$")
"""A figure with broken digit groups ("143,57"), a price range in fractions ("87_1/2-72_3/4", see FRACTION_GAP),
a range ("41,410-40,685", "(135)-(220)"), a ratio ("7.59:1", "2.5x") or a bracket missing ("1,027,651)"): a cell that
cannot be read as one number, never part of the label."""
FRACTION_GAP = re.compile(r"(?<=\d) {1,3}(?=\d{1,2}/(?:2|4|8|16|32|64)(?:-|  |\s*$))")
"""The space (or two) inside a price printed in fractions ("92 3/4", "58  1/2", "87 1/2-72 3/4") where a column's
figure stands (followed by a range's dash, a column gap or the line's end): the line reader joins the two parts with
"_" to keep one cell."""
NOT_MEANINGFUL_RE = re.compile(r"^(?:NM|N/M|n/m|N/A|n/a|NA|N\.A\.|n\.a\.|n\.m\.|N\.M\.|\*{1,3}|[a-z]/)$")
"""Placeholders that hold a column but state no number ("not meaningful", "not applicable", a footnote mark "f/"
printed in a figure's place)."""
_CELL_TEXT_RE = re.compile("(?x:" + CELL_RE.pattern + ")|"
                           + "|".join(f"(?:{rx.pattern})" for rx in (DASH_RE, NOT_MEANINGFUL_RE, MISPRINT_RE)))
"""Any of CELL_RE, DASH_RE, NOT_MEANINGFUL_RE or MISPRINT_RE in one match (each alternative is anchored; the most
common, a number, is tried first)."""
_CELL_FIRST = frozenset("(<-.*$£€¥UCAGENabcdefghijklmnopqrstuvwxyz\u2014\u2013")
"""Every character a cell can start with besides a decimal digit: a currency, "(", a sign, a dash, "nil", "NM"..."""
YEAR_RE = re.compile(r"^(?:19[5-9]\d|20[0-4]\d)(?:[*]{1,2}|\([a-z1-9]\))?$")  # 1997, 1997*, 1993(a): a note mark
_WORD_RE = re.compile(r"\S+")
_LEADER_RE = re.compile(r"[\s.]*\.{3,}[\s.:]*$")
"""Dotted leaders between a label and its figures: 'Cars..........   8.5'."""
CONNECTORS = frozenset("and or of for in to the from on at per by with & , - / under before after than into over "
                       "within between including excluding less ended ending through".split())
"""Words a wrapped label line can end with when the next line continues it ("Interest payable and")."""


@record
class Token:
    """A whitespace-separated word with its character span."""

    text: str  # the word
    start: int  # 0-based first column
    end: int  # column after the last character


@record
class ParsedNumber:
    """The meaning of one printed cell, before scaling."""

    number: Decimal  # printed magnitude with sign, e.g. Decimal("-0.02"); 0 for dashes
    places: int  # digits after the decimal point as printed (0 for dashes)
    percent: bool  # printed with %
    currency: str  # currency symbol printed in the cell ("$", "GBP", ...) or ""
    dash: bool  # printed as a dash or nil


def _marked(text: str) -> bool:
    """A cell that cannot be part of running text: currency sign, parentheses or percent."""
    return bool(re.search(r"[$()%£€]|GBP|EUR", text))


_GROUPED_MILLIONS = re.compile(r"^\d{1,3}(?:,\d{3}){2,}$")


_GROUPED = re.compile(r"^\(?\$?\d{1,3}(?:,\d{3})+\)?$")  # a whole number printed with thousands separators


def _wide_pair(left: str, right: str) -> bool:
    """Two numbers grouped by commas one space apart ("1,012,140,314 1,017,444,798", "123,734 123,047"): full
    columns printed edge to edge, which running text never writes."""
    return _GROUPED.match(left) is not None and _GROUPED.match(right) is not None


def tokens(line: str) -> list[Token]:
    """Split a line into words with positions."""
    return [Token(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(line)]


def is_cell_text(text: str) -> bool:
    """True if a word reads as a table cell (number, percentage, dash, "NM", or a misprinted number)."""
    return _may_start_cell(text) and _CELL_TEXT_RE.match(text) is not None


def _may_start_cell(word: str) -> bool:
    """Whether a word starts with a character some cell pattern starts with (a quick test before the patterns)."""
    return word[:1] in _CELL_FIRST or word[:1].isdecimal()


@text_cache(maxsize=65536)
def parse_number(text: str) -> ParsedNumber | None:
    """Parse a cell's printed text: '(1,234)' -> -1234, '33.3%' -> 33.3 percent, '--' -> 0."""
    t = text.strip()
    m = CELL_RE.match(t)
    if m and m["tminus"] and (m["minus"] or m["open"]):
        m = None  # one sign only: "-0-" is a printed nil, "(1,500)-" no figure
    if not m:  # a dash holds no digit, a number always one: at most one of the two patterns matches
        if DASH_RE.match(t):
            sign = re.match(_CURRENCY, t)
            return ParsedNumber(Decimal(0), 0, False, sign.group() if sign else "", True)
        return None
    cur, opened, cur2, minus, num, pct, closed, tminus = m.group("cur", "open", "cur2", "minus", "num", "pct", "close",
                                                                 "tminus")
    pct = pct or m["pct2"]  # "(2)%" as "(2%)"
    if bool(opened) != bool(closed) or opened and (opened == "<") != (closed == ">"):
        return None  # "(1,234)" and "<1,234>" are negative; "<1%" is no figure
    digits = num.replace(",", "")
    if "/" in digits:  # "92_3/4", "$.21 1/2": a fraction (halves to sixty-fourths) of the last digit's unit
        whole, fraction = re.split(r"[_ ]+", digits)
        top, bottom = fraction.split("/")
        if int(bottom) not in (2, 4, 8, 16, 32, 64) or int(top) >= int(bottom):
            return None
        unit = Decimal(1).scaleb(-len(whole.split(".", 1)[1]) if "." in whole else 0)
        digits = str(Decimal(whole) + Decimal(top) / Decimal(bottom) * unit)
    places = len(digits.split(".", 1)[1]) if "." in digits else 0
    number = Decimal(digits)
    if opened or minus or tminus:  # "(1,500)", "-1,500", "1,500-" (a trailing minus, as older ledgers print it)
        number = -number
    return ParsedNumber(number, places, bool(pct), cur or cur2 or "", False)


_SPACED_MARK = re.compile(r"^(?:\([a-z]\)|[a-z]/|\*{1,3})$")
MARK_GAP = 2  # spaces a footnote mark ("(a)") may stand after the figure it marks


_Word = tuple[str, int, int]
"""A word and its span, as split_line handles it before making Tokens of the cells."""


def _positions(line: str, words: list[str]) -> list[_Word]:
    """Each word of line.split() with its span: the next occurrence after the previous word is the word itself."""
    out: list[_Word] = []
    end = 0
    for w in words:
        start = line.find(w, end)
        end = start + len(w)
        out.append((w, start, end))
    return out


PERCENT_GAP = 2  # spaces a per cent sign may stand from its figure ("2  %")


def _merge_percent(toks: list[_Word]) -> list[_Word]:
    """Glue a lone per cent sign to the number just before it: '40.5 %' reads as one cell."""
    out: list[_Word] = []
    for t in toks:
        if t[0] == "%" and out and t[1] - out[-1][2] <= PERCENT_GAP and parse_number(out[-1][0] + "%") is not None:
            prev = out.pop()
            out.append((prev[0] + "%", prev[1], t[2]))
            continue
        out.append(t)
    return out


def _merge_currency(toks: list[_Word]) -> list[_Word]:
    """Glue a lone currency sign to the number after it: '$   53' reads as one cell."""
    if CURRENCY_WORDS.isdisjoint([t[0] for t in toks]):
        return toks  # no word is a lone currency sign (CURRENCY_ONLY_RE matches exactly these words)
    out: list[_Word] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t[0] in CURRENCY_WORDS and i + 1 < len(toks) and is_cell_text(toks[i + 1][0]):
            nxt = toks[i + 1]
            out.append((t[0] + nxt[0], nxt[1], nxt[2]))
            i += 2
            continue
        out.append(t)
        i += 1
    return out


def _reads_as_cell(word: str) -> bool:
    """A word split_line takes as a cell: a number or dash parse_number reads, a placeholder, or a misprint."""
    if not _may_start_cell(word):
        return False
    return (parse_number(word) is not None or NOT_MEANINGFUL_RE.match(word) is not None
            or MISPRINT_RE.match(word) is not None)


@record
class SplitLine:
    """A line read as label text on the left and cells on the right."""

    label: str  # label text (may be "")
    label_start: int  # column where the label starts (indent)
    label_end: int  # column after the label's last character (0 when no label)
    cells: tuple[Token, ...]  # cell words left to right (currency glued on)


def split_line(line: str) -> SplitLine:
    """Read cells from the right until a word that is not a cell, or a cell glued to the label by one space."""
    return split_words(line, line.split())


def strip_leader(text: str) -> str:
    """Text without the dotted leader at its end."""
    return _LEADER_RE.sub("", text) if "..." in text else text


def plain_text(words: list[str]) -> bool:
    """A line holding no cell (the common case): its last word is no cell and no lone currency sign or per cent sign
    waits to be glued."""
    return bool(words) and not is_cell_text(words[-1]) and CURRENCY_WORDS.isdisjoint(words) and "%" not in words


def split_words(line: str, words: list[str]) -> SplitLine:
    """split_line for a line already split into its whitespace-separated words."""
    if plain_text(words):
        label = strip_leader(" ".join(words))  # plain text (the common case): no cell, nothing to glue
        if not label:
            return SplitLine("", 0, 0, ())
        return SplitLine(label, len(line) - len(line.lstrip()), len(line.rstrip()), ())
    return split_cells(line, words)


def split_cells(line: str, words: list[str]) -> SplitLine:
    """split_words without the shortcut for plain text (which it reads alike, as a label alone, only slower)."""
    toks = _merge_currency(_positions(line, words))
    if "%" in words:
        toks = _merge_percent(toks)
    if "(" in line or "/" in line or "*" in line:  # "$2,591 (a)", "18.8 c/", "10,500 **": a footnote mark after a
        # figure is neither a cell nor a label word
        toks = [t for k, t in enumerate(toks) if not (
            k > 0 and _SPACED_MARK.match(t[0]) and t[1] - toks[k - 1][2] <= MARK_GAP and _reads_as_cell(toks[k - 1][0]))]
    # a trailing lone currency sign or footnote mark is not a label word
    while toks and toks[-1][0] in CURRENCY_WORDS:
        toks.pop()
    cells: list[Token] = []
    i = len(toks) - 1
    while i >= 0 and _reads_as_cell(toks[i][0]):
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and toks[i][1] - prev[2] <= 1 and not (
                is_cell_text(prev[0]) and _marked(prev[0]) and _marked(toks[i][0])) \
                and not _wide_pair(prev[0], toks[i][0]):
            break  # "Notes due 2005", "Q2 03", "Tel: 20 7390": a number written into text, not a column
        cells.append(Token(*toks[i]))
        i -= 1
    cells.reverse()
    if len(cells) >= 2 and i >= 0 and toks[i][0].endswith(",") and _GROUPED_MILLIONS.match(cells[0].text):
        i += 1  # "issued 2,192,970,504 in 1999, 2,188,316,808   219  219": a caption's count after its comma
        cells.pop(0)
    label_toks = [t for t in toks[: i + 1] if t[0] not in CURRENCY_WORDS]
    if not label_toks:
        return SplitLine("", 0, 0, tuple(cells))
    label = strip_leader(" ".join([t[0] for t in label_toks]))
    if not label:
        return SplitLine("", 0, 0, tuple(cells))
    return SplitLine(label, label_toks[0][1], label_toks[-1][2], tuple(cells))


def is_year_cell(text: str) -> bool:
    """A bare year such as 2003 or 1997* (header, not a value)."""
    return text[:2] in ("19", "20") and YEAR_RE.match(text) is not None  # every year YEAR_RE reads starts so


@lru_cache(maxsize=256)
def half_unit(decimals: int) -> Decimal:
    """Half a unit of the last printed digit: decimals -3 -> 500 (how far a printed figure can be from its value)."""
    return Decimal(5).scaleb(-decimals - 1)


def amount_decimals(places: int, scale: int, percent: bool) -> int:
    """XBRL decimals for a printed number: '292,967' in thousands -> -3, '33.3%' -> 3."""
    return places + (2 if percent else 0) - scale


def scaled_value(p: ParsedNumber, scale: int) -> Decimal:
    """The full value: printed number times ten to the scale (percent: divided by 100)."""
    if p.dash:
        return Decimal(0)
    value = p.number.scaleb(scale)
    if value == 0:
        return Decimal(0)
    return value.normalize() if value == value.to_integral_value() else value
