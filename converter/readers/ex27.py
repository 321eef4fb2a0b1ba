"""Conversion from EX-27 financial data schedules (1994-2001 filings) into Facts of their own.

A schedule is a list of SGML-like tags, one per line, with one value per column::

    <MULTIPLIER>    1,000,000
    <PERIOD-TYPE>           6-MOS

Tags map to concepts through ``taxonomy/ex27.csv`` (article, tag -> concept, period type, data type).
Amounts are multiplied by <MULTIPLIER> except per-share tags; flows cover PERIOD-TYPE months ending
at PERIOD-END, balances are instants at PERIOD-END.
"""

from __future__ import annotations

import csv
import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from ..errors import TaxonomyError
from ..model import Amount, Concept, Diagnostic, Document, Duration, Fact, Filing, Instant, Period, QName, Span, Unit
from ..record import record

TAXONOMY_DIR = Path(__file__).resolve().parents[2] / "taxonomy"
EX27_PATH = TAXONOMY_DIR / "ex27.csv"
BASE_PREFIX = "e2x"  # prefix of taxonomy concepts when taxonomy/ does not say
BASE_NAMESPACE = "http://edgar2xbrl.example/taxonomy"  # namespace of taxonomy concepts when taxonomy/ does not say
EXT_PREFIX = "ext"  # prefix of EX-27 tags the taxonomy has no concept for
EXT_NAMESPACE = "http://edgar2xbrl.example/extension"  # their namespace (the XBRL writer declares them)

HEADER_TAGS = frozenset({
    "ARTICLE", "LEGEND", "MULTIPLIER", "CURRENCY", "EXCHANGE-RATE", "PERIOD-TYPE", "FISCAL-YEAR-END",
    "PERIOD-START", "PERIOD-END", "RESTATED", "NAME", "CIK", "NUMBER", "SUBSIDIARY", "SERIES",
})
MARKUP_TAGS = frozenset({"TABLE", "/TABLE", "S", "C", "CAPTION", "/CAPTION", "FN", "/FN", "TEXT", "/TEXT", "PAGE",
                         "TYPE", "SEQUENCE", "DESCRIPTION", "FILENAME", "FLAWED", "/FLAWED", "DOCUMENT", "/DOCUMENT"})
PERIOD_MONTHS = {"3-MOS": 3, "6-MOS": 6, "9-MOS": 9, "12-MOS": 12, "YEAR": 12}
MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1)}

_TAG = re.compile(r"^\s*<([A-Z0-9&/-]+)>(.*)$")
_FOOTNOTE = re.compile(r"<F\d+>", re.IGNORECASE)
_NUMBER = re.compile(r"^(\()?(-)?\$?([0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(\))?(-)?$")
_TOKEN = re.compile(r"\S+")


@record
class TagRule:
    """One row of taxonomy/ex27.csv: how an article's tag becomes a fact."""

    article: str  # "5", "7", "9"
    tag: str  # "TOTAL-ASSETS"
    concept: str  # taxonomy concept local name, or "" for an extension concept named after the tag
    period_type: str  # "instant" or "duration"
    data_type: str  # "monetary", "perShare" or "percent"
    balance: str | None  # "debit", "credit" or None


@record
class TagLine:
    """One tag line of a schedule with its value tokens."""

    tag: str  # tag name without brackets
    line: int  # 1-based source line
    text: str  # the value text after the tag, footnote markers removed
    tokens: tuple[tuple[str, int, int], ...]  # (token, start, end) per value, columns after tab expansion


