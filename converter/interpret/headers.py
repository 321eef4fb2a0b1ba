"""Conversion from a Grid's header band into Columns: period, unit, scale and dims per value column.

A stacked header is read column by column, spanning phrases shared::

                                      Three months ended 30 June
                      2003         2003        2003           2004        2004
                     Before       Exceptional  After
                    GBP'000       GBP'000     GBP'000       GBP'000      $'000
"""

from __future__ import annotations

import re
from decimal import Decimal
from datetime import timedelta

from ..layout.grid import Grid
from ..layout.lines import BLANK, RULE, RULE_RUN, TAG, Phrase, classify_line, phrases
from ..model import Column, Diagnostic, Dims, Duration, FilingMeta, Instant, Period, Span, period_end, period_text
from .classify import classify_statement
from .context import NO_CONTEXT, FilingContext, printed_dates
from .numbers import parse_number
from .periods import COMPARISON_RE, NUMERIC_DATE, PeriodEvidence, date_or_none, duration_ending, _DMY, _LEN_RE, _MDY, _QUARTER, _QUARTER_WORDS, _YEAR, evidence_to_period, period_for_year, read_evidence, read_spans
from .share import shared, unit_of
from .units import count_unit, read_units, shares_scale
from .vocab import Vocab, load_vocab, normalise_phrase
from ..memo import text_cache
from ..record import record

_SPANNING_RE = re.compile(r"\b(months?|weeks?|years?|quarters?|ended|ending|half)\b", re.IGNORECASE)
_NOISE_RE = re.compile(
    r"\b(unaudited|audited|restated|as restated|note|notes|for the|ended|ending|at|as of|as at|and|period|periods"
    r"|fiscal|year|years|months?|weeks?|quarters?|three|six|nine|twelve|thirteen|twenty-six|fifty-two|except|per share"
    r"|amount|amounts|shares|number of shares)\b"
)
_SHARES_HEADER_RE = re.compile(r"(^|\bnumber of |\|\s*)shares\s*$", re.IGNORECASE)
_GROUP_WORDS_RE = re.compile(r"^[^\d]*[A-Za-z]{3}[^\d]*$")  # descriptive words, no figures or years
_MONTH_WORD_RE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_REFERENCE_RE = re.compile(r"^\s*(compared (to|with)|vs\.?|versus)\b", re.IGNORECASE)
SHARED_SHARE = 0.35  # a header phrase not aligned with one column heads each holding this share of its width
GROUP_CENTRE_SHARE = 0.3  # a group header's centre lies this close (share of the gap) to the middle of two columns
ALIGN_SLACK = 1  # characters between a header phrase's edge and a column's edge that still count as aligned
CAPTION_LINES = 3  # lines above the header band searched for a table-wide period
MEASURE_RULES = frozenset({"per_share", "shares", "pure", "percent"})  # row rules that name a column's measure
NOTE_COLUMN = re.compile(r"^\s*(?:notes?|pages?)(\s+(no\.?|number|ref\.?|reference))?\s*$", re.IGNORECASE)
"""A column of references, not amounts: note numbers, or page numbers ("Page No." on an index page)."""


def is_note_column(header: str) -> bool:
    """Whether a column's stacked header ends with "Note" ("for the year ended 31 March 1998 | Notes"), not merely
    holds it ("Notes | Receivable | from | Shareholders")."""
    return bool(NOTE_COLUMN.match(header.rsplit(" | ", 1)[-1]))


ASSUMED_FISCAL_YEAR_END = "1231"  # a bare year's year end when nothing in the filing names one (flagged as a warning)
ZONE_PAD = 2  # columns of slack on the left of the first value column when matching header words


def _zones(anchors: tuple[tuple[int, int], ...]) -> list[tuple[float, float]]:
    """Character ranges owned by each column: boundaries half-way between neighbours."""
    zones = []
    for j, (left, right) in enumerate(anchors):
        lo = (anchors[j - 1][1] + left) / 2 if j else left - ZONE_PAD - 4
        hi = (right + anchors[j + 1][0]) / 2 if j + 1 < len(anchors) else 10_000
        zones.append((lo, hi))
    return zones


def _split_dates(ps: list[Phrase]) -> list[Phrase]:
    """Split a phrase holding two dates ("June 28, January 3,") into one phrase per date."""
    out: list[Phrase] = []
    for p in ps:
        pieces = _date_pieces(p.text)
        if pieces is None:
            out.append(p)
            continue
        out.extend(Phrase(piece, p.start + a, p.start + a + len(piece)) for a, piece in pieces)
    return out


@text_cache(maxsize=16384)
def _date_pieces(text: str) -> tuple[tuple[int, str], ...] | None:
    """The pieces (offset, text) of a phrase naming two or more dates, or None to keep it whole."""
    low = text.lower()
    found = sorted({(m.start(), m.end()) for rx in (_MDY, _DMY) for m in rx.finditer(low)})
    starts = [a for a, _ in found]
    joined = any(re.search(r"[a-z]", low[found[i][1]:found[i + 1][0]]) for i in range(len(found) - 1))
    if len(starts) < 2 or joined:  # "July 3, 2004 and June 28, 2003" names a pair, keep it whole
        return None
    bounds = starts + [len(text)]
    pieces = [(a, text[a:b].rstrip()) for a, b in zip(bounds, bounds[1:])]
    if starts[0] > 0:
        pieces.insert(0, (0, text[: starts[0]].rstrip()))
    return tuple(pieces)


INLINE_RULE = 5  # dashes a rule drawn beside header text ("-----------   (in millions") needs to group columns
_TOTAL_WORD = re.compile(r"^total\b", re.IGNORECASE)  # "TOTAL" over "SHAREHOLDERS' / EQUITY": a column's header, no title
_RULE_ONLY = re.compile(r"^[-=_]+(?: [-=_]+)*$")  # rules, one space apart under neighbouring groups


