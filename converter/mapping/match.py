"""A Report with provisional concepts -> a Report whose facts carry taxonomy or extension concepts and XBRL signs."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ..interpret.numbers import half_unit
from ..model import Diagnostic, Fact, LineItem, MappingDecision, Report, Statement, period_text
from .choose import (Choice, Extensions, Index, RowContext, Sides, choose_named, concept_for_label, fact_data_type,
                     index_of, label_sources, subtractive)
from .evidence import primary_order, Ex27Evidence
from .keys import BindingKeys
from .load import Taxonomy
from .normalise import concept_name as camel_name
from .passes import (apply_arithmetic, apply_balance_headings, apply_balance_identity, apply_ex27, apply_held_rows,
                     apply_identity, apply_members)
from .signs import row_signs

__all__ = ["concept_for_label", "extension_namespace", "fact_data_type", "label_sources", "map_report",
           "statement_kind"]

KIND_PRIORITY = {"income": 0, "balance": 1, "cashflow": 2, "equity": 3}
"""Statements mapped first win a concept when two tables print different figures for one fact."""


def statement_kind(statement: Statement | None, taxonomy: Taxonomy) -> str:
    """The statement kind, from the engine or, for "other", from title phrases in statement_titles.csv."""
    if statement is None:
        return "other"
    if statement.kind not in ("", "other"):
        return statement.kind
    title = f" {taxonomy.key(statement.title)} "
    for phrase, kind in taxonomy.statement_titles:
        if phrase and f" {phrase} " in title:
            return kind
    return "other"


def extension_namespace(report: Report, taxonomy: Taxonomy) -> str:
    """The per-filing extension namespace: base/<cik or file stem>/<period of report>."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", report.source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0])
    ident = report.meta.cik.lstrip("0") or stem or "filing"
    when = report.meta.period_of_report.isoformat() if report.meta.period_of_report else "undated"
    return f"{taxonomy.extension_namespace_base}/{ident}/{when}"


def _interval(f: Fact) -> tuple[Decimal, Decimal]:
    half = half_unit(f.amount.decimals)
    v = f.xbrl_value
    return v - half, v + half


def _sign_evidence(facts: tuple[Fact, ...], choices: list[Choice]) -> tuple[int, int]:
    """How many subtracted items are printed negative and positive (costs in parentheses -> signed table)."""
    sub = [f.amount.value for f, c in zip(facts, choices) if c.subtractive]
    return sum(1 for v in sub if v < 0), sum(1 for v in sub if v > 0)


def _tagged(fact: Fact) -> bool:
    """A fact whose concept its reader already knew (an EX-27 tag mapped by taxonomy/ex27.csv)."""
    return fact.table_id.startswith("ex27") and not fact.concept.extension


class _Rows:
    """The choice of each row, made once: facts of one row differ only in period and value."""

    def __init__(self, index: Index, ext: Extensions) -> None:
        self.index, self.ext = index, ext
        self.rows: dict[tuple, Choice] = {}  # by label, section, dims, unit object id, period kind, statement
        self.named: dict[tuple, Choice] = {}  # by what choose_named reads: rows of many tables share a choice

    def choice(self, f: Fact, kind: str, title: str, item: LineItem | None, side: str, section: str) -> Choice:
        """The choice for f's row in a statement of this kind and title (f's unit is alive while self is used),
        read under section (its printed section, or the cash-flow activity its place puts it in).

        Rows read the same way share one choice: an extension name depends only on the arguments of ext.concept
        (a name once given keeps its type), so choosing again for equal arguments would give an equal choice."""
        path = item.path if item is not None else ()
        total = bool(item is not None and item.subtotal)
        row = (f.label, section, path, total, side, f.dims, id(f.unit), f.period.kind, kind, title)
        c = self.rows.get(row)
        if c is None:
            sources = label_sources(f, title, self.index.tax, item)
            ctx = RowContext(section, path, kind, fact_data_type(f.unit), f.period.kind, total, side)
            named = (sources, ctx, "" if sources else title)
            c = self.named.get(named)
            if c is None:
                c = self.named[named] = choose_named(sources, ctx, title, self.index, self.ext)
                if sources and not f.label.strip() and c.status == "matched":
                    c = self.named[named] = replace(c, evidence="heading", note=f"{c.note} (the heading it closes)")
            self.rows[row] = c
        return c


_ACTIVITY = re.compile(r"\b(operating|investing|financing)\s+activities\b", re.IGNORECASE)