@lru_cache(maxsize=2)
def load_rules(path: Path = EX27_PATH) -> tuple[dict[tuple[str, str], TagRule], dict[str, str]]:
    """Read taxonomy/ex27.csv: (article, tag) -> rule, and currency name -> ISO code."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise TaxonomyError(f"cannot read {path}: {exc.strerror or exc}") from None
    rules: dict[tuple[str, str], TagRule] = {}
    currencies: dict[str, str] = {}
    for n, row in enumerate(rows, start=2):
        article, tag = row.get("article", ""), row.get("tag", "")
        if article == "currency":
            currencies[tag.upper()] = row["concept"]
            continue
        if not tag or row.get("period_type") not in ("instant", "duration"):
            raise TaxonomyError(f"{path.name}:{n}: expected article,tag,concept,period_type,data_type,balance")
        rules[(article, tag)] = TagRule(article, tag, row["concept"], row["period_type"], row["data_type"],
                                        row.get("balance") or None)
    return rules, currencies


@record
class Namespaces:
    """Prefixes and namespaces of taxonomy and extension concepts (taxonomy/taxonomy.toml)."""

    prefix: str  # taxonomy concepts, e.g. "e2x"
    namespace: str  # their namespace URI
    ext_prefix: str  # extension concepts, e.g. "ext"
    ext_namespace: str  # their namespace URI (the XBRL writer may make it per filing)


@lru_cache(maxsize=2)
def load_namespaces(directory: Path = TAXONOMY_DIR) -> Namespaces:
    """Read prefix, namespace, extension_prefix and extension_namespace_base from taxonomy.toml."""
    path = directory / "taxonomy.toml"
    data: dict = {}
    if path.exists():
        import tomllib

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise TaxonomyError(f"cannot read {path}: {exc}") from None
    return Namespaces(str(data.get("prefix", BASE_PREFIX)), str(data.get("namespace", BASE_NAMESPACE)),
                      str(data.get("extension_prefix", EXT_PREFIX)),
                      str(data.get("extension_namespace_base", EXT_NAMESPACE)))


@lru_cache(maxsize=2)
def load_concepts(directory: Path = TAXONOMY_DIR) -> dict[str, Concept]:
    """Taxonomy concepts by local name from taxonomy/concepts.csv (empty when the file is absent)."""
    path = directory / "concepts.csv"
    if not path.exists():
        return {}
    ns = load_namespaces(directory)
    labels = _standard_labels(directory / "labels.csv")
    out: dict[str, Concept] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = row.get("name", "")
            if name and not row.get("abstract"):
                out[name] = Concept(QName(ns.prefix, ns.namespace, name), row.get("data_type") or "monetary",
                                    row.get("period_type") or "duration", row.get("balance") or None,
                                    labels.get(name, name))
    return out


def _standard_labels(path: Path) -> dict[str, str]:
    """concept -> standard label text from labels.csv (role "label")."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["concept"]: r["text"] for r in csv.DictReader(fh) if r.get("role") == "label"}


def parse_ex27(filing: Filing, concepts: Mapping[str, Concept] | None = None
               ) -> tuple[tuple[Fact, ...], list[Diagnostic]]:
    """Facts of every EX-27 document in the filing (none when it has no schedule)."""
    docs = [d for d in filing.documents if d.doc_type.upper().startswith("EX-27")]
    known = load_concepts() if concepts is None else concepts
    facts: list[Fact] = []
    diags: list[Diagnostic] = []
    for n, doc in enumerate(docs, start=1):
        table_id = "ex27" if len(docs) == 1 else f"ex27_{n}"
        f, d = schedule_to_facts(filing, doc, table_id, known)
        facts.extend(f)
        diags.extend(d)
    return tuple(facts), diags


def read_tag_lines(filing: Filing, doc: Document) -> tuple[TagLine, ...]:
    """The tag lines of one document, markup tags (<TABLE>, <S>, <C>, ...) left out."""
    out: list[TagLine] = []
    for line_no in range(doc.first_line, doc.last_line + 1):
        raw = filing.lines[line_no - 1]
        m = _TAG.match(raw)
        if not m or m[1] in MARKUP_TAGS:
            continue
        rest_start = m.start(2)
        rest = _FOOTNOTE.sub(lambda fm: " " * len(fm[0]), m[2])
        toks = tuple((t[0], rest_start + t.start(), rest_start + t.end()) for t in _TOKEN.finditer(rest))
        out.append(TagLine(m[1], line_no, " ".join(t[0] for t in toks), toks))
    return tuple(out)