def _rule_segments(text: str) -> list[tuple[int, int]]:
    """Runs of dashes or equals signs on a rule line, or long runs on a line that also holds header text: the
    spans that group column headers."""
    if classify_line(text).kind == RULE:
        return [(m.start(), m.end()) for m in RULE_RUN.finditer(text)]
    return [(m.start(), m.end()) for m in RULE_RUN.finditer(text) if m.end() - m.start() >= INLINE_RULE]


def _titles_a_statement(p: Phrase) -> bool:
    """Whether a phrase names a statement by its title words ("CONSOLIDATED STATEMENT OF CASH FLOWS")."""
    return classify_statement(p.text, [], []) != "other"


def _groups_columns(p: Phrase, underline: list[tuple[int, int]], centers: list[float]) -> bool:
    """Whether a rule under a phrase runs over two or more columns."""
    seg = next(((a, b) for a, b in underline if a <= (p.start + p.end) / 2 < b), None)
    return seg is not None and sum(1 for c in centers if seg[0] <= c < seg[1]) > 1


def _straddled(p: Phrase, centers: list[float]) -> tuple[int, int] | None:
    """The two neighbouring columns a phrase is centred between, if it is."""
    pc = (p.start + p.end) / 2
    for j in range(len(centers) - 1):
        a, b = centers[j], centers[j + 1]
        if a < pc < b and abs(pc - (a + b) / 2) <= GROUP_CENTRE_SHARE * (b - a):
            return (j, j + 1)
    return None


def _owners(p: Phrase, zones: list[tuple[float, float]], anchors: tuple[tuple[int, int], ...]) -> set[int]:
    """Columns a header phrase stands over: the one it is aligned with, else each holding a fair share of it."""
    start, end = p.start, p.end
    overlaps = []
    for lo, hi in zones:  # max(0.0, min(end, hi) - max(start, lo)), written out
        width = (end if end <= hi else hi) - (start if start >= lo else lo)
        overlaps.append(width if width > 0.0 else 0.0)
    if not overlaps:
        return set()
    top = max(overlaps)
    if top <= 0:
        return set()
    best = overlaps.index(top)  # the first column of the largest overlap
    for j, (left, right) in enumerate(anchors):
        if overlaps[j] > 0 and (abs(start - left) <= ALIGN_SLACK or abs(end - right) <= ALIGN_SLACK):
            return {j}  # flush with the column's figures: "Exceptional" over "7,240"
    # a phrase straddling columns ("At 30 June 2004", "Weeks Ended") heads each it covers fairly
    length = max(1, end - start)
    return {j for j, o in enumerate(overlaps) if o >= SHARED_SHARE * length} | {best}


@record
class _Traits:
    """What the words of one header phrase say, whatever its place on the line."""

    timely: bool  # a time, a reference ("compared to") or a currency: the line is a column header
    spanning: bool  # a time phrase that heads the column nearest it ("Three months ended", "June 30,")
    dated: bool  # a duration, a year or a date: not a caption
    plain: bool  # descriptive words only, no figures, months, time words or currency: maybe a group header
    table_wide: bool  # a duration ("Six Months Ended"), heading every column when printed left of the figures
    reference: bool  # names the column compared with ("compared to 2003", "vs. prior year")


@text_cache(maxsize=16384)
def _traits(text: str) -> _Traits:
    """Read one header phrase's words once per filing (phrases such as "2004" or "GBP'000" repeat in every column)."""
    low = text.lower()
    spans = _SPANNING_RE.search(text) is not None
    year = _YEAR.search(text) is not None
    reference = _REFERENCE_RE.match(text) is not None
    date = _MDY.search(low) is not None or _DMY.search(low) is not None or NUMERIC_DATE.search(low) is not None
    currency = bool(read_units(text, load_vocab()).currency)
    return _Traits(
        timely=spans or year or reference or currency,
        spanning=spans or reference or date,
        dated=spans or year or date,
        plain=(_GROUP_WORDS_RE.match(text) is not None and _MONTH_WORD_RE.search(text) is None
               and not (spans or reference) and not currency),
        table_wide=_LEN_RE.search(low) is not None,
        reference=reference,
    )


@text_cache(maxsize=16384)
def _read_head_line(text: str) -> tuple[tuple[Phrase, _Traits], ...]:
    """A header line's phrases (dates split apart) with their traits; header lines repeat from table to table."""
    return tuple((p, _traits(p.text)) for p in _split_dates(phrases(text)))


def _stacks(grid: Grid) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """Header phrases per column (top to bottom) and the text left of the value area (titles, captions); cached."""
    return _header_stacks(grid.anchors, grid.head)


