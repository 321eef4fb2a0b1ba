"""A mapped Report -> an XBRL 2.1 instance (cover facts, contexts, units and facts with deterministic ids, sorted)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from lxml.etree import Element

from ...checks.calc_network import kept_facts
from ...model import Dims, Duration, Fact, Instant, Period, Report, Unit
from ...record import record
from ..native_out import cik_text, format_decimal
from .cover import cover_values
from .names import (ISO4217, LINK, XBRLDI, XBRLI, XL_HREF, XL_TYPE, XLINK, Name, Plan, child, clark, clean_dims,
                    document, unit_id)


@record
class OutFact:
    """One fact as written: element, context key, unit, decimals and lexical value."""

    name: Name  # element
    period: Period  # context period
    dims: Dims  # context dimensions (no default members)
    unit: Unit | None  # None for non-numeric facts
    decimals: int | None  # None for non-numeric facts
    value: str  # lexical value
    fact: Fact | None = None  # the report's fact it was made from (None for cover facts)


@record
class Dropped:
    """A fact left out of the instance: it duplicates a kept fact (same element, context and unit) inconsistently."""

    dropped: OutFact
    kept: OutFact  # the first fact kept for the same element, context and unit


def entity(report: Report, plan: Plan) -> tuple[str, str]:
    """(scheme, identifier): the CIK when known, else the file stem under the fallback scheme."""
    cik = cik_text(report.meta)
    if cik:
        return plan.taxonomy.entity_scheme, cik
    return plan.taxonomy.fallback_entity_scheme, plan.stem


def document_period(report: Report) -> Period | None:
    """The period of the cover facts: the longest duration (the year to date, as SEC filings have it) ending at the
    period of report (else at the latest date reported), or that day alone."""
    end = report.meta.period_of_report
    durations = [f.period for f in report.facts if isinstance(f.period, Duration)]
    if end is None:
        ends = [p.end for p in durations] + [f.period.date for f in report.facts if isinstance(f.period, Instant)]
        end = max(ends) if ends else report.meta.filed
    if end is None:
        return None
    matching = [p for p in durations if p.end == end]
    return min(matching, key=lambda p: (p.start, p.end)) if matching else Duration(end, end)


def cover_facts(report: Report, plan: Plan) -> list[OutFact]:
    """Document and entity information facts (form, registrant, CIK, period, fiscal focus), then the source file."""
    period = document_period(report)
    if period is None:
        return []
    end = period.end if isinstance(period, Duration) else period.date
    out = [OutFact(plan.dei(k), period, (), None, None, v)
           for k, v in cover_values(report.meta, cik_text(report.meta), end).items()]
    source = Name(plan.taxonomy.prefix, plan.taxonomy.namespace, "SourceDocumentName")
    return out + [OutFact(source, period, (), None, None, Path(report.source.replace("\\", "/")).name)]


def instance_facts(report: Report, plan: Plan) -> tuple[list[OutFact], list[Dropped]]:
    """The facts the instance holds (cover facts first, then sorted by element, context and unit) and the
    inconsistent duplicates left out (calc_network.kept_facts: a primary statement's figure is kept, then the first
    printed)."""
    kept, dropped = kept_facts(report)
    out = [_out_fact(plan, f) for f in kept]
    periods = {p: period_key(p) for p in {o.period for o in out}}
    units = {u: unit_id(u) for u in {o.unit for o in out}}  # type: ignore[arg-type]
    out.sort(key=lambda o: (o.name.text, periods[o.period], o.dims, units[o.unit], o.decimals, o.value))
    return cover_facts(report, plan) + out, [Dropped(_out_fact(plan, d), _out_fact(plan, k)) for d, k in dropped]


def _out_fact(plan: Plan, f: Fact) -> OutFact:
    return OutFact(plan.concept(f.concept), f.period, clean_dims(f.dims), f.unit, f.amount.decimals,
                   format_decimal(f.xbrl_value), f)


def period_key(p: Period) -> tuple[str, str]:
    return (p.date.isoformat(), "") if isinstance(p, Instant) else (p.start.isoformat(), p.end.isoformat())


def context_ids(facts: Sequence[OutFact]) -> dict[tuple[Period, Dims], str]:
    """(period, dims) -> a readable, deterministic context id: I2004-06-30, D2004-04-01_2004-06-30, with _n added
    for dimensional ones, numbered in sorted order."""
    ids: dict[tuple[Period, Dims], str] = {}
    counter: dict[str, int] = {}
    for period, dims in sorted({(o.period, o.dims) for o in facts}, key=lambda k: (period_key(k[0]), k[1])):
        start, end = period_key(period)
        base = f"I{start}" if isinstance(period, Instant) else f"D{start}_{end}"
        if dims:
            counter[base] = counter.get(base, 0) + 1
        ids[(period, dims)] = f"{base}_{counter[base]}" if dims else base
    return ids


XI = f"{{{XBRLI}}}"
"""The instance namespace, as its elements' Clark names start."""
EXPLICIT_MEMBER = clark(XBRLDI, "explicitMember")