def schedule_to_facts(filing: Filing, doc: Document, table_id: str, concepts: Mapping[str, Concept]
                      ) -> tuple[list[Fact], list[Diagnostic]]:
    """Facts of one schedule document."""
    rules, currencies = load_rules()
    tags = read_tag_lines(filing, doc)
    diags: list[Diagnostic] = []
    first = Span(doc.first_line, 0, 0)
    if any("<FLAWED>" in filing.lines[i - 1].upper() for i in range(doc.first_line, doc.last_line + 1)):
        diags.append(Diagnostic("ex27.flawed", f"{table_id}: EDGAR marked this schedule as flawed", first, "warning"))
    header: dict[str, TagLine] = {}
    for t in tags:
        if t.tag in HEADER_TAGS:
            header.setdefault(t.tag, t)
    if "SUBSIDIARY" in header or "NAME" in header:
        count = sum(1 for t in tags if t.tag not in HEADER_TAGS)
        diags.append(Diagnostic("ex27.subsidiary", f"{table_id}: schedule of a subsidiary or series; its {count} "
                                "values are not converted", first, "warning"))
        return [], diags
    article = header["ARTICLE"].text.split()[0] if "ARTICLE" in header and header["ARTICLE"].text else "5"
    multiplier, mult_diag = _multiplier(header.get("MULTIPLIER"), table_id)
    diags.extend(mult_diag)
    unit_code = "USD"
    if "CURRENCY" in header:
        unit_code = currencies.get(" ".join(header["CURRENCY"].text.upper().split()), "")
        if not unit_code:
            cur = header["CURRENCY"]
            diags.append(Diagnostic("ex27.currency", f"{table_id}: unknown currency {cur.text!r}; monetary values "
                                    "are not converted", Span(cur.line, 0, len(filing.lines[cur.line - 1])), "error"))
    anchors = _column_anchors(header)
    periods = [_column_periods(header, i, table_id, diags) for i in range(len(anchors))]
    facts: list[Fact] = []
    for t in tags:
        if t.tag in HEADER_TAGS:
            continue
        span_all = Span(t.line, 0, len(filing.lines[t.line - 1]))
        if not t.tokens:
            diags.append(Diagnostic("ex27.no-value", f"{table_id}: <{t.tag}> has no value", span_all, "warning"))
            continue
        rule = rules.get((article, t.tag))
        if rule is None:
            diags.append(Diagnostic("ex27.unknown-tag", f"{table_id}: <{t.tag}> {t.text} is not a known tag of "
                                    f"article {article}; not converted", span_all, "warning"))
            continue
        concept = _concept(rule, concepts)
        for tok, start, end in t.tokens:
            col = _nearest(anchors, end)
            period = periods[col][0 if rule.period_type == "instant" else 1]
            if period is None:
                diags.append(Diagnostic("ex27.no-period", f"{table_id}: <{t.tag}> {tok}: no {rule.period_type} "
                                        "period could be read; not converted", Span(t.line, start, end), "error"))
                continue
            fact = _fact(rule, concept, tok, Span(t.line, start, end), period, multiplier, unit_code, table_id, col)
            if fact is None:
                diags.append(Diagnostic("ex27.bad-value", f"{table_id}: <{t.tag}> value {tok!r} is not a number "
                                        "or its unit is unknown; not converted", Span(t.line, start, end), "error"))
                continue
            facts.append(fact)
    return facts, diags


def _multiplier(tag: TagLine | None, table_id: str) -> tuple[Decimal, list[Diagnostic]]:
    """<MULTIPLIER> 1,000 -> Decimal(1000); absent means 1."""
    if tag is None or not tag.tokens:
        return Decimal(1), []
    try:
        value = Decimal(tag.tokens[0][0].replace(",", ""))
    except InvalidOperation:
        value = Decimal(0)
    if value <= 0:
        return Decimal(1), [Diagnostic("ex27.multiplier", f"{table_id}: unreadable <MULTIPLIER> {tag.text!r}; "
                                       "values taken as printed", Span(tag.line, 0, 0), "error")]
    return value, []


def _column_anchors(header: Mapping[str, TagLine]) -> tuple[int, ...]:
    """Right edges of the value columns, from PERIOD-END (else PERIOD-TYPE, FISCAL-YEAR-END)."""
    for name in ("PERIOD-END", "PERIOD-TYPE", "FISCAL-YEAR-END"):
        if name in header and header[name].tokens:
            return tuple(end for _, _, end in header[name].tokens)
    return (0,)


def _nearest(anchors: tuple[int, ...], end: int) -> int:
    """Index of the column whose right edge is closest to a value's right edge."""
    if len(anchors) == 1:
        return 0
    return min(range(len(anchors)), key=lambda i: (abs(anchors[i] - end), i))


def _token_at(header: Mapping[str, TagLine], name: str, col: int, ncols: int) -> str:
    """The value of a header tag for a column (a single value applies to every column)."""
    tag = header.get(name)
    if tag is None or not tag.tokens:
        return ""
    if len(tag.tokens) == ncols:
        return tag.tokens[col][0]
    return tag.tokens[0][0] if len(tag.tokens) == 1 else ""