_CLOSING_CASH = re.compile(r"\bcash\b.*\b(?:at\s+)?end\s+of\s+(?:the\s+)?(?:year|period|quarter)\b", re.IGNORECASE)
SUPPLEMENTAL = "Cash paid"
"""The section of the rows a cash-flow statement prints below its closing cash balance: supplemental disclosures."""


def _activities(st: Statement) -> dict[int, str]:
    """Cash-flow rows printed under no activity heading -> the activity whose "Net cash ... activities" total comes
    next below them ("Net cash provided by (used in) discontinued operations" between the investing items and "Net
    cash used in investing activities" is investing's): the statement's arithmetic places them."""
    out: dict[int, str] = {}
    closing = next((it.line for it in st.rows if it.row_kind == "value" and _CLOSING_CASH.search(it.label)), None)
    for it in st.rows:  # rows after the closing cash balance disclose what was paid ("Income taxes", "Interest")
        if closing is not None and it.row_kind == "value" and it.line > closing and not it.subtotal:
            out[it.line] = SUPPLEMENTAL
    below = ""
    for it in reversed(st.rows):
        if it.row_kind != "value":
            continue
        m = _ACTIVITY.search(it.label)
        if m and it.subtotal or m and it.label.lower().lstrip().startswith("net cash"):
            below = f"{m[1].capitalize()} activities"
            continue
        if below and not _ACTIVITY.search(it.section) and not any(_ACTIVITY.search(h) for h in it.path):
            out[it.line] = below
    return out


def map_report(report: Report, taxonomy: Taxonomy) -> Report:
    """Give every fact a taxonomy concept (or a declared extension), an XBRL sign, and record the decisions."""
    ext = Extensions(extension_namespace(report, taxonomy), taxonomy.extension_prefix)
    index = index_of(taxonomy)
    rows = _Rows(index, ext)
    groups: list[tuple[Statement | None, tuple[Fact, ...]]] = [(st, st.facts) for st in report.statements]
    groups.append((None, report.extra_facts))
    kinds = [statement_kind(st, taxonomy) for st, _ in groups]
    primary = primary_order(report.statements, kinds, taxonomy) + [3]
    order = sorted(range(len(groups)), key=lambda i: (primary[i], KIND_PRIORITY.get(kinds[i], 9), i))
    ex27 = Ex27Evidence(report.extra_facts)
    chosen: dict[int, list[Choice]] = {}
    evidence: dict[int, tuple[int, int]] = {}
    for gi, (st, facts) in enumerate(groups):
        kind, title = kinds[gi], st.title if st else ""
        items = {it.line: it for it in st.rows} if st is not None else {}
        sides = Sides(index, kind)
        activities = _activities(st) if st is not None and kind == "cashflow" else {}
        out: list[Choice] = []
        chosen[gi] = out
        line, item, side = -1, None, ""  # the row of the facts before (a row's facts come together)
        for f in facts:
            if _tagged(f):
                out.append(Choice(f.concept, "matched", "EX-27 tag", False, subtractive(f.concept, taxonomy),
                                  evidence="tag"))
                continue
            if f.line != line:
                line = f.line
                item = items.get(line)
                side = sides.of(item)
            out.append(rows.choice(f, kind, title, item, side, activities.get(line, f.section)))
        if st is not None:
            apply_ex27(facts, chosen[gi], ex27, index, ext)
    apply_held_rows(groups, kinds, primary, chosen, index)
    apply_identity(groups, chosen, index)
    apply_balance_identity(groups, kinds, chosen, index)
    apply_arithmetic(groups, chosen, index)
    apply_members(groups, kinds, chosen, index)
    apply_balance_headings(groups, kinds, chosen, index)
    _drop_shared_guesses(groups, chosen, ext)
    for gi, (st, facts) in enumerate(groups):
        evidence[gi] = _sign_evidence(facts, chosen[gi])
    filing_signed = sum(e[0] for e in evidence.values()) > sum(e[1] for e in evidence.values())
    signs: dict[int, list[int]] = {}
    for gi, (st, facts) in enumerate(groups):
        neg, pos = evidence[gi]
        convention = neg > pos if neg != pos else filing_signed
        signs[gi] = [1] * len(facts)
        by_row: dict[tuple, list[int]] = {}
        for i, f in enumerate(facts):
            by_row.setdefault((f.line, chosen[gi][i].concept.qname.local), []).append(i)
        for idx in by_row.values():
            c = chosen[gi][idx[0]]
            for i, sign in zip(idx, row_signs([facts[i] for i in idx], c.concept, c.subtractive, convention,
                                              taxonomy)):
                signs[gi][i] = sign
    # primary statements claim a concept first (rank 0 before other tables), full-label matches before fallback
    # matches, then statements by kind priority
    rank = {gi: r for r, gi in enumerate(order)}
    strength = {"tag": 0, "alias": 0, "ex27": 0, "identity": 1, "arithmetic": 1, "terms": 2, "heading": 3,
                "heading-member": 3}
    work = sorted(((primary[gi], c.weak, rank[gi], strength.get(c.evidence, 2), gi, i)
                   for gi in chosen for i, c in enumerate(chosen[gi])))
    results: dict[int, list[Fact]] = {gi: list(groups[gi][1]) for gi in chosen}
    decisions, diagnostics = _settle(work, groups, chosen, signs, results, ext)
    mapped = {gi: tuple(fs) for gi, fs in results.items()}
    diagnostics.sort(key=lambda d: (d.span.line if d.span else 0, d.code, d.message))
    statements = tuple(replace(st, facts=mapped[i]) for i, (st, _) in enumerate(groups[:-1]) if st is not None)
    first_lines: dict[str, int] = {}
    for st in report.statements:
        first_lines.setdefault(st.table_id, st.first_line)
    decision_list = sorted(decisions, key=lambda d: (first_lines.get(d.table_id, 0), d.table_id, d.label, d.concept))
    return replace(report, statements=statements, extra_facts=mapped[len(groups) - 1],
                   mappings=tuple(decision_list), diagnostics=report.diagnostics + tuple(diagnostics),
                   taxonomy_version=taxonomy.version, calc_groups=None,  # new concepts: groups to be found again
                   calc_networks=None)