def _context(parent: Any, plan: Plan, cid: str, period: Period, dims: Dims, scheme: str, ident: str) -> None:
    context = child(parent, XI + "context", {"id": cid})
    entity_element = child(context, XI + "entity")
    child(entity_element, XI + "identifier", {"scheme": scheme}).text = ident
    if dims:
        segment = child(entity_element, XI + "segment")
        for axis, member in dims:
            member_element = child(segment, EXPLICIT_MEMBER, {"dimension": plan.axis(axis).text})
            member_element.text = plan.member(axis, member).text
    when = child(context, XI + "period")
    if isinstance(period, Instant):
        child(when, XI + "instant").text = period.date.isoformat()
    else:
        child(when, XI + "startDate").text = period.start.isoformat()
        child(when, XI + "endDate").text = period.end.isoformat()


def _unit(parent: Any, plan: Plan, unit: Unit, uid: str) -> None:
    element = child(parent, XI + "unit", {"id": uid})
    if unit.denominators:
        divide = child(element, XI + "divide")
        for part, measures in (("unitNumerator", unit.numerators), ("unitDenominator", unit.denominators)):
            holder = child(divide, XI + part)
            for m in measures:
                child(holder, XI + "measure").text = plan.measure(m)
    else:
        for m in unit.numerators:
            child(element, XI + "measure").text = plan.measure(m)


def instance_xml(report: Report, plan: Plan, facts: Sequence[OutFact]) -> bytes:
    """The instance document bytes of facts (instance_facts())."""
    tax = plan.taxonomy
    nsmap = {"xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldi": XBRLDI, "iso4217": ISO4217, "dei": plan.dei_ns,
             tax.prefix: tax.namespace, plan.ext_prefix: plan.ext_ns}
    for ns in sorted({o.name.namespace for o in facts} - set(nsmap.values())):  # never so far: concepts are ours
        nsmap[f"ns{len(nsmap)}"] = ns
    xbrl = Element(XI + "xbrl", nsmap=nsmap)
    child(xbrl, clark(LINK, "schemaRef"), {XL_TYPE: "simple", XL_HREF: plan.files()["schema"]})
    scheme, ident = entity(report, plan)
    ids = context_ids(facts)
    for (period, dims), cid in sorted(ids.items(), key=lambda kv: kv[1]):
        _context(xbrl, plan, cid, period, dims, scheme, ident)
    units = {unit: unit_id(unit) for unit in {o.unit for o in facts if o.unit is not None}}
    for unit, uid in sorted(units.items(), key=lambda kv: kv[1]):
        _unit(xbrl, plan, unit, uid)
    for o in facts:
        if o.unit is None:
            child(xbrl, o.name.clark, {"contextRef": ids[(o.period, o.dims)]}).text = o.value
        else:
            child(xbrl, o.name.clark, {"contextRef": ids[(o.period, o.dims)], "unitRef": units[o.unit],
                                       "decimals": str(o.decimals)}).text = o.value
    return document(xbrl)
