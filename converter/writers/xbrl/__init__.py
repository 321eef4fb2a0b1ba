"""Conversion from a mapped Report into an XBRL 2.1 instance with its generated taxonomy files (XML written as text)."""

from __future__ import annotations

from pathlib import Path

from ...fsutil import atomic_write_bytes, atomic_write_text
from ...mapping.load import load_taxonomy
from ...model import Report
from ..csvtext import csv_line, csv_text
from .dts import base_schema
from .instance import instance_xml
from .names import make_plan
from .shared import dts_and_facts

MAPPING_COLUMNS = ("table_id", "label", "section", "concept", "status", "note")


def mapping_csv_text(report: Report) -> str:
    """The mapping report: one row per printed label and the concept it became."""
    return csv_line(MAPPING_COLUMNS) + csv_text([(m.table_id, m.label, m.section, m.concept, m.status, m.note)
                                                 for m in report.mappings])


def write_xbrl(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/xbrl/<stem>.xml, the schemas and linkbases it needs, and out_dir/mapping.csv."""
    plan = make_plan(report, load_taxonomy())
    folder = out_dir / "xbrl"
    extension, facts = dts_and_facts(report, plan)
    files = {**base_schema(plan), **extension, plan.files()["instance"]: instance_xml(report, plan, facts)}
    written = [atomic_write_bytes(folder / name, data) for name, data in sorted(files.items())]
    written.append(atomic_write_text(out_dir / "mapping.csv", mapping_csv_text(report)))
    return written


def instance_path(report: Report, out_dir: Path) -> Path:
    """Where write_xbrl puts the instance."""
    return out_dir / "xbrl" / make_plan(report, load_taxonomy()).files()["instance"]