def _column_periods(header: Mapping[str, TagLine], col: int, table_id: str, diags: list[Diagnostic]
                    ) -> tuple[Period | None, Period | None]:
    """(instant, duration) of one column from PERIOD-END, PERIOD-TYPE and PERIOD-START."""
    ncols = len(_column_anchors(header))
    end = parse_date(_token_at(header, "PERIOD-END", col, ncols))
    if end is None:
        return None, None
    start = parse_date(_token_at(header, "PERIOD-START", col, ncols))
    ptype = _token_at(header, "PERIOD-TYPE", col, ncols).upper()
    if start is None and ptype in PERIOD_MONTHS:
        start = months_before(end, PERIOD_MONTHS[ptype])
        if end != _month_end(end):
            line = header["PERIOD-END"].line
            diags.append(Diagnostic("ex27.period-start", f"{table_id}: {ptype} ending {end.isoformat()} is taken "
                                    f"to start on {start.isoformat()} (calendar months)", Span(line, 0, 0), "info"))
    if start is None or start > end:
        return Instant(end), None
    return Instant(end), Duration(start, end)


def parse_date(text: str) -> date | None:
    """EX-27 dates: MAR-28-1997 (also 03/28/1997 and 19970328)."""
    t = text.strip().upper()
    try:
        m = re.fullmatch(r"([A-Z]{3})-(\d{1,2})-(\d{4})", t)
        if m and m[1] in MONTHS:
            return date(int(m[3]), MONTHS[m[1]], int(m[2]))
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
        if m:
            return date(int(m[3]), int(m[1]), int(m[2]))
        m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", t)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return None


def _month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def months_before(end: date, months: int) -> date:
    """First day of the `months`-long period ending on `end`: MAR-31 and 3 -> JAN-01; MAR-28 and 6 -> SEP-29."""
    if end == _month_end(end):
        idx = end.year * 12 + end.month - 1 - (months - 1)
        return date(idx // 12, idx % 12 + 1, 1)
    idx = end.year * 12 + end.month - 1 - months
    y, m = idx // 12, idx % 12 + 1
    day = min(end.day, _month_end(date(y, m, 1)).day)
    return date(y, m, day) + timedelta(days=1)


def _concept(rule: TagRule, concepts: Mapping[str, Concept]) -> Concept:
    """The taxonomy concept of a rule; an extension concept when the taxonomy lacks it or the rule names none."""
    if rule.concept and rule.concept in concepts:
        return concepts[rule.concept]
    ns = load_namespaces()
    data_type = "pure" if rule.data_type == "percent" else rule.data_type
    local = rule.concept or "Ex27" + "".join(p.capitalize() for p in re.split(r"[^A-Za-z0-9]+", rule.tag) if p)
    return Concept(QName(ns.ext_prefix, ns.ext_namespace, local), data_type, rule.period_type, rule.balance,
                   f"EX-27 {rule.tag}", extension=True)


def intended_concept(fact: Fact) -> str:
    """The concept local name taxonomy/ex27.csv gives an EX-27 fact (its label is the tag), or ""."""
    rules, _ = load_rules()
    article = fact.section.rsplit(" ", 1)[-1] if fact.section.startswith("EX-27 article") else ""
    rule = rules.get((article, fact.label))
    return rule.concept if rule is not None else ""


def parse_number(token: str) -> tuple[Decimal, int] | None:
    """Printed EX-27 number -> (signed value, digits after the point): "(1,234.5)" -> (-1234.5, 1)."""
    m = _NUMBER.match(token)
    if not m or (m[1] is None) != (m[4] is None):
        return None
    digits = m[3].replace(",", "")
    value = Decimal(digits)
    places = len(digits.split(".")[1]) if "." in digits else 0
    negative = bool(m[1]) or bool(m[2]) or bool(m[5])
    return (-value if negative else value), places


def _fact(rule: TagRule, concept: Concept, token: str, span: Span, period: Period, multiplier: Decimal,
          currency: str, table_id: str, col: int) -> Fact | None:
    """One tag value as a Fact, or None when the value is not a number or has no unit."""
    parsed = parse_number(token)
    if parsed is None:
        return None
    number, places = parsed
    if rule.data_type == "perShare":
        if not currency:
            return None
        unit, value, scale, decimals = Unit((currency,), ("shares",)), number, 0, places
    elif rule.data_type == "percent":
        unit, value, scale, decimals = Unit(("pure",)), number / 100, -2, places + 2
    else:
        if not currency:
            return None
        scale = _power_of_ten(multiplier)
        value = number * multiplier
        decimals = places - scale if scale is not None else places
        unit, scale = Unit((currency,)), scale if scale is not None else 0
    amount = Amount(token, value, scale, decimals, span, unit)
    return Fact(concept, period, unit, (), amount, rule.tag, f"EX-27 article {rule.article}", table_id, col)


def _power_of_ten(value: Decimal) -> int | None:
    """3 for 1000, 0 for 1, None for 2500."""
    sign, digits, exponent = value.normalize().as_tuple()
    if digits == (1,) and isinstance(exponent, int) and not sign:
        return exponent
    return None
