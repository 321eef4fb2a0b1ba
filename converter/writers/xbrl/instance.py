"""A mapped Report -> an XBRL 2.1 instance (contexts, units and facts with deterministic ids, sorted)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Callable, Sequence

from ...model import Dims, Duration, Instant, Period, Report, Unit
from ...record import record
from ..identity import per_object
from ..native_out import format_decimal
from .names import (
    ISO4217,
    LINK,
    XBRLDI,
    XBRLI,
    XLINK,
    Name,
    Plan,
    clean_dims,
    concept_names,
    unit_id,
)
from .xmltext import Document, Fragment, attr, attributes


@record
class OutFact:
    """One fact as written: element, context key, unit, decimals and lexical value."""

    name: Name  # element
    period: Period  # context period
    dims: Dims  # context dimensions (no default members)
    unit: Unit | None  # None for non-numeric facts
    decimals: int | None  # None for non-numeric facts
    value: str  # lexical value


def entity(report: Report, plan: Plan) -> tuple[str, str]:
    """(scheme, identifier): the CIK when known, else the file stem under the fallback scheme."""
    if report.meta.cik.strip("0 "):
        return plan.taxonomy.entity_scheme, report.meta.cik.strip().zfill(10)
    return plan.taxonomy.fallback_entity_scheme, plan.stem


def _document_period(report: Report) -> Period | None:
    end = report.meta.period_of_report
    durations = [f.period for f in report.facts if isinstance(f.period, Duration)]
    if end is None:
        ends = [p.end for p in durations] + [f.period.date for f in report.facts if isinstance(f.period, Instant)]
        end = max(ends) if ends else report.meta.filed
    if end is None:
        return None
    matching = [p for p in durations if p.end == end]
    return min(matching, key=lambda p: (p.start, p.end)) if matching else Duration(end, end)


def document_facts(report: Report, plan: Plan) -> list[OutFact]:
    """Document and entity information facts (form type, company, CIK, period end, source file)."""
    period = _document_period(report)
    if period is None:
        return []
    tax = plan.taxonomy
    values = {
        "DocumentType": report.meta.form_type,
        "EntityRegistrantName": report.meta.company,
        "EntityCentralIndexKey": report.meta.cik.strip().zfill(10) if report.meta.cik.strip("0 ") else "",
        "DocumentPeriodEndDate": report.meta.period_of_report.isoformat() if report.meta.period_of_report else "",
        "SourceDocumentName": Path(report.source.replace("\\", "/")).name,
    }
    return [OutFact(Name(tax.prefix, tax.namespace, k), period, (), None, None, v) for k, v in values.items() if v]


def out_facts(report: Report, plan: Plan) -> list[OutFact]:
    """Every fact of the report as written, sorted by element, context and unit (document facts first).

    Equal periods, dims and units of table facts are made one object each, so later steps may key them by identity."""
    same: dict[object, object] = {}  # period, dims or unit -> the first equal one seen
    period_of = per_object(lambda p: (same.setdefault(p, p), period_key(p)))
    dims_of = per_object(lambda d: same.setdefault(clean := clean_dims(d), clean))
    unit_of = per_object(lambda u: (same.setdefault(u, u), unit_id(u)))
    name_of = concept_names(plan)
    names: dict[int, tuple[Name, str]] = {}  # by concept identity
    aspects: dict[tuple[int, int, int], tuple] = {}  # by the identities of a fact's period, dims and unit
    values: dict[Decimal, str] = {}
    keyed = []
    for f in report.facts:
        named = names.get(id(f.concept))
        if named is None:
            named = names[id(f.concept)] = _named(name_of(f.concept))
        aspect = aspects.get(key := (id(f.period), id(f.dims), id(f.unit)))
        if aspect is None:
            aspect = aspects[key] = (*period_of(f.period), dims_of(f.dims), *unit_of(f.unit))
        value = f.xbrl_value
        text = values.get(value)
        if text is None:
            text = values[value] = format_decimal(value)
        name, concept_text = named
        period, period_sort, dims, unit, uid = aspect
        decimals = f.amount.decimals
        out = OutFact(name, period, dims, unit, decimals, text)
        keyed.append(((concept_text, period_sort, dims, uid, decimals, text), out))
    keyed.sort(key=itemgetter(0))  # the sort key only: equal keys keep fact order
    return document_facts(report, plan) + [o for _, o in keyed]


def _named(name: Name) -> tuple[Name, str]:
    return name, name.text


def period_key(p: Period) -> tuple[str, str]:
    return (p.date.isoformat(), "") if isinstance(p, Instant) else (p.start.isoformat(), p.end.isoformat())


def context_id(period: Period, dims: Dims, index: int) -> str:
    """A readable, deterministic context id: I2004-06-30, D2004-04-01_2004-06-30, with _n for dimensional ones."""
    base = f"I{period.date.isoformat()}" if isinstance(period, Instant) else \
        f"D{period.start.isoformat()}_{period.end.isoformat()}"
    return base if not dims else f"{base}_{index}"


def contexts(facts: Sequence[OutFact]) -> dict[tuple[Period, Dims], str]:
    """(period, dims) -> context id, numbered in sorted order."""
    pairs = {(id(o.period), id(o.dims)): (o.period, o.dims) for o in facts}  # hashing records costs more than id()
    keys = sorted(set(pairs.values()), key=lambda k: (period_key(k[0]), k[1]))
    ids: dict[tuple[Period, Dims], str] = {}
    counter: dict[str, int] = {}
    for period, dims in keys:
        base = context_id(period, (), 0)
        n = counter.get(base, 0) + (1 if dims else 0)
        counter[base] = n
        ids[(period, dims)] = context_id(period, dims, n)
    return ids


def _context(doc: Document, explicit: Callable[[str, str], tuple[str, str]], cid: str, period: str, dims: Dims,
             identifier: str) -> None:
    """One xbrli:context; its period and entity identifier given as text (_period(), _identifier())."""
    doc.start("xbrli:context", f' id="{attr(cid)}"')
    doc.start("xbrli:entity", "")
    doc.insert(identifier)
    if dims:
        doc.start("xbrli:segment", "")
        for axis, member in dims:
            dimension, value = explicit(axis, member)
            doc.leaf("xbrldi:explicitMember", f' dimension="{attr(dimension)}"', value)
        doc.end()
    doc.end()
    doc.insert(period)
    doc.end()


def _identifier(scheme: str, ident: str) -> str:
    """The xbrli:identifier of every context, as text at its depth."""
    element = Fragment(depth=3)
    element.leaf("xbrli:identifier", {"scheme": scheme}, ident)
    return element.text()


def _period(period: Period) -> str:
    """A context's xbrli:period, as text at its depth."""
    element = Fragment(depth=2)
    element.start("xbrli:period")
    if isinstance(period, Instant):
        element.leaf("xbrli:instant", content=period.date.isoformat())
    else:
        element.leaf("xbrli:startDate", content=period.start.isoformat())
        element.leaf("xbrli:endDate", content=period.end.isoformat())
    element.end()
    return element.text()