GUESSES = frozenset({"terms", "heading", "heading-member"})
"""Evidence that guesses a concept from a label's words or its heading, not from a printed name or figure."""


def _drop_shared_guesses(groups: list[tuple[Statement | None, tuple[Fact, ...]]],
                         chosen: dict[int, list[Choice]], ext: Extensions) -> None:
    """A guessed concept that two rows of one statement claim for the same period with different figures ("Gains
    on Dispositions" and "Gain on Disposition of Discontinued Operations" both read as gains on disposals) stays
    with the first; the later rows keep their own (extension) names, whole, rather than one cell of a row losing
    a clash later and the row being split between two concepts."""
    for gi, (st, facts) in enumerate(groups):
        if st is None:
            continue
        rows: dict[tuple, dict[int, Decimal]] = {}
        for f, c in zip(facts, chosen[gi]):
            if c.evidence in GUESSES and not c.concept.extension:
                rows.setdefault((c.concept.qname.local, f.period, f.unit, f.dims), {})[f.line] = abs(f.amount.value)
        # rows printing the same figure for it state one fact twice (cash at the start of a year, and at the end
        # of the one before); rows printing different figures cannot both be it
        # the first such row keeps the guess, the later ones keep their own names, whole
        items = {it.line: it for it in st.rows}
        later = {(key[0], line) for key, lines in rows.items() if len(set(lines.values())) > 1
                 for line in lines if line != _keeper(lines, items)}
        if not later:
            continue
        for i, (f, c) in enumerate(zip(facts, chosen[gi])):
            if c.evidence in GUESSES and (c.concept.qname.local, f.line) in later:
                name = f.label or f.section or "Amount"
                concept = ext.concept(camel_name(name), c.concept.data_type, c.concept.period_type, name, set())
                chosen[gi][i] = Choice(concept, "extension", f"{c.concept.qname.local} ({c.evidence}) would name "
                                       f"more than one row of {st.table_id}", evidence="none")


def _keeper(lines: dict[int, Decimal], items: dict[int, LineItem]) -> int:
    """Which of the rows claiming one guessed concept keeps it: a total naming another of them ("Total interest and
    other income, net" closing "Interest and other income, net"), else the first."""
    names = {line: " ".join(items[line].label.lower().split()) for line in lines if line in items}
    totals = [line for line, name in names.items() if items[line].subtotal and name.startswith("total ")
              and name[len("total "):] in names.values()]
    return totals[0] if len(totals) == 1 else min(lines)


