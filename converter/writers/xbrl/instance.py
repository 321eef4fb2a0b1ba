"""A mapped Report -> an XBRL 2.1 instance (contexts, units and facts with deterministic ids, sorted)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree

from ...model import Duration, Instant, Period, Report, Unit
from ..native_out import format_decimal
from .names import ISO4217, LINK, XBRLDI, XBRLI, XLINK, Name, Plan, fact_dims, unit_id

Dims = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
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
    """Every fact of the report as written, sorted by element, context and unit (document facts first)."""
    numeric = [OutFact(plan.concept(f.concept), f.period, fact_dims(f), f.unit, f.amount.decimals,
                       format_decimal(f.xbrl_value)) for f in report.facts]
    numeric.sort(key=lambda o: (o.name.text, period_key(o.period), o.dims, unit_id(o.unit) if o.unit else "",
                                o.decimals if o.decimals is not None else 0, o.value))
    return document_facts(report, plan) + numeric


def period_key(p: Period) -> tuple[str, str]:
    return (p.date.isoformat(), "") if isinstance(p, Instant) else (p.start.isoformat(), p.end.isoformat())


def context_id(period: Period, dims: Dims, index: int) -> str:
    """A readable, deterministic context id: I2004-06-30, D2004-04-01_2004-06-30, with _n for dimensional ones."""
    base = f"I{period.date.isoformat()}" if isinstance(period, Instant) else \
        f"D{period.start.isoformat()}_{period.end.isoformat()}"
    return base if not dims else f"{base}_{index}"


def contexts(facts: list[OutFact]) -> dict[tuple[Period, Dims], str]:
    """(period, dims) -> context id, numbered in sorted order."""
    keys = sorted({(o.period, o.dims) for o in facts}, key=lambda k: (period_key(k[0]), k[1]))
    ids: dict[tuple[Period, Dims], str] = {}
    counter: dict[str, int] = {}
    for period, dims in keys:
        base = context_id(period, (), 0)
        n = counter.get(base, 0) + (1 if dims else 0)
        counter[base] = n
        ids[(period, dims)] = context_id(period, dims, n)
    return ids


def _date(d: date) -> str:
    return d.isoformat()


def instance_xml(report: Report, plan: Plan) -> bytes:
    """The instance document bytes."""
    facts = out_facts(report, plan)
    tax = plan.taxonomy
    nsmap = {"xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldi": XBRLDI, "iso4217": ISO4217,
             tax.prefix: tax.namespace, plan.ext_prefix: plan.ext_ns}
    root = etree.Element(f"{{{XBRLI}}}xbrl", nsmap=nsmap)
    etree.SubElement(root, f"{{{LINK}}}schemaRef", {f"{{{XLINK}}}type": "simple",
                                                    f"{{{XLINK}}}href": plan.files()["schema"]})
    scheme, ident = entity(report, plan)
    ctx_ids = contexts(facts)
    for (period, dims), cid in sorted(ctx_ids.items(), key=lambda kv: kv[1]):
        ctx = etree.SubElement(root, f"{{{XBRLI}}}context", id=cid)
        ent = etree.SubElement(ctx, f"{{{XBRLI}}}entity")
        etree.SubElement(ent, f"{{{XBRLI}}}identifier", scheme=scheme).text = ident
        if dims:
            seg = etree.SubElement(ent, f"{{{XBRLI}}}segment")
            for axis, member in dims:
                etree.SubElement(seg, f"{{{XBRLDI}}}explicitMember",
                                 dimension=plan.axis(axis).text).text = plan.member(axis, member).text
        per = etree.SubElement(ctx, f"{{{XBRLI}}}period")
        if isinstance(period, Instant):
            etree.SubElement(per, f"{{{XBRLI}}}instant").text = _date(period.date)
        else:
            etree.SubElement(per, f"{{{XBRLI}}}startDate").text = _date(period.start)
            etree.SubElement(per, f"{{{XBRLI}}}endDate").text = _date(period.end)
    units = sorted({o.unit for o in facts if o.unit is not None}, key=unit_id)
    for unit in units:
        u = etree.SubElement(root, f"{{{XBRLI}}}unit", id=unit_id(unit))
        if unit.denominators:
            div = etree.SubElement(u, f"{{{XBRLI}}}divide")
            for part, measures in (("unitNumerator", unit.numerators), ("unitDenominator", unit.denominators)):
                holder = etree.SubElement(div, f"{{{XBRLI}}}{part}")
                for m in measures:
                    etree.SubElement(holder, f"{{{XBRLI}}}measure").text = plan.measure(m)
        else:
            for m in unit.numerators:
                etree.SubElement(u, f"{{{XBRLI}}}measure").text = plan.measure(m)
    for o in facts:
        attrs = {"contextRef": ctx_ids[(o.period, o.dims)]}
        if o.unit is not None:
            attrs["unitRef"] = unit_id(o.unit)
            attrs["decimals"] = str(o.decimals)
        etree.SubElement(root, o.name.clark, attrs).text = o.value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def safe_stem(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text)
