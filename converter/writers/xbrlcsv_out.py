"""Conversion from a mapped Report into an xBRL-CSV 1.0 report (JSON metadata + one facts table)."""

from __future__ import annotations

import json
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Sequence

from ..fsutil import atomic_write_bytes, atomic_write_text
from ..mapping.load import load_taxonomy
from ..model import Dims, Instant, Period, Report
from .csvtext import csv_field, csv_fields, csv_line
from .xbrl.dts import base_schema
from .xbrl.instance import OutFact, entity, out_facts
from .xbrl.names import ISO4217, XBRLI, Plan, make_plan
from .xbrl.shared import dts_and_facts

DOCUMENT_TYPE = "https://xbrl.org/2021/xbrl-csv"
ENTITY_PREFIX = "entity"


def oim_period(p: Period) -> str:
    """OIM period text: an instant is the midnight after its date; a duration runs midnight to midnight."""
    if isinstance(p, Instant):
        return f"{(p.date + timedelta(days=1)).isoformat()}T00:00:00"
    return f"{p.start.isoformat()}T00:00:00/{(p.end + timedelta(days=1)).isoformat()}T00:00:00"


def _unit(plan: Plan, unit) -> str:  # type: ignore[no-untyped-def]
    if unit is None or (unit.numerators == ("pure",) and not unit.denominators):
        return ""  # OIM: a numeric fact without a unit dimension is in xbrli:pure
    num = "*".join(plan.measure(m) for m in unit.numerators)
    return f"{num}/{'*'.join(plan.measure(m) for m in unit.denominators)}" if unit.denominators else num


def metadata(report: Report, plan: Plan, axes: list[str]) -> dict:
    """The JSON metadata document."""
    tax = plan.taxonomy
    scheme, ident = entity(report, plan)
    dims: dict[str, str] = {"concept": "$concept", "entity": f"{ENTITY_PREFIX}:{ident}", "period": "$period",
                            "unit": "$unit"}
    columns: dict[str, dict] = {"concept": {}, "period": {}, "unit": {}}
    for axis in axes:
        dims[plan.axis(axis).text] = f"${axis}"
        columns[axis] = {}
    columns["decimals"] = {}
    columns["value"] = {"dimensions": {}, "decimals": "$decimals"}
    return {
        "documentInfo": {
            "documentType": DOCUMENT_TYPE,
            "namespaces": {tax.prefix: tax.namespace, plan.ext_prefix: plan.ext_ns, "iso4217": ISO4217,
                           "xbrli": XBRLI, ENTITY_PREFIX: scheme},
            "taxonomy": [plan.files()["schema"]],
        },
        "tableTemplates": {"facts": {"dimensions": dims, "columns": columns}},
        "tables": {"facts": {"template": "facts", "url": "facts.csv"}},
    }


def facts_csv_text(report: Report, plan: Plan, axes: list[str], facts: Sequence[OutFact] | None = None) -> str:
    """The facts table: one row per fact, the same facts and order as the XML instance (facts: out_facts()).

    Each record is joined from the CSV text of its concept, of the fields between concept and value (what facts of one
    context, unit and decimals share) and of its value."""

    @cache  # for this filing only
    def members(dims: Dims) -> list[str]:
        chosen = dict(dims)
        return [plan.member(a, chosen[a]).text if a in chosen else "" for a in axes]

    def fields(o: OutFact) -> tuple[str, ...]:
        """The fields between concept and value."""
        decimals = "" if o.decimals is None else str(o.decimals)
        return (oim_period(o.period), _unit(plan, o.unit), *members(o.dims), decimals)

    concepts: dict[int, str] = {}  # by Name identity (one Name object per element)
    aspects: dict[tuple[int, int, int, int | None], str] = {}  # by period, dims, unit identity; decimals
    lines = [csv_line(("concept", "period", "unit", *axes, "decimals", "value"))]
    for o in out_facts(report, plan) if facts is None else facts:
        concept = concepts.get(id(o.name))
        if concept is None:
            concept = concepts[id(o.name)] = csv_field(o.name.text)
        between = aspects.get(key := (id(o.period), id(o.dims), id(o.unit), o.decimals))
        if between is None:
            between = aspects[key] = csv_fields(fields(o))
        lines.append(f"{concept},{between},{csv_field(o.value)}\n")
    return "".join(lines)


def write_xbrl_csv(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/xbrl-csv/report.json, facts.csv and the taxonomy files they reference."""
    plan = make_plan(report, load_taxonomy())
    folder = out_dir / "xbrl-csv"
    extension, facts = dts_and_facts(report, plan)
    axes = sorted({a for dims in {id(o.dims): o.dims for o in facts}.values() for a, _ in dims})
    meta = json.dumps(metadata(report, plan, axes), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    written = [atomic_write_bytes(folder / n, d) for n, d in sorted({**base_schema(plan), **extension}.items())]
    written.append(atomic_write_text(folder / "facts.csv", facts_csv_text(report, plan, axes, facts)))
    written.append(atomic_write_text(folder / "report.json", meta))
    return written