def _settle(work: list[tuple[int, bool, int, int, int, int]], groups: list[tuple[Statement | None, tuple[Fact, ...]]],
            chosen: dict[int, list[Choice]], signs: dict[int, list[int]], results: dict[int, list[Fact]],
            ext: Extensions) -> tuple[list[MappingDecision], list[Diagnostic]]:
    """Map the facts in work order into results, settling duplicates; the decisions and diagnostics made."""
    seen: dict[tuple, tuple[Decimal, Decimal, Fact] | Fact] = {}
    bindings = BindingKeys()
    decisions: dict[tuple, MappingDecision] = {}
    diagnostics: list[Diagnostic] = []
    for *_, gi, i in work:
        f, c = groups[gi][1][i], chosen[gi][i]
        nf = f.mapped(c.concept, signs[gi][i])
        status, note = c.status, c.note
        qname = nf.concept.qname
        key = (qname.namespace, qname.local, bindings.of(f))  # _settle_duplicate's first key
        if key not in seen:  # most facts come once: kept as they are
            seen[key], clash = nf, None
        else:
            nf, clash = _settle_duplicate(nf, seen, ext, key[2])
        if isinstance(clash, SignTaken):
            note = f"{note}; {clash}"
            diagnostics.append(Diagnostic("mapping.sign-from-duplicate", f"{f.label!r} in {f.table_id}: {clash}",
                                          f.amount.span, "info"))
        elif clash is not None:
            status, note = "ambiguous", f"{note}; {clash}"
            diagnostics.append(Diagnostic("mapping.duplicate-conflict", f"{f.label!r} in {f.table_id}: {clash}",
                                          f.amount.span, "warning"))
        results[gi][i] = nf
        qname = nf.concept.qname
        dk = (nf.table_id, nf.label, nf.section, qname.prefix, qname.local)  # str(qname) is prefix:local
        if dk not in decisions:
            decided = c.evidence if not c.concept.extension else "none"
            decisions[dk] = MappingDecision(f.label, f.section, f.table_id, str(qname), status, f"{decided}: {note}")
            if status != "matched" and (clash is None or isinstance(clash, SignTaken)):
                sev = "warning" if status == "ambiguous" else "info"
                diagnostics.append(Diagnostic(f"mapping.{status}", f"{f.label or f.section!r} in {f.table_id} -> "
                                              f"{qname} ({note})", f.amount.span, sev))
    return list(decisions.values()), diagnostics


class SignTaken(str):
    """The note of a duplicate printed with the opposite sign, whose XBRL sign the earlier fact decided."""


def _settle_duplicate(f: Fact, seen: dict[tuple, tuple[Decimal, Decimal, Fact] | Fact], ext: Extensions,
                      binding: int) -> tuple[Fact, str | None]:
    """Keep a fact whose value agrees with earlier facts of the same concept/period/unit/dims; else rename it to an
    extension (a figure that differs from the primary one is another measure; the cross-table check reports it).

    binding numbers f's (period, unit, dims) (BindingKeys). seen holds the first fact of each key, or once another
    agreed with it, the intersection of their rounding intervals and the first fact (most facts come once)."""
    clash: str | None = None
    taken: set[str] = set()
    base = ""
    while True:
        key = (f.concept.qname.namespace, f.concept.qname.local, binding)  # QName identity is (namespace, local)
        prev = seen.get(key)
        if prev is None:
            seen[key] = f
            return f, clash
        if isinstance(prev, Fact):
            prev = (*_interval(prev), prev)
        lo, hi = _interval(f)
        if max(lo, prev[0]) <= min(hi, prev[1]):
            seen[key] = (max(lo, prev[0]), min(hi, prev[1]), prev[2])
            return f, clash
        other = prev[2]
        if clash is None and f.xbrl_value and max(-hi, prev[0]) <= min(-lo, prev[1]):
            # the same figure seen from the other side (a reconciliation run backwards, "movement in creditors"):
            # the earlier statement's sign states the concept's direction
            f = replace(f, xbrl_sign=-f.xbrl_sign)
            seen[key] = (max(-hi, prev[0]), min(-lo, prev[1]), prev[2])
            return f, SignTaken(f"{f.concept.qname} {period_text(f.period)} is printed with the opposite sign in "
                                f"{other.table_id} line {other.line}; XBRL sign taken from there")
        if clash is None:
            clash = (f"{f.concept.qname} {period_text(f.period)} {f.xbrl_value} differs from "
                     f"{other.xbrl_value} in {other.table_id} line {other.line}; kept as extension")
        taken.add(f.concept.qname.local)
        if not base:
            base = f.concept.qname.local if f.concept.extension else camel_name(f.label or f.section or "Amount")
        f = replace(f, concept=ext.concept(base, f.concept.data_type, f.concept.period_type,
                                           f.label or f.section, taken), xbrl_sign=1)