def _unit(doc: Document, plan: Plan, unit: Unit) -> None:
    doc.start("xbrli:unit", {"id": unit_id(unit)})
    if unit.denominators:
        doc.start("xbrli:divide")
        for part, measures in (("unitNumerator", unit.numerators), ("unitDenominator", unit.denominators)):
            doc.start(f"xbrli:{part}")
            for m in measures:
                doc.leaf("xbrli:measure", content=plan.measure(m))
            doc.end()
        doc.end()
    else:
        for m in unit.numerators:
            doc.leaf("xbrli:measure", content=plan.measure(m))
    doc.end()


def instance_xml(report: Report, plan: Plan, facts: Sequence[OutFact] | None = None) -> bytes:
    """The instance document bytes (facts: out_facts(), when already made)."""
    facts = out_facts(report, plan) if facts is None else facts
    tax = plan.taxonomy
    nsmap = {"xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldi": XBRLDI, "iso4217": ISO4217,
             tax.prefix: tax.namespace, plan.ext_prefix: plan.ext_ns}
    prefix_of = {ns: p for p, ns in nsmap.items()}
    for ns in sorted({o.name.namespace for o in facts} - set(prefix_of)):  # never so far: concepts are ours
        prefix_of[ns] = f"ns{len(nsmap)}"
        nsmap[prefix_of[ns]] = ns
    doc = Document("xbrli:xbrl", nsmap)
    doc.leaf("link:schemaRef", {"xlink:type": "simple", "xlink:href": plan.files()["schema"]})
    scheme, ident = entity(report, plan)
    ctx_ids = contexts(facts)

    @cache  # each member's names made once for this filing
    def explicit(axis: str, member: str) -> tuple[str, str]:
        return plan.axis(axis).text, plan.member(axis, member).text

    identifier = _identifier(scheme, ident)
    period_of = per_object(_period)
    for (period, dims), cid in sorted(ctx_ids.items(), key=lambda kv: kv[1]):
        _context(doc, explicit, cid, period_of(period), dims, identifier)
    units = sorted({o.unit for o in facts if o.unit is not None}, key=unit_id)
    for unit in units:
        _unit(doc, plan, unit)
    unit_ids = {u: unit_id(u) for u in units}
    tags: dict[int, str] = {}  # by Name identity (one Name object per element)

    def attributes_of(o: OutFact) -> str:
        """The fact's attributes as text."""
        cid = ctx_ids[(o.period, o.dims)]
        if o.unit is None:
            return attributes({"contextRef": cid})
        return attributes({"contextRef": cid, "unitRef": unit_ids[o.unit], "decimals": str(o.decimals)})

    aspects: dict[tuple[int, int, int, int | None], str] = {}  # by period, dims and unit identity, and decimals
    leaves = []
    for o in facts:
        attrs = aspects.get(key := (id(o.period), id(o.dims), id(o.unit), o.decimals))
        if attrs is None:
            attrs = aspects[key] = attributes_of(o)
        tag = tags.get(id(o.name))
        if tag is None:
            tag = tags[id(o.name)] = f"{prefix_of[o.name.namespace]}:{o.name.local}"
        leaves.append((tag, attrs, o.value))
    doc.text_leaves(leaves)
    return doc.to_bytes()