@text_cache(maxsize=8)
def _header_stacks(anchors: tuple[tuple[int, int], ...],
                   head: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """_stacks keyed by what it reads (the column extents and the header band), not by the whole grid."""
    stacks, outside = _build_stacks(anchors, head)
    return tuple(tuple(s) for s in stacks), tuple(outside)


NAMED_YEAR_COLUMNS = 3  # columns, at least, among which a lone dated one with words besides is a name with a year
_SCALE_CAPTION = re.compile(r"^\(\s*in\s+(?:thousands|millions|billions)\s*\)$", re.IGNORECASE)  # "(IN THOUSANDS)"
_AMOUNT_ONLY = re.compile(r"^\s*(?:amount|par value|dollars|\$)\s*$", re.IGNORECASE)
_LEADING_TAG = re.compile(r"^\s*<[A-Z/]+>")


def _total_apart(p: Phrase, zones: list[tuple[float, float]]) -> tuple[Phrase, ...]:
    """A phrase ending in "Total" one space after the header of the column before ("Receivable Total"), the word
    standing over a column of its own, as two phrases; any other phrase as it is."""
    head, _, last = p.text.rpartition(" ")
    if not head or last.lower() != "total":
        return (p,)
    start = p.end - len(last)
    own = [z for z, (lo, hi) in enumerate(zones) if lo <= start and p.end <= hi]
    if not own or zones[own[0]][0] <= p.start:
        return (p,)
    return Phrase(head, p.start, p.start + len(head)), Phrase(last, start, p.end)


def _join_split_brackets(heads: list[str], value_left: float) -> list[str]:
    """A column's bracketed caption broken over two header lines ("(IN" over "THOUSANDS)") made one phrase on the
    lower line, where its column's header ends; lines are left as they are where the two halves do not overlap, the
    joined text would run into another phrase, or the caption stands left of the figures (a title's)."""
    out = list(heads)
    for li in range(len(out) - 1):
        for p in phrases(out[li]):
            if p.text.count("(") <= p.text.count(")") or p.start < value_left:
                continue
            for q in phrases(out[li + 1]):
                if q.text.count(")") > q.text.count("(") and q.start < p.end + ALIGN_SLACK and p.start < q.end + ALIGN_SLACK:
                    joined, at = f"{p.text} {q.text}", min(p.start, q.start)
                    below = out[li + 1].ljust(at + len(joined))
                    if below[at:at + len(joined)].strip() != q.text:
                        break  # the joined caption would cover another phrase
                    out[li] = out[li][:p.start] + " " * (p.end - p.start) + out[li][p.end:]
                    out[li + 1] = below[:at] + joined + below[at + len(joined):]
                    break
    return out


def _dehyphenated(stack: list[str]) -> list[str]:
    """A header word broken over two lines joined again: "Trans-" over "lation" is "Translation"."""
    out: list[str] = []
    for part in stack:
        if out and len(out[-1]) > 2 and out[-1][-1] == "-" and out[-1][-2].isalpha() and part[:1].islower() \
                and " " not in part:  # "Deductions-" over "bad debts" is a dash, no broken word
            out[-1] = out[-1][:-1] + part
        else:
            out.append(part)
    return out


def _build_stacks(anchors: tuple[tuple[int, int], ...], head: tuple[str, ...]) -> tuple[list[list[str]], list[str]]:
    """Header phrases per column (top to bottom) and the text left of the value area (titles, captions)."""
    k = len(anchors)
    stacks: list[list[str]] = [[] for _ in range(k)]
    outside: list[str] = []
    if not k:
        return stacks, outside
    zones = _zones(anchors)
    value_left = anchors[0][0] - ZONE_PAD
    centers = [(a + b) / 2 for a, b in anchors]
    seen_time = False
    heads = _join_split_brackets(list(head), value_left)
    for li, text in enumerate(heads):
        info = classify_line(text)
        if info.kind == TAG and (bare := _LEADING_TAG.sub(lambda m: " " * len(m[0]), text)).strip():
            text, info = bare, classify_line(bare)  # "<TABLE>            Accu-": header words beside a tag
        if info.kind in (BLANK, TAG, RULE):
            continue
        underline = _rule_segments(heads[li + 1]) if li + 1 < len(heads) else []
        read = [(q, _traits(q.text)) for p, t in _read_head_line(text) for q in _total_apart(p, zones)]
        ruled = any(_RULE_ONLY.match(p.text) for p, _ in read)  # a rule beside header text: a header line ...
        read = [(p, t) for p, t in read if not _RULE_ONLY.match(p.text)]
        if not read:
            continue
        # a bracketed caption starting left of the figures ("($ in millions except per share amounts)  1995") is the
        # table's, however near its end comes to the first column
        apart = [p.end <= value_left or p.start < value_left and p.end <= anchors[0][0] + ALIGN_SLACK
                 and _UNIT_CAPTION.fullmatch(p.text) is not None for p, _ in read]
        read_out = [pt for pt, out in zip(read, apart) if out]
        inside = [p for (p, _), out in zip(read, apart) if not out]
        traits = [t for (_, t), out in zip(read, apart) if not out]
        if (not ruled and len(inside) == 1 and not traits[0].timely and inside[0].start >= value_left
                and not _titles_a_statement(inside[0])
                and _groups_columns(inside[0], underline, centers)):
            # ... so is one phrase over the columns underlined by a rule over several ("Shares of Common Stock"
            # over "Issued  Treasury", "TOTAL ASSETS" over "2000  1999"), which may title the table as well
            ruled = True
            outside.append(" ".join(text.split()))
        outside.extend(p.text for p, _ in read_out)
        # a duration printed left of the figures still heads every column ("Six Months Ended")
        table_wide = [p.text for p, t in read_out if t.table_wide]
        timely = any(t.timely for t in traits)
        if table_wide:
            for j in range(k):
                stacks[j].extend(table_wide)
            seen_time = True
            if not inside:
                continue
        caption = (len(inside) == 1 and not traits[0].dated and not ruled
                   and (inside[0].start < value_left or len(_owners(inside[0], zones, anchors)) > 1))
        total = len(inside) == 1 and (_TOTAL_WORD.match(inside[0].text) or _SCALE_CAPTION.match(inside[0].text)
                                      and inside[0].start >= value_left) and len(_owners(inside[0], zones, anchors)) == 1
        # ... and so does a lone "(IN THOUSANDS)" standing over one column's figures: its unit
        if (not seen_time and not timely and len(inside) <= 1 and not ruled and not total) or caption:
            outside.append(" ".join(text.split()))  # a title or caption line, not a column header
            continue
        seen_time = seen_time or timely
        groups = _year_groups(inside, anchors)
        if groups is not None:  # "1999" over four quarter columns, "1999  1998" over eight
            for j in range(k):
                stacks[j].append(groups[j])
            continue
        got: list[list[str]] = [[] for _ in range(k)]
        if any(t.spanning for t in traits):
            mids = [(p.start + p.end) / 2 for p in inside]
            for j, c in enumerate(centers):
                near = _nearest(mids, c)
                if traits[near].spanning:  # the time phrase nearest this column, unless another phrase is nearer
                    got[j].append(inside[near].text)
        # every other phrase heads the columns it stands over, in the order printed
        for n, cols in _other_owners(inside, traits, zones, anchors, centers, underline).items():
            for j in cols:
                got[j].append(inside[n].text)
        for j in range(k):
            stacks[j].extend(got[j])
    stacks = [_dehyphenated(st) for st in stacks]
    for j in range(1, k):  # "Common Stock | Shares | (in thousands)" then "Amount": the amount of that stock
        prev = [p for p in stacks[j - 1] if not _UNIT_CAPTION.fullmatch(p)]
        if (stacks[j] and _AMOUNT_ONLY.match(stacks[j][-1]) and len(stacks[j]) == 1 and len(prev) >= 2
                and _SHARES_HEADER_RE.search(prev[-1])):
            stacks[j] = prev[:-1] + stacks[j]
    return stacks, outside


_UNIT_CAPTION = re.compile(r"\([^()]*\)")  # "(in millions of dollars)" over a column: the table's unit, no member
_YEAR_ONLY = re.compile(r"^(?:fiscal\s+)?(?:19|20)\d{2}$", re.IGNORECASE)


def _year_groups(inside: list[Phrase], anchors: tuple[tuple[int, int], ...]) -> list[str] | None:
    """A line of fewer years than columns, the columns an even multiple of them, each year centred over its group
    of neighbouring columns: each year heads its group, in order (the year over a block of quarter columns).
    None for any other line (a year over one column of a stacked date is that column's)."""
    n, k = len(inside), len(anchors)
    if not n or n >= k or k % n or not all(_YEAR_ONLY.match(p.text.strip()) for p in inside):
        return None
    size = k // n
    for g, p in enumerate(inside):
        left, right = anchors[g * size][0], anchors[(g + 1) * size - 1][1]
        if abs((p.start + p.end) / 2 - (left + right) / 2) > GROUP_CENTRE_SHARE * (right - left):
            return None
    return [inside[j // size].text for j in range(k)]


def _nearest(mids: list[float], c: float) -> int:
    """Index of the first of the middles nearest c."""
    best, dist = 0, abs(mids[0] - c)
    for n in range(1, len(mids)):
        d = abs(mids[n] - c)
        if d < dist:
            best, dist = n, d
    return best


def _other_owners(inside: list[Phrase], traits: list[_Traits], zones: list[tuple[float, float]],
                  anchors: tuple[tuple[int, int], ...], centers: list[float],
                  underline: list[tuple[int, int]]) -> dict[int, set[int]]:
    """The columns each phrase that is not a time phrase heads, by its index on the line."""
    owners = {n: _owners(p, zones, anchors) for n, (p, t) in enumerate(zip(inside, traits)) if not t.spanning}
    for n in owners if underline else ():  # a header underlined by a rule heads every column under the rule ("1993" over 3 columns)
        p = inside[n]
        seg = next(((a, b) for a, b in underline if a <= (p.start + p.end) / 2 < b), None)
        if seg is not None and sum(1 for q in inside if seg[0] <= (q.start + q.end) / 2 < seg[1]) == 1:
            # one phrase over the rule spans its columns; several over one rule ("1993  1992  1991" above a
            # single full-width rule) each head their own column
            under = {j for j, c in enumerate(centers) if seg[0] <= c < seg[1]}
            if len(under) > 1:
                owners[n] = under
    plain = [n for n, t in enumerate(traits) if t.plain]  # plain phrases are never time phrases
    groups = [_straddled(inside[n], centers) for n in plain]
    if plain and len(plain) == len(inside) and all(groups):
        # every phrase centred between two columns: group headers ("Domestic  Canada  Consolidated")
        for n, pair in zip(plain, groups):
            owners[n] = set(pair)  # type: ignore[arg-type]
    for n, pair in zip(plain, groups):
        # a phrase centred between two columns and reaching over the figures of both ("Common Stock" over "Shares
        # Amount") heads both, when neither has a phrase of its own on the line ("Before  Exceptional  After" heads
        # three columns one each)
        p = inside[n]
        if pair is not None and len(owners.get(n, ())) == 1 and not underline \
                and all(p.start < anchors[j][1] and p.end > anchors[j][0] for j in pair) \
                and not any(set(pair) & cols for m, cols in owners.items() if m != n):
            owners[n] = set(pair)
    return owners


def header_titles(grid: Grid) -> tuple[str, ...]:
    """Header text outside the value columns, top to bottom: titles and captions."""
    return _stacks(grid)[1]


def _descriptor(stack: list[str], vocab: Vocab) -> str:
    """The words of a column header that are not time or unit: 'Before Exceptional Items', 'North Region'."""
    return _descriptor_of(" ".join(stack), vocab)


def _unitless(word: str, vocab: Vocab) -> bool:
    """A word naming no currency and no scale (read_units(word) == read_units(""))."""
    ev = read_units(word, vocab)
    return ev.currency is None and ev.scale is None


@text_cache(maxsize=16384)
def _descriptor_of(text: str, vocab: Vocab) -> str:
    """_descriptor of a column's joined header text (columns repeat their headers across tables)."""
    if COMPARISON_RE.search(text.lower()):
        kept = " ".join(w for w in text.split() if _unitless(w, vocab))
        return normalise_phrase(kept)
    t = _UNIT_CAPTION.sub(lambda m: " " if not _unitless(m[0], vocab) else m[0], text.lower())
    for rx in (_DMY, _MDY, _LEN_RE):
        t = rx.sub(" ", t)
    if "q" in t:  # every _QUARTER form holds a "q"; "First Quarter" names a period, not a member
        t = _QUARTER_WORDS.sub(" ", _QUARTER.sub(" ", t))
    t = _YEAR.sub(" ", t)
    t = " ".join(w for w in t.split() if _unitless(w, vocab) and not w.strip("(),").isdigit())
    t = _NOISE_RE.sub(" ", normalise_phrase(t))
    return " ".join(w for w in t.split() if w not in {"%", "$", "(", ")"})


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:60] or "column"


def _cell_currency(grid: Grid, j: int, vocab: Vocab) -> str | None:
    """A currency printed inside the column's own cells ($1,601)."""
    for row in grid.rows:
        cell = row.cells[j] if j < len(row.cells) else None
        if cell is not None:
            p = parse_number(cell.text)
            if p is not None and p.currency and not p.percent:
                return read_units(p.currency, vocab).currency
    return None


def _all_cents(grid: Grid) -> bool:
    """Whether a table's figures (dashes and percentages aside) are all printed to the cent ("$45.00", "30.31"):
    whole currency amounts such as stock prices, never thousands or millions."""
    places = [p.places for r in grid.rows for cell in r.cells if cell is not None
              for p in (parse_number(cell.text),) if p is not None and not p.dash and not p.percent]
    return bool(places) and all(n == 2 for n in places)


IMPLAUSIBLE_AMOUNT = Decimal(10) ** 14
"""No filer's amount reaches a hundred trillion (yen included), ..."""
IMPLAUSIBLE_SHARES = Decimal(10) ** 12
"""... nor its share count a trillion: a table's scale (printed or carried) that would make one is not the column's
("$1,959,128,000" below tables in millions; share counts "532,673,413" in a note "in millions")."""
_SHARES_OF_RE = re.compile(r"^\s*(number of\s+)?shares\s+of\s+([a-z]+\s+)*stock\s*$", re.IGNORECASE)
_MONEY_WORD_RE = re.compile(r"\b(amounts?|dollars?|values?)\b|\$", re.IGNORECASE)


def _shares_column(stack: list[str]) -> bool:
    """Whether a column's stacked header makes it a count of shares: "SHARES" under a stock class, or "Shares of
    Common Stock" over it (its own words naming no money: "Issued", "Treasury")."""
    if not stack:
        return False
    stack = [part for part in stack if not _UNIT_CAPTION.fullmatch(part.strip())] or stack  # "Shares | (in Thousands)"
    if _SHARES_HEADER_RE.search(" ".join(stack[-2:])) or _SHARES_HEADER_RE.search(stack[-1].strip()):
        return True
    return any(_SHARES_OF_RE.match(part) for part in stack) and not _MONEY_WORD_RE.search(stack[-1])


def _reaches(grid: Grid, j: int, scale: int, limit: Decimal) -> bool:
    """Whether some figure of column j, read at a scale, reaches a limit."""
    return any(abs(p.number).scaleb(scale) >= limit for r in grid.rows
               for cell in r.cells[j:j + 1] if cell is not None for p in (parse_number(cell.text),) if p is not None)


_PERCENT_HEADER = re.compile(r"^(?:%|percent|per ?cent|pct\.?|% of (?:net )?(?:sales|revenues?|total))$", re.IGNORECASE)


def percent_header(header: str) -> bool:
    """Whether a column's own header ("1998 | %": its last part) says its figures are percentages."""
    return bool(_PERCENT_HEADER.match(header.rsplit(" | ", 1)[-1].strip()))


def _percent_flags(grid: Grid) -> list[bool]:
    """For each column, whether it holds figures and every one is printed with '%' (dashes aside)."""
    k = len(grid.anchors)
    seen = [False] * k
    percent = [True] * k
    for r in grid.rows:
        for j, cell in enumerate(r.cells[:k]):
            if cell is not None and percent[j]:
                v = parse_number(cell.text)
                if v is not None and not v.dash:
                    seen[j] = True
                    percent[j] = v.percent
    return [s and p for s, p in zip(seen, percent)]


def headers_to_columns(grid: Grid, meta: FilingMeta, vocab: Vocab | None = None,
                       carried_scale: tuple[int, str] | None = None,
                       context: FilingContext = NO_CONTEXT,
                       carried_currency: str | None = None) -> tuple[tuple[Column, ...], list[Diagnostic]]:
    """Interpret each value column's stacked header; carried_scale is (scale, where it was stated) for tables printing
    none; context gives the filing's fiscal year end and printed year ends; carried_currency is the currency most
    tables of the document print, for a table stating a scale and no currency."""
    vocab = vocab or load_vocab()
    fye = meta.fiscal_year_end if len(meta.fiscal_year_end) == 4 else context.fye_mmdd
    k = len(grid.anchors)
    stacks_t, outside_t = _stacks(grid)
    stacks = [list(s) for s in stacks_t]
    table_units = read_units(" ".join(list(grid.context[-4:]) + list(grid.head)), vocab)
    balance_like: bool | None = None  # read only for a column showing a bare year, the one use of it
    title_text = " ".join(list(grid.context[-CAPTION_LINES:]) + [t for t in grid.head if not t.lstrip().startswith("<")])
    title_spans = read_spans(title_text)  # the title's other clues are read only for a column showing a bare year
    diags: list[Diagnostic] = []
    periods = []
    for j in range(k):
        own = [p for p in stacks[j] if not _traits(p).reference]
        ev = read_evidence(" ".join(own))
        if ev.comparison is False and len(own) < len(stacks[j]):
            ev = PeriodEvidence(**{**{f: getattr(ev, f) for f in PeriodEvidence.__slots__}, "comparison": True})
        span = next((sp for sp in title_spans if ev.year and sp.end.year == ev.year), None)
        p = span or evidence_to_period(ev, fye)
        if p is None and ev.year and not ev.comparison and not (ev.month_day or ev.quarter):
            if balance_like is None:
                balance_like = _balance_like(outside_t, grid)
            p = _from_title(ev.year, read_evidence(title_text), balance_like)
            if p is None:
                year_end = fye or ASSUMED_FISCAL_YEAR_END
                p = period_for_year(ev.year, year_end, instant=balance_like and not (ev.months or ev.weeks))
                if p is not None:
                    source = ("header" if fye == meta.fiscal_year_end else context.fye_source) if fye else ""
                    diags.append(Diagnostic(
                        "header.fiscal-year-assumed",
                        f"column {j + 1} shows only the year {ev.year}; read as the fiscal year ending "
                        f"{year_end[:2]}/{year_end[2:]} " + (f"from the filing's {source}" if source else
                        "(assumed: neither the SEC header, the cover page nor an EX-27 schedule gives the fiscal year end)"),
                        Span(grid.head_first, grid.anchors[j][0], grid.anchors[j][1]), "info" if fye else "warning"))
        if p is not None and context.fiscal_year_end is not None:
            settled = context.settle(p, printed_dates(" ".join(stacks[j])))
            if settled != p:
                diags.append(Diagnostic(
                    "header.fiscal-year-end", f"column {j + 1} ({period_text(p)}) is fitted to the fiscal years the filing "
                    f"prints: {period_text(settled)}",
                    Span(grid.head_first, grid.anchors[j][0], grid.anchors[j][1]), "info"))
                p = settled
        periods.append((p, ev))
    # a table whose header names no period at all may take it from the caption just above it
    if periods and all(p is None for p, _ in periods):
        caption = read_evidence(" ".join(ln for ln in grid.context[-CAPTION_LINES:] if ln.strip()))
        cap = evidence_to_period(caption, meta.fiscal_year_end) if (caption.months or caption.weeks) and caption.end else None
        if cap is not None:
            diags.append(Diagnostic("header.period-from-caption",
                                    f"the column headers name no period; the caption above the table gives {cap}",
                                    Span(grid.head_first, 0, 0), "info"))
            periods = [(cap, ev) if not ev.comparison else (p, ev) for p, ev in periods]
    # a roll-forward: flows printed between two balance columns cover the time between them
    for j, (p, ev) in enumerate(periods):
        if p is not None or ev.comparison:
            continue
        left = next((periods[i][0] for i in range(j - 1, -1, -1) if isinstance(periods[i][0], Instant)), None)
        right = next((periods[i][0] for i in range(j + 1, k) if isinstance(periods[i][0], Instant)), None)
        if isinstance(left, Instant) and isinstance(right, Instant) and left.date < right.date:
            periods[j] = (Duration(left.date + timedelta(days=1), right.date), ev)
            diags.append(Diagnostic("header.period-between-balances",
                                    f"column {j + 1} sits between balances at {left.date} and {right.date}: read as the period between them",
                                    Span(grid.head_first, grid.anchors[j][0], grid.anchors[j][1]), "info"))
    # change/growth columns compare the dated columns on their left (back to the previous change column): they
    # take the latest of those periods, the one reported against the earlier ("2004  2003  Change": 2004)
    percent = [f or percent_header(" | ".join(stacks[j])) for j, f in enumerate(_percent_flags(grid))]
    resolved = []
    compared: dict[int, Period] = {}  # change column -> the earlier period it compares its own to
    compared_from = 0
    for j, (p, ev) in enumerate(periods):
        if p is None and (ev.comparison or percent[j]):
            left = [periods[i][0] for i in range(compared_from, j) if periods[i][0] is not None]
            if not left:
                left = [next((periods[i][0] for i in range(j - 1, -1, -1) if periods[i][0] is not None), None)]
            p = max(left, key=period_end) if left[0] is not None else None
            earlier = [q for q in left if q is not None and q != p]
            if ev.comparison and earlier:
                compared[j] = max(earlier, key=period_end)
            compared_from = j + 1
        resolved.append(None if is_note_column(" | ".join(stacks[j])) else p)  # references, not the period's figures
    dated = [j for j, p in enumerate(resolved) if p is not None]
    if len(dated) == 1 and k >= NAMED_YEAR_COLUMNS and len(_descriptor(stacks[dated[0]], vocab).split()) >= 2:
        j = dated[0]  # "1988 | Employee Stock | Ownership Plan" among undated equity columns: a name, not a period
        resolved[j] = None
        diags.append(Diagnostic("header.year-in-name", f"column {j + 1}'s year is part of its name "
                                f"({' '.join(stacks[j])}): the other {k - 1} columns name no period",
                                Span(grid.head_first, grid.anchors[j][0], grid.anchors[j][1]), "info"))
    units = []
    col_units = [read_units(" ".join(stacks[j]), vocab) for j in range(k)]
    stated = table_units.scale is not None or any(u.scale is not None for u in col_units)
    default_scale = table_units.scale if table_units.scale is not None else 0
    if not stated and carried_scale and carried_scale[0] and _all_cents(grid):
        diags.append(Diagnostic("header.scale-not-carried",
                                f"no scale is printed for this table and every figure is printed to the cent: read as "
                                f"printed, not at {carried_scale[1]} (10^{carried_scale[0]})",
                                Span(grid.head_first, 0, 0), "info"))
    elif not stated and carried_scale and carried_scale[0]:
        default_scale = carried_scale[0]
        diags.append(Diagnostic("header.scale-carried",
                                f"no scale is printed for this table; {carried_scale[1]} (10^{carried_scale[0]}) is used",
                                Span(grid.head_first, 0, 0), "warning" if "most tables" in carried_scale[1] else "info"))
    elif not stated:
        diags.append(Diagnostic("header.scale-unstated", "no scale is printed for this table: its figures are read "
                                "as printed (in units)", Span(grid.head_first, 0, 0), "info"))
    shares = [_shares_column(stacks[j]) for j in range(k)]  # "SHARES" under a stock class: a count, not money
    share_scale = shares_scale(" ".join(list(grid.context[-4:]) + list(grid.head))) if any(shares) else None
    for j in range(k):
        u = col_units[j]
        currency = "shares" if shares[j] else u.currency or table_units.currency or _cell_currency(grid, j, vocab)
        scale = u.scale if u.scale is not None else default_scale
        if shares[j] and u.scale is None and share_scale is not None:
            scale = share_scale  # "(in thousands, except share data)": the counts are printed whole
        limit = IMPLAUSIBLE_SHARES if shares[j] else IMPLAUSIBLE_AMOUNT
        if u.scale is None and scale and _reaches(grid, j, scale, limit):
            diags.append(Diagnostic("header.scale-implausible",
                                    f"column {j + 1}'s figures would reach {limit:,} at the table's scale (10^{scale}): "
                                    "read as printed (whole amounts or a count beside figures in thousands or millions)",
                                    Span(grid.head_first, grid.anchors[j][0], grid.anchors[j][1]), "info"))
            scale = 0
        units.append((currency, scale))
    currencies = {c for c, _ in units if c and c != "shares"}
    if (not currencies and carried_currency and stated
            and not any(count_unit(t, vocab) for t in (*outside_t, *(" ".join(st) for st in stacks)))):
        # "(in thousands)" and no currency sign anywhere: the currency the document's other tables print
        currencies = {carried_currency}
        diags.append(Diagnostic("header.currency-carried", f"no currency is printed for this table; "
                                f"{carried_currency}, the currency of the other tables of its document, is used",
                                Span(grid.head_first, 0, 0), "info"))
    if len(currencies) == 1:  # a column printing only dashes is in the table's one currency
        only = next(iter(currencies))
        units = [(c or only, sc) for c, sc in units]
    descriptors = [_descriptor(stacks[j], vocab) for j in range(k)]
    if k > 1:
        common = set(descriptors[0].split())
        for d in descriptors[1:]:
            common &= set(d.split())
        descriptors = [" ".join(w for w in d.split() if w not in common) for d in descriptors]
    # what a column says of itself, without the column it is compared to ("Compared to Q1 2004 | Actual")
    own_totals = [(hit := vocab.member_for(_descriptor([p for p in stacks[j] if not _traits(p).reference], vocab)))
                  is not None and not hit[1] for j in range(k)]
    dims = _dims(resolved, units, descriptors, percent, vocab, grid, diags, [" ".join(st) for st in stacks], own_totals)
    for j, earlier in compared.items():  # two tables' changes of one period against different periods differ
        member = "vs_" + period_end(earlier).isoformat().replace("-", "_")  # "Vs 2003 12 31" in words
        dims[j] = tuple(sorted((dict(dims[j]) | {COMPARISON_AXIS: member}).items()))
    columns = []
    for j in range(k):
        currency, scale = units[j]
        header = " | ".join(stacks[j])
        note = is_note_column(header)  # note references ("1(a)", "2"): no unit, no period
        unit = unit_of((currency,)) if currency and not note else None
        if resolved[j] is None and not note:
            diags.append(Diagnostic(
                "header.no-period", f"no period could be read from the header of column {j + 1} ({header or 'empty'})",
                Span(grid.head_first, grid.anchors[j][0], grid.anchors[j][1]), "warning"))
        columns.append(Column(j, shared(resolved[j]), unit, scale, shared(dims[j]), header, grid.anchors[j]))
    return tuple(columns), diags


def _balance_like(titles: tuple[str, ...], grid: Grid) -> bool:
    """Whether the titles and row labels read as a balance sheet (its bare-year columns are instants)."""
    return classify_statement(" ".join(titles), [r.label for r in grid.rows if r.label], []) == "balance"


COMPARISON_AXIS = "comparison"
"""The axis of a change column: the end of the earlier period its own period is compared to ("vs_1996_03_31")."""

PERIOD_END_SLACK_DAYS = 7  # a period ends at most this many days from a month end (52/53-week years and quarters)


def period_end_day(month: int, day: int) -> bool:
    """Whether a day of a month can end a reporting period: within PERIOD_END_SLACK_DAYS of a month's end."""
    last = 29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    return day >= last - PERIOD_END_SLACK_DAYS or day <= PERIOD_END_SLACK_DAYS


def _from_title(year: int, title: PeriodEvidence, balance_like: bool) -> Period | None:
    """A year-only column dated by the title: 'DECEMBER 31, 1997 AND 1996', 'period from June 3, 1996 to ...'."""
    for span in title.spans:
        if span.end.year == year:
            return span
    month_day = title.month_day or ((title.end.month, title.end.day) if title.end else None)
    if month_day is None or not period_end_day(*month_day):
        return None  # "February 14, 2001" above a balance sheet dates an auditor's report, not the balance sheet
    end = date_or_none(year, *month_day)
    if end is None:
        return None
    if title.months or title.weeks:
        return duration_ending(end, title.months, title.weeks)
    return Instant(end) if balance_like or title.instant else None


RELATIVE_MEMBERS = frozenset({"other", "all other", "others"})
"""Column words that name a member only beside siblings on the same axis ("Switched  Non-switched  Other")."""


def _dims(periods: list, units: list[tuple[str | None, int]], descriptors: list[str], percent: list[bool], vocab: Vocab,
          grid: Grid, diags: list[Diagnostic], grid_headers: list[str], own_totals: list[bool]) -> list[Dims]:
    """Columns that share period and unit are told apart by their descriptors, as dimension members."""
    k = len(periods)
    out: list[Dims] = [() for _ in range(k)]
    groups: dict[tuple, list[int]] = {}
    # a column whose header names a measure ("Earnings Per Share" beside "Pretax") differs by unit, not by member
    measures = [tuple(r for r in vocab.rules_matching(grid_headers[j]) if r in MEASURE_RULES) for j in range(k)]
    for j in range(k):
        groups.setdefault((periods[j], units[j][0], percent[j], measures[j]), []).append(j)
    for key, members in groups.items():
        if len(members) < 2:
            continue
        if key[0] is None and all(_time_named(grid_headers[j]) for j in members):
            continue  # "First Quarter" ... "Year" under "1993:" rows: the rows' years give their periods
        seen: dict[Dims, int] = {}
        hits = {j: vocab.member_for(descriptors[j]) if descriptors[j] and not own_totals[j] else None for j in members}
        for j in members:
            d = descriptors[j]
            dims: Dims = ()
            if d and not own_totals[j]:
                hit = hits[j]
                if hit is not None and d in RELATIVE_MEMBERS and not any(
                        h is not None and h[0] == hit[0] for i, h in hits.items() if i != j):
                    hit = None  # "Other" beside "Common Stock" and "Retained Earnings" is no other service
                if hit is None:
                    if d.split()[0] != "total":  # "Total stockholders' equity": the total column
                        dims = (("breakdown", _slug(d)),)
                elif hit[1]:
                    dims = ((hit[0], hit[1]),)
            if dims in seen:
                diags.append(Diagnostic(
                    "header.ambiguous-columns",
                    f"columns {seen[dims] + 1} and {j + 1} have the same period, unit and header words; told apart by position",
                    Span(grid.head_first, grid.anchors[j][0], grid.anchors[j][1]), "warning"))
                dims = (("breakdown", f"column_{j + 1}"),)
            seen[dims] = j
            out[j] = dims
    return out


_WHOLE_YEAR_RE = re.compile(r"^\s*(total|year|full year|fiscal year|annual|twelve months)\s*$", re.IGNORECASE)


def _time_named(header: str) -> bool:
    """A header naming a span of time without its year: a quarter's name, "Year", "Total"."""
    low = header.lower()
    return _QUARTER_WORDS.search(low) is not None or _WHOLE_YEAR_RE.match(low) is not None


_BEGINNING_RE = re.compile(r"\bbeginning\b|\bopening\b", re.IGNORECASE)
_HELD_RE = re.compile(r"\b(?:value|cost|balance|carrying|outstanding)\b", re.IGNORECASE)
_DURING_RE = re.compile(r"\b(?:during|for the|average|additions|collected|charged)\b", re.IGNORECASE)


def _timeless(ev: PeriodEvidence) -> bool:
    """A header that names no length, date, day, year or quarter, and no change between periods."""
    return not (ev.months or ev.weeks or ev.end or ev.month_day or ev.year or ev.quarter or ev.comparison or ev.spans)


def within(span: Duration, header: str, at: bool = False) -> Period:
    """The period a column naming no time of its own holds in a span named elsewhere (a year heading, a row "For
    the year ended December 31, 1993"): the day before it starts for "Balance at beginning", its end for a header
    saying "at" or naming a held amount ("Balance at end of period", "Market Value"), else the span itself."""
    if _BEGINNING_RE.search(header):
        return Instant(span.start - timedelta(days=1))
    if at or (_HELD_RE.search(header) and not _DURING_RE.search(header)):
        return Instant(span.end)
    return span


def year_period(header: str, year: int, context: FilingContext = NO_CONTEXT) -> Period | None:
    """A column's period in a year named outside its header (a "1993:" heading over rows): "First Quarter" is
    that year's first quarter, "Year" or "Total" the fiscal year itself."""
    fye = context.fye_mmdd or ASSUMED_FISCAL_YEAR_END
    text = header.replace(" | ", " ")
    ev = read_evidence(f"{text} {year}")
    period = evidence_to_period(ev, fye)
    if period is None and (_WHOLE_YEAR_RE.match(text) or (text.strip() and _timeless(read_evidence(text)))):
        # "Year", "Total", or a header naming no time at all ("Before-tax amount"): the heading's fiscal year; its
        # end for a header saying "at" ("Balance at End of Period"), the day before it starts for "beginning"
        period = context.fiscal_year(year) or period_for_year(year, fye, instant=False)
        if isinstance(period, Duration):
            period = within(period, text, ev.instant)
    whole = context.fiscal_year(year) if ev.quarter else None
    if isinstance(period, Duration) and whole is not None and ev.quarter is not None:
        weeks = context.week_quarter(period)  # a 52/53-week year's quarters: thirteen weeks each
        if weeks is not None:
            return weeks
        # a year of another length: its first quarter starts, and its fourth ends, with the year the filing prints
        if ev.quarter[0] == 1:
            period = Duration(whole.start, period.end)
        elif ev.quarter[0] == 4:
            period = Duration(period.start, whole.end)
    return period
