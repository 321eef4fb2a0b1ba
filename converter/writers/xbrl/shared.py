"""What the XBRL and xBRL-CSV writers both build for a report (extension DTS, sorted facts), built once for both."""

from __future__ import annotations

from ...memo import report_cache
from ...model import Report
from .dts import extension_files
from .instance import OutFact, out_facts
from .names import Plan


class _SameReport:
    """A report and its plan, equal to another only for the very same report (a Report's hash walks every fact)."""

    __slots__ = ("report", "plan")

    def __init__(self, report: Report, plan: Plan) -> None:
        self.report = report
        self.plan = plan

    def __hash__(self) -> int:
        return id(self.report)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _SameReport) and other.report is self.report and other.plan == self.plan


@report_cache
def _built(key: _SameReport) -> tuple[dict[str, bytes], tuple[OutFact, ...]]:
    return extension_files(key.report, key.plan), tuple(out_facts(key.report, key.plan))


def dts_and_facts(report: Report, plan: Plan) -> tuple[dict[str, bytes], tuple[OutFact, ...]]:
    """extension_files() and out_facts() of a report, kept while the next writer of the same report needs them."""
    files, facts = _built(_SameReport(report, plan))
    return dict(files), facts
