"""What the XBRL and xBRL-CSV writers both build for a report (extension DTS, sorted facts), built once for both."""

from __future__ import annotations

from ...memo import Same, report_cache
from ...model import Report
from .dts import extension_files
from .instance import OutFact, out_facts
from .names import Plan


@report_cache
def _built(key: Same, ext_ns: str, stem: str) -> tuple[dict[str, bytes], tuple[OutFact, ...]]:
    """The extension files and sorted facts of key's (report, taxonomy) under the plan of ext_ns and stem."""
    report, taxonomy = key.parts
    plan = Plan(taxonomy, ext_ns, stem)
    return extension_files(report, plan), tuple(out_facts(report, plan))


def dts_and_facts(report: Report, plan: Plan) -> tuple[dict[str, bytes], tuple[OutFact, ...]]:
    """extension_files() and out_facts() of a report, kept while the next writer of the same report needs them."""
    files, facts = _built(Same(report, plan.taxonomy), plan.ext_ns, plan.stem)
    return dict(files), facts
