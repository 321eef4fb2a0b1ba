"""Conversion from a mapped Report into an XBRL 2.1 instance with its generated taxonomy files (built with lxml)."""

from __future__ import annotations

from pathlib import Path

from ...fsutil import atomic_write_bytes, atomic_write_text
from ...mapping.load import load_taxonomy
from ...memo import Same, report_cache
from ...model import Report, dims_text, period_text
from ..csvtext import csv_text
from .dts import extension_files
from .instance import Dropped, OutFact, instance_facts, instance_xml
from .names import Plan, make_plan
from .schemas import base_schemas

MAPPING_COLUMNS = ("table_id", "label", "section", "concept", "status", "note")
DUPLICATE_COLUMNS = ("concept", "period", "dims", "unit", "kept_value", "kept_table_id", "kept_line", "dropped_value",
                     "dropped_table_id", "dropped_line")
"""duplicates.csv: each figure left out of the XBRL instance because it conflicts with a kept one (XBRL allows
one value per element, context and unit), beside the figure kept."""


def mapping_csv_text(report: Report) -> str:
    """The mapping report: one row per printed label and the concept it became."""
    return csv_text([MAPPING_COLUMNS, *((m.table_id, m.label, m.section, m.concept, m.status, m.note)
                                        for m in report.mappings)])


def duplicates_csv_text(dropped: list[Dropped]) -> str:
    """duplicates.csv content (DUPLICATE_COLUMNS)."""
    rows = []
    for d in dropped:
        o, k = d.dropped, d.kept
        rows.append((o.name.text, period_text(o.period), dims_text(o.dims), o.unit.text if o.unit else "", k.value,
                     k.fact.table_id if k.fact else "", k.fact.line if k.fact else "", o.value,
                     o.fact.table_id if o.fact else "", o.fact.line if o.fact else ""))
    return csv_text([DUPLICATE_COLUMNS, *rows])


@report_cache
def _built(key: Same) -> tuple[Plan, list[OutFact], list[Dropped], dict[str, bytes]]:
    """xbrl_view() of key's report, kept while the next writer of the same report needs it."""
    (report,) = key.parts
    plan = make_plan(report, load_taxonomy())
    facts, dropped = instance_facts(report, plan)
    return plan, facts, dropped, {**base_schemas(plan), **extension_files(report, plan, facts)}


def xbrl_view(report: Report) -> tuple[Plan, list[OutFact], list[Dropped], dict[str, bytes]]:
    """A report's naming plan, instance facts, left-out duplicates and taxonomy files (schemas and linkbases): the
    XBRL and xBRL-CSV writers both need them, so the second of them finds them made (the pipeline then drops them)."""
    return _built(Same(report))


def write_xbrl(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/xbrl/<stem>.xml with the schemas and linkbases it needs, out_dir/mapping.csv and
    out_dir/duplicates.csv."""
    plan, facts, dropped, taxonomy = xbrl_view(report)
    files = {**taxonomy, plan.files()["instance"]: instance_xml(report, plan, facts)}
    written = [atomic_write_bytes(out_dir / "xbrl" / name, data) for name, data in sorted(files.items())]
    written.append(atomic_write_text(out_dir / "mapping.csv", mapping_csv_text(report)))
    written.append(atomic_write_text(out_dir / "duplicates.csv", duplicates_csv_text(dropped)))
    return written


def instance_path(report: Report, out_dir: Path) -> Path:
    """Where write_xbrl puts the instance."""
    return out_dir / "xbrl" / make_plan(report, load_taxonomy()).files()["instance"]
