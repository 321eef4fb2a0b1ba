"""Conversion from a mapped Report into an xBRL-CSV 1.0 report (JSON metadata + one facts table)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Sequence

from ..fsutil import atomic_write_bytes, atomic_write_text
from ..model import Instant, Period, Report
from .csvtext import csv_text
from .xbrl import xbrl_view
from .xbrl.instance import OutFact, entity
from .xbrl.names import ISO4217, XBRLI, Plan

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
                           "xbrli": XBRLI, "dei": plan.dei_ns, ENTITY_PREFIX: scheme},
            "taxonomy": [plan.files()["schema"]],
        },
        "tableTemplates": {"facts": {"dimensions": dims, "columns": columns}},
        "tables": {"facts": {"template": "facts", "url": "facts.csv"}},
    }


def facts_csv_text(plan: Plan, axes: list[str], facts: Sequence[OutFact]) -> str:
    """The facts table: one row per fact, the same facts and order as the XML instance (instance_facts())."""
    rows: list[Sequence[str]] = [("concept", "period", "unit", *axes, "decimals", "value")]
    for o in facts:
        chosen = dict(o.dims)
        members = [plan.member(a, chosen[a]).text if a in chosen else "" for a in axes]
        decimals = "" if o.decimals is None else str(o.decimals)
        rows.append((o.name.text, oim_period(o.period), _unit(plan, o.unit), *members, decimals, o.value))
    return csv_text(rows)


def write_xbrl_csv(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/xbrl-csv/report.json, facts.csv and the taxonomy files they reference."""
    plan, facts, _, taxonomy = xbrl_view(report)
    folder = out_dir / "xbrl-csv"
    axes = sorted({a for o in facts for a, _ in o.dims})
    meta = json.dumps(metadata(report, plan, axes), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    written = [atomic_write_bytes(folder / n, d) for n, d in sorted(taxonomy.items())]
    written.append(atomic_write_text(folder / "facts.csv", facts_csv_text(plan, axes, facts)))
    written.append(atomic_write_text(folder / "report.json", meta))
    return written
