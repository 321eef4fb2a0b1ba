"""A mapped Report -> an XBRL 2.1 instance (cover facts, contexts, units and facts with deterministic ids, sorted)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from ...checks.calc_network import kept_facts
from ...model import Dims, Duration, Fact, Instant, Period, Report, Unit
from ...record import record
from ..native_out import cik_text, format_decimal
from .cover import cover_values
from .names import ISO4217, LINK, XBRLDI, XBRLI, XLINK, Name, Plan, clean_dims, unit_id
from .tree import document, root, sub


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
    out.sort(key=lambda o: (o.name.text, period_key(o.period), o.dims, unit_id(o.unit),  # type: ignore[arg-type]
                            o.decimals, o.value))
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


def _context(parent: Any, plan: Plan, cid: str, period: Period, dims: Dims, scheme: str, ident: str) -> None:
    context = sub(parent, "xbrli:context", {"id": cid})
    entity_element = sub(context, "xbrli:entity")
    sub(entity_element, "xbrli:identifier", {"scheme": scheme}, ident)
    if dims:
        segment = sub(entity_element, "xbrli:segment")
        for axis, member in dims:
            sub(segment, "xbrldi:explicitMember", {"dimension": plan.axis(axis).text}, plan.member(axis, member).text)
    when = sub(context, "xbrli:period")
    if isinstance(period, Instant):
        sub(when, "xbrli:instant", text=period.date.isoformat())
    else:
        sub(when, "xbrli:startDate", text=period.start.isoformat())
        sub(when, "xbrli:endDate", text=period.end.isoformat())


def _unit(parent: Any, plan: Plan, unit: Unit) -> None:
    element = sub(parent, "xbrli:unit", {"id": unit_id(unit)})
    if unit.denominators:
        divide = sub(element, "xbrli:divide")
        for part, measures in (("unitNumerator", unit.numerators), ("unitDenominator", unit.denominators)):
            holder = sub(divide, f"xbrli:{part}")
            for m in measures:
                sub(holder, "xbrli:measure", text=plan.measure(m))
    else:
        for m in unit.numerators:
            sub(element, "xbrli:measure", text=plan.measure(m))


def instance_xml(report: Report, plan: Plan, facts: Sequence[OutFact]) -> bytes:
    """The instance document bytes of facts (instance_facts())."""
    tax = plan.taxonomy
    nsmap = {"xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldi": XBRLDI, "iso4217": ISO4217, "dei": plan.dei_ns,
             tax.prefix: tax.namespace, plan.ext_prefix: plan.ext_ns}
    for ns in sorted({o.name.namespace for o in facts} - set(nsmap.values())):  # never so far: concepts are ours
        nsmap[f"ns{len(nsmap)}"] = ns
    xbrl = root("xbrli:xbrl", nsmap)
    sub(xbrl, "link:schemaRef", {"xlink:type": "simple", "xlink:href": plan.files()["schema"]})
    scheme, ident = entity(report, plan)
    ids = context_ids(facts)
    for (period, dims), cid in sorted(ids.items(), key=lambda kv: kv[1]):
        _context(xbrl, plan, cid, period, dims, scheme, ident)
    for unit in sorted({o.unit for o in facts if o.unit is not None}, key=unit_id):
        _unit(xbrl, plan, unit)
    for o in facts:
        attrs = {"contextRef": ids[(o.period, o.dims)]}
        if o.unit is not None:
            attrs.update(unitRef=unit_id(o.unit), decimals=str(o.decimals))
        sub(xbrl, o.name.clark, attrs, o.value)
    return document(xbrl)
